"""The app, driven by Pilot on a fixed database of hand-made facts."""
from __future__ import annotations


import pytest
from textual.worker import Worker, WorkerState

from app.tui.app import PardonsApp
from app.tui.screens.help import HelpScreen
from app.tui.screens.source import SourceScreen
from fixture_db import build_fixture_db, settle, sync


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("tui") / "fixture.db")





def panes(app):
    return (app.query_one("CountryTable"), app.query_one("EventTable"),
            app.query_one("QuoteList"))


@sync
async def test_start_shows_every_pane(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        countries, events, quotes = panes(app)
        assert [r.code for r in countries.rows_by_code.values()] == ["PL", "LT", "US", "BY"]
        assert events.row_count == 4
        assert len(quotes.hits) == 5
        assert "Country: all" in str(app.query_one("FilterBar").render())


@sync
async def test_enter_on_a_country_filters_timeline_and_quotes(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # the second row: Литва
        await settle(pilot)
        countries, events, quotes = panes(app)
        assert app.country == "LT"
        assert [e.kind for e in events.events] == ["pardon"]
        assert {h.speaker for h in quotes.hits} == {"Анна Берзина", "президент Литвы",
                                                    "Джон Смит"}
        assert "Литва (LT)" in str(app.query_one("FilterBar").render())
        await pilot.press("x")
        await settle(pilot)
        assert app.country is None and events.row_count == 4 and len(quotes.hits) == 5
        await pilot.press("k", "enter")
        await settle(pilot)
        assert app.country == "PL"
        await pilot.press("escape")
        await settle(pilot)
        assert app.country is None


@sync
async def test_pick_a_country_by_typing_its_code(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"US")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.country == "US"
        assert [e.kind for e in app.query_one("EventTable").events] == ["release", "meeting"]


@sync
async def test_typing_an_inflected_word_finds_quotes_with_highlights(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"литовца")
        await settle(pilot)
        hits = app.query_one("QuoteList").hits
        assert len(hits) == 2
        assert all([h.text[a:b] for a, b in h.spans()] == ["литовцев"] for h in hits)
        assert "2 quotes matching «литовца»" in str(app.query_one("#quote-count").render())


@sync
async def test_search_as_you_type_with_a_country(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.set_country("PL")
        await pilot.press("slash", *"границ")
        await settle(pilot)
        assert {h.speaker for h in app.query_one("QuoteList").hits} == {"Ян Ковальский",
                                                                        "Анна Берзина"}


@sync
async def test_enter_on_a_quote_opens_its_sentence(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"здоровы", "enter")  # Enter in the input: to the results
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.highlighted_sentence == (
            "«Обмен состоялся на границе, все здоровы», — сообщил премьер Польши Ян Ковальский.")
        assert app.screen.query_one("#target").region.height > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)


@sync
async def test_enter_on_an_event_opens_its_source(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("EventTable").focus()
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.doc.path == "fixture/a_pardon.txt"
        assert app.screen.highlighted_sentence.startswith("Президент Беларуси помиловал 52")


@sync
async def test_second_source_of_an_event_opens_its_own_article(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("EventTable").focus()
        await pilot.press("down", "down", "tab", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.doc.path == "fixture/b_followup.txt"
        assert app.screen.highlighted_sentence.startswith("Накануне Беларусь освободила")


@sync
async def test_help_screen_lists_every_key(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(" ".join(map(str, row)) for _, rows in app.screen.groups
                          for row in rows)
        for key in ("/", "c", "x", "Esc", "y", "?", "q", "Ctrl+P"):
            assert any(line.split(" ")[0] == key for line in shown.splitlines()), key
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_copy_copies_the_selected_quote(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"здоровы", "enter")
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == "Обмен состоялся на границе, все здоровы"


@pytest.mark.parametrize("text", ['"', "(", "*", "NEAR(a", "AND OR NOT", "😀🙂", "'\\%_",
                                  "x" * 10_000, "литов* ("])
@sync
async def test_odd_search_input_never_raises(db_path, text):
    errors = []

    def hook(message):
        if isinstance(message, Worker.StateChanged) and message.state == WorkerState.ERROR:
            errors.append(message.worker.error)

    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        app.query_one("#search").value = text
        await settle(pilot)
        assert errors == []
        assert isinstance(app.query_one("QuoteList").hits, list)


@sync
async def test_command_palette_offers_the_actions(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Литва")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.country == "LT"


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
@sync
async def test_usable_at_every_size(db_path, size):
    app = PardonsApp(db_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for selector in ("CountryTable", "EventTable", "#search", "QuoteList"):
            region = app.query_one(selector).region
            assert region.width >= 20 and region.height >= 1, selector


@sync
async def test_timeline_loads_a_page_at_a_time(db_path):
    app = PardonsApp(db_path)
    app.timeline_page = 1  # one event a page: each next page is asked for as the cursor nears it
    pages = []

    def hook(message):
        if type(message).__name__ == "TimelineLoaded":
            pages.append([e.kind for e in message.events])

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        await settle(pilot)
        events = app.query_one("EventTable")
        assert pages[0] == ["exchange"] and len(pages) == 4  # the first page, then three more
        assert [e.kind for e in events.events] == ["exchange", "release", "pardon", "meeting"]
        assert events.row_count == events.total == 4
        assert app.query_one("TimelinePane").border_subtitle == "4 events"


@sync
async def test_many_matches_are_counted_up_to_a_cap(db_path, monkeypatch):
    import app.tui.app as tui_app

    monkeypatch.setattr(tui_app, "QUOTE_LIMIT", 2)
    monkeypatch.setattr(tui_app, "COUNT_CAP", 3)
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.query_one("QuoteList").hits) == 2
        assert str(app.query_one("#quote-count").render()).startswith("2 of 3+ quotes")


@sync
async def test_refresh_reloads_every_pane(db_path, tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(db_path, db)
    app = PardonsApp(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.stats["articles"] == 4
        from app.store.schema import open_db

        rw = open_db(db)
        rw.execute("delete from articles where path = 'fixture/d_us.txt'")
        rw.conn.commit()
        rw.conn.close()
        await pilot.press("r")
        await settle(pilot)
        assert app.stats["articles"] == 3 and len(app.query_one("QuoteList").hits) == 4
        assert any(b.id == "refresh" for b in app.BINDINGS)
