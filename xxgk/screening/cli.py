"""`xxgk scan PATH... [--format jsonl|table] [--mask OUT_DIR] [--student-number-pattern RE] [--allow VALUE ...]`
`xxgk scan --version`: the version, and whether the screening modules run compiled (`extensions.py`).

Exit status: 0 when every file was screened and nothing was found; 1 when something
was found; 2 when a file could not be read or could not be screened automatically
(a PDF without a text layer, an image, an encrypted or damaged file, a legacy Office file
LibreOffice could not convert, a member of an archive that cannot be screened, an archive
over its limits) — stderr names every such
file and why; the other files are still scanned. 2 wins over 1: a run that could not screen
everything is never reported as merely "found something".

A zip, 7z, RAR or tar archive is opened and each member screened as its own file, with the
limits of `archives.Limits`; findings name the member ("材料.zip/名单.txt"). A file with more
findings than the limit gives one row "发现项过多" (with --mask its masked copy is still
written). A directory is walked for every type the library reads or recognises, web pages
(.html/.htm) included, so a saved website can be screened whole. With --mask, a legacy
.doc/.xls/.ppt gets its masked copy in the converted format (名单.doc → 名单.docx).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TextIO

from . import extensions
from .config import ScreeningConfig
from .extract import KNOWN_SUFFIXES
from .findings import KIND_LABELS, KINDS
from .masking_files import write_masked
from .screen import NOTICE_LABELS, TOO_MANY, screen_path

LABELS = {**KIND_LABELS, **NOTICE_LABELS}

EXIT_CLEAN, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2


def version_line(prog: str = "xxgk scan") -> str:
    """The package's version and whether the screening modules run compiled (extensions.py)."""
    try:
        version = importlib.metadata.version("xxgk")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that was never installed
        version = "（未安装）"
    count, total = len(extensions.compiled()), len(extensions.MODULES)
    state = {
        "compiled": f"已编译（Cython，{count}/{total} 个模块）",
        "partial": f"部分编译（Cython，{count}/{total} 个模块，其余以 Python 运行）",
        "python": "未编译（以 Python 运行，结果相同，速度较慢）",
    }[extensions.status()]
    return f"{prog} {version} · 筛查模块：{state}"


def build_parser(prog: str = "xxgk scan") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="筛查文件中的个人信息（身份证号、手机号、银行卡号、考生号、学号、姓名、住址等）"
        "和密级标志，可生成屏蔽副本。支持 txt、docx、xlsx、pptx、pdf、ofd、网页（html/htm），"
        "旧版 doc、xls、ppt、wps、et（经 LibreOffice 转换），及 zip、7z、rar、tar 压缩包；"
        "目录则筛查其中所有文档文件（无法读取的格式如图片也会列出）。",
        epilog="退出码：0 未发现；1 有发现；2 有文件无法读取或无法自动筛查（如扫描件PDF、图片、"
        "加密或损坏的文件、无法转换的旧版 Office 文件、压缩包内无法筛查的文件）。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="要筛查的文件或目录")
    parser.add_argument(
        "--version", action="version", version=version_line(prog), help="显示版本及筛查模块是否已编译，然后退出"
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="table",
        help="输出格式：jsonl 每行一个发现项；table 对齐的表格（默认）",
    )
    parser.add_argument("--mask", metavar="OUT_DIR", help="把屏蔽后的副本写入此目录（文件名不变）")
    parser.add_argument("--student-number-pattern", metavar="RE", help=r"本校学号格式（正则表达式），如 20\d{8}")
    parser.add_argument(
        "--allow",
        metavar="VALUE",
        nargs="+",
        action="extend",
        default=[],
        help="本单位公开的联系方式（办公电话、热线、公务邮箱、地址），不作为发现项；"
        "可给多个值，放在路径之后（或以 -- 结束）",
    )
    parser.add_argument(
        "--min-confidence", type=float, default=None, metavar="X", help="只报告置信度不低于 X 的发现项（0–1，默认 0.5）"
    )
    parser.add_argument(
        "--kinds", metavar="KIND", nargs="+", choices=KINDS, default=None, help="只筛查这些类型：" + "、".join(KINDS)
    )
    return parser


def _config(ns: argparse.Namespace) -> ScreeningConfig:
    kw = {"allow_list": tuple(ns.allow or ()), "student_number_pattern": ns.student_number_pattern}
    if ns.min_confidence is not None:
        kw["min_confidence"] = ns.min_confidence
    if ns.kinds:
        kw["enabled_kinds"] = frozenset(ns.kinds)
    return ScreeningConfig(**kw)


