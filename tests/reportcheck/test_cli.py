"""`xxgk check-report`: JSON and text output, exit status, and the console script."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from xxgk.reportcheck.cli import main

from .conftest import HAINAN, QUANZHOU, REPORTS


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = main([str(a) for a in argv], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_json_output_for_hainan():
    status, out, _ = run(HAINAN, "--format", "json")
    data = json.loads(out)
    assert status == 1  # findings
    assert data["period"] == {"start": "2022-09-01", "end": "2023-08-31"}
    assert data["declared_sections"] == [] and data["declared_count"] is None
    assert data["sections"] == ["overview", "proactive", "key_areas", "on_request", "complaints", "problems"]
    assert data["missing_sections"] == ["evaluation", "other", "checklist_table"]
    first = data["figures"][0]
    assert first == {
        "value": 1312,
        "unit": "条",
        "approx": False,
        "text": "通过学校官网各栏目共发布信息1312条",
        "counts": "学校官网各栏目共发布信息",
        "phrase": "1312条",
        "section": "proactive",
    }
    money = [f for f in data["figures"] if f["unit"] == "万元"]
    assert [f["value"] for f in money] == [1081.11, 2077.32]
    assert {f["code"] for f in data["findings"]} == {"missing_section"}
    assert all(f["message"].startswith("缺少") for f in data["findings"])
    assert data["key_figures"] == {"website_items": 1312, "wechat_posts": 305, "applications": 0, "complaints": 0}


def test_json_output_for_quanzhou():
    status, out, _ = run(QUANZHOU, "--format", "json")
    data = json.loads(out)
    assert status == 1
    assert data["declared_count"] == 6
    assert data["declared_sections"] == ["overview", "proactive", "on_request", "evaluation", "complaints", "problems"]
    assert data["missing_sections"] == ["checklist_table"]
    assert [f["code"] for f in data["findings"]] == ["missing_section", "undeclared_section"]
    approx = [(f["value"], f["unit"]) for f in data["figures"] if f["approx"]]
    assert approx == [
        (190, "篇"),
        (10, "篇"),
        (230, "篇"),
        (30, "个"),
        (150, "项"),
        (59, "家"),
        (258, "家"),
        (6400, "个"),
    ]


def test_finding_codes_on_the_other_reports():
    _, out, _ = run(REPORTS / "changhe-nine-parts.txt", "--format", "json")
    assert "declared_count_mismatch" in [f["code"] for f in json.loads(out)["findings"]]
    _, out, _ = run(REPORTS / "baisha-wrong-citation.txt", "--format", "json")
    found = [f["code"] for f in json.loads(out)["findings"]]
    assert found.count("sum_mismatch") == 2 and found.count("wrong_citation") == 3


def test_text_output_for_people():
    status, out, _ = run(HAINAN)
    assert status == 1
    assert "统计期限：2022-09-01 至 2023-08-31" in out
    assert "缺少的部分：信息公开评议情况；其他需要报告的事项；清单事项公开情况表" in out
    assert "10000人次（约）  电话咨询量" in out
    assert "[missing_section]" in out


def test_a_report_without_findings_exits_0():
    status, out, _ = run(REPORTS / "nanshan-traditional.txt")
    assert status == 0
    assert "发现的问题：无" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["/nonexistent/report.txt"], "文件不存在"),
        ([REPORTS], "是一个目录"),
        ([HAINAN, "--output", "x.xlsx"], "--output 只用于 --compare"),
    ],
)
def test_unreadable_input_exits_2_with_a_chinese_message(argv, message):
    status, out, err = run(*argv)
    assert status == 2
    assert message in err and out == ""


def test_corrupt_docx_exits_2(tmp_path):
    (tmp_path / "r.docx").write_bytes(b"PK\x03\x04broken")
    status, _, err = run(tmp_path / "r.docx")
    assert status == 2 and "无法读取报告" in err and "可能已损坏" in err


def test_bad_arguments_exit_2(capsys):
    assert main(["--format", "yaml", str(HAINAN)]) == 2


def test_the_xxgk_command_keeps_the_status(capsys):
    from xxgk import cli

    assert cli.main(["check-report", str(QUANZHOU), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["declared_count"] == 6
    assert cli.main(["check_report", str(REPORTS / "beijiang-parts.txt"), "--format", "text"]) == 0
    assert "北江职业技术学院" in capsys.readouterr().out


def test_console_script_exits_with_the_library_status(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "xxgk", "check-report", str(REPORTS / "beijiang-parts.txt"), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    missing = subprocess.run(
        [sys.executable, "-m", "xxgk", "check-report", str(tmp_path / "none.pdf")], capture_output=True, text=True
    )
    assert missing.returncode == 2
    assert "文件不存在" in missing.stderr


def test_the_library_imports_no_django():
    code = "import sys, xxgk.reportcheck.cli, xxgk.reportcheck.compare; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
