"""The status line: the totals under the current filters (people released, events, articles,
quotes), or the database's when nothing is filtered."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.plural import en as plural


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; color: $text-muted; }
    """

    def show(self, totals: dict[str, int] | None, quotes: int | None, quotes_more: bool,
             filtered: bool, searching: bool = False) -> None:
        """`searching`: the quotes are those matching the search (which narrows them alone)."""
        t = Text("Filtered: " if filtered else "All: ", style="bold")
        if totals is None:
            t.append("…")
        else:
            t.append(" · ".join([f"{plural(totals['people'], 'person')} freed",
                                 plural(totals["events"], "event"),
                                 plural(totals["articles"], "article")]))
        if quotes is not None:
            n = f"{quotes - 1}+" if quotes_more else str(quotes)
            t.append(f" · {n} quote{'' if quotes == 1 and not quotes_more else 's'}"
                     + (" matching the search" if searching else ""))
        self.update(t, layout=False)  # one line, always: no layout pass on every keystroke
