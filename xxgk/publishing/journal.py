"""`RECORDS`: how records are locked, changed and written into their event table (see
`xxgk.core.transitions`). Shared by the services and the screening jobs; callers import it from
`xxgk.publishing.services`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from xxgk.core.transitions import Journal
from xxgk.publishing.models import Record, RecordEvent

RECORDS = Journal(
    Record,
    RecordEvent,
    subject="record",
    conflict_message=gettext_lazy("该信息已被他人处理或修改，请刷新页面后再操作。"),
    related=("department", "institution", "step"),
    columns=("step_name",),
    copied=("institution_id",),
)
