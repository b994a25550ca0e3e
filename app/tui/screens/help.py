"""The help screen: every key of the app, generated from the bindings themselves."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# keys that come from Textual's own widgets rather than our bindings
BUILT_IN = [
    ("Tab / Shift+Tab", "Next / previous pane"),
    ("↑ ↓ / j k", "Move in a list"),
    ("Enter", "Countries: filter to that country · Timeline, quotes, sources: open the article"),
    ("mouse", "Click a row to select it, scroll with the wheel"),
    ("Ctrl+P", "Command palette: every action, and countries by name or code"),
]


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark", "app.pop_screen", "Close", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 96; max-width: 95%; height: auto; max-height: 95%;
                                border: round $accent; padding: 0 1; background: $surface; }
    HelpScreen Static { width: 1fr; height: auto; }
    """

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups  # (title, [(keys, what)])

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for title, rows in [("Moving", BUILT_IN), *self.groups]:
            table.add_row(Text(title, style="bold underline"), "")
            for keys, what in rows:
                table.add_row(Text(keys), Text(what))
            table.add_row("", "")
        table.add_row(Text("Esc / ?", style="dim"), Text("close this help", style="dim"))
        with VerticalScroll():
            yield Static(table)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).border_title = "pardons: keys"
