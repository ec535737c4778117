"""Lists of dates as an office types them from a State Council notice: "2027-02-05~2027-02-11, 2027-02-20"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s,，、;；]+")
_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:(?:~|～|至|—|--)(\d{4}-\d{1,2}-\d{1,2}))?$")
MAX_DAYS = 366


def _one(text: str) -> date:
    try:
        return date(*(int(part) for part in text.split("-")))
    except ValueError:
        raise ValidationError(_("“%(t)s”不是有效的日期。") % {"t": text}) from None


def parse_dates(text: str) -> list[date]:
    """The dates named in ``text`` (single dates and ranges A~B, separated by commas, 、 or spaces), sorted."""
    found: set[date] = set()
    for part in _SEPARATORS.split((text or "").strip()):
        if not part:
            continue
        match = _RANGE.match(part)
        if not match:
            raise ValidationError(_("“%(t)s”不是日期，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD。") % {"t": part[:40]})
        first = _one(match.group(1))
        last = _one(match.group(2)) if match.group(2) else first
        if last < first or (last - first).days >= MAX_DAYS:
            raise ValidationError(_("日期区间“%(t)s”有误。") % {"t": part[:40]})
        found.update(first + timedelta(days=n) for n in range((last - first).days + 1))
        if len(found) > MAX_DAYS:
            raise ValidationError(_("日期太多。"))
    return sorted(found)
