"""The timeline pane: events in date order, a page at a time; the highlighted event's sources below."""
from __future__ import annotations

from rich.text import Text
from textual import events as textual_events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from app.plural import en as plural
from app.render import KIND_RU, event_count, event_details
from app.sanitize import clean, clean_line
from app.store.queries import EventRow, SourceRow
from app.tui.messages import MoreEvents, OpenSource, SourceRef
from app.tui.widgets.vim_keys import VIM_KEYS

PAGE_AHEAD = 30  # ask for the next page when the cursor is this close to the last loaded row
# (label, width) of the columns before the summary; every column's width holds the space that
# sets it apart (the table has no cell padding, so that 80 columns hold the key columns)
KEY_COLUMNS = [("Date", 11), ("Kind", 13), ("Count", 6)]
SUMMARY_MIN, SUMMARY_WIDE, SOURCES_WIDTH, ARTICLE_MIN = 11, 25, 4, 13


def column_plan(table_width: int) -> tuple[int, bool, int | None]:
    """(summary width, whether the sources column fits, the article title's width or None) for
    a table `table_width` cells wide: the columns always fit the width, so nothing scrolls
    sideways (at 80 columns: date, kind, count and summary)."""
    avail = table_width - 2 - sum(w for _, w in KEY_COLUMNS)  # 2: the scrollbar
    if avail >= SUMMARY_WIDE + SOURCES_WIDTH + ARTICLE_MIN:
        summary = SUMMARY_WIDE + (avail - SUMMARY_WIDE - SOURCES_WIDTH - ARTICLE_MIN) // 2
        return summary, True, avail - summary - SOURCES_WIDTH
    if avail >= SUMMARY_MIN + SOURCES_WIDTH:
        return avail - SOURCES_WIDTH, True, None
    return max(SUMMARY_MIN, avail), False, None


def source_ref(source: SourceRow) -> SourceRef:
    return SourceRef(source.article_id, source.sentence_start, source.sentence_end)


def _cell(text: str, justify: str = "left") -> Text:
    return Text(" " + text, justify=justify)


class EventTable(DataTable):
    """Holds the pages loaded so far, never the whole timeline: the next page is asked for
    (MoreEvents) as the cursor nears the last row."""
    BINDINGS = VIM_KEYS

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=0, **kwargs)
        self.events: list[EventRow] = []
        self.total = 0
        self._asked: int | None = None  # the id after which a page was asked for
        self._plan = column_plan(0)

    def on_mount(self) -> None:
        self._columns()

    def _columns(self) -> None:
        summary, sources, article = self._plan
        for label, width in KEY_COLUMNS:
            self.add_column(_cell(label, "right" if label == "Count" else "left"), width=width)
        self.add_column(_cell("Summary"), width=summary)
        if sources:
            self.add_column(_cell("Src", "right"), width=SOURCES_WIDTH)
        if article:
            self.add_column(_cell("Article"), width=article)

    def on_resize(self, event: textual_events.Resize) -> None:
        plan = column_plan(self.size.width)
        if plan != self._plan:
            self._plan = plan
            keep, events = self.cursor_row, self.events
            self.clear(columns=True)
            self._columns()
            self.events = []
            self._add_rows(events)
            if events:
                self.move_cursor(row=min(keep, len(events) - 1))

    def show(self, events: list[EventRow], total: int) -> None:
        self.events, self.total, self._asked = [], total, None
        self.clear()
        self.append(events)

    def append(self, events: list[EventRow]) -> None:
        self._add_rows(events)
        self.want_more()

    def _add_rows(self, events: list[EventRow]) -> None:
        for e in events:
            first = e.sources[0].title if e.sources else ""
            cells = [_cell(clean_line(e.date or "—")), _cell(KIND_RU.get(e.kind, clean_line(e.kind))),
                     _cell(event_count(e), "right"), _cell(event_details(e))]
            if self._plan[1]:
                cells.append(_cell(str(len(e.sources)), "right"))
            if self._plan[2]:
                cells.append(_cell(clean_line(first)))
            self.add_row(*cells, key=str(len(self.events)))
            self.events.append(e)

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
        self.border_title = (f"{plural(len(self.sources), 'source')} of this event · Enter opens"
                             if event else "no event under these filters")

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

    def show(self, events: list[EventRow], total: int | None, order: str = "") -> None:
        """`order`: said after the count («newest first»), when the order is not the usual."""
        table = self.query_one(EventTable)
        total = len(events) if total is None else total
        table.show(events, total)
        self.border_subtitle = plural(total, "event") + (f" · {order}" if order else "")
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
