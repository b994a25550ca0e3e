"""The review queue: the events and quotes that need a look (app.review says why), and the
corrections, one key or a short form away. Each correction is written (app.store.corrections)
in a worker with a connection of its own; the queue is read again after it."""
from __future__ import annotations

from functools import partial
from typing import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from app.render import KIND_RU, event_count, event_details
from app.sanitize import clean, clean_line
from app.store import queries
from app.tui.messages import OpenSource, SourceRef
from app.tui.screens.forms import EditEventForm, SpeakerForm
from app.tui.widgets.timeline import source_ref
from app.tui.widgets.vim_keys import VIM_KEYS


class QueueLoaded(Message):
    def __init__(self, items: list, corrections: list) -> None:
        super().__init__()
        self.items, self.corrections = items, corrections


class Corrected(Message):
    """A correction was made (or undone): what it said, to show; or why it could not be."""

    def __init__(self, text: str, error: bool = False) -> None:
        super().__init__()
        self.text, self.error = text, error

    @classmethod
    def run(cls, db_path, change: Callable) -> Corrected:
        """Make a correction on a connection of its own (a worker's): `change(db)` does it and
        says what it did; a refused correction becomes the error to show."""
        from app.store.corrections import CorrectionError
        from app.store.schema import open_db

        db = open_db(db_path)
        try:
            return cls(change(db))
        except CorrectionError as e:
            return cls(str(e), error=True)
        finally:
            db.conn.close()

    def announce(self, screen) -> bool:
        """Tell the user on `screen` what was done, or why not; True when a correction was made."""
        if self.error:
            screen.notify(clean_line(self.text), severity="error", markup=False)
            return False
        screen.notify(clean_line(self.text), title="correction", markup=False, timeout=4)
        return True


class QueueTable(DataTable):
    BINDINGS = VIM_KEYS


