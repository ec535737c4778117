from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def mark_finding(context: str) -> str:
    """Escape a finding's context and highlight the part between 【 and 】."""
    before, _, rest = (context or "").partition("【")
    found, _, after = rest.partition("】")
    return mark_safe(f"{escape(before)}<mark>{escape(found)}</mark>{escape(after)}")
