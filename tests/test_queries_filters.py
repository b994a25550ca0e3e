"""The reads under combined filters: the chart by month or year, totals, newest-first pages."""
from __future__ import annotations

import pytest

from app.filters import Filters
from app.store import queries
from app.store.schema import connect
from fixture_db import build_fixture_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    conn = connect(build_fixture_db(tmp_path_factory.mktemp("qf") / "fixture.db"), readonly=True)
    yield conn
    conn.close()


def test_chart_by_year_when_the_span_is_long(db, monkeypatch):
    assert queries.releases_by_period(db)[0] == "month"
    monkeypatch.setattr(queries, "MONTHS_MAX", 12)  # 2024-07 to 2025-09 is 14 months
    by, rows = queries.releases_by_period(db)
    assert by == "year"
    assert [r.as_dict() for r in rows] == [{"period": "2024", "people": 5, "events": 1},
                                           {"period": "2025", "people": 66, "events": 2}]


def test_chart_counts_the_chosen_countrys_people(db):
    _, rows = queries.releases_by_period(db, Filters(country="LT"), by="year")
    assert [(r.period, r.people) for r in rows] == [("2025", 6)]


def test_totals_follow_every_filter(db):
    assert queries.filtered_totals(db) == {"people": 71, "events": 4, "articles": 4}
    assert queries.filtered_totals(db, Filters(since="2025-09")) == {
        "people": 52, "events": 2, "articles": 2}
    assert queries.filtered_totals(db, Filters(kind="exchange", country="PL")) == {
        "people": 5, "events": 1, "articles": 1}


def test_newest_first_pages_are_the_oldest_first_reversed(db):
    oldest = [e.id for e in queries.all_filtered_events(db)]
    pages, after = [], None
    while True:
        page = queries.events_page(db, Filters(), after=after, limit=1, newest=True)
        if not page:
            break
        pages += [e.id for e in page]
        after = page[-1]
    assert pages == oldest[::-1]
