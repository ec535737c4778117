"""Sending a stored file to the person a view has decided may have it: the one place downloads go out.

Every download (a record's attachment, a letter's attachment, an FOI letter, notice or reply file) is a
view that checks the policy first and then calls `file_response`. The file is read through Django's
storage API, so it comes from the local disk or from an object store (XXGK_STORAGE=s3) alike.

With local storage behind nginx, `XXGK_MEDIA_ACCEL_REDIRECT` (e.g. `/protected-media/`) hands the
sending to nginx: the app answers with an empty response carrying `X-Accel-Redirect: <prefix><name>`
and nginx serves the file from its `internal` location (deploy/nginx/xxgk.conf), so a large download
does not hold an app worker. Nothing under MEDIA_ROOT is reachable from outside without the view.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def file_response(field_file, *, filename: str, content_type: str | None = None, as_attachment: bool = True):
    """The stored `field_file` as a download named `filename`; 404 when the row names no file or the
    storage has lost it."""
    if not field_file or not field_file.name:
        raise Http404("no file")
    storage, name = field_file.storage, field_file.name
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = getattr(settings, "XXGK_MEDIA_ACCEL_REDIRECT", "")
    if prefix and isinstance(storage, FileSystemStorage):
        if not storage.exists(name):
            raise Http404("file missing")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        return response
    if not isinstance(storage, FileSystemStorage) and not storage.exists(name):
        raise Http404("file missing")  # an object store says so only when read, mid-response
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    return FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
