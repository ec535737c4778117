"""E-mail to a letter's writer when their letter is received and when it is answered.

The writer's 联系方式 is free text (a phone number or an e-mail address); only an address is written
to. Each message carries a signed link that opens the letter without its query code and password."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse

from xxgk.core.links import absolute, case_token
from xxgk.notify.services import queue

LINK_KIND = "letter"


def writer_email(letter) -> str:
    contact = (letter.writer_contact or "").strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


def case_link(letter) -> str:
    return absolute(reverse("oversight:case", args=[letter.institution.slug, case_token(LINK_KIND, letter.pk)]))


def tell_writer(letter, kind: str) -> None:
    """Queue message `kind` ("oversight.received", "oversight.replied") to the writer, if they gave an address;
    call inside the transaction of the change it reports."""
    to = writer_email(letter)
    if to:
        queue(
            kind,
            institution=letter.institution,
            to=to,
            about=letter,
            context={"letter": {"code": letter.query_code, "subject": letter.subject}, "link": case_link(letter)},
        )
