"""Writing masked copies of documents, formatting intact.

- txt: masked text written back in the encoding it was read with (a BOM stays).
- docx: characters replaced inside the `w:t` elements of the runs (body, headers,
  footers, text boxes, notes, comments, tracked changes), so bold, fonts and colours
  stay; a match spanning several runs is split across them. Hyperlink targets, field
  codes and the copies of text boxes kept for old readers (`mc:Fallback`) holding a
  masked value are cleaned too.
- xlsx: the cell's value replaced; its style stays (a number masked becomes text); cell
  comments and sheet headers/footers are rewritten the same way.
- docx and xlsx: the copy is then checked: if a masked value is still anywhere in the
  package (a part the masker does not know), no copy is written and the report says
  where the value is, so that a person deals with it.
- pdf: redaction annotations over the characters, then applied: the text under the
  black box is removed from the page, not just covered.
- pptx: see masking_slides.py; checked for leftovers like docx and xlsx.
- legacy .doc/.xls/.ppt (read from LibreOffice's conversion): no copy is ever written in the
  legacy format. When the copy is asked for under the converted format's ending
  (名单.docx for 名单.doc, as `xxgk scan --mask` does), the masked converted document is
  written there; otherwise nothing is written and the report says to save the file as
  .docx/.xlsx/.pptx and upload that.
- html and ofd: a file with nothing to mask is copied; otherwise no copy is written (the
  report says a person has to mask it).
- images and PDF pages read by OCR: a black box over each finding's pixels (its characters'
  share of the OCR line box, padded). An image is written in its own format, without its
  metadata (EXIF keeps a thumbnail of the original); a scanned PDF page with a finding is
  replaced by the masked raster, so that neither its original image nor any text survives.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .config import ScreeningConfig, ensure_config
from .document import Extracted, ExtractionError
from .extract import extract, sniff_kind
from .extractors.image import OcrRef
from .findings import Finding
from .mask import mask_text, masked
from .scan import scan_extracted


@dataclass
class MaskReport:
    """What `mask_file` did."""

    in_path: str
    out_path: str
    kind: str
    written: bool = False
    masked: list[Finding] = field(default_factory=list)  # findings masked in the copy
    left: list[Finding] = field(default_factory=list)  # findings left as they are (style "none")
    warnings: list[str] = field(default_factory=list)


def _portions(extracted: Extracted, f: Finding, replacement: str):
    """(segment, start in segment, end in segment, replacement part) for each segment the
    finding touches; the replacement is split by characters if it keeps the length,
    otherwise it all goes to the first segment."""
    same = len(replacement) == f.end - f.start
    first = True
    for seg in extracted.segments_between(f.start, f.end):
        a, b = max(f.start, seg.start), min(f.end, seg.end)
        if same:
            part = replacement[a - f.start : b - f.start]
        else:
            part = replacement if first else ""
        first = False
        yield seg, a - seg.start, b - seg.start, part


def _apply_edits(value: str, edits: list[tuple[int, int, str]]) -> str:
    for x, y, repl in sorted(edits, key=lambda e: e[0], reverse=True):
        value = value[:x] + repl + value[y:]
    return value


# -- docx ------------------------------------------------------------------------------
def _mask_docx(extracted: Extracted, todo: list[tuple[Finding, str]], out_path: str) -> None:
    edits: dict = {}  # w:t element -> [(x, y, repl)]
    for f, repl in todo:
        for seg, a, b, part in _portions(extracted, f, repl):
            same = len(part) == b - a
            first = True
            for t_elm, off, length in seg.ref:
                x, y = max(a, off), min(b, off + length)
                if x >= y:
                    continue
                if same:
                    piece = part[x - a : y - a]
                else:
                    piece = part if first else ""
                first = False
                edits.setdefault(t_elm, []).append((x - off, y - off, piece))
    for t_elm, changes in edits.items():
        t_elm.text = _apply_edits(t_elm.text or "", changes)
        if t_elm.text != t_elm.text.strip():
            t_elm.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    handle = extracted.handle
    _scrub_docx_links(handle, todo)
    _scrub_docx_fallbacks(handle, todo)
    handle.save(out_path)


def _scrub_docx_links(handle, todo: list[tuple[Finding, str]]) -> None:
    """Masked values also hide in hyperlink targets (mailto:…, tel:…) and field codes."""
    values = [(f.text, repl) for f, repl in todo if len(f.text) >= 5]
    if not values:
        return
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    parts = [handle.document.part] + [
        p for p in handle.document.part.package.iter_parts() if hasattr(p, "rels") and p is not handle.document.part
    ]
    for part in parts:
        for rel in list(getattr(part, "rels", {}).values()):
            if rel.is_external and any(v in rel.target_ref for v, _ in values):
                rel._target = "#"
        element = getattr(part, "_element", None)
        if element is None:
            continue
        for instr in element.iter(W + "instrText"):
            text = instr.text or ""
            for v, repl in values:
                text = text.replace(v, repl)
            instr.text = text


def _scrub_docx_fallbacks(handle, todo: list[tuple[Finding, str]]) -> None:
    """A text box is stored twice: as DrawingML (`mc:Choice`, which extraction reads and the
    masker rewrites) and as VML for old readers (`mc:Fallback`). Mask the second copy too."""
    values = sorted({(f.text, repl) for f, repl in todo if f.text}, key=lambda v: -len(v[0]))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    roots = [p._element for p in handle.document.part.package.iter_parts() if getattr(p, "_element", None) is not None]
    roots += [root for part, root in handle.loose_parts if getattr(part, "_element", None) is None]
    for root in roots:
        for fb in root.iter(fallback):
            for t in fb.iter(W + "t", W + "delText"):
                text = t.text or ""
                for v, repl in values:
                    text = text.replace(v, repl)
                if text != (t.text or ""):
                    t.text = text


# -- xlsx ------------------------------------------------------------------------------
def _mask_xlsx(extracted: Extracted, todo: list[tuple[Finding, str]], out_path: str) -> None:
    wb = extracted.handle
    edits: dict = {}
    current: dict = {}
    for f, repl in todo:
        for seg, a, b, part in _portions(extracted, f, repl):
            edits.setdefault(seg.ref, []).append((a, b, part))
            current[seg.ref] = extracted.text[seg.start : seg.end]
    for ref, changes in edits.items():
        value = _apply_edits(current[ref], changes)
        if len(ref) == 2:  # a cell: (sheet, cell)
            wb[ref[0]][ref[1]].value = value
        elif len(ref) == 3:  # a cell comment: ("comment", sheet, cell)
            wb[ref[1]][ref[2]].comment.text = value
        elif len(ref) == 4:  # ("headerfooter", sheet, "oddHeader", "left")
            getattr(getattr(wb[ref[1]].HeaderFooter, ref[2]), ref[3]).text = value
        # ("dropped",): threaded comments, which openpyxl does not write back
    wb.save(out_path)


def _left_in_package(path: str, findings: list[Finding]) -> list[tuple[Finding, str]]:
    """(finding, part name) for each masked value still found in a part of the written
    docx/xlsx package. Short values (names) are not checked: they also occur as parts of
    other words."""
    import zipfile
    from xml.sax.saxutils import escape

    values = {}
    for f in findings:
        if len(f.text) >= 6 and f.kind not in ("person_name", "address"):
            values.setdefault(f.text, f)
    if not values:
        return []
    out = []
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            data = zf.read(member)
            for v, f in values.items():
                if v.encode() in data or escape(v).encode() in data:
                    out.append((f, member))
    return out


# -- images and pages read by OCR --------------------------------------------------------
#: Padding of a black box, in OCR line heights: across (a character's share of the line is
#: an estimate) and up and down.
PAD_X, PAD_Y = 0.2, 0.1


def _ocr_boxes(extracted: Extracted, todo: list[tuple[Finding, str]]) -> dict:
    """page index -> [(x0, y0, x1, y1)] in the page image's pixels, one per finding per line."""
    boxes: dict = {}
    for f, _repl in todo:
        for seg, a, b, _part in _portions(extracted, f, ""):
            if isinstance(seg.ref, OcrRef) and a < b:
                boxes.setdefault(seg.ref.page, []).append(seg.ref.box(a, b, PAD_X, PAD_Y))
    return boxes


