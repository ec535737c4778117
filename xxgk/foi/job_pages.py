"""Where the office deals with a failed FOI job: the application page of the reply file it screened or
masked (the failure is on the office's 待办 there, `workbench/todo_jobs.py`)."""

from __future__ import annotations

from django.urls import reverse

from xxgk import jobs
from xxgk.foi.models import ReplyFile


@jobs.page("foi.screen_reply_file")
def reply_file_page(job) -> str | None:
    app_id = ReplyFile.objects.filter(pk=(job.args or [None])[0]).values_list("application_id", flat=True).first()
    return reverse("foi_staff:detail", args=[app_id]) if app_id else None