class ReviewSources(OptionList):
    """The sources of the highlighted row; Enter opens one, `s` splits it out of its event."""
    BINDINGS = VIM_KEYS


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back"),
        Binding("c", "confirm", "Confirm", id="review.confirm"),
        Binding("e", "edit", "Edit", id="review.edit"),
        Binding("n", "reject", "Not release/quote", id="review.reject"),
        Binding("m", "merge", "Merge", id="review.merge"),
        Binding("s", "split", "Split source", id="review.split"),
        Binding("p", "speaker", "Speaker", id="review.speaker"),
        Binding("o", "open_source", "Open", id="review.open"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("r", "reload", "Reload", show=False, id="review.reload"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #review-head { height: 1; background: $panel; padding: 0 1; }
    ReviewScreen QueueTable { height: 1fr; border: round $primary-darken-2; }
    ReviewScreen #review-detail { height: auto; max-height: 50%; border: round $primary-darken-2; }
    ReviewScreen #review-why { height: auto; padding: 0 1; color: $warning; }
    ReviewScreen ReviewSources { height: auto; max-height: 12; border: none; }
    ReviewScreen QueueTable:focus, ReviewScreen #review-detail:focus-within {
        border: round $accent;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[queries.ReviewItem] = []
        self.corrections: list = []
        self.changed = False  # a correction was made: the main screen reads everything again

    def compose(self) -> ComposeResult:
        yield Static("", id="review-head")
        yield QueueTable(id="queue", cursor_type="row", zebra_stripes=True)
        with Vertical(id="review-detail"):
            yield Static("", id="review-why")
            yield ReviewSources(id="review-sources")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(QueueTable)
        table.border_title = "Review: what needs a look"
        for label, width in (("Why", 22), ("Date", 10), ("What", 12), ("Count", 6),
                             ("Details", None), ("Src", 3)):
            table.add_column(label, width=width)
        table.focus()
        self.load()

    # --- reading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def load(self) -> None:
        with self.app.readers.connection() as db:
            items, fixes = queries.review_queue(db), queries.corrections(db)
        self.post_message(QueueLoaded(items, fixes))

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        self.items, self.corrections = message.items, message.corrections
        table = self.query_one(QueueTable)
        keep = table.cursor_row
        table.clear()
        for it in self.items:
            first = it.reasons[0][0] if it.reasons else ""
            more = f" +{len(it.reasons) - 1}" if len(it.reasons) > 1 else ""
            if it.event is not None:
                e = it.event
                table.add_row(Text(first + more, style="yellow"), Text(clean_line(e.date or "—")),
                              Text(KIND_RU.get(e.kind, clean_line(e.kind))),
                              Text(event_count(e), justify="right"), Text(event_details(e)),
                              Text(str(len(e.sources)), justify="right"))
            else:
                q = it.quote
                table.add_row(Text(first + more, style="yellow"), Text(clean_line(q.date or "—")),
                              Text("цитата"), Text(""), Text(clean_line(f"«{q.text}»")),
                              Text("1", justify="right"))
        if self.items:
            table.move_cursor(row=min(keep, len(self.items) - 1))
        orphaned = sum(c.status == "orphaned" for c in self.corrections)
        head = Text("Review  ", style="bold")
        head.append(f"{len(self.items)} to look at · {len(self.corrections)} corrections"
                    + (f" · {orphaned} orphaned (their fact is gone)" if orphaned else ""),
                    style="dim")
        if self.corrections:
            head.append(clean_line(f" · last: {self.corrections[-1].describe}"), style="dim")
        self.query_one("#review-head", Static).update(head)
        self.show_detail()

    def current(self) -> queries.ReviewItem | None:
        table = self.query_one(QueueTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_source()

    def show_detail(self) -> None:
        it = self.current()
        why = self.query_one("#review-why", Static)
        sources = self.query_one(ReviewSources)
        sources.clear_options()
        if it is None:
            why.update(Text("nothing to review · u undoes the last correction", style="dim"))
            self.query_one("#review-detail").border_title = ""
            return
        lines = Text("\n".join(line for _, line in it.reasons))
        if it.event is not None:
            for s in it.event.sources:
                prompt = Text(clean(s.sentence))
                prompt.append(f"\n  {clean_line(s.date or '')} · {clean_line(s.title)} · "
                              f"{clean_line(s.path)}", style="dim")
                sources.add_option(Option(prompt))
            keys = "c confirm · e edit · n not a release · m merge · s split source · o open"
        else:
            q = it.quote
            prompt = Text("«" + clean(q.text) + "»")
            prompt.append(f"\n  — {clean_line(q.speaker or 'speaker unknown')} · "
                          f"{clean_line(q.date or '')} · {clean_line(q.title)}", style="dim")
            sources.add_option(Option(prompt))
            keys = "p set speaker · n not a quote · o open"
        lines.append(f"\n{keys} · u undo", style="dim")
        why.update(lines)
        sources.highlighted = 0
        n = sources.option_count
        self.query_one("#review-detail").border_title = (
            f"{n} source{'s' if n != 1 else ''} · Tab to choose one")

    # --- acting -------------------------------------------------------------------------

    def _event(self):
        it = self.current()
        if it is None or it.event is None:
            self.notify("select an event first", severity="warning")
            return None
        return it.event

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_open_source(self) -> None:
        it = self.current()
        if it is None:
            return
        if it.event is not None:
            at = self.query_one(ReviewSources).highlighted or 0
            if it.event.sources:
                self.post_message(OpenSource(source_ref(it.event.sources[at])))
        else:
            q = it.quote
            self.post_message(OpenSource(SourceRef(q.article_id, q.sentence_start,
                                                   q.sentence_end, q.start, q.end)))

    def on_open_source(self, message: OpenSource) -> None:
        message.stop()
        self.app.load_article(message.ref)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_source()

    def action_confirm(self) -> None:
        e = self._event()
        if e is not None:
            self.correct("confirm", event=e.id)

    def action_reject(self) -> None:
        it = self.current()
        if it is None:
            return
        if it.event is not None:
            self.correct("reject", event=it.event.id)
        else:
            self.correct("not_quote", quote=it.quote.id)

    def action_edit(self) -> None:
        e = self._event()
        if e is not None:
            self.app.push_screen(EditEventForm(e), partial(self._edited, e.id))

    def _edited(self, event_id: int, value: dict | None) -> None:
        if value:
            self.correct("edit", event=event_id, value=value)

    def action_speaker(self) -> None:
        it = self.current()
        if it is None or it.quote is None:
            self.notify("select a quote first", severity="warning")
            return
        self.app.push_screen(SpeakerForm(it.quote), partial(self._speaker, it.quote.id))

    def _speaker(self, quote_id: int, value: dict | None) -> None:
        if value is not None:
            self.correct("speaker", quote=quote_id, value=value["speaker"])

    def action_merge(self) -> None:
        """Pick the other event by typing its date, kind or countries."""
        e = self._event()
        if e is None:
            return
        self.pick_merge(e)

    @work(thread=True, exclusive=True, group="review-merge", exit_on_error=False)
    def pick_merge(self, e) -> None:
        with self.app.readers.connection() as db:
            others = queries.merge_candidates(db, e.id)  # nearest in date first
        commands = [(clean_line(f"{o.date or 'no date'} · {KIND_RU.get(o.kind, o.kind)} · "
                                f"{event_count(o) or '—'} · {event_details(o)}"),
                     partial(self.correct, "merge", event=e.id, other=o.id),
                     clean_line(f"merge with event {o.id} ({len(o.sources)} sources)"))
                    for o in others]
        self.app.call_from_thread(self.app.search_commands, commands,
                                  placeholder=f"Merge event {e.id} with: type a date, kind, "
                                              f"country…")

    def action_split(self) -> None:
        e = self._event()
        if e is None:
            return
        if len(e.sources) < 2:
            self.notify("this event has one source: nothing to split", severity="warning")
            return
        at = self.query_one(ReviewSources).highlighted or 0
        self.correct("split", event=e.id, source=e.sources[at].path)

    def action_undo(self) -> None:
        self.correct("undo")

    @work(thread=True, exclusive=True, group="review-write", exit_on_error=False)
    def correct(self, action: str, *, source: str | None = None, event: int | None = None,
                **kw) -> None:
        from app.store import corrections as C

        def change(db) -> str:
            if action == "undo":
                gone = C.undo_last(db)
                return f"undone: {gone.describe}" if gone else "nothing to undo"
            if action == "split":
                kw["report"] = C.source_report(db, event, source)
            else:
                kw["event"] = event
            return C.make(db, action, **kw).describe

        self.post_message(Corrected.run(self.app.db_path, change))

    def on_corrected(self, message: Corrected) -> None:
        if not message.announce(self):
            return
        self.changed = True
        self.load()
