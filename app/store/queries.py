"""Every read of the database: quote search, the country facet, the timeline, articles.

The only module with SQL for reading; the CLI and the app call these functions and get
dataclasses back (each with `as_dict()` for `--json`).

Search. Quotes are indexed (FTS5, `quotes_fts`) by their text and by the ё-folded pymorphy3 lemmas
of their words, computed at import. A query is split into words (anything else, FTS operators,
quotes, emoji, is dropped, so no input can make a bad FTS expression); each word matches by its
lemmas or as written, and the last one, while it is no whole word yet, also by its most frequent
completions (so a half-typed word already finds something). All words must match. The query's
lemmas need pymorphy3: it is loaded on the first search only (about 0.1 s, in the app's worker
thread), never when the app starts.

Scale. Every read costs about the same at ten thousand or a million quotes: a search ranks only
the newest few hundred matches, a count stops at a cap, the timeline is read a page at a time,
and the country filter and the unfiltered facet read tables the import precomputes
(`article_countries`, `country_totals`, `search_vocab`; see app.store.events).
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache

from app.extract.morph import fold, tokens
from app.filters import Filters

RELEASE_KINDS = ("release", "pardon", "exchange", "deport")  # kinds whose count is people freed
MAX_QUERY_WORDS = 16  # longer input is cut: a search box, not a document matcher
_FTS_WORD = re.compile(r"[^\W_]+")  # what the FTS5 unicode61 tokenizer calls a token
_OPERATOR = re.compile(r"\b(?:AND|OR|NOT|NEAR)\b")  # FTS syntax a user may type: not words


# ---------------------------------------------------------------------------------------------
# Countries: names for codes, codes for names (babel's CLDR names; extraction's aliases if any)

@lru_cache(maxsize=1)
def _territories() -> dict[str, dict[str, str]]:
    from babel import Locale

    return {lang: dict(Locale(lang).territories) for lang in ("ru", "en")}


def country_label(code: str, lang: str = "ru") -> str:
    """The name (Russian, or English) of an ISO 3166-1 alpha-2 code; the code itself if unknown."""
    return _territories()[lang].get(code.upper(), code) if code else ""


def resolve_country(value: str) -> str | None:
    """An ISO code, or a Russian or English country name in any case → the ISO code, or None."""
    v = fold(value.strip())
    if not v:
        return None
    names = _territories()
    if len(v) == 2 and v.isalpha() and v.upper() in names["en"]:
        return v.upper()
    for lang in ("ru", "en"):
        for code, name in names[lang].items():
            if len(code) == 2 and code.isalpha() and fold(name) == v:
                return code
    try:  # the extractor's word lists know aliases and inflected forms («Белоруссии», «США»)
        from app.extract.countries import parse_country
    except ImportError:
        return None
    return parse_country(value)


# ---------------------------------------------------------------------------------------------
# Quote search

@dataclass
class QuoteHit:
    id: int
    text: str
    speaker: str | None
    date: str | None  # the article's date
    title: str
    path: str
    article_id: int
    start: int  # the quote's span in the article text
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    highlights: list[tuple[int, int]] | None = None  # spans in `text`; None: see spans()
    original: dict = field(default_factory=dict)  # {"speaker": the machine's} if a person set it
    lemmas: str = field(default="", repr=False)  # the stored lemmas of `text`, one per word
    terms: tuple = field(default=(), repr=False)  # the search's terms

    def spans(self) -> list[tuple[int, int]]:
        """The words of `text` the search matched, worked out when first asked for: the app
        shows a page of a hundred hits at a time, and that took most of a search's time."""
        if self.highlights is None:
            self.highlights = highlight_spans(self.text, self.lemmas, list(self.terms))
        return self.highlights

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "speaker": self.speaker, "date": self.date,
                "title": self.title, "path": self.path, "start": self.start, "end": self.end,
                "sentence": self.sentence, "highlights": [list(h) for h in self.spans()],
                **_provenance(bool(self.original), False, self.original)}


@dataclass(frozen=True)
class _Term:
    word: str  # the folded word as typed
    lemmas: frozenset[str]
    prefix: bool = False  # also matches as a prefix (the last word, while it is being typed)


def _terms(query: str, lemmatize: bool) -> list[_Term]:
    """The query's words, each with its lemmas. The last one also matches as a prefix unless
    pymorphy3 knows it as a whole word (its lemmas then find every form): an FTS5 prefix merges
    the lists of every indexed word it starts, so prefixes are kept to that one word."""
    words = _FTS_WORD.findall(fold(_OPERATOR.sub(" ", query[:2000])))[:MAX_QUERY_WORDS]
    if not words:
        return []
    if lemmatize:
        from app.extract.morph import lemmas  # loads pymorphy3 on first use

        terms = [_Term(w, frozenset(l for l in _safe_lemmas(lemmas, w) if _FTS_WORD.fullmatch(l)))
                 for w in words]
    else:
        terms = [_Term(w, frozenset()) for w in words]
    last = terms[-1]
    if not (lemmatize and _known(last.word)):
        terms[-1] = _Term(last.word, last.lemmas, prefix=True)
    return terms


def prepare_search() -> None:
    """Load what a search's first word needs (pymorphy3 and its dictionaries), so that the
    first keystroke does not wait for it: the app calls this in a worker after its first
    frame."""
    _terms("освобождение", True)


def _safe_lemmas(lemmas, word: str) -> set[str]:
    try:
        return lemmas(word)
    except Exception:  # pymorphy3 raises on letters unicodedata cannot name (e.g. Tangut)
        return set()


PREFIX_TERMS = 48  # a word being typed matches its most frequent completions, this many


def _fts_expression(conn, terms: list[_Term]) -> str:
    """Each word matches by a lemma or as written, the last also by its completions; all must
    match. Completions come from `search_vocab`: an OR of whole words is read lazily, newest
    first, where an FTS5 prefix query ("w"*) would first merge the lists of all of them."""
    # every piece is a run of word characters inside double quotes: nothing left to escape
    parts = []
    for t in terms:
        alts = {l for l in t.lemmas} | {t.word}
        if t.prefix:
            alts |= set(_completions(conn, t.word))
        parts.append("(" + " OR ".join(f'"{w}"' for w in sorted(alts)) + ")")
    return " AND ".join(parts)


