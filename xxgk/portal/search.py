"""Chinese full-text search over published records, in the database's own engine.

Text is segmented with jieba (search mode, the same way for documents and
queries), joined with spaces and indexed by SQLite FTS5 (unicode61) or a
PostgreSQL tsvector ('simple'). Ranking: bm25() on SQLite, ts_rank_cd on
PostgreSQL; titles weigh more than bodies.

The index follows the records without a hook in publishing: every change to a
record writes a RecordEvent, and the portal re-indexes the record that event
names in the same transaction (`apps.index_on_event`), so a search (a GET) only
reads. `sync_index()` catches up after writes that bypassed events (it compares
the highest event id with the mark it stored last time and re-indexes the
records the newer events name); `sync_index(full=True)` (the `search_index`
command) compares every published record's revision with its entry.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from xxgk.portal.models import IndexMark, SearchEntry
from xxgk.publishing.models import Attachment, Record, RecordEvent, published_q

log = logging.getLogger(__name__)

MAX_TERMS = 12
LOOKBACK = 50  # events re-read behind the mark
BATCH = 500
ATTACHMENT_TEXT_LIMIT = 200_000
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_PIECES = re.compile(r"[^。！？；\n]+[。！？；\n]?")


def _jieba():
    import jieba

    if not getattr(_jieba, "ready", False):
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        _jieba.ready = True
    return jieba


@lru_cache(maxsize=16384)
def _segment_piece(piece: str) -> tuple[str, ...]:
    tokens = []
    for token in _jieba().cut_for_search(piece):
        tokens.extend(w.lower() for w in _WORD.findall(token))
    return tuple(tokens)


def segment(text: str) -> str:
    """Space-separated jieba tokens (search mode, lower case, punctuation dropped)."""
    out: list[str] = []
    for piece in _PIECES.findall(text or ""):
        out.extend(_segment_piece(piece.strip()))
    return " ".join(out)


def _covered(token: str, others) -> bool:
    """Whether shorter tokens of the same query cover every character of `token` (校园 + 建设 ⊇ 校园建设)."""
    seen = [False] * len(token)
    for other in others:
        if len(other) >= len(token):
            continue
        start = token.find(other)
        while start >= 0:
            seen[start : start + len(other)] = [True] * len(other)
            start = token.find(other, start + 1)
    return all(seen)


def query_words(q: str) -> list[str]:
    """Every distinct token of the query (for highlighting), longest words included."""
    return list(dict.fromkeys(segment(q).split()))


def query_terms(q: str) -> list[str]:
    """The tokens a record must contain: the finest ones, segmented the same way as the documents.

    Search-mode segmentation emits a long word together with its parts (校园建设 → 校园, 建设, 校园建设);
    whether a document yields the long word depends on its context, so only the parts are required.
    """
    words = query_words(q)
    return [w for w in words if not _covered(w, words)][:MAX_TERMS]


def plain_text(record: Record, attachment_texts: list[str]) -> str:
    body = html.unescape(strip_tags(record.body or ""))
    parts = [record.summary or "", body, *attachment_texts]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _attachment_text(att: Attachment) -> str:
    if att.text:
        return att.text[:ATTACHMENT_TEXT_LIMIT]
    if att.type_label not in {"TXT", "DOCX", "XLSX", "PDF"}:
        return ""
    try:
        from xxgk.screening import extract

        with att.file.open("rb") as handle:
            return extract(handle.read(), filename=att.name).text[:ATTACHMENT_TEXT_LIMIT]
    except Exception:  # a file we cannot read is simply not searched
        log.info("attachment %s: no text extracted", att.pk, exc_info=True)
        return ""


def scope_tokens(record: Record, item_ids) -> str:
    """Filter tokens matched inside the full-text engine: institution, department, year, catalog items."""
    tokens = [f"i{record.institution_id}", f"d{record.department_id}"]
    if record.published_at:
        tokens.append(f"y{timezone.localtime(record.published_at).year}")
    tokens += [f"c{i}" for i in sorted(item_ids)]
    return " ".join(tokens)


def build_entry(record: Record, attachment_texts: list[str], item_ids=()) -> SearchEntry:
    plain = plain_text(record, attachment_texts)
    return SearchEntry(
        record_id=record.pk,
        institution_id=record.institution_id,
        title=segment(record.title),
        body=segment(plain),
        plain=plain,
        scope=scope_tokens(record, item_ids),
        revision=record.revision,
        indexed_at=timezone.now(),
    )


def index_records(record_ids) -> int:
    """(Re)build the entries of these records; drop the entries of those no longer published."""
    ids = list(set(record_ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        records = list(
            Record.objects.published()
            .filter(pk__in=chunk)
            .only("id", "institution_id", "department_id", "title", "summary", "body", "revision", "published_at")
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=Attachment.objects.only("id", "record_id", "text", "file", "name", "type_label"),
                )
            )
        )
        links: dict[int, list[int]] = {}
        for record_id, item_id in Record.items.through.objects.filter(record_id__in=chunk).values_list(
            "record_id", "catalogitem_id"
        ):
            links.setdefault(record_id, []).append(item_id)
        live = {r.pk for r in records}
        current = dict(SearchEntry.objects.filter(record_id__in=chunk).values_list("record_id", "revision"))
        records = [r for r in records if current.get(r.pk) != r.revision]  # already up to date: nothing to do
        with transaction.atomic():
            SearchEntry.objects.filter(record_id__in=[i for i in chunk if i not in live]).delete()
            entries = [
                build_entry(r, [_attachment_text(a) for a in r.attachments.all()], links.get(r.pk, ())) for r in records
            ]
            SearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["record"],
                update_fields=["institution", "title", "body", "plain", "scope", "revision", "indexed_at"],
            )
        done += len(chunk)
    return done


def _marks() -> tuple[int, int | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {RecordEvent._meta.db_table}),"
            f" (SELECT value FROM {IndexMark._meta.db_table} WHERE {IndexMark._meta.pk.column} = %s)",
            ["events"],
        )
        latest, mark = cursor.fetchone()
    return latest or 0, mark


def sync_index(*, full: bool = False) -> int:
    """Bring the index up to date; returns how many records were looked at.

    Cheap when nothing changed: one query on two primary keys.
    """
    latest, mark = _marks()
    if not full and mark is not None and latest <= mark:
        return 0
    if full or mark is None:
        stale = (
            Record.objects.published()
            .filter(Q(search_entry__isnull=True) | ~Q(search_entry__revision=F("revision")))
            .values_list("pk", flat=True)
        )
        orphans = SearchEntry.objects.exclude(published_q("record")).values_list("record_id", flat=True)
        ids = list(stale) + list(orphans)
    else:
        # look a little behind the mark: on PostgreSQL an event with a lower id can commit after a higher one
        since = max(mark - LOOKBACK, 0)
        ids = list(RecordEvent.objects.filter(id__gt=since).values_list("record_id", flat=True).distinct())
    count = index_records(ids)
    try:
        with transaction.atomic():
            IndexMark.objects.update_or_create(key="events", defaults={"value": latest})
    except IntegrityError:  # another process created the mark at the same moment
        pass
    return count


def rebuild_index() -> int:
    SearchEntry.objects.all().delete()
    IndexMark.objects.filter(key="events").delete()
    count = sync_index(full=True)
    optimize()
    return count


def optimize() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO portal_searchfts(portal_searchfts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE portal_searchentry")


# --- querying ---------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    record: Record
    score: float
    snippet: SafeString
    title_html: SafeString


@dataclass
class Results:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    all_terms: bool = True  # False: no record had every word, these have some of them
    browsable: int = 0  # how many of `total` can be paged through (SQLite ranks the RANK_WINDOW most recent)


RANK_WINDOW = 1000  # SQLite: rank the most recent matches at most (bm25 costs about 5 µs per matching row)


def _scope(institution_id: int, department_id=None, year=None, item_id=None) -> list[str]:
    """The filter tokens a match must carry in its scope column (see `scope_tokens`)."""
    tokens = [f"i{int(institution_id)}"]
    if department_id:
        tokens.append(f"d{int(department_id)}")
    if year:
        tokens.append(f"y{int(year)}")
    if item_id:
        tokens.append(f"c{int(item_id)}")
    return tokens


def _fts5_query(terms: list[str], all_terms: bool, scope: list[str]) -> str:
    """An FTS5 query: the words in title or body, the filters as tokens of the scope column."""
    words = (" AND " if all_terms else " OR ").join(f'"{t}"' for t in terms)
    required = " AND ".join(f'"{t}"' for t in scope)
    return f"{{scope}} : ({required}) AND {{title body}} : ({words})"


def _run_sqlite(query: str, limit: int, offset: int) -> tuple[list[tuple[int, float]], int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_searchfts WHERE portal_searchfts MATCH %s", [query])
        total = cursor.fetchone()[0]
        if total == 0:
            return [], 0
        floor = 0
        if total > RANK_WINDOW:
            cursor.execute(
                "SELECT rowid FROM portal_searchfts WHERE portal_searchfts MATCH %s "
                "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [query, RANK_WINDOW - 1],
            )
            floor = cursor.fetchone()[0]
        cursor.execute(
            "SELECT rowid, -bm25(portal_searchfts, 10.0, 1.0, 0.0) AS score FROM portal_searchfts "
            "WHERE portal_searchfts MATCH %s AND rowid >= %s ORDER BY score DESC, rowid DESC "
            "LIMIT %s OFFSET %s",
            [query, floor, limit, offset],
        )
        rows = [(int(a), float(b)) for a, b in cursor.fetchall()]
    return rows, total


def _published_sql() -> tuple[str, list]:
    """The condition of `Record.objects.published()` as SQL on the (unaliased) record table."""
    query = Record.objects.published().query
    return query.get_compiler(connection=connection).compile(query.where)


def _run_pg(
    terms: list[str], all_terms: bool, scope: list[str], limit: int, offset: int
) -> tuple[list[tuple[int, float]], int]:
    """One GIN index scan over (scope_tsv, tsv) finds this institution's matches; the join keeps only
    records that are published right now."""
    tsquery = (" & " if all_terms else " | ").join(f"'{t}'" for t in terms)
    record_table = connection.ops.quote_name(Record._meta.db_table)
    published, published_params = _published_sql()
    where = f"e.scope_tsv @@ to_tsquery('simple', %s) AND e.tsv @@ query AND {published}"
    params = [" & ".join(scope), *published_params]
    sql = (
        f"SELECT e.record_id, ts_rank_cd(e.tsv, query) AS score, COUNT(*) OVER () AS total "
        f"FROM portal_searchentry e CROSS JOIN to_tsquery('simple', %s) query "
        f"JOIN {record_table} ON {record_table}.id = e.record_id WHERE {where} "
        f"ORDER BY score DESC, {record_table}.published_at DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery, *params, limit, offset])
        fetched = cursor.fetchall()
        if fetched:
            return [(int(a), float(b)) for a, b, _t in fetched], int(fetched[0][2])
        if offset == 0:
            return [], 0
        cursor.execute(
            f"SELECT COUNT(*) FROM portal_searchentry e CROSS JOIN to_tsquery('simple', %s) query "
            f"JOIN {record_table} ON {record_table}.id = e.record_id WHERE {where}",
            [tsquery, *params],
        )
        return [], cursor.fetchone()[0]


def _run(terms: list[str], all_terms: bool, institution_id: int, filters: dict, limit: int, offset: int):
    scope = _scope(institution_id, **filters)
    if connection.vendor == "postgresql":
        return _run_pg(terms, all_terms, scope, limit, offset)
    return _run_sqlite(_fts5_query(terms, all_terms, scope), limit, offset)


def search(
    institution,
    q: str,
    *,
    department_id=None,
    year=None,
    item_id=None,
    page: int = 1,
    per_page: int = 20,
    sync: bool = False,
) -> Results:
    q = (q or "").strip()[:200]
    terms = query_terms(q)
    marks = query_words(q)
    results = Results(query=q, terms=terms)
    if not terms:
        return results
    if sync:
        sync_index()
    filters = {"department_id": department_id, "year": year, "item_id": item_id}
    offset = max(page - 1, 0) * per_page
    rows, total = _run(terms, True, institution.pk, filters, per_page, offset)
    some = [t for t in terms if len(t) > 1]  # single characters (的, 和 …) would match nearly everything
    if total == 0 and len(terms) > 1 and some:
        rows, total = _run(some, False, institution.pk, filters, per_page, offset)
        results.all_terms = False
    results.total = total
    results.browsable = min(total, RANK_WINDOW) if connection.vendor == "sqlite" else total
    if not rows:
        return results
    records = {
        r.pk: r
        for r in Record.objects.published(institution)
        .filter(pk__in=[pk for pk, _s in rows])
        .select_related("department", "search_entry")
        .only(
            "id", "institution_id", "title", "index_number", "published_at", "department__name", "search_entry__plain"
        )
    }
    for pk, score in rows:
        record = records.get(pk)
        if record is None:
            continue
        plain = record.search_entry.plain if hasattr(record, "search_entry") else ""
        results.hits.append(Hit(record, score, snippet(plain, marks), highlight(record.title, marks)))
    return results


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]):
    longest_first = sorted({t for t in terms if t}, key=len, reverse=True)
    if not longest_first:
        return None
    return re.compile("|".join(re.escape(t) for t in longest_first), re.IGNORECASE)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)  # what django.utils.html.escape does, without its lazy wrapper


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape `text`, then wrap the query's words in <mark>."""
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return mark_safe(_escape(text))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(_escape(text[pos : m.start()]))
        out.append(f"<mark>{_escape(m.group())}</mark>")
        pos = m.end()
    out.append(_escape(text[pos:]))
    return mark_safe("".join(out))