def _black_out(image, boxes):
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle([x0, y0, x1, y1], fill="black")
    return image


def _mask_image(extracted: Extracted, todo: list[tuple[Finding, str]], out_path: str) -> None:
    from .extractors.image import frames, open_image

    handle = extracted.handle
    boxes = _ocr_boxes(extracted, todo)
    pages = [_black_out(frame, boxes.get(i, [])) for i, frame in frames(open_image(handle.data, extracted.name))]
    fmt = handle.format.upper()
    options: dict = {"format": fmt}
    if fmt == "JPEG":
        options.update(quality=90)
    if len(pages) > 1:
        options.update(save_all=True, append_images=pages[1:])
    if fmt == "GIF":
        pages = [p.convert("P", palette=1) for p in pages]  # an adaptive palette
        if len(pages) > 1:
            options["append_images"] = pages[1:]
    pages[0].save(out_path, **options)


# -- pdf -------------------------------------------------------------------------------
def _mask_scanned_pages(doc, extracted: Extracted, todo: list[tuple[Finding, str]]) -> None:
    """Each page read by OCR that has a finding is drawn again as it was read, the findings
    blacked out, and the page's content replaced by that one image: the scan it held and
    anything else on it are gone from the page."""
    import io

    import pymupdf

    from .extractors.pdf import render

    dpis = {seg.ref.page: seg.ref.dpi for seg in extracted.segments if isinstance(seg.ref, OcrRef)}
    for pno, boxes in _ocr_boxes(extracted, todo).items():
        page = doc[pno]
        page.remove_rotation()  # the same view as rendered, now in the page's own coordinates
        image = _black_out(render(page, dpis[pno]), boxes)
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=90)
        rect = page.rect
        page.add_redact_annot(rect, fill=(1, 1, 1))
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_REMOVE,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        )
        page.insert_image(rect, stream=buf.getvalue())


