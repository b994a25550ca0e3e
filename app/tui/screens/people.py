"""The people screen: the people freed under the current filters (names merged across cases and
languages), and the events and sources of the highlighted one.

Enter on a person moves to their events; Enter on an event or a source opens the article.
`f` filters every pane of the main screen by the person; `d` says that in an article the name
is another person (a correction, app.store.corrections `distinct`), in a short form."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from app.plural import en as plural
from app.sanitize import clean_line
from app.store import queries
from app.store.queries import EventRow, PersonRow
from app.tui.messages import PersonChosen
from app.tui.screens.forms import DistinctForm
from app.tui.screens.review import Corrected
from app.tui.widgets.timeline import TimelinePane
from app.tui.widgets.vim_keys import VIM_KEYS


class PeopleTable(DataTable):
    BINDINGS = VIM_KEYS

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.people: list[PersonRow] = []

    def on_mount(self) -> None:
        for label, width in (("Person", 24), ("Ev", 3), ("Art", 4), ("First", 10), ("Last", 10),
                             ("Also written", None)):
            self.add_column(label, width=width)

    def show(self, people: list[PersonRow]) -> None:
        self.people = people
        self.clear()
        for i, p in enumerate(people):
            self.add_row(Text(clean_line(p.name)), Text(str(p.events), justify="right"),
                         Text(str(p.articles), justify="right"), Text(clean_line(p.first or "")),
                         Text(clean_line(p.last or "")),
                         Text(clean_line(", ".join(p.names[1:])), style="dim"), key=str(i))

    def current(self) -> PersonRow | None:
        if not self.people or not 0 <= self.cursor_row < len(self.people):
            return None
        return self.people[self.cursor_row]


class PeopleScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="people.back"),
        Binding("f", "filter_person", "Filter by person", id="people.filter"),
        Binding("d", "distinct", "Two people", id="people.distinct"),
    ]
    DEFAULT_CSS = """
    PeopleScreen #people-head { height: 1; background: $panel; padding: 0 1; }
    PeopleScreen PeopleTable { height: 1fr; border: round $primary-darken-2; }
    PeopleScreen TimelinePane { height: 1fr; border: round $primary-darken-2; }
    PeopleScreen PeopleTable:focus, PeopleScreen TimelinePane:focus-within {
        border: round $accent;
    }
    """

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope  # the filters it is narrowed by, as words

    def compose(self) -> ComposeResult:
        yield Static("", id="people-head")
        with Vertical():
            yield PeopleTable(id="people")
            yield TimelinePane(id="person-events")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PeopleTable).border_title = "People freed"
        self.query_one(TimelinePane).border_title = "Their events"
        self._head(None)
        self.query_one(PeopleTable).focus()

    def _head(self, people: list[PersonRow] | None) -> None:
        t = Text("People freed  ", style="bold")
        if people is not None:
            t.append(plural(len(people), "person") + "  ")
        t.append(clean_line(self.scope), style="dim")
        t.append("   Enter: their events · f: filter every pane · d: two people · Esc: back",
                 style="dim")
        self.query_one("#people-head", Static).update(t)

    def show_people(self, people: list[PersonRow]) -> None:
        self._head(people)
        self.query_one(PeopleTable).show(people)
        self._load_current()

    def show_events(self, person: PersonRow, events: list[EventRow]) -> None:
        if person == self.query_one(PeopleTable).current():
            self.query_one(TimelinePane).show(events, len(events))

    def _load_current(self) -> None:
        person = self.query_one(PeopleTable).current()
        if person is None:
            self.query_one(TimelinePane).show([], 0)
        else:
            self.app.load_person_events(person)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.query_one(PeopleTable):
            event.stop()
            self._load_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table is self.query_one(PeopleTable):
            event.stop()
            self.query_one(TimelinePane).query_one("EventTable").focus()

    def action_filter_person(self) -> None:
        person = self.query_one(PeopleTable).current()
        if person is not None:
            self.app.pop_screen()
            self.app.post_message(PersonChosen(person))

    def action_distinct(self) -> None:
        person = self.query_one(PeopleTable).current()
        if person is not None:
            self.pick_article(person)

    @work(thread=True, exclusive=True, group="people-distinct", exit_on_error=False)
    def pick_article(self, person: PersonRow) -> None:
        with self.app.readers.connection() as db:
            articles = queries.person_articles(db, person.names)
        self.app.call_from_thread(self.app.push_screen, DistinctForm(person, articles),
                                  self._distinct)

    def _distinct(self, value: dict | None) -> None:
        if value:
            self.correct(value)

    @work(thread=True, exclusive=True, group="people-write", exit_on_error=False)
    def correct(self, value: dict) -> None:
        from app.store import corrections as C

        self.post_message(Corrected.run(self.app.db_path, lambda db: C.make(
            db, "distinct", name=value["name"], article=value["article"], value=value["as"]
        ).describe))

    def on_corrected(self, message: Corrected) -> None:
        if not message.announce(self):
            return
        self.app.action_refresh()  # the main screen's panes show the events' people
        self.app.load_people(self.app.filters.without("person"))
