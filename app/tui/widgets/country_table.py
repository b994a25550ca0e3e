"""The countries pane: a frequency table in the manner of VisiData (count, events, articles, bar)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from app.render import bar
from app.store.queries import CountryRow
from app.tui.messages import CountryChosen
from app.tui.widgets.vim_keys import VIM_KEYS

NAME_WIDTH = 16
BAR_COLUMN = 10


class CountryTable(DataTable):
    BINDINGS = VIM_KEYS
    DEFAULT_CSS = """
    CountryTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_by_code: dict[str, CountryRow] = {}
        self.active: str | None = None

    def on_mount(self) -> None:
        self.add_column("Country", width=NAME_WIDTH, key="name")
        self.add_column("CC", width=2, key="code")
        self.add_column("Freed", key="count")
        self.add_column("Ev", key="events")
        self.add_column("Art", key="articles")
        self.add_column("", width=BAR_COLUMN, key="bar")

    def show(self, rows: list[CountryRow], active: str | None) -> None:
        keep = self.cursor_row
        self.active = active
        self.rows_by_code = {r.code: r for r in rows}
        self.clear()
        top = max((r.count for r in rows), default=0)
        for r in rows:
            mark = "bold reverse" if r.code == active else ""
            name = r.name if len(r.name) <= NAME_WIDTH else r.name[:NAME_WIDTH - 1] + "…"
            self.add_row(Text(name, style=mark), Text(r.code, style=mark),
                         Text(str(r.count), justify="right"), Text(str(r.events), justify="right"),
                         Text(str(r.articles), justify="right"),
                         Text(bar(r.count, top, BAR_COLUMN), style="cyan"), key=r.code)
        if rows:
            self.move_cursor(row=min(keep, len(rows) - 1))

    def selected_code(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(CountryChosen(event.row_key.value))
