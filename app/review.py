"""Pure: which events and quotes need a person's look, and why.

An event is worth a look when its numbers rest on little or disagreeing evidence; the reasons,
most urgent first (the queue is ordered by its most urgent reason, then by date):

- undated: no source gives a date, so it sits outside the timeline's order;
- count conflict: its sources give different exact counts (merge keeps the most frequent);
- country numbers differ: two of its reports give one country different numbers;
- weak join: a report joined it on weak evidence (its day is only its article's own date, or it
  has no date at all: see app.merge), so the two may be different acts;
- single source: one article says so, no other confirms it.

A quote is worth a look when it has no speaker. Confirmed events and quotes whose speaker a
person has set or cleared are not asked about again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

URGENCY = ("undated", "count conflict", "country numbers differ", "weak join", "single source",
           "no speaker")


@dataclass
class ReportFacts:
    """What the queue needs of one report of an event."""
    date: str | None
    date_inferred: bool
    role: str  # main, or part
    numbers: dict[str, int] = field(default_factory=dict)  # country → people, as it says
    article: str = ""  # its article's file name, to say which report


@dataclass
class EventFacts:
    date: str | None
    count_conflict: list[int]
    sources: int  # articles
    reports: list[ReportFacts]


def event_reasons(e: EventFacts) -> list[tuple[str, str]]:
    """(reason, a line that says it with this event's facts), most urgent first."""
    out = []
    if e.date is None:
        out.append(("undated", "undated: no source gives a date"))
    if len(e.count_conflict) > 1:
        out.append(("count conflict", "count conflict: sources say "
                    + " / ".join(map(str, e.count_conflict))))
    seen: dict[str, set[int]] = {}
    for r in e.reports:
        for country, n in r.numbers.items():
            seen.setdefault(country, set()).add(n)
    differ = {c: sorted(ns) for c, ns in sorted(seen.items()) if len(ns) > 1}
    if differ:
        out.append(("country numbers differ", "country numbers differ: " + ", ".join(
            f"{c} {' / '.join(map(str, ns))}" for c, ns in differ.items())))
    if len(e.reports) > 1:
        inferred = [r.article for r in e.reports if r.date_inferred]
        undated = [r.article for r in e.reports if r.date is None]
        if undated and e.date is not None:
            out.append(("weak join", f"weak join: {_names(undated)} undated, joined on count "
                                     f"and names alone"))
        elif inferred:
            out.append(("weak join", f"weak join: {_names(inferred)} dated only by the "
                                     f"day of publication"))
    if e.sources <= 1:
        out.append(("single source", "single source: no other article reports it"))
    return out


def _names(articles: list[str]) -> str:
    return ", ".join(dict.fromkeys(articles)) if len(articles) <= 2 else f"{len(articles)} reports"


def quote_reasons(speaker: str | None) -> list[tuple[str, str]]:
    return [] if speaker else [("no speaker", "no speaker: the quote is given to no one")]


def urgency(reasons: list[tuple[str, str]]) -> int:
    return min((URGENCY.index(r) for r, _ in reasons), default=len(URGENCY))
