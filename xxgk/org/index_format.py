"""The office's 索引号 format (Institution.index_format): which fields it uses, and whether it can work."""

from __future__ import annotations

from string import Formatter

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SAMPLE = {"code": "XX", "category": "01", "dept": "dept", "year": 2024, "seq": 1}


def fields_of(fmt: str) -> set[str]:
    """The replacement fields a format really uses (escaped {{braces}} are not fields)."""
    return {name for _text, name, _spec, _conv in Formatter().parse(fmt) if name is not None}


def validate_format(fmt: str) -> None:
    """Raise ValidationError with a Chinese message when the format cannot produce a unique number."""
    try:
        sample = fmt.format(**SAMPLE)
        other = fmt.format(**{**SAMPLE, "seq": 2})
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            _("索引号格式无效：%(error)s。可用字段为 {code} {category} {dept} {year} {seq}。") % {"error": exc}
        ) from exc
    if "seq" not in fields_of(fmt) or sample == other:
        raise ValidationError(_("索引号格式必须包含序号字段 {seq}，否则无法保证唯一。"))
    if len(sample) > 60:
        raise ValidationError(_("索引号过长（超过60个字符）。"))
