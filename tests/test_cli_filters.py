"""`pardons timeline|countries|search --since --until --kind --person`, `pardons people`,
`pardons export`, and `--db` after the command, on the fixed database of hand-made facts."""
from __future__ import annotations

import csv
import io
import json

import pytest

from app.cli import main
from app.export import from_csv
from fixture_db import build_fixture_db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("cli-filters") / "fixture.db")


def run(capsys, db_path, *argv):
    code = main(["--db", str(db_path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, db_path, *argv):
    code, out, err = run(capsys, db_path, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("argv, expected", [
    (["--since", "2025"], ["release", "pardon", "meeting"]),
    (["--until", "2025-06"], ["exchange", "release"]),
    (["--since", "2025-06-22", "--until", "2025-09"], ["pardon", "meeting"]),
    (["--since", "2025-09", "--until", "2025-09"], ["pardon", "meeting"]),
    (["--kind", "pardon"], ["pardon"]),
    (["--kind", "обмен"], ["exchange"]),
    (["--person", "Петр Иванов"], ["release"]),
    (["--person", "иванов"], ["release"]),
    (["--person", "Petr Ivanov"], ["release"]),  # another writing of the same name
    (["--country", "PL", "--since", "2025"], ["pardon"]),
    (["--newest"], ["meeting", "pardon", "release", "exchange"]),
])
def test_timeline_filters(capsys, db_path, argv, expected):
    assert [e["kind"] for e in run_json(capsys, db_path, "timeline", *argv)] == expected


def test_timeline_sources_carry_url(capsys, db_path):
    events = run_json(capsys, db_path, "timeline", "--kind", "exchange")
    assert events[0]["sources"][0] == {"path": "fixture/c_exchange.txt", "date": "2024-07-03",
                                       "title": "Обмен на польской границе", "url": None,
                                       "sentence": events[0]["sources"][0]["sentence"]}


def test_countries_narrow_to_the_filters(capsys, db_path):
    assert [(r["code"], r["count"]) for r in run_json(capsys, db_path, "countries")] == [
        ("PL", 7), ("LT", 6), ("US", 1), ("BY", 0)]
    rows = run_json(capsys, db_path, "countries", "--since", "2025-09", "--until", "2025-09")
    assert [(r["code"], r["count"], r["events"]) for r in rows] == [("LT", 6, 1), ("PL", 2, 1)]
    rows = run_json(capsys, db_path, "countries", "--kind", "exchange")
    assert [(r["code"], r["count"], r["events"], r["articles"]) for r in rows] == [
        ("PL", 5, 1, 1)]
    rows = run_json(capsys, db_path, "countries", "--person", "Петр Иванов")
    assert [(r["code"], r["count"]) for r in rows] == [("US", 1)]


def test_search_filters(capsys, db_path):
    hits = run_json(capsys, db_path, "search", "границ", "--since", "2025")
    assert [h["speaker"] for h in hits] == ["Анна Берзина"]
    hits = run_json(capsys, db_path, "search", "", "--kind", "exchange")
    assert [h["speaker"] for h in hits] == ["Ян Ковальский"]
    hits = run_json(capsys, db_path, "search", "", "--person", "Иванов")
    assert [h["speaker"] for h in hits] == ["Петр Иванов"]


def test_people_json(capsys, db_path):
    people = run_json(capsys, db_path, "people")
    assert people == [{"name": "Петр Иванов", "aliases": [], "events": 1, "articles": 1,
                       "released_with": 14, "first": "2025-06-21", "last": "2025-06-21"}]
    assert run_json(capsys, db_path, "people", "--kind", "pardon") == []


def test_people_table(capsys, db_path):
    code, out, _ = run(capsys, db_path, "people")
    assert code == 0 and "Петр Иванов" in out and "2025-06-21" in out


@pytest.mark.parametrize("argv, message", [
    (["timeline", "--since", "2025-13"], "not a date"),
    (["timeline", "--kind", "party"], "unknown kind"),
    (["countries", "--person", "Nobody Atall"], "no freed person"),
])
def test_bad_filter_values_are_usage_errors(capsys, db_path, argv, message):
    code, _, err = run(capsys, db_path, *argv)
    assert code == 2 and message in err


@pytest.mark.parametrize("command", [["timeline"], ["countries"], ["people"],
                                     ["search", "границ"]])
def test_db_after_the_command(capsys, db_path, command):
    before = main(["--db", str(db_path), *command, "--json"])
    first = capsys.readouterr().out
    after = main([*command, "--db", str(db_path), "--json"])
    second = capsys.readouterr().out
    assert before == after == 0 and first == second and json.loads(first) is not None


def test_db_after_the_command_wins_over_the_environment(capsys, db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("PARDONS_DB", str(tmp_path / "missing.db"))
    assert main(["timeline", "--db", str(db_path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_export_csv_round_trip_equals_the_json(capsys, db_path, tmp_path):
    as_json = tmp_path / "x.json"
    as_csv = tmp_path / "x.csv"
    assert main(["--db", str(db_path), "export", "--format", "json", "--out", str(as_json)]) == 0
    assert main(["export", "--db", str(db_path), "--format", "csv", "--bom",
                 "--out", str(as_csv)]) == 0
    err = capsys.readouterr().err
    assert f"wrote {as_csv} (4 events, 4 countries)" in err
    data = json.loads(as_json.read_text(encoding="utf-8"))
    raw = as_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: spreadsheets read it as UTF-8
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["date"] == "2024-07" and rows[0]["source_date"] == "2024-07-03"  # ISO dates
    back = from_csv(raw.decode("utf-8"))
    assert back == {"timeline": data["timeline"], "countries": data["countries"]}
    assert [e["kind"] for e in back["timeline"]] == ["exchange", "release", "pardon", "meeting"]
    assert len(back["timeline"][2]["sources"]) == 2


def test_export_follows_the_filters(capsys, db_path):
    code, out, _ = run(capsys, db_path, "export", "--format", "json", "--country", "LT")
    data = json.loads(out)
    assert code == 0 and data["filters"]["country"] == "LT"
    assert [e["kind"] for e in data["timeline"]] == ["pardon"]
    code, out, _ = run(capsys, db_path, "export", "--format", "md", "--kind", "exchange")
    assert "| 2024-07 | exchange | 5 | PL 5 |" in out and "| Польша | PL | 5 | 1 | 1 |" in out
    assert "Filters: kind exchange" in out


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from pathlib import Path

    from app.store.importer import run_import

    root = Path(__file__).parent / "corpus"
    db = tmp_path_factory.mktemp("cli-people") / "corpus.db"
    run_import(db, [root / "articles", root / "clusters" / "articles"], jobs=1)
    return db


def test_people_of_the_corpus_are_the_freed_not_the_officials(capsys, corpus_db):
    names = {p["name"] for p in run_json(capsys, corpus_db, "people")}
    # named in reports of releases as the ones freed
    assert {"Сергей Тихановский", "Мария Колесникова", "Алесь Беляцкий",
            "Mikalai Statkevich"} <= names
    # named in the same reports as the one who pardons, the envoy, the spokeswoman, the
    # president who receives them: in Russian, Ukrainian or English, none is a freed person
    assert not {"Александр Лукашенко", "Олександр Лукашенко", "Гитанас Науседа", "Джон Коул",
                "Наталья Эйсмонт"} & names
    events = run_json(capsys, corpus_db, "timeline", "--person", "Колесникова")
    assert [(e["date"], e["count"]) for e in events] == [("2025-12-13", 123)]


def test_export_csv_keeps_formulas_out_and_round_trips():
    from app.export import render
    from app.filters import Filters

    data = {"filters": Filters().as_dict(), "countries": [],
            "timeline": [{"event": 1, "date": "2025-09-11", "kind": "pardon", "count": 2,
                          "bound": None, "countries": {"LT": 2}, "people": ["=cmd|' /C calc'!A0"],
                          "sources": [{"date": "2025-09-12", "title": "@SUM(1+1)",
                                       "path": "a.txt", "url": "-x"}]}]}
    text = render(data, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["source_title"] == "'@SUM(1+1)" and rows[0]["people"].startswith("'=")
    assert from_csv(text) == {"timeline": data["timeline"], "countries": []}
