"""What tables in any format share: finding the header row."""

from __future__ import annotations


def find_header_row(rows: list[list[tuple[int, str]]], rules) -> tuple[int | None, dict[int, str]]:
    """Which of the first rows is the header row (it names ≥2 known columns), and its texts."""
    for i, row in enumerate(rows[:8]):
        hits = 0
        filled = [t for _c, t in row if t.strip()]
        for _col, text in row:
            compact = "".join(text.split())
            if compact and len(compact) <= 20 and rules.header_re.search(compact):
                hits += 1
        if hits >= 2 or (hits == 1 and len(filled) == 1 and len("".join(filled[0].split())) <= 8):
            return i, {col: "".join(text.split()) for col, text in row}
    return None, {}
