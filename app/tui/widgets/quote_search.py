"""The quote search pane: an input searched as you type, a result count, and the quotes."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from app.render import EDITED, highlighted
from app.sanitize import clean_line
from app.store.queries import QuoteHit
from app.tui.messages import OpenSource, SourceRef
from app.tui.widgets.vim_keys import VIM_KEYS

HIGHLIGHT = "bold black on yellow"


def quote_prompt(hit: QuoteHit) -> Text:
    t = Text("«") + highlighted(hit.text, hit.spans(), HIGHLIGHT) + Text("»")
    mark = EDITED if hit.original else ""  # a person set (or cleared) the speaker
    t.append(f"\n  — {clean_line(hit.speaker or 'speaker unknown')}{mark} · "
             f"{clean_line(hit.date or 'no date')} · {clean_line(hit.title)}", style="dim")
    return t


class QuoteList(OptionList):
    """The hits of a search; options are made for the first page only, and for more as the
    cursor or the scroll nears the end (measuring every wrapped quote up front costs a frame)."""
    BINDINGS = VIM_KEYS
    PAGE = 12  # before the list has a size

    def _page(self) -> int:
        """Enough options to overfill the visible rows: a quote takes three at least (two lines
        and its rule). Each option more is a millisecond of the keystroke's frame."""
        return self.size.height // 2 + 1 if self.size.height else self.PAGE

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[QuoteHit] = []

    def show(self, hits: list[QuoteHit]) -> None:
        self.hits = hits
        self.clear_options()
        self._add_page()
        if hits:
            self.highlighted = 0

    def _add_page(self) -> None:
        first = self.option_count
        options: list[Option | None] = []
        for i in range(first, min(first + self._page(), len(self.hits))):
            options += [None] if i else []  # a rule between quotes
            options.append(Option(quote_prompt(self.hits[i]), id=str(i)))
        if options:
            self.add_options(options)

    def _near_end(self) -> None:
        if self.option_count < len(self.hits):
            self._add_page()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= self.option_count - 5:
            self._near_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - self.size.height:
            self._near_end()

    def current(self) -> QuoteHit | None:
        if self.highlighted is None:
            return None
        return self.hits[int(self.get_option_at_index(self.highlighted).id)]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        h = self.hits[int(event.option_id)]
        self.post_message(OpenSource(SourceRef(h.article_id, h.sentence_start, h.sentence_end,
                                               h.start, h.end)))


class SearchInput(Input):
    """The search box; Esc leaves it for the results (the text stays, and keys act again)."""
    BINDINGS = [Binding("escape", "leave", "Leave search", show=False, id="search.leave")]

    def action_leave(self) -> None:
        self.screen.query_one(QuoteList).focus()


class QuoteSearch(Vertical):
    DEFAULT_CSS = """
    QuoteSearch #search { height: 1; margin: 0 1; }
    QuoteSearch #quote-count { height: 1; color: $text-muted; padding: 0 1; }
    QuoteSearch QuoteList { height: 1fr; border: none; }
    """

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="search quotes: any word form (/ to focus, Esc leaves)",
                          id="search", compact=True)
        yield Static("", id="quote-count")
        yield QuoteList(id="quotes")

    def show(self, query: str, hits: list[QuoteHit], total: int, more: bool = False) -> None:
        """`more`: `total` is where counting stopped, there are more matches («1000+»)."""
        self.query_one(QuoteList).show(hits)
        count = f"{total - 1}+" if more else str(total)
        shown = f"{len(hits)} of {count}" if more or total > len(hits) else count
        what = f"matching «{clean_line(query.strip())}»" if query.strip() else "(newest first)"
        label = Text(f"{shown} quote{'s' if total != 1 or more else ''} ")
        label.append(Text(what))  # the query is data: never markup
        # one line high whatever it says: no layout pass of the screen on every keystroke
        self.query_one("#quote-count", Static).update(label, layout=False)
