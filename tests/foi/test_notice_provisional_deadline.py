"""A notice whose deadline falls in a year whose official holiday arrangement is not out yet says 暂定."""

from datetime import date

from tests.foi.documents import docx_text, pdf_text
from xxgk.foi import services
from xxgk.foi.models import Notice


def test_a_2027_correction_deadline_is_marked_provisional(world, received):
    app = received(on=date(2026, 12, 18))
    services.request_correction(world.office, app, items="请写明所需信息的学年。", on=date(2026, 12, 21))
    notice = Notice.objects.get(application=app)
    assert notice.deadline == date(2027, 1, 5)  # 10 working days, 元旦 2027-01-01 by the statutory rules
    for text in (docx_text(notice.docx), pdf_text(notice.pdf)):
        assert "2027年1月5日（暂定）前补正" in text


def test_a_firm_deadline_is_not(world, received):
    app = received(on=date(2024, 3, 1))
    services.request_correction(world.office, app, items="请写明所需信息的年份。", on=date(2024, 3, 5))
    notice = Notice.objects.get(application=app)
    assert "2024年3月19日前补正" in pdf_text(notice.pdf) and "暂定" not in pdf_text(notice.pdf)
