"""Home addresses: a run of place names ending in a house-level detail (路…号、…栋…室、
…村…组), or whatever follows a 家庭住址 label, or a cell under an address column.

An institution's own address (after 通讯地址 / 学校地址 …, or a road and number with no
flat or room) is weaker evidence: 0.45–0.6. The institution puts its own address on the
allow-list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .context import PLACE_ENDS, PLACE_NUMERALS, PLACE_WORDS, Context

KINDS = ("address",)

_NUM = f"[{PLACE_NUMERALS}]"
_UNIT = "(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|户|组|弄)"
ANCHOR = (
    rf"(?:{'|'.join(PLACE_WORDS)})"
    rf"{_NUM}+(?:[-—－]{_NUM}+)*{_UNIT}(?:{_NUM}+(?:[-—－]{_NUM}+)*{_UNIT})*(?:[0-9]{{3,4}}(?![0-9]))?"
)
ANCHOR_RE = re.compile(ANCHOR)
_HOME_DETAIL = re.compile("室|户|单元|栋|幢|组|号楼|层")
_ADMIN = re.compile("省|自治区|市|州|盟|区|县|旗|镇|乡|街道|村|路|街|巷|大道")
#: Place-name characters (Han, digits, hyphens, ·): at most 40 of them after a label.
_RUN_AHEAD = re.compile(r"[\u4e00-\u9fff0-9０-９\-—－·]{0,40}")
#: The run of such characters that ends where the search ends.
_RUN_BACK = re.compile(r"[\u4e00-\u9fff0-9０-９\-—－·]*\Z")


def _extend_back(ctx: Context, start: int, limit: int = 32) -> int:
    """Move `start` back over the place names before an anchor, stopping at punctuation
    and spaces; then drop what comes before the last label or linking word (住址、现居、
    位于、在 …) that precedes the first place-name unit."""
    text = ctx.text
    i = _RUN_BACK.search(text, max(0, start - limit), start).start()
    first_unit = _ADMIN.search(text, i, start + 1)
    if first_unit is None:
        return i
    cut = i
    fu = first_unit.start()
    by_first = _stop_words(ctx.rules)
    for ch in set(text[i:fu]):
        for word in by_first.get(ch, ()):
            k = text.rfind(word, i, fu)
            if k >= 0 and k + len(word) > cut:
                cut = k + len(word)
    return cut


@lru_cache(maxsize=8)
def _stop_words(rules) -> dict[str, tuple[str, ...]]:
    """The stop words and labels, by their first character."""
    words = rules.address_stop_words + rules.home_address_labels + rules.institution_address_labels + ("地址",)
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w)
    return {ch: tuple(ws) for ch, ws in by_first.items()}


def _label_kind(ctx: Context, start: int) -> str | None:
    """ "home", "institution" or None, by the label just before the address."""
    text = ctx.text
    before = text[max(0, start - 10) : start].rstrip(" ：:\t")
    if before.endswith(ctx.rules.institution_address_labels):
        return "institution"
    if before.endswith(ctx.rules.home_address_labels):
        return "home"
    if before.endswith("地址"):
        return "plain"
    return None


def detect(ctx: Context):
    text = ctx.text
    rules = ctx.rules
    done: list[tuple[int, int]] = []
    # 1. cells under an address column
    for seg in ctx.extracted.segments:
        if seg.column and not seg.is_header and "address" in rules.header_kinds(seg.column):
            cell = text[seg.start : seg.end]
            stripped = cell.strip()
            if len(stripped) >= 4 and _ADMIN.search(stripped):
                s = seg.start + cell.index(stripped)
                done.append((s, s + len(stripped)))
                yield ctx.finding("address", s, s + len(stripped), 0.95, "住址（位于住址一栏）")
    # 2. after a home-address label, up to the end of the clause
    labels = frozenset(rules.home_address_labels)
    furthest = max((b for _a, b in done), default=0)  # no span found so far reaches past it
    hits = ctx.keyword_hits()
    places: list[int] | None = [] if ctx.place_hits else None
    for _s, e, word in hits:
        if word not in labels:
            if word in PLACE_ENDS and places is not None:
                places.append(_s)
            continue
        m = _LABEL_TAIL_RE.match(text, e)
        if m is None:
            continue
        s = m.end()
        if s < furthest and any(a <= s < b for a, b in done):
            continue
        e = _RUN_AHEAD.match(text, s).end()
        if e - s >= 4 and _ADMIN.search(text, s, e):
            done.append((s, e))
            furthest = max(furthest, e)
            detailed = ANCHOR_RE.search(text, s, e) is not None
            yield ctx.finding("address", s, e, 0.95 if detailed else 0.9, "住址（标注为家庭住址/住址）")
    # 3. runs of place names ending in a house-level detail (路…号、…栋…室、…村…组).
    # An anchor inside an address found above is skipped; the anchors come in order and
    # none starts inside an earlier one, so the spans found above are walked once.
    labelled = sorted(done)
    k, reach = 0, -1  # reach: the furthest end of the spans starting at or before s
    for m in ANCHOR_RE.finditer(text) if places is None else _anchors(text, places):
        s, e = m.span()
        while k < len(labelled) and labelled[k][0] <= s:
            reach = max(reach, labelled[k][1])
            k += 1
        if reach > s:
            continue
        start = _extend_back(ctx, s)
        if e - start < 6 or not _ADMIN.search(text, start, e):
            continue
        label = _label_kind(ctx, start)
        anchor = m.group()
        if label == "home":
            conf, why = 0.95, "住址（标注为家庭住址/住址）"
        elif label == "institution":
            conf, why = 0.45, "地址（标注为通讯地址等，多为单位地址）"
        elif _HOME_DETAIL.search(anchor):
            conf, why = 0.85, "详细住址（含栋、单元、室或村组）"
        else:
            conf, why = 0.6, "详细地址（道路门牌号）"
        done.append((start, e))
        yield ctx.finding("address", start, e, conf, why)


#: The place words by their last character, the longest first.
_WORDS_ENDING = {ch: sorted((w for w in PLACE_WORDS if w[-1] == ch), key=len, reverse=True) for ch in PLACE_ENDS}


def _anchors(text: str, places: list[int]):
    """The matches of `ANCHOR_RE.finditer(text)`, from `places`: where the last character of a
    place word followed by a numeral is (found by the keyword pass). Every match starts with
    such a word; the longest word ending there that starts after the last match is where the
    match would start (the part after the word is the same for all of them)."""
    last_end = 0
    match = ANCHOR_RE.match
    for p in places:
        if p < last_end:
            continue
        for w in _WORDS_ENDING[text[p]]:
            start = p - len(w) + 1
            if start >= last_end and text.startswith(w, start):
                m = match(text, start)
                if m is not None:
                    last_end = m.end()
                    yield m
                break


_LABEL_TAIL_RE = re.compile(r"[ \t　]*[:：为是][ \t　]*")
