"""Oversight and feedback: mailboxes and letters, complaints / review / litigation, and evaluation (评议)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.core.filenames import storage_name
from xxgk.org.models import Department, Institution
from xxgk.oversight.rules_data import invalid_reason_label, rules


# A new box's settings come from data/rules.json ("mailbox_defaults"); the office then edits each box.
def default_deadline_days() -> int:
    return rules()["mailbox_defaults"]["deadline_days"]


def default_extension_allowed() -> bool:
    return rules()["mailbox_defaults"]["extension_allowed"]


def default_extension_days() -> int:
    return rules()["mailbox_defaults"]["extension_days"]


def default_public_replies() -> bool:
    return rules()["mailbox_defaults"]["public_replies"]


def default_public_reply_needs_consent() -> bool:
    return rules()["mailbox_defaults"]["public_reply_needs_consent"]


class MailboxKind(models.TextChoices):
    PRESIDENT = "president", _("校长信箱")
    SECRETARY = "secretary", _("书记信箱")
    DEPARTMENT = "department", _("部门信箱")
    SUGGESTION = "suggestion", _("意见箱")


class MailboxQuerySet(models.QuerySet):
    def open_to_public(self, institution) -> MailboxQuerySet:
        """The institution's boxes the public can write to."""
        return self.filter(institution=institution, active=True)

    def kind_labels(self) -> list[str]:
        """The kinds of box in this queryset, in the order of `MailboxKind` (what a heading may name:
        only kinds that exist, so no page names a 意见箱 the institution does not have)."""
        present = set(self.values_list("kind", flat=True).order_by().distinct())
        return [kind.label for kind in MailboxKind if kind.value in present]