def _files(paths: list[str], skip: Path | None, stderr: TextIO) -> tuple[list[tuple[Path, Path]], bool]:
    """(file, name relative to the masked-copy directory) for every file to scan."""
    out: list[tuple[Path, Path]] = []
    bad = False
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts) or not f.is_file():
                    continue
                if skip is not None and (f.resolve() == skip or skip in f.resolve().parents):
                    continue
                if f.name.lower().endswith(KNOWN_SUFFIXES):
                    out.append((f, rel))
        elif p.exists():
            out.append((p, Path(p.name)))
        else:
            print(f"xxgk scan: 无法读取文件“{raw}”：文件不存在", file=stderr)
            bad = True
    return out, bad


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _clip(s: str, width: int) -> str:
    s = s.replace("\n", "⏎").replace("\t", " ")
    if _width(s) <= width:
        return s
    out, w = "", 0
    for ch in s:
        cw = _width(ch)
        if w + cw > width - 1:
            break
        out += ch
        w += cw
    return out + "…"


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _table(rows: list[dict], stdout: TextIO) -> None:
    head = ["文件", "位置", "类型", "起止", "置信度", "内容", "说明"]
    body = [
        [
            _clip(r["path"], 40),
            r.get("location") or "",
            LABELS.get(r["kind"], r["kind"]),
            f"{r['start']}–{r['end']}",
            f"{r['confidence']:.2f}",
            _clip(r["text"], 30),
            r["reason"],
        ]
        for r in rows
    ]
    widths = [max(_width(c) for c in col) for col in zip(head, *body)]
    print("  ".join(_pad(h, w) for h, w in zip(head, widths)).rstrip(), file=stdout)
    print("  ".join("─" * w for w in widths), file=stdout)
    for row in body:
        print("  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip(), file=stdout)


def _too_many_row(part) -> dict:
    counts = Counter(KIND_LABELS.get(f.kind, f.kind) for f in part.findings)
    detail = "、".join(f"{k} {n}" for k, n in counts.most_common())
    return {
        "path": part.path,
        "kind": TOO_MANY,
        "start": 0,
        "end": 0,
        "text": f"{len(part.findings)} 处",
        "confidence": 1.0,
        "reason": f"发现 {len(part.findings)} 处（{detail}），超过每个文件 {part.limit} 处的上限，需人工处理",
        "location": None,
    }


def run(ns: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Scan with already parsed options; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        config = _config(ns)
    except ValueError as exc:
        print(f"xxgk scan: {exc}", file=stderr)
        return EXIT_UNREADABLE
    out_dir = Path(ns.mask).resolve() if ns.mask else None
    files, bad = _files(ns.paths, out_dir, stderr)
    rows: list[dict] = []
    scanned = 0
    unscreened: list[str] = []

    def emit(row: dict) -> None:
        rows.append(row)
        if ns.format == "jsonl":
            print(json.dumps(row, ensure_ascii=False), file=stdout)

    for path, rel in files:
        name = os.fspath(path)
        result = screen_path(path, config)
        for problem in result.unscreenable:
            print(f"xxgk scan: 无法自动筛查“{problem.path}”：{problem.reason}", file=stderr)
            unscreened.append(problem.path)
        if result.parts:
            scanned += 1
        for part in result.parts:
            if part.extracted.has_text_layer:
                for w in part.extracted.warnings:
                    print(f"xxgk scan: 注意：{part.path}：{w}", file=stderr)
            if part.too_many:
                emit(_too_many_row(part))
                continue
            for f in part.findings:
                emit({"path": part.path, **f.to_dict()})
        if out_dir is not None and result.parts:
            if result.is_archive:
                print(f"xxgk scan: 注意：{name}：压缩包不生成屏蔽副本，请解压后筛查", file=stderr)
                continue
            part = result.parts[0]
            target = out_dir / rel
            if part.extracted.converted_from:  # never a masked copy in the legacy format
                target = target.with_suffix(f".{part.extracted.kind}")
                print(f"xxgk scan: 注意：{name}：旧版格式，屏蔽副本写为 {target.name}", file=stderr)
            try:
                report = write_masked(part.extracted, part.findings, path, target, config)
            except (OSError, ValueError) as exc:
                print(f"xxgk scan: 无法写入屏蔽副本“{target}”：{exc}", file=stderr)
                bad = True
                continue
            for w in report.warnings[len(part.extracted.warnings) :]:
                print(f"xxgk scan: 注意：{name}：{w}", file=stderr)
            in_pictures = [p.path for p in result.parts if p.embedded and p.findings]
            if in_pictures:  # the copy still holds those pictures: a person must remove or replace them
                print(
                    f"xxgk scan: 注意：{name}：嵌入图片中的个人信息未屏蔽，请在文档中删除或替换图片："
                    + "、".join(in_pictures),
                    file=stderr,
                )
                bad = True
    if ns.format == "table":
        if rows:
            _table(rows, stdout)
            counts = Counter(LABELS.get(r["kind"], r["kind"]) for r in rows)
            detail = "、".join(f"{k} {n}" for k, n in counts.most_common())
            print(f"\n共筛查 {scanned} 个文件，发现 {len(rows)} 处：{detail}", file=stdout)
        else:
            print(f"共筛查 {scanned} 个文件，未发现需要屏蔽的内容", file=stdout)
        if out_dir is not None:
            print(f"屏蔽副本已写入 {out_dir}", file=stdout)
    if unscreened:
        print(f"xxgk scan: 以下 {len(unscreened)} 个文件无法自动筛查，需人工确认：", file=stderr)
        for p in unscreened:
            print(f"  {p}", file=stderr)
    if bad or unscreened:
        return EXIT_UNREADABLE
    return EXIT_FOUND if rows else EXIT_CLEAN


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """`xxgk scan` without Django: parse `argv` and scan; returns the exit status."""
    parser = build_parser()
    try:
        ns = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help (0) or a usage error (2)
        return int(exc.code or 0)
    return run(ns, stdout, stderr)


if __name__ == "__main__":
    sys.exit(main())
