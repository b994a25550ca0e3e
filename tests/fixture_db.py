"""A small fixed database built from hand-made facts, for the app's and the queries' tests.

The facts are written by hand (not extracted) and the merged events are written directly, so
these tests and the snapshots do not move when extraction or merging changes.
"""
from __future__ import annotations

import asyncio
import functools
import datetime as dt
import json
from pathlib import Path

from textual.worker import WorkerCancelled

from app.extract.model import CountryMention, Event, Facts, Quote
from app.reader import Article, build
from app.store.events import refresh_read_tables
from app.store.importer import write_article
from app.store.schema import open_db, set_meta

ARTICLES = {
    "a_pardon.txt": (dt.date(2025, 9, 11), "Президент Беларуси помиловал 52 заключенных", [
        "Президент Беларуси помиловал 52 заключенных, среди них шесть граждан Литвы и двое "
        "граждан Польши.",
        "«Это важный шаг: среди освобожденных были шесть литовцев», — заявил президент Литвы.",
        "Освобожденные пересекли границу с Литвой в четверг. Переговоры вел посланник США.",
        "«Мы продолжим работу, пока все заключённые не выйдут на свободу», — сказал посланник "
        "Джон Смит.",
    ]),
    "b_followup.txt": (dt.date(2025, 9, 12), "Литва приняла освобожденных", [
        "Накануне Беларусь освободила 52 человека, среди них шестеро граждан Литвы.",
        "«Мы встретили всех литовцев на границе», — сказала министр Анна Берзина.",
    ]),
    "c_exchange.txt": (dt.date(2024, 7, 3), "Обмен на польской границе", [
        "В июле Польша и Беларусь провели обмен: пятеро граждан Польши вернулись домой.",
        "«Обмен состоялся на границе, все здоровы», — сообщил премьер Польши Ян Ковальский.",
    ]),
    "d_us.txt": (dt.date(2025, 6, 21), "Освобожден гражданин США", [
        "Беларусь освободила 14 заключенных, среди них гражданин США.",
        "«Я благодарю всех, кто добивался нашего освобождения», — сказал освобожденный "
        "Петр Иванов.",
    ]),
}


def _article(name: str) -> Article:
    date, title, paragraphs = ARTICLES[name]
    return build(f"fixture/{name}", "\n\n".join(paragraphs), date=date, title=title)


def _span(article: Article, needle: str, after: int = 0) -> tuple[int, int]:
    start = article.text.index(needle, after)
    return start, start + len(needle)


def _quote(article: Article, text: str, speaker: str) -> Quote:
    start, end = _span(article, text)
    return Quote(text, start, end, speaker, "statement", article.sentence_at(start))


def _mentions(article: Article, forms: dict[str, str]) -> list[CountryMention]:
    out = []
    for form, code in forms.items():
        pos = 0
        while (pos := article.text.find(form, pos)) >= 0:
            out.append(CountryMention(code, pos, pos + len(form), form, "name"))
            pos += len(form)
    return out


def _event(article: Article, needle: str, kind: str, date: str, count: int | None,
           countries: list[str], breakdown: dict[str, int], people=()) -> Event:
    start, end = _span(article, needle)
    return Event(kind, date, count, article.sentence_at(start), start, end,
                 countries=countries, breakdown=breakdown, people=list(people))


COUNTRY_FORMS = {"Беларуси": "BY", "Беларусь": "BY", "Литвы": "LT", "Литвой": "LT",
                 "Польши": "PL", "Польша": "PL", "польской": "PL", "США": "US"}


def facts_by_article() -> dict[str, tuple[Article, Facts]]:
    a, b, c, d = (_article(n) for n in ARTICLES)
    return {
        "a": (a, Facts(
            quotes=[_quote(a, "Это важный шаг: среди освобожденных были шесть литовцев",
                           "президент Литвы"),
                    _quote(a, "Мы продолжим работу, пока все заключённые не выйдут на свободу",
                           "Джон Смит")],
            events=[_event(a, "помиловал 52 заключенных, среди", "pardon", "2025-09-11", 52,
                           ["LT", "PL"], {"LT": 6, "PL": 2}),
                    _event(a, "Переговоры вел посланник США", "meeting", "2025-09-11", None,
                           ["US"], {}, ["Джон Смит"])],
            countries=_mentions(a, COUNTRY_FORMS))),
        "b": (b, Facts(
            quotes=[_quote(b, "Мы встретили всех литовцев на границе", "Анна Берзина")],
            events=[_event(b, "освободила 52 человека", "release", "2025-09-11", 52,
                           ["LT"], {"LT": 6})],
            countries=_mentions(b, COUNTRY_FORMS))),
        "c": (c, Facts(
            quotes=[_quote(c, "Обмен состоялся на границе, все здоровы", "Ян Ковальский")],
            events=[_event(c, "провели обмен", "exchange", "2024-07", 5, ["PL"], {"PL": 5})],
            countries=_mentions(c, COUNTRY_FORMS))),
        "d": (d, Facts(
            quotes=[_quote(d, "Я благодарю всех, кто добивался нашего освобождения",
                           "Петр Иванов")],
            events=[_event(d, "освободила 14 заключенных", "release", "2025-06-21", 14,
                           ["US"], {"US": 1}, ["Петр Иванов"])],
            countries=_mentions(d, COUNTRY_FORMS))),
    }


# merged events, written by hand: (date, precision, kind, count, countries, people, reports)
# where reports are (article key, report index)
EVENTS = [
    ("2024-07", "month", "exchange", 5, {"PL": 5}, [], [("c", 0)]),
    ("2025-06-21", "day", "release", 14, {"US": 1}, ["Петр Иванов"], [("d", 0)]),
    ("2025-09-11", "day", "pardon", 52, {"LT": 6, "PL": 2}, [], [("a", 0), ("b", 0)]),
    ("2025-09-11", "day", "meeting", None, {"US": None}, ["Джон Смит"], [("a", 1)]),
]


def build_fixture_db(path: Path) -> Path:
    db = open_db(path, create=True)
    for article, facts in facts_by_article().values():
        write_article(db, article, facts)
    report_id = {}
    for key, (article, _) in facts_by_article().items():
        for rid, idx in db.execute("select r.id, r.idx from reports r join articles a on "
                                   "a.id = r.article_id where a.path = ?", [article.path]):
            report_id[key, idx] = rid
    with db.atomic():
        for date, precision, kind, count, countries, people, reports in EVENTS:
            articles = len({k for k, _ in reports})
            eid = db["events"].insert({"date": date, "precision": precision, "kind": kind,
                                       "count": count, "bound": None,
                                       "people": json.dumps(people, ensure_ascii=False),
                                       "sources": len(reports), "articles": articles}).last_pk
            db["event_reports"].insert_all({"event_id": eid, "report_id": report_id[r]}
                                           for r in reports)
            db["event_countries"].insert_all({"event_id": eid, "country": code, "count": n}
                                             for code, n in countries.items())
        refresh_read_tables(db)  # what rebuild_events does after writing events
        set_meta(db, "events_dirty", "0")
    db.conn.close()
    return path


async def wait_for_workers(app) -> None:
    """Wait for the app's workers; one cancelled by its exclusive successor (the next timeline
    page, the next keystroke's search) is expected, and the successor is waited for instead."""
    while True:
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            await asyncio.sleep(0)


def sync(test):
    """Run an async test with asyncio (no async pytest plugin is installed)."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return run


async def settle(pilot, rounds: int = 3) -> None:
    """Let every database worker finish and its results reach the screen."""
    for _ in range(rounds):
        await wait_for_workers(pilot.app)
        await pilot.pause()
