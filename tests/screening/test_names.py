"""Names are reported where the context makes them private — not in ordinary news."""

from __future__ import annotations

from xxgk.screening import ScreeningConfig, scan_text

from .documents import (
    admission_list_text,
    aid_list_text,
    disciplinary_text,
    make_id,
    news_text,
    recruitment_result_text,
)


def names(text, **kw):
    return [f.text for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "person_name"]


def test_names_in_an_admission_list_with_ids_and_exam_numbers():
    assert names(admission_list_text()) == ["王小明", "李静怡", "陈建国"]


def test_names_in_an_aid_list_including_a_compound_surname():
    assert names(aid_list_text()) == ["刘晓燕", "黄志强", "欧阳娜娜"]


def test_name_in_a_disciplinary_decision():
    found = names(disciplinary_text())
    assert found and set(found) == {"张伟"}
    assert len(found) == 3  # the title, the first line of the decision, the decision itself


def test_disciplinary_sentence_alone():
    assert names("经研究，决定给予王小明同学留校察看处分。") == ["王小明"]


def test_leaders_in_news_are_public():
    assert names(news_text(), min_confidence=0) == []
    assert names("校长李明出席会议并讲话，副校长王建华主持。", min_confidence=0) == []


def test_leader_named_in_a_disciplinary_notice_is_not_masked():
    text = "经校长李明签发，决定给予王小明同学警告处分。"
    assert names(text) == ["王小明"]


def test_name_next_to_an_id_number_on_one_line():
    number = make_id()
    assert names(f"申请人：周子涵，身份证号：{number}") == ["周子涵"]


def test_contact_person_of_a_notice_is_not_private():
    assert names("联系人：张老师，电话：0898-88651234") == []
    assert names("联系人：李明，电话：13907551234") == []


def test_recruitment_result_names_are_public_by_default():
    # 拟聘用人员公示: the names are what is being made public (score 0.45, under 0.5)
    assert names(recruitment_result_text()) == []
    low = [
        f for f in scan_text(recruitment_result_text(), ScreeningConfig(min_confidence=0)) if f.kind == "person_name"
    ]
    assert [f.text for f in low] == ["赵文博", "孙雅琪"]
    assert all(f.confidence < 0.5 for f in low)


def test_common_words_tagged_as_names_by_jieba_are_not_names():
    number = make_id()
    # jieba's dictionary tags 银行卡 and 智慧 as names; they are not
    assert names(f"智慧校园 银行卡 {number}") == []


def test_names_not_reported_when_the_kind_is_disabled():
    kinds = frozenset({"id_card", "exam_number"})
    found = scan_text(admission_list_text(), ScreeningConfig(enabled_kinds=kinds))
    assert {f.kind for f in found} == {"id_card", "exam_number"}


def test_prize_winner_in_news_is_public_even_in_a_paragraph_about_aid():
    text = "学校完善学生资助体系，落实国家助学金政策。海洋科学学院王小明同学荣获全国大学生数学建模竞赛一等奖。\n"
    assert names(text) == []


def test_name_with_a_middle_dot():
    assert names("经研究，决定给予买买提·吐尔逊同学警告处分。") == ["买买提·吐尔逊"]


def test_two_character_name_padded_to_line_up():
    number = make_id()
    text = f"序号\t姓名\t身份证号\n1\t张\u3000三\t{number}\n"
    found = [f for f in scan_text(text) if f.kind == "person_name"]
    assert [f.text for f in found] == ["张\u3000三"]
    from xxgk.screening import mask_text

    assert "张\u3000*" in mask_text(text, scan_text(text))


def test_names_in_an_aid_sentence_without_markers():
    assert names("经学院评审，刘晓燕、黄志强获得临时困难补助。") == ["刘晓燕", "黄志强"]
