"""Where the heuristics fail on a layout, the mapping file's CSS selectors say where the title, body,
date and publisher are; a selector that cannot be understood is refused before anything is read."""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.siteimport.mirror import MappingError, load_mapping, read_mirror

ODD_PAGE = """<html><head><meta charset="utf-8"><title>示范学院</title></head><body>
<div id="top"><a href="/">首页</a></div>
<section class="x1"><span class="x2">关于公布2023年图书采购结果的通知</span></section>
<section class="x3"><em class="x4">2023-06-02</em> <em class="x5">图书馆</em></section>
<section class="x6"><p>根据学校采购管理办法，现将2023年图书采购结果公布如下，中标单位为某某图书公司，中标金额12.5万元。</p></section>
<section class="x7">2020-01-01 旧的日期</section>
</body></html>"""


def _mirror(tmp_path):
    root = tmp_path / "lib.example.edu.cn"
    (root / "news").mkdir(parents=True)
    (root / "news" / "1.html").write_text(ODD_PAGE, encoding="utf-8")
    return root


def test_selectors_take_over(tmp_path):
    root = _mirror(tmp_path)
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "selectors:\n  title: span.x2\n  body: section.x6\n  date: em.x4\n  department: em.x5\n"
        "columns:\n  - prefix: news/\n    item: 24\n    department: 图书馆\n",
        encoding="utf-8",
    )
    reading = read_mirror(root, load_mapping(mapping), today=date(2026, 12, 5))
    [article] = reading.articles
    assert article.title == "关于公布2023年图书采购结果的通知"
    assert article.published_on == date(2023, 6, 2)
    assert article.department == "图书馆"
    assert "中标金额12.5万元" in article.text and "旧的日期" not in article.text
    assert reading.columns[article.path].item == 24


def test_a_bad_selector_is_refused(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("selectors:\n  title: 'span[[['\n", encoding="utf-8")
    with pytest.raises(MappingError):
        load_mapping(mapping)
