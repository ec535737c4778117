"""Writing the masked copy of a PowerPoint (.pptx), formatting intact.

Characters are replaced inside the `a:t` elements (and comments' `p:text`) the extraction
recorded for each paragraph, so run formatting stays; a match spanning several runs is split
across them. Copies of the same text the extraction does not read as such (the drawing cache
of SmartArt, masters) are cleaned by replacing the masked values in every `a:t` of the
package. Text that cannot be rewritten where it is stored (a chart's cached values and the
workbook behind it, embedded documents) is not masked: no copy is written, and the reason
says where the value is. The caller then checks the written package for any masked value left.
"""

from __future__ import annotations

import zipfile

from .document import Extracted
from .findings import Finding

A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"


def mask_pptx(
    extracted: Extracted, todo: list[tuple[Finding, str]], out_path: str, portions, apply_edits
) -> str | None:
    """Write the masked copy; None when written, otherwise why not (nothing is written).
    `portions` and `apply_edits` are masking_files' helpers, shared with docx."""
    from lxml import etree

    edits: dict = {}
    for f, repl in todo:
        for seg, a, b, part in portions(extracted, f, repl):
            if seg.ref is None:
                return f"未生成屏蔽副本：{seg.location}中的{f.label}无法自动屏蔽（图表数据或嵌入的文件），需人工处理"
            same = len(part) == b - a
            first = True
            for t_elm, off, length in seg.ref:
                x, y = max(a, off), min(b, off + length)
                if x >= y:
                    continue
                piece = part[x - a : y - a] if same else (part if first else "")
                first = False
                edits.setdefault(t_elm, []).append((x - off, y - off, piece))
    for t_elm, changes in edits.items():
        t_elm.text = apply_edits(t_elm.text or "", changes)
    pkg = extracted.handle
    values = sorted({(f.text, repl) for f, repl in todo if len(f.text) >= 5}, key=lambda v: -len(v[0]))
    for part in pkg.names:
        if part.endswith(".xml") and part not in pkg.roots and values:
            pkg.xml(part)  # parse it, to clean copies of the values below
    for root in pkg.roots.values():
        for t in root.iter(A_T):
            text = t.text or ""
            for v, repl in values:
                text = text.replace(v, repl)
            if text != (t.text or ""):
                t.text = text
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in pkg.zf.infolist():
            if info.filename in pkg.roots:
                data = etree.tostring(pkg.roots[info.filename], xml_declaration=True, encoding="UTF-8", standalone=True)
            else:
                data = pkg.blob(info.filename)
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return None
