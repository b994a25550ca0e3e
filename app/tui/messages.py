"""Messages: database results coming back from workers, and requests between widgets."""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from app.store.queries import ArticleDoc, CountryRow, EventRow, QuoteHit


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
    stats: dict[str, int]  # row counts of the database, for the status line


@dataclass
class TimelineLoaded(Message):
    """A page of the timeline: the first (after_id None, with the total) or the one after it."""
    country: str | None
    events: list[EventRow]
    total: int | None
    after_id: int | None = None


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
