"""Search over published records: a record matches when its title, summary, body or the extracted text of
one of its screened attachments contains every term of the query as written.

**Membership is substring containment**, nothing else: the query is split at whitespace into terms; terms
of one character are set aside (they would match nearly everything), and a record matches when each
remaining term occurs, character for character, in one of its texts. ASCII letters match in either case
(`fold`); every other character matches only itself. No word segmentation decides membership, so
"奖学金" finds "学生奖学金评定", "学金" finds what "奖助学金" finds, and "章程" finds only records that
contain 章程. `tests/portal/test_search_agrees_with_substring_scan.py` compares the result set with a
plain scan of the published records.

**The index** is built on character bigrams, in the database's own engine, and is exact by construction:

- SQLite: a contentless FTS5 table (`portal_searchfts`, ascii tokenizer) whose tokens are the bigrams of
  the folded text written as hex codes, in order, with a break token wherever whitespace separates two
  runs of text. A term of n characters is the FTS5 phrase of its n-1 bigrams: consecutive bigram tokens
  can only come from consecutive characters, so the phrase matches exactly where the term occurs. The
  FTS5 rowid is the entry's `key` (institution, publication second, record), so one institution is a
  rowid range and the newest matches come first without sorting.
- PostgreSQL: `portal_searchentry.keys`, a bigint[] of the distinct bigram codes plus the filter codes
  (institution, department, year, catalog item), under a GIN index. A two-character term is exactly one
  code; a longer term's codes narrow the candidates and `LIKE` on the folded text decides.

**Ranking** (never membership): records whose title holds every term first; then, for a query of several
terms, records where the terms stand within `NEAR` characters of each other; then the rest; newest first
within each group.

**Maintenance.** Every change to a record writes a RecordEvent; the portal re-indexes the record that
event names in the same transaction (`apps.index_on_event`): publication, correction, withdrawal, and the
attachment text stored when screening completes (`screening_done`). A search (a GET) only reads.
`sync_index()` catches up after writes that bypassed events; `rebuild_index()` (`xxgk search_index
--rebuild`) builds everything again.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import permutations

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from xxgk.portal.models import IndexMark, SearchEntry
from xxgk.publishing.models import Attachment, Record, RecordEvent, ScreeningState, published_q

MAX_QUERY = 200  # characters of the query read
MAX_TERMS = 8
NEAR = 20  # characters between terms that count as "close together"
LOOKBACK = 50  # events re-read behind the mark
BATCH = 200

# --- text -------------------------------------------------------------------------------------------------------

_FOLD = {code: " " for code in [*range(0x20), 0x7F]} | {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_SURROGATES = re.compile("[\ud800-\udfff]")
_BLOCK_END = re.compile(r"<(?:br|hr)\b[^>]*>|</(?:p|div|li|tr|td|th|h[1-6]|blockquote|pre|table|ul|ol|dt|dd)\s*>", re.I)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The text as matched: ASCII letters in lower case, control characters as spaces; same length."""
    return (text or "").translate(_FOLD)


def body_text(body_html: str) -> str:
    """What a record's body says: its HTML as text, a line break where a block or a <br> ends."""
    return html.unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", body_html or "")))


def record_text(record: Record, attachment_texts) -> str:
    """Summary, body and attachment texts, one per line (a term never spans two of them)."""
    parts = [record.summary or "", body_text(record.body), *attachment_texts]
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _bigrams(run: str):
    codes = [ord(c) for c in run]
    return [(a << 21) | b for a, b in zip(codes, codes[1:], strict=False)]


def bigram_codes(text: str) -> set[int]:
    """Every pair of adjacent characters of the folded text that no whitespace separates, as an integer."""
    codes: set[int] = set()
    for run in fold(text).split():
        codes.update(_bigrams(run))
    return codes


def token_stream(text: str) -> str:
    """The folded text as FTS5 tokens: each bigram as hex, "0" where whitespace breaks the text."""
    out: list[str] = []
    for run in fold(text).split():
        if out:
            out.append("0")
        out.extend(format(code, "x") for code in _bigrams(run))
    return " ".join(out)


