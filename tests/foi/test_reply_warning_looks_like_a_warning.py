"""A warning after saving a reply ("答复正文中发现个人信息…") looks like a warning, not like the green
success message beside it; errors and warnings are announced to screen readers (role="alert")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from django.urls import reverse

from tests.foi.conftest import applicant
from xxgk.foi import services
from xxgk.foi.models import ReplyType


def test_personal_data_in_a_reply_is_a_warning(client, world):
    app = services.submit_online(world.institution, applicant(), today=date(2024, 3, 1)).application
    client.force_login(world.office)
    response = client.post(
        reverse("foi_staff:act", kwargs={"pk": app.pk, "action": "draft"}),
        {"draft-reply_type": ReplyType.objects.get(code="public").pk, "draft-text": "答复：身份证11010519491231002X"},
        follow=True,
    )
    page = response.content.decode()
    items = dict((m[1].strip()[:8], (m[0])) for m in re.findall(r'<li class="([a-z ]+)"[^>]*>([^<]+)</li>', page))
    assert items["答复正文中发现个"] == "warning"
    assert re.search(r'<li class="warning" role="alert">答复正文中发现个人信息', page)
    assert any(kind == "success" for kind in items.values())
    css = (Path(__file__).parents[2] / "xxgk" / "static" / "xxgk" / "site.css").read_text(encoding="utf-8")
    looks = {
        kind: re.search(r"\.messages li\." + kind + r" \{([^}]*)\}", css).group(1) for kind in ("warning", "success")
    }
    assert looks["warning"] != looks["success"] and "--warn" in looks["warning"]
