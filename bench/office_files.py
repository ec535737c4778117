"""Labelled notices written as real files — .docx, .xlsx, .pptx, a .zip and a .7z holding some of
them, and a .doc and an .xls saved by LibreOffice — screened with `xxgk.screening.screen` as an
upload is, the findings mapped back to the labelled values.

Each file holds its own generated notices (the generator's `Doc`: every personal value is
labelled as it is written) and, where the format has them, values in the less visible parts: a
Word header, footer and comment; an Excel hidden sheet and cell comment; PowerPoint speaker notes
and a slide comment. Rows of tab-separated lists become real tables (Word tables, Excel cells,
PowerPoint tables). A finding counts as correct when a labelled value of its kind with the same
text is in the file (values are counted, so a name written three times is three values).

Speed: MB of file bytes over the wall time of `screen` (extraction, conversion and scanning);
the .doc/.xls figures are dominated by LibreOffice's start-up (one conversion each).
"""

from __future__ import annotations

import io
import shutil
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORE = ("id_card", "mobile", "bank_card", "email")
_LEGACY = ("doc", "xls")  # containers LibreOffice writes


@dataclass
class Sample:
    """One file to screen and the labelled values it holds."""

    name: str
    container: str
    data: bytes
    want: Counter


def _values(doc) -> Counter:
    text = doc.text()
    return Counter((kind, text[s:e]) for kind, s, e in doc.labels)


def _blocks(text: str) -> list[tuple[str, list]]:
    """("table", rows of cells) for runs of tab-separated lines, ("para", [line]) for the rest."""
    out: list[tuple[str, list]] = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            if out and out[-1][0] == "table" and len(out[-1][1][0]) == len(cells):
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif line:
            out.append(("para", [line]))
    return out


class Extras:
    """Labelled values for the less visible parts of a file."""

    def __init__(self, gen):
        self.gen = gen
        self.want: Counter = Counter()

    def value(self, kind: str) -> str:
        g = self.gen
        v = {"id_card": g.id_number, "mobile": g.mobile, "email": g.email, "bank_card": g.card}[kind]()
        self.want[(kind, v)] += 1
        return v


def docx_bytes(doc, gen) -> tuple[bytes, Counter]:
    from docx import Document

    extras = Extras(gen)
    d = Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = f"学生工作处  联系手机：{extras.value('mobile')}  邮箱：{extras.value('email')}"
    section.footer.paragraphs[0].text = f"监督举报邮箱：{extras.value('email')}"
    first = None
    for kind, rows in _blocks(doc.text()):
        if kind == "para":
            p = d.add_paragraph(rows[0])
            first = first or p
            continue
        table = d.add_table(rows=len(rows), cols=len(rows[0]))
        for row, cells in zip(table.rows, rows):
            for cell, value in zip(row.cells, cells):
                cell.text = value
    if first is not None:
        d.add_comment(first.runs[0], text=f"请核对该生身份证号{extras.value('id_card')}", author="招生办")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), _values(doc) + extras.want


def xlsx_bytes(doc, hidden_doc, gen) -> tuple[bytes, Counter]:
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    extras = Extras(gen)
    wb = Workbook()
    for ws, source in ((wb.active, doc), (wb.create_sheet("备用"), hidden_doc)):
        for line in source.text().split("\n"):
            ws.append(line.split("\t") if "\t" in line else [line])
    wb.active.title = "公示名单"
    wb["备用"].sheet_state = "hidden"
    wb.active["A1"].comment = Comment(f"家长手机{extras.value('mobile')}，已电话核实", "辅导员")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), _values(doc) + _values(hidden_doc) + extras.want