class Mailbox(models.Model):
    """A box the public writes to: 校长信箱, 书记信箱, a department's 意见信箱 …"""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="mailboxes")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=MailboxKind.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mailboxes",
        verbose_name=_("所属部门"),
    )
    description = models.CharField(_("说明"), max_length=500, blank=True)
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="handled_mailboxes", verbose_name=_("受理人")
    )
    deadline_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"), default=default_deadline_days)
    extension_allowed = models.BooleanField(_("允许延期"), default=default_extension_allowed)
    extension_days = models.PositiveSmallIntegerField(_("延期天数（工作日）"), default=default_extension_days)
    public_replies = models.BooleanField(_("答复可在门户公开"), default=default_public_replies)
    public_reply_needs_consent = models.BooleanField(
        _("公开答复须经来信人同意"), default=default_public_reply_needs_consent
    )
    requires_contact = models.BooleanField(_("须留联系方式"), default=True)
    active = models.BooleanField(_("开放"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    revision = models.PositiveIntegerField(default=0)

    objects = MailboxQuerySet.as_manager()

    class Meta:
        ordering = ["institution", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="mailbox_name_unique")]
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")

    def __str__(self) -> str:
        return self.name


class SourceKind(models.TextChoices):
    WEB = "web", _("网上来信")
    HOTLINE = "hotline", _("12345热线转办")
    PETITION = "petition", _("信访信息系统转办")
    PAPER = "paper", _("纸质来信")
    PHONE = "phone", _("来电")
    EMAIL = "email", _("电子邮件")


TRANSFER_KINDS = {SourceKind.HOTLINE, SourceKind.PETITION}


class LetterSource(models.Model):
    """A named route letters arrive by (福建省信访信息系统, 泉州市12345便民服务平台 …)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="letter_sources")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=SourceKind.choices)

    class Meta:
        ordering = ["institution", "name"]
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="letter_source_unique")]
        verbose_name = _("来信渠道")
        verbose_name_plural = _("来信渠道")

    def __str__(self) -> str:
        return self.name


class LetterState(models.TextChoices):
    RECEIVED = "received", _("待分办")
    ESCALATED = "escalated", _("已呈报领导")
    DRAFTING = "drafting", _("待拟复")
    APPROVING = "approving", _("待部门负责人审核")
    CHECKING = "checking", _("待办公室审核")
    READY = "ready", _("待答复")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")
    INVALID = "invalid", _("无效件已关闭")


OPEN_STATES = {
    LetterState.RECEIVED,
    LetterState.ESCALATED,
    LetterState.DRAFTING,
    LetterState.APPROVING,
    LetterState.CHECKING,
    LetterState.READY,
}
ANSWERED_STATES = {LetterState.REPLIED, LetterState.ARCHIVED}


def open_q() -> models.Q:
    """The one definition of an open letter: not yet replied to, archived or closed as invalid (`OPEN_STATES`)."""
    return models.Q(state__in=OPEN_STATES)


class LetterQuerySet(models.QuerySet):
    def open(self) -> LetterQuerySet:
        """Letters still being handled (`open_q`)."""
        return self.filter(open_q())


class Letter(models.Model):
    """One letter to a box. The writer's name and contact are never shown publicly."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="letters")
    mailbox = models.ForeignKey(Mailbox, on_delete=models.PROTECT, related_name="letters", verbose_name=_("信箱"))
    query_code = models.CharField(_("查询码"), max_length=20, unique=True)
    password_hash = models.CharField(max_length=200)
    writer_name = models.CharField(_("姓名"), max_length=50, blank=True)
    writer_contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    subject = models.CharField(_("主题"), max_length=200)
    message = models.TextField(_("内容"))
    wants_public_reply = models.BooleanField(_("同意公开答复"), default=False)
    source = models.CharField(_("来信途径"), max_length=20, choices=SourceKind.choices, default=SourceKind.WEB)
    source_system = models.ForeignKey(
        LetterSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("转办渠道"),
    )
    external_ref = models.CharField(_("外部编号"), max_length=100, blank=True)
    external_due = models.DateField(_("转办单位要求的办结日期"), null=True, blank=True)
    received_on = models.DateField(_("收信日期"))
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    # The box's terms when the letter arrived (a later change to the box does not move this letter's
    # deadline); `letter_deadlines.letter_due_on` computes `due_on` from them. None for a transfer.
    deadline_days = models.PositiveSmallIntegerField(_("答复期限（工作日）"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期天数（工作日）"), default=0)
    state = models.CharField(_("状态"), max_length=20, choices=LetterState.choices, default=LetterState.RECEIVED)
    routed_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routed_letters",
        verbose_name=_("承办部门"),
    )
    escalated = models.BooleanField(_("已呈报领导"), default=False)
    extended = models.BooleanField(_("已延期"), default=False)
    extension_reason = models.CharField(_("延期理由"), max_length=500, blank=True)
    invalid_reason = models.CharField(_("无效原因"), max_length=30, blank=True)
    invalid_note = models.CharField(_("无效说明"), max_length=500, blank=True)
    failed_lookups = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["institution", "state", "due_on"]),
            models.Index(fields=["mailbox", "received_on"]),
        ]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")

    def __str__(self) -> str:
        return self.subject

    @property
    def is_transfer(self) -> bool:
        return self.external_due is not None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def invalid_reason_label(self) -> str:
        return invalid_reason_label(self.invalid_reason) if self.invalid_reason else ""


def letter_attachment_path(instance: LetterAttachment, filename: str) -> str:
    return f"letters/{instance.letter.institution.slug}/{instance.letter_id}/{storage_name(filename)}"


