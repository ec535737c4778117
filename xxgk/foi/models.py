"""On-request disclosure (依申请公开): rules, reply types, applications, their events, replies and letters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.core.filenames import storage_name
from xxgk.org.models import Department, Institution
from xxgk.publishing.models import ScreenedFile


class ConsultationLapse(models.TextChoices):
    RESUME = "resume", _("计时自动恢复")
    ALERT = "alert", _("提醒办公室决定")


class RuleSet(models.Model):
    """One institution's clock and handling rules (loaded from data/rules.json, edited by the office)."""

    institution = models.OneToOneField(Institution, on_delete=models.CASCADE, related_name="foi_rules")
    preset = models.CharField(_("预设"), max_length=30, default="university")
    label = models.CharField(_("名称"), max_length=100)
    days = models.PositiveSmallIntegerField(_("答复期限（工作日）"))
    extension_days = models.PositiveSmallIntegerField(_("可延长（工作日）"))
    count_from_next_day = models.BooleanField(_("自收到申请次日起算"), default=True)
    consultation_days = models.PositiveSmallIntegerField(_("征求第三方意见期限（工作日）"))
    correction_notice_days = models.PositiveSmallIntegerField(_("一次性告知补正期限（工作日）"))
    correction_days = models.PositiveSmallIntegerField(_("申请人补正期限（工作日）"))
    due_soon_within = models.PositiveSmallIntegerField(_("即将到期提醒（剩余工作日）"), default=3)
    fees_enabled = models.BooleanField(_("收取费用"), default=False)
    fee_note = models.CharField(_("收费说明"), max_length=500, blank=True)
    basis = models.TextField(_("依据"), blank=True)
    supervisor = models.CharField(
        _("上级教育行政部门"),
        max_length=200,
        blank=True,
        help_text=_("答复书告知申请人可以举报的部门，如“某省教育厅”；中央部门所属高校写其上级主管部门。"),
    )
    remedy = models.TextField(
        _("答复书的救济告知"),
        blank=True,
        help_text=_("每份答复书都使用这段话。可用变量：institution（name、office_name）、supervisor。"),
    )
    number_format = models.CharField(
        _("文号格式"),
        max_length=60,
        default="{abbr}信公〔{year}〕{n}号",
        help_text=_(
            "可用字段：{abbr} 学校简称、{kind} 文种（补、延、征、答）、{year} 年份、{n} 序号；须含 {year} 和 {n}"
        ),
    )
    consultation_lapse = models.CharField(
        _("第三方逾期未提出意见时"), max_length=10, choices=ConsultationLapse.choices, default=ConsultationLapse.RESUME
    )

    class Meta:
        verbose_name = _("依申请公开规则")
        verbose_name_plural = _("依申请公开规则")

    def __str__(self) -> str:
        return f"{self.institution} · {self.label}"

    def deadline_rule(self):
        from xxgk.workdays import DeadlineRule

        return DeadlineRule(
            days=self.days,
            extension_days=self.extension_days,
            count_from_next_day=self.count_from_next_day,
            name=self.preset,
            label=self.label,
            consultation_days=self.consultation_days,
            correction_notice_days=self.correction_notice_days,
        )


class ReplyType(models.Model):
    """A kind of reply, aligned with a row group of the 2021 national table (data/reply_types.json)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    table_row = models.CharField(_("统计表行"), max_length=30)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    verified = models.CharField(_("核实情况"), max_length=300, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("答复类型")
        verbose_name_plural = _("答复类型")

    def __str__(self) -> str:
        return self.name

    @property
    def needs_reason(self) -> bool:
        return self.reasons.filter(active=True).exists()


class ArticleStatus(models.TextChoices):
    """How far regulations.md verifies a reason's article (【已核实】/【部分核实】/【未核实】)."""

    VERIFIED = "verified", _("已核实")
    PARTIAL = "partial", _("部分核实")
    UNVERIFIED = "unverified", _("未核实")


