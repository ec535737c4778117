"""Whatever is typed into the search box is text to look for: FTS5 and LIKE syntax, quotes, very long
strings, NUL and other control characters, lone surrogates never cause an error or change what matches."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.portal.conftest import published
from xxgk.portal import search

NASTY = [
    '"',
    '""',
    "'",
    "' OR 1=1 --",
    '" OR "a',
    "NEAR(",
    "NEAR(a b, 1)",
    "a AND b",
    "招生 OR 章程",
    "NOT 招生",
    "招生*",
    "^招生",
    "{title}:招生",
    "title:招生",
    "col : (x)",
    "a & | !",
    "100%",
    "%%",
    "__",
    "a_b",
    "\\",
    "\\%",
    "招生\x00章程",
    "\x00\x00",
    "\x01\x02\x7f",
    "招\t生\n章\r程",
    "　招生　章程　",  # full-width spaces
    "😀😀",
    "\u202e招生",
    "<script>alert(1)</script>",
    "x" * 5000,
    "招生" * 3000,
    "学 " * 500,
    " ".join(f"词{i}语" for i in range(40)),
]


@pytest.fixture
def corpus(world):
    published(world, "招生章程 100% a_b 下载PDF", body='<p>NEAR(招生) "引号" {title}:x 学生*</p>')


@pytest.mark.parametrize("q", NASTY)
def test_any_query_answers_and_matches_as_text(client, world, corpus, q):
    response = client.get(reverse("portal:search", args=[world.institution.slug]), {"q": q})
    assert response.status_code == 200
    results = search.search(world.institution, q, per_page=100)
    title_and_body = '招生章程 100% a_b 下载pdf\nnear(招生) "引号" {title}:x 学生*'
    query = search.parse(q)
    expected = bool(query.terms) and all(t in title_and_body for t in query.terms)
    assert results.total == (1 if expected else 0), q


def test_raw_bytes_in_the_url_answer(client, world, corpus):
    base = reverse("portal:search", args=[world.institution.slug])
    for raw in ["%00", "%ED%A0%80", "%FF%FE", "%C0%AF", "%E6%8B%9B%E7%94%9F%00%E7%AB%A0%E7%A8%8B", quote("招生")]:
        assert client.get(f"{base}?q={raw}").status_code == 200, raw


def test_the_query_is_cut_and_its_terms_capped():
    query = search.parse("招生" + "章" * 1000 + " " + " ".join(f"词{i}语" for i in range(40)))
    assert len(query.text) == search.MAX_QUERY
    assert len(query.terms) <= search.MAX_TERMS
    assert search.parse("a 学 的").terms == () and search.parse("a 学 的").ignored == ("a", "学", "的")
