"""The app's combined filters, chart, people screen, export and rough edges, driven by Pilot on
the fixed database of hand-made facts (tests/fixture_db.py)."""
from __future__ import annotations

import csv
import json
import sys

import pytest

from app.tui.app import PardonsApp
from app.tui.screens.people import PeopleScreen
from app.tui.screens.period import PeriodScreen
from app.tui.screens.source import SourceScreen
from fixture_db import build_fixture_db, settle, sync


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("tui-filters") / "fixture.db")




def status(app) -> str:
    return str(app.query_one("StatusLine").render())


def header(app) -> str:
    return str(app.query_one("FilterBar").render())


def chart(app) -> dict[str, int]:
    return {r.period: r.people for r in app.query_one("ReleasesChart").rows}


def kinds(app) -> list[str]:
    return [e.kind for e in app.query_one("EventTable").events]


@sync
async def test_status_line_shows_database_totals_then_filtered_totals(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # 5 + 14 + 52 people in the release-kind events; 4 events; 4 articles; 5 quotes
        assert status(app) == "All: 71 people freed · 4 events · 4 articles · 5 quotes"
        app.set_country("LT")
        await settle(pilot)
        assert status(app) == "Filtered: 6 people freed · 1 event · 2 articles · 3 quotes"


@sync
async def test_chart_shows_people_per_month_and_follows_the_filters(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        months = chart(app)
        assert list(months)[0] == "2024-07" and list(months)[-1] == "2025-09"
        assert len(months) == 15  # every month from the first to the last, empty ones too
        assert (months["2024-07"], months["2025-06"], months["2025-09"], months["2025-01"]) == \
            (5, 14, 52, 0)
        app.set_country("PL")
        await settle(pilot)
        assert chart(app) == {"2024-07": 5, **{f"2024-{m:02d}": 0 for m in range(8, 13)},
                              **{f"2025-{m:02d}": 0 for m in range(1, 9)}, "2025-09": 2}
        app.set_filters(kind="exchange")
        await settle(pilot)
        assert chart(app) == {"2024-07": 5}


@sync
async def test_enter_on_a_chart_bar_narrows_every_pane_to_that_month(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("ReleasesChart").focus()
        await pilot.press("left")  # the cursor starts on the last month, 2025-09: one back
        await pilot.press("home", "right", "right", "left")  # the first month, then one on
        await pilot.pause()
        assert app.query_one("ReleasesChart").current().period == "2024-08"
        await pilot.press("end", "enter")
        await settle(pilot)
        assert (app.filters.since, app.filters.until) == ("2025-09", "2025-09")
        assert kinds(app) == ["pardon", "meeting"]
        assert "Period:  2025-09" in header(app)
        assert [r.code for r in app.query_one("CountryTable").rows_by_code.values()] == ["LT",
                                                                                         "PL"]
        assert status(app).startswith("Filtered: 52 people freed · 2 events · 2 articles")
        # the chart still shows every month, the chosen one marked, to move on from it
        assert len(chart(app)) == 15


@sync
async def test_period_dialog_takes_a_year_or_a_range(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PeriodScreen)
        await pilot.press(*"2025-13", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PeriodScreen)  # no such month: it says so and stays
        assert "not a" in str(app.screen.query_one("#period-error").render())
        app.screen.query_one("#period-input").value = "2024"
        await pilot.press("enter")
        await settle(pilot)
        assert kinds(app) == ["exchange"]
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#period-input").value = "2025-06..2025-08"
        await pilot.press("enter")
        await settle(pilot)
        assert kinds(app) == ["release"] and "2025-06..2025-08" in header(app)


@sync
async def test_filters_combine_and_the_country_table_narrows_to_the_others(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"pardon")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.filters.kind == "pardon"
        assert kinds(app) == ["pardon"]
        assert [r.code for r in app.query_one("CountryTable").rows_by_code.values()] == ["LT",
                                                                                         "PL"]
        app.set_country("PL")
        app.set_filters(since="2025")
        await settle(pilot)
        assert kinds(app) == ["pardon"]
        assert all(s in header(app) for s in ("Польша (PL)", "2025", "помилование"))
        assert status(app).startswith("Filtered: 2 people freed · 1 event")
        await pilot.press("x")
        await settle(pilot)
        assert not app.filters.active() and len(kinds(app)) == 4
        assert "Country: all" in header(app)


@sync
async def test_person_filter_narrows_every_pane(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        people = app.screen.query_one("PeopleTable").people
        # the one person named in a release; the envoy named in a meeting is not among them
        assert [p.name for p in people] == ["Петр Иванов"]
        assert [e.kind for e in app.screen.query_one("EventTable").events] == ["release"]
        await pilot.press("f")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)
        assert app.filters.person == ("Петр Иванов",)
        assert "Person:  Петр Иванов" in header(app)
        assert kinds(app) == ["release"]
        assert list(app.query_one("CountryTable").rows_by_code) == ["US"]
        assert [h.speaker for h in app.query_one("QuoteList").hits] == ["Петр Иванов"]
        assert chart(app) == {"2025-06": 14}
        assert status(app) == "Filtered: 14 people freed · 1 event · 1 article · 1 quote"


@sync
async def test_enter_in_the_people_screen_opens_the_sources(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")  # on the person: to their events
        await pilot.pause()
        assert app.focused is app.screen.query_one("EventTable")
        await pilot.press("enter")  # on the event: its article
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.doc.path == "fixture/d_us.txt"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (SourceScreen, PeopleScreen))


@sync
async def test_escape_in_the_search_box_leaves_it(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"границ", "escape")
        await settle(pilot)
        assert app.focused is app.query_one("QuoteList")
        assert app.query_one("#search").value == "границ"
        assert "Search:  границ" in header(app)
        # the search narrows the quotes alone: the events' totals stay those of every event
        assert status(app) == ("All: 71 people freed · 4 events · 4 articles · "
                               "2 quotes matching the search")
        await pilot.press("c")  # a key again, not a letter of the search
        await pilot.pause()
        assert app.query_one("#search").value == "границ"
        assert app.screen is not app.screen_stack[0]  # the country picker opened


@sync
async def test_order_key_turns_the_timeline_around(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert kinds(app) == ["exchange", "release", "pardon", "meeting"]
        await pilot.press("o")
        await settle(pilot)
        assert kinds(app) == ["meeting", "pardon", "release", "exchange"]
        assert app.query_one("TimelinePane").border_subtitle == "4 events · newest first"


@sync
async def test_newest_first_pages_through_every_event(db_path):
    app = PardonsApp(db_path)
    app.timeline_page = 1
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        for _ in range(3):
            await settle(pilot)
        assert kinds(app) == ["meeting", "pardon", "release", "exchange"]


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
@sync
async def test_export_key_writes_a_file_and_says_where(db_path, tmp_path, fmt):
    app = PardonsApp(db_path)
    app.export_dir = tmp_path
    notes = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_country("LT")
        await settle(pilot)
        app.notify = lambda message, **kw: notes.append(message)
        if fmt == "csv":
            await pilot.press("e")
        else:
            app.action_export(fmt)
        await settle(pilot)
        await pilot.pause(0.1)
    files = list(tmp_path.glob(f"pardons-export-*.{fmt}"))
    assert len(files) == 1
    assert any(str(files[0].resolve()) in n for n in notes)
    text = files[0].read_text(encoding="utf-8")
    if fmt == "csv":
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(text.removeprefix("\ufeff").splitlines()))
        assert {r["source_path"] for r in rows if r["section"] == "timeline"} == {
            "fixture/a_pardon.txt", "fixture/b_followup.txt"}
    elif fmt == "json":
        data = json.loads(text)
        assert data["filters"]["country"] == "LT" and len(data["timeline"]) == 1
    else:
        assert "| 2025-09-11 | pardon | 52 |" in text


@sync
async def test_palette_offers_export_and_the_new_filters(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [t for t, _, _ in __import__("app.tui.commands", fromlist=["x"])
                  .PardonsCommands(app.screen)._commands()]
        for title in ("Export CSV", "Export JSON", "Export Markdown", "Pick a period",
                      "Pick a kind of act", "People freed", "Newest or oldest first"):
            assert title in titles


@sync
async def test_at_80x24_the_timeline_shows_its_key_columns_and_six_rows(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("EventTable")
        labels = [str(c.label).strip() for c in table.columns.values()]
        assert labels[:4] == ["Date", "Kind", "Count", "Summary"]
        assert table.virtual_size.width <= table.size.width  # nothing scrolls sideways
        assert table.size.height - 1 >= 6  # the header, then at least six rows


@sync
async def test_the_first_frame_comes_before_the_morphology_which_loads_before_a_key(db_path):
    """pymorphy3 is loaded by a worker started after the first frame (the import-hygiene test
    checks the frame itself in a fresh process)."""
    app = PardonsApp(db_path)
    seen = []
    original = app.warm_up

    def warm_up():
        seen.append("pymorphy3" in sys.modules)
        return original()

    app.warm_up = warm_up
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(seen) == 1
        assert "pymorphy3" in sys.modules
        assert app.query_one("ReleasesChart")._plot is not None  # the plot, mounted after it
