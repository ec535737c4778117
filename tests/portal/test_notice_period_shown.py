"""The public record page shows a 公示's period with its end worked out in working days or calendar days,
and says which."""

from datetime import date

from django.urls import reverse

from tests.portal.conftest import published


def _period(client, world, **notice):
    rec = published(
        world,
        "关于2024年国家奖学金评定结果的公示",
        is_notice=True,
        notice_start=date(2024, 9, 27),
        notice_days=5,
        objection_contact="学生工作处，电话 0898-66660001",
        **notice,
    )
    html = client.get(reverse("portal:record", args=[world.institution.slug, rec.pk])).content.decode()
    cell = html[html.index('id="notice-period">') + len('id="notice-period">') :]
    return cell[: cell.index("</td>")]


def test_working_days(client, world):
    assert _period(client, world) == "2024-09-27 — 2024-10-09（5 个工作日）"


def test_calendar_days(client, world):
    assert _period(client, world, notice_day_kind="calendar") == "2024-09-27 — 2024-10-01（5 天，按自然日计算）"
