"""Hostile text: article text and search input are data, never markup and never terminal control;
arbitrary search strings never raise; every value reaching SQL is a bound parameter."""
import asyncio
import datetime as dt
import io
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rich.console import Console
from rich.text import Text

from app.cli import main
from app.extract.model import CountryMention, Event, Facts, Person, Quote
from app.reader import build
from app.sanitize import clean, clean_line, is_clean
from app.store import queries
from app.store.importer import derive_events, write_article
from app.store.schema import open_db
from fixture_db import wait_for_workers

MARKUP = ["[bold]", "[/]", "[link=file:///etc/passwd]", "[@click=app.quit]", "[/link]", "[red on red]"]
ESCAPES = ["\x1b[31m", "\x1b[0m", "\x1b]52;c;cm0gLXJmIH4K\x07", "\x1b]8;;file:///etc/passwd\x1b\\",
           "\x1b]0;pwned\x07", "\x9b2J", "\x1bP+q\x1b\\", "\x07", "\x08\x08"]
HOSTILE = "".join(MARKUP) + "".join(ESCAPES)
RENDER = ("app/render.py prints article text, titles, speakers, paths and queries raw: ESC, OSC and C1 "
          "sequences reach the terminal (wrap each in app.sanitize.clean before Text())")
APP = ("app/tui: quote text, speaker, title, sentences and the echoed query go into Text() raw: ESC and "
       "C1 reach the screen (wrap each in app.sanitize.clean / clean_line)")
# the control characters that must never reach a terminal from data
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --- app.sanitize -------------------------------------------------------------------------------

def test_clean_makes_controls_visible_and_keeps_offsets():
    s = "a\x1b[31mb\x07c\x00d\x7fe\x9bf\tg\nh"
    out = clean(s)
    assert out == "a␛[31mb␇c␀d␡e\ufffdf\tg\nh"
    assert len(out) == len(s) and is_clean(out) and not is_clean(s)
    assert clean_line("a\nb\tc\x1b") == "a b c␛"
    assert clean("") == "" and clean("Обычный текст «в кавычках».") == "Обычный текст «в кавычках»."


@given(st.text())
def test_clean_property(s):
    out = clean(s)
    assert len(out) == len(s) and not CONTROL.search(out)
    assert all(a == b for a, b in zip(s, out) if not CONTROL.match(a))


def test_clean_text_prints_literally_through_rich():
    f = io.StringIO()
    Console(file=f, width=300).print(Text(clean(HOSTILE)))
    out = f.getvalue()
    assert not CONTROL.search(out)
    for m in MARKUP:
        assert m in out
    assert "␛]52;c;" in out and "␛]8;;file:///etc/passwd" in out


# --- a database full of hostile text ------------------------------------------------------------

QUOTE = f"Мы рады {HOSTILE} свободе"
SPEAKER = "Иван [bold]Петров[/] \x1b]0;x\x07"
TITLE = "Заголовок [@click=app.quit] \x1b[2J"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "data.db"
    body = (f"Власти Литвы сообщили об освобождении 5 человек {HOSTILE}.\n\n"
            f"«{QUOTE}», — сказал {SPEAKER}.")
    a = build("[bold]evil\x1b[31m.txt", body, date=dt.date(2025, 1, 2), title=TITLE)
    q_start = a.text.index(QUOTE)
    lt = a.text.index("Литвы")
    facts = Facts(
        quotes=[Quote(QUOTE, q_start, q_start + len(QUOTE), SPEAKER, "statement", a.sentence_at(q_start))],
        countries=[CountryMention("LT", lt, lt + 5, "Литвы", "name")],
        events=[Event("release", "2025-01-02", 5, a.sentence_at(lt), lt, lt + 5, countries=["LT"],
                      breakdown={"LT": 5}, people=[SPEAKER])],
        people=[Person(SPEAKER, [HOSTILE], ["[bold]role"])])
    db = open_db(path, create=True)
    write_article(db, a, facts)
    derive_events(db)
    db.conn.close()
    return path


