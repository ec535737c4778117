"""Article pages of two CMS layouts are found, with title, date, department and attachments;
home, column list, pagination, search and contact pages are not articles."""

from __future__ import annotations

from datetime import date

import pytest

from tests.siteimport.mirrors import NOT_ARTICLES, table_site, vsb_site
from xxgk.siteimport.mirror import read_mirror

TODAY = date(2026, 12, 5)
LAYOUTS = {"vsb": vsb_site, "table": table_site}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_articles_and_only_articles(tmp_path, layout):
    root = tmp_path / "www.example.edu.cn"
    expected = LAYOUTS[layout](root)
    reading = read_mirror(root, today=TODAY)
    found = {a.path: a for a in reading.articles}
    assert sorted(found) == sorted(e.path for e in expected)
    for e in expected:
        article = found[e.path]
        assert article.title == e.title
        assert article.published_on == date.fromisoformat(e.date)
        assert article.department == e.department
        assert article.attachments == e.attachments
    skipped = {s.path for s in reading.skipped}
    assert set(NOT_ARTICLES[layout]) <= skipped


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_body_is_the_article_not_the_site(tmp_path, layout):
    root = tmp_path / "www.example.edu.cn"
    LAYOUTS[layout](root)
    for article in read_mirror(root, today=TODAY).articles:
        for furniture in ("版权所有", "Copyright", "当前位置", "上一篇", "打印本页", "分享到", "not text", "首页"):
            assert furniture not in article.text, (article.path, furniture)
        assert article.title not in article.text
        assert "发布时间" not in article.text and "日期：" not in article.text
        assert len(article.text) >= 20
