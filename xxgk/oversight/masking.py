"""Masking a letter and its reply before they go public (uses xxgk.screening).

The writer's name is masked wherever it appears (张*明), so is their contact,
and so is any personal data `scan_text` finds, screened and masked as the
institution chose (`xxgk.org.screening.screening_config`: its allow-list with its
own published phone, e-mail and address, its student-number pattern, its masking styles).
"""

from __future__ import annotations

import re

from xxgk.org.screening import screening_config
from xxgk.screening import Finding, ScreeningConfig, mask_text, mask_value, scan_text

WRITER_KINDS = ("person_name", "email", "mobile", "landline", "address")


def _config(institution) -> ScreeningConfig:
    """The institution's screening configuration, except that the kinds the writer's own name and
    contact come as are never left readable: where the institution chose `none`, the default style holds."""
    config = screening_config(institution) if institution is not None else ScreeningConfig()
    readable = [kind for kind in WRITER_KINDS if config.style_for(kind) == "none"]
    if not readable:
        return config
    defaults = ScreeningConfig().mask_styles
    forced = {kind: defaults.get(kind, "full") if defaults.get(kind, "none") != "none" else "full" for kind in readable}
    return config.with_changes(mask_styles={**config.mask_styles, **forced})


def _contact_kind(contact: str) -> str:
    if "@" in contact:
        return "email"
    digits = re.sub(r"\D", "", contact)
    if len(digits) == 11 and digits.startswith("1"):
        return "mobile"
    if digits:
        return "landline"
    return "address"


def _occurrences(text: str, needle: str, kind: str) -> list[Finding]:
    if not needle or len(needle) < 2:
        return []
    return [Finding(kind, m.start(), m.end(), needle, 1.0, "来信人信息") for m in re.finditer(re.escape(needle), text)]


def mask_for_public(text: str, *, writer_name: str = "", writer_contact: str = "", institution=None) -> str:
    """`text` with the writer's name and contact, and any personal data found, masked."""
    if not text:
        return ""
    config = _config(institution)
    own = _occurrences(text, writer_name.strip(), "person_name")
    contact = writer_contact.strip()
    own += _occurrences(text, contact, _contact_kind(contact))
    found = scan_text(text, config)
    return mask_text(text, own + found, config)


def masked_writer(writer_name: str, institution=None) -> str:
    """The writer's name as shown with a public reply, in the institution's style for names."""
    name = (writer_name or "").strip()
    if not name:
        return ""
    config = _config(institution)
    return mask_value("person_name", name, config.style_for("person_name"), config.replace_label)