def _completions(conn, word: str) -> list[str]:
    try:
        return [term for term, in conn.execute(
            "select term from search_vocab where term >= ? and term < ? "
            "order by docs desc limit ?", [word, word + "\U0010ffff", PREFIX_TERMS])
            if _FTS_WORD.fullmatch(term)]
    except sqlite3.OperationalError:  # no such table: an older database (open_db refuses those)
        return []


def _known(word: str) -> bool:
    from app.extract.morph import analyzer

    try:
        return word.isdigit() or analyzer().word_is_known(word)
    except Exception:  # letters pymorphy3 cannot name
        return False


def _conn(db):
    """The sqlite3 connection of a sqlite-utils Database, or the connection itself."""
    return getattr(db, "conn", db)


def _quote_filters(country: str | None, speaker: str | None,
                   *, off_topic: bool = True, filters: Filters | None = None) -> tuple[str, list]:
    where, args = [], []
    if not off_topic:  # hide the quotes of off-topic web pages (articles.off_topic)
        where.append("not exists (select 1 from articles oa where oa.id = q.article_id and "
                     "oa.off_topic)")
    if filters is not None:
        country = country or filters.country
        more, fargs = _article_filters(filters)
        where += more
        args += fargs
    if country:
        # a quote belongs to a country when its article names it or reports its people freed
        # (article_countries, rebuilt with the events): one primary-key probe per candidate
        where.append("exists (select 1 from article_countries ac where ac.code = ? and "
                     "ac.article_id = q.article_id)")
        args.append(country)
    if speaker and _FTS_WORD.search(fold(speaker)):
        where.append("pardons_fold(coalesce(q.speaker, '')) like ? escape '\\'")
        args.append("%" + re.sub(r"([%_\\])", r"\\\1", fold(speaker.strip())) + "%")
    return "".join(f" and {w}" for w in where), args


def _ready(conn) -> None:
    conn.create_function("pardons_fold", 1, lambda s: fold(s) if s else s, deterministic=True)
    # pages read by one search (articles, sentences) are wanted by the next: keep more of them
    conn.execute("pragma cache_size = -16000")


_HIT_COLUMNS = ("q.id, q.text, q.speaker, a.date, a.title, a.path, a.id, q.start, q.end, q.lemmas, "
                "s.text, s.start, s.end")
RANK_WINDOW = 400  # matches ranked per search: the newest ones, so the work is bounded at any size
FILTERED_WINDOW = 100  # with a filter fewer: a rare country's matches are far apart


def _matches(conn, terms: list[_Term], where: str, args: list, window: int,
             ranked: bool = True) -> list[tuple[int, float]]:
    """(quote id, bm25 rank) of the newest `window` quotes matching `terms` and the filters.

    FTS5 walks its index from the highest rowid down and stops at `window`: bm25 is computed for
    those rows only, never for every match of a common word."""
    join = " join quotes q on q.id = f.rowid" if where else ""
    return conn.execute(
        f"select f.rowid, {'f.rank' if ranked else '0'} from quotes_fts f{join} "
        f"where quotes_fts match ?{where} order by f.rowid desc limit ?",
        [_fts_expression(conn, terms), *args, window]).fetchall()


def search_quotes(db, query: str, country: str | None = None, speaker: str | None = None,
                  limit: int = 20, *, lemmatize: bool = True, off_topic: bool = True,
                  filters: Filters | None = None) -> list[QuoteHit]:
    """Quotes matching every word of `query` in any form: the best (bm25) of the newest
    matches (`RANK_WINDOW` of them; `limit` while the last word is being typed), then the newest.

    An empty query gives the newest quotes (by article date) of the filters; one with no words in
    it, nothing. Quotes of off-topic pages are found too, unless `off_topic` is False."""
    conn = _conn(db)
    _ready(conn)
    terms = _terms(query or "", lemmatize)
    if not terms and (query or "").strip():
        return []  # something typed, but no word in it: nothing can match
    where, args = _quote_filters(country, speaker, off_topic=off_topic, filters=filters)
    limit = max(0, int(limit))
    if not limit:
        return []
    if terms:
        # a word being typed ORs many completions, which bm25 is slow to score: rank fewer
        window = limit if terms[-1].prefix else max(FILTERED_WINDOW if where else RANK_WINDOW,
                                                     limit)
        found = _matches(conn, terms, where, args, window)
        found.sort(key=lambda r: (r[1], -r[0]))
        ids = [qid for qid, _ in found[:limit]]
    else:
        # walk the articles by date (index) and stop at `limit` quotes
        ids = [r[0] for r in conn.execute(
            f"select q.id from articles a join quotes q on q.article_id = a.id where 1{where} "
            f"order by a.date desc, q.id limit ?", [*args, limit])]
    if not ids:
        return []
    rows = {row[0]: row for row in conn.execute(
        f"select {_HIT_COLUMNS} from quotes q join articles a on a.id = q.article_id "
        f"join sentences s on s.id = q.sentence_id "
        f"where q.id in ({','.join('?' * len(ids))})", ids)}
    return _with_quote_marks(conn, [_hit(rows[i], terms) for i in ids if i in rows])


def count_quotes(db, query: str, country: str | None = None, speaker: str | None = None,
                 *, lemmatize: bool = True, cap: int | None = None, off_topic: bool = True,
                 filters: Filters | None = None) -> int:
    """How many quotes `search_quotes` would find without a limit; with `cap`, counting stops
    past it (cap + 1 means «more than cap»)."""
    conn = _conn(db)
    _ready(conn)
    terms = _terms(query or "", lemmatize)
    if not terms and (query or "").strip():
        return 0
    where, args = _quote_filters(country, speaker, off_topic=off_topic, filters=filters)
    if terms:
        if cap is not None:
            return len(_matches(conn, terms, where, args, cap + 1, ranked=False))
        join = " join quotes q on q.id = f.rowid" if where else ""
        return conn.execute(f"select count(*) from quotes_fts f{join} where quotes_fts match ?"
                            f"{where}", [_fts_expression(conn, terms), *args]).fetchone()[0]
    limit = f" limit {int(cap) + 1}" if cap is not None else ""
    return conn.execute(f"select count(*) from (select 1 from quotes q where 1{where}{limit})",
                        args).fetchone()[0]


