"""The reasons a letter is not accepted (data/rules.json) are shown to the public in the visitor's language:
each label is marked for makemessages and has an English translation."""

from django.utils import translation

from xxgk.oversight.rules_data import INVALID_REASON_LABELS, invalid_reason_label, invalid_reasons, rules


def test_every_reason_in_the_data_is_marked_and_translated():
    labels = [r["label"] for r in rules()["invalid_reasons"]]
    assert set(labels) == set(INVALID_REASON_LABELS)
    with translation.override("en"):
        english = dict(invalid_reasons())
        assert invalid_reason_label("anonymous") == "Anonymous, or contact details incomplete"
    for label, shown in zip(labels, english.values(), strict=True):
        assert shown != label and not any("\u4e00" <= ch <= "\u9fff" for ch in shown)
    with translation.override("zh-hans"):
        assert [label for _code, label in invalid_reasons()] == labels
