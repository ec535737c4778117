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


@register.simple_tag(takes_context=True)
def staff_menu(context):
    """The staff menu's groups for the signed-in person, the current page (the context's `tab`) marked."""
    from xxgk.workbench.menu import access_of, menu_for

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return menu_for(access_of(request), context.get("tab", ""))
