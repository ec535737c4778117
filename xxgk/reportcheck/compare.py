"""Many reports side by side: one row per report, written as xlsx, csv or html."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from .check import Report, check_path
from .read import SUFFIXES, ReadError
from .rules import section_label

COLUMNS: list[tuple[str, str]] = [
    ("file", "文件"),
    ("school", "学校"),
    ("period_start", "统计起始"),
    ("period_end", "统计截止"),
    ("declared_count", "声明部分数"),
    ("sections", "已有部分"),
    ("missing", "缺少部分"),
    ("website_items", "官网发布信息"),
    ("wechat_posts", "官方微信公众号发文"),
    ("applications", "收到依申请公开申请"),
    ("complaints", "收到举报"),
    ("findings_count", "问题数"),
    ("findings", "发现的问题"),
    ("error", "读取错误"),
]
FORMATS = (".xlsx", ".csv", ".html")


def find_reports(directory: str | Path) -> list[Path]:
    """Report files (txt, docx, pdf, html) under ``directory``, in name order, hidden files skipped."""
    directory = Path(directory)
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith((".", "~$")) for part in p.relative_to(directory).parts)
    )


def row_for(report: Report, name: str) -> dict:
    k = report.key_figures
    return {
        "file": name,
        "school": report.school or "",
        "period_start": report.period.start.isoformat() if report.period else "",
        "period_end": report.period.end.isoformat() if report.period else "",
        "declared_count": report.declared_count,
        "sections": "；".join(section_label(s) for s in report.sections),
        "missing": "；".join(section_label(s) for s in report.missing_sections),
        "website_items": k.get("website_items"),
        "wechat_posts": k.get("wechat_posts"),
        "applications": k.get("applications"),
        "complaints": k.get("complaints"),
        "findings_count": len(report.findings),
        "findings": "\n".join(f.message for f in report.findings),
        "error": "",
    }


def error_row(name: str, message: str) -> dict:
    row = {key: None for key, _ in COLUMNS}
    row.update(file=name, error=message)
    return row


def compare(directory: str | Path) -> list[dict]:
    directory = Path(directory)
    rows = []
    for path in find_reports(directory):
        name = str(path.relative_to(directory))
        try:
            rows.append(row_for(check_path(path), name))
        except ReadError as exc:
            rows.append(error_row(name, str(exc)))
    return rows


def _cell(value) -> str:
    return "" if value is None else str(value)


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([label for _, label in COLUMNS])
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key, _ in COLUMNS])
    return buf.getvalue()


def to_html(rows: list[dict], title: str = "信息公开年度报告比较") -> str:
    head = "".join(f'<th scope="col">{html.escape(label)}</th>' for _, label in COLUMNS)
    body = []
    for row in rows:
        cells = "".join(f"<td>{html.escape(_cell(row.get(key))).replace(chr(10), '<br>')}</td>" for key, _ in COLUMNS)
        body.append(f"<tr>{cells}</tr>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px;vertical-align:top}</style>"
        f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )


def write_xlsx(rows: list[dict], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "年度报告比较"
    ws.append([label for _, label in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(key) if row.get(key) is not None else None for key, _ in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for col_cells in ws.iter_cols(min_row=2):
        for cell in col_cells:
            cell.alignment = wrap
    widths = {"file": 28, "school": 20, "sections": 40, "missing": 30, "findings": 60, "error": 40}
    for i, (key, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = widths.get(key, 14)
    ws.freeze_panes = "B2"
    wb.save(path)


def write_rows(rows: list[dict], output: str | Path) -> None:
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(rows, output)
    elif suffix == ".csv":
        output.write_text(to_csv(rows), encoding="utf-8-sig")  # BOM: Excel opens it as UTF-8
    elif suffix in (".html", ".htm"):
        output.write_text(to_html(rows), encoding="utf-8")
    else:
        raise ValueError(f"不支持的输出格式 {output.suffix or '（无扩展名）'}；请用 .xlsx、.csv 或 .html")
