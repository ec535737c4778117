"""The detectors, one module per family. Each module has `KINDS` and `detect(ctx)`;
the name detector also takes what the pattern detectors found."""

from __future__ import annotations

from . import address, bank_card, email, id_card, names, passport, phones, school_numbers, secret
from .context import Context

#: Everything but names: found from the characters alone (plus labels and columns).
PATTERN_DETECTORS = (id_card, phones, bank_card, email, passport, school_numbers, address, secret)
NAME_DETECTOR = names

__all__ = ["Context", "PATTERN_DETECTORS", "NAME_DETECTOR"]
