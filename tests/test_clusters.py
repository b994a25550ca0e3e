"""The cluster set through the store: import the 12 articles, get the 5 events of events.json.

Two extractors feed the importer here: the gold one (the per-article gold facts, placed at their
sentences), which tests the store and the merge whatever the state of extraction, and the real
one, which tests the whole way from text to events.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import app.store.importer as importer
from app.extract.model import Count, Event, Facts
from app.store.events import list_events, rebuild_events
from app.store.schema import open_db
from merged_truth import import_in_order, RELEASE, country_totals, expected, found

CLUSTERS = Path(__file__).parent / "corpus" / "clusters"
TRUTH = json.loads((CLUSTERS / "events.json").read_text(encoding="utf-8"))

# Per-country numbers of an article with two release events: the event they belong to (the
# index in the gold's events), as the gold notes say.
_COUNTS_OF = {"07_pomiloval_eshche_16.txt": {"LV": 0},
              "09_v_chetverg_16_mesyats_nazad_52.txt": {"LT": 1},
              "10_vydvoreny_devyat_inostrantsev.txt": {"UA": 0, "MD": 0, "GE": 0, "KZ": 0, "BY": 1},
              "11_nakanune_bolee_desyati_pomilovannyh.txt": {"UA": 1}}


def gold_extract(article) -> Facts:
    """The gold facts of a cluster article as the extractor would give them."""
    name = Path(article.path).name
    gold = json.loads((CLUSTERS / "gold" / name.replace(".txt", ".json")).read_text("utf-8"))
    release = [i for i, e in enumerate(gold["events"]) if e["kind"] in RELEASE]
    events, counts = [], []
    for i, e in enumerate(gold["events"]):
        start = article.text.index(e["sentence"])
        sentence = article.sentence_at(start)
        events.append(Event(kind=e["kind"], date=e["date"], count=e["count"], sentence=sentence,
                            start=start, end=start + len(e["sentence"]), bound=e.get("bound"),
                            countries=e["countries"]))
        owner = _COUNTS_OF.get(name, {})
        for code, n in gold["counts"].items():
            if owner.get(code, release[0] if len(release) == 1 else None) == i:
                counts.append(Count(country=code, count=n, start=start, end=start + 1,
                                    sentence=sentence, event=i))
    return Facts(events=events, counts=counts)


@pytest.fixture
def articles(tmp_path) -> list[Path]:
    folder = tmp_path / "articles"
    shutil.copytree(CLUSTERS / "articles", folder)
    return sorted(folder.glob("*.txt"))


@pytest.fixture
def gold(monkeypatch):
    monkeypatch.setattr(importer, "extract", gold_extract)


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_importing_the_cluster_set_gives_the_events_of_events_json(gold, articles, tmp_path, seed):
    db_path = tmp_path / "pardons.db"
    import_in_order(db_path, articles, seed)
    db = open_db(db_path, readonly=True)
    assert found(db) == expected(TRUTH)
    assert country_totals(db) == TRUTH["country_totals"]
    assert [e["kind"] for e in list_events(db) if e["kind"] not in RELEASE] == ["sanctions"]
    e2 = next(e for e in list_events(db) if e["count"] == 52)
    assert [(Path(s["file"]).name[:2], s["date"]) for s in e2["sources"]] == [
        ("03", "2025-09-11"), ("04", "2025-09-11"), ("05", "2025-09-12"), ("06", "2025-09-12"),
        ("09", "2025-10-13")]
    assert all(s["title"] for s in e2["sources"])
    # merging everything again changes nothing: the incremental way gave the full result
    before = list_events(db)
    db.conn.close()
    db = open_db(db_path)
    with db.atomic():
        rebuild_events(db, full=True)
    assert list_events(db) == before


def _state(db) -> dict[tuple, tuple[int, int]]:
    """(date, kind, count) → (row id, number of sources) of every event."""
    return {(e["date"], e["kind"], e["count"]): (e["id"], len(e["sources"]))
            for e in list_events(db)}


def _moved(before: dict, after: dict) -> set[tuple]:
    """The events that are new, gone, or rewritten (another row, or other sources)."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


E2 = ("2025-09-11", "release", 52)


def test_one_article_more_or_less_changes_only_its_events(gold, articles, tmp_path):
    db_path = tmp_path / "pardons.db"
    six = next(p for p in articles if p.name.startswith("06_"))
    importer.run_import(db_path, [p for p in articles if p != six], jobs=1)
    before = _state(open_db(db_path, readonly=True))
    assert before[E2][1] == 4
    importer.run_import(db_path, articles, jobs=1)  # one article more: E2 gains a source
    db = open_db(db_path, readonly=True)
    after = _state(db)
    assert found(db) == expected(TRUTH)
    assert _moved(before, after) == {E2} and after[E2][1] == 5

    six.unlink()  # and less again, with --prune: E2 loses it, nothing else moves
    importer.run_import(db_path, articles[:1], prune=True, jobs=1)
    db = open_db(db_path, readonly=True)
    again = _state(db)
    assert _moved(after, again) == {E2} and again[E2][1] == 4
    e2 = next(e for e in list_events(db) if e["count"] == 52)
    assert e2["countries"] == {"FR": 1, "LT": 6, "LV": 2, "PL": 2}


