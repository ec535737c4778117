"""The detectors, one module per family. Each module has `KINDS` and `detect(ctx)`;
the name detector also takes what the pattern detectors found."""

from __future__ import annotations

from . import address, email, names, numbers, secret
from .context import Context

#: Everything but names: found from the characters alone (plus labels and columns).
#: `numbers` runs the number-shaped families (id_card, phones, bank_card, passport,
#: school_numbers) over the digit runs in one pass.
PATTERN_DETECTORS = (numbers, email, address, secret)
NAME_DETECTOR = names

__all__ = ["Context", "PATTERN_DETECTORS", "NAME_DETECTOR"]
