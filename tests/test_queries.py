"""The read API (app.store.queries) on a fixed database of hand-made facts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from app.store import queries
from app.store.schema import open_db
from fixture_db import build_fixture_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = build_fixture_db(tmp_path_factory.mktemp("q") / "fixture.db")
    db = open_db(path, readonly=True)
    yield db
    db.conn.close()


def _words(hit):
    return [hit.text[a:b] for a, b in hit.spans()]


def test_facet_sums_each_event_once_and_sorts_by_count(db):
    rows = {r.code: r for r in queries.country_facet(db)}
    assert [r.code for r in queries.country_facet(db)] == ["PL", "LT", "US", "BY"]
    # PL: 2 in the pardon (reported by two articles, counted once) + 5 in the exchange
    assert (rows["PL"].count, rows["PL"].events) == (7, 2)
    assert (rows["LT"].count, rows["LT"].events, rows["LT"].articles) == (6, 1, 2)
    # the meeting names the US but frees nobody: only the release counts
    assert (rows["US"].count, rows["US"].events) == (1, 1)
    assert (rows["BY"].count, rows["BY"].events, rows["BY"].articles) == (0, 0, 4)
    assert rows["LT"].name == "Литва"
    assert rows["PL"].as_dict() == {"code": "PL", "name": "Польша", "count": 7, "events": 2,
                                    "articles": 3}


def test_facet_follows_the_date_filter(db):
    rows = {r.code: r for r in queries.country_facet(db, since="2025-01-01")}
    assert (rows["PL"].count, rows["PL"].events) == (2, 1)


def test_timeline_in_date_order_with_sources(db):
    events = queries.timeline(db)
    assert [(e.date, e.kind) for e in events] == [
        ("2024-07", "exchange"), ("2025-06-21", "release"), ("2025-09-11", "pardon"),
        ("2025-09-11", "meeting")]
    pardon = events[2].as_dict()
    assert set(pardon) == {"id", "date", "precision", "kind", "count", "bound", "countries",
                           "people", "sources"}
    assert pardon["countries"] == {"LT": 6, "PL": 2}
    assert [s["path"] for s in pardon["sources"]] == ["fixture/a_pardon.txt",
                                                      "fixture/b_followup.txt"]
    assert set(pardon["sources"][0]) == {"path", "date", "title", "sentence", "url"}
    assert pardon["sources"][1]["sentence"].startswith("Накануне Беларусь освободила 52 человека")


def test_timeline_by_country(db):
    assert [e.kind for e in queries.timeline(db, country="LT")] == ["pardon"]
    assert [e.kind for e in queries.timeline(db, country="US")] == ["release", "meeting"]
    assert queries.timeline(db, country="JP") == []


@pytest.mark.parametrize("query, found", [
    ("заключенный", "заключённые"),  # another form, and ё in the text
    ("заключённых", "заключённые"),  # ё in the query
    ("литовец", "литовцев"),
    ("ЛИТОВЦА", "литовцев"),
    ("заключ", "заключённые"),  # a prefix while typing
])
def test_search_finds_word_forms_and_highlights_them(db, query, found):
    hits = queries.search_quotes(db, query)
    assert hits and all(found in _words(h) for h in hits)


def test_search_needs_every_word(db):
    assert [h.speaker for h in queries.search_quotes(db, "литовцев граница")] == ["Анна Берзина"]
    assert queries.search_quotes(db, "литовцев обмен") == []


def test_search_filters_by_country_and_speaker(db):
    # a quote belongs to a country its article mentions or whose freed people it reports
    assert [h.speaker for h in queries.search_quotes(db, "граница", country="LT")] == [
        "Анна Берзина"]
    assert queries.search_quotes(db, "здоровы", country="LT") == []
    assert {h.speaker for h in queries.search_quotes(db, "граница")} == {
        "Ян Ковальский", "Анна Берзина"}
    assert [h.speaker for h in queries.search_quotes(db, "", speaker="смит")] == ["Джон Смит"]
    assert queries.count_quotes(db, "граница") == 2
    assert queries.count_quotes(db, "", country="LT") == 3


def test_search_result_points_at_its_sentence(db):
    (hit,) = queries.search_quotes(db, "здоровы")
    doc = queries.article(db, hit.article_id)
    assert doc.text[hit.start:hit.end] == hit.text
    assert doc.text[hit.sentence_start:hit.sentence_end] == hit.sentence
    assert hit.as_dict()["path"] == "fixture/c_exchange.txt"


def test_empty_query_lists_newest_quotes_and_wordless_input_none(db):
    assert len(queries.search_quotes(db, "")) == 5
    assert queries.search_quotes(db, "\"(*") == []
    assert queries.count_quotes(db, "\"(*") == 0


@pytest.mark.parametrize("query", ['"', "*", "(", ")", "NEAR(a b)", "a OR", "NOT", "^", "-",
                                   "😀" * 10, "x" * 10_000, "литовцев AND", "col:word", "'",
                                   "\x00", "литов*", "{text}: a"])
def test_odd_input_gives_results_or_none(db, query):
    assert isinstance(queries.search_quotes(db, query), list)
    assert queries.count_quotes(db, query) >= 0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_a_safe_query(db, query):
    hits = queries.search_quotes(db, query, speaker=query, country="LT")
    assert all(h.text for h in hits)


@pytest.mark.parametrize("value, code", [("LT", "LT"), ("lt", "LT"), ("Литва", "LT"),
                                         ("литва", "LT"), ("Lithuania", "LT"),
                                         ("BELARUS", "BY"), ("беларусь", "BY")])
def test_resolve_country(value, code):
    assert queries.resolve_country(value) == code


def test_resolve_country_unknown():
    assert queries.resolve_country("Нарния-на-Луне") is None


def test_article_paragraphs_cover_the_headline_and_body(db):
    (hit,) = queries.search_quotes(db, "здоровы")
    doc = queries.article(db, hit.article_id)
    assert doc.text[slice(*doc.paragraphs[0][:2])] == "Обмен на польской границе"
    assert len(doc.paragraphs) == 3


# --- at scale: paging, caps, precomputed tables --------------------------------------------------

def test_timeline_pages_follow_each_other_without_gaps(db):
    whole = queries.timeline(db, limit=None)
    assert len(whole) == queries.count_events(db) == 4
    pages, after = [], None
    while page := queries.timeline(db, after=after, limit=1):
        pages += page
        after = page[-1]
    assert [e.id for e in pages] == [e.id for e in whole] == [e.id for e in queries.all_events(db)]
    # a page of one country, after the first event of that country
    us = queries.timeline(db, country="US", limit=1)
    assert [e.kind for e in us] == ["release"]
    assert [e.kind for e in queries.timeline(db, country="US", after=us[0])] == ["meeting"]
    assert queries.count_events(db, "US") == 2 and queries.count_events(db, "JP") == 0


def test_timeline_pages_past_undated_events(tmp_path):
    from app.store.schema import open_db as open_rw
    from fixture_db import build_fixture_db

    path = build_fixture_db(tmp_path / "f.db")
    rw = open_rw(path)
    rw.execute("update events set date = null where kind in ('exchange', 'meeting')")
    rw.conn.commit()
    dates = [e.date for e in queries.timeline(rw, limit=None)]
    assert dates == ["2025-06-21", "2025-09-11", None, None]  # undated last
    first, = queries.timeline(rw, after=queries.timeline(rw, limit=2)[-1], limit=1)
    last, = queries.timeline(rw, after=first, limit=5)
    assert (first.date, first.kind, last.date, last.kind) == (None, "exchange", None, "meeting")
    rw.conn.close()


def test_count_stops_at_the_cap(db):
    assert queries.count_quotes(db, "", cap=2) == 3  # cap + 1: «more than 2»
    assert queries.count_quotes(db, "граница", cap=1) == 2
    assert queries.count_quotes(db, "граница", cap=10) == 2
    assert queries.count_quotes(db, "", country="LT", cap=100) == 3


def test_stored_facet_equals_the_live_one(db):
    assert queries.country_facet(db) == queries.live_country_facet(db)
    assert queries.country_facet(db, limit=2) == queries.live_country_facet(db)[:2]


def test_a_word_being_typed_matches_its_completions_only_when_last(db):
    # «литовц» is no word: as the last word it is a prefix («литовцев»); before another, not
    assert [h.speaker for h in queries.search_quotes(db, "граница литовц")] == ["Анна Берзина"]
    assert queries.search_quotes(db, "литовц граница") == []
    assert "литовцев" in _words(queries.search_quotes(db, "литовц")[0])
