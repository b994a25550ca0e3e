"""The source view: an article with one sentence highlighted and scrolled into view."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from app.sanitize import clean, clean_line
from app.store.queries import ArticleDoc
from app.tui.messages import SourceRef

SENTENCE_STYLE = "black on yellow"
MARK_STYLE = "bold underline black on yellow"


class ArticleScroll(VerticalScroll):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="source.down"),
        Binding("k", "scroll_up", "Up", show=False, id="source.up"),
    ]


class SourceScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="source.back")]
    DEFAULT_CSS = """
    SourceScreen #source-head { height: auto; background: $panel; padding: 0 1; }
    SourceScreen ArticleScroll { padding: 0 2; }
    SourceScreen .paragraph { margin: 1 0 0 0; }
    SourceScreen .headline { text-style: bold; }
    SourceScreen .heading { text-style: bold italic; color: $text-muted; }
    """

    def __init__(self, doc: ArticleDoc, ref: SourceRef) -> None:
        super().__init__()
        self.doc, self.ref = doc, ref
        self.highlighted_sentence = doc.text[ref.sentence_start:ref.sentence_end]

    def compose(self) -> ComposeResult:
        head = Text(f"{clean_line(self.doc.date or 'no date')}  ", style="bold")
        head.append(clean_line(self.doc.title or ""))
        head.append(f"\n{clean_line(self.doc.path)}" +
                    (f"  {clean_line(self.doc.url)}" if self.doc.url else ""), style="dim")
        yield Static(head, id="source-head")
        with ArticleScroll(id="article"):
            for i, (start, end, heading) in enumerate(self.doc.paragraphs):
                classes = "paragraph " + ("headline" if i == 0 else "heading" if heading else "")
                target = start <= self.ref.sentence_start < end
                yield Static(self._paragraph(start, end), classes=classes,
                             id="target" if target else None)
        yield Footer()

    def _paragraph(self, start: int, end: int) -> Text:
        t = Text(clean(self.doc.text[start:end]))  # same length: the offsets below still hold
        r = self.ref
        for a, b, style in ((r.sentence_start, r.sentence_end, SENTENCE_STYLE),
                            (r.mark_start, r.mark_end, MARK_STYLE)):
            if a is not None and b is not None and a < end and b > start:
                t.stylize(style, max(a, start) - start, min(b, end) - start)
        return t

    def on_mount(self) -> None:
        self.query_one(ArticleScroll).focus()
        self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        targets = self.query("#target")
        if targets:
            self.query_one(ArticleScroll).scroll_to_widget(targets.first(), animate=False,
                                                           center=True)
