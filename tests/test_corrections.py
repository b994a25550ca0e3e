"""Corrections: made, shown with their provenance, kept and re-applied by every kind of import,
listed when their fact is gone, shared by export and import, undone; and never half-written."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


from app.cli import main
from app.store import corrections as C
from app.store import queries
from app.store.importer import ensure_fresh, run_import
from app.store.schema import open_db, set_meta
from corrections_fixture import (build, event_with_count, events, quote_without_speaker,
                                 read, state)

ROOT = Path(__file__).resolve().parents[1]


def correct_everything(db_path: Path) -> dict:
    """One correction of every kind, on facts found by what they say; what each one targets."""
    db = open_db(db_path)
    try:
        pardon18 = event_with_count(db_path, 18, "2024-07")
        C.make(db, "edit", event=pardon18.id, value={"count": 19, "countries": {"BY": 19}},
               who="ana")
        C.make(db, "confirm", event=event_with_count(db_path, 123).id, who="ana")
        C.make(db, "reject", event=event_with_count(db_path, 32).id, who="ana")
        undated = next(e for e in events(db_path) if e.date is None)
        C.make(db, "merge", event=undated.id, other=event_with_count(db_path, 52, "2025-09").id,
               who="ben")
        june = event_with_count(db_path, 14, "2025-06")
        C.make(db, "split", report=C.source_report(db, june.id, "10_bolee_sta"), who="ben")
        quote = quote_without_speaker(db_path)
        C.make(db, "speaker", quote=quote, value="Тестовый Спикер", who="ben")
        spoken = db.execute("select id, speaker from quotes where speaker is not null "
                            "order by id").fetchall()
        C.make(db, "not_quote", quote=spoken[0][0], who="ben")
        alias_from = spoken[1][1]
        C.make(db, "alias", name=alias_from, value="Один Человек", who="ben")
    finally:
        db.conn.close()
    return {"alias_from": alias_from}


def check_corrected(db_path: Path, alias_from: str) -> None:
    """Every correction of `correct_everything` is in effect."""
    evs = events(db_path)
    pardon = next(e for e in evs if (e.date or "").startswith("2024-07-03"))
    assert pardon.count == 19 and pardon.countries.get("BY") == 19
    assert pardon.original == {"count": 18, "countries": {"BY": None}} and pardon.confirmed
    assert next(e for e in evs if e.count == 123).confirmed
    assert not [e for e in evs if e.count == 32]  # not a release: gone from the timeline
    assert not [e for e in evs if e.date is None]  # the undated report joined the 52
    big = next(e for e in evs if e.count == 52 or "count" in e.original and e.original["count"] == 52
               or e.date == "2025-09-11" and e.kind == "release")
    assert any("14_litva" in s.path for s in big.sources) and big.regrouped
    alone = [e for e in evs if len(e.sources) == 1 and "10_bolee_sta" in e.sources[0].path
             and (e.date or "").startswith("2025-06")]
    assert len(alone) == 1 and alone[0].regrouped
    conn = read(db_path)
    try:
        speakers = [s for s, in conn.execute("select speaker from quotes")]
        assert "Тестовый Спикер" in speakers and alias_from not in speakers
        assert "Один Человек" in speakers
        assert all(c.status == "applied" for c in queries.corrections(conn))
    finally:
        conn.close()


def test_provenance_in_json_and_confirmed_totals(corpus, capsys):
    db_path, _ = corpus
    before = {r["code"]: r for r in _cli_json(db_path, "countries", capsys)}
    pardon = event_with_count(db_path, 14, "2024-11")  # a Russian is among its 14
    assert main(["--db", str(db_path), "correct", "--by", "ana", "edit", str(pardon.id),
                 "--count", "15", "--country", "RU=2"]) == 0
    timeline = _cli_json(db_path, "timeline", capsys)
    edited = next(e for e in timeline if e["date"] == "2024-11-20")
    assert edited["count"] == 15 and edited["countries"]["RU"] == 2
    assert edited["corrected"] is True and edited["confirmed"] is True
    assert edited["original"] == {"count": 14, "countries": {"RU": 1}}
    others = [e for e in timeline if e is not edited]
    assert all("corrected" not in e and "original" not in e for e in others)
    after = {r["code"]: r for r in _cli_json(db_path, "countries", capsys)}
    assert after["RU"]["count"] == before["RU"]["count"] + 1 and after["RU"]["corrected"]
    assert "corrected" not in after["LT"] and "corrected" not in before["RU"]
    # only confirmed events: the edited one (an edit is a check) and nothing else
    confirmed = _cli_json(db_path, "countries", capsys, "--confirmed")
    assert [(r["code"], r["count"], r["events"]) for r in confirmed] == [("RU", 2, 1),
                                                                         ("BY", 0, 1)]
    assert main(["--db", str(db_path), "countries"]) == 0
    assert "RU" in capsys.readouterr().out


def _cli_json(db_path, command, capsys, *extra):
    capsys.readouterr()
    assert main(["--db", str(db_path), command, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_quote_speaker_provenance_in_search(corpus, capsys):
    db_path, _ = corpus
    qid = quote_without_speaker(db_path)
    assert main(["--db", str(db_path), "correct", "speaker", str(qid), "Иван Тестов"]) == 0
    hits = _cli_json(db_path, "search", capsys, "", "--speaker", "Тестов")
    assert len(hits) == 1 and hits[0]["speaker"] == "Иван Тестов" and hits[0]["id"] == qid
    assert hits[0]["corrected"] is True and hits[0]["original"] == {"speaker": None}


def test_reimport_of_the_same_files_keeps_every_correction(corpus):
    db_path, dirs = corpus
    made = correct_everything(db_path)
    check_corrected(db_path, made["alias_from"])
    seen = state(db_path)
    run_import(db_path, dirs, jobs=1)
    assert state(db_path) == seen
    # made one by one (each on the events as they were), or all at once on derived events:
    # the same result
    db = open_db(db_path)
    with db.atomic():
        C.reapply(db, full=True)
    db.conn.close()
    assert state(db_path) == seen
    for f in dirs[0].glob("*.txt"):  # touched: read again, same content
        os.utime(f)
    run_import(db_path, dirs, jobs=1)
    assert state(db_path) == seen


def test_a_newer_extractor_and_a_rebuild_keep_every_correction(corpus):
    db_path, dirs = corpus
    made = correct_everything(db_path)
    seen = state(db_path)
    db = open_db(db_path)
    set_meta(db, "extractor_version", "0-older")
    db.execute("update articles set extractor_version = '0-older'")
    db.conn.close()
    summary = run_import(db_path, dirs, jobs=1)
    assert len(summary.imported) == 26  # every article extracted again
    assert state(db_path) == seen
    run_import(db_path, dirs, rebuild=True, jobs=1)
    assert state(db_path) == seen
    check_corrected(db_path, made["alias_from"])


def test_the_seeds_refresh_keeps_corrections(template, tmp_path):
    db_path, dirs = build(tmp_path)
    made = correct_everything(db_path)
    seen = state(db_path)
    changed = dirs[0] / "01_pomilovanie_18_osuzhdennyh.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nЕще один абзац без фактов.\n",
                       encoding="utf-8")
    assert ensure_fresh(db_path, dirs, progress=False) is not None
    now = state(db_path)
    assert now["timeline"] == seen["timeline"] and now["countries"] == seen["countries"]
    check_corrected(db_path, made["alias_from"])


def test_a_changed_file_where_the_fact_still_is(tmp_path):
    db_path, dirs = build(tmp_path)
    made = correct_everything(db_path)
    # a paragraph before the fact: its offsets and the file's hash change, its text does not
    f = dirs[0] / "01_pomilovanie_18_osuzhdennyh.txt"
    head, _, rest = f.read_text(encoding="utf-8").partition("\n\n")
    f.write_text(head + "\n\nРедакция дополнила материал.\n\n" + rest, encoding="utf-8")
    summary = run_import(db_path, dirs, jobs=1)
    assert summary.imported == [str(f)]
    check_corrected(db_path, made["alias_from"])


def test_a_correction_whose_fact_is_gone_is_kept_and_listed(tmp_path, capsys):
    db_path, dirs = build(tmp_path)
    correct_everything(db_path)
    f = dirs[0] / "01_pomilovanie_18_osuzhdennyh.txt"
    f.write_text(" 2024-07-04 Заметка снята редакцией\n\nТекст заметки удален.\n",
                 encoding="utf-8")
    run_import(db_path, dirs, jobs=1)
    conn = read(db_path)
    try:
        fixes = queries.corrections(conn)
    finally:
        conn.close()
    assert len(fixes) == 8  # kept, never dropped
    orphaned = [c for c in fixes if c.status == "orphaned"]
    # the edit of its event (and the quote of it) found nothing: listed, every other applied
    assert "edit" in [c.action for c in orphaned]
    assert all("01_pomilovanie_18" in c.describe for c in orphaned)
    capsys.readouterr()
    assert main(["--db", str(db_path), "corrections", "list"]) == 0
    out = capsys.readouterr().out
    assert f"8 corrections, {len(orphaned)} orphaned" in out
    # the article comes back as it was: the correction applies again
    f.write_text((Path(__file__).parent / "corpus/articles/01_pomilovanie_18_osuzhdennyh.txt")
                 .read_text(encoding="utf-8"), encoding="utf-8")
    run_import(db_path, dirs, jobs=1)
    assert next(e for e in events(db_path) if (e.date or "").startswith("2024-07-03")).count == 19
    assert all(status == "applied" for _, status in state(db_path)["corrections"])


def test_export_then_import_into_a_fresh_database(corpus, tmp_path, capsys):
    db_path, dirs = corpus
    correct_everything(db_path)
    exported = tmp_path / "fixes.json"
    assert main(["--db", str(db_path), "corrections", "export", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["corrections"]) == 8 and data["corrections"][0]["who"] == "ana"
    fresh = tmp_path / "fresh.db"
    run_import(fresh, dirs, jobs=1)
    assert state(fresh)["timeline"] != state(db_path)["timeline"]
    capsys.readouterr()
    assert main(["--db", str(fresh), "corrections", "import", str(exported), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 8
    assert state(fresh) == state(db_path)
    # the same file again changes nothing
    assert main(["--db", str(fresh), "corrections", "import", str(exported), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["added"], result["already"], result["conflicts"]) == (0, 8, [])
    assert state(fresh) == state(db_path)


def test_a_conflicting_correction_is_reported_not_applied(corpus, tmp_path, capsys):
    db_path, _ = corpus
    pardon = event_with_count(db_path, 18, "2024-07")
    db = open_db(db_path)
    C.make(db, "edit", event=pardon.id, value={"count": 19}, who="ana")
    data = C.export(db)
    db.conn.close()
    theirs = json.loads(json.dumps(data))
    theirs["corrections"][0]["value"] = {"count": 25}
    theirs["corrections"][0]["who"] = "ben"
    theirs["corrections"].append({"action": "confirm", "key": data["corrections"][0]["key"],
                                  "value": None, "who": "ben", "at": "2026-01-01T00:00:00+00:00"})
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(theirs, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db_path), "corrections", "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "conflicts 1" in out and "added 1" in out and "by ben" in out and "by ana" in out
    assert event_with_count(db_path, 19, "2024-07").confirmed  # ours kept, theirs added
    assert not [e for e in events(db_path) if e.count == 25]
    # agreeing on the count and adding a date is no conflict: only the date is new
    agree = {"format": theirs["format"], "corrections": [dict(
        theirs["corrections"][0], value={"count": 19, "date": "2024-07-02"})]}
    path.write_text(json.dumps(agree, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db_path), "corrections", "import", str(path)]) == 0
    assert event_with_count(db_path, 19, "2024-07").date == "2024-07-02"
    # a file of something else is refused, and changes nothing
    path.write_text(json.dumps({"corrections": []}), encoding="utf-8")
    assert main(["--db", str(db_path), "corrections", "import", str(path)]) == 2
    assert "not a pardons corrections file" in capsys.readouterr().err


def test_undo_removes_the_last_correction_only(corpus):
    db_path, _ = corpus
    untouched = state(db_path)
    db = open_db(db_path)
    C.make(db, "confirm", event=event_with_count(db_path, 123).id)
    confirmed = state(db_path)
    june = event_with_count(db_path, 14, "2025-06")
    C.make(db, "split", report=C.source_report(db, june.id, "10_bolee_sta"))
    assert state(db_path) != confirmed
    assert C.undo_last(db).action == "split"
    assert state(db_path) == confirmed  # the split source is back in its event
    assert C.undo_last(db).action == "confirm"
    assert state(db_path) == untouched
    assert C.undo_last(db) is None
    db.conn.close()


def test_bad_corrections_are_refused_with_a_reason(corpus, capsys):
    db_path, _ = corpus
    statement = next(e for e in events(db_path) if e.kind == "statement")
    for args, reason in (
            (["edit", "1", "--date", "2025-13-01"], "bad date"),
            (["edit", "1"], "at least one of"),
            (["merge", "1", "1"], "itself"),
            (["merge", "1", str(statement.id)], "not a release"),
            (["confirm", "99999"], "no event 99999"),
            (["edit", "1", "--country", "Atlantis=3"], "unknown country")):
        capsys.readouterr()
        assert main(["--db", str(db_path), "correct", *args]) == 2
        assert reason in capsys.readouterr().err
    conn = read(db_path)
    assert conn.execute("select count(*) from corrections").fetchone()[0] == 0
    conn.close()


def test_review_json_lists_why(corpus, capsys):
    db_path, _ = corpus
    items = _cli_json(db_path, "review", capsys)
    reasons = {r for it in items for r in it["reasons"]}
    assert {"undated", "single source", "weak join", "no speaker"} <= reasons
    undated = next(it for it in items if "undated" in it["reasons"])
    assert items[0] is undated and undated["event"]["date"] is None
    assert all(it["why"] for it in items)
    confirmed = event_with_count(db_path, 18, "2024-07")
    assert any(it.get("event", {}).get("id") == confirmed.id for it in items)
    assert main(["--db", str(db_path), "correct", "confirm", str(confirmed.id)]) == 0
    assert not any(it.get("event", {}).get("id") == confirmed.id
                   for it in _cli_json(db_path, "review", capsys))


# --- kill -9 in the middle of corrections --------------------------------------------------------

WRITER = """
import sys
from app.store import corrections as C
from app.store.schema import open_db
db = open_db(sys.argv[1])
events = [i for i, in db.execute("select id from events where kind in "
                                 "('release', 'pardon', 'deport') order by id")]
