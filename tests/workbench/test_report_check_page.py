"""Staff upload annual reports in the workbench and see what each lacks."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import SEEDS


def _upload(client, *files):
    return client.post(reverse("workbench:report_check"), {"files": list(files)})


def test_one_seed_report(client, world):
    client.force_login(world.office)
    seed = SimpleUploadedFile("hntou.txt", (SEEDS / "hntou-2022-2023.txt").read_bytes())
    html = _upload(client, seed).content.decode()
    assert "2022-09-01 — 2023-08-31" in html
    from xxgk.reportcheck.rules import section_label

    missing = "、".join(section_label(k) for k in ("evaluation", "other", "checklist_table"))
    assert f'<span class="late">{missing}</span>' in html
    assert '<mark class="figure"' in html and "1312" in html


def test_many_reports_are_compared(client, world):
    client.force_login(world.supervisor)
    a = SimpleUploadedFile("hntou.txt", (SEEDS / "hntou-2022-2023.txt").read_bytes())
    b = SimpleUploadedFile("qzoi.txt", (SEEDS / "qzoi-2022-2023.txt").read_bytes())
    html = _upload(client, a, b).content.decode()
    assert "对照" in html and "海南热带海洋学院" in html and "泉州海洋职业学院" in html
    assert "674" in html and "468" in html


def test_an_unreadable_file_gets_a_message_and_the_others_are_still_checked(client, world):
    client.force_login(world.office)
    broken = SimpleUploadedFile("坏文件.docx", b"this is not a docx")
    good = SimpleUploadedFile("qzoi.txt", (SEEDS / "qzoi-2022-2023.txt").read_bytes())
    html = _upload(client, broken, good).content.decode()
    assert "坏文件.docx" in html and "泉州海洋职业学院" in html
    assert "/tmp" not in html


def test_no_file_chosen(client, world):
    client.force_login(world.office)
    html = client.post(reverse("workbench:report_check"), {}).content.decode()
    assert "这个字段是必填项" in html or "请选择至少一个文件" in html


def test_people_without_a_role_get_403(client, world):
    client.force_login(world.nobody)
    assert client.get(reverse("workbench:report_check")).status_code == 403