def pptx_file(doc, gen) -> tuple[bytes, Counter]:
    from tests.screening.slides import pptx_bytes

    extras = Extras(gen)
    slides, text = [], []
    for kind, rows in _blocks(doc.text()):
        if kind == "para":
            text.append(rows[0])  # "|" splits runs in the builder; the generated text has none
            if len(text) >= 12:
                slides.append({"text": text})
                text = []
        else:
            slides.append({"text": text, "table": rows})
            text = []
    if text:
        slides.append({"text": text})
    slides[0]["notes"] = [f"讲解时不要念出联系人手机{extras.value('mobile')}"]
    slides[-1]["comments"] = [f"请把银行卡号{extras.value('bank_card')}删掉"]
    return pptx_bytes(slides), _values(doc) + extras.want


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def sevenzip_bytes(members: dict[str, bytes], work: Path) -> bytes:
    import libarchive

    path = work / "bench.7z"
    with libarchive.file_writer(str(path), "7zip") as w:
        for name, data in members.items():
            w.add_file_from_memory(name, len(data), data)
    return path.read_bytes()


def legacy_bytes(data: bytes, suffix: str, fmt: str, work: Path) -> bytes:
    """`data` (a .docx or .xlsx) saved by LibreOffice as .doc or .xls (the tests' converter)."""
    from tests.screening.legacy import save_as

    src = work / f"source-{fmt}.{suffix}"
    src.write_bytes(data)
    return save_as(src, fmt)


