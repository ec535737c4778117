"""Sending one message: by e-mail through Django's mail API, or as a text to a group robot's webhook.

Runs outside any transaction (see services.deliver): a slow mail server holds no lock."""

from __future__ import annotations

import json
import urllib.request

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection

from xxgk.notify.models import Channel, Message


class DeliveryError(Exception):
    """The message could not be handed over; the text says why."""


def send_email(message: Message) -> None:
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        connection=connection,
    )
    for item in message.attachments:
        try:
            with default_storage.open(item["path"], "rb") as fh:
                email.attach(item["name"], fh.read())
        except OSError as exc:
            raise DeliveryError(f"附件 {item['name']} 无法读取：{exc}") from exc
    try:
        if email.send() != 1:
            raise DeliveryError("邮件服务器未接收")
    except (OSError, ValueError) as exc:  # smtplib errors are OSError subclasses
        raise DeliveryError(str(exc) or type(exc).__name__) from exc


def send_webhook(message: Message) -> None:
    """企业微信 and 钉钉 group robots both take {"msgtype": "text", "text": {"content": …}}."""
    if not message.recipient.startswith(("https://", "http://")):
        raise DeliveryError("群机器人地址必须以 https:// 或 http:// 开头")
    payload = {"msgtype": "text", "text": {"content": f"{message.subject}\n{message.body}".strip()}}
    request = urllib.request.Request(
        message.recipient,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.EMAIL_TIMEOUT) as response:  # noqa: S310 - checked above
            answer = response.read(10_000)
    except OSError as exc:
        raise DeliveryError(str(exc) or type(exc).__name__) from exc
    try:
        code = json.loads(answer or b"{}").get("errcode", 0)
    except (ValueError, AttributeError):
        code = 0
    if code:
        raise DeliveryError(f"群机器人拒收：{answer[:200].decode(errors='replace')}")


SENDERS = {Channel.EMAIL: send_email, Channel.WEBHOOK: send_webhook}
