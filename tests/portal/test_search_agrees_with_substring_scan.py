"""The search finds exactly what a plain substring scan of the published records finds.

A generated corpus (titles, summaries, bodies of several paragraphs, attachments whose screening stored
their text; drafts, withdrawn records, an attachment still being screened and another institution's records
alongside) and a few hundred generated queries: pieces of the corpus and strings that are not in it, two to
six characters, CJK and ASCII in either case, common and rare, one term or several. For each, the records
the search returns (every page) are the records whose title, summary, one paragraph of the body or the text
of one screened attachment contains every term: recall and precision 1.0, on whichever database the suite
runs. The reference below is written from the definition, not from the search module.
"""

from __future__ import annotations

import html
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from xxgk.org.models import Department
from xxgk.portal import search
from xxgk.publishing.models import Attachment, Record, RecordState, ScreeningState

SEED = 20241118
WORDS = (
    "学生 奖学金 奖助学金 评定 结果 公示 招生 章程 获奖 学生会 资助 困难 家庭 认定 工作 通知 关于 开展 校园 "
    "安全 检查 图书馆 实验室 研究生 录取 名单 收费 标准 学费 住宿费 预算 决算 采购 招标 中标 教师 职称 评审 "
    "干部 任前 培训 就业 质量 年度 报告 信息 公开 目录 指南 海洋 生态 学院 专业 课程 考试 补考 成绩 毕业 学位"
).split()
ASCII = ["PDF", "Excel", "No.5", "lab", "Lab", "C++", "100%", "a_b", "WiFi", "2024", "x86", "IPv6", "ISO9001"]
PUNCT = ["，", "。", "、", "（", "）", "《", "》", "“", "”", "：", "；", " ", "\n"]
RARE = "龘齉靐鱻爩麤灪"
BEIJING = ZoneInfo("Asia/Shanghai")
#: record number → (title, first paragraph): "奖学金" and "pdf" are in neither, though their pieces touch
PLANTED = {9: ("学生奖学 学金评定公示", "获奖\n奖学"), 11: ("附件PD DF版", "下载PD\nDF文件")}