class ReplyReason(models.Model):
    """A ground of the 办法 the reply rests on (国家秘密, 商业秘密, 个人隐私, not held, …) with its article.

    `table_reason` maps it to a row of the national table (data/national_table.json), for statistics only;
    an inactive reason is a national row label kept so that old replies keep their meaning."""

    reply_type = models.ForeignKey(ReplyType, on_delete=models.CASCADE, related_name="reasons")
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveSmallIntegerField(_("排序"), default=100)
    article = models.CharField(_("依据条文"), max_length=200, blank=True)
    article_status = models.CharField(
        _("条文核实情况"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.UNVERIFIED
    )
    note = models.CharField(_("核实说明"), max_length=300, blank=True)
    table_reason = models.CharField(_("国家统计表子项"), max_length=30, blank=True)
    active = models.BooleanField(_("可供选择"), default=True)

    class Meta:
        ordering = ["reply_type__order", "order"]
        constraints = [models.UniqueConstraint(fields=["reply_type", "code"], name="foi_reason_code_unique")]
        verbose_name = _("答复理由")
        verbose_name_plural = _("答复理由")

    def __str__(self) -> str:
        return f"{self.order}.{self.name}"

    @property
    def statement(self) -> str:
        """The reason as a letter states it: the ground and the article it rests on."""
        return f"{self.name}（{self.article}）" if self.article else self.name


class ApplicantType(models.TextChoices):
    NATURAL = "natural", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class OrgType(models.TextChoices):
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan_permit", _("台湾居民来往大陆通行证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")


class InfoForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    COLLECT = "collect", _("自行领取")
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上查询")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上提交")
    LETTER = "letter", _("信函")
    IN_PERSON = "in_person", _("当面提交")
    FAX = "fax", _("传真")


class State(models.TextChoices):
    RECEIVED = "received", _("已受理")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    ROUTED = "routed", _("部门办理中")
    DRAFTED = "drafted", _("答复待审批")
    APPROVED = "approved", _("答复待发送")
    CLOSED = "closed", _("已办结")
    WITHDRAWN = "withdrawn", _("视为放弃（逾期未补正）")
    CANCELLED = "cancelled", _("申请人撤回")


OPEN_STATES = {State.RECEIVED, State.AWAITING_CORRECTION, State.ROUTED, State.DRAFTED, State.APPROVED}
FINAL_STATES = {State.CLOSED, State.WITHDRAWN, State.CANCELLED}


class ApplicationQuerySet(models.QuerySet):
    def open(self) -> ApplicationQuerySet:
        """Applications still being handled (`OPEN_STATES`; `Application.is_open`)."""
        return self.filter(state__in=OPEN_STATES)

    def closed(self) -> ApplicationQuerySet:
        """Applications answered or given up (`FINAL_STATES`)."""
        return self.filter(state__in=FINAL_STATES)


