"""A report of the personas' institution with applications and cases in it, and ways to find one of its
tables in the DOCX (by the caption paragraph before it), the HTML and the PDF's text."""

from __future__ import annotations

import io
from datetime import date

from docx import Document as Docx

from tests.foi.conftest import VALID_USCC, applicant, second_office
from xxgk.foi import services as foi
from xxgk.foi.models import ReplyType
from xxgk.oversight import services as oversight
from xxgk.reporting import annual

START, END = date(2023, 1, 1), date(2023, 12, 31)


def with_applications_and_cases(world):
    """Two applications received (a person's answered 予以公开, a company's still open) and cases: two
    reviews (维持, 纠正), a direct suit pending, a suit after review (其他) and three complaints."""
    first = foi.submit_online(world.institution, applicant(), today=date(2023, 3, 1)).application
    foi.draft_reply(
        world.office, first, reply_type=ReplyType.objects.get(code="public"), reason=None, text="答复如下。"
    )
    foi.approve_reply(second_office(world), first)
    foi.send_reply(world.office, first, on=date(2023, 3, 10))
    company = applicant(
        applicant_type="organisation",
        org_type="business",
        id_type="credit_code",
        id_number=VALID_USCC,
        contact_person="赵经办",
        name="某某公司",
    )
    foi.submit_online(world.institution, company, today=date(2023, 12, 20))
    for kind, filed, outcome, decided, route in (
        ("review", date(2023, 3, 1), "upheld", date(2023, 5, 1), ""),
        ("review", date(2023, 4, 1), "corrected", date(2023, 6, 1), ""),
        ("litigation", date(2023, 5, 1), "pending", None, "direct"),
        ("litigation", date(2023, 6, 1), "other", date(2023, 9, 1), "after_review"),
        ("complaint", date(2023, 2, 1), "corrected", date(2023, 2, 10), ""),
        ("complaint", date(2023, 7, 1), "upheld", date(2023, 7, 5), ""),
        ("complaint", date(2023, 11, 1), "pending", None, ""),
    ):
        oversight.record_case(
            world.office,
            world.institution,
            {
                "kind": kind,
                "filed_on": filed,
                "decided_on": decided,
                "matter": "申请公开招生录取名单被拒",
                "outcome": outcome,
                "route": route,
            },
        )
    return annual.build(world.institution, START, END, with_charts=False)


def docx_table(data: bytes, caption: str):
    """The table right after the paragraph `caption` in the DOCX."""
    d = Docx(io.BytesIO(data))
    body = list(d.element.body.iterchildren())
    for i, el in enumerate(body):
        if el.tag.endswith("}p") and "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")) == caption:
            nxt = body[i + 1]
            return next(t for t in d.tables if t._tbl is nxt)
    raise AssertionError(f"no table captioned {caption!r}")


def pdf_text(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        return "".join(page.get_text() for page in pdf)
