"""The one screening configuration of an institution (隐私屏蔽).

Records, on-request replies and mailbox replies are all screened with
`screening_config(institution)`: the office's allow-list plus the institution's
own published phone, e-mail and address, its student-number pattern and its
masking styles. The settings live on `Institution`, so this lives here.
"""

from __future__ import annotations

import json
from functools import lru_cache

from xxgk.screening import ScreeningConfig


def screening_config(institution) -> ScreeningConfig:
    """How this institution screens; built once for each distinct set of its settings."""
    return _build(
        institution.screening_allow_list or "",
        (institution.phone, institution.email, institution.address),
        institution.student_number_pattern or "",
        json.dumps(institution.mask_styles or {}, sort_keys=True),  # hashable, whatever JSON the office stored
    )


@lru_cache(maxsize=64)
def _build(
    allow_list: str,
    own_contacts: tuple[str, ...],
    student_number_pattern: str,
    mask_styles_json: str,
) -> ScreeningConfig:
    allow = [line.strip() for line in allow_list.splitlines() if line.strip()]
    allow += [v for v in own_contacts if v]
    return ScreeningConfig(
        allow_list=tuple(allow),
        student_number_pattern=student_number_pattern or None,
        mask_styles=json.loads(mask_styles_json),
    )
