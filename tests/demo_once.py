"""Loading the demo once per test module.

The demo takes seconds to load; modules that only read it load it once, inside
a transaction rolled back at the module's end. Each test runs in a savepoint
within it, so what one test changes the next does not see.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings


@contextmanager
def demo_loaded(django_db_blocker, *loaders, **settings):
    """Run `loaders` (callables) once with the database open; roll everything back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(**settings),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for load in loaders:
                load()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
