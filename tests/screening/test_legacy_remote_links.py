"""Legacy files with content behind links (a .doc with a linked picture and an INCLUDETEXT field, an RTF
with INCLUDEPICTURE/INCLUDETEXT fields, a .xls referring to another workbook): converting them makes the
server fetch nothing (a web server on a loopback port records every request), with or without a network
namespace, and the file is unscreenable, naming the links: what is behind them is not in what is
screened."""

from __future__ import annotations

import pytest

from xxgk.screening import screen
from xxgk.screening.extractors import convert

from .documents import ID_B
from .legacy import needs_soffice, save_as
from .linked import RecordingServer, docx_with, rtf_with_fields, xlsx_with_external_reference

pytestmark = needs_soffice

BEHIND_LINKS = "文档引用了外部内容"
NETWORK = [pytest.param(None, id="as-deployed"), pytest.param(False, id="settings-only")]


@pytest.fixture
def server():
    with RecordingServer() as s:
        yield s


@pytest.fixture(params=NETWORK)
def network(request, monkeypatch):
    """Conversions as deployed (a network namespace where the machine allows it), and with the
    profile's settings alone (a machine without user namespaces)."""
    monkeypatch.setattr(convert, "NETWORK_NAMESPACE", request.param)
    monkeypatch.setattr(convert, "_idle", [])  # fresh profiles: nothing carried over between cases


def _made_by_libreoffice(tmp_path, server, name: str, data: bytes, fmt: str) -> bytes:
    """`data` saved by LibreOffice as `fmt`; what that fetched is forgotten (it is not the code tested)."""
    src = tmp_path / name
    src.write_bytes(data)
    made = save_as(src, fmt)
    server.requests.clear()
    return made


def test_a_doc_with_a_linked_picture_and_an_included_text(tmp_path, server, network):
    doc = _made_by_libreoffice(
        tmp_path, server, "公示.docx", docx_with(server.url, linked_picture=True, include_text=True), "doc"
    )
    result = screen(doc, "公示.doc")
    assert server.requests == []
    (problem,) = [u for u in result.unscreenable if BEHIND_LINKS in u.reason]
    assert f"{server.url}/linked.png" in problem.reason and f"{server.url}/list.txt" in problem.reason


def test_an_rtf_with_fields_fetching_a_picture_and_a_text(server, network):
    result = screen(rtf_with_fields(server.url), "公示.rtf")
    assert server.requests == []
    (problem,) = [u for u in result.unscreenable if BEHIND_LINKS in u.reason]
    # LibreOffice drops the INCLUDEPICTURE field while converting: the source says it is there
    assert f"{server.url}/list.png" in problem.reason and "INCLUDETEXT" in problem.reason


def test_an_xls_showing_values_of_another_workbook(tmp_path, server, network):
    xls = _made_by_libreoffice(tmp_path, server, "名单.xlsx", xlsx_with_external_reference(server.url, ID_B), "xls")
    assert ID_B.encode() in xls  # the copy of the other workbook's value is in the file
    result = screen(xls, "名单.xls")
    assert server.requests == []
    assert [u for u in result.unscreenable if BEHIND_LINKS in u.reason and "外部工作簿" in u.reason]


def test_a_doc_without_links_is_screenable(tmp_path, server):
    doc = _made_by_libreoffice(tmp_path, server, "公示.docx", docx_with(server.url), "doc")
    assert screen(doc, "公示.doc").unscreenable == []
