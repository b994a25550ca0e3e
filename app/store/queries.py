"""Every read of the database: quote search, the country facet, the timeline, articles.

The only module with SQL for reading; the CLI and the app call these functions and get
dataclasses back (each with `as_dict()` for `--json`).

Search. Quotes are indexed (FTS5, `quotes_fts`) by their text and by the ё-folded pymorphy3 lemmas
of their words, computed at import. A query is split into words (anything else, FTS operators,
quotes, emoji, is dropped, so no input can make a bad FTS expression); each word matches if its
lemma is among a quote's lemmas, or, as a prefix, any indexed word (so a half-typed word already
finds something). All words must match. The query's lemmas need pymorphy3: it is loaded on the
first search only (about 0.1 s, in the app's worker thread), never when the app starts.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.extract.morph import fold, tokens

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
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans in `text`

    def as_dict(self) -> dict:
        return {"text": self.text, "speaker": self.speaker, "date": self.date,
                "title": self.title, "path": self.path, "start": self.start, "end": self.end,
                "sentence": self.sentence, "highlights": [list(h) for h in self.highlights]}


@dataclass(frozen=True)
class _Term:
    prefix: str  # the folded word as typed
    lemmas: frozenset[str]


def _terms(query: str, lemmatize: bool) -> list[_Term]:
    words = _FTS_WORD.findall(fold(_OPERATOR.sub(" ", query[:2000])))[:MAX_QUERY_WORDS]
    if lemmatize and words:
        from app.extract.morph import lemmas  # loads pymorphy3 on first use

        return [_Term(w, frozenset(l for l in _safe_lemmas(lemmas, w) if _FTS_WORD.fullmatch(l)))
                for w in words]
    return [_Term(w, frozenset()) for w in words]


def _safe_lemmas(lemmas, word: str) -> set[str]:
    try:
        return lemmas(word)
    except Exception:  # pymorphy3 raises on letters unicodedata cannot name (e.g. Tangut)
        return set()


def _fts_expression(terms: list[_Term]) -> str:
    # every piece is a run of word characters inside double quotes: nothing left to escape
    parts = []
    for t in terms:
        alts = [f'"{l}"' for l in sorted(t.lemmas)] + [f'"{t.prefix}"*']
        parts.append("(" + " OR ".join(alts) + ")")
    return " AND ".join(parts)


def _quote_filters(country: str | None, speaker: str | None) -> tuple[str, list]:
    where, args = [], []
    if country:
        # a quote belongs to a country when its article mentions it or reports its people freed
        where.append("(q.article_id in (select article_id from mentions where code = ?) or "
                     "q.article_id in (select r.article_id from reports r join event_reports er "
                     "on er.report_id = r.id join event_countries ec on ec.event_id = er.event_id "
                     "where ec.country = ?))")
        args += [country, country]
    if speaker and _FTS_WORD.search(fold(speaker)):
        where.append("pardons_fold(coalesce(q.speaker, '')) like ? escape '\\'")
        args.append("%" + re.sub(r"([%_\\])", r"\\\1", fold(speaker.strip())) + "%")
    return "".join(f" and {w}" for w in where), args


def _ready(db) -> None:
    db.conn.create_function("pardons_fold", 1, lambda s: fold(s) if s else s, deterministic=True)


_HIT_COLUMNS = ("q.id, q.text, q.speaker, a.date, a.title, a.path, a.id, q.start, q.end, q.lemmas, "
                "s.text, s.start, s.end")


def search_quotes(db, query: str, country: str | None = None, speaker: str | None = None,
                  limit: int = 20, *, lemmatize: bool = True) -> list[QuoteHit]:
    """Quotes matching every word of `query` in any form, best first.

    An empty query gives the newest quotes of the filters; one with no words in it, nothing."""
    _ready(db)
    terms = _terms(query or "", lemmatize)
    if not terms and (query or "").strip():
        return []  # something typed, but no word in it: nothing can match
    where, args = _quote_filters(country, speaker)
    limit = max(0, int(limit))
    if terms:
        sql = (f"select {_HIT_COLUMNS} from quotes_fts f join quotes q on q.id = f.rowid "
               f"join articles a on a.id = q.article_id join sentences s on s.id = q.sentence_id "
               f"where quotes_fts match ?{where} order by f.rank, a.date desc, q.id limit ?")
        args = [_fts_expression(terms), *args, limit]
    else:
        sql = (f"select {_HIT_COLUMNS} from quotes q join articles a on a.id = q.article_id "
               f"join sentences s on s.id = q.sentence_id where 1{where} "
               f"order by a.date desc, q.id limit ?")
        args = [*args, limit]
    return [_hit(row, terms) for row in db.execute(sql, args).fetchall()]


def count_quotes(db, query: str, country: str | None = None, speaker: str | None = None,
                 *, lemmatize: bool = True) -> int:
    """How many quotes `search_quotes` would find without a limit."""
    _ready(db)
    terms = _terms(query or "", lemmatize)
    if not terms and (query or "").strip():
        return 0
    where, args = _quote_filters(country, speaker)
    if terms:
        return db.execute(f"select count(*) from quotes_fts f join quotes q on q.id = f.rowid "
                          f"where quotes_fts match ?{where}",
                          [_fts_expression(terms), *args]).fetchone()[0]
    return db.execute(f"select count(*) from quotes q where 1{where}", args).fetchone()[0]


def _hit(row, terms: list[_Term]) -> QuoteHit:
    (qid, text, speaker, date, title, path, aid, start, end, lemma_str,
     s_text, s_start, s_end) = row
    return QuoteHit(qid, text, speaker, date, title or "", path, aid, start, end, s_text,
                    s_start, s_end, highlight_spans(text, lemma_str or "", terms))


def highlight_spans(text: str, lemma_str: str, terms: list[_Term]) -> list[tuple[int, int]]:
    """Spans of the words of `text` that a search term matched.

    The stored lemmas are one per word of `text` in order (see app.store.terms), so each word's
    lemma is known here without loading pymorphy3."""
    words = tokens(text)
    word_lemmas = lemma_str.split(" ")
    if len(word_lemmas) != len(words):
        word_lemmas = [""] * len(words)
    lemma_set = set().union(*(t.lemmas for t in terms)) if terms else set()
    prefixes = tuple(t.prefix for t in terms)
    spans = []
    for word, lem in zip(words, word_lemmas):
        parts = _FTS_WORD.findall(word.folded) + _FTS_WORD.findall(lem)
        if lem in lemma_set or any(p in lemma_set or p.startswith(prefixes) for p in parts):
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

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "count": self.count,
                "events": self.events, "articles": self.articles}


def country_facet(db, *, kinds: tuple[str, ...] = RELEASE_KINDS, since: str | None = None,
                  until: str | None = None, limit: int | None = None) -> list[CountryRow]:
    """Countries by people released, in the manner of Datasette's facets: one GROUP BY over the
    currently filtered events (by kind and date range), never rows counted in Python."""
    filters, args = ["e.kind in (" + ",".join("?" * len(kinds)) + ")"], list(kinds)
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
            for code, count, events, articles in db.execute(sql, args).fetchall()]


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

    def as_dict(self) -> dict:
        return {"path": self.path, "date": self.date, "title": self.title,
                "sentence": self.sentence}


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

    def as_dict(self) -> dict:
        return {"date": self.date, "precision": self.precision, "kind": self.kind,
                "count": self.count, "bound": self.bound, "countries": self.countries,
                "people": self.people, "sources": [s.as_dict() for s in self.sources]}


def timeline(db, country: str | None = None) -> list[EventRow]:
    """Events in date order (undated last), each once, with its countries and source sentences."""
    where, args = "", []
    if country:
        where = "where e.id in (select event_id from event_countries where country = ?)"
        args = [country]
    sql = f"""
        select e.id, e.date, e.precision, e.kind, e.count, e.bound, e.people,
            (select json_group_object(country, count) from
                (select country, count from event_countries where event_id = e.id
                 order by count is null, count desc, country)),
            (select json_group_array(json_array(a.path, a.date, a.title, s.text, a.id,
                                                s.start, s.end)) from
                (select r.article_id, r.sentence_id from event_reports er
                 join reports r on r.id = er.report_id where er.event_id = e.id
                 order by r.article_id, r.idx) src
                join articles a on a.id = src.article_id
                join sentences s on s.id = src.sentence_id)
        from events e {where}
        order by e.date is null, e.date, e.id"""
    out = []
    for eid, date, precision, kind, count, bound, people, countries, sources in db.execute(
            sql, args).fetchall():
        out.append(EventRow(eid, date, precision, kind, count, bound,
                            json.loads(countries or "{}"), json.loads(people or "[]"),
                            [SourceRow(p, d, t or "", s, a, ss, se)
                             for p, d, t, s, a, ss, se in json.loads(sources or "[]")]))
    return out


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
    return {t: db.execute(f"select count(*) from [{t}]").fetchone()[0]
            for t in ("articles", "quotes", "events")}