def _phrase(term: str) -> str:
    return '"' + " ".join(format(code, "x") for code in _bigrams(term)) + '"'


# --- the query --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    text: str  # as typed (trimmed, at most MAX_QUERY characters)
    terms: tuple[str, ...]  # folded, each of two characters or more, none inside another
    ignored: tuple[str, ...] = ()  # single characters left out


def parse(q: str) -> Query:
    """The terms of a query: split at whitespace, folded, single characters and repeats set aside.

    A term contained in another adds nothing (every record holding 奖学金 holds 学金), so it is dropped."""
    text = _SURROGATES.sub("", (q or "").replace("\x00", "")).strip()[:MAX_QUERY]
    words = list(dict.fromkeys(fold(text).split()))
    long = [w for w in words if len(w) >= 2]
    kept = [w for w in long if not any(w != other and w in other for other in long)]
    return Query(text=text, terms=tuple(kept[:MAX_TERMS]), ignored=tuple(w for w in words if len(w) < 2))


def contains(terms, *texts: str) -> bool:
    """Whether every term occurs in one of the texts (the definition the index answers)."""
    folded = [fold(t) for t in texts]
    return all(any(term in t for t in folded) for term in terms)


# --- entries ----------------------------------------------------------------------------------------------------

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
INSTITUTION_SHIFT = 47  # key = institution (16 bits) | seconds since 2000 (31 bits) | 16 bits of the record id


def institution_range(institution_id: int) -> tuple[int, int]:
    return institution_id << INSTITUTION_SHIFT, ((institution_id + 1) << INSTITUTION_SHIFT) - 1


def entry_key(institution_id: int, published_at, record_id: int) -> int:
    """An entry's key: the newest publication of an institution has its highest key."""
    if not 0 < institution_id < 1 << 16:
        raise ValueError(f"institution id {institution_id} does not fit the search key")
    seconds = int((published_at - EPOCH).total_seconds()) if published_at else 0
    return (institution_id << INSTITUTION_SHIFT) | (min(max(seconds, 0), (1 << 31) - 1) << 16) | (record_id & 0xFFFF)


def scope_tokens(record: Record, item_ids) -> str:
    """Filter tokens: department, year of publication, catalog items (the institution is the key's range)."""
    tokens = [f"d{record.department_id}"]
    if record.published_at:
        tokens.append(f"y{timezone.localtime(record.published_at).year}")
    tokens += [f"c{i}" for i in sorted(item_ids)]
    return " ".join(tokens)


def _filter_codes(institution_id: int, scope: str) -> list[int]:
    """PostgreSQL: the filter tokens as negative codes (bigram codes are positive)."""
    codes = [-institution_id]
    kinds = {"d": 1, "y": 2, "c": 3}
    for token in scope.split():
        codes.append(-((kinds[token[0]] << 40) | int(token[1:])))
    return codes


def _digest(title: str, plain: str, scope: str) -> str:
    return hashlib.sha256("\x00".join((title, plain, scope)).encode("utf-8", "surrogatepass")).hexdigest()


def _fts_rows(entries) -> list[tuple]:
    return [(e.key, token_stream(e.title), token_stream(e.plain), e.scope) for e in entries]


