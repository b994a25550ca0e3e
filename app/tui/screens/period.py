"""A small dialog for the date range: a year, a month, a day, or FROM..TO."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from app.filters import FilterError, parse_range


class PeriodScreen(ModalScreen[tuple[str | None, str | None] | None]):
    """Dismissed with (since, until) (both None: no date range), or None when cancelled."""
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="period.cancel")]
    DEFAULT_CSS = """
    PeriodScreen { align: center middle; }
    PeriodScreen Vertical { width: 60; max-width: 95%; height: auto; border: round $accent;
                            padding: 0 1; background: $surface; }
    PeriodScreen #period-help { color: $text-muted; }
    PeriodScreen #period-error { color: $error; }
    """

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("2025 · 2025-09 · 2025-09-11 · 2025-01..2025-06 · 2025-06.. · "
                         "empty: every date", id="period-help")
            yield Input(self.current, placeholder="period", id="period-input")
            yield Static("", id="period-error")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Period"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(parse_range(event.value))
        except FilterError as e:
            self.query_one("#period-error", Static).update(str(e))

    def action_cancel(self) -> None:
        self.dismiss(None)
