"""`xxgk scan`: exit 0 clean, 1 findings, 2 unreadable; JSON lines; table; masked copies."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from xxgk.screening.cli import main

from .documents import ID_A, admission_docx, admission_list_text, aid_xlsx, scanned_pdf_bytes

ROOT = Path(__file__).resolve().parents[2]


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_clean_file_exits_0(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("关于国庆节放假的通知。索引号：HNTOU-02-2023-0012，日期2023-09-20。", encoding="utf-8")
    code, out, _ = run(p)
    assert code == 0 and "未发现" in out


def test_findings_exit_1_with_json_fields(tmp_path):
    p = tmp_path / "list.txt"
    p.write_text(admission_list_text(), encoding="gbk")
    code, out, _ = run(p, "--format", "jsonl")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert {"path", "kind", "start", "end", "text", "confidence", "reason"} <= set(rows[0])
    ids = [r for r in rows if r["kind"] == "id_card"]
    assert ids[0]["text"] == ID_A and ids[0]["path"] == str(p)
    text = p.read_bytes().decode("gbk")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert "\\u" not in out and "高考考生号" in out  # Chinese written as it is (ensure_ascii=False)


def test_unreadable_file_exits_2_and_others_are_scanned(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"garbage")
    good = tmp_path / "list.txt"
    good.write_text(admission_list_text(), encoding="utf-8")
    code, out, err = run(bad, good, "--format", "jsonl")
    assert code == 2
    assert "坏.docx" in err and "不是有效的 docx" in err
    assert ID_A in out


def test_pdf_without_text_layer_exits_2(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(scanned_pdf_bytes())
    code, _, err = run(p)
    assert code == 2 and "没有文字层" in err


def test_table_format(tmp_path):
    p = tmp_path / "list.txt"
    p.write_text(admission_list_text(), encoding="utf-8")
    code, out, _ = run(p, "--format", "table")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["文件", "位置", "类型", "起止"]
    assert any("身份证号" in line and ID_A in line for line in lines)
    assert "共筛查 1 个文件" in out


def test_directory_and_mask_output(tmp_path):
    src = tmp_path / "notices"
    (src / "sub").mkdir(parents=True)
    admission_docx(src / "名单.docx")
    aid_xlsx(src / "sub" / "助学金.xlsx")
    (src / "说明.md").write_text("不支持的格式被跳过")
    out = tmp_path / "masked"
    code, stdout, _ = run(src, "--mask", out, "--format", "jsonl")
    assert code == 1
    assert {json.loads(x)["path"] for x in stdout.splitlines()} == {
        str(src / "名单.docx"),
        str(src / "sub" / "助学金.xlsx"),
    }
    assert (out / "名单.docx").exists() and (out / "sub" / "助学金.xlsx").exists()
    assert run(out)[0] == 0


def test_allow_and_student_number_pattern(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("咨询电话：0898-88651234。学号：2021040122", encoding="utf-8")
    code, out, _ = run(p, "--allow", "0898-88651234", "--student-number-pattern", r"20\d{8}", "--format", "jsonl")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and [(r["kind"], r["confidence"]) for r in rows] == [("student_number", 0.95)]


def test_bad_pattern_and_bad_option():
    assert run("x.txt", "--student-number-pattern", "(")[0] == 2
    assert run("--format", "xml", "x.txt")[0] == 2


def test_django_command_propagates_the_exit_status(tmp_path, seeds_dir):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    xxgk = [sys.executable, "-m", "xxgk", "scan"]
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    done = subprocess.run([*xxgk, *seeds, "--format", "jsonl"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert {json.loads(x)["kind"] for x in done.stdout.splitlines()} == {"mobile", "email"}
    done = subprocess.run(
        [*xxgk, *seeds, "--allow", "18960221860", "qzhyxydzb@163.com"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*xxgk, str(tmp_path / "missing.txt")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 2 and "missing.txt" in done.stderr


def test_the_xxgk_command_keeps_the_status(tmp_path, capsys):
    from xxgk import cli

    p = tmp_path / "list.txt"
    p.write_text(admission_list_text(), encoding="utf-8")
    assert cli.main(["scan", str(p), "--format", "jsonl"]) == 1
    assert ID_A in capsys.readouterr().out
