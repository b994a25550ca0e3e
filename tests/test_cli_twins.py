"""`pardons search|countries|timeline`: the CLI twins of the app's panes, on a fixed database."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from app.render import print_quotes
from app.store.queries import QuoteHit
from fixture_db import build_fixture_db


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("cli") / "fixture.db")


def run(capsys, db_path, *argv):
    code = main(["--db", str(db_path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_countries_json(capsys, db_path):
    code, out, _ = run(capsys, db_path, "countries", "--json")
    rows = json.loads(out)
    assert code == 0
    assert rows[0] == {"code": "PL", "name": "Польша", "count": 7, "events": 2, "articles": 3}
    assert [r["code"] for r in rows] == ["PL", "LT", "US", "BY"]


def test_countries_table(capsys, db_path):
    code, out, _ = run(capsys, db_path, "countries")
    assert code == 0
    assert "Польша" in out and "PL" in out and "█" in out


@pytest.mark.parametrize("country", ["LT", "lt", "Литва", "ЛИТВА", "Lithuania"])
def test_timeline_country_in_any_spelling(capsys, db_path, country):
    code, out, _ = run(capsys, db_path, "timeline", "--country", country, "--json")
    events = json.loads(out)
    assert code == 0
    assert [(e["date"], e["kind"], e["count"]) for e in events] == [("2025-09-11", "pardon", 52)]
    assert events[0]["countries"] == {"LT": 6, "PL": 2}
    assert len(events[0]["sources"]) == 2


def test_timeline_text(capsys, db_path):
    code, out, _ = run(capsys, db_path, "timeline")
    assert code == 0
    assert "2024-07" in out and "обмен" in out and "[2 sources]" in out


def test_search_json_with_filters(capsys, db_path):
    code, out, _ = run(capsys, db_path, "search", "литовец", "--country", "lithuania", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2
    first = hits[0]
    assert first["text"][slice(*first["highlights"][0])] == "литовцев"
    code, out, _ = run(capsys, db_path, "search", "литовец", "--speaker", "берзина", "--json")
    assert [h["speaker"] for h in json.loads(out)] == ["Анна Берзина"]
    code, out, _ = run(capsys, db_path, "search", "литовец", "--limit", "1", "--json")
    assert len(json.loads(out)) == 1


@pytest.mark.parametrize("query", ['"', "(", "*", "NEAR(", "😀", "x" * 10_000])
def test_search_odd_input(capsys, db_path, query):
    code, out, _ = run(capsys, db_path, "search", query, "--json")
    assert code == 0 and isinstance(json.loads(out), list)


def test_unknown_country_is_a_usage_error(capsys, db_path):
    code, _, err = run(capsys, db_path, "timeline", "--country", "Нарния-на-Луне")
    assert code == 2 and "unknown country" in err


def test_missing_database(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "none.db", "countries")
    assert code == 2 and "no database" in err


def test_article_text_is_never_markup(capsys):
    hit = QuoteHit(1, "[bold red]не разметка[/bold red] и [link=x]", "[i]Кто[/i]", "2025-01-01",
                   "[b]заголовок", "p.txt", 1, 0, 10, "", 0, 0, [(11, 20)])
    print_quotes([hit], "[")
    out = capsys.readouterr().out
    assert "[bold red]не разметка[/bold red] и [link=x]" in out
    assert "[i]Кто[/i]" in out and "[b]заголовок" in out


@pytest.mark.parametrize("seeds", [False, True])
def test_app_on_a_corrupt_database_says_so_before_the_screen(tmp_path, monkeypatch, capsys, seeds):
    import app.tui.app

    monkeypatch.chdir(tmp_path)
    if seeds:  # with seeds/ beside it, the database is checked before any refresh from them
        (tmp_path / "seeds").mkdir()
        (tmp_path / "seeds" / "a.txt").write_text("Текст.", encoding="utf-8")
    db = tmp_path / "data.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    monkeypatch.setattr(app.tui.app, "run_app", lambda _: pytest.fail("the screen opened"))
    code, out, err = run(capsys, db)
    assert code == 2 and "pardons import --rebuild" in err and "Traceback" not in err
    assert db.read_bytes().startswith(b"SQLite format 3\x00" + bytes(range(256)))  # untouched


def test_timeline_json_holds_every_event_in_date_order(capsys, db_path):
    code, out, _ = run(capsys, db_path, "timeline", "--json")
    events = json.loads(out)
    assert code == 0 and [e["date"] for e in events] == ["2024-07", "2025-06-21", "2025-09-11",
                                                         "2025-09-11"]
    # the id is what `pardons correct` takes; "corrected"/"confirmed" appear only when a person
    # edited or checked the event (tests/test_corrections.py)
    assert set(events[0]) == {"id", "date", "precision", "kind", "count", "bound", "countries",
                              "people", "sources"}
    assert set(events[0]["sources"][0]) == {"path", "date", "title", "sentence", "url"}


def test_json_escapes_c1_controls(capsys, monkeypatch):
    from app import cli

    cli._print_json({"t": "a\x9b2Jb\x7fc\x1bd"})
    out = capsys.readouterr().out
    assert json.loads(out) == {"t": "a\x9b2Jb\x7fc\x1bd"}
    assert "\\u009b" in out and "\\u007f" in out and "\\u001b" in out and "\x9b" not in out
