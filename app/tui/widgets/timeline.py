"""The timeline pane: events in date order; the highlighted event's source sentences below."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from app.render import KIND_RU, count_text, event_details
from app.store.queries import EventRow, SourceRow
from app.tui.messages import OpenSource, SourceRef
from app.tui.widgets.vim_keys import VIM_KEYS


def source_ref(source: SourceRow) -> SourceRef:
    return SourceRef(source.article_id, source.sentence_start, source.sentence_end)


class EventTable(DataTable):
    BINDINGS = VIM_KEYS

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.events: list[EventRow] = []

    def on_mount(self) -> None:
        self.add_column("Date", width=10)
        self.add_column("Kind", width=12)
        self.add_column("Count", width=5)
        self.add_column("Summary", width=24)
        self.add_column("Src", width=3)
        self.add_column("Article")

    def show(self, events: list[EventRow]) -> None:
        self.events = events
        self.clear()
        for i, e in enumerate(events):
            first = e.sources[0].title if e.sources else ""
            self.add_row(Text(e.date or "—"), Text(KIND_RU.get(e.kind, e.kind)),
                         Text(count_text(e.count, e.bound), justify="right"),
                         Text(event_details(e)),
                         Text(str(len(e.sources)), justify="right"), Text(first), key=str(i))

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
            prompt = Text(s.sentence)
            prompt.append(f"\n  {s.date or ''} · {s.title}", style="dim")
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

    def show(self, events: list[EventRow]) -> None:
        table = self.query_one(EventTable)
        table.show(events)
        self.border_subtitle = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        self.query_one(SourceList).show(table.current())

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.query_one(SourceList).show(self.query_one(EventTable).current())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        current = self.query_one(EventTable).current()
        if current and current.sources:
            self.post_message(OpenSource(source_ref(current.sources[0])))
