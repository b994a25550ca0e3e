"""Short forms of the review screen: edit an event's numbers, set a quote's speaker.

Each form is a modal that returns what was typed (dismiss with a value) or None (Esc). Checking
the values is the store's job (app.store.corrections); the form only parses the shape."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from app.sanitize import clean_line


class FormError(ValueError):
    pass


def parse_countries(text: str) -> dict[str, int | None]:
    """«LT=6 DE=2» (commas or spaces between) → {"LT": 6, "DE": 2}; «LT=» drops LT's number."""
    out: dict[str, int | None] = {}
    for part in text.replace(",", " ").split():
        code, eq, n = part.partition("=")
        if not eq or len(code) != 2 or not code.isalpha():
            raise FormError(f"countries: CC=N, such as LT=6 (not {part!r})")
        try:
            out[code.upper()] = int(n) if n else None
        except ValueError:
            raise FormError(f"countries: {part!r}: the number must be a whole number") from None
    return out


def countries_text(countries: dict[str, int | None]) -> str:
    return " ".join(f"{c}={n}" for c, n in countries.items() if n is not None)


class _Form(ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="form.cancel")]
    DEFAULT_CSS = """
    _Form { align: center middle; }
    _Form > Vertical { width: 72; max-width: 95%; height: auto; border: round $accent;
                       padding: 0 1; background: $surface; }
    _Form Label { margin: 1 0 0 0; }
    _Form #form-error { color: $error; height: auto; }
    _Form #form-help { color: $text-muted; margin: 1 0 0 0; }
    """
    TITLE_TEXT = ""

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message))


class EditEventForm(_Form):
    """Date, kind, count and country numbers of an event, prefilled with what it shows now;
    Enter in any field saves the fields that changed. The cursor starts on the date when the
    event has none (why it is in the queue), else on the count, the usual fix."""

    def __init__(self, event) -> None:
        super().__init__()
        self.event = event
        self.initial = {"date": event.date or "", "kind": event.kind,
                        "count": "" if event.count is None else str(event.count),
                        "countries": countries_text(event.countries)}

    def compose(self) -> ComposeResult:
        with Vertical():
            for name, label in (("date", "Date (YYYY-MM-DD, YYYY-MM or YYYY)"),
                                ("kind", "Kind (release, pardon, exchange, deport, …)"),
                                ("count", "Count (people freed)"),
                                ("countries", "Country numbers (LT=6 DE=2)")):
                yield Label(label)
                yield Input(self.initial[name], id=f"edit-{name}")
            yield Static("", id="form-error")
            yield Static("Tab moves between fields · Enter saves what you changed · Esc cancels",
                         id="form-help")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = clean_line(
            f"Edit event {self.event.id}: {self.event.date or 'no date'}")
        first = "count" if self.event.date else "date"
        self.query_one(f"#edit-{first}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = self.changes()
        except FormError as e:
            self.error(str(e))
            return
        if not value:
            self.error("nothing changed")
            return
        self.dismiss(value)

    def changes(self) -> dict:
        now = {n: self.query_one(f"#edit-{n}", Input).value.strip() for n in self.initial}
        value: dict = {}
        if now["date"] != self.initial["date"]:
            value["date"] = now["date"] or None
        if now["kind"] != self.initial["kind"]:
            if not now["kind"]:
                raise FormError("the kind cannot be empty")
            value["kind"] = now["kind"]
        if now["count"] != self.initial["count"]:
            if not now["count"].isdigit():
                raise FormError("count: a whole number")
            value["count"] = int(now["count"])
        if now["countries"] != self.initial["countries"]:
            new = parse_countries(now["countries"])
            old = parse_countries(self.initial["countries"])
            changed = {c: n for c, n in new.items() if old.get(c) != n}
            changed.update({c: None for c in old if c not in new})
            if changed:
                value["countries"] = changed
        return value


class SpeakerForm(_Form):
    """The speaker of a quote; empty clears it (the quote is known to have no named speaker)."""

    def __init__(self, quote) -> None:
        super().__init__()
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("«" + clean_line(self.quote.text[:200]) + "»"))
            yield Label("Speaker (empty: no one is named)")
            yield Input(self.quote.speaker or "", id="speaker")
            yield Static("", id="form-error")
            yield Static("Enter saves · Esc cancels", id="form-help")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Set the speaker"
        self.query_one("#speaker", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss({"speaker": event.value.strip()})


class DistinctForm(_Form):
    """One name is two people: in which of the person's articles the name is another person,
    and that person's name (prefilled «NAME (2)»)."""

    def __init__(self, person, articles: list[tuple[str, str]]) -> None:
        super().__init__()
        self.person, self.articles = person, articles

    def compose(self) -> ComposeResult:
        with Vertical():
            listed = Text()
            for i, (path, title) in enumerate(self.articles, 1):
                listed.append(f"{i}. ", style="bold")
                listed.append(clean_line(f"{path.rsplit('/', 1)[-1]}  {title[:60]}") + "\n")
            yield Static(listed or Text("no article names this person"), id="distinct-articles")
            yield Label("Article where the name is another person (its number, or a part of "
                        "its path)")
            yield Input("1" if len(self.articles) == 1 else "", id="distinct-article")
            yield Label("The other person's name")
            yield Input(f"{self.person.name} (2)", id="distinct-as")
            yield Static("", id="form-error")
            yield Static("Enter saves · Esc cancels", id="form-help")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = clean_line(
            f"{self.person.name}: one name, two people")
        self.query_one("#distinct-article", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        article = self.query_one("#distinct-article", Input).value.strip()
        new = self.query_one("#distinct-as", Input).value.strip()
        if article.isdigit() and 1 <= int(article) <= len(self.articles):
            article = self.articles[int(article) - 1][0]
        if not article:
            self.error("which article? its number, or a part of its path")
            return
        if not new:
            self.error("the other person needs a name")
            return
        self.dismiss({"name": self.person.name, "article": article, "as": new})
