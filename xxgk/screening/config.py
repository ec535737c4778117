"""`ScreeningConfig`: what an institution can tune — kinds, allow-list, its student-number
pattern, masking styles and the confidence threshold."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .findings import KINDS, Finding
from .rules import Rules, load_rules

#: The masking styles `mask.py` knows.
MASK_STYLES: tuple[str, ...] = ("keep_ends", "middle", "name", "full", "replace", "region", "none")

PHONE_KINDS = frozenset({"mobile", "landline"})


def normalise(kind: str | None, value: str) -> str:
    """The form in which a value is compared with the allow-list.

    Phones: digits only, without the +86 / 0086 country code. E-mail: lower case.
    Anything else: without white space.
    """
    value = value.strip()
    if kind in PHONE_KINDS:
        digits = "".join(ch for ch in value if ch.isdigit())
        digits = "".join(str(int(ch)) for ch in digits)  # full-width digits to ASCII
        for prefix in ("0086", "86"):
            if digits.startswith(prefix) and len(digits) - len(prefix) == 11 and digits[len(prefix)] == "1":
                digits = digits[len(prefix) :]
        return digits
    if kind == "email":
        return value.lower()
    return re.sub(r"\s+", "", value)


@dataclass(frozen=True)
class ScreeningConfig:
    """How one institution screens.

    enabled_kinds: which detectors run (default: all of `KINDS`).
    allow_list: the institution's own published contacts (office phones, hotlines,
        official e-mail, its postal address); a finding whose normalised text is on the
        list is not reported. Phones compare digits only.
    student_number_pattern: a regular expression for the institution's student numbers,
        e.g. r"20\\d{8}"; without it any 6–14 digit number next to 学号 counts.
    mask_styles: kind -> style (see `MASK_STYLES`); kinds left out keep the defaults
        from rules.json (身份证 keep_ends, 手机 middle, 姓名 name …).
    min_confidence: findings below this are not reported (default 0.5).
    replace_label: what the `replace` style writes.
    """

    enabled_kinds: frozenset[str] = frozenset(KINDS)
    allow_list: tuple[str, ...] = ()
    student_number_pattern: str | None = None
    mask_styles: Mapping[str, str] = field(default_factory=dict)
    min_confidence: float = 0.5
    replace_label: str = "［已屏蔽］"
    rules_path: str | None = None

    def __post_init__(self) -> None:
        kinds = frozenset(self.enabled_kinds)
        unknown = kinds - set(KINDS)
        if unknown:
            raise ValueError(f"未知的筛查类型：{', '.join(sorted(unknown))}")
        object.__setattr__(self, "enabled_kinds", kinds)
        if isinstance(self.allow_list, str):
            object.__setattr__(self, "allow_list", (self.allow_list,))
        else:
            object.__setattr__(self, "allow_list", tuple(self.allow_list))
        styles = dict(self.rules.mask_styles)
        for kind, style in dict(self.mask_styles).items():
            if kind not in KINDS:
                raise ValueError(f"未知的筛查类型：{kind}")
            if style not in MASK_STYLES:
                raise ValueError(f"未知的屏蔽方式：{style}（可用：{'、'.join(MASK_STYLES)}）")
            styles[kind] = style
        object.__setattr__(self, "mask_styles", styles)
        if self.student_number_pattern:
            try:
                compiled = re.compile(self.student_number_pattern)
            except re.error as exc:
                raise ValueError(f"学号格式不是有效的正则表达式：{exc}") from None
        else:
            compiled = None
        object.__setattr__(self, "_student_re", compiled)
        if not 0 <= self.min_confidence <= 1:
            raise ValueError("min_confidence 应在 0 与 1 之间")
        allowed_digits = set()
        allowed_text = set()
        for item in self.allow_list:
            d = normalise("mobile", item)
            if len(d) >= 5:
                allowed_digits.add(d)
            allowed_text.add(normalise("email", item))
            allowed_text.add(normalise(None, item))
        object.__setattr__(self, "_allowed_digits", frozenset(allowed_digits))
        object.__setattr__(self, "_allowed_text", frozenset(allowed_text))

    @property
    def rules(self) -> Rules:
        return load_rules(self.rules_path)

    @property
    def student_re(self) -> re.Pattern | None:
        return self._student_re  # type: ignore[attr-defined]

    def style_for(self, kind: str) -> str:
        return self.mask_styles.get(kind, "full")

    def is_allowed(self, finding: Finding) -> bool:
        """True when the finding is one of the institution's own published contacts."""
        if not self.allow_list:
            return False
        if finding.kind in PHONE_KINDS:
            return normalise(finding.kind, finding.text) in self._allowed_digits  # type: ignore[attr-defined]
        if finding.kind == "email":
            return normalise("email", finding.text) in self._allowed_text  # type: ignore[attr-defined]
        return normalise(None, finding.text) in self._allowed_text  # type: ignore[attr-defined]

    @classmethod
    def from_dict(cls, data: Mapping) -> ScreeningConfig:
        """Build from plain data (e.g. an institution's settings row or a JSON file)."""
        known = {
            "enabled_kinds",
            "allow_list",
            "student_number_pattern",
            "mask_styles",
            "min_confidence",
            "replace_label",
            "rules_path",
        }
        extra = set(data) - known
        if extra:
            raise ValueError(f"未知的配置项：{', '.join(sorted(extra))}")
        return cls(**dict(data))

    def with_changes(self, **changes) -> ScreeningConfig:
        from dataclasses import replace

        return replace(self, **changes)


DEFAULT_CONFIG = ScreeningConfig()


def ensure_config(config: ScreeningConfig | None) -> ScreeningConfig:
    return DEFAULT_CONFIG if config is None else config
