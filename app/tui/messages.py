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
    country: str | None
    events: list[EventRow]


@dataclass
class QuotesLoaded(Message):
    query: str
    country: str | None
    hits: list[QuoteHit]
    total: int


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
