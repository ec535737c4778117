"""Proactive disclosure (主动公开): records, their review chain, events, attachments and channels."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from xxgk.catalog.models import CatalogItem
from xxgk.core.filenames import storage_name
from xxgk.org.models import Department, Institution, Role
from xxgk.publishing import notice_period
from xxgk.screening.locations import location_label


class ReviewStep(models.Model):
    """One step of an institution's review chain (default 核稿 → 保密审查 → 审签)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="review_steps")
    order = models.PositiveSmallIntegerField(_("顺序"))
    key = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=30)
    role = models.CharField(_("办理角色"), max_length=20, choices=Role.choices)
    is_secrecy_review = models.BooleanField(_("是保密审查"), default=False)

    class Meta:
        ordering = ["institution", "order"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "order"], name="review_step_order_unique"),
            models.UniqueConstraint(fields=["institution", "key"], name="review_step_key_unique"),
        ]
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")

    def __str__(self) -> str:
        return self.name

    def other_secrecy_steps(self):
        others = ReviewStep.objects.filter(institution_id=self.institution_id, is_secrecy_review=True)
        return others.exclude(pk=self.pk) if self.pk else others

    def clean(self) -> None:
        """Every chain keeps at least one 保密审查 step: a step that is not one may be saved only beside
        another that is (see xxgk.publishing.review_chain)."""
        if self.institution_id is not None and not self.is_secrecy_review and not self.other_secrecy_steps().exists():
            raise ValidationError({"is_secrecy_review": NO_SECRECY_STEP})


NO_SECRECY_STEP = _("审核链至少须有一个保密审查环节，不能删除或取消最后一个保密审查环节。")


class ChannelKind(models.TextChoices):
    WEBSITE = "website", _("网站栏目")
    WECHAT = "wechat", _("微信公众号")
    DOUYIN = "douyin", _("抖音号")
    WEIBO = "weibo", _("微博")
    OA = "oa", _("办公系统（OA）")
    BULLETIN = "bulletin", _("公告栏、宣传栏")
    E_SCREEN = "e_screen", _("电子屏")
    MEETING = "meeting", _("会议")
    DOCUMENT = "document", _("文件")
    APP = "app", _("移动应用")
    MEDIA = "media", _("新闻媒体")
    OTHER = "other", _("其他")


class Channel(models.Model):
    """A place the institution posts information: a website column, a WeChat account, a bulletin board …"""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="channels")
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="channels",
        verbose_name=_("主管部门"),
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=ChannelKind.choices)
    url = models.URLField(_("地址"), blank=True)
    logged_individually = models.BooleanField(
        _("逐条登记"), default=True, help_text=_("不逐条登记的渠道按期间填报发布数量")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["institution", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["institution", "name"], name="channel_name_unique")]
        verbose_name = _("发布渠道")
        verbose_name_plural = _("发布渠道")

    def __str__(self) -> str:
        return self.name


class RecordState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


#: Still on the drafting desk: drafts and records returned for changes.
DRAFTING_STATES = (RecordState.DRAFT, RecordState.RETURNED)


def published_q(relation: str = "") -> models.Q:
    """The one definition of a public record: it is published (not a draft, in review, approved or withdrawn).

    `relation` is the path from the model queried to the record, for joins and conditional aggregates:
    `Count("records", filter=published_q("records"))` on institutions, departments and catalog items,
    `SearchEntry.objects.exclude(published_q("record"))`. Querying records, use `Record.objects.published()`.
    """
    prefix = f"{relation}__" if relation else ""
    return models.Q(**{f"{prefix}state": RecordState.PUBLISHED})


class RecordQuerySet(models.QuerySet):
    """`Record.objects` and every related manager of records (`institution.records`, `item.records` …)."""

    def published(self, institution=None) -> RecordQuerySet:
        """The records the public may see (`published_q`), of one institution if given."""
        scope = {"institution": institution} if institution is not None else {}
        return self.filter(published_q(), **scope)

    def drafting(self) -> RecordQuerySet:
        """Records still on the drafting desk (`DRAFTING_STATES`)."""
        return self.filter(state__in=DRAFTING_STATES)


class NoticeDayKind(models.TextChoices):
    """How a 公示 period is counted (`xxgk.publishing.notice_period`)."""

    WORKDAYS = notice_period.WORKDAYS, _("工作日")
    CALENDAR_DAYS = notice_period.CALENDAR_DAYS, _("自然日")


