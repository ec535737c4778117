"""The reply page previews the whole letter before saving; typed text never repeats the template's salutation or opening."""

from datetime import date

from django.urls import reverse

from xxgk.foi.letter_preview import strip_echo, template_lead
from xxgk.foi.models import Reply, ReplyReason, ReplyType, State


def refused():
    return ReplyType.objects.get(code="refused")


def privacy():
    return ReplyReason.objects.get(reply_type__code="refused", code="privacy")


def test_the_preview_shows_the_whole_letter_and_saves_nothing(client, world, received):
    app = received(on=date(2024, 3, 1))
    client.force_login(world.office)
    response = client.post(
        reverse("foi_staff:preview", kwargs={"pk": app.pk}),
        {"draft-reply_type": refused().pk, "draft-reason": privacy().pk, "draft-text": "名单含有学生家庭住址。"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    preview = page[page.index('id="letter-preview"') :]
    for part in (
        "信息公开申请答复书",
        "王小明：",
        "本校于2024年3月1日收到您提出的信息公开申请",
        "理由是：涉及个人隐私（《高等学校信息公开办法》第十条第（三）项）。",
        "名单含有学生家庭住址。",
        "可以向海滨理工大学信息公开工作机构（党政办公室）提出投诉、举报",
        "海滨理工大学",
    ):
        assert part in preview, part
    assert not Reply.objects.filter(application=app).exists()
    assert 'id="reply-h"' not in page  # the page shows no reply either: the preview is not one
    app.refresh_from_db()
    assert app.state == State.RECEIVED and not app.events.filter(action="drafted").exists()


def test_a_pasted_salutation_and_opening_are_removed_and_shown(client, world, received):
    app = received(on=date(2024, 3, 1))
    lead = template_lead(app, refused(), privacy())
    assert lead[0] == "王小明：" and lead[1].startswith("本校于2024年3月1日收到您提出的信息公开申请")
    typed = f"{lead[0]}\n{lead[1]}\n  名单含有学生家庭住址。"
    client.force_login(world.office)
    data = {"draft-reply_type": refused().pk, "draft-reason": privacy().pk, "draft-text": typed}
    page = client.post(reverse("foi_staff:preview", kwargs={"pk": app.pk}), data).content.decode()
    assert 'id="preview-removed"' in page
    preview = page[page.index('id="letter-preview"') :]
    assert preview.count("王小明：") == 1 and preview.count("收到您提出的信息公开申请") == 1
    # the form comes back with the text the letter carries
    form = page[page.index('id="form-draft"') :]
    assert "名单含有学生家庭住址。</textarea>" in form and "王小明：\n" not in form
    response = client.post(reverse("foi_staff:act", kwargs={"pk": app.pk, "action": "draft"}), data, follow=True)
    assert "已删去" in response.content.decode()
    assert Reply.objects.get(application=app).text == "名单含有学生家庭住址。"


def test_strip_echo_handles_a_salutation_typed_differently(world, received):
    app = received(on=date(2024, 3, 1))
    text, removed = strip_echo(app, refused(), privacy(), "王小明:您申请的名单含有学生家庭住址。")
    assert text == "您申请的名单含有学生家庭住址。" and removed == ["王小明:"]
    text, removed = strip_echo(app, refused(), privacy(), "名单含有学生家庭住址，王小明：请知悉。")
    assert text == "名单含有学生家庭住址，王小明：请知悉。" and removed == []


def test_the_draft_form_has_a_preview_button_and_no_inline_script(client, world, received):
    app = received(on=date(2024, 3, 1))
    client.force_login(world.office)
    page = client.get(reverse("foi_staff:detail", kwargs={"pk": app.pk})).content.decode()
    assert 'formaction="' + reverse("foi_staff:preview", kwargs={"pk": app.pk}) + '"' in page
    assert "<script>" not in page and " onclick=" not in page
