"""The top line: which country filter is active, and what the database holds."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.sanitize import clean_line


class FilterBar(Static):
    DEFAULT_CSS = """
    FilterBar { height: 1; background: $panel; padding: 0 1; }
    """

    def show(self, country: str | None, label: str, stats: dict[str, int] | None) -> None:
        t = Text("pardons  ", style="bold")
        if country:
            t.append(" Country: ", style="bold")
            t.append(f" {clean_line(label)} ({clean_line(country)}) ", style="bold reverse")
            t.append("  x or Esc clears", style="dim")
        else:
            t.append("Country: all", style="bold")
            t.append("  Enter on a country or c filters", style="dim")
        if stats:
            t.append("   " + " · ".join(f"{n} {what}{'' if n == 1 else 's'}" for what, n in (
                ("article", stats["articles"]), ("quote", stats["quotes"]),
                ("event", stats["events"]))), style="dim")
        self.update(t)
