"""Queries of the public pages compiled to SQL once per process, run with new values on every request.

Django's ORM compiles a queryset to SQL afresh each time it runs (joins, columns, the WHERE tree, the
converters), which costs about as much per query as rendering a small page: at 100k records the record page's
three queries took 1.5 ms of CPU, their SQL 0.1 ms. A `Prepared` query is still written with the ORM (so
`Record.objects.published()` stays the one definition of a public record), built once with marker values for
its parameters; later runs put the request's values in the markers' places, execute the same SQL through
Django's cursor (query counting and execute wrappers see it), and convert the columns with the converters the
compiler chose (dates, datetimes in the current time zone, booleans), as `.values()` would.

The SQL is rewritten once (`_rewrite`), for two costs on SQLite:
- the ORM's own constant words among the parameters (`state = 'published'` of `published()`) are written into the
  SQL as literals: a parameter compared with a column that a partial index is limited by
  (`record_published_period`, WHERE state = 'published') has SQLite plan the statement again at every run, which
  took a record with its catalog links 20 µs instead of 5;
- the other parameters are named (`%(p0)s`, pyformat, which every backend takes): Django's SQLite backend turns
  positional `%s` into `?` with a regular expression at every run (35 µs for the record page's 1,200 characters of
  SQL), named ones with one `%` formatting.

A parameter is an int or a str, compared for equality; the SQL's shape must not depend on its value (no `None`,
no lists). An int no database column can hold (beyond 64 bits, as a URL can ask for) matches no row, as the
ORM's lookups answer it, without asking the database (SQLite refuses it). A query
made with `window=True` (an ordered queryset, not sliced) takes `limit` and `offset` as parameters too.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

#: marker values no request can carry: a large negative id, a string with a NUL
_INT_MARK = -7_351_000_000
_STR_MARK = "\x00prepared-"
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
#: a constant written into the SQL: a word (a choice's value), nothing to quote
_WORD = re.compile(r"[A-Za-z0-9_]{1,64}")
#: what Django's SQL holds for a parameter, and for a literal "%"
_PLACEHOLDER = re.compile(r"%%|%s")


def _rewrite(sql: str, params: tuple, keep: set) -> tuple[str, dict]:
    """`sql` with each str parameter that is a plain word and not in `keep` written in as a quoted literal, and the
    others named `p0`, `p1` …; the parameters left, by name."""
    left: dict = {}
    taken = 0

    def put(match):
        nonlocal taken
        if match.group() == "%%":
            return "%%"
        value = params[taken]
        taken += 1
        if isinstance(value, str) and value not in keep and _WORD.fullmatch(value):
            return f"'{str.__str__(value)}'"  # a choice's value (a str subclass) as the str it is
        name = f"p{len(left)}"
        left[name] = value
        return f"%({name})s"

    sql = _PLACEHOLDER.sub(put, sql)
    if taken != len(params):
        raise ValueError(f"the SQL has {taken} placeholders for {len(params)} parameters: {sql}")
    return sql, left


class Prepared:
    """`build(**params)` returns a `.values(…)` queryset; `rows(**params)` returns its rows as dicts."""

    def __init__(self, build: Callable[..., QuerySet], *, window: bool = False, **kinds: type):
        if any(kind not in (int, str) for kind in kinds.values()):
            raise TypeError("a prepared query's parameters are int or str")
        self.build = build
        self.kinds = kinds
        self.window = window
        # per connection object (one a thread): the converters are bound to the connection they were made for
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _compile(self, connection) -> tuple:
        marks = {
            name: (_INT_MARK - n if kind is int else f"{_STR_MARK}{n}")
            for n, (name, kind) in enumerate(self.kinds.items())
        }
        queryset = self.build(**marks)
        query = queryset.query
        compiler = query.get_compiler(using=DEFAULT_DB_ALIAS)  # this thread's connection, `connection`
        sql, params = compiler.as_sql()
        sql, params = _rewrite(sql, params, keep=set(marks.values()))
        if self.window:
            if query.is_sliced or not queryset.ordered:
                raise ValueError("a windowed prepared query is ordered and not sliced")
            sql += " LIMIT %(limit)s OFFSET %(offset)s"
        by_mark = {mark: name for name, mark in marks.items()}
        slots = tuple((key, by_mark[p]) for key, p in params.items() if type(p) in (int, str) and p in by_mark)
        if {name for _key, name in slots} != set(marks):
            raise ValueError(f"a parameter of the prepared query is not a plain SQL parameter: {sql}")
        names = tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))
        columns = [s[0] for s in compiler.select[: compiler.col_count]]
        converters = tuple(
            (i, tuple(convs), expression) for i, (convs, expression) in compiler.get_converters(columns).items()
        )
        compiled = (sql, params, slots, names, converters)
        self._compiled[connection] = compiled
        return compiled

    def rows(self, *, limit: int | None = None, offset: int = 0, **values) -> list[dict]:
        connection = connections[DEFAULT_DB_ALIAS]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compile(connection)
        sql, template, slots, names, converters = compiled
        params = template.copy()
        for key, name in slots:
            value = values[name]
            if type(value) is not self.kinds[name]:
                raise TypeError(f"{name} must be {self.kinds[name].__name__}, not {type(value).__name__}")
            if type(value) is int and not _INT64_MIN <= value <= _INT64_MAX:
                return []
            params[key] = value
        if self.window:
            params["limit"], params["offset"] = int(limit), int(offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        if converters:
            fetched = [list(row) for row in fetched]
            for row in fetched:
                for i, convs, expression in converters:
                    value = row[i]
                    for convert in convs:
                        value = convert(value, expression, connection)
                    row[i] = value
        return [dict(zip(names, row, strict=True)) for row in fetched]
