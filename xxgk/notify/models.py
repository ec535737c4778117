"""Messages xxgk sends (e-mail, group-robot webhooks) and each institution's settings for them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("群机器人")


class State(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class MessageQuerySet(models.QuerySet):
    def about(self, obj):
        """Messages sent about `obj` (an application, a letter …), newest first."""
        return self.filter(about=about_key(obj)).order_by("-created_at", "-id")

    def due(self, now):
        """Queued messages whose next attempt has come."""
        return self.filter(state=State.QUEUED, next_attempt_at__lte=now)


def about_key(obj) -> str:
    """How a message names what it is about: "foi.application:12"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


class Message(models.Model):
    """One message to one recipient: written in the transaction of the change it reports, sent after commit.

    A failed attempt is retried later (``next_attempt_at``); after the last attempt the message is
    ``failed`` and stays on the case for a person to see."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, null=True, related_name="+")
    kind = models.CharField(_("类型"), max_length=50)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    recipient = models.CharField(_("收件人"), max_length=500)
    subject = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    attachments = models.JSONField(default=list, blank=True)  # [{"name": shown name, "path": storage name}]
    about = models.CharField(max_length=80, db_index=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(_("错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(db_index=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知消息")
        verbose_name_plural = _("通知消息")

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class MessageSetting(models.Model):
    """An institution's own text for one kind of message, or that kind turned off."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=50)
    enabled = models.BooleanField(_("发送"), default=True)
    subject = models.CharField(_("标题模板"), max_length=200)
    body = models.TextField(_("正文模板"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="notify_setting_once")]
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")


class DepartmentRobot(models.Model):
    """A department's 企业微信 or 钉钉 group robot: staff alerts about the department's work go there too."""

    department = models.OneToOneField("org.Department", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(_("群机器人地址"), max_length=500)
    enabled = models.BooleanField(_("发送"), default=True)

    class Meta:
        verbose_name = _("部门群机器人")
        verbose_name_plural = _("部门群机器人")

    def __str__(self) -> str:
        return f"{self.department}: {self.url}"