class Record(models.Model):
    """A disclosure record (一条公开信息)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="records")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="records", verbose_name=_("发布机构")
    )
    title = models.CharField(_("标题"), max_length=300)
    index_number = models.CharField(_("索引号"), max_length=60, blank=True, db_index=True)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    items = models.ManyToManyField(CatalogItem, blank=True, related_name="records", verbose_name=_("清单事项"))
    formed_on = models.DateField(_("生成日期"))
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    body = models.TextField(_("正文"), blank=True)
    # 公示: a period during which objections may be raised.
    is_notice = models.BooleanField(_("公示"), default=False)
    notice_start = models.DateField(_("公示开始"), null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("公示期（天数）"), null=True, blank=True)
    notice_day_kind = models.CharField(
        _("公示期计算方式"),
        max_length=10,
        choices=NoticeDayKind.choices,
        default=notice_period.default_day_kind,
        help_text=_("按工作日计算时跳过周末和法定节假日（含调休）；按自然日计算时连续计算。公示开始当天算第一天。"),
    )
    notice_end = models.DateField(_("公示截止"), null=True, blank=True)
    objection_contact = models.CharField(_("异议受理方式"), max_length=300, blank=True)

    state = models.CharField(_("状态"), max_length=20, choices=RecordState.choices, default=RecordState.DRAFT)
    step = models.ForeignKey(ReviewStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1)
    revision = models.PositiveIntegerField(default=0, help_text="bumped on every change; guards concurrent actions")
    withdrawn_reason = models.CharField(_("撤回理由"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "index_number"],
                condition=~models.Q(index_number=""),
                name="record_index_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["institution", "state", "-published_at"]),
            models.Index(fields=["department", "state"]),
            # a record's public state, institution and date without reading its row: a catalog item's newest
            # records are picked from the links and this index alone (xxgk/portal/views.py `_newest_first`)
            models.Index(fields=["id", "state", "institution", "published_at"], name="record_public_by_id"),
            # the public records of a period with their institution and the day they were formed, read from the
            # index alone on PostgreSQL (covering): the supervisor's timeliness of every institution
            # (reporting.stats.timeliness_totals_of)
            models.Index(
                fields=["published_at"],
                include=["institution", "formed_on"],
                condition=models.Q(state="published"),
                name="record_published_period",
            ),
        ]
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """This record, in memory, as `published_q` would select it."""
        return self.state == RecordState.PUBLISHED


class RecordVersion(models.Model):
    """The content of a record as it stood before a correction (更正)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    doc_number = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    formed_on = models.DateField()
    published_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField()
    reason = models.CharField(max_length=500)

    class Meta:
        ordering = ["record", "-version"]
        constraints = [models.UniqueConstraint(fields=["record", "version"], name="record_version_unique")]


class EventAction(models.TextChoices):
    CREATED = "created", _("拟稿")
    EDITED = "edited", _("修改")
    SUBMITTED = "submitted", _("提交审核")
    RESUBMITTED = "resubmitted", _("重新提交")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回修改")
    PUBLISHED = "published", _("发布")
    CORRECTED = "corrected", _("更正")
    WITHDRAWN = "withdrawn", _("撤回")
    ATTACHMENT_ADDED = "attachment_added", _("上传附件")
    ATTACHMENT_REMOVED = "attachment_removed", _("删除附件")
    SCREENING_MASKED = "screening_masked", _("隐私屏蔽")
    SCREENING_MASK_REQUESTED = "screening_mask_requested", _("申请屏蔽附件")
    SCREENING_MASK_FAILED = "screening_mask_failed", _("附件屏蔽未完成")
    SCREENING_OVERRIDE = "screening_override", _("筛查结果忽略")
    SCREENING_DONE = "screening_done", _("附件筛查完成")
    POSTED = "posted", _("登记发布渠道")
    IMPORTED = "imported", _("导入")