def _hit(row, terms: list[_Term]) -> QuoteHit:
    (qid, text, speaker, date, title, path, aid, start, end, lemma_str,
     s_text, s_start, s_end) = row
    return QuoteHit(qid, text, speaker, date, title or "", path, aid, start, end, s_text,
                    s_start, s_end, lemmas=lemma_str or "", terms=tuple(terms))


def highlight_spans(text: str, lemma_str: str, terms: list[_Term]) -> list[tuple[int, int]]:
    """Spans of the words of `text` that a search term matched.

    The stored lemmas are one per word of `text` in order (see app.store.terms), so each word's
    lemma is known here without loading pymorphy3."""
    if not terms:
        return []
    words = tokens(text)
    word_lemmas = lemma_str.split(" ")
    if len(word_lemmas) != len(words):
        word_lemmas = [""] * len(words)
    exact = set().union(*(t.lemmas for t in terms)) | {t.word for t in terms}
    prefixes = tuple(t.word for t in terms if t.prefix)

    def hit(w: str) -> bool:
        return w in exact or bool(prefixes) and w.startswith(prefixes)

    spans = []
    for word, lem in zip(words, word_lemmas):
        folded = word.folded
        if hit(folded) or hit(lem) or (not folded.isalnum() and any(
                hit(p) for p in _FTS_WORD.findall(folded) + _FTS_WORD.findall(lem))):
            spans.append((word.start, word.end))
    return spans


# ---------------------------------------------------------------------------------------------
# The country facet

@dataclass
class CountryRow:
    code: str
    name: str
    count: int  # released people: the sum over distinct events of this country's count
    events: int  # release events naming this country
    articles: int  # articles mentioning it
    corrected: bool = False  # a number a person edited is in the count
    confirmed: bool = False  # every event in the count is one a person confirmed

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "count": self.count,
                "events": self.events, "articles": self.articles,
                **_provenance(self.corrected, self.confirmed, {})}


def country_facet(db, *, kinds: tuple[str, ...] = RELEASE_KINDS, since: str | None = None,
                  until: str | None = None, limit: int | None = None,
                  confirmed: bool = False) -> list[CountryRow]:
    """Countries by people released. Unfiltered, it is read from `country_totals`, which the
    import fills with `live_country_facet` when it derives the events; with filters (or only
    the events a person confirmed) it is computed now."""
    conn = _conn(db)
    if tuple(kinds) != RELEASE_KINDS or since or until or confirmed:
        rows = live_country_facet(db, kinds=kinds, since=since, until=until, limit=limit,
                                  confirmed=confirmed)
        # confirmed events only: a country no confirmed event names is no part of that count
        return _with_country_marks(conn, [r for r in rows if r.events or not confirmed],
                                   only_confirmed=confirmed)
    sql = ("select code, name, count, events, articles from country_totals "
           "order by count desc, events desc, articles desc, code")
    args = []
    if limit:
        sql += " limit ?"
        args.append(int(limit))
    return _with_country_marks(conn, [CountryRow(*row) for row in conn.execute(sql, args)])


def live_country_facet(db, *, kinds: tuple[str, ...] = RELEASE_KINDS, since: str | None = None,
                       until: str | None = None, limit: int | None = None,
                       confirmed: bool = False) -> list[CountryRow]:
    """The country facet in the manner of Datasette's: one GROUP BY over the currently filtered
    events (by kind and date range; with `confirmed`, those a person confirmed or edited), never
    rows counted in Python."""
    filters, args = ["e.kind in (" + ",".join("?" * len(kinds)) + ")"], list(kinds)
    if confirmed:
        filters.append(f"e.id in ({_CONFIRMED})")
    if since:
        filters.append("e.date >= ?")
        args.append(since)
    if until:
        filters.append("e.date <= ?")
        args.append(until)
    sql = f"""
        with ev as (select e.id from events e where {" and ".join(filters)}),
        per as (
            select ec.country as code, coalesce(sum(ec.count), 0) as count,
                   count(distinct ec.event_id) as events
            from event_countries ec join ev on ev.id = ec.event_id group by ec.country),
        arts as (
            select code, count(distinct article_id) as articles from (
                select code, article_id from mentions
                where article_id not in (select id from articles where off_topic)
                union select ec.country, r.article_id from event_countries ec
                    join ev on ev.id = ec.event_id
                    join event_reports er on er.event_id = ec.event_id
                    join reports r on r.id = er.report_id)
            group by code)
        select c.code, coalesce(per.count, 0), coalesce(per.events, 0), coalesce(arts.articles, 0)
        from (select code from per union select code from arts) c
        left join per on per.code = c.code left join arts on arts.code = c.code
        where c.code is not null and c.code != ''
        order by 2 desc, 3 desc, 4 desc, c.code
        {"limit ?" if limit else ""}"""
    if limit:
        args.append(int(limit))
    return [CountryRow(code, country_label(code), count, events, articles)
            for code, count, events, articles in _conn(db).execute(sql, args).fetchall()]


# ---------------------------------------------------------------------------------------------
# The timeline

@dataclass
class SourceRow:
    path: str
    date: str | None  # the article's date
    title: str
    sentence: str
    article_id: int
    sentence_start: int
    sentence_end: int
    url: str | None = None

    def as_dict(self) -> dict:
        return {"path": self.path, "date": self.date, "title": self.title,
                "sentence": self.sentence, "url": self.url}