def _mask_pdf(extracted: Extracted, todo: list[tuple[Finding, str]], out_path: str) -> None:
    import pymupdf

    doc = extracted.handle
    _mask_scanned_pages(doc, extracted, todo)
    pages = set()
    for f, _repl in todo:
        for seg, a, b, _part in _portions(extracted, f, ""):
            if isinstance(seg.ref, OcrRef):
                continue
            pno, boxes = seg.ref
            page = doc[pno]
            run: list = []
            for box in boxes[a:b] + [None]:
                if box is not None:
                    run.append(box)
                    continue
                if run:
                    x0 = min(r[0] for r in run)
                    y0 = min(r[1] for r in run)
                    x1 = max(r[2] for r in run)
                    y1 = max(r[3] for r in run)
                    h = y1 - y0
                    rect = pymupdf.Rect(x0 + 0.2, y0 + 0.15 * h, x1 - 0.2, y1 - 0.15 * h)
                    page.add_redact_annot(rect, fill=(0, 0, 0))
                    pages.add(pno)
                    run = []
    for pno in sorted(pages):
        doc[pno].apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
    doc.save(out_path, garbage=4, deflate=True, clean=True)


#: The format a legacy Office file is to be saved as before it can be masked.
_MODERN_SUFFIX = {".doc": ".docx", ".wps": ".docx", ".rtf": ".docx", ".xls": ".xlsx", ".et": ".xlsx"}
_MODERN_SUFFIX.update({".ppt": ".pptx", ".dps": ".pptx"})


def masking_refused(data: bytes, name: str) -> str | None:
    """Why no masked copy of `data` (a file called `name`) can be written under its own name, when
    that is known from its format alone (a legacy Office file, a web page, an OFD file: the same
    refusals `write_masked` gives after reading it), else None."""
    try:
        kind = sniff_kind(data, name)
    except ExtractionError:
        return None  # masking it says why
    suffix = Path(name).suffix.lower()
    if kind == "legacy":
        wanted = _MODERN_SUFFIX.get(suffix, ".docx")
        return f"未生成屏蔽副本：旧版格式（{suffix or '.doc'}）不生成同格式的屏蔽副本，请另存为 {wanted} 后重新上传"
    if kind in ("html", "ofd"):
        label = {"html": "网页", "ofd": "OFD 文件"}[kind]
        return f"未生成屏蔽副本：{label}不能自动屏蔽，需人工处理"
    return None


