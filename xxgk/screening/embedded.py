"""Pictures inside Office documents: a scanned list pasted into a .docx, a photographed form in a
.xlsx, an ID card on a slide. Each picture big enough to carry text is read by OCR like an image
attachment and screened as its own part (`screen` adds it), named "嵌入图片 word/media/image1.png".

A picture with no text (a photo, a logo) is fine; one whose text OCR cannot read with confidence is
unscreenable. Personal data found in a picture cannot be masked in the document automatically: the
picture has to be removed or replaced by a person (the publishing gate refuses to mask it).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

#: What the part of a picture inside a document is called (in `Part.member` and finding locations).
EMBEDDED_PREFIX = "嵌入图片 "
MEDIA_FOLDERS = ("word/media/", "xl/media/", "ppt/media/")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
#: Smaller pictures (icons, bullets, small logos) carry no readable list.
MIN_BYTES = 12 * 1024
#: More pictures than this in one document are not all read: the document is unscreenable.
MAX_PICTURES = 30


@dataclass(frozen=True)
class Picture:
    """A picture inside a document, to be read by OCR: what it is called ("word/media/image1.png",
    "第2页 图片1"), its size in the file, and how to get its bytes (read only when it is screened)."""

    name: str
    size: int
    read: Callable[[], bytes]


def package_pictures(data: bytes) -> list[Picture]:
    """The pictures worth reading in an OOXML package (`pictures`), each with its reader."""
    return [
        Picture(part, size, lambda part=part, size=size: read_picture(data, part, size))
        for part, size in pictures(data)
    ]


def pictures(data: bytes) -> list[tuple[str, int]]:
    """The pictures worth reading in an OOXML package: (part name, size), largest first."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            found = [
                (info.filename, info.file_size)
                for info in zf.infolist()
                if info.filename.startswith(MEDIA_FOLDERS)
                and PurePosixPath(info.filename).suffix.lower() in PICTURE_SUFFIXES
                and info.file_size >= MIN_BYTES
            ]
    except (zipfile.BadZipFile, OSError):
        return []
    return sorted(found, key=lambda item: -item[1])


def read_picture(data: bytes, part: str, limit_bytes: int) -> bytes:
    """One picture's bytes, at most `limit_bytes` of them inflated (a lying header cannot bomb us)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(part) as handle:
        content = handle.read(limit_bytes + 1)
    if len(content) > limit_bytes:
        raise ValueError(f"嵌入图片 {part} 超过大小上限")
    return content
