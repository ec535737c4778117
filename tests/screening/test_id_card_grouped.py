"""身份证号 written the way people and PDF extraction write them: grouped with spaces,
hyphens or dots, in full-width digits, with x, X or Ｘ; the check digit and the birth date
are still checked."""

from __future__ import annotations

import pytest

from xxgk.screening import ScreeningConfig, scan_text
from xxgk.screening.mask import mask_text

from .documents import make_id, wrong_check

ID = make_id("460100", "19900101", "123")
WIDE = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def id_ending_in_x() -> str:
    for seq in range(100, 999):
        number = make_id("110105", "19491231", str(seq))
        if number.endswith("X"):
            return number
    raise AssertionError("no body with check digit X")


X_ID = id_ending_in_x()


def ids(text, **kw):
    return [f.text for f in scan_text(text, ScreeningConfig(**kw)) if f.kind == "id_card"]


@pytest.mark.parametrize(
    "written",
    [
        f"{ID[:6]} {ID[6:14]} {ID[14:]}",
        f"{ID[:6]}-{ID[6:14]}-{ID[14:]}",
        f"{ID[:6]}.{ID[6:14]}.{ID[14:]}",
        "-".join(ID[i : i + 4] for i in range(0, 18, 4)),
        " ".join(ID[i : i + 4] for i in range(0, 18, 4)),
        f"{ID[:6]} {ID[6:10]} {ID[10:14]} {ID[14:]}",
        f"{ID[:6]} {ID[6:14]} {ID[14:]}".translate(WIDE),
        f"{ID[:6]}．{ID[6:14]}．{ID[14:]}".translate(WIDE),
    ],
)
def test_grouped_ids_are_found_whole(written):
    text = f"申请人身份证号：{written}，联系电话见附件。"
    assert ids(text) == [written]


@pytest.mark.parametrize("last", ["X", "x", "Ｘ"])
def test_grouped_ids_ending_in_x_keep_the_x(last):
    grouped = f"{X_ID[:6]} {X_ID[6:14]} {X_ID[14:17]}{last}"
    hyphens = "-".join(X_ID[i : i + 4] for i in range(0, 16, 4)) + "-" + X_ID[16] + last
    assert ids(f"身份证 {grouped}。") == [grouped]
    assert ids(f"身份证：{hyphens}") == [hyphens]


def test_full_width_grouped_id_with_full_width_x():
    written = f"{X_ID[:6]} {X_ID[6:14]} {X_ID[14:]}".translate(WIDE)
    assert ids(f"身份证号码：{written}") == [written]


def test_a_grouped_id_is_masked_keeping_its_separators():
    written = f"{ID[:6]} {ID[6:14]} {ID[14:]}"
    text = f"身份证号：{written}。"
    assert mask_text(text, scan_text(text)) == f"身份证号：{ID[:4]}** ******** {ID[14:]}。"


@pytest.mark.parametrize(
    "written",
    [
        # a wrong check digit, grouped
        f"{wrong_check(ID)[:6]} {wrong_check(ID)[6:14]} {wrong_check(ID)[14:]}",
        "-".join(wrong_check(ID)[i : i + 4] for i in range(0, 18, 4)),
        # an impossible birth date (30 February), grouped with dots
        (lambda n: f"{n[:6]}.{n[6:14]}.{n[14:]}")(make_id("460100", "19900230", "123")),
        # a region code no province has
        (lambda n: f"{n[:6]} {n[6:14]} {n[14:]}")(make_id("990100", "19900101", "123")),
    ],
)
def test_grouped_numbers_failing_the_id_checks_are_not_ids(written):
    assert ids(f"编号 {written}", min_confidence=0) == []


def test_a_grouped_id_glued_to_letters_or_a_code_is_not_taken_whole():
    written = f"{ID[:6]} {ID[6:14]} {ID[14:]}"
    assert ids(f"HNTOU-{written}", min_confidence=0) == []
    assert ids(f"{written}AB", min_confidence=0) == []
