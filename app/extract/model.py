"""The facts the extractor produces: plain dataclasses with character spans into the article text.

Every fact carries `start`/`end` (offsets into `Article.text`) and `sentence` (the index into
`Article.sentences` of the sentence it came from), so storage can link it to its source.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

RELEASE_KINDS = ("release", "pardon", "exchange", "deport")
OTHER_KINDS = ("meeting", "visit", "call", "statement", "sanctions")
EVENT_KINDS = RELEASE_KINDS + OTHER_KINDS


@dataclass(frozen=True)
class CountryMention:
    code: str  # ISO 3166-1 alpha-2
    start: int
    end: int
    form: str  # the text as written
    how: str  # "name", "alias", "adjective", "demonym", "capital"


@dataclass(frozen=True)
class NumberMention:
    value: int
    start: int
    end: int
    bound: str | None = None  # "lower" for «более ста», «свыше 30»
    collective: bool = False  # трое, шестерых: always people
    distributive: bool = False  # «по двое», «по одному»


@dataclass(frozen=True)
class DateMention:
    date: str | None  # "YYYY-MM-DD", "YYYY-MM", "YYYY"; None when it cannot be resolved
    start: int
    end: int
    relative: bool = False  # «вчера», «в четверг»: resolved against the article date
    same_day: bool = False  # «в тот же день»: the date of the event before it


@dataclass
class Quote:
    text: str
    start: int  # the first quoted character (after the mark and any space); text[start:end] is
    end: int  # the quote (over paragraphs: the parts, with the breaks and re-opening marks between)
    speaker: str | None
    kind: str  # "statement" or "fragment"
    sentence: int
    spans_paragraphs: bool = False


@dataclass
class Person:
    name: str  # canonical nominative full name (a Belarusian or Ukrainian one in its Russian form)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    start: int = 0  # first mention
    end: int = 0
    native: str = ""  # the nominative as the article's language writes it, where not `name`


@dataclass
class Event:
    kind: str
    date: str | None
    count: int | None
    sentence: int
    start: int
    end: int
    bound: str | None = None
    countries: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    breakdown: dict[str, int] = field(default_factory=dict)  # country -> people of that country
    date_inferred: bool = False  # the article's date, given for lack of any date in the text

    @property
    def precision(self) -> str | None:
        return {10: "day", 7: "month", 4: "year"}.get(len(self.date)) if self.date else None


@dataclass
class Count:
    country: str
    count: int
    start: int
    end: int
    sentence: int
    status: str = "released"
    date: str | None = None
    event: int | None = None  # index into Facts.events of the event these people belong to


@dataclass
class TotalCheck:
    stated: int
    breakdown_sum: int
    sentence: int

    @property
    def match(self) -> bool:
        return self.stated == self.breakdown_sum


@dataclass
class Facts:
    quotes: list[Quote] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    total_checks: list[TotalCheck] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)