def cli(capsys, db: Path, *args: str) -> str:
    status = main(["--db", str(db), *args])
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out + out.err


@pytest.mark.parametrize("args", [
    ["search", "рады"], ["search", "рады", "--speaker", "Петров"], ["timeline"], ["countries"]])
def test_cli_prints_hostile_text_literally(capsys, hostile_db, args):
    out = cli(capsys, hostile_db, *args)
    assert not CONTROL.search(out), repr(CONTROL.findall(out))
    if args[0] == "search":
        for m in MARKUP:
            assert m in out
        assert "␛]52;c;" in out


def test_cli_json_escapes_controls(capsys, hostile_db):
    out = cli(capsys, hostile_db, "search", "рады", "--json")
    assert not CONTROL.search(out) and "\\u001b" in out and "[link=file:///etc/passwd]" in out


def test_cli_extract_of_a_hostile_file(tmp_path, capsys):
    f = tmp_path / "evil.txt"
    f.write_text(f" date 2025-01-02 {TITLE}\n\n«{QUOTE}», — сказал {SPEAKER}.\n", encoding="utf-8")
    for args in (["extract", str(f)], ["extract", str(f), "--json"]):
        out = cli(capsys, tmp_path / "unused.db", *args)
        assert not CONTROL.search(out), repr(CONTROL.findall(out))
        assert "[@click=app.quit]" in out


def test_cli_search_query_is_not_markup(capsys, hostile_db):
    out = cli(capsys, hostile_db, "search", "[bold]нет\x1b[31m таких[/]")
    assert not CONTROL.search(out)
    assert "[bold]" in out


def test_import_report_of_a_hostile_file_name(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "[bold]x\x1b]0;t\x07.txt").write_bytes(b"")
    status = main(["--db", str(tmp_path / "d.db"), "import", str(src)])
    out = capsys.readouterr()
    assert status == 1 and "[bold]x" in out.err
    assert not CONTROL.search(out.out + out.err), repr(out.err)


# --- the app --------------------------------------------------------------------------------

def app_screens(db: Path, query: str | None = None) -> tuple[list[str], list[str]]:
    """Run the app on `db`, optionally search, open the first quote's source; return the text of
    the screenshots (main screen, source screen) and any notifications."""
    from textual.notifications import Notify

    from app.tui.app import PardonsApp

    shots, notes = [], []

    def hook(message):
        if isinstance(message, Notify):
            notes.append(message.notification.message)

    async def go():
        app = PardonsApp(db)
        async with app.run_test(size=(160, 40), message_hook=hook) as pilot:
            await pilot.pause()
            await wait_for_workers(app)
            await pilot.pause()
            if query is not None:
                app.query_one("#search").value = query
                await pilot.pause()
                await wait_for_workers(app)
                await pilot.pause()
            shots.append(app.export_screenshot())
            app.query_one("#quotes").focus()
            await pilot.press("enter")
            await wait_for_workers(app)
            await pilot.pause()
            shots.append(app.export_screenshot())
            assert app.is_running
    asyncio.run(go())
    return shots, notes


def test_app_renders_hostile_text_literally(hostile_db):
    shots, notes = app_screens(hostile_db)
    assert not notes, notes
    main_svg, source_svg = shots
    for svg in shots:
        assert not CONTROL.search(svg), repr(set(CONTROL.findall(svg)))
    # the markup shows as typed (SVG escapes nothing of it), on both screens
    assert "[@click=app.quit]" in main_svg.replace("&#160;", " ")
    assert "[link=file:///etc/passwd]" in source_svg.replace("&#160;", " ")


def test_app_search_input_is_data(hostile_db):
    shots, notes = app_screens(hostile_db, "[bold]рады\x1b[31m [@click=app.quit] \x00 NEAR(\"")
    assert not notes, notes
    assert not CONTROL.search(shots[0])


# --- arbitrary search input -----------------------------------------------------------------

