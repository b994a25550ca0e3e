"""Messages: database results coming back from workers, and requests between widgets."""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from app.filters import Filters
from app.store.queries import ArticleDoc, CountryRow, EventRow, PeriodRow, PersonRow, QuoteHit


@dataclass
class SourceRef:
    """A place in an article to show: the sentence, and optionally a narrower span to mark."""
    article_id: int
    sentence_start: int
    sentence_end: int
    mark_start: int | None = None
    mark_end: int | None = None


@dataclass
class FacetLoaded(Message):
    rows: list[CountryRow]
    stats: dict[str, int]  # row counts of the database
    filters: Filters | None = None  # what the rows were narrowed by


@dataclass
class TimelineLoaded(Message):
    """A page of the timeline: the first (after_id None, with the total) or the one after it."""
    country: str | None
    events: list[EventRow]
    total: int | None
    after_id: int | None = None
    filters: Filters | None = None  # all the filters (`country` is one of them)
    newest: bool = False


@dataclass
class MoreEvents(Message):
    """The timeline's cursor nears the end of what is loaded: load the page after `after`."""
    after: EventRow


@dataclass
class QuotesLoaded(Message):
    query: str
    country: str | None
    hits: list[QuoteHit]
    total: int
    more: bool = False  # total is a cap: there are more matches than that
    filters: Filters | None = None


@dataclass
class ArticleLoaded(Message):
    doc: ArticleDoc
    ref: SourceRef


@dataclass
class CountryChosen(Message):
    """Filter the whole app to this country (None clears the filter)."""
    code: str | None


@dataclass
class OpenSource(Message):
    ref: SourceRef


@dataclass
class TotalsLoaded(Message):
    """People released, events and articles under the filters (the status line)."""
    filters: Filters
    totals: dict[str, int]


@dataclass
class ChartLoaded(Message):
    filters: Filters
    by: str  # "month" or "year"
    rows: list[PeriodRow]


@dataclass
class ChartPeriodChosen(Message):
    """Narrow every pane to this period ('2025-09' or '2025')."""
    period: str


@dataclass
class PeopleLoaded(Message):
    filters: Filters
    people: list[PersonRow]


@dataclass
class PersonEventsLoaded(Message):
    person: PersonRow
    events: list[EventRow]


@dataclass
class PersonChosen(Message):
    """Filter every pane by this person (None clears that filter)."""
    person: PersonRow | None


@dataclass
class WarmedUp(Message):
    """The search's morphology and the chart's plotting library are loaded (after the first
    frame, in a worker)."""
