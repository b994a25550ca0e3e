"""The filters every pane and command shares: country, date range, kind of act, person.

Pure: parsing and describing only; `app.store.queries` turns a `Filters` into SQL. Dates are the
ISO prefixes the events carry (`2025`, `2025-09`, `2025-09-11`): `since` keeps events on or after
the start of its period and `until` those up to the end of its period, so `since=until=2025-09`
is the month of September 2025.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

_PERIOD = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_RANGE_SEP = re.compile(r"\s*(?:\.\.|–|—|\s+to\s+|\s+по\s+|\s+)\s*")


class FilterError(ValueError):
    """Input that is no period (the message says what is expected)."""


def period(value: str) -> str:
    """`2025`, `2025-09` or `2025-09-11`, checked; FilterError for anything else."""
    v = value.strip()
    if not _PERIOD.fullmatch(v):
        raise FilterError(f"not a date: {value!r} (give 2025, 2025-09 or 2025-09-11)")
    return v


def parse_range(text: str) -> tuple[str | None, str | None]:
    """A period typed by a person: one period (`2025`, `2025-09`), or a range `FROM..TO`
    (also `FROM–TO`, `FROM TO`), either end left empty for an open range (`2025-06..`)."""
    t = text.strip()
    if not t:
        return None, None
    if _PERIOD.fullmatch(t):
        return t, t
    m = re.fullmatch(r"(\S*?)\s*(?:\.\.|–|—)\s*(\S*)", t) or re.fullmatch(r"(\S+)\s+(\S+)", t)
    if not m:
        raise FilterError(f"not a period: {text!r} (give 2025, 2025-09, or 2025-01..2025-06)")
    since, until = (period(x) if x else None for x in m.groups())
    if since and until and until < since[:len(until)]:
        raise FilterError(f"the range ends before it starts: {text!r}")
    return since, until


@dataclass(frozen=True)
class Filters:
    """What the panes are narrowed to; the defaults are «everything»."""
    country: str | None = None  # ISO 3166-1 alpha-2
    since: str | None = None  # ISO date prefix, inclusive
    until: str | None = None  # ISO date prefix, inclusive of its whole period
    kind: str | None = None  # an event kind (release, pardon, exchange, …)
    person: tuple[str, ...] = field(default=())  # one person's names, the shown one first

    def without(self, *names: str) -> "Filters":
        return replace(self, **{n: () if n == "person" else None for n in names})

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def events_only(self) -> bool:
        """Only the country, or nothing: the read-side tables answer without a filtered scan."""
        return not (self.since or self.until or self.kind or self.person)

    def period_label(self) -> str:
        if not (self.since or self.until):
            return ""
        if self.since == self.until:
            return self.since or ""
        return f"{self.since or '…'}..{self.until or '…'}"

    def as_dict(self) -> dict:
        return {"country": self.country, "since": self.since, "until": self.until,
                "kind": self.kind, "person": self.person[0] if self.person else None}