@dataclass
class EventRow:
    id: int
    date: str | None
    precision: str | None
    kind: str
    count: int | None
    bound: str | None
    countries: dict[str, int | None]
    people: list[str]
    sources: list[SourceRow]

    confirmed: bool = False  # a person confirmed (or edited) it
    original: dict = field(default_factory=dict)  # field → the machine's value, where a person
    #                                               edited it ("countries": {code: number})
    regrouped: bool = False  # a person merged it with another event, or split a source out

    @property
    def corrected(self) -> bool:
        return bool(self.original)

    def as_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "precision": self.precision, "kind": self.kind,
                "count": self.count, "bound": self.bound, "countries": self.countries,
                "people": self.people, "sources": [s.as_dict() for s in self.sources],
                **_provenance(self.corrected, self.confirmed, self.original),
                **({"regrouped": True} if self.regrouped else {})}


TIMELINE_PAGE = 100  # events per page: the app loads the next page as the cursor nears the end


def timeline(db, country: str | None = None, *, after: EventRow | None = None,
             limit: int | None = TIMELINE_PAGE) -> list[EventRow]:
    """A page of events in date order (undated last, then by id), each once, with its countries
    and source sentences: the first `limit` events, or those after the event `after` (the last
    of the previous page). `limit=None` gives every event (see `all_events`).

    Keyset paging over an index in timeline order (`events_order`, or for one country the table
    `country_timeline`), so each page costs the same at any size; the sources and countries are
    read for the page's events only."""
    conn = _conn(db)
    _ready(conn)
    page = f" limit {int(limit)}" if limit is not None else ""
    if country:
        # undated events are stored with date '' so that the key is one comparable row value
        key, args = "", [country]
        if after is not None:
            key = " and (undated, date, event_id) > (?, ?, ?)"
            args += [int(after.date is None), after.date or "", after.id]
        ids = [r[0] for r in conn.execute(
            f"select event_id from country_timeline where country = ?{key} "
            f"order by undated, date, event_id{page}", args)]
        rows = _events(conn, ids)
    else:
        where, args = "", []
        if after is not None and after.date is None:
            where, args = "where e.date is null and e.id > ?", [after.id]
        elif after is not None:  # row values: an undated event (1, …) sorts after every dated one
            where, args = "where (e.date is null, e.date, e.id) > (0, ?, ?)", [after.date, after.id]
        rows = conn.execute(
            f"select {_EVENT_COLUMNS} from events e indexed by events_order {where} "
            f"order by e.date is null, e.date, e.id{page}", args).fetchall()
    return _with_details(conn, rows)


_EVENT_COLUMNS = "e.id, e.date, e.precision, e.kind, e.count, e.bound, e.people"


def _events(conn, ids: list[int]) -> list[tuple]:
    """The events rows of `ids`, in that order."""
    rows = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows.update((r[0], r) for r in conn.execute(
            f"select {_EVENT_COLUMNS} from events e where e.id in ({','.join('?' * len(chunk))})",
            chunk))
    return [rows[i] for i in ids if i in rows]


def all_events(db, country: str | None = None) -> list[EventRow]:
    """Every event of `timeline`, read a page at a time (for `pardons timeline`)."""
    out: list[EventRow] = []
    while True:
        page = timeline(db, country, after=out[-1] if out else None, limit=2000)
        out += page
        if len(page) < 2000:
            return out


def count_events(db, country: str | None = None) -> int:
    """How many events the timeline holds (for one country: from `country_totals`)."""
    conn = _conn(db)
    if country:
        return _country_events(conn, country)
    return conn.execute("select count(*) from events").fetchone()[0]


def _country_events(conn, country: str) -> int:
    row = conn.execute("select timeline_events from country_totals where code = ?",
                       [country]).fetchone()
    return row[0] if row else 0


def _with_details(conn, rows) -> list[EventRow]:
    ids = [r[0] for r in rows]
    countries: dict[int, dict[str, int | None]] = {i: {} for i in ids}
    sources: dict[int, list[SourceRow]] = {i: [] for i in ids}
    for at in range(0, len(ids), 500):  # SQLite caps the number of bound values
        chunk = ids[at:at + 500]
        marks = ",".join("?" * len(chunk))
        for eid, code, n in conn.execute(
                f"select event_id, country, count from event_countries where event_id in ({marks}) "
                f"order by event_id, count is null, count desc, country", chunk):
            countries[eid][code] = n
        seen: set[tuple[int, int]] = set()  # one source per article: its main report first
        for eid, path, date, title, sentence, aid, start, end, url in conn.execute(
                f"select er.event_id, a.path, a.date, a.title, s.text, a.id, s.start, s.end, "
                f"a.url "
                f"from event_reports er join reports r on r.id = er.report_id "
                f"join articles a on a.id = r.article_id join sentences s on s.id = r.sentence_id "
                f"where er.event_id in ({marks}) "
                f"order by er.event_id, r.article_id, er.role is 'part', r.idx", chunk):
            if (eid, aid) not in seen:
                seen.add((eid, aid))
                sources[eid].append(SourceRow(path, date, title or "", sentence, aid, start, end,
                                                url))
    marks = _event_marks(conn, ids)
    return [EventRow(eid, date, precision, kind, count, bound, countries[eid],
                     json.loads(people or "[]"), sources[eid], **marks.get(eid, {}))
            for eid, date, precision, kind, count, bound, people in rows]


# ---------------------------------------------------------------------------------------------
# Articles, for the source view

@dataclass
class ArticleDoc:
    id: int
    path: str
    title: str
    date: str | None
    url: str | None
    text: str
    paragraphs: list[tuple[int, int, bool]]  # (start, end, heading) into `text`

    def as_dict(self) -> dict:
        return {"path": self.path, "title": self.title, "date": self.date, "url": self.url,
                "text": self.text}


def article(db, article_id: int) -> ArticleDoc | None:
    db = _conn(db)
    row = db.execute("select id, path, title, date, url, text from articles where id = ?",
                     [article_id]).fetchone()
    if row is None:
        return None
    paragraphs = [(start, end, bool(heading)) for start, end, heading in db.execute(
        "select min(start), max(end), max(heading) from sentences where article_id = ? "
        "group by paragraph order by paragraph", [article_id])]
    return ArticleDoc(*row[:5], text=row[5] or "", paragraphs=paragraphs)


