"""The SQLite schema, and opening a database safely.

Per-article tables (articles, sentences, quotes, counts, reports, mentions, people, total_checks)
are written only by the importer, one article per transaction. Merged tables (events,
event_reports, event_countries) are derived from reports by `app.merge` and rewritten whole.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils costs ~0.1 s to import: the app's read path does without it
    import sqlite_utils

SCHEMA_VERSION = 5  # 2: the read side (article_countries, country_totals, search_vocab,
#                        country_timeline, events_order); 3: reports.date_inferred;
#                        4: event_reports.role ('main', or 'part' of the group);
#                        5: articles.site_name, canonical_url, off_topic (web pages);
#                           corrections (user data) and correction_marks


class StoreError(Exception):
    """A database that cannot be used; the message says why and what to do."""


class OldSchemaError(StoreError):
    """A pardons database of an older schema: its articles can be imported again."""


REBUILD_HINT = "run `pardons import --rebuild` to build a new one"

_TABLES: dict[str, tuple[dict, dict]] = {
    # name: (columns, options)
    "meta": ({"key": str, "value": str}, {"pk": "key"}),
    "articles": ({"id": int, "path": str, "file": str, "hash": str, "extractor_version": str,
                  "file_mtime": float, "file_size": int, "date": str, "title": str,
                  "caption": int, "credit": str, "url": str, "encoding": str, "text": str,
                  "warnings": str, "imported_at": str, "site_name": str, "canonical_url": str,
                  "off_topic": int}, {"pk": "id"}),
    "sentences": ({"id": int, "article_id": int, "idx": int, "paragraph": int, "start": int,
                   "end": int, "heading": int, "text": str}, {"pk": "id"}),
    "quotes": ({"id": int, "article_id": int, "sentence_id": int, "start": int, "end": int,
                "text": str, "speaker": str, "kind": str, "spans_paragraphs": int,
                "lemmas": str, "country_codes": str}, {"pk": "id"}),
    "reports": ({"id": int, "article_id": int, "sentence_id": int, "idx": int, "kind": str,
                 "date": str, "precision": str, "count": int, "bound": str, "countries": str,
                 "people": str, "breakdown": str, "date_inferred": int, "start": int, "end": int},
                {"pk": "id"}),
    "counts": ({"id": int, "article_id": int, "sentence_id": int, "report_id": int,
                "country": str, "count": int, "status": str, "date": str, "start": int,
                "end": int}, {"pk": "id"}),
    "mentions": ({"id": int, "article_id": int, "sentence_id": int, "code": str, "start": int,
                  "end": int, "form": str, "how": str}, {"pk": "id"}),
    "people": ({"id": int, "article_id": int, "name": str, "aliases": str, "roles": str},
               {"pk": "id"}),
    "total_checks": ({"id": int, "article_id": int, "sentence_id": int, "stated": int,
                      "breakdown_sum": int, "match": int}, {"pk": "id"}),
    "events": ({"id": int, "date": str, "precision": str, "kind": str, "count": int,
                "bound": str, "count_conflict": str, "people": str, "sources": int,
                "articles": int}, {"pk": "id"}),
    "event_reports": ({"event_id": int, "report_id": int, "role": str},
                      {"pk": ("event_id", "report_id")}),
    "event_countries": ({"event_id": int, "country": str, "count": int},
                        {"pk": ("event_id", "country")}),
    # USER data, not derived: an analyst's decisions, keyed by article hash and span (not row
    # ids), kept by every import and carried over by a rebuild (app.store.corrections)
    "corrections": ({"id": int, "action": str, "key": str, "value": str, "before": str,
                     "slot": str, "who": str, "at": str}, {"pk": "id"}),
    # derived: what each correction changed on this derivation (and the machine's value), or
    # that it found no fact (orphaned); rewritten whenever the corrections are applied
    "correction_marks": ({"correction_id": int, "target": str, "target_id": int, "field": str,
                          "original": str, "value": str, "status": str}, {}),
}

_FOREIGN = {
    "sentences": [("article_id", "articles", "id")],
    "quotes": [("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    "reports": [("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    "counts": [("article_id", "articles", "id"), ("sentence_id", "sentences", "id"),
               ("report_id", "reports", "id")],
    "mentions": [("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    "people": [("article_id", "articles", "id")],
    "total_checks": [("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    "event_reports": [("event_id", "events", "id"), ("report_id", "reports", "id")],
    "event_countries": [("event_id", "events", "id")],
}

_INDEXES = [
    ("articles", ["path"], True), ("articles", ["file"], False), ("articles", ["date"], False),
    ("sentences", ["article_id", "idx"], True),
    ("quotes", ["article_id"], False), ("reports", ["article_id"], False),
    ("reports", ["date"], False), ("counts", ["article_id"], False),
    ("counts", ["country"], False), ("mentions", ["article_id"], False),
    ("mentions", ["code", "article_id"], False), ("people", ["article_id"], False),
    ("total_checks", ["article_id"], False), ("events", ["date"], False),
    ("event_reports", ["report_id"], False), ("event_countries", ["country", "event_id"], False),
    ("articles", ["hash"], False), ("correction_marks", ["target", "target_id"], False),
]

# Read-side tables and indexes for fast search, facet and timeline; rebuilt with the events by
# app.store.events.refresh_read_tables (no foreign keys: they are replaced whole, not row by row).
_READ_SIDE = [
    # a quote belongs to a country when its article names it or reports its people freed
    "CREATE TABLE [article_countries] ([code] TEXT NOT NULL, [article_id] INTEGER NOT NULL, "
    "PRIMARY KEY ([code], [article_id])) WITHOUT ROWID",
    # the country facet with no filters, and each country's number of timeline events
    "CREATE TABLE [country_totals] ([code] TEXT PRIMARY KEY, [name] TEXT, [count] INTEGER, "
    "[events] INTEGER, [articles] INTEGER, [timeline_events] INTEGER)",
    # the quote index's words and how many quotes hold each: a word being typed becomes its most
    # frequent completions (an FTS5 prefix query would merge the lists of all of them)
    "CREATE TABLE [search_vocab] ([term] TEXT PRIMARY KEY, [docs] INTEGER) WITHOUT ROWID",
    # the timeline's order (undated last), walked a page at a time; and the same per country
    "CREATE INDEX [events_order] ON [events] ([date] IS NULL, [date], [id])",
    "CREATE TABLE [country_timeline] ([country] TEXT NOT NULL, [undated] INTEGER NOT NULL, "
    "[date] TEXT, [event_id] INTEGER NOT NULL, "
    "PRIMARY KEY ([country], [undated], [date], [event_id])) WITHOUT ROWID",
]

# Rows of an article go with it: deleting an article row deletes its facts.
_CASCADE = {"sentences", "quotes", "reports", "counts", "mentions", "people", "total_checks",
            "event_reports", "event_countries"}


def _create(db: "sqlite_utils.Database") -> None:
    with db.atomic():
        for name, (columns, options) in _TABLES.items():
            fks = _FOREIGN.get(name, [])
            if name in _CASCADE:
                # sqlite-utils cannot declare ON DELETE CASCADE, so write these tables' SQL
                db.execute(_create_sql(name, columns, options["pk"], fks))
            else:
                db[name].create(columns, pk=options.get("pk"), foreign_keys=fks)
        for table, cols, unique in _INDEXES:
            db[table].create_index(cols, unique=unique, if_not_exists=True)
        for sql in _READ_SIDE:
            db.execute(sql)
        db["quotes"].enable_fts(["text", "lemmas"], create_triggers=True,
                                tokenize="unicode61 remove_diacritics 0")
        db["meta"].insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)},
                               {"key": "events_dirty", "value": "0"}], replace=True)


def _create_sql(name: str, columns: dict, pk, fks) -> str:
    types = {int: "INTEGER", str: "TEXT", float: "REAL"}
    parts = [f"[{c}] {types[t]}" + (" PRIMARY KEY" if pk == c else "") for c, t in columns.items()]
    if isinstance(pk, tuple):
        parts.append("PRIMARY KEY (" + ", ".join(f"[{c}]" for c in pk) + ")")
    for col, other, other_col in fks:
        parts.append(f"FOREIGN KEY([{col}]) REFERENCES [{other}]([{other_col}]) ON DELETE CASCADE")
    return f"CREATE TABLE [{name}] (\n  " + ",\n  ".join(parts) + "\n)"


def connect(path: Path | str, *, readonly: bool = False, create: bool = False) -> sqlite3.Connection:
    """A checked connection to a pardons database (made, with `create`, when the file is new);
    StoreError with a way out for anything else."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(f"no database at {path}: run `pardons import` to build it")
    # WAL needs its -wal and -shm files beside the database: a read-only directory cannot hold them
    writable_dir = os.access(path.parent if str(path.parent) else ".", os.W_OK)
    if not readonly and not writable_dir:
        raise StoreError(f"cannot write {path}: its directory is read-only; make it writable, "
                         f"or choose another place with --db")
    try:
        if readonly:
            # in a read-only directory nothing can change the file: read it as immutable
            mode = "ro" if writable_dir else "ro&immutable=1"
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True,
                                   check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = wal")
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, and consistent always
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path} is not a usable SQLite database ({e}); {REBUILD_HINT}") from None
    if not tables and not readonly:
        import sqlite_utils

        _create(sqlite_utils.Database(conn))
        return conn
    if "meta" not in tables or "articles" not in tables:
        conn.close()
        raise StoreError(f"{path} is an SQLite database, but not a pardons one; "
                         f"use another --db, or {REBUILD_HINT} (it replaces the file)")
    version = get_meta(conn, "schema_version")
    if version is None or not version.isdigit() or int(version) > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path} has schema version {version}, newer than this pardons "
                         f"understands ({SCHEMA_VERSION}); upgrade pardons, or {REBUILD_HINT}")
    if int(version) < SCHEMA_VERSION:
        conn.close()
        raise OldSchemaError(f"{path} has an older schema ({version}); {REBUILD_HINT}")
    return conn


def open_db(path: Path | str, *, readonly: bool = False, create: bool = False) -> "sqlite_utils.Database":
    """`connect`, wrapped in sqlite-utils for the importer and the merge step."""
    import sqlite_utils

    return sqlite_utils.Database(connect(path, readonly=readonly, create=create))


def get_meta(db, key: str) -> str | None:
    row = db.execute("select value from meta where key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(db, key: str, value: str) -> None:
    db.execute("insert or replace into meta(key, value) values (?, ?)", [key, value])
