"""A university's own reply reasons, and the national table row each is counted under.

The reasons a reply states are the 《高等学校信息公开办法》's grounds (国家秘密, 商业秘密, 个人隐私, not held,
repeated, …), each with the article it rests on (data/reply_types.json → ReplyReason rows). The national
table (国办公开办函〔2021〕30号 表三, data/national_table.json) is used for statistics only: a reason is counted
under its type's `table_row` group and its own `table_reason` sub-row.
"""

from __future__ import annotations

from xxgk.foi.loader import data


def national_groups() -> list[dict]:
    """The rows of part 三 of the national table: [{key, label, rows: [{code, label}]}], in order."""
    return data("national_table.json")["groups"]


def national_key(reply_type, reason) -> tuple[str, str]:
    """(group, sub-row) of the national table an outcome is counted under; sub-row "" for none."""
    group = reply_type.table_row
    sub = reason.table_reason if reason is not None else ""
    known = {row["code"] for g in national_groups() if g["key"] == group for row in g["rows"]}
    return group, sub if sub in known else ""
