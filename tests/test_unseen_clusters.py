"""Reports the merge was not written against (tests/unseen_clusters): three releases, each told
by several outlets over several days, through the real extractor and the store.

The new case is the next-day report with no date words: the extractor dates it by the article
(one day late) and marks the day inferred; it must join the event of the day before, across a
new year too, while a look-alike two days later (same count, other countries) stays apart.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import app.store.importer as importer
from app.store.events import list_events, rebuild_events
from app.store.schema import open_db
from merged_truth import import_in_order, country_totals, expected, found

HERE = Path(__file__).parent / "unseen_clusters"
TRUTH = json.loads((HERE / "events.json").read_text(encoding="utf-8"))


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    folder = tmp_path / "articles"
    shutil.copytree(HERE / "articles", folder)
    return sorted(folder.glob("*.txt"))


def test_the_truth_is_consistent():
    files = {p.name for p in (HERE / "articles").glob("*.txt")}
    reported = [s["file"] for e in TRUTH["events"] for s in e["reports"]]
    assert set(reported) == files and len(files) >= 8
    for e in TRUTH["events"]:
        for s in e["reports"]:
            assert s["sentence"] in (HERE / "articles" / s["file"]).read_text(encoding="utf-8")
    totals: dict[str, int] = {}
    for e in TRUTH["events"]:
        for c, n in e["countries"].items():
            totals[c] = totals.get(c, 0) + n
    assert totals == TRUTH["country_totals"]


@pytest.mark.parametrize("seed", [None, 1, 2, 3, 4])
def test_importing_the_unseen_clusters_gives_the_merged_truth(articles, tmp_path, seed):
    db_path = tmp_path / "pardons.db"
    import_in_order(db_path, articles, seed)
    db = open_db(db_path, readonly=True)
    assert found(db) == expected(TRUTH)
    assert country_totals(db) == TRUTH["country_totals"]
    # the next-day reports with no date words were stored as inferred, and still joined
    inferred = {Path(p).name for (p,) in db.execute(
        "select a.path from reports r join articles a on a.id = r.article_id "
        "where r.date_inferred = 1")}
    assert {"03_pomiloval_23_osuzhdennyh.txt", "06_peredali_latvii_chetveryh.txt",
            "09_svyshe_30_pomilovannyh.txt"} <= inferred
    before = list_events(db)
    db.conn.close()
    db = open_db(db_path)
    with db.atomic():
        rebuild_events(db, full=True)
    assert list_events(db) == before  # the incremental way gave the full result


def test_the_new_year_report_joins_when_imported_after_the_old_year_is_settled(articles,
                                                                               tmp_path):
    """2025 is merged and stored first; the inferred report of 1 January must reopen it."""
    db_path = tmp_path / "pardons.db"
    late = next(p for p in articles if p.name.startswith("09_"))
    importer.run_import(db_path, [p for p in articles if p != late], jobs=1)
    importer.run_import(db_path, [late], jobs=1)
    db = open_db(db_path, readonly=True)
    [e1] = [e for e in list_events(db) if e["date"] == "2025-12-31"]
    assert [Path(s["file"]).name[:2] for s in e1["sources"]] == ["08", "09", "10"]
    assert e1["countries"] == {"MD": 1, "UA": 2}
    assert found(db) == expected(TRUTH)
    late.unlink()  # and gone again (--prune): the old year's event loses it, nothing else moves
    others = {e["id"]: e["sources"] for e in list_events(db) if e["date"] != "2025-12-31"}
    importer.run_import(db_path, articles[:1], prune=True, jobs=1)
    db = open_db(db_path, readonly=True)
    [e1] = [e for e in list_events(db) if e["date"] == "2025-12-31"]
    assert [Path(s["file"]).name[:2] for s in e1["sources"]] == ["08", "10"]
    assert {e["id"]: e["sources"] for e in list_events(db) if e["date"] != "2025-12-31"} == others
