"""The screening rules as data: keyword lists, header words, surnames, default masking styles.

They live in `rules.json` next to this module; `load_rules()` reads them once and
compiles the regular expressions built from them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first (so 身份证号码 wins over 身份证)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _grouped_alternation(words) -> str:
    """The same matches as `_alternation(words)`, with the words grouped by their first
    character (内(?:部资料|部使用|…)): the engine tries one branch per character of the text
    instead of every word, which matters for a pass over the whole text."""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        groups.setdefault(w[0], []).append(w)
    parts = []
    for first, ws in groups.items():
        if len(ws) == 1:
            parts.append(re.escape(ws[0]))
            continue
        tails = [re.escape(w[1:]) for w in ws if len(w) > 1]
        optional = "?" if len(tails) < len(ws) else ""  # the one-character word, tried last
        parts.append(f"{re.escape(first)}(?:{'|'.join(tails)}){optional}")
    return "|".join(parts)


@dataclass(frozen=True, eq=False)
class Rules:
    raw: dict
    province_codes: frozenset[str]
    mask_styles: dict[str, str]
    label_kind: dict[str, str]  # label word -> kind
    label_re: re.Pattern  # any label word (no capturing group: Context.label_before uses findall)
    phone_context: tuple[str, ...]
    phone_code_words: tuple[str, ...]
    ordinal_before: tuple[str, ...]  # 第 … 号: a number between these is a serial, not a phone
    ordinal_after: tuple[str, ...]
    phone_label_kind: dict[str, str]  # label_kind, plus code words (other_number) and phone_context
    phone_label_re: re.Pattern  # any of those (no capturing group either)
    institution_address_labels: tuple[str, ...]
    home_address_labels: tuple[str, ...]
    address_stop_words: tuple[str, ...]
    amount_headers: tuple[str, ...]
    amount_units: tuple[str, ...]
    public_list_headers: tuple[str, ...]
    header_words: tuple[str, ...]
    header_re: re.Pattern
    secret_levels: tuple[str, ...]
    secret_level_labels: tuple[str, ...]
    secret_markers: tuple[str, ...]
    secret_rule_talk: tuple[str, ...]
    secret_ignore: tuple[str, ...]
    secret_re: re.Pattern  # every secrecy keyword (levels, labels, markers, ★)
    keyword_re: re.Pattern  # secrecy keywords and home-address labels, for one shared pass
    email_at_words: tuple[str, ...]  # the @ of an e-mail address written out: [at], （at） …
    private_context: dict[str, tuple[str, ...]]
    private_context_re: re.Pattern
    name_before_words: tuple[str, ...]
    name_after_words: tuple[str, ...]
    weak_name_markers: frozenset[str]
    public_honour_words: tuple[str, ...]
    public_titles: tuple[str, ...]
    staff_labels: tuple[str, ...]
    public_title_re: re.Pattern
    not_names: frozenset[str]
    surnames: frozenset[str]
    surnames_compound: frozenset[str]

    def header_kinds(self, header: str | None) -> frozenset[str]:
        """Which kinds of data a column with this header holds (by its label words)."""
        if not header:
            return frozenset()
        return _header_kinds(self, header)

    def is_amount_header(self, header: str | None) -> bool:
        return bool(header) and any(w in header for w in self.amount_headers)

    def is_public_list_header(self, header: str | None) -> bool:
        return bool(header) and any(w in header for w in self.public_list_headers)


@lru_cache(maxsize=4096)
def _header_kinds(rules: Rules, header: str) -> frozenset[str]:
    header = "".join(header.split())
    kinds = set()
    for m in rules.label_re.finditer(header):
        kinds.add(rules.label_kind[m.group()])
    # "姓 名" is written with a space; the space is gone here.
    if "姓名" in header:
        kinds.add("person_name")
    return frozenset(kinds)


#: The @ of an e-mail address written out, when a rules file does not list its own.
EMAIL_AT_WORDS = ("[at]", "(at)", "（at）", "【at】", "[AT]", "(AT)", "（AT）", "【AT】")

#: Words that make a line worth a look as the header line of a plain-text table.
HEADER_HINTS = ("姓名", "姓 名", "考生号", "准考证号", "学号", "身份证", "证件号")


def _build(raw: dict) -> Rules:
    email_at_words = tuple(raw.get("email_at_words", EMAIL_AT_WORDS))
    label_kind: dict[str, str] = {}
    for kind, words in raw["labels"].items():
        for w in words:
            label_kind.setdefault(w.replace(" ", ""), kind)
            label_kind.setdefault(w, kind)
    # for mobiles: the code words name another number, 致电/拨打 a phone (they stop a code
    # word further back from counting); the label words keep their kinds
    phone_label_kind = (
        {w: "other_number" for w in raw.get("phone_code_words", ())}
        | {w: "phone_context" for w in raw["phone_context"]}
        | label_kind
    )
    secret = raw["secret"]
    secret_words = [*secret["levels"], *secret["level_labels"], *secret["markers"]]
    pc = {k: tuple(v) for k, v in raw["private_context"].items()}
    return Rules(
        raw=raw,
        province_codes=frozenset(raw["province_codes"]),
        mask_styles=dict(raw["mask_styles"]),
        label_kind=label_kind,
        label_re=re.compile(_grouped_alternation(label_kind)),
        phone_context=tuple(raw["phone_context"]),
        phone_code_words=tuple(raw.get("phone_code_words", ())),
        ordinal_before=tuple(raw.get("ordinal", {}).get("before", ())),
        ordinal_after=tuple(raw.get("ordinal", {}).get("after", ())),
        phone_label_kind=phone_label_kind,
        phone_label_re=re.compile(_grouped_alternation(phone_label_kind)),
        institution_address_labels=tuple(raw["institution_address_labels"]),
        home_address_labels=tuple(raw["home_address_labels"]),
        address_stop_words=tuple(sorted(raw["address_stop_words"], key=len, reverse=True)),
        amount_headers=tuple(raw["amount_headers"]),
        amount_units=tuple(raw["amount_units"]),
        public_list_headers=tuple(raw["public_list_headers"]),
        header_words=tuple(raw["header_words"]),
        header_re=re.compile(_grouped_alternation(raw["header_words"])),
        secret_levels=tuple(secret["levels"]),
        secret_level_labels=tuple(secret["level_labels"]),
        secret_markers=tuple(secret["markers"]),
        secret_rule_talk=tuple(secret["rule_talk"]),
        secret_ignore=tuple(secret["level_in_sentence_ignore"]),
        secret_re=re.compile(_alternation(secret_words) + "|★"),
        keyword_re=re.compile(
            _grouped_alternation(
                [*secret_words, *raw["home_address_labels"], *HEADER_HINTS, "@", "＠", "★", *email_at_words]
            )
        ),
        email_at_words=email_at_words,
        private_context=pc,
        private_context_re=re.compile(_grouped_alternation([w for ws in pc.values() for w in ws])),
        name_before_words=tuple(raw["name_before_words"]),
        name_after_words=tuple(raw["name_after_words"]),
        weak_name_markers=frozenset(raw["weak_name_markers"]),
        public_honour_words=tuple(raw["public_honour_words"]),
        public_titles=tuple(raw["public_titles"]),
        staff_labels=tuple(raw["staff_labels"]),
        public_title_re=re.compile("(?:" + _alternation(raw["public_titles"]) + ")$"),
        not_names=frozenset(raw["not_names"]),
        surnames=frozenset(raw["surnames"]),
        surnames_compound=frozenset(raw["surnames_compound"]),
    )


@lru_cache(maxsize=8)
def load_rules(path: str | None = None) -> Rules:
    """Read the rules (the packaged `rules.json` unless `path` names another file)."""
    if path is None:
        text = resources.files(__package__).joinpath("rules.json").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return _build(json.loads(text))