def _write_index(removed: list[SearchEntry], added: list[SearchEntry]) -> None:
    """The engine's side of a change of entries (SearchEntry rows are written by the caller)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if removed:
                cursor.executemany(
                    "INSERT INTO portal_searchfts(portal_searchfts, rowid, title, body, scope) "
                    "VALUES ('delete', %s, %s, %s, %s)",
                    _fts_rows(removed),
                )
            if added:
                cursor.executemany(
                    "INSERT INTO portal_searchfts(rowid, title, body, scope) VALUES (%s, %s, %s, %s)",
                    _fts_rows(added),
                )
        elif connection.vendor == "postgresql" and added:
            cursor.executemany(
                "UPDATE portal_searchentry SET keys = %s::bigint[] WHERE record_id = %s",
                [
                    (
                        sorted(bigram_codes(e.title) | bigram_codes(e.plain))
                        + _filter_codes(e.institution_id, e.scope),
                        e.record_id,
                    )
                    for e in added
                ],
            )


def _free_keys(wanted: dict[int, int]) -> dict[int, int]:
    """record id → key, moved up by one while another entry holds it (two records of one institution
    published in the same second with ids 65,536 apart: practically never)."""
    taken = set(SearchEntry.objects.filter(key__in=wanted.values()).values_list("key", flat=True))
    out: dict[int, int] = {}
    for record_id, key in sorted(wanted.items()):
        while key in taken:
            key += 1
            if key not in taken and SearchEntry.objects.filter(key=key).exists():
                taken.add(key)
        out[record_id] = key
        taken.add(key)
    return out


def _attachment_text(att: Attachment) -> str:
    """The text the screening extracted; a file not yet screened (or being masked) adds nothing."""
    return att.text if att.screening == ScreeningState.DONE else ""


def index_records(record_ids) -> int:
    """(Re)build the entries of these records; drop the entries of those no longer published."""
    ids = sorted(set(record_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        records = list(
            Record.objects.published()
            .filter(pk__in=chunk)
            .only("id", "institution_id", "department_id", "title", "summary", "body", "revision", "published_at")
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=Attachment.objects.only("id", "record_id", "text", "screening").order_by("id"),
                )
            )
        )
        current = {e.record_id: e for e in SearchEntry.objects.filter(record_id__in=chunk).defer("plain")}
        if not records and not current:
            continue  # drafts and records in review: nothing to index, nothing to drop
        links: dict[int, list[int]] = {}
        for record_id, item_id in Record.items.through.objects.filter(
            record_id__in=[r.pk for r in records]
        ).values_list("record_id", "catalogitem_id"):
            links.setdefault(record_id, []).append(item_id)
        fresh, touched = {}, {}
        for r in records:
            plain = record_text(r, [_attachment_text(a) for a in r.attachments.all()])
            scope = scope_tokens(r, links.get(r.pk, ()))
            digest = _digest(r.title, plain, scope)
            old = current.get(r.pk)
            key = entry_key(r.institution_id, r.published_at, r.pk)
            if old is not None and old.digest == digest and (old.key >> 16) == (key >> 16):
                if old.revision != r.revision:  # a change that left the text alone: only the mark moves
                    touched[r.pk] = r.revision
                continue
            fresh[r.pk] = SearchEntry(
                record_id=r.pk,
                institution_id=r.institution_id,
                key=key,
                title=r.title,
                plain=plain,
                scope=scope,
                digest=digest,
                revision=r.revision,
                indexed_at=timezone.now(),
            )
        live = {r.pk for r in records}
        stale_ids = [pk for pk in current if pk not in live or pk in fresh]
        with transaction.atomic():
            removed = list(SearchEntry.objects.filter(record_id__in=stale_ids)) if stale_ids else []
            _write_index(removed, [])
            SearchEntry.objects.filter(record_id__in=stale_ids).delete()
            if fresh:
                keys = _free_keys({pk: e.key for pk, e in fresh.items()})
                for pk, entry in fresh.items():
                    entry.key = keys[pk]
                SearchEntry.objects.bulk_create(list(fresh.values()))
                _write_index([], list(fresh.values()))
            for pk, revision in touched.items():
                SearchEntry.objects.filter(record_id=pk).update(revision=revision)
    return len(ids)


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
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO portal_searchfts(portal_searchfts) VALUES ('delete-all')")
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
    snippet: SafeString
    title_html: SafeString


@dataclass
class Results:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1

    @property
    def terms(self) -> tuple[str, ...]:
        return self.query.terms


@dataclass(frozen=True)
class Filters:
    department_id: int | None = None
    year: int | None = None
    item_id: int | None = None

    def tokens(self) -> list[str]:
        tokens = []
        if self.department_id:
            tokens.append(f"d{int(self.department_id)}")
        if self.year:
            tokens.append(f"y{int(self.year)}")
        if self.item_id:
            tokens.append(f"c{int(self.item_id)}")
        return tokens


class _Sqlite:
    """Three groups, each read newest first straight from FTS5 (rowid order is recency)."""

    def __init__(self, institution_id: int, terms, filters: Filters):
        self.lo, self.hi = institution_range(institution_id)
        phrases = [_phrase(t) for t in terms]
        every = " AND ".join(phrases)
        scope = " AND ".join(filters.tokens())
        base = f"({every})" + (f" AND ({{scope}} : ({scope}))" if scope else "")
        in_title = f"({{title}} : ({every}))"
        if len(phrases) > 1:
            near = f"NEAR({' '.join(phrases)}, {NEAR})"
            self.groups = [f"({base}) AND {in_title}", f"(({base}) AND {near}) NOT {in_title}"]
            self.groups.append(f"(({base}) NOT {in_title}) NOT {near}")
        else:
            self.groups = [f"({base}) AND {in_title}", f"({base}) NOT {in_title}"]
        self.every = base

    def _select(self, what: str, match: str, tail: str = "", params=()) -> list:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {what} FROM portal_searchfts WHERE portal_searchfts MATCH %s AND rowid BETWEEN %s AND %s{tail}",
                [match, self.lo, self.hi, *params],
            )
            return cursor.fetchall()

    def total(self) -> int:
        return self._select("COUNT(*)", self.every)[0][0]

    def page(self, offset: int, limit: int) -> list[int]:
        keys: list[int] = []
        for group in self.groups:
            rows = self._select("rowid", group, " ORDER BY rowid DESC LIMIT %s OFFSET %s", [limit - len(keys), offset])
            keys += [r[0] for r in rows]
            if len(keys) >= limit:
                break
            if rows:  # this group ends on this page: the next one starts at its beginning
                offset = 0
            elif offset:  # the page starts after this group: how many did it hold?
                offset = max(0, offset - self._select("COUNT(*)", group)[0][0])
        return keys


#: `fold` in SQL: control characters to spaces, ASCII capitals to lower case (no NUL reaches PostgreSQL).
_CONTROLS = [*range(1, 0x20), 0x7F]
_PG_FOLD = (
    "translate({}, E'"
    + "".join(f"\\x{c:02x}" for c in _CONTROLS)
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ', '"
    + " " * len(_CONTROLS)
    + "abcdefghijklmnopqrstuvwxyz')"
)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _regex(term: str) -> str:
    """The term as a literal in a PostgreSQL regular expression (only ASCII punctuation is special)."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in term)


