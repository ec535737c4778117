"""The demo's generated stories name only their own school's colleges, places, partners and media: none of
海南热带海洋学院's records tells of 泉州 or 石狮, none of 泉州海洋职业学院's of 三亚 (Hainan's feed used
to carry Fujian stories, the titles being drawn from one shared list)."""

from __future__ import annotations

import random

from xxgk.demo.loader import DATA
from xxgk.demo.titles import COLUMNS, title_for

PROVINCE_WORDS = {
    "hntou": ["海南", "三亚", "儋州", "琼海", "海口", "陵水", "万宁", "乐东", "五指山", "博鳌", "西沙"],
    "qzoi": ["福建", "泉州", "石狮", "晋江", "惠安", "厦门", "集美", "海峡"],
}


def _titles(spec: dict, n: int = 3000) -> list[str]:
    rng = random.Random(spec["slug"])
    seen: set[str] = set()
    return [title_for(rng.choice(list(COLUMNS)), rng, 2023, seen, spec["local"]) for _ in range(n)]


def test_each_school_tells_only_its_own_stories():
    specs = {s["slug"]: s for s in DATA["institutions"]}
    assert set(specs) == set(PROVINCE_WORDS)
    for slug, spec in specs.items():
        titles = _titles(spec)
        for other, words in PROVINCE_WORDS.items():
            if other == slug:
                continue
            foreign = [t for t in titles if any(w in t for w in words)]
            assert foreign == [], (slug, foreign[:5])
        # the school's own places do appear: the vocabulary is used, not emptied
        assert any(any(w in t for w in PROVINCE_WORDS[slug]) for t in titles), slug
