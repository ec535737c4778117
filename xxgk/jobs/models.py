"""The job queue's tables: jobs (the queue itself, on any database), the files a job made, and the
scheduler's last period per entry."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class JobQuerySet(models.QuerySet):
    def due(self, now):
        """Jobs a worker may take now: queued and due, or running under a lease that ran out (the worker
        that took it died)."""
        return self.filter(
            Q(state=State.QUEUED, run_after__lte=now) | Q(state=State.RUNNING, lease_until__lt=now)
        ).order_by("run_after", "id")

    def latest_for(self, key: str):
        """The newest job with this key (queued, running or finished), or None."""
        return self.filter(key=key).order_by("-id").first()


class Job(models.Model):
    """One unit of background work: `kind` (a registered function) called with `args` and `kwargs`.

    Written in the transaction of the change that asks for it, so it commits or rolls back with that
    change. At most one job per `key` is queued at a time (enqueueing again returns it). A worker takes
    it for `lease_until`; a job whose worker died is taken again once the lease has run out."""

    kind = models.CharField(_("类型"), max_length=100)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=200, blank=True, db_index=True)
    institution = models.ForeignKey(
        "org.Institution", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    run_after = models.DateTimeField(_("不早于"))
    lease_until = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    progress = models.CharField(_("进度"), max_length=200, blank=True)
    last_error = models.TextField(_("错误"), blank=True)
    result = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "run_after"], name="jobs_state_run_after")]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(state="queued") & ~Q(key=""), name="jobs_one_queued_per_key"
            )
        ]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def waiting(self) -> bool:
        return self.state in (State.QUEUED, State.RUNNING)

    @property
    def error_summary(self) -> str:
        """The error's first line ("RuntimeError: …"), without the traceback kept below it."""
        return (self.last_error.splitlines() or [""])[0][:300]


class JobFile(models.Model):
    """A file a job made (a report's DOCX or PDF); it leaves storage with its job."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=200)
    file = models.FileField(upload_to="jobs/%Y/%m/", max_length=300)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["id"]


class ScheduleSlot(models.Model):
    """The last period a scheduled entry fired for: taken by one conditional UPDATE, so that of several
    workers exactly one queues the entry's job for each period."""

    name = models.CharField(max_length=100, unique=True)
    slot = models.CharField(max_length=40)
    fired_at = models.DateTimeField()