def database_summary(db) -> dict[str, int]:
    """Row counts for the status line."""
    return {t: _conn(db).execute(f"select count(*) from [{t}]").fetchone()[0]
            for t in ("articles", "quotes", "events")}


# ---------------------------------------------------------------------------------------------
# Filters that combine (country, date range, kind, person): the timeline, the facet, the chart
# and the totals of the events they select, and the articles behind the quotes.

def _event_filters(f: Filters, alias: str = "e", *, country: bool = True) -> tuple[list[str], list]:
    """SQL conditions on the events table (as `alias`) for `f`, and their arguments."""
    where, args = [], []
    if country and f.country:
        where.append(f"exists (select 1 from event_countries fc where fc.event_id = {alias}.id "
                     f"and fc.country = ?)")
        args.append(f.country)
    if f.kind:
        where.append(f"{alias}.kind = ?")
        args.append(f.kind)
    more, margs = _date_range(f, alias)
    where += more
    args += margs
    if f.person:
        where.append(f"exists (select 1 from json_each({alias}.people) fp where fp.value in "
                     f"({','.join('?' * len(f.person))}))")
        args += list(f.person)
    return where, args


def _date_range(f: Filters, alias: str) -> tuple[list[str], list]:
    """Conditions on `alias`.date for the filters' period; `until` takes in its whole period
    ('2025-09-30' <= '2025-09' + the last code point)."""
    where, args = [], []
    if f.since:
        where.append(f"{alias}.date >= ?")
        args.append(f.since)
    if f.until:
        where.append(f"{alias}.date <= ?")
        args.append(f.until + "\U0010ffff")
    return where, args


def _article_filters(f: Filters) -> tuple[list[str], list]:
    """Conditions on a quote (`q`) for the date range (its article's date) and for the kind and
    person (its article reports an event of that kind, with that person); the country is
    `_quote_filters`' own."""
    where, args = [], []
    if f.since or f.until:
        conds, cargs = _date_range(f, "fa")
        where.append(f"exists (select 1 from articles fa where fa.id = q.article_id and "
                     f"{' and '.join(conds)})")
        args += cargs
    if f.kind or f.person:
        ev, eargs = _event_filters(f.without("country", "since", "until"))
        where.append("q.article_id in (select fr.article_id from events e "
                     "join event_reports fer on fer.event_id = e.id "
                     f"join reports fr on fr.id = fer.report_id where {' and '.join(ev)})")
        args += eargs
    return where, args


def events_page(db, f: Filters = Filters(), *, after: EventRow | None = None,
                limit: int | None = TIMELINE_PAGE, newest: bool = False) -> list[EventRow]:
    """A page of the events `f` selects, oldest first (or `newest` first), undated last: keyset
    paging like `timeline`, which answers when only a country is chosen, oldest first."""
    if f.events_only() and not newest:
        return timeline(db, f.country, after=after, limit=limit)
    conn = _conn(db)
    _ready(conn)
    where, args = _event_filters(f)
    if after is not None and after.date is None:
        where.append(f"e.date is null and e.id {'<' if newest else '>'} ?")
        args.append(after.id)
    elif after is not None and newest:
        where.append("(e.date is null or e.date < ? or (e.date = ? and e.id < ?))")
        args += [after.date, after.date, after.id]
    elif after is not None:
        where.append("(e.date is null, e.date, e.id) > (0, ?, ?)")
        args += [after.date, after.id]
    page = f" limit {int(limit)}" if limit is not None else ""
    if not newest:
        rows = conn.execute(
            f"select {_EVENT_COLUMNS} from events e where {' and '.join(where) or '1'} "
            f"order by e.date is null, e.date, e.id{page}", args).fetchall()
        return _with_details(conn, rows)
    # newest first, undated still last: the dated events walk `events_order` backwards, then
    # the undated ones follow (one order with mixed directions would sort every event)
    rows = []
    if after is None or after.date is not None:
        rows = conn.execute(
            f"select {_EVENT_COLUMNS} from events e indexed by events_order "
            f"where e.date is not null and {' and '.join(where) or '1'} "
            f"order by e.date is null desc, e.date desc, e.id desc{page}", args).fetchall()
    if limit is None or len(rows) < limit:
        rest = f" limit {int(limit) - len(rows)}" if limit is not None else ""
        uwhere, uargs = _event_filters(f)
        if after is not None and after.date is None:
            uwhere.append("e.id < ?")
            uargs.append(after.id)
        rows += conn.execute(
            f"select {_EVENT_COLUMNS} from events e where e.date is null and "
            f"{' and '.join(uwhere) or '1'} order by e.id desc{rest}", uargs).fetchall()
    return _with_details(conn, rows)


def all_filtered_events(db, f: Filters = Filters(), *, newest: bool = False) -> list[EventRow]:
    """Every event `events_page` would give, a page at a time (for the CLI and export)."""
    out: list[EventRow] = []
    while True:
        page = events_page(db, f, after=out[-1] if out else None, limit=2000, newest=newest)
        out += page
        if len(page) < 2000:
            return out


def count_filtered_events(db, f: Filters = Filters()) -> int:
    if f.events_only():
        return count_events(db, f.country)
    where, args = _event_filters(f)
    return _conn(db).execute(f"select count(*) from events e where {' and '.join(where)}",
                             args).fetchone()[0]


