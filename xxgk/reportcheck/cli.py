"""``xxgk check-report``: argument parsing and output, with no Django.

    xxgk check-report PATH [--format text|json]
    xxgk check-report DIR --compare [--output FILE.xlsx|FILE.csv|FILE.html] [--format text|json]

Exit status (the same convention as ``xxgk scan``): 0 no findings, 1 findings,
2 unreadable input (missing file, corrupt docx, PDF without a text layer, an
empty directory, an output that cannot be written) or bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from . import compare as compare_mod
from .check import Report, check_path
from .read import ReadError
from .rules import section_label

OK, FINDINGS, UNREADABLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="报告文件（txt、docx、pdf、html），或 --compare 时的目录")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--compare", action="store_true", help="比较目录中的所有报告，每份一行")
    parser.add_argument("--output", help="--compare 的输出文件：.xlsx、.csv 或 .html")


def build_parser(prog: str = "xxgk check-report") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="检查高校信息公开工作年度报告")
    add_arguments(parser)
    return parser


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse already printed the message
        return exc.code if isinstance(exc.code, int) else UNREADABLE
    return run(vars(options), stdout, stderr)


def run(options: dict, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run with parsed options (a dict, or an argparse.Namespace); returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not isinstance(options, dict):
        options = vars(options)
    path = Path(options["path"])
    if options.get("compare"):
        return _run_compare(path, options, stdout, stderr)
    if options.get("output"):
        stderr.write("--output 只用于 --compare\n")
        return UNREADABLE
    try:
        report = check_path(path)
    except ReadError as exc:
        stderr.write(f"无法读取报告：{exc}\n")
        return UNREADABLE
    if options.get("format") == "json":
        stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(format_text(report))
    return FINDINGS if report.findings else OK


def _run_compare(path: Path, options: dict, stdout: TextIO, stderr: TextIO) -> int:
    if not path.is_dir():
        stderr.write(f"无法比较：{path} 不是目录\n")
        return UNREADABLE
    output = options.get("output")
    if output and Path(output).suffix.lower() not in (*compare_mod.FORMATS, ".htm"):
        stderr.write(f"不支持的输出格式 {Path(output).suffix or '（无扩展名）'}；请用 .xlsx、.csv 或 .html\n")
        return UNREADABLE
    rows = compare_mod.compare(path)
    if not rows:
        stderr.write(f"{path} 中没有可检查的报告（txt、docx、pdf、html）\n")
        return UNREADABLE
    if output:
        try:
            compare_mod.write_rows(rows, output)
        except OSError as exc:
            stderr.write(f"无法写入 {output}：{exc.strerror or exc}\n")
            return UNREADABLE
        stdout.write(f"已比较 {len(rows)} 份报告，结果写入 {output}\n")
    elif options.get("format") == "json":
        stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(compare_mod.to_csv(rows))
    for row in rows:
        if row["error"]:
            stderr.write(f"无法读取 {row['file']}：{row['error']}\n")
    return FINDINGS if any(row["error"] or row["findings_count"] for row in rows) else OK


def _fmt(v) -> str:
    if v is None:
        return "未找到"
    return f"{v:g}" if isinstance(v, float) else str(v)


def format_text(report: Report) -> str:
    labels = lambda keys: "；".join(section_label(k) for k in keys) or "无"  # noqa: E731
    out = [f"报告：{report.source or '（文本）'}" + (f"（{report.school}）" if report.school else "")]
    if report.period:
        out.append(
            f"统计期限：{report.period.start.isoformat()} 至 {report.period.end.isoformat()}（原文：{report.period.text}）"
        )
    else:
        out.append("统计期限：未找到")
    if report.declared:
        count = f"，称共{report.declared.count}个部分" if report.declared.count is not None else ""
        out.append(f"开头列出的部分（{len(report.declared.parts)}个{count}）：{labels(report.declared.keys)}")
    else:
        out.append("开头列出的部分：未列出")
    out.append(f"标题中的部分：{labels(report.sections)}")
    out.append(f"缺少的部分：{labels(report.missing_sections)}")
    k = report.key_figures
    out.append(
        f"关键数字：官网发布信息 {_fmt(k.get('website_items'))}；官方微信公众号发文 {_fmt(k.get('wechat_posts'))}；"
        f"依申请公开申请 {_fmt(k.get('applications'))}；举报 {_fmt(k.get('complaints'))}"
    )
    out.append(f"数字（{len(report.figures)}个）：")
    for f in report.figures:
        approx = "（约）" if f.approx else ""
        out.append(f"  {_fmt(f.value)}{f.unit}{approx}  {f.counts}  ——{f.text}")
    if report.findings:
        out.append(f"发现的问题（{len(report.findings)}个）：")
        for f in report.findings:
            out.append(f"  [{f.code}] {f.message}")
    else:
        out.append("发现的问题：无")
    return "\n".join(out) + "\n"
