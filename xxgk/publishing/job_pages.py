"""Where the office deals with a failed publishing job: the record page of the attachment it screened or
masked (the failure is on the office's 待办 there, `workbench/todo_jobs.py`)."""

from __future__ import annotations

from django.urls import reverse

from xxgk import jobs
from xxgk.publishing.models import Attachment


@jobs.page("publishing.screen_attachment")
def attachment_page(job) -> str | None:
    record_id = Attachment.objects.filter(pk=(job.args or [None])[0]).values_list("record_id", flat=True).first()
    return reverse("workbench:record", args=[record_id]) if record_id else None
