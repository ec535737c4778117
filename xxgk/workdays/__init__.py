"""Working days for disclosure deadlines: the official Chinese calendar with
local overrides, and the statutory clock for applications.

Pure Python, no Django: callers pass the override table in.
"""

from .calendar import (
    OFFICIAL,
    OVERRIDE,
    WEEKEND_RULE,
    Calendar,
    Count,
    DayInfo,
    Span,
    official_years,
    unknown_dates_warning,
)
from .deadline import (
    DEFAULT_DUE_SOON_WITHIN,
    DUE_SOON,
    ON_TRACK,
    OVERDUE,
    PAUSED,
    PRESETS,
    STATUS_LABELS,
    DeadlineRule,
    Due,
    compute_due,
    due_status,
    preset,
    working_days_left,
    working_days_used,
)

__all__ = [
    "DEFAULT_DUE_SOON_WITHIN",
    "DUE_SOON",
    "OFFICIAL",
    "ON_TRACK",
    "OVERDUE",
    "OVERRIDE",
    "PAUSED",
    "PRESETS",
    "STATUS_LABELS",
    "WEEKEND_RULE",
    "Calendar",
    "Count",
    "DayInfo",
    "DeadlineRule",
    "Due",
    "Span",
    "compute_due",
    "due_status",
    "official_years",
    "preset",
    "unknown_dates_warning",
    "working_days_left",
    "working_days_used",
]