class _Postgres:
    """One GIN scan over the entry's codes; LIKE on the folded text decides terms of three characters or more."""

    def __init__(self, institution_id: int, terms, filters: Filters):
        codes = {-institution_id, *_filter_codes(institution_id, " ".join(filters.tokens()))}
        for term in terms:
            codes.update(_bigrams(term))
        title, plain = _PG_FOLD.format("e.title"), _PG_FOLD.format("e.plain")
        where, params = ["e.keys @> %s::bigint[]"], [sorted(codes)]
        for term in terms:
            if len(term) > 2:
                where.append(f"({title} LIKE %s OR {plain} LIKE %s)")
                params += [_like(term), _like(term)]
        order = f"CASE WHEN {' AND '.join(f'{title} LIKE %s' for _t in terms)} THEN 0"
        order_params = [_like(t) for t in terms]
        if 1 < len(terms) <= 3:
            pattern = "|".join(f".{{0,{NEAR}}}".join(_regex(t) for t in p) for p in permutations(terms))
            order += f" WHEN {title} ~ %s OR {plain} ~ %s THEN 1"
            order_params += [pattern, pattern]
        self.order = order + " ELSE 2 END"
        self.where, self.params, self.order_params = " AND ".join(where), params, order_params

    def _run(self, sql: str, params) -> list:
        # savepoint=False: inside a caller's transaction no savepoint is needed (an error rolls the setting back
        # with that transaction); outside one, atomic opens the transaction SET LOCAL needs.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            # the GIN index always: a scan of every entry would read every entry's codes. Set back at once, for
            # the rest of a transaction this one may be part of.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
            return rows

    def total(self) -> int:
        return self._run(f"SELECT COUNT(*) FROM portal_searchentry e WHERE {self.where}", self.params)[0][0]

    def page_and_total(self, offset: int, limit: int) -> tuple[list[int], int | None]:
        rows = self._run(
            f"SELECT e.key, COUNT(*) OVER () FROM portal_searchentry e WHERE {self.where} "
            f"ORDER BY {self.order}, e.key DESC LIMIT %s OFFSET %s",
            [*self.params, *self.order_params, limit, offset],
        )
        return [r[0] for r in rows], (rows[0][1] if rows else None)


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
    query = parse(q)
    results = Results(query=query)
    if not query.terms:
        return results
    if sync:
        sync_index()
    filters = Filters(department_id, year, item_id)
    page = max(page, 1)

    def last_page(total: int) -> int:  # a page past the end shows the last one
        return min(page, max((total + per_page - 1) // per_page, 1))

    if connection.vendor == "postgresql":
        engine = _Postgres(institution.pk, query.terms, filters)
        keys, total = engine.page_and_total((page - 1) * per_page, per_page)
        if total is None:
            total = engine.total()
            if total and last_page(total) != page:
                page = last_page(total)
                keys, _total = engine.page_and_total((page - 1) * per_page, per_page)
    else:
        engine = _Sqlite(institution.pk, query.terms, filters)
        total = engine.total()
        page = last_page(total)
        keys = engine.page((page - 1) * per_page, per_page) if total else []
    results.total, results.page = total, page
    if not keys:
        return results
    records = {
        r.search_entry.key: r
        for r in Record.objects.published(institution)
        # by primary key: a filter on the joined key may lead the planner through every record of the institution
        .filter(pk__in=SearchEntry.objects.filter(key__in=keys).values("record_id"))
        .select_related("department", "search_entry")
        .only(
            "id",
            "institution_id",
            "title",
            "index_number",
            "published_at",
            "department__name",
            "search_entry__key",
            "search_entry__plain",
        )
    }
    for key in keys:
        record = records.get(key)
        if record is None:
            continue
        hit = Hit(record, snippet(record.search_entry.plain, query.terms), highlight(record.title, query.terms))
        results.hits.append(hit)
    return results


def term_counts(institution, query: Query, **filters) -> list[tuple[str, int]]:
    """How many records hold each term alone (for a query of several terms that found nothing)."""
    counts = []
    for term in query.terms:
        if connection.vendor == "postgresql":
            total = _Postgres(institution.pk, [term], Filters(**filters)).total()
        else:
            total = _Sqlite(institution.pk, [term], Filters(**filters)).total()
        counts.append((term, total))
    return counts


def matching_items(items, query: Query) -> list:
    """The catalog items whose title holds every term; failing that, those holding any of them."""
    every = [i for i in items if contains(query.terms, i.title)]
    if every or len(query.terms) < 2:
        return every
    return [i for i in items if any(contains([t], i.title) for t in query.terms)]


# --- highlighting -----------------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return html.escape(text, quote=True)  # what django.utils.html.escape does, without its lazy wrapper


def spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the terms occur in `text` (folded the way matching folds it), overlaps merged."""
    folded = fold(text)
    found = []
    for term in {t for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    merged: list[list[int]] = []
    for s, e in sorted(found):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def highlight(text: str, terms) -> SafeString:
    """Escape `text`, then wrap every occurrence of a term, whole, in <mark>."""
    out, pos = [], 0
    for s, e in spans(text, terms):
        out.append(_escape(text[pos:s]))
        out.append(f"<mark>{_escape(text[s:e])}</mark>")
        pos = e
    out.append(_escape(text[pos:]))
    return mark_safe("".join(out))


def _first(plain: str, terms) -> int:
    folded = None
    best = -1
    for term in terms:
        if not term:
            continue
        if folded is None:
            folded = fold(plain)
        at = folded.find(term)
        if at >= 0 and (best < 0 or at < best):
            best = at
    return max(best, 0)


def snippet(plain: str, terms, width: int = 110, before: int = 25) -> SafeString:
    """About `width` characters of `plain` from `before` characters ahead of the first occurrence of a term,
    highlighted, whitespace runs shown as one space. Only a window around the term is read: `plain` may hold
    the text of long attachments."""
    if not plain or not plain.strip():
        return mark_safe("")
    first = _first(plain, terms)
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
