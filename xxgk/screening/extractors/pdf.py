"""PDF: the text layer, page by page, one visual line per line (table cells on one line
separated by a tab). Every character keeps its box, so that masking can redact exactly it.
A PDF without a text layer (a scan) cannot be screened automatically: it is reported so.
"""

from __future__ import annotations

from ..document import NO_TEXT_LAYER, Extracted, ExtractionError, Segment


def _page_rows(page) -> list[list[tuple[str, tuple]]]:
    """The page's characters grouped into visual rows, left to right; a tab between pieces
    that stand apart."""
    lines = []
    for block in page.get_text("rawdict")["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            x0, y0, x1, y1 = line["bbox"]
            height = max(y1 - y0, 1.0)
            chars: list[tuple[str, tuple | None]] = []
            prev = None
            for span in line["spans"]:
                for ch in span["chars"]:
                    box = tuple(ch["bbox"])
                    if prev is not None and box[0] - prev[2] > 0.8 * height and ch["c"] != " ":
                        chars.append(("\t", None))  # pieces that stand apart (table cells)
                    chars.append((ch["c"], box))
                    prev = box
            if not chars or not "".join(c for c, _ in chars).strip():
                continue
            if line.get("dir", (1, 0))[0] < 0.5:  # vertical or rotated text: keep it apart
                lines.append(((y0 + y1) / 2, x0, max(y1 - y0, 1.0), chars, x1, True))
            else:
                lines.append(((y0 + y1) / 2, x0, max(y1 - y0, 1.0), chars, x1, False))
    lines.sort(key=lambda ln: (ln[0], ln[1]))
    rows: list[list] = []
    for ln in lines:
        if rows and not ln[5] and not rows[-1][0][5]:
            ref = rows[-1][0]
            if abs(ln[0] - ref[0]) < 0.5 * min(ln[2], ref[2]):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out = []
    for row in rows:
        row.sort(key=lambda ln: ln[1])
        chars: list[tuple[str, tuple | None]] = []
        prev_x1 = None
        for ln in row:
            if prev_x1 is not None:
                gap = ln[1] - prev_x1
                if gap > 0.8 * ln[2]:
                    chars.append(("\t", None))
            chars.extend(ln[3])
            prev_x1 = ln[4]
        out.append(chars)
    return out


def extract_pdf(data: bytes, name: str | None) -> Extracted:
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # FileDataError and friends
        raise ExtractionError(name, f"不是有效的 PDF 文件（{exc}）") from None
    if doc.needs_pass:
        raise ExtractionError(name, "PDF 已加密，需要密码才能读取")
    if doc.page_count == 0:
        raise ExtractionError(name, "PDF 没有页面")

    chunks: list[str] = []
    pos = 0
    segments: list[Segment] = []
    blank_pages: list[int] = []
    unknown_chars = 0
    try:
        for pno in range(doc.page_count):
            page = doc[pno]
            rows = _page_rows(page)
            if not rows and page.get_images(full=False):
                blank_pages.append(pno + 1)
            for r, row in enumerate(rows):
                text = "".join(c for c, _ in row)
                unknown_chars += text.count("\ufffd")
                segments.append(
                    Segment(
                        pos,
                        pos + len(text),
                        f"page:{pno + 1}",
                        row=("page", pno + 1, r),
                        ref=(pno, [bbox for _, bbox in row]),
                    )
                )
                chunks.append(text)
                chunks.append("\n")
                pos += len(text) + 1
            chunks.append("\n")
            pos += 1
    except Exception as exc:
        raise ExtractionError(name, f"PDF 内容损坏，无法提取文字（{exc}）") from None

    text = "".join(chunks)
    warnings: list[str] = []
    has_text_layer = bool(text.strip())
    if not has_text_layer:
        warnings.append(NO_TEXT_LAYER)
    elif blank_pages:
        pages = "、".join(str(p) for p in blank_pages[:10]) + ("等" if len(blank_pages) > 10 else "")
        warnings.append(f"第{pages}页没有文字层（可能是扫描图像），无法自动筛查，需人工审看")
    if unknown_chars:
        warnings.append(f"有 {unknown_chars} 个字符无法识别（字体缺少编码映射），筛查可能不完整，请人工审看")
    return Extracted(
        text=text,
        kind="pdf",
        name=name,
        has_text_layer=has_text_layer,
        segments=segments,
        warnings=warnings,
        handle=doc,
    )