class LetterAttachment(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=letter_attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"))
    content_type = models.CharField(max_length=100)
    type_label = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["letter", "id"]


class LetterAction(models.TextChoices):
    RECEIVED = "received", _("收信登记")
    ESCALATED = "escalated", _("呈报领导")
    ROUTED = "routed", _("转部门办理")
    DIRECT = "direct", _("直接答复")
    DRAFTED = "drafted", _("拟写答复")
    APPROVED = "approved", _("部门负责人审核通过")
    RETURNED = "returned", _("退回重拟")
    CHECKED = "checked", _("办公室审核措辞")
    REPLIED = "replied", _("答复")
    ARCHIVED = "archived", _("归档")
    EXTENDED = "extended", _("延期")
    INVALID = "invalid", _("作为无效件关闭")
    RATED = "rated", _("来信人评价")
    LOOKUP_LOCKED = "lookup_locked", _("查询多次失败已锁定")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("工作日历调整，期限重新计算")


class LetterEvent(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=30, choices=LetterAction.choices)
    from_state = models.CharField(max_length=20, choices=LetterState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=LetterState.choices, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["letter", "at", "id"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class LetterReplyQuerySet(models.QuerySet):
    def published(self) -> LetterReplyQuerySet:
        """The replies shown on the portal: sent, and sent as a public reply (`LetterReply.is_published`)."""
        return self.filter(public=True, sent_at__isnull=False)


class LetterReply(models.Model):
    """The reply to a letter: drafted, approved by the department head, wording checked by the office, sent."""

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField(_("答复内容"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    drafted_at = models.DateTimeField(null=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    public = models.BooleanField(_("公开答复"), default=False)
    public_subject = models.CharField(_("公开标题"), max_length=200, blank=True)
    public_question = models.TextField(_("公开的来信内容（已屏蔽）"), blank=True)
    public_text = models.TextField(_("公开的答复内容（已屏蔽）"), blank=True)
    public_writer = models.CharField(_("来信人（已屏蔽）"), max_length=50, blank=True)

    objects = LetterReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")

    def __str__(self) -> str:
        return f"{self.letter} · 答复"

    @property
    def is_published(self) -> bool:
        """This reply, in memory, as `LetterReply.objects.published()` would select it."""
        return self.public and self.sent_at is not None


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("举报")
    REVIEW = "review", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("维持")
    CORRECTED = "corrected", _("纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class LitigationRoute(models.TextChoices):
    DIRECT = "direct", _("未经复议直接起诉")
    AFTER_REVIEW = "after_review", _("复议后起诉")


class CaseStage(models.TextChoices):
    """Where a case stands for the institution (worked out from its dates and outcome, never stored)."""

    ANSWERING = "answering", _("待答复")  # the institution owes its answer (书面答复, 答辩状, 处理结果)
    WAITING = "waiting", _("待审结")  # answered; the authority, the court or the office still decides
    DECIDED = "decided", _("已审结")


class Case(models.Model):
    """A complaint (举报), an administrative review (行政复议) or a lawsuit (行政诉讼) about disclosure.

    The institution first answers (a review's 书面答复, a lawsuit's 答辩状, a complaint's 处理结果) by the
    deadline `case_deadlines.answer_due` works out, then records the outcome. `stage` says which."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="oversight_cases")
    kind = models.CharField(_("类别"), max_length=20, choices=CaseKind.choices)
    filed_on = models.DateField(_("收到（立案）日期"))
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    matter = models.CharField(_("事由"), max_length=500)
    party = models.CharField(_("申请人/举报人/原告"), max_length=100, blank=True)
    authority = models.CharField(_("复议机关/法院/受理机关"), max_length=100, blank=True)
    record = models.ForeignKey(
        "publishing.Record",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oversight_cases",
        verbose_name=_("相关公开信息"),
    )
    application_ref = models.CharField(_("相关依申请公开件（查询码或编号）"), max_length=60, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    route = models.CharField(_("起诉方式"), max_length=20, choices=LitigationRoute.choices, blank=True)
    note = models.TextField(_("处理情况"), blank=True)
    served_on = models.DateField(
        _("收到副本日期"),
        null=True,
        blank=True,
        help_text=_("收到复议申请书副本或起诉状副本的日期；答复、答辩期限从这一天起算。"),
    )
    due_by = models.DateField(
        _("指定期限"),
        null=True,
        blank=True,
        help_text=_("复议机关、法院或转办单位指定的答复期限；填写后以它为准。"),
    )
    answered_on = models.DateField(_("答复（答辩）日期"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("举报、复议、诉讼")
        verbose_name_plural = _("举报、复议、诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.matter[:30]}"

    @property
    def stage(self) -> str:
        if self.outcome != Outcome.PENDING:
            return CaseStage.DECIDED
        return CaseStage.WAITING if self.answered_on else CaseStage.ANSWERING

    def get_stage_display(self) -> str:
        return str(CaseStage(self.stage).label)


class Rating(models.Model):
    """A public rating (评议) of a published record or a public reply; or the writer's rating of their reply."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="ratings")
    record = models.ForeignKey(
        "publishing.Record", on_delete=models.CASCADE, null=True, blank=True, related_name="ratings"
    )
    reply = models.ForeignKey(LetterReply, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings")
    by_writer = models.BooleanField(_("来信人评价"), default=False)
    stars = models.PositiveSmallIntegerField(_("评分"))
    comment = models.CharField(_("意见"), max_length=200, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_1_5"),
            models.CheckConstraint(
                condition=(
                    models.Q(record__isnull=False, reply__isnull=True)
                    | models.Q(record__isnull=True, reply__isnull=False)
                ),
                name="rating_one_target",
            ),
        ]
        verbose_name = _("评议")
        verbose_name_plural = _("评议")


class Survey(models.Model):
    """A survey the office ran (e.g. the annual satisfaction survey), entered with its sample size."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("名称"), max_length=200)
    period_start = models.DateField(_("调查期间起"))
    period_end = models.DateField(_("调查期间止"))
    sample_size = models.PositiveIntegerField(_("样本量"))
    satisfied_count = models.PositiveIntegerField(_("满意人数"))
    note = models.CharField(_("说明"), max_length=500, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("满意度调查")
        verbose_name_plural = _("满意度调查")

    def __str__(self) -> str:
        return self.title

    @property
    def satisfied_percent(self) -> float:
        return round(100 * self.satisfied_count / self.sample_size, 1) if self.sample_size else 0.0


# --- the province's yearly round of annual reports (督查) ------------------------------------------------------


class OutsideInstitution(models.Model):
    """An institution the supervisor oversees that is not on the platform: its annual report is uploaded or
    linked by the supervisor (`OutsideReport`)."""

    name = models.CharField(_("学校名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    email = models.EmailField(_("信息公开工作机构邮箱"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("平台外学校")
        verbose_name_plural = _("平台外学校")

    def __str__(self) -> str:
        return self.name


class OutsideReportQuerySet(models.QuerySet):
    def of_period(self, start, end):
        return self.filter(period_start=start, period_end=end)

    def latest_by_institution(self, start, end) -> dict[int, OutsideReport]:
        """The newest report filed for each outside institution for this period."""
        latest: dict[int, OutsideReport] = {}
        for report in self.of_period(start, end).select_related("school").order_by("created_at", "id"):
            latest[report.school_id] = report
        return latest


def outside_report_path(instance: OutsideReport, filename: str) -> str:
    return f"round/{instance.period_start:%Y}/{instance.school_id}/{storage_name(filename)}"


class CheckState(models.TextChoices):
    PENDING = "pending", _("检查中")
    CHECKED = "checked", _("已检查")
    UNREADABLE = "unreadable", _("无法读取")
    LINK_ONLY = "link", _("仅有链接")


class OutsideReport(models.Model):
    """An outside institution's annual report for one period, uploaded as a file or linked by the supervisor.
    The file is read and checked by the report checker after the upload has committed (`round_reports.py`);
    the text and the checker's result are kept for the round's pages."""

    # named `school`, not `institution`: the audit log reads `institution_id` as an org.Institution
    school = models.ForeignKey(OutsideInstitution, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    published_on = models.DateField(_("发布日期"))
    url = models.URLField(_("报告链接"), max_length=500, blank=True)
    file = models.FileField(upload_to=outside_report_path, max_length=300, blank=True)
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    check_state = models.CharField(max_length=10, choices=CheckState.choices, default=CheckState.PENDING)
    check_error = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)  # reportcheck's Report.to_dict()
    checked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutsideReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("平台外学校年度报告")
        verbose_name_plural = _("平台外学校年度报告")

    def __str__(self) -> str:
        return f"{self.school} {self.period_start:%Y}—{self.period_end:%Y}"


class RoundReminderQuerySet(models.QuerySet):
    def of_period(self, start, end):
        return self.filter(period_start=start, period_end=end)


class RoundReminder(models.Model):
    """A reminder the supervisor sent an institution on the platform about its annual report for a period:
    at most one a day (the unique constraint), e-mailed to the office and listed on its 我的待办."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="round_reminders")
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    sent_on = models.DateField(_("提醒日期"))
    problems = models.JSONField(default=list)  # ["missing", "late", "incomplete"]
    missing_sections = models.JSONField(default=list)  # the section labels missing when it was sent
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = RoundReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "period_start", "period_end", "sent_on"], name="round_reminder_once_a_day"
            )
        ]
        verbose_name = _("年报督查提醒")
        verbose_name_plural = _("年报督查提醒")