class RecordEvent(models.Model):
    """Every change to a record: who, when, from which state to which, and why."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="events")
    # the record's institution, copied so "the latest event of this institution" is one index probe
    # (the public page cache keys each institution's pages on it: xxgk.portal.cache)
    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=30, choices=EventAction.choices)
    from_state = models.CharField(max_length=20, choices=RecordState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=RecordState.choices, blank=True)
    step_name = models.CharField(max_length=30, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["record", "at", "id"]
        indexes = [models.Index(fields=["action", "at"]), models.Index(fields=["institution", "id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"records/{instance.record.institution.slug}/{instance.record_id}/{storage_name(filename)}"


def original_path(instance: Attachment, filename: str) -> str:
    return f"originals/{instance.record.institution.slug}/{instance.record_id}/{storage_name(filename)}"


class ScreeningState(models.TextChoices):
    PENDING = "pending", _("筛查中")
    MASKING = "masking", _("屏蔽处理中")  # a masked copy is being made by the background worker
    DONE = "done", _("已筛查")


class ScreenedFile(models.Model):
    """What every file the gate screens has (a record's Attachment, an FOI reply's ReplyFile; their life in
    `publishing/screened_files.py`): its name, size, type and sha256, and where its screening stands. Each
    keeps its own `file` and `original_file` (the unmasked upload, kept for staff after masking)."""

    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小"))
    content_type = models.CharField(_("类型"), max_length=100)
    type_label = models.CharField(_("格式"), max_length=20)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Screening runs outside the upload's transaction (xxgk.publishing.screening_jobs): PENDING until the
    # result for this file and configuration is stored, MASKING while the background worker makes its
    # masked copy; either blocks what the file belongs to.
    screening = models.CharField(
        _("筛查"), max_length=10, choices=ScreeningState.choices, default=ScreeningState.PENDING
    )
    screening_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="when screening was last queued or started; pending longer is requeued"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def is_archive(self) -> bool:
        """A zip: its members are screened, but a masked copy cannot be written."""
        from xxgk.screening import ARCHIVE_SUFFIXES

        return self.name.lower().endswith(ARCHIVE_SUFFIXES)


class Attachment(ScreenedFile):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_file = models.FileField(
        upload_to=original_path,
        max_length=300,
        blank=True,
        help_text="the unmasked upload, kept for staff after masking; never served publicly",
    )
    text = models.TextField(blank=True, help_text="extracted text, for search and screening")
    # the stored result of a screening: AttachmentScreening, keyed by sha256 and configuration

    class Meta:
        ordering = ["record", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


class AttachmentScreening(models.Model):
    """The screening result of one attachment file: the finding rows the gate turns into
    ScreeningFindings, for the file with this sha256 screened with this configuration, so a re-scan
    of the record reads them instead of extracting the file again."""

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="screening_result")
    sha256 = models.CharField(max_length=64)
    config_key = models.CharField(max_length=64, help_text="digest of the screening configuration used")
    # [kind, text, context, confidence, reason, location] per finding, as the gate writes them
    rows = models.JSONField(default=list)
    screened_at = models.DateTimeField()
    seconds = models.FloatField(default=0.0, help_text="how long extraction and screening took")

    def __str__(self) -> str:
        return f"{self.attachment_id}: {len(self.rows)}"


class Posting(models.Model):
    """Where and when a record was posted (a record may go to several channels)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="postings")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="postings")
    posted_on = models.DateField(_("发布日期"))
    url = models.URLField(_("链接"), blank=True, max_length=500)

    class Meta:
        ordering = ["record", "posted_on"]
        constraints = [models.UniqueConstraint(fields=["record", "channel"], name="posting_unique")]
        indexes = [models.Index(fields=["channel", "posted_on"])]
        verbose_name = _("发布渠道登记")
        verbose_name_plural = _("发布渠道登记")


class ChannelTally(models.Model):
    """A period count for a channel whose items are not logged one by one."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="tallies")
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    count = models.PositiveIntegerField(_("数量"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel", "period_start"]
        verbose_name = _("渠道期间统计")
        verbose_name_plural = _("渠道期间统计")


class IndexSequence(models.Model):
    """The last sequence number used in an institution's index numbers, per category and year."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "category", "year"], name="index_sequence_unique")
        ]


class TallyScope(models.TextChoices):
    """What a `PublishedTally` counts the published records of."""

    INSTITUTION = "institution"
    DEPARTMENT = "department"
    CATEGORY = "category"  # records linked to any item of one 清单 category, each counted once
    ITEM = "item"


class PublishedTally(models.Model):
    """How many published records an institution, one of its departments, one 清单 category of its catalog or
    one catalog item holds, and when the latest was published: kept only to make the public pages fast, written
    by `publish` and `withdraw` in their transaction and rebuilt from the records by `tallies.rebuild`
    (`xxgk.publishing.tallies`)."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=12, choices=TallyScope.choices)
    key = models.PositiveIntegerField()  # the department's, category's or item's id; the institution's own
    published = models.PositiveIntegerField(default=0)
    last_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["institution", "scope", "key"], name="published_tally_unique")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}: {self.published}"


class ItemListing(models.Model):
    """A published record under one of its catalog items, with its publication time: the item page lists an
    item's records newest first from the index `item_listing_newest`, reading 20 entries for a page however
    many the item holds (the records' own rows hold no item, so the page sorted every record of the item).
    Kept only to make the public pages fast, with the tallies: written by `publish` and `withdraw` in their
    transaction and rebuilt from the records by `tallies.rebuild` (`xxgk.publishing.tallies`)."""

    # no index of their own: `item_listing_newest` starts with the item, `item_listing_unique` with the record
    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="+", db_index=False)
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+", db_index=False)
    published_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "item"], name="item_listing_unique")]
        indexes = [models.Index(fields=["item", "-published_at", "-record"], name="item_listing_newest")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.record_id}"


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    MASKED = "masked", _("已屏蔽")
    OVERRIDDEN = "overridden", _("已忽略")


class ScreeningFinding(models.Model):
    """Personal data or a secrecy marking found in a record's text or attachments (隐私屏蔽、保密审查)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, null=True, blank=True, related_name="findings")
    field = models.CharField(max_length=20)  # title, summary, body, attachment
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    context = models.CharField(max_length=400, blank=True)
    confidence = models.FloatField(default=1.0)
    reason = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    override_reason = models.TextField(blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "attachment", "field", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"

    @property
    def location_text(self) -> str:
        """The location in words (表格1 第3行第2列, 页眉 …), for people."""
        return location_label(self.location)

    @property
    def in_picture(self) -> bool:
        """Found by OCR in a picture inside a document: a person must remove or replace the picture."""
        from xxgk.screening import EMBEDDED_PREFIX

        return EMBEDDED_PREFIX in self.location