def test_changing_an_article_re_derives_the_events_it_touches(gold, articles, tmp_path):
    db_path = tmp_path / "pardons.db"
    importer.run_import(db_path, articles, jobs=1)
    db = open_db(db_path, readonly=True)
    before = _state(db)
    rows_before = {e["id"]: e["sources"] for e in list_events(db)}
    eight = next(p for p in articles if p.name.startswith("08_"))
    eight.write_text(eight.read_text(encoding="utf-8") + "\nЕще один абзац.\n", encoding="utf-8")
    importer.run_import(db_path, articles, jobs=1)
    db = open_db(db_path, readonly=True)
    assert found(db) == expected(TRUTH)
    # E3 is written anew (its report from 08 is a new row); every other event keeps its row
    report_ids = dict(db.execute("select e.id, group_concat(er.report_id) from events e "
                                 "join event_reports er on er.event_id = e.id group by e.id"))
    kept = {k: v for k, v in _state(db).items() if k != ("2025-10-09", "pardon", 16)}
    assert kept == {k: v for k, v in before.items() if k != ("2025-10-09", "pardon", 16)}
    assert len(report_ids) == len(rows_before)


# -- the real extractor ----------------------------------------------------------------------

def test_the_real_extractor_and_the_merge_give_the_events_of_events_json(articles, tmp_path):
    db_path = tmp_path / "pardons.db"
    importer.run_import(db_path, articles, jobs=1)
    db = open_db(db_path, readonly=True)
    assert found(db) == expected(TRUTH)
    assert country_totals(db) == TRUTH["country_totals"]


# -- the store's side of the merge, on hand-made rows ----------------------------------------

def _report_rows(db, path, date, reports):
    """One article with one sentence per report; `reports` are (report row, counts rows)."""
    aid = db["articles"].insert({"path": path, "file": path, "date": date, "title": path}).last_pk
    for i, (report, counts) in enumerate(reports):
        sid = db["sentences"].insert({"article_id": aid, "idx": i, "paragraph": 0, "start": i,
                                      "end": i + 1, "heading": 0, "text": f"s{i}"}).last_pk
        rid = db["reports"].insert({"article_id": aid, "sentence_id": sid, "idx": i,
                                    "start": i, "countries": "[]", "people": "[]",
                                    "breakdown": "{}", **report}).last_pk
        for row in counts:
            db["counts"].insert({"article_id": aid, "sentence_id": sid, "report_id": rid, **row})


def test_events_take_numbers_from_counts_rows_and_keep_a_count_conflict(tmp_path):
    db = open_db(tmp_path / "p.db", create=True)
    person = json.dumps(["Сергей Тихановский"], ensure_ascii=False)
    with db.atomic():
        _report_rows(db, "/a.txt", "2025-06-21", [(
            {"kind": "release", "date": "2025-06-21", "count": 14, "people": person,
             "countries": '["BY", "US"]'},
            [{"country": "US", "count": 1, "status": "released"},
             {"country": "UA", "count": 60, "status": "held"}])])  # still in prison: no number
        _report_rows(db, "/b.txt", "2025-06-22", [(
            {"kind": "release", "date": "2025-06-21", "count": 16, "people": person,
             "breakdown": '{"LT": 1}'}, [])])
        rebuild_events(db)
    [e] = list_events(db)
    assert (e["count"], e["count_conflict"]) == (14, [14, 16])
    assert e["countries"] == {"LT": 1, "US": 1}
    assert e["named"] == ["BY", "LT", "US"]
    assert [s["path"] for s in e["sources"]] == ["/a.txt", "/b.txt"]


def test_a_part_report_is_marked_and_its_article_is_shown_once(tmp_path):
    from app.store.queries import timeline

    db = open_db(tmp_path / "p.db", create=True)
    with db.atomic():
        _report_rows(db, "/a.txt", "2025-09-11", [(
            {"kind": "release", "date": "2025-09-11", "count": 52}, [])])
        _report_rows(db, "/b.txt", "2025-09-12", [
            ({"kind": "release", "date": "2025-09-11", "count": 52, "breakdown": '{"LT": 6}'}, []),
            # «14 иностранцев, из них шестеро литовцев и двое поляков»: a part of the 52
            ({"kind": "release", "date": "2025-09", "count": 14,
              "breakdown": '{"LT": 6, "PL": 2}'}, [])])
        rebuild_events(db)
    [e] = list_events(db)
    assert e["countries"] == {"LT": 6, "PL": 2}
    assert [(s["path"], s["sentence"], s["role"]) for s in e["sources"]] == [
        ("/a.txt", "s0", "main"), ("/b.txt", "s0", "main")]
    roles = sorted(r for (r,) in db.execute("select role from event_reports"))
    assert roles == ["main", "main", "part"]
    [row] = timeline(db)
    assert [(s.path, s.sentence) for s in row.sources] == [("/a.txt", "s0"), ("/b.txt", "s0")]
