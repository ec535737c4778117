"""The annual report as a document model: sections of paragraphs, tables and images. The renderers
(docx.py, html.py, pdf.py, xlsx.py) only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class HeaderCell:
    """One cell of a table's header of several rows; it spans `colspan` columns and `rowspan` rows."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def header_grid(header_rows: list[list[HeaderCell]]) -> list[tuple[int, int, HeaderCell]]:
    """(row, column, cell) of each header cell, placing each row's cells in the columns the spans from
    the rows above leave free (as HTML lays out colspan and rowspan)."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(header_rows):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            out.append((r, col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
    return out


@dataclass
class Block:
    kind: str  # "p", "table", "image"
    text: str = ""
    header: list = field(default_factory=list)  # the column labels (the lowest header row when there are several)
    header_rows: list[list[HeaderCell]] = field(default_factory=list)  # a header of several rows with merged cells
    notes: list[str] = field(default_factory=list)  # lines under a table (the national format's notes, checks)
    widths: list[float] = field(default_factory=list)  # the columns' relative widths (DOCX); equal when empty
    rows: list = field(default_factory=list)
    caption: str = ""
    data: bytes = b""
    key: str = ""  # the narrative key a "p" block comes from ("" for computed text)


@dataclass
class Section:
    key: str
    number: str
    title: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    note: str = ""

    @property
    def heading(self) -> str:
        if self.number == "附表":
            return f"附表　{self.title}"
        return f"{self.number}、{self.title}" if self.level == 1 else f"（{self.number}）{self.title}"

    def p(self, text: str, key: str = "") -> None:
        if text:
            self.blocks.append(Block("p", text=text, key=key))

    def texts(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]

    def walk(self):
        yield self
        for s in self.subsections:
            yield from s.walk()


@dataclass
class Document:
    institution: object
    start: date
    end: date
    title_line: str
    intro: str
    sections: list[Section]
    date_line: str
    charts: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # the computed figures, for the dashboard and tests

    def section(self, key: str) -> Section:
        for top in self.sections:
            for s in top.walk():
                if s.key == key:
                    return s
        raise KeyError(key)

    def plain_text(self) -> str:
        lines = [self.institution.name, self.title_line, self.intro]
        for top in self.sections:
            for s in top.walk():
                lines.append(s.heading)
                for b in s.blocks:
                    if b.kind == "p":
                        lines.append(b.text)
                    elif b.kind == "table":
                        if b.caption:
                            lines.append(b.caption)
                        # rows end with a bar, so that a number at a row's end never reads the next row as its unit
                        if b.header_rows:
                            lines += ["｜".join(c.text for c in row) + "｜" for row in b.header_rows]
                        else:
                            lines.append("｜".join(map(str, b.header)) + "｜")
                        lines += ["｜".join(map(str, r)) + "｜" for r in b.rows]
                        lines += b.notes
        lines.append(self.institution.name)
        lines.append(self.date_line)
        return "\n".join(lines) + "\n"
