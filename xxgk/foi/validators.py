"""Identity documents and contacts an applicant gives: each validator raises a Chinese ValidationError."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from xxgk.screening.detectors.id_card import check_digit as id_check_digit
from xxgk.screening.detectors.id_card import plausible_birth

# 统一社会信用代码 (GB 32100-2015): 31 characters, no I O S V Z.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
PASSPORT_RE = re.compile(r"^(?=.*\d)[A-Z0-9]{5,17}$")
HK_MACAO_RE = re.compile(r"^[HM]\d{8}(?:\d{2})?$")
TAIWAN_RE = re.compile(r"^\d{8}(?:\d{2})?$")


def normalise_id(value: str) -> str:
    """Upper case ASCII without spaces or hyphens (full-width digits and letters folded)."""
    value = (value or "").strip()
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in value)
    return re.sub(r"[\s\-]", "", folded).upper()


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_resident_id(value: str) -> None:
    s = normalise_id(value)
    if len(s) != 18 or not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise ValidationError(_("居民身份证号码应为18位（最后一位可以是X）。"), code="id_length")
    if not plausible_birth(int(s[6:10]), int(s[10:12]), int(s[12:14])):
        raise ValidationError(_("居民身份证号码中的出生日期无效，请核对。"), code="id_birth")
    if id_check_digit(s[:17]) != s[17]:
        raise ValidationError(_("居民身份证号码的校验位不正确，请核对是否输错。"), code="id_check")


def validate_credit_code(value: str) -> None:
    s = normalise_id(value)
    if len(s) != 18:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="uscc_length")
    if any(c not in USCC_CHARS for c in s):
        raise ValidationError(_("统一社会信用代码只能包含数字和大写字母（不含I、O、S、V、Z）。"), code="uscc_chars")
    if uscc_check_char(s[:17]) != s[17]:
        raise ValidationError(_("统一社会信用代码的校验位不正确，请核对是否输错。"), code="uscc_check")


def validate_passport(value: str) -> None:
    if not PASSPORT_RE.match(normalise_id(value)):
        raise ValidationError(_("护照号码应为5至17位字母和数字。"), code="passport")


def validate_hk_macao_permit(value: str) -> None:
    if not HK_MACAO_RE.match(normalise_id(value)):
        raise ValidationError(_("港澳居民来往内地通行证号码应为H或M加8位（或10位）数字。"), code="hk_macao")


def validate_taiwan_permit(value: str) -> None:
    if not TAIWAN_RE.match(normalise_id(value)):
        raise ValidationError(_("台湾居民来往大陆通行证号码应为8位（或10位）数字。"), code="taiwan")


ID_VALIDATORS = {
    "resident_id": validate_resident_id,
    "passport": validate_passport,
    "hk_macao_permit": validate_hk_macao_permit,
    "taiwan_permit": validate_taiwan_permit,
    "credit_code": validate_credit_code,
}


def validate_identity(id_type: str, number: str) -> str:
    """The normalised number, or ValidationError."""
    validator = ID_VALIDATORS.get(id_type)
    if validator is None:
        raise ValidationError(_("请选择证件类型。"), code="id_type")
    validator(number)
    return normalise_id(number)


def validate_phone(value: str) -> str:
    """A mainland mobile number (11 digits) or a landline with its area code; returns it normalised."""
    raw = (value or "").strip()
    s = re.sub(r"[\s()（）]", "", raw).replace("－", "-").replace("—", "-")
    s = "".join(chr(ord(c) - 0xFEE0) if "\uff10" <= c <= "\uff19" else c for c in s)
    if s.startswith("+86"):
        s = s[3:]
    if MOBILE_RE.match(s.replace("-", "")) and len(s.replace("-", "")) == 11:
        return s.replace("-", "")
    if LANDLINE_RE.match(s):
        return s
    raise ValidationError(
        _("请填写有效的联系电话：11位手机号码，或带区号的固定电话（如 0898-66660000）。"), code="phone"
    )


def validate_contact_email(value: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(_("请填写有效的电子邮箱地址，如 name@example.com。"), code="email") from None
    return value.lower()
