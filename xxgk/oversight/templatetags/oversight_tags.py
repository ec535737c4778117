from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def registers_letters(context) -> bool:
    """Whether the signed-in person may register letters for some mailbox (the office, a box's handlers)."""
    from xxgk.oversight.staff_views import office_boxes

    request = context.get("request")
    return bool(request and request.user.is_authenticated and office_boxes(request.user).exists())
