"""The app on imported web pages: an off-topic page's quote is found, can be hidden with `o`,
and the page adds nothing to the timeline or the country pane."""
import asyncio

from app.store.importer import run_import
from app.tui.app import PardonsApp
from fixture_db import wait_for_workers
from web_pages import make_page


async def _settle(pilot) -> None:
    for _ in range(3):
        await wait_for_workers(pilot.app)
        await pilot.pause()


def test_off_topic_pages_shown_or_hidden(tmp_path):
    seeds = tmp_path / "pages"
    seeds.mkdir()
    (seeds / "aliev.html").write_text(make_page("ev_02_aliev_pomilovanie.txt")[1], encoding="utf-8")
    (seeds / "vystavka.html").write_text(make_page("OFF_TOPIC")[1], encoding="utf-8")
    db = tmp_path / "d.db"
    assert [p.rsplit("/", 1)[1] for p in run_import(db, [seeds]).off_topic] == ["vystavka.html"]

    async def drive():
        app = PardonsApp(db)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            quotes, events = app.query_one("QuoteList"), app.query_one("EventTable")
            countries = app.query_one("CountryTable")
            off = [h for h in quotes.hits if h.path.endswith("vystavka.html")]
            assert len(off) == 1 and "тракторов" in off[0].text
            sources = {s.path.rsplit("/", 1)[1] for e in events.events for s in e.sources}
            assert events.row_count > 0 and sources == {"aliev.html"}
            assert not {"CN", "DE"} & set(countries.rows_by_code)  # named by the off-topic page only
            shown = len(quotes.hits)
            await pilot.press("w")
            await _settle(pilot)
            assert len(quotes.hits) == shown - 1
            assert not [h for h in quotes.hits if h.path.endswith("vystavka.html")]
            await pilot.press("w")
            await _settle(pilot)
            assert len(quotes.hits) == shown
    asyncio.run(drive())
