"""The pardons app: countries, a chart of releases over time, the timeline and quote search over
one database, narrowed by filters that combine (country, period, kind of act, person, the search).

Widgets only display results; every database call runs here, in a thread worker with a read-only
connection of its own (sqlite3 connections belong to one thread), and reports back by message.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from app.filters import Filters
from app.plural import en as plural
from app.render import KIND_RU
from app.sanitize import clean_line, is_clean
from app.store import queries
from app.store.schema import connect
from app.tui.commands import PardonsCommands
from app.tui.idle_gc import IdleCollector
from app.tui.messages import (ArticleLoaded, ChartLoaded, ChartPeriodChosen, CountryChosen,
                              FacetLoaded, MoreEvents, OpenSource, PeopleLoaded,
                              PersonChosen, PersonEventsLoaded, QuotesLoaded, SourceRef,
                              TimelineLoaded, TotalsLoaded, WarmedUp)
from app.tui.screens.help import HelpScreen
from app.tui.screens.people import PeopleScreen
from app.tui.screens.period import PeriodScreen
from app.tui.screens.source import SourceScreen
from app.tui.widgets.chart import ReleasesChart
from app.tui.widgets.country_table import CountryTable
from app.tui.widgets.filter_bar import FilterBar
from app.tui.widgets.quote_search import QuoteList, QuoteSearch
from app.tui.widgets.status_line import StatusLine
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
    #left { width: 40%; min-width: 33; max-width: 64; }
    CountryTable { height: 1fr; border: round $primary-darken-2; }
    ReleasesChart { border: round $primary-darken-2; }
    #right { width: 1fr; }
    TimelinePane, QuoteSearch { height: 1fr; border: round $primary-darken-2; }
    CountryTable:focus, ReleasesChart:focus, TimelinePane:focus-within,
    QuoteSearch:focus-within {
        border: round $accent;
    }
    /* a short or narrow terminal (80×24): the timeline keeps its key columns and 6 rows */
    Screen.-narrow #left { width: 34; min-width: 34; }
    Screen.-short ReleasesChart { height: 8; }
    Screen.-short TimelinePane { height: 2fr; }
    Screen.-short TimelinePane SourceList { max-height: 4; }
    """
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search.focus"),
        Binding("c", "pick_country", "Country", id="country.pick"),
        Binding("d", "pick_period", "Period", id="filter.period"),
        Binding("t", "pick_kind", "Kind", id="filter.kind"),
        Binding("p", "people", "People", id="people.open"),
        Binding("x", "clear_filter", "Clear", id="country.clear"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="country.clear.escape"),
        Binding("v", "review", "Review", id="review"),
        Binding("e", "export", "Export", id="export.csv"),
        Binding("o", "toggle_order", "Order", id="timeline.order"),
        # the footer is full: these are in the help (?) and the palette
        Binding("y", "copy_quote", "Copy quote", show=False, id="quote.copy"),
        Binding("r", "refresh", "Refresh", show=False, id="refresh"),
        Binding("w", "toggle_off_topic", "Off-topic pages", show=False, id="off_topic.toggle"),
        Binding("T", "confirmed_totals", "Confirmed totals", show=False, id="country.confirmed"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    COMMANDS = App.COMMANDS | {PardonsCommands}
    # (action, title, help) offered in the command palette and listed on the help screen
    PALETTE_ACTIONS = [
        ("focus_search", "Search quotes", "focus the quote search input (/)"),
        ("pick_country", "Pick a country", "filter everything by a country, by name or code (c)"),
        ("clear_filter", "Clear every filter", "show everything again (x, Esc)"),
        ("copy_quote", "Copy the selected quote", "copy the quote's text to the clipboard (y)"),
        ("pick_period", "Pick a period",
         "filter everything by a year, a month or a range FROM..TO (d; Enter on the chart)"),
        ("pick_kind", "Pick a kind of act", "filter everything by release, pardon, exchange… (t)"),
        ("people", "People freed", "the people released, their events and sources; "
                                   "f filters by one (p)"),
        ("toggle_order", "Newest or oldest first", "turn the timeline's order around (o)"),
        ("export", "Export CSV", "write the timeline and country totals under the filters to a "
                                 "CSV file (UTF-8 with BOM) in the current folder (e)"),
        ("export('json')", "Export JSON", "the same, as JSON"),
        ("export('md')", "Export Markdown", "the same, as Markdown tables"),
        ("refresh", "Refresh", "reload every pane, to show what an import added (r)"),
        ("toggle_off_topic", "Show or hide off-topic pages",
         "quotes of web pages that report no release: shown, or hidden (w)"),
        ("review", "Review and correct",
         "the events and quotes that need a look, and the corrections (v)"),
        ("confirmed_totals", "Country totals: confirmed events only (toggle)",
         "count only the events a person confirmed or edited (T)"),
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
        self.show_off_topic = True  # quotes of off-topic web pages (never in timeline or counts)
        self.other_filters = Filters()  # every filter but the country (the reactive above)
        self.newest = False  # the timeline's order
        self.totals: dict[str, int] | None = None
        self.quote_total: tuple[int, bool] | None = None
        self.people_rows: list[queries.PersonRow] = []
        self.export_dir = Path.cwd()
        self.confirmed_only = False  # the country totals count only events a person confirmed
        self.collector = IdleCollector()

    @property
    def filters(self) -> Filters:
        return replace(self.other_filters, country=self.country)

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield CountryTable(id="countries")
                yield ReleasesChart(id="chart")
            with Vertical(id="right"):
                yield TimelinePane(id="timeline")
                yield QuoteSearch(id="quote-search")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(CountryTable).border_title = "Countries"
        self.query_one(ReleasesChart).border_title = "Released per month"
        self.query_one(TimelinePane).border_title = "Timeline"
        self.query_one(QuoteSearch).border_title = "Quotes"
        self._fit(self.size.width, self.size.height)
        self._show_filter()
        self.load_facet(self.filters)
        self.load_timeline(self.country, filters=self.filters, newest=self.newest)
        self.search(self.query_text, self.country)
        self.query_one(CountryTable).focus()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What can wait for the first frame: the chart and the totals, and the heavy imports
        (which then load before the first keystroke)."""
        self.load_chart(self.filters)
        self.load_totals(self.filters)
        self.warm_up()

    # actions that work on the main screen's panes (other screens have keys of their own)
    MAIN_SCREEN_ACTIONS = {"focus_search", "pick_country", "clear_filter", "copy_quote",
                           "pick_period", "pick_kind", "people", "toggle_order", "export",
                           "review", "confirmed_totals", "toggle_off_topic"}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.MAIN_SCREEN_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    def on_resize(self, event) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        screen = self.screen_stack[0]  # the main screen, also when another is on top
        screen.set_class(width < 100, "-narrow")
        screen.set_class(height < 32, "-short")

    def _load_all(self) -> None:
        self.load_facet(self.filters)
        self._load_filtered()

    def _load_filtered(self) -> None:
        """Everything that follows the filters, except the facet when only the country moved."""
        f = self.filters
        self.totals = None
        self.load_timeline(self.country, filters=f, newest=self.newest)
        self.search(self.query_text, self.country)
        self.load_chart(f)
        self.load_totals(f)

    # --- the filters ----------------------------------------------------------------------

    def set_country(self, code: str | None) -> None:
        self.country = code

    def set_filters(self, **changes) -> None:
        """Change filters other than the country (since, until, kind, person): every pane and
        the country table follow."""
        new = replace(self.other_filters, **changes)
        if new != self.other_filters:
            self.other_filters = new
            self._show_filter()
            self._load_all()

    def watch_country(self, code: str | None) -> None:
        self._show_filter()
        self.query_one(CountryTable).show(self.country_rows, code)
        self._load_filtered()

    def _show_filter(self) -> None:
        code = self.country
        self.query_one(FilterBar).show(self.filters, queries.country_label(code) if code else "",
                                       self.query_text)
        self._show_status()

    def _show_status(self) -> None:
        quotes, more = self.quote_total if self.quote_total else (None, False)
        self.query_one(StatusLine).show(self.totals, quotes, more, self.filters.active(),
                                        bool(self.query_text.strip()))

    def search(self, query: str, country: str | None) -> None:
        """Start a search; a search still running for an earlier keystroke is stopped inside
        SQLite (its worker is cancelled too, but a thread only sees that between calls)."""
        running = self._searching
        if running is not None:
            running.interrupt()
        self.load_quotes(query, country, self.filters)

    # --- database workers -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="facet", exit_on_error=False)
    def load_facet(self, filters: Filters = Filters()) -> None:
        """The country table, narrowed by every filter but the country."""
        with self.readers.connection() as db:
            rows = queries.filtered_country_facet(db, filters, confirmed=self.confirmed_only)
            stats = queries.database_summary(db)
        if not get_current_worker().is_cancelled:
            self.post_message(FacetLoaded(rows, stats, filters))

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load_timeline(self, country: str | None, after: queries.EventRow | None = None,
                      filters: Filters | None = None, newest: bool = False) -> None:
        """The first page of the timeline (or, with `after`, the next one)."""
        f = filters if filters is not None else Filters(country=country)
        with self.readers.connection() as db:
            events = queries.events_page(db, f, after=after, limit=self.timeline_page,
                                         newest=newest)
            total = queries.count_filtered_events(db, f) if after is None else None
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineLoaded(f.country, events, total,
                                             after.id if after is not None else None, f, newest))

    @work(thread=True, exclusive=True, group="chart", exit_on_error=False)
    def load_chart(self, filters: Filters) -> None:
        """The chart follows every filter but the date range (it shows that range instead)."""
        with self.readers.connection() as db:
            by, rows = queries.releases_by_period(db, filters.without("since", "until"))
        if not get_current_worker().is_cancelled:
            self.post_message(ChartLoaded(filters, by, rows))

    @work(thread=True, exclusive=True, group="totals", exit_on_error=False)
    def load_totals(self, filters: Filters) -> None:
        with self.readers.connection() as db:
            totals = queries.filtered_totals(db, filters)
        if not get_current_worker().is_cancelled:
            self.post_message(TotalsLoaded(filters, totals))

    @work(thread=True, exclusive=True, group="people", exit_on_error=False)
    def load_people(self, filters: Filters) -> None:
        with self.readers.connection() as db:
            people = queries.people_index(db, filters)
        if not get_current_worker().is_cancelled:
            self.post_message(PeopleLoaded(filters, people))

    @work(thread=True, exclusive=True, group="person-events", exit_on_error=False)
    def load_person_events(self, person: queries.PersonRow) -> None:
        f = replace(self.filters, person=person.names)
        with self.readers.connection() as db:
            events = queries.all_filtered_events(db, f, newest=self.newest)
        if not get_current_worker().is_cancelled:
            self.post_message(PersonEventsLoaded(person, events))

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """After the first frame: load the search's morphology (pymorphy3, ~0.1-0.3 s) and the
        chart's plotting library, so that neither the first frame nor the first keystroke
        waits for them."""
        queries.prepare_search()
        import textual_plotext  # noqa: F401  (the chart mounts its plot on WarmedUp)

        self.post_message(WarmedUp())

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self, query: str, country: str | None, filters: Filters | None = None) -> None:
        worker = get_current_worker()
        f = filters if filters is not None else Filters(country=country)
        with self.readers.connection() as db:
            self._searching = db
            try:
                hits = queries.search_quotes(db, query, limit=QUOTE_LIMIT, filters=f,
                                             off_topic=self.show_off_topic)
                if worker.is_cancelled:
                    return
                total = (len(hits) if len(hits) < QUOTE_LIMIT
                         else queries.count_quotes(db, query, cap=COUNT_CAP, filters=f,
                                                   off_topic=self.show_off_topic))
            except sqlite3.OperationalError:
                if worker.is_cancelled:  # interrupted by the next keystroke's search
                    return
                raise
            finally:
                if self._searching is db:
                    self._searching = None
        if not worker.is_cancelled:
            self.post_message(QuotesLoaded(query, f.country, hits, total, total > COUNT_CAP, f))

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
        if message.filters is not None and message.filters.without("country") != \
                self.filters.without("country"):
            return  # the rows of an older filter
        self.country_rows, self.stats = message.rows, message.stats
        self.query_one(CountryTable).show(message.rows, self.country)
        self._show_filter()

    def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        if message.filters == self.filters and message.newest == self.newest:
            pane = self.query_one(TimelinePane)
            if message.after_id is None:
                pane.show(message.events, message.total, "newest first" if self.newest else "")
            else:
                pane.append(message.events, message.after_id)

    def on_more_events(self, message: MoreEvents) -> None:
        if isinstance(self.screen, PeopleScreen):
            return  # the people screen's timeline holds all of a person's events
        self.load_timeline(self.country, message.after, self.filters, self.newest)

    def on_quotes_loaded(self, message: QuotesLoaded) -> None:
        if message.filters == self.filters and message.query == self.query_text:
            self.query_one(QuoteSearch).show(message.query, message.hits, message.total,
                                             message.more)
            self.quote_total = (message.total, message.more)
            self._show_status()

    def on_totals_loaded(self, message: TotalsLoaded) -> None:
        if message.filters == self.filters:
            self.totals = message.totals
            self._show_status()

    def on_chart_loaded(self, message: ChartLoaded) -> None:
        if message.filters == self.filters:
            self.query_one(ReleasesChart).show(message.by, message.rows, message.filters)

    def on_chart_period_chosen(self, message: ChartPeriodChosen) -> None:
        self.set_filters(since=message.period, until=message.period)

    def on_people_loaded(self, message: PeopleLoaded) -> None:
        self.people_rows = message.people
        for screen in self.screen_stack:
            if isinstance(screen, PeopleScreen):
                screen.show_people(message.people)

    def on_person_events_loaded(self, message: PersonEventsLoaded) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PeopleScreen):
                screen.show_events(message.person, message.events)

    def on_person_chosen(self, message: PersonChosen) -> None:
        self.set_filters(person=message.person.names if message.person else ())

    def on_warmed_up(self, message: WarmedUp) -> None:
        self.collector.start()  # from now on, garbage is collected while the user pauses
        self.set_interval(0.5, self.collector.tick, name="idle-gc")
        self.query_one(ReleasesChart).mount_plot()

    def on_unmount(self) -> None:
        self.collector.stop()

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
        self._show_filter()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(QuoteList).focus()

    # --- actions --------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_filter(self) -> None:
        self.other_filters = Filters()  # the country's watcher reloads; or, if it was none:
        if self.country is None:
            self._show_filter()
            self._load_all()
        else:
            self.country = None
            self.load_facet(self.filters)

    def action_pick_period(self) -> None:
        def chosen(result) -> None:
            if result is not None:
                since, until = result
                self.set_filters(since=since, until=until)

        self.push_screen(PeriodScreen(self.filters.period_label()), chosen)

    def action_pick_kind(self) -> None:
        commands = [(f"{ru} · {kind}", partial(self.set_filters, kind=kind), f"only {kind} events")
                    for kind, ru in KIND_RU.items()]
        commands.append(("every kind", partial(self.set_filters, kind=None), "no kind filter"))
        self.search_commands(commands, placeholder="Kind of act: release, pardon, exchange…")

    def action_people(self) -> None:
        f = self.filters
        scope = [queries.country_label(f.country) if f.country else "", f.period_label(),
                 KIND_RU.get(f.kind, f.kind or "")]
        self.push_screen(PeopleScreen(" · ".join(p for p in scope if p) or "every event"))
        self.load_people(f.without("person"))

    def action_toggle_order(self) -> None:
        self.newest = not self.newest
        self.load_timeline(self.country, None, self.filters, self.newest)
        self.notify("newest first" if self.newest else "oldest first", timeout=2)

    def action_export(self, fmt: str = "csv") -> None:
        self.export_file(self.filters, fmt, self.newest)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_file(self, filters: Filters, fmt: str, newest: bool) -> None:
        """Write the timeline and the country totals under `filters` to a new file in
        `export_dir` (CSV with a BOM, so that spreadsheets read it as UTF-8), and say where."""
        import datetime as dt

        from app.export import export_data, render

        with self.readers.connection() as db:
            data = export_data(queries.all_filtered_events(db, filters, newest=newest),
                               queries.filtered_country_facet(db, filters), filters)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.export_dir / f"pardons-export-{stamp}.{fmt}"
        path.write_text(render(data, fmt, bom=True), encoding="utf-8", newline="")
        self.last_export = path
        self.call_from_thread(self.notify, clean_line(
            f"wrote {path.resolve()} ({plural(len(data['timeline']), 'event')}, "
            f"{plural(len(data['countries']), 'country')})"), title="export", timeout=8,
            markup=False)

    def action_refresh(self) -> None:
        """Read everything again (after an import, or `import --rebuild`)."""
        self.readers.reset()
        self._load_all()

    def action_toggle_off_topic(self) -> None:
        self.show_off_topic = not self.show_off_topic
        self.search(self.query_text, self.country)
        self.notify(f"quotes of off-topic pages {'shown' if self.show_off_topic else 'hidden'}",
                    timeout=2)

    def action_review(self) -> None:
        from app.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(), lambda changed: changed and self.action_refresh())

    def action_confirmed_totals(self) -> None:
        self.confirmed_only = not self.confirmed_only
        self.query_one(CountryTable).border_title = (
            "Countries · confirmed events only" if self.confirmed_only else "Countries")
        self.load_facet(self.filters)

    def action_pick_country(self) -> None:
        commands = [(clean_line(f"{r.name} · {r.code} · {queries.country_label(r.code, 'en')}"),
                     partial(self.set_country, r.code),
                     f"{r.count} freed, {plural(r.events, 'event')}, "
                     f"{plural(r.articles, 'article')}")
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
        chart = [(_key_name(b.key), b.description) for b in ReleasesChart.BINDINGS]
        people = [(_key_name(b.key), b.description) for b in PeopleScreen.BINDINGS]
        people.append(("Enter", "On a person: their events · on an event: its article"))
        from app.tui.screens.review import ReviewScreen

        review = [(_key_name(b.key), b.description) for b in ReviewScreen.BINDINGS]
        self.push_screen(HelpScreen([("Main screen", keys), ("Chart of releases", chart),
                                     ("People screen", people), ("Source view", source),
                                     ("Review screen (v)", review)]))


def _key_name(key: str) -> str:
    names = {"slash": "/", "question_mark": "?", "escape": "Esc", "left": "←", "right": "→",
             "home": "Home", "end": "End", "enter": "Enter"}
    return " / ".join(names.get(k, k) for k in key.split(","))


def run_app(db_path: Path | str) -> None:
    PardonsApp(db_path).run()