def filtered_country_facet(db, f: Filters = Filters(), *, confirmed: bool = False
                           ) -> list[CountryRow]:
    """The country facet narrowed by every filter but the country itself (so other countries
    stay there to be chosen): people, events and source articles of the selected events."""
    g = f.without("country")
    if g.events_only():
        return country_facet(db, confirmed=confirmed)
    where, args = _event_filters(g)
    if confirmed:
        where.append(f"e.id in ({_CONFIRMED})")
    if not g.kind:
        where.append("e.kind in (" + ",".join("?" * len(RELEASE_KINDS)) + ")")
        args += list(RELEASE_KINDS)
    sql = f"""
        with ev as (select e.id from events e where {' and '.join(where)}),
        per as (
            select ec.country as code, coalesce(sum(ec.count), 0) as count,
                   count(distinct ec.event_id) as events
            from event_countries ec join ev on ev.id = ec.event_id group by ec.country),
        arts as (
            select ec.country as code, count(distinct r.article_id) as articles
            from event_countries ec join ev on ev.id = ec.event_id
            join event_reports er on er.event_id = ec.event_id
            join reports r on r.id = er.report_id group by ec.country)
        select per.code, per.count, per.events, coalesce(arts.articles, 0)
        from per left join arts on arts.code = per.code
        where per.code is not null and per.code != ''
        order by 2 desc, 3 desc, 4 desc, per.code"""
    conn = _conn(db)
    rows = [CountryRow(code, country_label(code), count, events, articles)
            for code, count, events, articles in conn.execute(sql, args).fetchall()]
    return _with_country_marks(conn, rows, only_confirmed=confirmed)


@dataclass
class PeriodRow:
    period: str  # '2025-09' (a month) or '2025' (a year)
    people: int  # released people in the period's release events
    events: int

    def as_dict(self) -> dict:
        return {"period": self.period, "people": self.people, "events": self.events}


MONTHS_MAX = 36  # a longer span is charted by year


def releases_by_period(db, f: Filters = Filters(), *, by: str | None = None
                       ) -> tuple[str, list[PeriodRow]]:
    """People released per month (`by="month"`), or per year when the span is longer than
    `MONTHS_MAX` months (`by=None`): ("month" or "year", a row for every period from the first
    to the last, empty ones included). With a country chosen, that country's people. Events
    dated by year only are counted in the yearly chart alone."""
    conn = _conn(db)
    where, args = _event_filters(f)
    if not f.kind:
        where.append("e.kind in (" + ",".join("?" * len(RELEASE_KINDS)) + ")")
        args += list(RELEASE_KINDS)
    where.append("e.date is not null")
    people = "coalesce(e.count, 0)"
    join = ""
    if f.country:
        join = " join event_countries pc on pc.event_id = e.id and pc.country = ?"
        args = [f.country, *args]
        people = "coalesce(pc.count, 0)"
    rows = conn.execute(
        f"select substr(e.date, 1, 7), sum({people}), count(*) from events e{join} "
        f"where {' and '.join(where)} group by 1 order by 1", args).fetchall()
    months = [r for r in rows if len(r[0]) == 7]
    if by is None:
        by = "month"
        if months and _month_index(months[-1][0]) - _month_index(months[0][0]) >= MONTHS_MAX:
            by = "year"
        if not months and rows:
            by = "year"
    if by == "year":
        years: dict[str, list[int]] = {}
        for p, n, k in rows:
            y = years.setdefault(p[:4], [0, 0])
            y[0] += n or 0
            y[1] += k
        if not years:
            return by, []
        first, last = int(min(years)), int(max(years))
        return by, [PeriodRow(str(y), *years.get(str(y), (0, 0))) for y in range(first, last + 1)]
    if not months:
        return by, []
    have = {p: (n or 0, k) for p, n, k in months}
    first, last = _month_index(months[0][0]), _month_index(months[-1][0])
    out = []
    for i in range(first, last + 1):
        p = f"{i // 12:04d}-{i % 12 + 1:02d}"
        out.append(PeriodRow(p, *have.get(p, (0, 0))))
    return by, out


def _month_index(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def filtered_totals(db, f: Filters = Filters()) -> dict[str, int]:
    """People released, events, and articles under the filters (the status line's numbers;
    quotes are counted by the search). Unfiltered: the database's totals."""
    conn = _conn(db)
    where, args = _event_filters(f)
    events = count_filtered_events(db, f)
    rel = where + ["e.kind in (" + ",".join("?" * len(RELEASE_KINDS)) + ")"]
    rargs = args + list(RELEASE_KINDS)
    if f.country:
        people = conn.execute(
            f"select coalesce(sum(pc.count), 0) from events e join event_countries pc on "
            f"pc.event_id = e.id and pc.country = ? where {' and '.join(rel)}",
            [f.country, *rargs]).fetchone()[0]
    else:
        people = conn.execute(f"select coalesce(sum(e.count), 0) from events e "
                              f"where {' and '.join(rel)}", rargs).fetchone()[0]
    if not f.active():
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    else:
        # the articles the quotes pane draws from (see `_quote_filters`), read by date index
        awhere, aargs = _date_range(f, "a")
        qwhere, qargs = _quote_filters(None, None, filters=f.without("since", "until"))
        articles = conn.execute(
            f"select count(*) from (select a.id as article_id from articles a "
            f"where {' and '.join(awhere) or '1'}) q where 1{qwhere}",
            aargs + qargs).fetchone()[0]
    return {"people": people, "events": events, "articles": articles}


# ---------------------------------------------------------------------------------------------
# People: those named in the reports of a release, pardon, exchange or expulsion, the ways of
# writing one person merged (app.names), officials left out

@dataclass
class PersonRow:
    name: str  # the most used way of writing the name
    names: tuple[str, ...]  # every way it is written, `name` first
    events: int
    articles: int
    people: int  # released people in this person's events (the group they were freed with)
    first: str | None  # date of the first and the last event
    last: str | None

    def as_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.names[1:]), "events": self.events,
                "articles": self.articles, "released_with": self.people, "first": self.first,
                "last": self.last}


