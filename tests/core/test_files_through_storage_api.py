"""Uploaded files go through Django's storage API only, so app servers can share an object store: with
a storage that has no local path at all (in memory, and S3 through django-storages against moto's
mock), a file uploaded on the staff page is stored, screened, downloaded by staff and, once published,
by the public, and an orphan is swept; nothing is written under MEDIA_ROOT."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from xxgk.publishing import services
from xxgk.publishing.models import Attachment

ROOT = Path(__file__).resolve().parents[2]
S3_ENV = {
    "XXGK_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "xxgk-files",
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_LOCATION": "uploads",
}


def s3_storage_from_settings() -> dict:
    """STORAGES["default"] as xxgk/settings.py builds it from the environment of an S3 deployment."""
    env = {**os.environ, **S3_ENV, "XXGK_DEV": "1", "DJANGO_SETTINGS_MODULE": "xxgk.settings"}
    script = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(params=["memory", "s3"])
def pathless_storage(request, settings):
    if request.param == "memory":
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
        yield
        return
    pytest.importorskip("storages")
    moto = pytest.importorskip("moto")
    import boto3

    config = s3_storage_from_settings()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"]["bucket_name"] == "xxgk-files" and config["OPTIONS"]["file_overwrite"] is False
    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="xxgk-files")
        settings.STORAGES = {**settings.STORAGES, "default": config}
        yield


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_upload_download_publish_and_sweep_without_a_local_path(pathless_storage, client, world, settings):
    record = world.draft()
    client.force_login(world.drafter_a)
    content = "关于校园安全隐患排查的说明。".encode()
    response = client.post(
        reverse("workbench:attachment_upload", args=[record.pk]),
        {"file": SimpleUploadedFile("说明.txt", content, content_type="text/plain")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(record=record)
    assert default_storage.exists(attachment.file.name)
    assert not Path(settings.MEDIA_ROOT).exists()  # nothing on this server's disk

    staff = client.get(reverse("workbench:attachment", args=[attachment.pk]))
    assert staff.status_code == 200 and _body(staff) == content

    services.submit(world.drafter_a, record)
    world.through_chain(record)
    client.logout()
    public = client.get(reverse("portal:attachment", args=["hblg", record.pk, attachment.pk]))
    assert public.status_code == 200 and _body(public) == content

    orphan = default_storage.save("records/hblg/999/孤立.txt", ContentFile(b"x"))
    call_command("sweep_media", "--min-age-hours", "0", stdout=open(os.devnull, "w"))
    assert not default_storage.exists(orphan)
    assert default_storage.exists(attachment.file.name)
