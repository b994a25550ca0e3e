"""Snapshots of the app's main states at 120x40, on a fixed database of hand-made facts.

Regenerate after a deliberate change of the screen: pytest tests/test_snapshots.py --snapshot-update
"""
from __future__ import annotations

import pytest

from app.tui.app import PardonsApp
from fixture_db import build_fixture_db, wait_for_workers

SIZE = (120, 40)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_fixture_db(tmp_path_factory.mktemp("snap") / "fixture.db")


async def settle(pilot) -> None:
    for _ in range(3):
        await wait_for_workers(pilot.app)
        await pilot.pause()
    pilot.app.query_one("#search").cursor_blink = False


def test_start(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=settle)


def test_filtered_by_a_country(snap_compare, db_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=run_before)


def test_search_with_highlights(snap_compare, db_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("slash", *"литовца")
        await settle(pilot)

    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=run_before)


def test_source_view(snap_compare, db_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("slash", *"заключенный", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, db_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=run_before)


SMALL = (80, 24)


def test_start_at_80x24(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SMALL, run_before=settle)


def _people(size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
    return run_before


def test_people_screen(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=_people(SIZE))


def test_people_screen_at_80x24(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SMALL, run_before=_people(SMALL))


async def _filtered_by_person_and_month(pilot):
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    pilot.app.query_one("ReleasesChart").focus()
    await pilot.press("enter")  # the person's month on the chart
    await settle(pilot)


def test_filtered_by_a_person_and_a_month(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE,
                        run_before=_filtered_by_person_and_month)


def test_filtered_by_a_person_and_a_month_at_80x24(snap_compare, db_path):
    assert snap_compare(PardonsApp(db_path), terminal_size=SMALL,
                        run_before=_filtered_by_person_and_month)


def test_period_dialog(snap_compare, db_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("d", *"2025-06..2025-09")
        await pilot.pause()
        pilot.app.screen.query_one("#period-input").cursor_blink = False

    assert snap_compare(PardonsApp(db_path), terminal_size=SIZE, run_before=run_before)