def people_index(db, f: Filters = Filters()) -> list[PersonRow]:
    """The people freed in the events `f` selects (the person filter itself aside), most events
    first."""
    from app.names import is_official, name_key

    conn = _conn(db)
    where, args = _event_filters(f.without("person"))
    kinds = (f.kind,) if f.kind else RELEASE_KINDS
    where.append("r.kind in (" + ",".join("?" * len(kinds)) + ")")
    args += list(kinds)
    rows = conn.execute(
        f"select j.value, r.article_id, e.id, e.date, e.count from events e "
        f"join event_reports er on er.event_id = e.id join reports r on r.id = er.report_id, "
        f"json_each(r.people) j where {' and '.join(where)}", args).fetchall()
    renamed = _renamed_people(conn)
    groups: dict[str, dict] = {}
    for name, article_id, event_id, date, count in rows:
        name = renamed.get((article_id, name), name)
        g = groups.setdefault(name_key(name), {"names": {}, "articles": set(), "events": {}})
        g["names"][name] = g["names"].get(name, 0) + 1
        g["articles"].add(article_id)
        g["events"][event_id] = (date, count or 0)
    if not groups:
        return []
    # an official is a person whose roles name an office in most of the articles that give
    # them a role («президент Беларуси»); a freed former minister is still among the freed
    votes: dict[str, int] = {}
    for article_id, name, roles in conn.execute(
            "select article_id, name, roles from people where roles != '[]'"):
        key = name_key(renamed.get((article_id, name), name))
        if key in groups:
            votes[key] = votes.get(key, 0) + (1 if is_official(json.loads(roles or "[]")) else -1)
    officials = {key for key, vote in votes.items() if vote > 0}
    out = []
    for key, g in groups.items():
        if key in officials or not key:
            continue
        names = sorted(g["names"], key=lambda n: (-g["names"][n], n))
        dates = sorted(d for d, _ in g["events"].values() if d)
        out.append(PersonRow(names[0], tuple(names), len(g["events"]), len(g["articles"]),
                             sum(c for _, c in g["events"].values()),
                             dates[0] if dates else None, dates[-1] if dates else None))
    out.sort(key=lambda p: (-p.events, -p.articles, p.name))
    return out


def person_articles(db, names) -> list[tuple[str, str]]:
    """(path, title) of the articles whose reports name the person written `names` (as the
    people list gives them), in path order; an article a correction gave another person of
    the name (`distinct`) is not among them."""
    conn = _conn(db)
    renamed = _renamed_people(conn)
    names = list(names)
    rows = conn.execute(
        f"select distinct a.id, a.path, coalesce(a.title, ''), j.value from reports r join "
        f"articles a on a.id = r.article_id, json_each(r.people) j where j.value in "
        f"({','.join('?' * len(names))}) order by a.path", names).fetchall()
    return list(dict.fromkeys((path, title) for aid, path, title, name in rows
                              if (aid, name) not in renamed))


def _renamed_people(conn) -> dict[tuple[int, str], str]:
    """(article id, a name as written there) → the other person's name a correction gave it
    (`distinct`: one name is two people)."""
    out = {}
    for aid, original, value in conn.execute(
            "select target_id, original, value from correction_marks where target = 'article' "
            "and field = 'person'"):
        for name in json.loads(original):
            out[(aid, name)] = json.loads(value)
    return out


def find_person(db, text: str) -> PersonRow | None:
    """The freed person `text` names: the same name in any writing, or a part of one name
    («Колесникова»), the one with the most events."""
    from app.names import name_key

    people = people_index(db)
    key, folded = name_key(text), fold(text.strip())
    if not folded:
        return None
    for p in people:
        if any(name_key(n) == key for n in p.names):
            return p
    for p in people:
        if any(folded in fold(n) for n in p.names):
            return p
    return None


# Corrections: provenance of what is shown, and the review queue (app.store.corrections writes
# `correction_marks`: what each correction changed, with the machine's value)

_CONFIRMED = ("select target_id from correction_marks where target = 'event' "
              "and field = 'confirmed'")


def _provenance(corrected: bool, confirmed: bool, original: dict) -> dict:
    """The `--json` fields that say a number rests on a person's check: `"corrected": true`
    (with the machine's `original` values, where there are some) and `"confirmed": true`; absent
    on what is the machine's alone."""
    out: dict = {}
    if corrected:
        out["corrected"] = True
        if original:
            out["original"] = original
    if confirmed:
        out["confirmed"] = True
    return out


def _event_marks(conn, ids: list[int]) -> dict[int, dict]:
    """EventRow's provenance fields of the events `ids` that corrections touched."""
    out: dict[int, dict] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        for eid, fld, original in conn.execute(
                f"select target_id, field, original from correction_marks where target = 'event'"
                f" and target_id in ({','.join('?' * len(chunk))}) order by rowid", chunk):
            m = out.setdefault(eid, {"confirmed": False, "original": {}, "regrouped": False})
            if fld == "confirmed":
                m["confirmed"] = True
            elif fld in ("merged", "split"):
                m["regrouped"] = True
            elif fld.startswith("country:"):
                m["original"].setdefault("countries", {}).setdefault(
                    fld.split(":", 1)[1], json.loads(original))
            elif fld in ("date", "kind", "count", "people"):
                m["original"].setdefault(fld, json.loads(original))
    return out


def _with_quote_marks(conn, hits: list[QuoteHit]) -> list[QuoteHit]:
    if not hits:
        return hits
    by_id = {h.id: h for h in hits}
    for qid, original in conn.execute(
            f"select target_id, original from correction_marks where target = 'quote' and "
            f"field = 'speaker' and target_id in ({','.join('?' * len(by_id))})", list(by_id)):
        by_id[qid].original = {"speaker": json.loads(original)["speaker"]}
    return hits


def _with_country_marks(conn, rows: list[CountryRow], only_confirmed: bool = False
                        ) -> list[CountryRow]:
    """Mark the countries whose total holds an edited number, or rests on confirmed events
    only (cheap when nothing was corrected: the marks table is empty)."""
    if not rows or conn.execute("select 1 from correction_marks limit 1").fetchone() is None:
        return rows
    corrected = {c for c, in conn.execute(
        "select distinct ec.country from event_countries ec join correction_marks m on "
        "m.target = 'event' and m.target_id = ec.event_id and "
        "m.field = 'country:' || ec.country")}
    unconfirmed = {c for c, in conn.execute(
        f"select distinct ec.country from event_countries ec join events e on e.id = ec.event_id"
        f" where e.kind in ({','.join('?' * len(RELEASE_KINDS))}) and ec.event_id not in "
        f"({_CONFIRMED})", RELEASE_KINDS)}
    for r in rows:
        r.corrected = r.code in corrected
        r.confirmed = r.events > 0 and (only_confirmed or r.code not in unconfirmed)
    return rows


