"""The platform administrator edits a reason's article; its national row must be one of its group's rows."""

from xxgk.foi.admin import ReplyReasonForm
from xxgk.foi.loader import ensure_reply_types
from xxgk.foi.models import ReplyReason


def form_for(reason, **changes):
    data = {f: getattr(reason, f) for f in ReplyReasonForm.Meta.fields}
    data["reply_type"] = reason.reply_type_id
    data.update(changes)
    return ReplyReasonForm(data, instance=reason)


def test_the_article_is_editable_and_the_row_is_checked(db):
    ensure_reply_types()
    reason = ReplyReason.objects.get(reply_type__code="refused", code="privacy")
    form = form_for(reason, article="《高等学校信息公开办法》第十条第一款第（三）项", article_status="verified")
    assert form.is_valid(), form.errors
    form.save()
    reason.refresh_from_db()
    assert reason.statement == "涉及个人隐私（《高等学校信息公开办法》第十条第一款第（三）项）"
    bad = form_for(reason, table_reason="not_held")
    assert not bad.is_valid() and "third_party" in str(bad.errors["table_reason"])
    partial = ReplyReason.objects.get(reply_type__code="partial", code="privacy")
    assert not form_for(partial, table_reason="third_party").is_valid()  # 部分公开 has no sub-rows
    assert form_for(partial, table_reason="").is_valid()
