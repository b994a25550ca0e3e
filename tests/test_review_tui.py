"""The review screen, driven by Pilot on a database of the shared corpus: every action checked on
the screen and in the database."""
from __future__ import annotations

import json

import pytest

from app.store import queries
from app.tui.app import PardonsApp
from app.tui.screens.forms import EditEventForm, SpeakerForm, parse_countries
from app.tui.screens.review import ReviewScreen
from corrections_fixture import clone, read
from fixture_db import settle as _settle, sync


@pytest.fixture
def db_path(template, tmp_path):
    return clone(template, tmp_path)[0]


async def settle(pilot) -> None:
    await _settle(pilot, rounds=4)  # the review screen's actions chain two workers


def rows(db_path, sql, args=()):
    conn = read(db_path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def corrections(db_path) -> list[tuple[str, object]]:
    return [(a, json.loads(v)) for a, v in rows(db_path, "select action, value from corrections "
                                                         "order by id")]


async def open_review(pilot) -> ReviewScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def go_to(pilot, screen: ReviewScreen, match) -> queries.ReviewItem:
    """Move the cursor with j/k to the first row `match` accepts."""
    target = next(i for i, it in enumerate(screen.items) if match(it))
    table = screen.query_one("QueueTable")
    while table.cursor_row != target:
        await pilot.press("j" if table.cursor_row < target else "k")
    await pilot.pause()
    return screen.items[target]


def event_is(date: str, count: int | None = None):
    return lambda it: (it.event is not None and it.event.date == date
                       and (count is None or it.event.count == count))


def head(screen) -> str:
    return str(screen.query_one("#review-head").render())


def shown_dates(screen) -> list:
    return [it.event.date if it.event else ("quote", it.quote.id) for it in screen.items]


@sync
async def test_the_queue_says_why(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        first = screen.items[0]
        assert first.event.date is None and first.reasons[0][0] == "undated"
        assert {r for it in screen.items for r, _ in it.reasons} >= {
            "undated", "weak join", "single source", "no speaker"}
        assert screen.query_one("QueueTable").row_count == len(screen.items)
        why = str(screen.query_one("#review-why").render())
        assert "undated: no source gives a date" in why
        assert "0 corrections" in head(screen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)


@sync
async def test_confirm_then_undo(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        item = await go_to(pilot, screen, event_is("2024-07-03", 18))
        n = len(screen.items)
        await pilot.press("c")
        await settle(pilot)
        assert corrections(db_path) == [("confirm", None)]
        assert rows(db_path, "select count(*) from correction_marks where field = 'confirmed'"
                    ) == [(1,)]
        assert len(screen.items) == n - 1 and "2024-07-03" not in shown_dates(screen)
        assert "1 corrections" in head(screen) and "confirm event" in head(screen)
        await pilot.press("u")
        await settle(pilot)
        assert corrections(db_path) == []
        assert len(screen.items) == n and "2024-07-03" in shown_dates(screen)
        # back on the main screen, the timeline is read again
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        timeline = app.query_one("EventTable")
        row = next(i for i, e in enumerate(timeline.events) if e.id == item.event.id or
                   e.date == "2024-07-03")
        assert timeline.events[row].confirmed
        assert str(timeline.get_row_at(row)[2]).strip() == "18✓"


@sync
async def test_edit_with_the_form(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2024-11-20", 14))
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EditEventForm)
        assert form.query_one("#edit-count").value == "14"
        await pilot.press("backspace", "backspace", "1", "5", "tab")  # to countries
        countries = form.query_one("#edit-countries")
        assert app.focused is countries and countries.value == "RU=1"
        countries.value = "RU=2"
        await pilot.press("enter")
        await settle(pilot)
        assert corrections(db_path) == [("edit", {"count": 15, "countries": {"RU": 2}})]
        assert rows(db_path, "select count from events where date = '2024-11-20' and "
                             "kind = 'pardon'") == [(15,)]
        assert "2024-11-20" not in shown_dates(screen)  # an edit is a check: it left the queue
        await pilot.press("escape")
        await settle(pilot)
        timeline = app.query_one("EventTable")
        row = next(i for i, e in enumerate(timeline.events) if e.date == "2024-11-20")
        assert str(timeline.get_row_at(row)[2]).strip() == "15*"
        assert "RU 2*" in str(timeline.get_row_at(row)[3])
        countries = app.query_one("CountryTable")
        assert countries.rows_by_code["RU"].corrected


@sync
async def test_an_undated_event_is_edited_from_its_date(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        item = await go_to(pilot, screen, lambda it: it.event is not None and not it.event.date)
        await pilot.press("e")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#edit-date")
        await pilot.press(*"2025-09", "enter")
        await settle(pilot)
        assert corrections(db_path) == [("edit", {"date": "2025-09"})]
        assert rows(db_path, "select date from events where id = ?", (item.event.id,)
                    ) == [("2025-09",)]


@sync
async def test_edit_form_refuses_bad_input_and_escape_cancels(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2024-11-20", 14))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "x", "enter")
        await pilot.pause()
        assert "count: a whole number" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and corrections(db_path) == []
    with pytest.raises(ValueError):
        parse_countries("Литва 6")
    assert parse_countries("lt=6, DE=") == {"LT": 6, "DE": None}


@sync
async def test_reject(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2024-10", 32))
        await pilot.press("n")
        await settle(pilot)
        assert corrections(db_path) == [("reject", None)]
        assert rows(db_path, "select count(*) from events where count = 32") == [(0,)]
        assert "2024-10" not in shown_dates(screen)


@sync
async def test_merge_by_picking_the_other_event(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is(None))
        await pilot.press("m")
        await settle(pilot)
        await pilot.press(*"2025-09-11")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert [a for a, _ in corrections(db_path)] == ["merge"]
        assert rows(db_path, "select count(*) from events where date is null") == [(0,)]
        merged = rows(db_path, "select count(*) from event_reports er join reports r on "
                               "r.id = er.report_id join articles a on a.id = r.article_id "
                               "join events e on e.id = er.event_id where e.date = '2025-09-11' "
                               "and a.path like '%14_litva%'")
        assert merged == [(1,)]
        assert None not in shown_dates(screen)


@sync
async def test_split_the_chosen_source(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        item = await go_to(pilot, screen, lambda it: it.event is not None
                           and len(it.event.sources) >= 3)
        second = item.event.sources[1]
        await pilot.press("tab", "j")
        await pilot.pause()
        assert screen.query_one("ReviewSources").highlighted == 1
        await pilot.press("s")
        await settle(pilot)
        assert [a for a, _ in corrections(db_path)] == ["split"]
        alone = rows(db_path, "select e.sources from events e join event_reports er on "
                              "er.event_id = e.id join reports r on r.id = er.report_id "
                              "join articles a on a.id = r.article_id where a.path = ? and "
                              "e.date = ?", [second.path, item.event.date])
        assert alone == [(1,)]
        await pilot.press("shift+tab")
        assert "1 corrections" in head(screen) and "split out" in head(screen)


@sync
async def test_split_of_a_single_source_is_refused(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2024-07-03", 18))
        await pilot.press("s")
        await settle(pilot)
        assert corrections(db_path) == []
        assert any("nothing to split" in str(n.message) for n in app._notifications)


@sync
async def test_set_the_speaker_and_not_a_quote(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        item = await go_to(pilot, screen, lambda it: it.quote is not None)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerForm)
        await pilot.press(*"Иван Тестов", "enter")
        await settle(pilot)
        assert corrections(db_path) == [("speaker", {"speaker": "Иван Тестов"})]
        assert rows(db_path, "select speaker from quotes where id = ?",
                    [item.quote.id]) == [("Иван Тестов",)]
        assert ("quote", item.quote.id) not in shown_dates(screen)
        other = await go_to(pilot, screen, lambda it: it.quote is not None)
        await pilot.press("n")
        await settle(pilot)
        assert [a for a, _ in corrections(db_path)] == ["speaker", "not_quote"]
        assert rows(db_path, "select count(*) from quotes where id = ?", [other.quote.id]
                    ) == [(0,)]
        await pilot.press("u")  # undo brings the quote back
        await settle(pilot)
        assert rows(db_path, "select count(*) from quotes where text = ?",
                    [other.quote.text]) == [(1,)]


@sync
async def test_open_a_source_from_the_queue(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2024-07-03", 18))
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "SourceScreen"
        assert "помиловал 18" in app.screen.highlighted_sentence
        await pilot.press("escape")
        assert app.screen is screen


@sync
async def test_key_in_the_footer_and_palette_and_confirmed_totals(db_path):
    app = PardonsApp(db_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        footer = {b.key: b.description for b in app.BINDINGS if b.show}
        assert footer["v"] == "Review"  # T is in the palette and the help (the footer is full)
        assert {b.key: b.description for b in app.BINDINGS}["T"] == "Confirmed totals"
        titles = [t for _, t, _ in app.PALETTE_ACTIONS]
        assert "Review and correct" in titles
        await pilot.press("T")
        await settle(pilot)
        assert app.query_one("CountryTable").rows_by_code == {}  # nothing confirmed yet
        assert "confirmed" in app.query_one("CountryTable").border_title
        screen = await open_review(pilot)
        await go_to(pilot, screen, event_is("2026-03-06", 15))
        await pilot.press("c", "escape")
        await settle(pilot)
        rows_ = app.query_one("CountryTable").rows_by_code
        assert rows_["LT"].count == 5 and rows_["LT"].confirmed and rows_["PL"].count == 4
        await pilot.press("T")
        await settle(pilot)
        assert app.query_one("CountryTable").rows_by_code["LT"].count > 5