@dataclass
class ReviewItem:
    """One row of the review queue: an event or a quote, and why it needs a look."""
    kind: str  # event, or quote
    reasons: list[tuple[str, str]]  # (reason, the line that says it), most urgent first
    event: EventRow | None = None
    quote: QuoteHit | None = None

    def as_dict(self) -> dict:
        d = {"kind": self.kind, "reasons": [r for r, _ in self.reasons],
             "why": [line for _, line in self.reasons]}
        if self.event is not None:
            d["event"] = self.event.as_dict()
        if self.quote is not None:
            d["quote"] = self.quote.as_dict()
        return d


REVIEW_LIMIT = 500  # rows per reason: a queue to work through, not a report of everything


def review_queue(db, *, limit: int = REVIEW_LIMIT) -> list[ReviewItem]:
    """The events and quotes that need a look (app.review says which and why), most urgent
    first, then by date. Confirmed events and quotes whose speaker a person decided are left
    out."""
    from app.review import EventFacts, ReportFacts, event_reasons, quote_reasons, urgency

    conn = _conn(db)
    _ready(conn)
    kinds = ",".join("?" * len(RELEASE_KINDS))
    base = (f"select e.id from events e where e.kind in ({kinds}) "
            f"and e.id not in ({_CONFIRMED}) and ")
    ids: set[int] = set()
    for cond in ("e.date is null", "e.count_conflict is not null",
                 "e.sources > 1 and exists (select 1 from event_reports er join reports r on "
                 "r.id = er.report_id where er.event_id = e.id and "
                 "(r.date_inferred or r.date is null))",
                 "e.id in (select er.event_id from counts c join event_reports er on "
                 "er.report_id = c.report_id where c.count is not null group by er.event_id, "
                 "c.country having count(distinct c.count) > 1)",
                 "e.articles <= 1"):
        ids.update(i for i, in conn.execute(f"{base}{cond} limit ?", [*RELEASE_KINDS, limit]))
    ids_list = sorted(ids)
    facts: dict[int, EventFacts] = {}
    reports: dict[int, ReportFacts] = {}
    for at in range(0, len(ids_list), 500):
        chunk = ids_list[at:at + 500]
        marks = ",".join("?" * len(chunk))
        for eid, date, conflict, articles in conn.execute(
                f"select id, date, count_conflict, articles from events where id in ({marks})",
                chunk):
            facts[eid] = EventFacts(date, json.loads(conflict) if conflict else [], articles, [])
        for eid, rid, date, inferred, role, breakdown, path in conn.execute(
                f"select er.event_id, r.id, r.date, r.date_inferred, er.role, r.breakdown, "
                f"a.path from event_reports er join reports r on r.id = er.report_id "
                f"join articles a on a.id = r.article_id "
                f"where er.event_id in ({marks}) order by er.event_id, r.id", chunk):
            rf = ReportFacts(date, bool(inferred), role or "main",
                             {c: n for c, n in json.loads(breakdown or "{}").items()
                              if n is not None}, path.rsplit("/", 1)[-1])
            reports[rid] = rf
            facts[eid].reports.append(rf)
        for rid, country, n in conn.execute(
                # through the report's article: counts are indexed by article, not by report
                f"select c.report_id, c.country, c.count from event_reports er "
                f"join reports r on r.id = er.report_id join counts c on "
                f"c.article_id = r.article_id and c.report_id = r.id "
                f"where er.event_id in ({marks}) and c.count is not null and "
                f"coalesce(c.status, 'released') = 'released'", chunk):
            rf = reports[rid]
            rf.numbers[country] = max(n, rf.numbers.get(country, 0))
    rows = {r.id: r for r in _with_details(conn, _events(conn, ids_list))}
    items = [ReviewItem("event", event_reasons(facts[i]), event=rows[i])
             for i in ids_list if i in rows]
    items = [it for it in items if it.reasons]
    qids = [q for q, in conn.execute(
        "select q.id from quotes q where q.speaker is null and q.id not in (select target_id "
        "from correction_marks where target = 'quote' and field = 'speaker') "
        "order by q.id limit ?", [limit])]
    if qids:
        hits = {r[0]: _hit(r, []) for r in conn.execute(
            f"select {_HIT_COLUMNS} from quotes q join articles a on a.id = q.article_id "
            f"join sentences s on s.id = q.sentence_id "
            f"where q.id in ({','.join('?' * len(qids))})", qids)}
        items += [ReviewItem("quote", quote_reasons(None), quote=hits[q]) for q in qids
                  if q in hits]

    def order(it: ReviewItem) -> tuple:
        date = it.event.date if it.event else it.quote.date
        return (urgency(it.reasons), date is None, date or "",
                it.event.id if it.event else it.quote.id)
    return sorted(items, key=order)


MERGE_CANDIDATES = 300  # events offered to merge with: the nearest in date


def merge_candidates(db, event_id: int, limit: int = MERGE_CANDIDATES) -> list[EventRow]:
    """The release events another one could be merged with, nearest in date first (a month or
    a year counts from its first day; undated events last; for an undated event, by date)."""
    conn = _conn(db)
    _ready(conn)
    day = ("julianday(case length({0}) when 4 then {0} || '-01-01' "
           "when 7 then {0} || '-01' else {0} end)")
    row = conn.execute(f"select {day.format('date')} from events where id = ?",
                       [event_id]).fetchone()
    if row is None:
        return []
    near = f"abs({day.format('e.date')} - ?), " if row[0] is not None else ""
    ids = [i for i, in conn.execute(
        f"select e.id from events e where e.id != ? and e.kind in "
        f"({','.join('?' * len(RELEASE_KINDS))}) order by e.date is null, {near}e.date, e.id "
        f"limit ?", [event_id, *RELEASE_KINDS, *([row[0]] if near else []), limit])]
    return _with_details(conn, _events(conn, ids))


def corrections(db) -> list:
    """Every correction with its status on this derivation (applied, orphaned, refused)."""
    from app.store.corrections import listing

    return listing(db)
