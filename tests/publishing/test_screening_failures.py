"""Screening that does not finish fails closed: a crash in the extractor, a file that takes longer
than the time limit and one that needs more memory than allowed each leave the attachment screened
as unscreenable, with the reason, which blocks 保密审查 until the reviewer clears it in writing."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from tests.screening_gate.files import upload
from xxgk.publishing import screening_gate, screening_jobs, services
from xxgk.publishing.models import ScreeningState


def big_zip(megabytes: int) -> bytes:
    """A small zip of a long, dull notice: quick to upload, long to read."""
    line = "各学院：现将有关事项通知如下，请认真组织学习。" * 1000 + "\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("通知.txt", line * (megabytes * 1024 * 1024 // len(line.encode())))
    return buf.getvalue()


@pytest.fixture(autouse=True)
def _in_request(settings):
    settings.XXGK_SCREENING_BACKGROUND = False


def blocked_until_cleared(world, record, finding):
    services.submit(world.drafter_a, record)
    services.approve(world.checker_a, record)
    with pytest.raises(ValidationError):
        services.approve(world.secrecy, record)
    services.override_finding(world.secrecy, finding, reason="已逐页人工核对，附件不含个人信息。")
    services.approve(world.secrecy, record)


def test_a_crash_while_screening_leaves_the_file_unscreenable(world, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(screening_jobs, "summarise", crash)
    record = world.draft()
    attachment = services.add_attachment(world.drafter_a, record, upload("说明.txt", "一切正常。".encode()))
    assert attachment.screening == ScreeningState.DONE
    finding = record.findings.get()
    assert (finding.kind, finding.text) == (screening_gate.UNSCREENABLE, "说明.txt")
    assert "自动筛查未能完成" in finding.reason and "extractor bug" in finding.reason
    blocked_until_cleared(world, record, finding)


def test_a_file_over_the_time_limit_is_stopped_and_unscreenable(world, settings):
    settings.XXGK_SCREENING_TIMEOUT_SECONDS = 1
    record = world.draft()
    services.add_attachment(world.drafter_a, record, upload("通知.zip", big_zip(80)))
    finding = record.findings.get(kind=screening_gate.UNSCREENABLE)
    assert finding.text == "通知.zip" and "超过 1 秒仍未完成" in finding.reason
    blocked_until_cleared(world, record, finding)


def test_a_file_over_the_memory_limit_is_unscreenable(world, settings):
    settings.XXGK_SCREENING_MEMORY_MB = 30  # below what the child already holds: any sizeable allocation fails
    record = world.draft()
    services.add_attachment(world.drafter_a, record, upload("通知.zip", big_zip(5)))
    finding = record.findings.get(kind=screening_gate.UNSCREENABLE)
    assert finding.text == "通知.zip" and "内存" in finding.reason
