"""A demo institution given one of everything the demo does not make: a record whose attachment was masked
and corrected after publication, an application with a 补正, a consultation, a reply file masked before the
reply was sent, a possible duplicate, letters (one routed, one transferred by 12345) with a public reply and
ratings, a case, a survey, a closure, procurement, notification settings, a robot, an alert, an imported page, the province supervisor's reminder.
Everything through the services, as the office and its staff would do it."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.foi.conftest import applicant
from tests.screening_gate.conftest import resident_id
from xxgk.catalog.models import CatalogItem
from xxgk.foi import reply_files
from xxgk.foi import services as foi
from xxgk.foi.models import ReplyType
from xxgk.notify import services as notify
from xxgk.org.models import Department, Institution
from xxgk.oversight import round_reports
from xxgk.oversight import services as oversight
from xxgk.oversight.models import LetterSource, Mailbox, SourceKind
from xxgk.publishing import services as publishing
from xxgk.reporting import services as reporting
from xxgk.siteimport.models import ImportedPage
from xxgk.workcalendar import services as workcalendar

IDS = [resident_id(f"35050020010101{n:03d}") for n in range(1, 4)]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def id_list(title: str) -> bytes:
    rows = "\n".join(f"{n}\t陈思远\t{i}\t3000元" for n, i in enumerate(IDS, 1))
    return f"{title}\n序号\t姓名\t身份证号\t金额\n{rows}\n".encode()


def enrich(slug: str) -> dict:
    """Add the rows above to the demo institution `slug`; returns the main objects made."""
    inst = Institution.objects.get(slug=slug)

    def person(suffix):
        return get_user_model().objects.get(username=f"{slug}-{suffix}")

    drafter, checker, secrecy, signer, office = (
        person(s) for s in ("drafter", "checker", "secrecy", "signer", "office")
    )
    dept = Department.objects.get(institution=inst, code="xcb")
    item = CatalogItem.objects.filter(institution=inst, checklist_item__number=36).first()

    # a record with personal data in its attachment: masked, published, corrected
    record = publishing.create_draft(
        drafter,
        dept,
        {
            "title": "2023年国家助学金拟资助学生名单公示",
            "formed_on": date(2023, 10, 9),
            "body": "<p>名单见附件。联系人：陈老师，手机 13912345678。</p>",
        },
        items=[item] if item else (),
    )
    attachment = publishing.add_attachment(drafter, record, SimpleUploadedFile("助学金名单.txt", id_list("名单")))
    publishing.mask_attachment(drafter, attachment)
    publishing.submit(drafter, record)
    publishing.approve(checker, record)
    phone = record.findings.get(field="body")
    publishing.override_finding(secrecy, phone, reason="学生资助中心的值班手机，对外公布。")
    publishing.approve(secrecy, record)
    publishing.approve(signer, record)
    record = publishing.publish(signer, record, at=datetime(2023, 10, 10, 9, 30, tzinfo=SHANGHAI))
    record = publishing.correct(
        drafter, record, {"title": "2023年国家助学金拟资助学生名单公示（更正）"}, reason="标题漏写“公示”二字。"
    )
    oversight.rate(record, stars=4, comment="及时。", ip="203.0.113.7")
    ImportedPage.objects.create(
        institution=inst,
        path="info/1021/3345.htm",
        source_url="https://xxgk.example.edu.cn/info/1021/3345.htm",
        record=record,
        content_hash="0" * 64,
    )

    # an application: 补正, consultation, routed, a reply with a masked file, sent
    receipt = foi.submit_online(inst, applicant(), today=date(2023, 10, 9))
    app = receipt.application
    foi.request_correction(office, app, items="请写明所需信息的年份。", on=date(2023, 10, 10))
    foi.supplement(None, app, text="2023年。", on=date(2023, 10, 11))
    foi.start_consultation(office, app, third_party="某某科技有限公司", on=date(2023, 10, 12), address="某市某路1号")
    foi.end_consultation(office, app, on=date(2023, 10, 16), note="第三方同意公开。")
    foi.route(office, app, dept, comment="请宣传部办理")
    foi.draft_reply(drafter, app, reply_type=ReplyType.objects.get(code="public"), reason=None, text="现提供名单。")
    row = reply_files.add_reply_file(drafter, app, SimpleUploadedFile("答复附件.txt", id_list("答复")))
    reply_files.mask_reply_file(office, row)
    foi.approve_reply(office, app)
    foi.send_reply(office, app, on=date(2023, 10, 20))
    foi.submit_online(inst, applicant(), today=date(2023, 10, 23))  # the same again: flagged as a duplicate
    office.email = f"office@{slug}.example.edu.cn"
    office.save(update_fields=["email"])
    call_command("foi_alerts", "--date", "2024-03-01", stdout=StringIO())  # the second one is overdue by then

    # letters: one from the web, routed and answered in public; one transferred by 12345
    box = Mailbox.objects.filter(institution=inst, department__isnull=True).order_by("pk").first()
    oversight.update_mailbox(office, box, {}, handlers=[office, checker])
    letter, _password = oversight.submit_letter(
        box,
        writer_name="林小雨",
        writer_contact="13912345678",
        subject="图书馆开放时间",
        message="希望考试周图书馆延长开放时间。",
        wants_public_reply=True,
        files=[SimpleUploadedFile("照片.txt", "图书馆门口排队".encode())],
    )
    letter = oversight.reply_directly(office, letter)
    letter = oversight.draft_reply(office, letter, text="考试周开放至晚上十一点。")
    letter = oversight.check_wording(office, letter, text="林同学：您好！考试周开放至晚上十一点。")
    letter = oversight.send_reply(office, letter, public=True)
    oversight.rate_by_writer(letter, stars=5, comment="满意")
    oversight.rate(letter.reply, stars=3, ip="198.51.100.2")
    hotline = LetterSource.objects.filter(
        institution=inst, kind=SourceKind.HOTLINE
    ).first() or LetterSource.objects.create(institution=inst, name="12345便民服务平台", kind=SourceKind.HOTLINE)
    transferred, _password = oversight.register_letter(
        office,
        box,
        source=SourceKind.HOTLINE,
        received_on=date(2023, 10, 9),
        subject="食堂价格",
        message="食堂饭菜涨价。",
        source_system=hotline,
        external_ref="12345-20231009-001",
        external_due=date(2023, 10, 20),
    )
    oversight.route(office, transferred, dept, comment="请核实")

    # the rest of the office's own data
    oversight.record_case(
        office,
        inst,
        {
            "kind": "complaint",
            "filed_on": date(2023, 11, 1),
            "matter": "名单公开不全",
            "party": "匿名",
            "record": record,
        },
    )
    oversight.enter_survey(
        office,
        inst,
        title="2023年信息公开满意度调查",
        period_start=date(2023, 6, 1),
        period_end=date(2023, 6, 30),
        sample_size=200,
        satisfied_count=184,
    )
    workcalendar.add_closure(office, inst, date(2023, 12, 29), note="校运会")
    reporting.enter_procurement(
        office, dept, project="多媒体教室改造", kind="works", amount="1280000", completed_on=date(2023, 5, 10)
    )
    report = reporting.open_report(office, inst, period=reporting.academic_year(2022))
    reporting.edit_narrative(office, report, {"overview": "本学年信息公开工作概述。"})
    notify.update_setting(
        office, inst, "foi.received", enabled=True, subject="已收到您的申请", body="查询码 {{ application.code }}"
    )
    notify.set_robot(office, dept, url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=transfer-test")
    # the province supervisor's round reminds the office (an e-mail about the reminder, named in its `about`)
    round_reports.send_reminders(
        get_user_model().objects.get(username="province-supervisor"),
        period=reporting.academic_year(2022),
        deadline=date(2023, 10, 31),
        targets=[round_reports.Target(inst, ("missing", "late"))],
        today=date(2023, 11, 2),
    )
    return {"institution": inst, "record": record, "attachment": attachment, "application": app, "letter": letter}
