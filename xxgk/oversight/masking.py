"""Masking a letter and its reply before they go public (uses xxgk.screening).

The writer's name is masked wherever it appears (张*明), so is their contact,
and so is any personal data `scan_text` finds; the institution's own published
phone and e-mail are allow-listed.
"""

from __future__ import annotations

import re

from xxgk.screening import Finding, ScreeningConfig, mask_text, mask_value, scan_text


def screening_config(institution) -> ScreeningConfig:
    allow = [v for v in (institution.phone, institution.email, institution.address) if v]
    return ScreeningConfig(allow_list=allow)


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
    config = screening_config(institution) if institution is not None else ScreeningConfig()
    own = _occurrences(text, writer_name.strip(), "person_name")
    contact = writer_contact.strip()
    own += _occurrences(text, contact, _contact_kind(contact))
    found = scan_text(text, config)
    return mask_text(text, own + found, config)


def masked_writer(writer_name: str) -> str:
    name = (writer_name or "").strip()
    return mask_value("person_name", name, "name") if name else ""
