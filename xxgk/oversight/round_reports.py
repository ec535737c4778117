"""The supervisor's yearly round: institutions not on the platform, their reports (uploaded or linked) and the
reminders sent to institutions on the platform.

Every change asks the deployment action ``review_round`` (the supervising authority, the platform administrator)
and writes an audit event in its transaction. An uploaded file is stored with its row (``core.stored_files``:
gone again if the transaction rolls back); reading and checking it (``check_report``) runs after that
transaction has committed, outside any transaction, and stores the result in a short one of its own.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xxgk import reportcheck
from xxgk.core import stored_files
from xxgk.core.audit import audit
from xxgk.core.periods import Period
from xxgk.org.policy import holders, require
from xxgk.oversight.models import CheckState, OutsideInstitution, OutsideReport, RoundReminder

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".pdf", ".docx", ".txt", ".html", ".htm")
PROBLEMS = ("missing", "late", "incomplete")


def add_institution(actor, *, name: str, short_name: str = "", email: str = "") -> OutsideInstitution:
    """Add an institution the supervisor oversees that is not on the platform."""
    name = (name or "").strip()
    with transaction.atomic():
        require(actor, "review_round")
        if not name:
            raise ValidationError(_("请填写学校名称。"))
        if OutsideInstitution.objects.filter(name=name).exists():
            raise ValidationError(_("已有名为“%(name)s”的学校。") % {"name": name})
        institution = OutsideInstitution.objects.create(
            name=name[:100], short_name=(short_name or "").strip()[:50], email=(email or "").strip(), created_by=actor
        )
        audit(actor, "round_institution_added", institution, _("添加平台外学校：%(name)s") % {"name": name})
    return institution


def file_report(
    actor, institution: OutsideInstitution, *, period: Period, published_on: date, url: str = "", upload=None
) -> OutsideReport:
    """File an outside institution's report for `period`: a link, an uploaded file (PDF, DOCX, TXT, HTML) or
    both. The file is stored with the row; call `check_report` once this has committed."""
    url = (url or "").strip()
    with transaction.atomic():
        require(actor, "review_round")
        if not url and upload is None:
            raise ValidationError(_("请上传报告文件或填写报告链接。"))
        if published_on is None:
            raise ValidationError(_("请填写报告的发布日期。"))
        report = OutsideReport(
            school=institution,
            period_start=period.start,
            period_end=period.end,
            published_on=published_on,
            url=url[:500],
            created_by=actor,
            check_state=CheckState.LINK_ONLY if upload is None else CheckState.PENDING,
        )
        if upload is not None:
            name = os.path.basename(upload.name or "report")
            if os.path.splitext(name)[1].lower() not in SUFFIXES:
                raise ValidationError(_("只能上传 PDF、DOCX、TXT 或 HTML 文件。"))
            if upload.size > MAX_BYTES:
                raise ValidationError(_("文件超过 20 MB。"))
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            report.file_name = name[:200]
            report.sha256 = digest.hexdigest()
            stored_files.save(report.file, name, upload)
        report.save()
        audit(
            actor,
            "round_report_filed",
            report,
            _("登记%(name)s的年度报告（%(period)s）") % {"name": institution.name, "period": period.label},
            file=report.file_name,
            url=report.url,
            published_on=published_on.isoformat(),
        )
    return report


def read_text(data: bytes, name: str) -> str:
    """The text of a report file: PDF, DOCX and TXT by the report checker's readers, a web page by the
    screening library's HTML reader (the text a reader sees). Raises reportcheck.ReadError."""
    from xxgk.reportcheck import read as rc_read

    suffix = os.path.splitext(name)[1].lower()
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise reportcheck.ReadError(_("%(name)s 是旧版 Word（.doc）文件，请另存为 .docx 或 PDF") % {"name": name})
    if data[:5] == b"%PDF-":
        text = rc_read.read_pdf(data, name)
    elif data[:2] == b"PK":
        text = rc_read.read_docx(data, name)
    elif suffix in (".html", ".htm"):
        from xxgk.screening.document import ExtractionError
        from xxgk.screening.extractors.html import extract_html

        try:
            text = extract_html(data, name).text
        except ExtractionError as exc:
            raise reportcheck.ReadError(str(exc)) from None
    else:
        text = rc_read.read_txt(data, name)
    text = rc_read.tidy(text)
    if not text.strip():
        raise reportcheck.ReadError(_("%(name)s 中没有文字") % {"name": name})
    return text


