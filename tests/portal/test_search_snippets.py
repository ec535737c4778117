"""Snippets: about 110 characters around the first query word, highlighted, whitespace collapsed — and the
same whether the text is a short notice or carries the text of a long attachment."""

import random
import re

from xxgk.portal.search import snippet


def reference(plain: str, terms: list[str], width: int = 110) -> str:
    """The plain definition: collapse all whitespace first, then cut."""
    from xxgk.portal.search import highlight

    plain = re.sub(r"\s+", " ", plain or "").strip()
    if not plain:
        return ""
    lower = plain.lower()
    found = [p for p in (lower.find(t) for t in sorted(terms, key=len, reverse=True)) if p >= 0]
    first = min(found) if found else 0
    start = max(0, first - 25)
    piece = plain[start : start + width]
    return ("…" if start > 0 else "") + highlight(piece, terms) + ("…" if start + width < len(plain) else "")


def test_a_word_deep_in_a_long_attachment_gets_its_window():
    plain = (
        "开头。\n" + "无关的内容，" * 20000 + "关于家庭经济困难学生认定的通知，请各学院按时报送。" + "其他内容。" * 100
    )
    html = snippet(plain, ["认定"])
    assert html.startswith("…") and html.endswith("…") and "<mark>认定</mark>" in html
    assert len(re.sub(r"<[^>]+>", "", html)) <= 112


def test_the_same_as_collapsing_everything_first():
    rng = random.Random(7)
    pieces = ["学生", "认定", "通知", "Lab", " ", "  ", "\n", "\t\n ", "。", "资助", "工作"]
    for _ in range(2000):
        plain = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 120)))
        terms = rng.sample(["认定", "资助", "lab", "不在"], rng.randint(1, 2))
        assert snippet(plain, terms) == reference(plain, terms), (plain, terms)


def test_empty_and_blank_text_give_no_snippet():
    assert snippet("", ["学生"]) == "" and snippet(" \n\t", ["学生"]) == ""
