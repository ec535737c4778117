"""E-mail to the applicant at receipt, when a third party is consulted and when the reply is sent (the
补正 and extension notices are e-mailed by foi/notices.py). Each carries a signed link that opens the
application's status page without the query code and password (`core/links.py`); the reply's message
lists the files it discloses, each with a signed link that downloads it (`file_entry`)."""

from __future__ import annotations

from django.urls import reverse

from xxgk.core.links import absolute, case_token
from xxgk.notify.services import queue

LINK_KIND = "application"


def case_link(app) -> str:
    return absolute(reverse("foi:link", args=[app.institution.slug, case_token(LINK_KIND, app.pk)]))


def file_entry(app, row) -> dict:
    """A disclosed file as the reply's message lists it: its name and the signed link that downloads it."""
    token = case_token(LINK_KIND, app.pk)
    return {"name": row.name, "url": absolute(reverse("foi:link_file", args=[app.institution.slug, token, row.pk]))}


def tell_applicant(app, kind: str, *, attachments=(), **context) -> None:
    """Queue message `kind` to the applicant if they gave an e-mail address; call inside the transaction
    of the change it reports."""
    if app.email:
        queue(
            kind,
            institution=app.institution,
            to=app.email,
            about=app,
            context={"application": app, "link": case_link(app), **context},
            attachments=list(attachments),
        )
