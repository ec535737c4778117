"""The writer reads a private reply with the query code and password; wrong passwords lock the code for 30 minutes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.oversight.conftest import write
from xxgk.oversight import services
from xxgk.oversight.services import LookupRefused


def test_right_code_and_password_open_the_letter(world):
    letter, password = write(world.president_box)
    assert services.lookup(letter.query_code.lower(), password) == letter


def test_wrong_password_and_unknown_code_get_the_same_refusal(world):
    letter, password = write(world.president_box)
    with pytest.raises(LookupRefused) as wrong:
        services.lookup(letter.query_code, password + "x")
    with pytest.raises(LookupRefused) as unknown:
        services.lookup("ZZZZZZZZZZ", password)
    assert str(wrong.value) == str(unknown.value) == "查询码或密码不正确。"


def test_five_failures_lock_the_code_and_say_when_to_retry(world):
    letter, password = write(world.president_box)
    now = timezone.now()
    for _ in range(4):
        with pytest.raises(LookupRefused, match="不正确"):
            services.lookup(letter.query_code, "wrong", now=now)
    with pytest.raises(LookupRefused, match="锁定") as exc:
        services.lookup(letter.query_code, "wrong", now=now)
    until = timezone.localtime(now + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    assert until in str(exc.value)
    # even the right password is refused while locked
    with pytest.raises(LookupRefused, match="锁定"):
        services.lookup(letter.query_code, password, now=now + timedelta(minutes=29))
    assert letter.events.filter(action="lookup_locked").count() == 1
    # after the lock the right password works and the counter starts again
    assert services.lookup(letter.query_code, password, now=now + timedelta(minutes=31)) == letter
    letter.refresh_from_db()
    assert letter.failed_lookups == 0 and letter.locked_until is None


def test_password_is_stored_hashed(world):
    letter, password = write(world.president_box)
    assert password not in letter.password_hash