def _fold(text: str) -> str:
    """ASCII letters in lower case; nothing else changes."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def _sentence(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        roll = rng.random()
        parts.append(rng.choice(ASCII) if roll < 0.1 else rng.choice(PUNCT) if roll < 0.25 else rng.choice(WORDS))
    return "".join(parts).strip() or rng.choice(WORDS)


def _corpus(world):
    """Records bulk-created with their plain texts kept beside them (the reference reads those, not the index)."""
    rng = random.Random(SEED)
    other_dept = Department.objects.filter(institution=world.other_institution).first()
    start = datetime(2023, 9, 1, 9, 0, tzinfo=BEIJING)
    texts: dict[int, list[str]] = {}  # published record → every text a match may come from
    rows = []
    for i in range(160):
        state = RecordState.PUBLISHED if i % 8 else rng.choice([RecordState.DRAFT, RecordState.WITHDRAWN])
        institution = world.institution if i % 10 else world.other_institution
        department = world.dept_a if i % 10 else other_dept
        paragraphs = [_sentence(rng, rng.randint(3, 14)) for _ in range(rng.randint(1, 4))]
        title = _sentence(rng, rng.randint(3, 8)).replace("\n", "")
        if i in PLANTED:  # the two halves of a query on either side of a space or a line break
            title, paragraphs[0] = PLANTED[i]
        record = Record(
            institution=institution,
            department=department,
            title=title,
            index_number=f"AGREE-{i:04d}",
            formed_on=date(2023, 9, 1),
            published_at=start + timedelta(hours=7 * i) if state != RecordState.DRAFT else None,
            summary=_sentence(rng, rng.randint(0, 5)) if rng.random() < 0.6 else "",
            body="".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
            state=state,
            created_by=world.drafter_a,
            state_changed_at=start,
        )
        rows.append((record, paragraphs))
    records = Record.objects.bulk_create([r for r, _p in rows])
    attachments = []
    for record, (_r, paragraphs) in zip(records, rows, strict=True):
        mine = [record.title, record.summary, *paragraphs]
        for n in range(rng.choice([0, 0, 0, 1, 2])):
            text = "\n".join(_sentence(rng, rng.randint(5, 30)) for _ in range(rng.randint(1, 5)))
            screened = rng.random() < 0.85
            attachments.append(
                Attachment(
                    record=record,
                    file=f"agree/{record.pk}-{n}.txt",
                    name=f"附件{n}.txt",
                    size=len(text.encode()),
                    content_type="text/plain",
                    type_label="TXT",
                    sha256="0" * 64,
                    text=text,
                    screening=ScreeningState.DONE if screened else ScreeningState.PENDING,
                )
            )
            if screened:
                mine.append(text)
        if record.state == RecordState.PUBLISHED and record.institution_id == world.institution.pk:
            texts[record.pk] = mine
    Attachment.objects.bulk_create(attachments)
    search.rebuild_index()
    everything = [t for r, p in rows for t in (r.title, r.summary, *p)] + [a.text for a in attachments]
    return texts, everything


def _queries(everything: list[str]) -> list[str]:
    rng = random.Random(SEED + 1)
    pool = [t for t in everything if len(t) >= 2]
    chars = sorted({c for w in WORDS for c in w})
    queries: list[str] = []

    def piece(length: int) -> str:
        text = rng.choice(pool)
        at = rng.randrange(max(len(text) - length, 0) + 1)
        return text[at : at + length]

    while len(queries) < 180:  # pieces of the corpus, whatever they hold (punctuation, spaces and line breaks too)
        queries.append(piece(rng.randint(2, 6)))
    for _ in range(40):  # words glued together: sometimes in the corpus, mostly not
        queries.append(rng.choice(WORDS) + rng.choice(WORDS))
    for _ in range(40):  # common characters at random
        queries.append("".join(rng.choice(chars) for _ in range(rng.randint(2, 4))))
    for _ in range(15):  # rare characters, alone or around a common word
        queries.append(rng.choice(RARE) + rng.choice([rng.choice(RARE), rng.choice(WORDS)]))
    for _ in range(30):  # ASCII in another case than written
        word = rng.choice(ASCII)
        queries.append("".join(c.swapcase() if rng.random() < 0.5 else c for c in word))
    for _ in range(40):  # several terms
        queries.append(" ".join(piece(rng.randint(2, 4)) for _ in range(rng.randint(2, 3))))
    queries += ["学金", "奖学金", "章程", "招生章程", "获奖学生", "pdf", "PDF", "no.5", "100%", "a_b", "%", "__", "c++"]
    return queries


def _expected(texts: dict[int, list[str]], q: str) -> set[int]:
    terms = [t for t in _fold(q).split() if len(t) >= 2]
    if not terms:
        return set()
    return {pk for pk, fields in texts.items() if all(any(t in _fold(f) for f in fields) for t in terms)}


@pytest.fixture
def corpus(world):
    return _corpus(world)


def test_every_query_finds_exactly_the_records_that_contain_it(world, corpus):
    texts, everything = corpus
    queries = _queries(everything)
    found_some = 0
    for q in queries:
        expected = _expected(texts, q)
        results = search.search(world.institution, q, per_page=1000)
        got = [h.record.pk for h in results.hits]
        assert len(got) == len(set(got)), q
        assert set(got) == expected, (q, sorted(set(got) - expected), sorted(expected - set(got)))
        assert results.total == len(expected), q
        found_some += bool(expected)
    assert len(queries) >= 300
    assert found_some >= 150  # the queries do find things: most come from the corpus
    assert found_some < len(queries) - 50  # and many find nothing


def test_paging_through_the_results_gives_the_same_set(world, corpus):
    texts, everything = corpus
    for q in ["学生", "公示", "学", "工作 通知", "lab", "，"]:
        expected = _expected(texts, q)
        seen: list[int] = []
        pages = max((len(expected) + 6) // 7, 1)
        for page in range(1, pages + 1):
            results = search.search(world.institution, q, page=page, per_page=7)
            assert results.page == page
            seen += [h.record.pk for h in results.hits]
        assert len(seen) == len(set(seen)) and set(seen) == expected, q
