"""Checking an uploaded attachment by its content, with refusals a person can act on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from xxgk.core.filenames import display_name

# extension → (label, MIME types the content may be detected as)
ALLOWED = {
    "pdf": ("PDF", {"application/pdf"}),
    "docx": ("DOCX", {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    "xlsx": ("XLSX", {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    "pptx": ("PPTX", {"application/vnd.openxmlformats-officedocument.presentationml.presentation"}),
    # legacy Office and WPS files: an OLE compound file (Word's .doc may also be RTF); the
    # screening library reads them through LibreOffice, by content, whatever the ending says
    "doc": ("DOC", {"application/x-ole-storage", "application/rtf"}),
    "xls": ("XLS", {"application/x-ole-storage"}),
    "ppt": ("PPT", {"application/x-ole-storage"}),
    "wps": ("WPS", {"application/x-ole-storage"}),
    "et": ("ET", {"application/x-ole-storage"}),
    "jpg": ("JPEG", {"image/jpeg"}),
    "jpeg": ("JPEG", {"image/jpeg"}),
    "png": ("PNG", {"image/png"}),
    "tif": ("TIFF", {"image/tiff"}),
    "tiff": ("TIFF", {"image/tiff"}),
    "zip": ("ZIP", {"application/zip"}),
    "7z": ("7Z", {"application/x-7z-compressed"}),
    "rar": ("RAR", {"application/x-rar-compressed"}),
    "ofd": ("OFD", {"application/zip"}),
    "txt": ("TXT", {"text/plain"}),
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str
    type_label: str
    sha256: str


def _detect(head: bytes, ext: str) -> str | None:
    if head.startswith(OLE_MAGIC):
        return "application/x-ole-storage"
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if ext == "txt":
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
                return "text/plain"
            except UnicodeDecodeError as exc:
                # a multi-byte character cut at the end of the sample is fine
                if exc.start >= len(head) - 4:
                    return "text/plain"
    return None


def allowed_labels() -> str:
    """The formats one may upload, as people name them (PDF、DOCX …), in the order of ALLOWED."""
    return "、".join(dict.fromkeys(label for label, _m in ALLOWED.values()))


def check_upload(uploaded) -> CheckedUpload:
    """Validate an UploadedFile; raise ValidationError with a message naming the file and the problem."""
    name = display_name(uploaded.name)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit = settings.XXGK_MAX_ATTACHMENT_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("文件“%(name)s”是空文件，请检查后重新上传。") % {"name": name})
    if uploaded.size > limit:
        raise ValidationError(
            _("文件“%(name)s”大小为 %(size)s，超过 %(limit)s 的上限。请压缩或拆分后再上传。")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    if ext not in ALLOWED:
        allowed = allowed_labels()
        raise ValidationError(
            _("不支持“.%(ext)s”格式的文件“%(name)s”。可上传的格式：%(allowed)s。")
            % {"ext": ext or "无扩展名", "name": name, "allowed": allowed}
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    detected = _detect(head, ext)
    label, accepted = ALLOWED[ext]
    if detected not in accepted:
        found = (
            filetype.get_type(mime=detected).extension.upper()
            if detected and filetype.get_type(mime=detected)
            else _("无法识别的内容")
        )
        raise ValidationError(
            _(
                "文件“%(name)s”的扩展名是 .%(ext)s，但内容不是 %(label)s 文件（检测为：%(found)s）。请上传真实的 %(label)s 文件。"
            )
            % {"name": name, "ext": ext, "label": label, "found": found}
        )
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedUpload(
        name=name, size=uploaded.size, content_type=detected, type_label=label, sha256=digest.hexdigest()
    )