SEARCH_PIECES = ['"', "'", "*", "(", ")", "NEAR", "NEAR(", "AND", "OR", "NOT", "^", ":", "-", "+",
                 "quotes_fts", "text:", "lemmas:", "{", "}", "\x00", "\\", "%", "_", "ё", "рады",
                 "Мы", "' OR 1=1 --", "); drop table quotes; --", "\u202e", "😀", "𖿠"]
search_text = st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(SEARCH_PIECES), st.text(max_size=5)),
                                            max_size=20).map(" ".join))

SEARCHES = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@SEARCHES
@given(search_text, st.one_of(st.none(), search_text))
def test_search_never_raises(hostile_db, query, speaker):
    db = open_db(hostile_db, readonly=True)
    try:
        hits = queries.search_quotes(db, query, speaker=speaker, limit=5)
        n = queries.count_quotes(db, query, speaker=speaker)
    finally:
        db.conn.close()
    assert len(hits) <= 5 and n >= len(hits)
    for h in hits:
        assert all(0 <= a < b <= len(h.text) for a, b in h.spans())


def test_search_very_long_and_odd_queries(hostile_db, capsys):
    for q in ["рады " * 50_000, "\x00" * 1000, '"' * 10_001, "NEAR(" * 5000, "*", "", " ", "-рады",
              "рады*", "^рады", "рады OR мы", "text:рады", '"рады"', "(", "\x00рады"]:
        status = main(["--db", str(hostile_db), "search", "--json", "--", q])  # "--": q may start with "-"
        out = capsys.readouterr()
        assert status == 0, (q[:20], out.err)
    assert main(["--db", str(hostile_db), "search", "рады OR", "--json"]) == 0
    assert '"text"' in capsys.readouterr().out  # the words still match; the operator is dropped


class SqlRecorder:
    """A connection that notes the SQL text of every statement (before parameters are bound)."""

    def __init__(self, conn: sqlite3.Connection, statements: list[str]) -> None:
        self._conn, self._statements = conn, statements

    def execute(self, sql, *args):
        self._statements.append(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql, *args):
        self._statements.append(sql)
        return self._conn.executemany(sql, *args)

    def executescript(self, sql):
        self._statements.append(sql)
        return self._conn.executescript(sql)

    def cursor(self):
        recorder = self

        class Cursor:
            def __init__(self):
                self._cur = recorder._conn.cursor()

            def execute(self, sql, *args):
                recorder._statements.append(sql)
                return self._cur.execute(sql, *args)

            def executemany(self, sql, *args):
                recorder._statements.append(sql)
                return self._cur.executemany(sql, *args)

            def __getattr__(self, name):
                return getattr(self._cur, name)
        return Cursor()

    def __enter__(self):
        return self._conn.__enter__()

    def __exit__(self, *exc):
        return self._conn.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_every_value_reaching_sql_is_bound(hostile_db, tmp_path):
    """Run searches, facets, timelines and an import with a marker in every user-given value,
    and read every SQL statement SQLite ran: the marker never appears in SQL text."""
    marker = "zqxmarker"
    statements: list[str] = []
    db = open_db(hostile_db, readonly=True)
    db.conn = SqlRecorder(db.conn, statements)
    try:
        for q in (f"{marker} рады", f"'{marker}' OR 1=1", f'"{marker}"*'):
            queries.search_quotes(db, q, country=f"{marker}", speaker=f"%{marker}'")
            queries.count_quotes(db, q, country=f"{marker}", speaker=f"%{marker}'")
        queries.timeline(db, country=marker)
        queries.country_facet(db, since=marker, until=marker, kinds=(marker,))
        queries.article(db, 1)
    finally:
        db.conn.close()
    new = open_db(tmp_path / "w.db", create=True)
    new.conn = SqlRecorder(new.conn, statements)
    a = build(f"{marker}.txt", f"Текст {marker}'); drop table articles; --.", title=f"{marker}'",
              date=dt.date(2025, 1, 1))
    write_article(new, a, Facts(people=[Person(f"{marker}'")]))
    new.conn.close()
    assert statements
    leaked = [s for s in statements if marker in s]
    assert not leaked, leaked[:3]
