"""Importing into a deployment that has other institutions: a slug, code or name already used is refused
unless `--as` names another slug; the people are matched by username (never a second account); query codes
already used here are drawn again; the institutions already here do not change. The archive holds no
password hash."""

from __future__ import annotations

import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.transfer.archives import small_export
from xxgk.foi.models import Application
from xxgk.org.models import Institution, Membership
from xxgk.publishing.models import Record


@pytest.fixture
def archive(world, tmp_path):
    return small_export(world, tmp_path / "hblg.zip")


def test_a_taken_slug_is_refused(world, archive):
    with pytest.raises(CommandError, match="已有网址标识为“hblg”的学校，请用 --as"):
        call_command("import", str(archive))
    with pytest.raises(CommandError, match="已有网址标识为“scsf”"):
        call_command("import", str(archive), "--as", "scsf")
    with pytest.raises(CommandError, match="不可用"):
        call_command("import", str(archive), "--as", "admin")


def test_as_another_slug_beside_the_original(world, archive):
    users = get_user_model().objects.count()
    records = set(Record.objects.filter(institution=world.institution).values_list("pk", "title", "state"))
    out = StringIO()
    call_command("import", str(archive), "--as", "hblg2", stdout=out)

    copy = Institution.objects.get(slug="hblg2")
    assert (copy.code, copy.name) == ("HBLG2", "海滨理工大学（hblg2）")
    assert get_user_model().objects.count() == users  # everyone matched by username
    assert Membership.objects.filter(institution=copy, user=world.drafter_a, department__code="xcb").exists()
    assert world.drafter_a in [m.user for m in copy.memberships.all()]
    assert set(Record.objects.filter(institution=world.institution).values_list("pk", "title", "state")) == records
    record = Record.objects.get(institution=copy, title="2024年校园开放日安排")
    assert record.department.institution == copy and record.attachments.get().file.name.startswith("records/hblg2/")
    original, again = Application.objects.filter(title__startswith="2023年本科招生").order_by("pk")
    assert original.institution == world.institution and again.institution == copy
    assert again.code != original.code and f"{original.code} → {again.code}" in out.getvalue().replace("：", " ")


def test_no_password_hash_leaves(world, archive):
    with zipfile.ZipFile(archive) as z:
        everything = b"".join(z.read(name) for name in z.namelist())
    for user in get_user_model().objects.all():
        assert user.password.encode() not in everything
    assert b'"password"' not in everything
