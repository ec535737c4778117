"""Where the office deals with a failed sending job: 已发通知 showing what could not be sent."""

from __future__ import annotations

from xxgk import jobs


@jobs.page("notify.deliver")
def deliver_page(job) -> str | None:
    from xxgk.notify.services import undelivered_page

    return undelivered_page(job.institution) if job.institution_id else None