print("ready", flush=True)
n = 0
while True:
    eid = db.execute("select id from events where kind in ('release', 'pardon', 'deport') "
                     "order by id limit 1 offset ?", [n % 5]).fetchone()[0]
    C.make(db, "edit", event=eid, value={"count": 1000 + n})
    if n % 3 == 2:
        C.undo_last(db)
    n += 1
    print("made", n, flush=True)
"""


def test_kill_during_corrections_leaves_the_old_or_the_new_state(corpus, tmp_path):
    db_path, _ = corpus
    for round_ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        assert proc.stdout.readline().startswith(b"made")  # then killed in one of the next
        time.sleep(0.05 + 0.11 * round_)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(db_path)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        conn.close()
        seen = state(db_path)
        # consistent: applying the stored corrections afresh changes nothing
        db = open_db(db_path)
        with db.atomic():
            C.reapply(db, full=True)
        db.conn.close()
        assert state(db_path) == seen
        fixes = seen["corrections"]
        assert fixes and all(status == "applied" for _, status in fixes)


def test_merge_candidates_nearest_in_date_first(corpus):
    db_path, _ = corpus
    conn = read(db_path)
    try:
        big = event_with_count(db_path, 52, "2025-09")
        near = queries.merge_candidates(conn, big.id)
        assert big.id not in [e.id for e in near]
        assert all(e.kind in queries.RELEASE_KINDS for e in near)
        assert near[0].date == "2025-10-09"  # 28 days away: the nearest release
        undated = next(e for e in events(db_path) if e.date is None)
        dates = [e.date for e in queries.merge_candidates(conn, undated.id)]
        assert dates == sorted(dates) and len(dates) == len(set(
            e.id for e in events(db_path) if e.kind in queries.RELEASE_KINDS)) - 1
    finally:
        conn.close()


def test_rebuilding_a_damaged_database_keeps_it_for_its_corrections(template, tmp_path):
    _, dirs = template
    db_path = tmp_path / "data.db"
    db_path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 8)
    summary = run_import(db_path, dirs, rebuild=True, jobs=1)
    assert len(summary.imported) == 26
    kept = tmp_path / "data.db.before-rebuild"
    assert kept.read_bytes().startswith(b"SQLite format 3\x00\x00\x01\x02")
    assert any("corrections could not be read" in w and str(kept) in w
               for _, w in summary.warnings)
