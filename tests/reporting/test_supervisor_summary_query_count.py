"""The supervisor's summary of every institution runs the same number of queries for two institutions as for six,
and each row holds the figures that institution's own summary holds (nothing mixed between institutions)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reporting.conftest import END, START
from xxgk.catalog.models import CatalogItem
from xxgk.foi.models import ApplicantType, Application, Delivery, IdType, InfoForm
from xxgk.foi.models import Channel as ApplicationChannel
from xxgk.org.models import Department
from xxgk.org.services import create_institution
from xxgk.oversight.models import Case, CaseKind, Letter, Mailbox, MailboxKind
from xxgk.publishing import tallies
from xxgk.publishing.models import Channel, Posting, Record, RecordState
from xxgk.reporting import stats

TZ = ZoneInfo(settings.TIME_ZONE)
URL = "/staff/reporting/supervisor/?year=2022-2023"


def _another(n: int):
    return _fill(
        create_institution(name=f"汇总测试学院{n}", short_name=f"汇总{n}", code=f"S{n:03d}", slug=f"sum{n}"), n
    )


def _fill(inst, n: int):
    """A department, a channel and records published in the period (linked to catalog items and posted), and, each
    n + 1 of them, applications, letters and complaints received in it."""
    dept = Department.objects.create(institution=inst, name="汇总测试办公室", code="sumdzb")
    channel = Channel.objects.create(institution=inst, name="学校官网", kind="website", department=dept)
    items = list(CatalogItem.objects.filter(institution=inst)[:5])
    records = Record.objects.bulk_create(
        [
            Record(
                institution=inst,
                department=dept,
                title=f"汇总测试信息{i}",
                formed_on=date(2022, 10, 1) + timedelta(days=i),
                published_at=datetime.combine(date(2022, 10, 3) + timedelta(days=i), time(9), tzinfo=TZ),
                state=RecordState.PUBLISHED,
            )
            for i in range(20)
        ]
    )
    Record.items.through.objects.bulk_create(
        [Record.items.through(record_id=r.pk, catalogitem_id=items[i % 5].pk) for i, r in enumerate(records)]
    )
    Posting.objects.bulk_create([Posting(record=r, channel=channel, posted_on=date(2022, 10, 3)) for r in records])
    tallies.rebuild(inst)
    day = date(2022, 11, 1)
    for i in range(n + 1):
        Application.objects.create(
            institution=inst,
            code=f"S{n}A{i}",
            secret_hash="-",
            applicant_type=ApplicantType.NATURAL,
            name="申请人",
            id_type=IdType.RESIDENT_ID,
            id_number="460000200001010000",
            title="所需信息",
            info_form=InfoForm.ELECTRONIC,
            delivery=Delivery.EMAIL,
            channel=ApplicationChannel.ONLINE,
            received_on=day,
            clock_start=day,
        )
        box = Mailbox.objects.create(institution=inst, name=f"校长信箱{i}", kind=MailboxKind.values[0])
        Letter.objects.create(
            institution=inst,
            mailbox=box,
            query_code=f"S{n}L{i}",
            password_hash="-",
            subject="来信",
            message="内容",
            received_on=day,
        )
        Case.objects.create(institution=inst, kind=CaseKind.COMPLAINT, filed_on=day, matter="举报事项")
    return inst


def _queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_summary_of_six_institutions_runs_the_queries_of_two(world, client):
    _fill(world.institution, 4)
    _fill(world.other_institution, 5)
    client.force_login(world.supervisor)
    client.get(URL)  # reply types, report sections and the like, loaded once
    two, html = _queries(client)
    assert html.count('<tr><th scope="row">') == 2
    for n in range(4):
        _another(n)
    six, html = _queries(client)
    assert html.count('<tr><th scope="row">') == 6 and "汇总测试学院3" in html
    assert six == two


def test_each_row_is_that_institutions_own(world):
    schools = [_fill(world.institution, 2), _fill(world.other_institution, 0), _another(1)]
    together = {row.institution.pk: row for row in stats.summaries(schools, START, END)}
    for n, school in zip((2, 0, 1), schools):
        (alone,) = stats.summaries([school], START, END)
        assert together[school.pk] == alone
        mine = together[school.pk]
        assert (mine.channels, mine.timely.total, mine.coverage["current"]) == (20, 20, 5)
        assert (mine.applications, mine.mail.received, mine.complaints) == (n + 1, n + 1, n + 1)
