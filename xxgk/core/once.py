"""Public forms are idempotent: the signed token of a form can be used once.

A repeat of a submission (a double click, a reload, a retry after a timeout) finds what the first
made and shows that again, never a second application or letter:

    prior = once.first(SCOPE, token)           # before anything else: (result, secret) or None
    ...
    with transaction.atomic():
        once.claim(SCOPE, token, result, secret)   # first in the transaction that creates
        ...                                        # raises once.AlreadyUsed for the second of two

`claim` inserts a row keyed on a digest of the token (the token itself is not stored). Two submits
of one token at the same moment are serialised by the unique key: the second waits for the first's
transaction and then fails with `AlreadyUsed`, rolling back everything it did. A one-time secret
shown on the receipt (the applicant's query password) is kept sealed with a key derived from the
token, so only whoever holds the token (the browser that sent it) can have it shown again. Rows
older than the forms' longest life are pruned as new ones come, and by the nightly clean-up (`prune`).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from xxgk.core.models import FormUse

KEEP = timedelta(days=2)  # longer than any public form's token lives


class AlreadyUsed(Exception):
    """This token was used by a submission that committed first."""


def _digest(scope: str, token: str) -> str:
    return hashlib.sha256(f"{scope}\x00{token}".encode()).hexdigest()


def _keystream(scope: str, token: str, length: int) -> bytes:
    key = settings.SECRET_KEY.encode()
    out = b""
    counter = 0
    while len(out) < length:
        out += hmac.new(key, f"once\x00{scope}\x00{token}\x00{counter}".encode(), hashlib.sha256).digest()
        counter += 1
    return out[:length]


def _seal(scope: str, token: str, secret: str) -> str:
    data = secret.encode()
    return bytes(a ^ b for a, b in zip(data, _keystream(scope, token, len(data)))).hex()


def _unseal(scope: str, token: str, sealed: str) -> str:
    data = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(data, _keystream(scope, token, len(data)))).decode(errors="replace")


def first(scope: str, token: str) -> tuple[str, str] | None:
    """What the first submission with this token made, and its sealed secret; None if unused."""
    if not token:
        return None
    row = FormUse.objects.filter(digest=_digest(scope, token)).first()
    if row is None:
        return None
    return row.result, (_unseal(scope, token, row.sealed) if row.sealed else "")


def claim(scope: str, token: str, result: str, secret: str = "") -> None:
    """Mark the token used by `result`; call it inside the transaction that creates the result."""
    if not token:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("once.claim() must run inside the transaction that creates the result")
    try:
        with transaction.atomic():
            FormUse.objects.create(digest=_digest(scope, token), result=result, sealed=_seal(scope, token, secret))
    except IntegrityError:
        raise AlreadyUsed(scope) from None
    prune()


def prune(now=None) -> int:
    """Delete the used tokens older than any form lives (their forms can no longer be submitted); how many."""
    return FormUse.objects.filter(at__lt=(now or timezone.now()) - KEEP).delete()[0]
