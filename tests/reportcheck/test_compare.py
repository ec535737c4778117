"""`check-report DIR --compare`: one row per report, to xlsx, csv or html."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from xxgk.reportcheck.cli import main
from xxgk.reportcheck.compare import COLUMNS, compare

from .conftest import HAINAN, QUANZHOU, REPORTS


@pytest.fixture
def reports(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(HAINAN, d)
    shutil.copy(QUANZHOU, d)
    shutil.copy(REPORTS / "baisha-wrong-citation.txt", d)
    (d / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    (d / "notes.md").write_text("not a report", encoding="utf-8")
    return d


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    return main([str(a) for a in argv], stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_rows(reports):
    rows = {r["file"]: r for r in compare(reports)}
    assert list(rows) == ["baisha-wrong-citation.txt", "hntou-2022-2023.txt", "qzoi-2022-2023.txt", "scan.pdf"]
    hn = rows["hntou-2022-2023.txt"]
    assert (hn["school"], hn["period_start"], hn["period_end"]) == ("海南热带海洋学院", "2022-09-01", "2023-08-31")
    assert (hn["website_items"], hn["wechat_posts"], hn["applications"], hn["complaints"]) == (1312, 305, 0, 0)
    assert hn["missing"] == "信息公开评议情况；其他需要报告的事项；清单事项公开情况表"
    qz = rows["qzoi-2022-2023.txt"]
    assert (qz["website_items"], qz["wechat_posts"], qz["applications"], qz["complaints"]) == (468, 674, 0, 0)
    assert qz["declared_count"] == 6 and qz["missing"] == "清单事项公开情况表"
    bs = rows["baisha-wrong-citation.txt"]
    assert bs["findings_count"] == 5 and "文号有误" in bs["findings"]
    assert "不是有效的 PDF 文件" in rows["scan.pdf"]["error"]


def test_xlsx(reports, tmp_path):
    status, out, err = run(reports, "--compare", "--output", tmp_path / "cmp.xlsx")
    assert status == 1  # findings, and one unreadable file
    assert "已比较 4 份报告" in out and "scan.pdf" in err
    ws = load_workbook(tmp_path / "cmp.xlsx").active
    header = [c.value for c in ws[1]]
    assert header == [label for _, label in COLUMNS]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["hntou-2022-2023.txt"]["官网发布信息"] == 1312
    assert rows["qzoi-2022-2023.txt"]["官方微信公众号发文"] == 674
    assert rows["qzoi-2022-2023.txt"]["统计起始"] == "2022-09-01"


def test_csv(reports, tmp_path):
    status, _, _ = run(reports, "--compare", "--output", tmp_path / "cmp.csv")
    assert status == 1
    raw = (tmp_path / "cmp.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["文件"] for r in rows][:3] == ["baisha-wrong-citation.txt", "hntou-2022-2023.txt", "qzoi-2022-2023.txt"]
    assert rows[1]["收到依申请公开申请"] == "0" and rows[1]["收到举报"] == "0"


def test_html(reports, tmp_path):
    run(reports, "--compare", "--output", tmp_path / "cmp.html")
    page = (tmp_path / "cmp.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-Hans">' in page
    assert '<th scope="col">官网发布信息</th>' in page
    assert "<td>泉州海洋职业学院</td>" in page


def test_without_output_prints_csv(reports):
    status, out, _ = run(reports, "--compare")
    assert out.splitlines()[0].startswith("文件,学校,统计起始")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--compare", "--output", "x.docx"], "不支持的输出格式"),
        (["--compare"], "没有可检查的报告"),
    ],
)
def test_compare_errors_exit_2(tmp_path, argv, message):
    status, _, err = run(tmp_path, *argv)
    assert status == 2 and message in err


def test_compare_needs_a_directory():
    status, _, err = run(HAINAN, "--compare")
    assert status == 2 and "不是目录" in err
