"""Garbage is collected while the app is idle, never inside a keystroke (app.tui.idle_gc)."""
from __future__ import annotations

import gc

import pytest

from app.tui.app import PardonsApp
from app.tui.idle_gc import BACKLOG, PENDING, QUIET, IdleCollector
from fixture_db import build_fixture_db, settle, sync


@pytest.fixture
def collector():
    c = IdleCollector()
    c.start()
    yield c
    c.stop()


def test_collects_when_allocation_goes_quiet_not_while_it_runs(collector):
    assert not gc.isenabled() and gc.get_freeze_count() > 0
    collector.tick()
    busy = [[] for _ in range(PENDING + QUIET)]  # the app at work between two ticks
    assert collector.tick() is False
    assert collector.tick() is True  # nothing new since the last tick: idle, and enough pending
    assert gc.get_count()[0] < PENDING
    assert collector.tick() is False  # nothing left to collect
    del busy


def test_a_large_backlog_is_collected_even_while_busy(collector):
    collector.tick()
    busy = [[] for _ in range(BACKLOG + QUIET)]
    assert collector.tick() is True
    del busy


def test_stop_gives_the_collector_back():
    c = IdleCollector()
    c.start()
    c.stop()
    assert gc.isenabled() and gc.get_freeze_count() == 0


@sync
async def test_the_app_collects_on_its_own_only_after_warm_up_and_restores_on_exit(tmp_path):
    seen = []

    class Probe(PardonsApp):
        def on_warmed_up(self, message) -> None:
            seen.append(gc.isenabled())

    app = Probe(build_fixture_db(tmp_path / "fixture.db"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        while not seen:
            await pilot.pause(0.05)
        await pilot.pause()
        assert seen == [True]  # automatic collection until the app had warmed up
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
