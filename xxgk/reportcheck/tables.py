"""The statistics tables inside a report, read from their rows (a DOCX table row is one
tab-separated line; PDF and web text give the cells separated by spaces or line breaks, a table copied from a
web page and the platform's own report text by bars).

依申请公开 table (国办公开办函〔2021〕30号 表三 and the 高校 variants with fewer columns): the rows
一、本年新收, 二、上年结转, 三、…（七）总计 and 四、结转下年 are found by their words, each with the
figures that follow it; every column must balance, 新收 + 上年结转 = 总计 + 结转下年, and where the
last column is the row's 总计 it must be the sum of the others. 行政复议、行政诉讼 table (表四): a row
of 15 figures — 行政复议 and the two kinds of 行政诉讼, each 结果维持, 结果纠正, 其他结果, 尚未审结,
总计 — where each 总计 must be the sum of the four before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NATIONAL_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# cells are separated by spaces, tabs, line breaks or bars (a table copied from a web page, the platform's own
# report text: "一、本年新收｜3｜0｜…｜3｜")
_GAP = r"[ \t\n|｜]"
_NUMBERS = r"((?:" + _GAP + r"*\d+){2,8})"
_ROWS = {
    "new": re.compile(r"本年(?:度)?新收[^\d\n]{0,30}?" + _NUMBERS),
    "carried_in": re.compile(r"上年(?:度)?结转[^\d\n]{0,30}?" + _NUMBERS),
    "total": re.compile(r"(?:[（(]七[）)]\s*)?总计[^\d\n]{0,6}?" + _NUMBERS),
    "carried_out": re.compile(r"结转下年(?:度)?[^\d\n]{0,30}?" + _NUMBERS),
}
ROW_LABELS = {"new": "本年新收", "carried_in": "上年结转", "total": "办理结果总计", "carried_out": "结转下年度继续办理"}
_REVIEW_ROW = re.compile(r"(?:^|\n)[^\n\d]*?((?:[ \t|｜]*\d+){15})(?=[ \t|｜]*(?:\n|$))")
REVIEW_GROUPS = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
REVIEW_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@dataclass(frozen=True)
class Imbalance:
    table: str  # "applications" or "review"
    row: str
    column: str
    message: str


def _ints(numbers: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", numbers)]


def application_rows(norm: str) -> dict[str, list[int]] | None:
    """The four rows of the 依申请公开 table, each with its figures, or None when it is not there."""
    start = norm.find("本年新收")
    if start < 0:
        start = norm.find("本年度新收")
    if start < 0:
        return None
    rows: dict[str, list[int]] = {}
    for key, rx in _ROWS.items():
        origin = norm.find("办理结果", start) if key == "total" else start
        m = rx.search(norm, origin if origin >= 0 else start)
        if m is None:
            return None
        rows[key] = _ints(m.group(1))
    widths = {len(v) for v in rows.values()}
    return rows if len(widths) == 1 else None


def _columns(n: int) -> list[str]:
    return NATIONAL_COLUMNS if n == len(NATIONAL_COLUMNS) else [f"第{i + 1}列" for i in range(n)]


def check_applications(norm: str) -> list[Imbalance]:
    rows = application_rows(norm)
    if rows is None:
        return []
    n = len(rows["new"])
    columns = _columns(n)
    out = []
    for j, column in enumerate(columns):
        left = rows["new"][j] + rows["carried_in"][j]
        right = rows["total"][j] + rows["carried_out"][j]
        if left != right:
            out.append(
                Imbalance(
                    "applications",
                    "勾稽关系",
                    column,
                    f"依申请公开情况表“{column}”列：本年新收{rows['new'][j]}＋上年结转{rows['carried_in'][j]}＝{left}，"
                    f"但办理结果总计{rows['total'][j]}＋结转下年{rows['carried_out'][j]}＝{right}",
                )
            )
    if columns[-1] == "总计":
        for key, values in rows.items():
            if sum(values[:-1]) != values[-1]:
                out.append(
                    Imbalance(
                        "applications",
                        ROW_LABELS[key],
                        "总计",
                        f"依申请公开情况表“{ROW_LABELS[key]}”行：各列之和为{sum(values[:-1])}，总计列却为{values[-1]}",
                    )
                )
    return out


def check_review(norm: str) -> list[Imbalance]:
    at = norm.find("行政复议")
    if at < 0:
        return []
    m = _REVIEW_ROW.search(norm, at)
    if m is None or m.start() - at > 600:
        return []
    values = _ints(m.group(1))
    out = []
    for g, group in enumerate(REVIEW_GROUPS):
        part = values[g * 5 : g * 5 + 5]
        if sum(part[:4]) != part[4]:
            out.append(
                Imbalance(
                    "review",
                    group,
                    "总计",
                    f"行政复议、行政诉讼情况表“{group}”：{'、'.join(f'{c}{v}' for c, v in zip(REVIEW_COLUMNS, part[:4]))}"
                    f"之和为{sum(part[:4])}，总计却为{part[4]}",
                )
            )
    return out


def check_tables(norm: str) -> list[Imbalance]:
    return check_applications(norm) + check_review(norm)