def checked(text: str, name: str) -> dict:
    """The checker's result for a report's text (`reportcheck.Report.to_dict()`), plus `tables_read`: whether
    the 依申请公开 table was found among its rows (so that "no imbalance" is told apart from "no table")."""
    from xxgk.reportcheck import sections, tables
    from xxgk.reportcheck.read import tidy
    from xxgk.reportcheck.text import normalize

    result = reportcheck.check(text, source=name).to_dict()
    result["tables_read"] = tables.application_rows(sections.break_run_on(normalize(tidy(text)))) is not None
    return result


def check_report(report_id: int) -> OutsideReport | None:
    """Read and check a filed report's file, outside any transaction, then store the outcome in a short one
    (dropped if the report's file changed meanwhile). Returns the report, or None when it is gone."""
    report = OutsideReport.objects.filter(pk=report_id).first()
    if report is None or not report.file:
        return report
    sha, error, text, result = report.sha256, "", "", {}
    try:
        with report.file.open("rb") as f:
            data = f.read()
        text = read_text(data, report.file_name or report.file.name)
        result = checked(text, report.file_name)
    except reportcheck.ReadError as exc:
        error = str(exc)[:500]
    except Exception as exc:  # a damaged file must not leave the report 检查中 for ever (fail closed: unreadable)
        error = (_("文件无法读取：%(e)s") % {"e": exc})[:500]
    with transaction.atomic():
        report = OutsideReport.objects.select_for_update().filter(pk=report_id, sha256=sha).first()
        if report is None:
            return None
        report.text = text
        report.result = result
        report.check_error = error
        report.check_state = CheckState.UNREADABLE if error else CheckState.CHECKED
        report.checked_at = timezone.now()
        report.save(update_fields=["text", "result", "check_error", "check_state", "checked_at"])
        audit(None, "round_report_checked", report, _("年度报告检查完成"), error=error)
    return report


@dataclass(frozen=True)
class Target:
    """An institution on the platform to remind, with what is wrong with its report this round."""

    institution: object
    problems: tuple[str, ...]  # some of PROBLEMS
    missing_sections: tuple[str, ...] = ()
    published_on: date | None = None


def office_addresses(institution) -> list[str]:
    """Where the office reads its mail: its 电子邮箱, else its 办公室管理员's addresses."""
    if institution.email:
        return [institution.email]
    return sorted({u.email for u in holders("manage", institution) if u.email})


def send_reminders(actor, *, period: Period, deadline: date, targets, today: date | None = None):
    """Remind each target's office: an e-mail (notify, kind ``oversight.round_reminder``) and a `RoundReminder`
    row, which puts it on the office's 我的待办. At most one reminder a day per institution and period: a
    second click or a re-sent form sends nothing more. Returns the reminders written now."""
    from xxgk.notify.services import queue

    today = today or timezone.localdate()
    sent = []
    with transaction.atomic():
        require(actor, "review_round")
        for target in targets:
            problems = [p for p in target.problems if p in PROBLEMS]
            if not problems:
                continue
            try:
                with transaction.atomic():
                    reminder = RoundReminder.objects.create(
                        institution=target.institution,
                        period_start=period.start,
                        period_end=period.end,
                        sent_on=today,
                        problems=problems,
                        missing_sections=list(target.missing_sections),
                        sent_by=actor,
                    )
            except IntegrityError:
                continue  # already reminded today
            for address in office_addresses(target.institution):
                queue(
                    "oversight.round_reminder",
                    institution=target.institution,
                    to=address,
                    about=reminder,
                    context={
                        "period": period.label,
                        "deadline": deadline,
                        "problems": "、".join(problem_label(p) for p in problems),
                        "missing_sections": "、".join(target.missing_sections),
                        "published_on": target.published_on,
                    },
                )
            audit(
                actor,
                "round_reminder",
                reminder,
                _("提醒%(name)s：%(period)s年度报告%(problems)s")
                % {
                    "name": target.institution.name,
                    "period": period.label,
                    "problems": "、".join(problem_label(p) for p in problems),
                },
                institution=target.institution,
                problems=problems,
            )
            sent.append(reminder)
    return sent


def problem_label(problem: str) -> str:
    return {"missing": _("未发布"), "late": _("逾期"), "incomplete": _("内容不全")}.get(problem, problem)
