"""The timeline pane: events in date order, a page at a time; the highlighted event's sources below."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from app.render import KIND_RU, event_count, event_details
from app.sanitize import clean, clean_line
from app.store.queries import EventRow, SourceRow
from app.tui.messages import MoreEvents, OpenSource, SourceRef
from app.tui.widgets.vim_keys import VIM_KEYS

PAGE_AHEAD = 30  # ask for the next page when the cursor is this close to the last loaded row


def source_ref(source: SourceRow) -> SourceRef:
    return SourceRef(source.article_id, source.sentence_start, source.sentence_end)


class EventTable(DataTable):
    """Holds the pages loaded so far, never the whole timeline: the next page is asked for
    (MoreEvents) as the cursor nears the last row."""
    BINDINGS = VIM_KEYS

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.events: list[EventRow] = []
        self.total = 0
        self._asked: int | None = None  # the id after which a page was asked for

    def on_mount(self) -> None:
        self.add_column("Date", width=10)
        self.add_column("Kind", width=12)
        self.add_column("Count", width=5)
        self.add_column("Summary", width=24)
        self.add_column("Src", width=3)
        self.add_column("Article")

    def show(self, events: list[EventRow], total: int) -> None:
        self.events, self.total, self._asked = [], total, None
        self.clear()
        self.append(events)

    def append(self, events: list[EventRow]) -> None:
        for e in events:
            first = e.sources[0].title if e.sources else ""
            self.add_row(Text(clean_line(e.date or "—")), Text(KIND_RU.get(e.kind, clean_line(e.kind))),
                         Text(event_count(e), justify="right"),
                         Text(event_details(e)),
                         Text(str(len(e.sources)), justify="right"), Text(clean_line(first)),
                         key=str(len(self.events)))
            self.events.append(e)
        self.want_more()

    def want_more(self) -> None:
        if (self.events and len(self.events) < self.total
                and self.cursor_row >= len(self.events) - PAGE_AHEAD
                and self._asked != self.events[-1].id):
            self._asked = self.events[-1].id
            self.post_message(MoreEvents(self.events[-1]))

    def current(self) -> EventRow | None:
        if not self.events or not 0 <= self.cursor_row < len(self.events):
            return None
        return self.events[self.cursor_row]


class SourceList(OptionList):
    """Every source sentence of the highlighted event; Enter opens that article."""
    BINDINGS = VIM_KEYS

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.sources: list[SourceRow] = []

    def show(self, event: EventRow | None) -> None:
        self.sources = event.sources if event else []
        self.clear_options()
        for s in self.sources:
            prompt = Text(clean(s.sentence))
            prompt.append(f"\n  {clean_line(s.date or '')} · {clean_line(s.title)}", style="dim")
            self.add_option(Option(prompt))
        if self.sources:
            self.highlighted = 0
        n = len(self.sources)
        self.border_title = f"{n} source{'s' if n != 1 else ''} of this event · Enter opens"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(OpenSource(source_ref(self.sources[event.option_index])))


class TimelinePane(Vertical):
    DEFAULT_CSS = """
    TimelinePane EventTable { height: 1fr; }
    TimelinePane SourceList { height: auto; max-height: 45%; border: none;
                              border-top: hkey $panel-lighten-2; }
    """

    def compose(self) -> ComposeResult:
        yield EventTable(id="events")
        yield SourceList(id="event-sources")

    def show(self, events: list[EventRow], total: int | None) -> None:
        table = self.query_one(EventTable)
        total = len(events) if total is None else total
        table.show(events, total)
        self.border_subtitle = f"{total} event{'s' if total != 1 else ''}"
        self.query_one(SourceList).show(table.current())

    def append(self, events: list[EventRow], after_id: int) -> None:
        """A next page, if it follows what the table holds (not a page of an older filter)."""
        table = self.query_one(EventTable)
        if table.events and table.events[-1].id == after_id:
            table.append(events)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        table = self.query_one(EventTable)
        table.want_more()
        self.query_one(SourceList).show(table.current())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        current = self.query_one(EventTable).current()
        if current and current.sources:
            self.post_message(OpenSource(source_ref(current.sources[0])))