class Application(models.Model):
    """An application for disclosure (一件依申请公开申请)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="foi_applications")
    code = models.CharField(_("查询码"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=128)
    # The applicant (never public; visible only to those handling the application).
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    org_type = models.CharField(_("组织类型"), max_length=20, choices=OrgType.choices, blank=True)
    name = models.CharField(_("姓名或名称"), max_length=100)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=30, db_index=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通讯地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    # What is asked for.
    title = models.CharField(_("所需信息的名称"), max_length=300)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    description = models.TextField(_("所需信息的内容描述"), blank=True)
    purpose = models.CharField(_("用途"), max_length=500, blank=True)
    info_form = models.CharField(_("获取信息的形式"), max_length=20, choices=InfoForm.choices)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices)
    # Receipt and clock.
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"))
    clock_start = models.DateField(_("计时起点"))
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    state = models.CharField(_("状态"), max_length=30, choices=State.choices, default=State.RECEIVED)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="foi_applications",
        verbose_name=_("承办部门"),
    )
    extended = models.BooleanField(_("已延长"), default=False)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_certain = models.BooleanField(default=True)
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    supplement = models.TextField(_("补正内容"), blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("疑似重复申请")
    )
    # Outcome (set when the reply is sent or the application is closed otherwise).
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    outcome_type = models.ForeignKey(ReplyType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    outcome_reason = models.ForeignKey(ReplyReason, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    on_time = models.BooleanField(null=True)
    working_days_taken = models.PositiveSmallIntegerField(null=True, blank=True)
    fee = models.DecimalField(_("收费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["institution", "state", "due_on"])]
        verbose_name = _("依申请公开申请")
        verbose_name_plural = _("依申请公开申请")

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def column(self) -> str:
        """The national table's column: natural, or the organisation's sub-type."""
        return ApplicantType.NATURAL if self.applicant_type == ApplicantType.NATURAL else (self.org_type or "other")


class ClockPause(models.Model):
    """A stretch during which the clock stands still (third-party consultation)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=20, default="consultation")
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    third_party = models.CharField(_("第三方"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    answer_by = models.DateField(_("第三方答复期限"), null=True, blank=True)
    lapsed_on = models.DateField(_("逾期处理日期"), null=True, blank=True)  # when the lapse was resumed or reported

    class Meta:
        ordering = ["application", "started_on", "id"]


class EventAction(models.TextChoices):
    SUBMITTED = "submitted", _("网上提交申请")
    REGISTERED = "registered", _("登记申请")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    SUPPLEMENTED = "supplemented", _("申请人补正")
    WITHDRAWN = "withdrawn", _("逾期未补正，视为放弃")
    CONSULTATION_STARTED = "consultation_started", _("征求第三方意见")
    CONSULTATION_ENDED = "consultation_ended", _("第三方意见收回")
    EXTENDED = "extended", _("延长答复期限")
    ROUTED = "routed", _("转交部门办理")
    DRAFTED = "drafted", _("拟写答复")
    SCREENING_OVERRIDDEN = "screening_overridden", _("筛查提示经说明后放行")
    RETURNED = "returned", _("答复退回修改")
    APPROVED = "approved", _("答复审批通过")
    SENT = "sent", _("答复已发送")
    DUPLICATE_FLAGGED = "duplicate_flagged", _("疑似重复申请")
    CANCELLED = "cancelled", _("申请人撤回申请")
    NOTICE_SENT = "notice_sent", _("告知书已发送")
    NOTICE_POSTED = "notice_posted", _("告知书已邮寄")
    CONSULTATION_LAPSED = "consultation_lapsed", _("第三方逾期未提出意见")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("工作日历调整，期限重新计算")
    FILE_ADDED = "file_added", _("上传答复附件")
    FILE_REMOVED = "file_removed", _("删除答复附件")
    FILE_SCREENED = "file_screened", _("答复附件筛查完成")
    FILE_MASK_REQUESTED = "file_mask_requested", _("申请屏蔽答复附件")
    FILE_MASKED = "file_masked", _("答复附件已屏蔽")
    FILE_MASK_FAILED = "file_mask_failed", _("答复附件屏蔽未完成")
    FILE_OVERRIDDEN = "file_overridden", _("答复附件筛查提示经保密审查放行")


class ApplicationEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=30, choices=EventAction.choices)
    from_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=30, choices=State.choices, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["application", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def public_label(self) -> str:
        return self.get_action_display()


def letter_path(instance: Reply, filename: str) -> str:
    app = instance.application
    return f"foi/{app.institution.slug}/{app.code}/{filename}"


class Reply(models.Model):
    """The reply to an application: drafted, screened, approved, sent with its letter."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="reply")
    reply_type = models.ForeignKey(ReplyType, on_delete=models.PROTECT, verbose_name=_("答复类型"))
    reason = models.ForeignKey(ReplyReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("理由"))
    text = models.TextField(_("答复正文"))
    fee = models.DecimalField(_("收费（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    findings = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(_("放行理由"), blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    letter_docx = models.FileField(upload_to=letter_path, blank=True)
    letter_pdf = models.FileField(upload_to=letter_path, blank=True)

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")


def reply_file_path(instance: ReplyFile, filename: str) -> str:
    app = instance.application
    return f"foi/{app.institution.slug}/{app.code}/files/{storage_name(filename)}"


def reply_original_path(instance: ReplyFile, filename: str) -> str:
    app = instance.application
    return f"foi/{app.institution.slug}/{app.code}/originals/{storage_name(filename)}"


class ReplyFile(ScreenedFile):
    """A file a 予以公开 or 部分公开 reply discloses (`foi/reply_files.py`), screened by the publishing gate's
    machinery as a record's attachment is (`publishing/screened_files.py`): the applicant downloads `file`
    (the masked copy once masked), never `original_file`."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reply_files")
    file = models.FileField(upload_to=reply_file_path, max_length=300)
    original_file = models.FileField(
        upload_to=reply_original_path,
        max_length=300,
        blank=True,
        help_text="the unmasked upload, kept for staff after masking; never served to the applicant",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # the stored result: [kind, text, context, confidence, reason, location] rows for the file with this
    # sha256 screened with the configuration of this digest (`screening_gate.config_key`)
    findings = models.JSONField(default=list, blank=True)
    screened_sha256 = models.CharField(max_length=64, blank=True)
    config_key = models.CharField(max_length=64, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0.0)
    # the 保密审查 decision: the [kind, text] of the findings let through, in writing
    overridden = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(_("放行理由"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")


class LetterTemplate(models.Model):
    """The letter the office sends for one reply type (Django template text)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="foi_letter_templates")
    reply_type = models.ForeignKey(ReplyType, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution", "reply_type__order"]
        constraints = [models.UniqueConstraint(fields=["institution", "reply_type"], name="foi_letter_unique")]
        verbose_name = _("答复书模板")
        verbose_name_plural = _("答复书模板")


class AlertLog(models.Model):
    """One alert e-mail sent (kept so the command is idempotent per day)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)
    due_soon = models.JSONField(default=list)
    overdue = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["institution", "day"], name="foi_alert_once_a_day")]


# --- notices (告知书) and their document numbers (文号) --------------------------------------------------------


class NoticeKind(models.TextChoices):
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求意见函")
    REPLY = "reply", _("答复书")


#: The notices addressed to the applicant (listed on the public status page); a 征求意见函 goes to the third party.
APPLICANT_NOTICES = (NoticeKind.CORRECTION, NoticeKind.EXTENSION)


class NoticeDelivery(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    POST = "post", _("邮寄")
    ONLINE = "online", _("办理进度页")  # an applicant who gave neither e-mail nor address downloads it there


class DocumentSequence(models.Model):
    """The last 文号 number an institution used in a year, per series (one series unless the format names {kind})."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    series = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "series", "year"], name="foi_document_sequence_unique")
        ]


def notice_path(instance: Notice, filename: str) -> str:
    app = instance.application
    return f"foi/{app.institution.slug}/{app.code}/notices/{filename}"


class Notice(models.Model):
    """A numbered document the office issues on an application (发文登记): a notice with its DOCX and PDF,
    or the number of the reply letter (whose files stay on Reply)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    number = models.CharField(_("文号"), max_length=80)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    issued_on = models.DateField(_("发文日期"))
    issuer = models.CharField(_("发文机构"), max_length=100)
    recipient = models.CharField(_("收件人"), max_length=200, blank=True)
    recipient_email = models.EmailField(_("收件邮箱"), blank=True)
    recipient_address = models.CharField(_("收件地址"), max_length=200, blank=True)
    delivery = models.CharField(_("送达方式"), max_length=10, choices=NoticeDelivery.choices, blank=True)
    text = models.TextField(_("事项"), blank=True)  # what is missing / why extended / what is asked
    approver = models.CharField(_("批准人"), max_length=100, blank=True)
    deadline = models.DateField(
        _("期限"), null=True, blank=True
    )  # 补正期限 / new due date / 答复期限 of the third party
    original_due = models.DateField(_("原答复期限"), null=True, blank=True)
    pause = models.OneToOneField(
        ClockPause, on_delete=models.SET_NULL, null=True, blank=True, related_name="notice", editable=False
    )
    docx = models.FileField(upload_to=notice_path, blank=True)
    pdf = models.FileField(upload_to=notice_path, blank=True)
    # e-mail: when the message was queued (its delivery is on `message`); online: when it was put on the page
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    message = models.ForeignKey(
        "notify.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    postal_date = models.DateField(_("邮寄日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "number"], name="foi_notice_number_unique"),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(kind="reply"),
                name="foi_one_reply_number_per_application",
            ),
        ]
        verbose_name = _("发文")
        verbose_name_plural = _("发文")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def delivered(self) -> bool:
        return bool(self.sent_at or self.postal_date)


class NoticeTemplate(models.Model):
    """The text of one kind of notice the office sends (Django template text, from data/notice_templates.json)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="foi_notice_templates")
    kind = models.CharField(_("类别"), max_length=20, choices=NoticeKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution", "kind"]
        constraints = [models.UniqueConstraint(fields=["institution", "kind"], name="foi_notice_template_unique")]
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
