"""`xxgk demo` loads the demo and lists its accounts; `xxgk demo --accounts` only lists them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from xxgk.demo.loader import demo_accounts, load_demo


def test_accounts_are_listed_without_the_database():
    out = StringIO()
    call_command("demo", "--accounts", stdout=out)  # no db fixture: touching the database would fail the test
    text = out.getvalue()
    assert "xxgk-demo-2023" in text and "演示数据已就绪" not in text
    for account in demo_accounts():
        assert account.username in text
    assert len(demo_accounts()) == 15  # the province supervisor plus seven roles in each of the two institutions


@pytest.mark.django_db
def test_the_list_is_what_loading_creates():
    assert load_demo() == demo_accounts()