def snippet(plain: str, terms: list[str], width: int = 110, before: int = 25) -> SafeString:
    """About `width` characters of `plain` from `before` characters ahead of the first of the query's words,
    highlighted, whitespace runs shown as one space. Only a window around the word is read: `plain` may hold
    the text of long attachments."""
    if not plain or not plain.strip():
        return mark_safe("")
    pattern = _pattern(tuple(terms))
    match = pattern.search(plain) if pattern is not None else None
    first = match.start() if match else 0
    reach = 4 * before  # raw characters read ahead of the word, widened until enough remain after collapsing
    while True:
        start = max(0, first - reach)
        head = _SPACES.sub(" ", plain[start:first])
        if start == 0:
            head = head.lstrip()
        if len(head) > before or start == 0:
            break
        reach *= 2
    lead = head[-before:] if before else ""
    reach = 4 * width
    while True:
        end = first + reach
        body = _SPACES.sub(" ", plain[first:end])
        if not lead:
            body = body.lstrip()
        if end >= len(plain):
            body = body.rstrip()
            break
        if len(lead) + len(body) > width:
            break
        reach *= 2
    text = lead + body
    prefix = "…" if len(head) > len(lead) or (start > 0 and head) else ""
    return mark_safe(prefix + highlight(text[:width], terms) + ("…" if len(text) > width else ""))
