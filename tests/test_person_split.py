"""Correction `distinct`: one name is two people. In the articles chosen, the name's mentions
become another person (in the people list, the quotes' speakers, the events' people); the other
articles keep the name. Kept through every import, orphaned when its article or the name is
gone, shared by export and import, undone."""
from __future__ import annotations

import json
from pathlib import Path


from app.cli import main
from app.store import queries
from app.store.importer import run_import
from app.store.schema import open_db, set_meta
from corrections_fixture import build, read, state

# the corpus names her in three articles: 02 and 06 (people of their reports, a speaker), and
# 04 of the clusters (a speaker); him in 06 and 10, two reports of one event
HER, HIM = "Светлана Тихановская", "Сергей Тихановский"


def _run(db_path: Path, *args) -> None:
    assert main(["--db", str(db_path), *args]) == 0


def _json(db_path: Path, capsys, *args):
    capsys.readouterr()
    _run(db_path, *args, "--json")
    return json.loads(capsys.readouterr().out)


def split_both(db_path: Path) -> None:
    _run(db_path, "correct", "--by", "ana", "distinct", HER, "--article", "06_tihanovsky")
    _run(db_path, "correct", "distinct", HIM, "--article", "10_bolee_sta", "--as",
         "Сергей Тихановский-младший")


def speakers(db_path: Path) -> dict[str, set[str]]:
    """Article file name → the speakers of its quotes that are one of the two names."""
    conn = read(db_path)
    try:
        out: dict[str, set[str]] = {}
        for path, speaker in conn.execute("select a.path, q.speaker from quotes q join articles "
                                          "a on a.id = q.article_id where q.speaker like "
                                          "'%Тихановск%'"):
            out.setdefault(Path(path).name[:12], set()).add(speaker)
        return out
    finally:
        conn.close()


def check_split(db_path: Path, capsys) -> None:
    """The two splits of `split_both` are in effect, in their articles only."""
    assert speakers(db_path) == {"02_troe_osvo": {HER}, "06_tihanovsk": {f"{HER} (2)"},
                                 "04_pomiloval": {HER}}
    people = {p["name"]: p for p in _json(db_path, capsys, "people")}
    assert people[f"{HER} (2)"]["articles"] == 1 and people[f"{HER} (2)"]["aliases"] == []
    assert people[HIM]["articles"] == 1 and people["Сергей Тихановский-младший"]["articles"] == 1
    timeline = _json(db_path, capsys, "timeline")
    june = next(e for e in timeline if e["kind"] == "release"
                and any("06_tihanovsky" in s["path"] for s in e["sources"]))
    # she was named by 06 only: renamed; he by 06 and 10: the event holds both people
    assert f"{HER} (2)" in june["people"] and HER not in june["people"]
    assert {HIM, "Сергей Тихановский-младший"} <= set(june["people"])
    assert june["corrected"] is True and HER in june["original"]["people"]
    other = [e for e in timeline if HER in e["people"]]  # 02's event keeps her name
    assert other and all(f"{HER} (2)" not in e["people"] for e in other)
    # the new person is a person of the filters
    mine = _json(db_path, capsys, "timeline", "--person", f"{HER} (2)")
    assert [e["date"] for e in mine] == ["2025-06-21"]


def test_the_split_applies_to_the_chosen_articles_only(corpus, capsys):
    db_path, _ = corpus
    before = {p["name"]: p for p in _json(db_path, capsys, "people")}
    assert before[HIM]["articles"] == 2 and f"{HER} (2)" not in before
    split_both(db_path)
    check_split(db_path, capsys)
    listed = _json(db_path, capsys, "corrections", "list")
    assert [(c["action"], c["status"], c["who"]) for c in listed][0] == ("distinct", "applied",
                                                                         "ana")
    assert listed[0]["key"]["path"].endswith("06_tihanovsky_na_svobode.txt")
    assert listed[0]["value"] == {"as": f"{HER} (2)"}


def test_refused_when_the_article_does_not_name_it(corpus, capsys):
    db_path, _ = corpus
    for args in (("Нет Такого", "--article", "06_tihanovsky"),  # not named there
                 (HER, "--article", "no-such-article"),
                 (HER, "--article", "0"),  # a part of many paths
                 (HER, "--article", "06_tihanovsky", "--as", HER)):  # the same person's name
        assert main(["--db", str(db_path), "correct", "distinct", *args]) != 0
    assert _json(db_path, capsys, "corrections", "list") == []


def test_kept_by_reimport_a_newer_extractor_and_rebuild(corpus, capsys):
    db_path, dirs = corpus
    split_both(db_path)
    seen = state(db_path)
    run_import(db_path, dirs, jobs=1)
    assert state(db_path) == seen
    db = open_db(db_path)
    set_meta(db, "extractor_version", "0-older")
    db.execute("update articles set extractor_version = '0-older'")
    db.conn.close()
    assert len(run_import(db_path, dirs, jobs=1).imported) == 26
    assert state(db_path) == seen
    run_import(db_path, dirs, rebuild=True, jobs=1)
    assert state(db_path) == seen
    check_split(db_path, capsys)


