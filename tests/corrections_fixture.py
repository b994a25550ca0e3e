"""A database of the shared test corpus (copied to a temporary folder, so a test may change its
files) for the corrections' tests, and helpers that find what to correct by its facts, not
by row ids (the merge may number events differently)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.store import queries
from app.store.importer import run_import
from app.store.schema import connect

CORPUS = Path(__file__).parent / "corpus"


def corpus_copy(root: Path) -> list[Path]:
    """The corpus articles (the 14 single ones and the 12 of clusters), copied under `root`."""
    dirs = []
    for src, name in ((CORPUS / "articles", "articles"),
                      (CORPUS / "clusters" / "articles", "clusters")):
        dst = root / name
        shutil.copytree(src, dst)
        dirs.append(dst)
    return dirs


def build(root: Path) -> tuple[Path, list[Path]]:
    dirs = corpus_copy(root)
    db = root / "corpus.db"
    summary = run_import(db, dirs, jobs=1)
    assert not summary.failed and len(summary.imported) == 26
    return db, dirs


def clone(template: tuple[Path, list[Path]], root: Path) -> tuple[Path, list[Path]]:
    """A copy of a built database and its article folders (same paths relative to the copy's
    root would differ, so the database keeps pointing at the template's files: tests that change
    files build their own)."""
    db, dirs = template
    dst = root / "corpus.db"
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(db, dst)
    return dst, dirs


def read(db_path: Path):
    return connect(db_path, readonly=True)


def events(db_path: Path) -> list[queries.EventRow]:
    conn = read(db_path)
    try:
        return queries.all_events(conn)
    finally:
        conn.close()


def state(db_path: Path) -> dict:
    """What a person sees: the timeline (without row ids), the country totals, the quotes with
    their speakers, the corrections with their status."""
    conn = read(db_path)
    try:
        timeline = []
        for e in queries.all_events(conn):
            d = e.as_dict()
            d.pop("id")
            timeline.append(d)
        # events of one day come in id order, and a derivation may number them otherwise
        timeline.sort(key=lambda d: (d["date"] is None, d["date"] or "",
                                     json.dumps(d, ensure_ascii=False, sort_keys=True)))
        return {"timeline": timeline,
                "countries": [r.as_dict() for r in queries.country_facet(conn)],
                "confirmed": [r.as_dict() for r in queries.country_facet(conn, confirmed=True)],
                "quotes": sorted(conn.execute("select a.path, q.start, q.text, q.speaker from "
                                              "quotes q join articles a on a.id = q.article_id"
                                              ).fetchall()),
                "corrections": [(c.action, c.status) for c in queries.corrections(conn)]}
    finally:
        conn.close()


def multi_source_event(db_path: Path) -> queries.EventRow:
    """A release event told by two or more articles, of a known date."""
    return next(e for e in events(db_path) if len(e.sources) >= 2 and e.date
                and e.kind in queries.RELEASE_KINDS)


def single_source_events(db_path: Path) -> list[queries.EventRow]:
    return [e for e in events(db_path) if len(e.sources) == 1 and e.count
            and e.kind in queries.RELEASE_KINDS]


def event_with_count(db_path: Path, count: int, date_prefix: str = "") -> queries.EventRow:
    return next(e for e in events(db_path) if e.count == count
                and (e.date or "").startswith(date_prefix))


def quote_without_speaker(db_path: Path) -> int:
    conn = read(db_path)
    try:
        return conn.execute("select id from quotes where speaker is null order by id").fetchone()[0]
    finally:
        conn.close()
