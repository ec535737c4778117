"""Plain text (.txt, .csv) in the encodings Chinese offices produce."""

from __future__ import annotations

from ..document import Extracted, ExtractionError

#: Tried in this order after the byte-order marks. GB18030 reads GBK and GB2312 too.
_CANDIDATES = ("utf-8", "gb18030", "big5")


def decode(data: bytes, name: str | None = None) -> tuple[str, str]:
    """The text and the codec that writes it back byte for byte ("utf-8-sig" keeps the BOM)."""
    if data.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec = None
    if codec:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            raise ExtractionError(name, f"文件标明为 {codec.upper()} 编码，但第 {exc.start} 字节处无法解码") from None
    if b"\x00" in data:
        raise ExtractionError(name, "含有二进制内容，不是文本文件")
    decoded = []
    for codec in _CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8":
            return text, codec
        decoded.append((_common_ratio(text), codec, text))
        if codec == "gb18030" and decoded[-1][0] >= 0.9:
            return text, codec
    if not decoded:
        raise ExtractionError(name, "无法识别文字编码（已尝试 UTF-8、GB18030/GBK、Big5）")
    # Big5 bytes also decode as GB18030, into rare characters: keep the likelier reading.
    _ratio, codec, text = max(decoded)
    return text, codec


def _is_common(ch: str) -> bool:
    """One of the 3755 common simplified (GB2312 level 1) or 5401 common traditional
    (Big5 常用字) characters."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _common_ratio(text: str, sample: int = 3000) -> float:
    han = [ch for ch in text[:20000] if "\u3400" <= ch <= "\u9fff"][:sample]
    if not han:
        return 1.0
    return sum(1 for ch in han if _is_common(ch)) / len(han)


def extract_txt(data: bytes, name: str | None) -> Extracted:
    text, codec = decode(data, name)
    warnings = []
    if not text.strip():
        warnings.append("文件没有文字内容")
    return Extracted(text=text, kind="txt", name=name, encoding=codec, warnings=warnings)


def encode(text: str, codec: str) -> bytes:
    """Write text back in the codec it was read with."""
    return text.encode(codec)
