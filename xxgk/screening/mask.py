"""Masking styles in common use for 隐私屏蔽, and masking a text by its findings.

- keep_ends: keep the first and last characters, star the middle: 4601**********1234
  (an 18-digit ID keeps 4 + 4; shorter numbers keep a quarter at each end).
- middle: star the middle of a phone number: 138****5678, 0898-****5678;
  of an e-mail address, the local part after its first character: z*******@163.com
  (z****[at]hntou.edu.cn).
- name: 张*明, 张*, 欧**娜 (first and last character kept; two-character names keep the first).
- region: an address keeps its province/city/county: 海南省三亚市吉阳区**********.
- full: every character replaced by *.
- replace: the whole finding replaced by a fixed label (［已屏蔽］); changes the length.
- none: left as it is (default for secrecy markings: a marked document is not to be
  published, and hiding the marking would hide the problem).

Every style except `replace` keeps the length, so offsets after a masked stretch stay valid.
"""

from __future__ import annotations

import re

from .config import ScreeningConfig, ensure_config
from .findings import Finding

STAR = "*"
_SIGNIFICANT = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
#: The @ of an e-mail address, also with a space before it or written [at], （at） …
_EMAIL_AT = re.compile(r"[ \u3000]?[@＠]|[\[(（【] ?[Aa][Tt] ?[\])）】]")
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{1,7}?(?:市|自治州|州|盟|地区))?"
    r"(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗|市))?"
)


def _star_positions(text: str, keep_head: int, keep_tail: int) -> str:
    """Star the significant characters (digits, letters) except the first `keep_head`
    and last `keep_tail`; separators stay."""
    idx = [i for i, ch in enumerate(text) if _SIGNIFICANT.match(ch)]
    if not idx:
        return STAR * len(text)
    if keep_head + keep_tail >= len(idx):
        keep_head = keep_tail = 0
    chars = list(text)
    for i in idx[keep_head : len(idx) - keep_tail]:
        chars[i] = STAR
    return "".join(chars)


def keep_ends(text: str) -> str:
    n = len(_SIGNIFICANT.findall(text))
    k = min(4, n // 4)
    return _star_positions(text, k, k)


def middle(kind: str, text: str) -> str:
    if kind == "email":
        m = _EMAIL_AT.search(text)
        if m:
            local = text[: m.start()]
            return local[:1] + STAR * (len(local) - 1) + text[m.start() :]
    if kind == "mobile":
        m = re.match(r"^(?:\+|＋|00)?86[ \-]?", text)
        prefix = m.group() if m and len(re.sub(r"\D", "", text)) > 11 else ""
        return prefix + _star_positions(text[len(prefix) :], 3, 4)
    if kind == "landline":
        m = re.match(r"^[(（]?(0\d{2,3})[)）]?[ \-－—]?", text)
        head = len(m.group(1)) if m else 3
        return _star_positions(text, head, 4)
    n = len(_SIGNIFICANT.findall(text)) or len(text)
    return _star_positions(text, n // 4, n // 4)


def name(text: str) -> str:
    """张*明, 张* (also 张　* for a name padded with a space), 欧**娜, 买**·****逊."""
    chars = list(text)
    idx = [i for i, ch in enumerate(chars) if not ch.isspace() and ch not in "·•・"]
    if len(idx) <= 1:
        return "".join(ch if ch.isspace() else STAR for ch in chars)
    hide = idx[1:] if len(idx) == 2 else idx[1:-1]
    for i in hide:
        chars[i] = STAR
    return "".join(chars)


def region(text: str) -> str:
    keep = _REGION.match(text).group()
    if not keep or len(keep) >= len(text):
        keep = text[:2]
    return keep + STAR * (len(text) - len(keep))


def mask_value(kind: str, text: str, style: str, replace_label: str = "［已屏蔽］") -> str:
    """`text` masked in `style`."""
    if style == "none":
        return text
    if style == "full":
        return STAR * len(text)
    if style == "replace":
        return replace_label
    if style == "keep_ends":
        return keep_ends(text)
    if style == "middle":
        return middle(kind, text)
    if style == "name":
        return name(text)
    if style == "region":
        return region(text)
    raise ValueError(f"未知的屏蔽方式：{style}")


def masked(finding: Finding, config: ScreeningConfig | None = None) -> str:
    """What the finding's text becomes under the configured style for its kind."""
    config = ensure_config(config)
    return mask_value(finding.kind, finding.text, config.style_for(finding.kind), config.replace_label)


def mask_text(text: str, findings: list[Finding], config: ScreeningConfig | None = None) -> str:
    """`text` with every finding masked in the style the config sets for its kind.

    Findings must be findings in this text (offsets into it); overlapping ones are
    masked once (the first by position wins). Styles other than `replace` keep the
    length, so unmasked parts keep their offsets.
    """
    config = ensure_config(config)
    pieces: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos:
            continue  # overlaps one already masked
        if text[f.start : f.end] != f.text:
            raise ValueError(f"发现项与文本不符：位置 {f.start}–{f.end} 处不是“{f.text}”")
        pieces.append(text[pos : f.start])
        pieces.append(masked(f, config))
        pos = f.end
    pieces.append(text[pos:])
    return "".join(pieces)
