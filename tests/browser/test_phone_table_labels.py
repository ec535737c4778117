"""On a phone a list table stacks its cells; site.js copies each column's heading onto the cells of a table
whose template gives none, so every stacked cell still says what it is (编号：1, 信息数：0 …)."""

from __future__ import annotations

import pytest

from tests.personas import build_world
from xxgk.catalog.loader import load_checklist
from xxgk.portal import cache as portal_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stacked_catalog_cells_keep_their_column_labels(new_page, live_server):
    load_checklist()  # transactional tests flush the tables the data migration filled
    portal_cache.clear()
    build_world()
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/hblg/catalog/")
    first_row = page.locator("table.list tbody tr").first
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => c.getAttribute('data-label'))")
    assert labels == ["编号", "事项", "责任部门", "信息数", "最近更新"]
    before = first_row.locator("td").first.evaluate("c => getComputedStyle(c, '::before').content")
    assert before == '"编号："'
    assert page.locator("table.list thead").first.is_hidden()  # the headings row is gone on a phone
    # a wide screen keeps the ordinary table: headings shown, no label before the cells
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.locator("table.list thead").first.is_visible()
    assert first_row.locator("td").first.evaluate("c => getComputedStyle(c, '::before').content") == "none"
