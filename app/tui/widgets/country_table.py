"""The countries pane: a frequency table in the manner of VisiData (count, events, articles, bar)."""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import DataTable

from app.render import bar, country_count
from app.sanitize import clean_line
from app.store.queries import CountryRow
from app.tui.messages import CountryChosen
from app.tui.widgets.vim_keys import VIM_KEYS

# (key, label, least width) of the fixed columns, wider when their numbers need it; the name and
# the bar share what is left
FIXED = [("code", "CC", 3), ("count", "Freed", 6), ("events", "Ev", 4), ("articles", "Art", 4)]
NAME_MIN, NAME_MAX, BAR_MIN, BAR_MAX = 9, 18, 3, 24


def fixed_widths(rows: list[CountryRow]) -> list[int]:
    """Each fixed column as wide as its label or its largest number, and a space."""
    return [max(least, *(len(str(getattr(r, key))) + 1 for r in rows)) if rows and key != "code"
            else least for key, _, least in FIXED]


def column_widths(width: int, fixed: int = sum(w for *_, w in FIXED)) -> tuple[int, int]:
    """(name, bar) widths for a pane `width` cells wide, `fixed` of them taken by the numbers."""
    free = max(width - fixed - 2, NAME_MIN + BAR_MIN)  # 2: the scrollbar
    bar_width = min(max(free - NAME_MAX, BAR_MIN), BAR_MAX)
    return min(free - bar_width, NAME_MAX + 4), bar_width


class CountryTable(DataTable):
    BINDINGS = VIM_KEYS
    DEFAULT_CSS = """
    CountryTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=0, **kwargs)
        self.rows_by_code: dict[str, CountryRow] = {}
        self.active: str | None = None
        self._widths: tuple[int, int] | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self._column_widths() != self._widths:
            self._fill()

    def _column_widths(self) -> tuple[int, int]:
        return column_widths(self.size.width, sum(fixed_widths(list(self.rows_by_code.values()))))

    def show(self, rows: list[CountryRow], active: str | None) -> None:
        self.active = active
        self.rows_by_code = {r.code: r for r in rows}
        self._fill()

    def _fill(self) -> None:
        keep = self.cursor_row
        rows = list(self.rows_by_code.values())
        self._widths = name_width, bar_width = self._column_widths()
        self.clear(columns=True)
        self.add_column(Text(" Country"), width=name_width, key="name")
        for (key, label, _), width in zip(FIXED, fixed_widths(rows)):
            self.add_column(Text(label, justify="right"), width=width, key=key)
        self.add_column("", width=bar_width + 1, key="bar")
        top = max((r.count for r in rows), default=0)
        for r in rows:
            mark = "bold reverse" if r.code == self.active else ""
            name = clean_line(r.name)
            name = name if len(name) < name_width - 1 else name[:name_width - 2] + "…"
            self.add_row(Text(" " + name, style=mark),
                         Text(clean_line(r.code), style=mark, justify="right"),
                         *(Text(n, justify="right") for n in (country_count(r), str(r.events),
                                                              str(r.articles))),
                         Text(" " + bar(r.count, top, bar_width), style="cyan"), key=r.code)
        if rows:
            self.move_cursor(row=min(keep, len(rows) - 1))

    def selected_code(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(CountryChosen(event.row_key.value))