def build(make_doc: Callable[[int, int], object], make_gen: Callable[[int], object], kb: int) -> list[Sample]:
    """The files: `make_doc(seed, bytes)` gives labelled notices, `make_gen(seed)` the generator
    for the extra values; `kb` is the size of each document's text."""
    size = kb * 1000
    gen = make_gen(101)
    samples: list[Sample] = []
    data, want = docx_bytes(make_doc(1, size), gen)
    samples.append(Sample("招生录取名单.docx", "docx", data, want))
    data, want = xlsx_bytes(make_doc(2, size), make_doc(3, size // 2), gen)
    samples.append(Sample("资助名单.xlsx", "xlsx", data, want))
    data, want = pptx_file(make_doc(4, size // 2), gen)
    samples.append(Sample("情况汇报.pptx", "pptx", data, want))

    inner_docx, want_docx = docx_bytes(make_doc(5, size // 2), gen)
    inner_xlsx, want_xlsx = xlsx_bytes(make_doc(6, size // 2), make_doc(7, size // 4), gen)
    listing = make_doc(8, size // 2)
    data = zip_bytes(
        {
            "材料/公示.docx": inner_docx,
            "材料/名单.xlsx": inner_xlsx,
            "材料/名单.txt": listing.text().encode("gb18030"),
        }
    )
    samples.append(Sample("申报材料.zip", "zip", data, want_docx + want_xlsx + _values(listing)))

    with tempfile.TemporaryDirectory(prefix="xxgk-bench-files-") as tmp:
        work = Path(tmp)
        inner_pptx, want_pptx = pptx_file(make_doc(9, size // 4), gen)
        listing = make_doc(10, size // 2)
        inner_xlsx, want_xlsx = xlsx_bytes(make_doc(11, size // 2), make_doc(12, size // 4), gen)
        data = sevenzip_bytes(
            {"汇报.pptx": inner_pptx, "学生名单.txt": listing.text().encode("utf-8"), "名单.xlsx": inner_xlsx}, work
        )
        samples.append(Sample("归档材料.7z", "7z", data, want_pptx + _values(listing) + want_xlsx))
        if shutil.which("soffice"):
            data, want = docx_bytes(make_doc(13, size // 2), gen)
            samples.append(Sample("处分决定.doc", "doc", legacy_bytes(data, "docx", "doc", work), want))
            data, want = xlsx_bytes(make_doc(14, size // 2), make_doc(15, size // 4), gen)
            samples.append(Sample("补助名单.xls", "xls", legacy_bytes(data, "xlsx", "xls", work), want))
        else:
            print("\n(LibreOffice is not installed: `make system-deps`; .doc and .xls skipped)")
    return samples


def _pr(tp: int, got: int, want: int) -> dict:
    return {
        "precision": round(tp / got, 4) if got else None,
        "recall": round(tp / want, 4) if want else None,
        "labelled": want,
    }


def measure(samples: list[Sample], kinds: tuple[str, ...]) -> dict:
    """Screen each file; precision/recall per kind and per container, and MB/s."""
    from xxgk.screening import screen

    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_container: dict[str, dict] = {}
    total_bytes, total_time, unscreenable = 0, 0.0, []
    native_bytes, native_time = 0, 0.0  # without the .doc/.xls, whose time is LibreOffice's
    for sample in samples:
        t0 = time.perf_counter()
        result = screen(sample.data, sample.name)
        elapsed = time.perf_counter() - t0
        total_bytes += len(sample.data)
        total_time += elapsed
        if sample.container not in _LEGACY:
            native_bytes += len(sample.data)
            native_time += elapsed
        unscreenable += [f"{u.path}: {u.reason}" for u in result.unscreenable]
        got = Counter((f.kind, f.text) for part in result.parts for f in part.findings)
        core = [0, 0, 0]
        for kind in kinds:
            g = Counter({k: v for k, v in got.items() if k[0] == kind})
            w = Counter({k: v for k, v in sample.want.items() if k[0] == kind})
            row = (sum((g & w).values()), sum(g.values()), sum(w.values()))
            for i in range(3):
                by_kind[kind][i] += row[i]
                if kind in CORE:
                    core[i] += row[i]
        by_container[sample.container] = {
            **_pr(*core),
            "parts": len(result.parts),
            "mb": round(len(sample.data) / 1e6, 3),
            "mb_s": round(len(sample.data) / 1e6 / elapsed, 2),
        }
    return {
        "per_kind": {k: _pr(*v) for k, v in by_kind.items()},
        "per_container_core": by_container,
        "core": _pr(*(sum(by_kind[k][i] for k in CORE) for i in range(3))),
        "mb": round(total_bytes / 1e6, 3),
        "mb_s": round(total_bytes / 1e6 / total_time, 2),
        "mb_s_without_doc_xls": round(native_bytes / 1e6 / native_time, 2) if native_time else None,
        "unscreenable": unscreenable,
    }


def report(figures: dict) -> None:
    print("\nfiles (labelled notices written as Office files and archives, screened with `screen`):")
    print(f"  {'kind':16s} {'labelled':>8s} {'precision':>9s} {'recall':>7s}")
    for kind, row in figures["per_kind"].items():
        p = "—" if row["precision"] is None else f"{row['precision']:.3f}"
        r = "—" if row["recall"] is None else f"{row['recall']:.3f}"
        print(f"  {kind:16s} {row['labelled']:8d} {p:>9s} {r:>7s}")
    print(
        f"  {'container':16s} {'core values':>11s} {'precision':>9s} {'recall':>7s} {'parts':>6s} {'MB':>7s} {'MB/s':>7s}"
    )
    for name, row in figures["per_container_core"].items():
        p = "—" if row["precision"] is None else f"{row['precision']:.3f}"
        r = "—" if row["recall"] is None else f"{row['recall']:.3f}"
        print(
            f"  {name:16s} {row['labelled']:11d} {p:>9s} {r:>7s} {row['parts']:6d} {row['mb']:7.3f} {row['mb_s']:7.2f}"
        )
    core = figures["core"]
    print(
        f"  core kinds (ID, mobile, bank card, e-mail) together: precision {core['precision']}, recall "
        f"{core['recall']}  (target >= 0.99)"
    )
    print(
        f"  {figures['mb']:.2f} MB of files, {figures['mb_s']:.2f} MB/s (wall time of `screen`, all files); "
        f"{figures['mb_s_without_doc_xls']} MB/s without the .doc/.xls (LibreOffice's start-up)"
    )
    for u in figures["unscreenable"]:
        print(f"  unscreenable: {u}")
