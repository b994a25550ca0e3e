"""The top line: the active filters (country, period, kind, person), each with its key."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.filters import Filters
from app.render import KIND_RU
from app.sanitize import clean_line


class FilterBar(Static):
    DEFAULT_CSS = """
    FilterBar { height: 1; background: $panel; padding: 0 1; }
    """

    def show(self, filters: Filters, country_label: str = "", query: str = "") -> None:
        """`query`: the quote search's text, shown as one more filter (of the quotes)."""
        # one line high whatever it says: no layout pass of the screen (this runs every keystroke)
        self.update(self._line(filters, country_label, clean_line(query.strip())), layout=False)

    @staticmethod
    def _line(filters: Filters, country_label: str, query: str) -> Text:
        t = Text("pardons  ", style="bold")
        if not filters.active():
            if query:
                t.append("Search: ", style="bold")
                t.append(f" {query[:40]} ", style="bold reverse")
            else:
                t.append("Country: all", style="bold")
            t.append("  c country · d period · t kind · p people", style="dim")
            return t
        parts = []
        if filters.country:
            parts.append(("Country", f"{country_label} ({filters.country})"))
        if filters.since or filters.until:
            parts.append(("Period", filters.period_label()))
        if filters.kind:
            parts.append(("Kind", KIND_RU.get(filters.kind, filters.kind)))
        if filters.person:
            parts.append(("Person", filters.person[0]))
        if query:
            parts.append(("Search", query[:40]))
        for i, (what, value) in enumerate(parts):
            t.append(("  " if i else "") + f"{what}: ", style="bold")
            t.append(f" {clean_line(value)} ", style="bold reverse")
        t.append("  x or Esc clears", style="dim")
        return t