def mask_file(
    in_path: str | os.PathLike, out_path: str | os.PathLike, config: ScreeningConfig | None = None
) -> MaskReport:
    """Write a masked copy of a document to `out_path` (see the module's notes per format).

    The file is scanned with `config`; every finding is masked in the style the config
    sets for its kind (secrecy markings are left, and said so in the report). A file
    without findings is copied as it is. A PDF without a text layer is not written: a
    person has to look at it. Raises `ExtractionError` if the input cannot be read.
    """
    config = ensure_config(config)
    extracted = extract(in_path)
    return write_masked(extracted, scan_extracted(extracted, config), in_path, out_path, config)


def write_masked(
    extracted: Extracted,
    findings: list[Finding],
    in_path: str | os.PathLike,
    out_path: str | os.PathLike,
    config: ScreeningConfig | None = None,
) -> MaskReport:
    """Write the masked copy of a file already extracted and scanned (the `extracted`
    document is changed in memory)."""
    config = ensure_config(config)
    in_path, out_path = os.fspath(in_path), os.fspath(out_path)
    report = MaskReport(in_path, out_path, extracted.kind, warnings=list(extracted.warnings))
    if not extracted.has_text_layer:
        report.warnings.append("未生成屏蔽副本：文件没有文字层，需人工处理")
        return report
    if Path(in_path).resolve() == Path(out_path).resolve():
        raise ValueError(f"屏蔽副本不能覆盖原文件：{in_path}")
    todo = []
    for f in findings:
        if config.style_for(f.kind) == "none":
            report.left.append(f)
        else:
            todo.append((f, masked(f, config)))
            report.masked.append(f)
    if report.left:
        report.warnings.append(f"有 {len(report.left)} 处密级或内部标志未屏蔽：标有密级的文件不应公开，请交保密审查")
    if extracted.converted_from:
        wanted = f".{extracted.kind}"
        if Path(out_path).suffix.lower() != wanted:
            report.warnings.append(
                f"未生成屏蔽副本：旧版格式（.{extracted.converted_from}）不生成同格式的屏蔽副本，"
                f"请另存为 {wanted} 后重新上传"
            )
            return report
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    if not todo and not extracted.converted_from:
        shutil.copyfile(in_path, out_path)
    elif extracted.kind in ("txt", "text"):
        from .extractors.plain import encode

        codec = extracted.encoding or "utf-8"
        findings_to_mask = [f for f, _ in todo]
        try:
            data = encode(mask_text(extracted.text, findings_to_mask, config), codec)
        except UnicodeEncodeError:  # the replace label has no code in this encoding
            data = encode(mask_text(extracted.text, findings_to_mask, config.with_changes(replace_label="***")), codec)
        Path(out_path).write_bytes(data)
    elif extracted.kind in ("docx", "xlsx", "pptx"):
        if extracted.kind == "pptx":
            from .masking_slides import mask_pptx

            refused = mask_pptx(extracted, todo, out_path, _portions, _apply_edits)
            if refused:
                report.warnings.append(refused)
                return report
        else:
            (_mask_docx if extracted.kind == "docx" else _mask_xlsx)(extracted, todo, out_path)
        left = _left_in_package(out_path, [f for f, _ in todo])
        if left:
            os.remove(out_path)
            for f, part in left:
                report.warnings.append(f"未生成屏蔽副本：文件的 {part} 中仍有{f.label}，无法自动屏蔽，需人工处理")
            return report
    elif extracted.kind == "pdf":
        _mask_pdf(extracted, todo, out_path)
    elif extracted.kind == "image":
        _mask_image(extracted, todo, out_path)
    else:  # html, ofd
        label = {"html": "网页", "ofd": "OFD 文件"}.get(extracted.kind, "此类文件")
        report.warnings.append(f"未生成屏蔽副本：{label}不能自动屏蔽，需人工处理")
        return report
    report.written = True
    return report
