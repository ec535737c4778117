"""The one badge for a provisional (暂定) date: {% load workdays_tags %}{% provisional_badge app.due_on %}."""

from django import template

from xxgk.workcalendar.calendar import is_provisional

register = template.Library()


@register.inclusion_tag("workcalendar/_provisional_badge.html")
def provisional_badge(day, known_provisional=False):
    """A 暂定 badge after a date whose year's holiday arrangement is not out yet; nothing otherwise.

    ``known_provisional``: what the caller already knows (a Task's or a Span's own answer) also shows it.
    """
    return {"provisional": bool(known_provisional) or is_provisional(day)}


@register.filter
def provisional(day) -> bool:
    """True for a date the badge would mark (for a sentence instead of the badge)."""
    return is_provisional(day)
