"""The pardons app: countries, timeline and quote search over one database, filtered by country.

Widgets only display results; every database call runs here, in a thread worker with a read-only
connection of its own (sqlite3 connections belong to one thread), and reports back by message.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from app.sanitize import clean_line, is_clean
from app.store import queries
from app.store.schema import connect
from app.tui.commands import PardonsCommands
from app.tui.messages import (ArticleLoaded, CountryChosen, FacetLoaded, MoreEvents, OpenSource,
                              QuotesLoaded, SourceRef, TimelineLoaded)
from app.tui.screens.help import HelpScreen
from app.tui.screens.source import SourceScreen
from app.tui.widgets.country_table import CountryTable
from app.tui.widgets.filter_bar import FilterBar
from app.tui.widgets.quote_search import QuoteList, QuoteSearch
from app.tui.widgets.timeline import TimelinePane

QUOTE_LIMIT = 100  # results shown; the count line gives the total
COUNT_CAP = 1000  # past this many matches the count line says «1000+»


class Readers:
    """Read-only connections kept between queries, so each keeps its page cache; a worker takes
    one for a query and gives it back. `reset` (the refresh key) drops them: after
    `import --rebuild` swaps the file, new connections find the new database."""
    KEEP = 4

    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: list = []
        self._lock = threading.Lock()
        self._generation = 0

    @contextmanager
    def connection(self):
        with self._lock:
            db, generation = (self._idle.pop() if self._idle else None), self._generation
        if db is None:
            db = connect(self.path, readonly=True)
        try:
            yield db
        finally:
            with self._lock:
                keep = generation == self._generation and len(self._idle) < self.KEEP
                if keep:
                    self._idle.append(db)
            if not keep:
                db.close()

    def reset(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
        for db in idle:
            db.close()


class PardonsApp(App):
    TITLE = "pardons"
    CSS = """
    #main { height: 1fr; }
    CountryTable { width: 40%; min-width: 33; max-width: 64; border: round $primary-darken-2; }
    #right { width: 1fr; }
    TimelinePane, QuoteSearch { height: 1fr; border: round $primary-darken-2; }
    CountryTable:focus, TimelinePane:focus-within, QuoteSearch:focus-within {
        border: round $accent;
    }
    """
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search.focus"),
        Binding("c", "pick_country", "Country", id="country.pick"),
        Binding("x", "clear_filter", "Clear filter", id="country.clear"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="country.clear.escape"),
        Binding("y", "copy_quote", "Copy quote", id="quote.copy"),
        Binding("r", "refresh", "Refresh", id="refresh"),
        Binding("v", "review", "Review", id="review"),
        Binding("t", "confirmed_totals", "Confirmed totals", id="country.confirmed"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    COMMANDS = App.COMMANDS | {PardonsCommands}
    # (action, title, help) offered in the command palette and listed on the help screen
    PALETTE_ACTIONS = [
        ("focus_search", "Search quotes", "focus the quote search input (/)"),
        ("pick_country", "Pick a country", "filter everything by a country, by name or code (c)"),
        ("clear_filter", "Clear the country filter", "show every country again (x, Esc)"),
        ("copy_quote", "Copy the selected quote", "copy the quote's text to the clipboard (y)"),
        ("refresh", "Refresh", "reload every pane, to show what an import added (r)"),
        ("review", "Review and correct",
         "the events and quotes that need a look, and the corrections (v)"),
        ("confirmed_totals", "Country totals: confirmed events only (toggle)",
         "count only the events a person confirmed or edited (t)"),
        ("help", "Help: keys", "list every key (?)"),
        ("quit", "Quit", "leave pardons (q)"),
    ]

    country: reactive[str | None] = reactive(None, init=False)

    def __init__(self, db_path: Path | str) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.readers = Readers(self.db_path)
        self.timeline_page = queries.TIMELINE_PAGE
        self._searching: sqlite3.Connection | None = None  # the running search's, to interrupt
        self.country_rows: list = []
        self.stats: dict[str, int] | None = None
        self.query_text = ""
        self.confirmed_only = False  # the country totals count only events a person confirmed

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter")
        with Horizontal(id="main"):
            yield CountryTable(id="countries")
            with Vertical(id="right"):
                yield TimelinePane(id="timeline")
                yield QuoteSearch(id="quote-search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CountryTable).border_title = "Countries"
        self.query_one(TimelinePane).border_title = "Timeline"
        self.query_one(QuoteSearch).border_title = "Quotes"
        self._show_filter()
        self._load_all()
        self.query_one(CountryTable).focus()

    def _load_all(self) -> None:
        self.load_facet()
        self.load_timeline(self.country)
        self.search(self.query_text, self.country)

    # --- the filter -----------------------------------------------------------------------

    def set_country(self, code: str | None) -> None:
        self.country = code

    def watch_country(self, code: str | None) -> None:
        self._show_filter()
        self.query_one(CountryTable).show(self.country_rows, code)
        self.load_timeline(code)
        self.search(self.query_text, code)

    def _show_filter(self) -> None:
        code = self.country
        self.query_one(FilterBar).show(code, queries.country_label(code) if code else "",
                                       self.stats)

    def search(self, query: str, country: str | None) -> None:
        """Start a search; a search still running for an earlier keystroke is stopped inside
        SQLite (its worker is cancelled too, but a thread only sees that between calls)."""
        running = self._searching
        if running is not None:
            running.interrupt()
        self.load_quotes(query, country)

    # --- database workers -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="facet", exit_on_error=False)
    def load_facet(self) -> None:
        with self.readers.connection() as db:
            rows = queries.country_facet(db, confirmed=self.confirmed_only)
            stats = queries.database_summary(db)
        self.post_message(FacetLoaded(rows, stats))

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load_timeline(self, country: str | None, after: queries.EventRow | None = None) -> None:
        """The first page of the timeline (or, with `after`, the next one)."""
        with self.readers.connection() as db:
            events = queries.timeline(db, country=country, after=after, limit=self.timeline_page)
            total = queries.count_events(db, country) if after is None else None
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineLoaded(country, events, total,
                                             after.id if after is not None else None))

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self, query: str, country: str | None) -> None:
        worker = get_current_worker()
        with self.readers.connection() as db:
            self._searching = db
            try:
                hits = queries.search_quotes(db, query, country=country, limit=QUOTE_LIMIT)
                if worker.is_cancelled:
                    return
                total = (len(hits) if len(hits) < QUOTE_LIMIT
                         else queries.count_quotes(db, query, country=country, cap=COUNT_CAP))
            except sqlite3.OperationalError:
                if worker.is_cancelled:  # interrupted by the next keystroke's search
                    return
                raise
            finally:
                if self._searching is db:
                    self._searching = None
        if not worker.is_cancelled:
            self.post_message(QuotesLoaded(query, country, hits, total, total > COUNT_CAP))

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, ref: SourceRef) -> None:
        with self.readers.connection() as db:
            doc = queries.article(db, ref.article_id)
        if doc is not None:
            self.post_message(ArticleLoaded(doc, ref))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(clean_line(f"{type(event.worker.error).__name__}: {event.worker.error}"),
                        title="database error", severity="error", markup=False)

    # --- results --------------------------------------------------------------------------

    def on_facet_loaded(self, message: FacetLoaded) -> None:
        self.country_rows, self.stats = message.rows, message.stats
        self.query_one(CountryTable).show(message.rows, self.country)
        self._show_filter()

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        if message.country == self.country:
            pane = self.query_one(TimelinePane)
            if message.after_id is None:
                pane.show(message.events, message.total)
            else:
                pane.append(message.events, message.after_id)

    def on_more_events(self, message: MoreEvents) -> None:
        self.load_timeline(self.country, message.after)

    def on_quotes_loaded(self, message: QuotesLoaded) -> None:
        if message.country == self.country and message.query == self.query_text:
            self.query_one(QuoteSearch).show(message.query, message.hits, message.total,
                                             message.more)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        self.push_screen(SourceScreen(message.doc, message.ref))

    def on_country_chosen(self, message: CountryChosen) -> None:
        self.set_country(message.code)

    def on_open_source(self, message: OpenSource) -> None:
        self.load_article(message.ref)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if not is_clean(event.value):  # pasted control characters: shown as text, never sent
            event.input.value = clean_line(event.value)  # (this comes back as another Changed)
            return
        self.query_text = event.value
        self.search(event.value, self.country)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(QuoteList).focus()

    # --- actions --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_filter(self) -> None:
        self.country = None

    def action_refresh(self) -> None:
        """Read everything again (after an import, or `import --rebuild`)."""
        self.readers.reset()
        self._load_all()

    # the main screen's actions: not offered over another screen (review, source view)
    MAIN_ONLY = {"focus_search", "pick_country", "clear_filter", "copy_quote", "review",
                 "confirmed_totals"}

    def check_action(self, action: str, parameters) -> bool | None:
        if action in self.MAIN_ONLY and self.screen is not self.screen_stack[0]:
            return False
        return True

    def action_review(self) -> None:
        from app.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(), lambda changed: changed and self.action_refresh())

    def action_confirmed_totals(self) -> None:
        self.confirmed_only = not self.confirmed_only
        self.query_one(CountryTable).border_title = (
            "Countries · confirmed events only" if self.confirmed_only else "Countries")
        self.load_facet()

    def action_pick_country(self) -> None:
        commands = [(clean_line(f"{r.name} · {r.code} · {queries.country_label(r.code, 'en')}"),
                     partial(self.set_country, r.code),
                     f"{r.count} freed, {r.events} events, {r.articles} articles")
                    for r in self.country_rows]
        self.search_commands(commands, placeholder="Country: type its name or code…")

    def action_copy_quote(self) -> None:
        hit = self.query_one(QuoteList).current()
        if hit is None:
            self.notify("no quote selected", severity="warning")
            return
        self.copy_to_clipboard(hit.text)
        self.notify("quote copied", timeout=2)

    def action_help(self) -> None:
        helps = {action: help_ for action, _, help_ in self.PALETTE_ACTIONS}
        keys = [(b.key_display or _key_name(b.key), f"{b.description}: {helps[b.action]}"
                 if b.action in helps else b.description) for b in self.BINDINGS]
        keys.append(("Ctrl+P", "Command palette"))
        source = [(_key_name(b.key), b.description) for b in SourceScreen.BINDINGS]
        source.append(("↑ ↓ / j k, PgUp PgDn", "Scroll"))
        from app.tui.screens.review import ReviewScreen

        review = [(_key_name(b.key), b.description) for b in ReviewScreen.BINDINGS]
        self.push_screen(HelpScreen([("Main screen", keys), ("Source view", source),
                                     ("Review screen (v)", review)]))


def _key_name(key: str) -> str:
    names = {"slash": "/", "question_mark": "?", "escape": "Esc"}
    return " / ".join(names.get(k, k) for k in key.split(","))


def run_app(db_path: Path | str) -> None:
    PardonsApp(db_path).run()
