"""Plain text (.txt, .csv) in the encodings Chinese offices produce."""

from __future__ import annotations

from ..extract import Extracted, ExtractionError

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
    for codec in _CANDIDATES:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise ExtractionError(name, "无法识别文字编码（已尝试 UTF-8、GB18030/GBK、Big5）")


def extract_txt(data: bytes, name: str | None) -> Extracted:
    text, codec = decode(data, name)
    warnings = []
    if not text.strip():
        warnings.append("文件没有文字内容")
    return Extracted(text=text, kind="txt", name=name, encoding=codec, warnings=warnings)


def encode(text: str, codec: str) -> bytes:
    """Write text back in the codec it was read with."""
    return text.encode(codec)