def test_orphaned_when_the_name_or_the_article_is_gone(tmp_path, capsys):
    db_path, dirs = build(tmp_path)
    split_both(db_path)
    f = dirs[0] / "10_bolee_sta_politzaklyuchennyh.txt"
    text = f.read_text(encoding="utf-8")
    f.write_text(" 2025-06-22 Заметка снята редакцией\n\nТекст заметки удален.\n",
                 encoding="utf-8")
    run_import(db_path, dirs, jobs=1)
    statuses = [(c["action"], c["status"]) for c in _json(db_path, capsys, "corrections", "list")]
    assert statuses == [("distinct", "applied"), ("distinct", "orphaned")]
    people = {p["name"] for p in _json(db_path, capsys, "people")}
    assert "Сергей Тихановский-младший" not in people
    # the file comes back, changed (another hash, the name still in it): found by its path
    f.write_text(text + "\n\nРедакция дополнила материал.\n", encoding="utf-8")
    assert run_import(db_path, dirs, jobs=1).imported == [str(f)]
    check_split(db_path, capsys)
    # the article's file is deleted, and pruned from the database: orphaned, kept
    (dirs[0] / "06_tihanovsky_na_svobode.txt").unlink()
    run_import(db_path, dirs, prune=True, jobs=1)
    listed = _json(db_path, capsys, "corrections", "list")
    assert [c["status"] for c in listed] == ["orphaned", "applied"]
    capsys.readouterr()
    _run(db_path, "corrections", "list")
    assert "2 corrections, 1 orphaned" in capsys.readouterr().out
    assert speakers(db_path)["02_troe_osvo"] == {HER}


def test_export_import_round_trip_and_undo(corpus, tmp_path, capsys):
    db_path, dirs = corpus
    split_both(db_path)
    exported = tmp_path / "fixes.json"
    _run(db_path, "corrections", "export", str(exported))
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [c["action"] for c in data["corrections"]] == ["distinct", "distinct"]
    fresh = tmp_path / "fresh.db"
    run_import(fresh, dirs, jobs=1)
    untouched = state(fresh)
    assert untouched != state(db_path)
    assert _json(fresh, capsys, "corrections", "import", str(exported))["added"] == 2
    assert state(fresh) == state(db_path)
    again = _json(fresh, capsys, "corrections", "import", str(exported))
    assert (again["added"], again["already"], again["conflicts"]) == (0, 2, [])
    # the same name and article, another person's name: a conflict, not applied
    theirs = json.loads(json.dumps(data))
    theirs["corrections"] = theirs["corrections"][:1]
    theirs["corrections"][0]["value"] = {"as": "Светлана Другая"}
    clash = tmp_path / "theirs.json"
    clash.write_text(json.dumps(theirs, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", str(fresh), "corrections", "import", str(clash)]) == 1
    assert state(fresh) == state(db_path)
    # undo, newest first: back to the machine's names
    capsys.readouterr()
    _run(fresh, "correct", "undo")
    assert "Тихановский-младший" in capsys.readouterr().out
    people = {p["name"] for p in _json(fresh, capsys, "people")}
    assert "Сергей Тихановский-младший" not in people and f"{HER} (2)" in people
    _run(fresh, "correct", "undo")
    assert state(fresh) == untouched
    conn = read(fresh)
    try:
        assert not conn.execute("select 1 from correction_marks").fetchone()
        assert queries.people_index(conn)[0].name == HIM
    finally:
        conn.close()


def test_a_mark_in_parentheses_is_another_person():
    from app.names import name_key

    assert name_key(f"{HER} (2)") != name_key(HER)
    assert name_key(f"{HER} (2)") == name_key("Svetlana Tikhanovskaya (2)")
    assert name_key(f"{HER} ( 2 )") == name_key(f"{HER} (2)")
    assert name_key("(2)") == ""


def test_the_people_screen_key_d_splits_a_name(corpus):
    import asyncio

    from app.tui.app import PardonsApp
    from app.tui.screens.forms import DistinctForm
    from app.tui.screens.people import PeopleScreen
    from fixture_db import wait_for_workers

    db_path, _ = corpus

    async def settle(pilot) -> None:
        for _ in range(4):
            await wait_for_workers(pilot.app)
            await pilot.pause()

    async def run() -> None:
        app = PardonsApp(db_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            assert isinstance(app.screen, PeopleScreen)
            table = app.screen.query_one("PeopleTable")
            assert table.current().name == HIM  # most events first
            await pilot.press("d")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, DistinctForm)
            assert [p.rsplit("/", 1)[-1][:12] for p, _ in form.articles] == ["06_tihanovsk",
                                                                             "10_bolee_sta"]
            assert form.query_one("#distinct-as").value == f"{HIM} (2)"
            await pilot.press("enter")  # no article chosen: said, not saved
            await pilot.pause()
            assert isinstance(app.screen, DistinctForm)
            assert "which article" in str(form.query_one("#form-error").render())
            await pilot.press("2", "enter")
            await settle(pilot)
            assert isinstance(app.screen, PeopleScreen)
            names = {p.name: p.articles for p in app.screen.query_one("PeopleTable").people}
            assert names[HIM] == 1 and names[f"{HIM} (2)"] == 1
        conn = read(db_path)
        try:
            (key, value), = conn.execute("select key, value from corrections").fetchall()
        finally:
            conn.close()
        assert json.loads(key)["path"].endswith("10_bolee_sta_politzaklyuchennyh.txt")
        assert json.loads(value) == {"as": f"{HIM} (2)"}

    asyncio.run(run())
