"""Replies give the 办法's own reasons with the article each rests on; the national table still counts by its rows."""

from datetime import date

from tests.foi.conftest import second_office
from xxgk.foi import services
from xxgk.foi.letters import render_letter
from xxgk.foi.loader import ensure_reply_types
from xxgk.foi.models import ArticleStatus, ReplyReason, ReplyType
from xxgk.foi.reasons import national_groups
from xxgk.foi.stats import national_table

NATIONAL_LABELS = {row["label"] for group in national_groups() for row in group["rows"]}


def reason(type_code, code):
    return ReplyReason.objects.get(reply_type__code=type_code, code=code)


def answer(world, app, type_code, reason_code, on):
    services.draft_reply(
        world.office,
        app,
        reply_type=ReplyType.objects.get(code=type_code),
        reason=reason(type_code, reason_code),
        text="具体情况见下。",
    )
    services.approve_reply(second_office(world), app)
    return services.send_reply(world.office, app, on=on)


def test_the_offered_reasons_are_the_rules_grounds_not_the_table_labels(db):
    ensure_reply_types()
    offered = ReplyReason.objects.filter(active=True)
    names = set(offered.values_list("name", flat=True))
    assert {"涉及国家秘密", "涉及商业秘密", "涉及个人隐私"} <= names
    assert not names & NATIONAL_LABELS - {"其他"}
    assert "属于四类过程性信息" not in names and "本机关不掌握相关政府信息" not in names
    secret = reason("refused", "state_secret")
    assert secret.article == "《高等学校信息公开办法》第十条第（一）项"
    assert secret.article_status == ArticleStatus.PARTIAL  # regulations.md §1.1: number inferred, 【部分核实】
    assert reason("refused", "three_safety").article_status == ArticleStatus.VERIFIED  # 第四条, §1.0
    assert reason("not_processed", "repeated").article_status == ArticleStatus.UNVERIFIED  # 第十八条 unverified
    # the national labels stay, inactive, so that old replies keep their row
    assert not reason("refused", "process_info").active


def test_every_reason_maps_to_a_row_of_the_national_table(db):
    ensure_reply_types()
    rows = {g["key"]: {r["code"] for r in g["rows"]} for g in national_groups()}
    for r in ReplyReason.objects.select_related("reply_type"):
        group = r.reply_type.table_row
        assert group in rows, r.code
        if rows[group]:
            assert r.table_reason in rows[group], r.code
        else:
            assert r.table_reason == "", r.code


def test_the_letter_states_the_reason_with_its_article(world, received):
    app = received(on=date(2024, 3, 1))
    reply = answer(world, app, "refused", "privacy", date(2024, 3, 8))
    _title, paragraphs, _sig, _on = render_letter(app, reply)
    text = "".join(paragraphs)
    assert "理由是：涉及个人隐私（《高等学校信息公开办法》第十条第（三）项）。" in text
    assert "保护第三方合法权益" not in text and "行政机关" not in text


def test_statistics_count_each_reason_under_its_national_row(world, received):
    answer(world, received(on=date(2024, 3, 1), title="甲"), "refused", "privacy", date(2024, 3, 8))
    answer(world, received(on=date(2024, 3, 1), title="乙"), "refused", "trade_secret", date(2024, 3, 8))
    answer(world, received(on=date(2024, 3, 1), title="丙"), "unable", "not_responsible", date(2024, 3, 8))
    answer(world, received(on=date(2024, 3, 1), title="丁"), "partial", "state_secret", date(2024, 3, 8))
    t = national_table(world.institution, date(2024, 1, 1), date(2024, 12, 31))
    assert t.row("refused:third_party").counts["natural"] == 2
    assert t.row("refused:state_secret").total == 0  # the 部分公开 reply counts only as 部分公开
    assert t.row("unable:not_held").counts["natural"] == 1
    assert t.row("partial").counts["natural"] == 1
    assert t.row("partial").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert t.row("total").total == 4 and t.balanced
