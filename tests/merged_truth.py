"""Comparing the merged events of a database with an events.json of merged truth
(the format of tests/corpus/clusters/events.json)."""
from __future__ import annotations

import random
from pathlib import Path

from app.store import importer
from app.store.events import list_events

RELEASE = ("release", "pardon", "deport", "exchange")


def _norm(s: str) -> str:
    return " ".join(s.split())


def expected(truth: dict) -> list:
    return sorted((e["date"], e["kind"], e["count"], e.get("bound"), e["countries"],
                   sorted((s["file"], _norm(s["sentence"])) for s in e["reports"]))
                  for e in truth["events"])


def found(db) -> list:
    return sorted((e["date"], e["kind"], e["count"], e["bound"], e["countries"],
                   sorted((Path(s["file"]).name, _norm(s["sentence"])) for s in e["sources"]))
                  for e in list_events(db) if e["kind"] in RELEASE)


def country_totals(db) -> dict[str, int]:
    """Per country, summed over events (each counted once), by SQL as the app's facet would."""
    rows = db.execute("select c.country, sum(c.count) from event_countries c join events e "
                      "on e.id = c.event_id where c.count is not null and e.kind in "
                      "('release', 'pardon', 'deport', 'exchange') group by c.country "
                      "order by c.country")
    return dict(rows.fetchall())


def import_in_order(db_path: Path, articles: list[Path], seed: int | None) -> None:
    """All at once (seed None), or one article at a time in a shuffled order: the incremental
    merge must give the same events."""
    if seed is None:
        importer.run_import(db_path, articles, jobs=1)
        return
    order = list(articles)
    random.Random(seed).shuffle(order)
    for path in order:
        importer.run_import(db_path, [path], jobs=1)
