"""A record with many findings opens fast: its page shows the counts per kind on top and the findings
50 at a time; every finding is on one of the pages, and a page number that makes no sense is no 500."""

import re

import pytest
from django.urls import reverse

PHONES = [f"139{i:08d}" for i in range(120)]


@pytest.fixture
def crowded(world):
    body = "".join(f"<p>联系人{i}：手机 {phone}</p>" for i, phone in enumerate(PHONES))
    return world.draft(title="2024年校友联络员名单", body=body)


def shown_phones(html: str) -> list[str]:
    table = html.split('id="findings"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<mark>(139\d{8})</mark>", table)


def test_findings_come_fifty_to_a_page(client, world, crowded):
    assert crowded.findings.filter(kind="mobile").count() == len(PHONES)
    client.force_login(world.drafter_a)
    url = reverse("workbench:record", args=[crowded.pk])
    pages = [client.get(url, {"page": n}).content.decode() for n in (1, 2, 3)]
    shown = [shown_phones(html) for html in pages]
    assert [len(s) for s in shown] == [50, 50, 20]
    assert sorted(sum(shown, [])) == sorted(PHONES)
    assert "第 2 页，共 3 页" in pages[1] and 'rel="next"' in pages[1] and 'rel="prev"' in pages[1]
    counts = pages[1].split('id="findings-by-kind"', 1)[1].split("</ul>", 1)[0]
    assert "手机号码：120 处" in counts and "120 处待处理" in counts


@pytest.mark.parametrize("page", ["0", "-1", "abc", "4", "99999999999999999999999", "1e3", ""])
def test_a_page_number_that_makes_no_sense_still_shows_a_page(client, world, crowded, page):
    client.force_login(world.drafter_a)
    response = client.get(reverse("workbench:record", args=[crowded.pk]), {"page": page})
    assert response.status_code == 200
    assert len(shown_phones(response.content.decode())) in {50, 20}
