"""Pure: reports of releases from many articles → merged real-world events.

A report is what one article says about one release (kind, date, count, per-country numbers,
people). Reports of the same act are merged into one event, so that a country's citizens are
counted once per event, not once per article. The rules (tests/corpus/README.md, "clusters/"):

- kinds of one group: release, pardon and deport are one act seen through different verbs;
  exchange is its own group; other kinds (meeting, statement …) are never merged;
- dates agree on every part both give (2025-09 agrees with 2025-09-11);
- counts agree: equal, or a bound the other meets; a report with no number agrees with any;
- no country with two different numbers; no two reports of one article;
- an undated report (or event) joins on strong agreement: the same exact count and a shared
  person or a shared (country, number), and never as a part;
- an undated report also joins a dated event it restates by its count alone (an equal exact
  count, or a lower bound the event's exact count meets), with no contradicting country number,
  when exactly one dated event fits (and at most LOOSE_CAP dated events have that count): the
  background «Напомним, ранее помиловали 30 человек» is that act, not a new one. It joins whole,
  never as a part, so it adds no country's people twice;
- a recap published later («30 человек, помилованных 3 июля», on the 4th) comes dated by the act
  it names (the extractor reads the date from its words), so it joins that event by the rules
  here; its per-country numbers agree with the event's and change no country's total;
- a report of part of the group (fewer people, a breakdown that fits inside the event's) joins
  the event as its breakdown, even from an article that reports the whole;
- two exact counts that differ merge only when they are close (14 and 16, not 9 and 12) and a
  person named by both ties them on the same day; the conflict is kept (`count_conflict`);
- a report whose day is inferred (the article's own date, for lack of any date words: a report
  published the day after the act looks like this) may join an event up to 2 days earlier, never
  later, on strong agreement: equal exact counts (or a met lower bound) and a shared number of a
  country or a shared person who is not an actor. An event of inferred days only is dated by its
  earliest one (an article cannot report an act after its publication).

The result does not depend on the input order: reports are taken in a canonical order (dated
before undated; exact counts before bounds before none, larger counts first, precise dates first,
then article and offset) and each joins the single best event it is compatible with, or starts a
new one. A report that fits two events equally well stays on its own: a look-alike is not
guessed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as _date, timedelta
from functools import lru_cache
from types import MappingProxyType

MERGE_VERSION = "3"  # bump when the rules change: stored groups of an older merge are not reused
KIND_GROUP = {"release": "release", "pardon": "release", "deport": "release",
              "exchange": "exchange"}
PRECISION = {10: "day", 7: "month", 4: "year"}
SHIFT_DAYS = 2  # how much later than the act a report with an inferred day may be published
LOOSE_CAP = 8  # an undated report looks at most this many dated events of its count
LOOSE_REACH = 1000  # «более 30» looks for events of 31 … 60 people (at most this many counts)
NO_NUMBERS = MappingProxyType({})  # one shared, read-only empty breakdown: there are 100 000s
_NOBODY: frozenset[str] = frozenset()


@dataclass(slots=True)  # slots: a derivation holds every report at once
class Report:
    id: int
    article: str  # the article's key (its path): identity, and order
    kind: str
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY, resolved; None when unknown
    count: int | None = None
    bound: str | None = None  # "lower" (более, свыше), "upper" (до, не более) or None (exact)
    breakdown: dict[str, int] = field(default_factory=dict)  # ISO code → people of that country
    people: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # named in the sentence
    article_date: str | None = None
    start: int = 0  # offset in the article: orders two reports of one article
    date_inferred: bool = False  # the day is the article's own, given for lack of date words

    @property
    def precision(self) -> str | None:
        return PRECISION.get(len(self.date)) if self.date else None

    @property
    def exact(self) -> int | None:
        return self.count if self.count is not None and not self.bound else None


@dataclass(slots=True)
class MergedEvent:
    date: str | None
    precision: str | None
    kind: str
    count: int | None
    bound: str | None
    count_conflict: list[int]  # the differing exact counts, sorted; empty when they agree
    countries: dict[str, int]  # ISO code → people, the largest number any report states
    named: list[str]  # every country named by a report, with or without a number
    people: list[str]
    report_ids: list[int]  # in canonical order
    part_ids: list[int]  # those of report_ids that report only a part of the group
    articles: int


def merge(reports: list[Report], known: list[list[int]] = ()) -> list[MergedEvent]:
    """Merge reports into events; the same set of reports in any order gives the same events
    (`merge_sources`), in date order."""
    events = [(s.event(), s.first()) for s in merge_sources(reports, known)]
    events.sort(key=lambda ef: event_order(*ef))
    return [e for e, _ in events]


def event_order(e: MergedEvent, first: Report) -> tuple:
    """The order of events: by date (undated last), kind, larger counts first, then the
    canonical order of the first report (`first`, the one of e.report_ids[0])."""
    return (e.date is None, e.date or "", e.kind, -(e.count or 0), _order(first))


def merge_sources(reports: list[Report], known: list[list[int]] = ()) -> list[_Cluster | _Single]:
    """The merged groups, unordered, each with `event()` and `first()`: a caller that holds
    hundreds of thousands makes each event when it needs it rather than all at once.

    Dated reports are merged year by year (reports of different years meet only across a new
    year, when a report of its first days has an inferred day), then the undated ones join
    them. `known` may give the groups of dated reports an earlier merge made: a year (or a chain
    of years that a new year's report links) whose reports are exactly those of its known groups
    is rebuilt from them without a search, which is what makes re-deriving after a small import
    cheap. The caller must only pass groups of years whose reports (and the people they name)
    did not change."""
    release = sorted((r for r in reports if r.kind in KIND_GROUP), key=_order)
    actors = find_actors(release)
    persons = {r.id: _persons(r, actors) for r in release}
    years: dict[str, list[Report]] = defaultdict(list)
    undated = []
    for r in release:
        (years[r.date[:4]] if r.date else undated).append(r)
    block = _blocks(years)
    by_id = {r.id: r for r in release}
    known_blocks: dict[str, list[list[Report]]] = defaultdict(list)
    for group in known:
        members = [by_id[i] for i in group if i in by_id and by_id[i].date]
        if members:
            known_blocks[block[members[0].date[:4]]].append(members)
    index = _Index()
    clusters: list[_Cluster] = []
    done = 0  # clusters[:done] are of years no later report can reach, but for undated ones
    for first in sorted(set(block.values())):
        chain = [y for y in sorted(years) if block[y] == first]
        rebuilt = _rebuild(known_blocks.get(first), [r for y in chain for r in years[y]],
                           persons)
        if rebuilt is None:
            for year in chain:  # year by year, as when the years are apart
                clusters += _greedy(years[year], persons, index)
                # a report reaches back at most SHIFT_DAYS, so into the year before, no further
                reach = str(int(year) - 1)
                old = [c for c in clusters[done:] if c.date < reach]
                index.retire(old)
                clusters[done:] = old + [c for c in clusters[done:] if c.date >= reach]
                done += len(old)
        else:
            for c in rebuilt:
                index.add(c)
            clusters += rebuilt
    index.retire(clusters[done:])  # undated reports look dated clusters up by strong keys only
    clusters += _greedy(undated, persons, index)
    return clusters + [_Single(r) for r in reports if r.kind not in KIND_GROUP]


def _blocks(years: dict[str, list[Report]]) -> dict[str, str]:
    """Year → the first year of its chain: a year is chained to the one before when a report of
    its first days has an inferred day and the year before has reports of its last days, since
    that report may join an event of the old year."""
    block: dict[str, str] = {}
    before = None
    for year in sorted(years):
        block[year] = year
        if before is not None and int(year) == int(before) + 1:
            new_year = _date(int(year), 1, 1)
            shift = timedelta(SHIFT_DAYS)
            late = any(r.date_inferred and r.precision == "day" and _day(r.date) - shift < new_year
                       for r in years[year])
            if late and any(r.precision == "day" and _day(r.date) + shift >= new_year
                            for r in years[before]):
                block[year] = block[before]
        before = year
    return block


def _greedy(reports: list[Report], persons: dict[int, frozenset[str]], index: _Index
            ) -> list[_Cluster]:
    """Each report, in canonical order, joins the one best cluster or starts a new one."""
    new = []
    for r in reports:
        joined = _best(r, index.candidates(r, persons[r.id]), persons)
        if joined is None:
            c = _Cluster(r, persons[r.id])
            new.append(c)
            index.add(c)
        else:
            cluster, part = joined
            cluster.add(r, part, persons[r.id])
            index.moved(cluster)
    return new


def _rebuild(groups: list[list[Report]] | None, reports: list[Report],
             persons: dict[int, frozenset[str]]) -> list[_Cluster] | None:
    """The clusters of known groups, if they hold exactly `reports` and each still fits its
    group; None (search again) otherwise."""
    if not groups or sorted(r.id for g in groups for r in g) != sorted(r.id for r in reports):
        return None
    clusters = []
    for group in groups:
        first, *rest = sorted(group, key=_order)
        c = _Cluster(first, persons[first.id])
        for r in rest:
            fit = _fit(r, c, persons)
            if fit is None:
                return None
            c.add(r, fit[1], persons[r.id])
        clusters.append(c)
    return clusters


# -- order -----------------------------------------------------------------------------------

def _order(r: Report) -> tuple:
    """The canonical order: dated first, exact counts, then bounds, then none; larger counts
    first; precise dates first; then article and offset (never the id, which depends on the
    order of import)."""
    rank = 0 if r.exact is not None else 1 if r.count is not None else 2
    # stated days before inferred ones: a report with a guessed day joins an event, not founds it
    return (r.date is None, rank, -(r.count or 0), -len(r.date or ""), r.date_inferred,
            r.date or "", r.article, r.start, r.kind, r.id)


# -- pairwise rules --------------------------------------------------------------------------

def dates_agree(a: str | None, b: str | None) -> bool:
    """Do two dates agree on every part both give? An unknown date agrees with any."""
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def counts_agree(a: Report, b: Report) -> bool:
    """Equal, or a bound that the other meets; a report without a number agrees with any."""
    if a.count is None or b.count is None:
        return True
    lo_a, hi_a = _range(a)
    lo_b, hi_b = _range(b)
    return lo_a <= hi_b and lo_b <= hi_a


def _range(r: Report) -> tuple[float, float]:
    if r.bound == "lower":
        return r.count, float("inf")
    if r.bound == "upper":
        return 0, r.count
    return r.count, r.count


@lru_cache(maxsize=8192)
def _day(iso: str) -> _date:
    return _date.fromisoformat(iso)


def _gap(later: str, earlier: str) -> int:
    """Days from one day (YYYY-MM-DD) to another."""
    return (_day(later) - _day(earlier)).days


def breakdowns_agree(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(b[c] == n for c, n in a.items() if c in b)


def person_key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def find_actors(reports: list[Report]) -> set[str]:
    """People named in reports of incompatible dates: the ones who pardon, speak or negotiate
    (a released person is released once). They are no evidence that two reports are one act.
    An inferred day is compatible with an act up to SHIFT_DAYS before it."""
    stated: dict[str, set[str]] = defaultdict(set)
    inferred: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        if r.date and r.kind in KIND_GROUP:
            into = inferred if r.date_inferred and r.precision == "day" else stated
            for p in r.people:
                into[person_key(p)].add(r.date)
    return {p for p in stated.keys() | inferred.keys()
            if not _one_act(stated.get(p, set()), inferred.get(p, set()))}


def _one_act(stated: set[str], inferred: set[str]) -> bool:
    """Can these dates be of one act? Stated dates agree pairwise exactly when each is a prefix
    of the most precise one; an inferred day is that day or up to SHIFT_DAYS after it."""
    best = max(stated, key=len) if stated else ""
    if any(not best.startswith(d) for d in stated):
        return False
    if not inferred:
        return True
    latest = max(inferred)
    days = [best] if len(best) == 10 else [
        (_day(min(inferred)) - timedelta(n)).isoformat() for n in range(SHIFT_DAYS + 1)]
    return any(d.startswith(best) and 0 <= _gap(min(inferred), d)
               and _gap(latest, d) <= SHIFT_DAYS for d in days)


def _persons(r: Report, actors: set[str]) -> frozenset[str]:
    if not r.people:
        return _NOBODY  # shared: an empty frozenset is 216 bytes, and most reports name no one
    return frozenset(k for k in map(person_key, r.people) if k not in actors) or _NOBODY


def _people_conflict(a: set[str], ca: int | None, b: set[str], cb: int | None) -> bool:
    """Both reports name as many people as were released, and not one of them in common.
    (A report's people are everyone its sentence names, a spokesman too: sets that merely
    differ are no conflict.)"""
    complete = lambda s, c: s and c is not None and len(s) >= c
    return bool(complete(a, ca) and complete(b, cb) and not a & b)


def _close(a: int, b: int) -> bool:
    """Two exact counts near enough to be one act miscounted (14 and 16), not two acts (9, 12)."""
    return abs(a - b) <= max(2, 0.1 * max(a, b))


# -- clusters --------------------------------------------------------------------------------

class _Cluster:
    """Reports merged so far, with running summaries so that a fit is checked without a pass
    over every member. Slots, and shared empty values until a member fills them: a derivation
    holds every cluster at once, and most hold one report."""

    __slots__ = ("reports", "group", "parts", "date", "stated", "inferred", "breakdown", "exacts",
                 "lower", "upper", "largest_part", "persons")

    def __init__(self, r: Report, persons: frozenset[str]):
        self.reports: list[Report] = []
        self.group = KIND_GROUP[r.kind]
        self.parts: tuple[int, ...] = ()
        self.date: str | None = None  # the stated date, or the earliest inferred day if finer
        self.stated: str | None = None  # the most precise date a report states
        self.inferred: tuple[str, ...] = ()  # the inferred days of its reports
        self.breakdown: dict[str, int] = NO_NUMBERS
        self.exacts: dict[int, int] = NO_NUMBERS  # exact count of the whole (not parts) → reports
        self.lower = 0  # the highest lower bound, and the lowest upper bound, of the whole
        self.upper = float("inf")
        self.largest_part = 0
        self.persons: frozenset[str] = _NOBODY  # named by its reports, actors left out
        self.add(r, False, persons)

    @property
    def articles(self) -> set[str]:
        return {m.article for m in self.reports}

    def first(self) -> Report:
        return min(self.reports, key=_order)

    def exact(self) -> int | None:
        """The largest exact count of the whole group, if any report gives one."""
        return max(self.exacts) if self.exacts else None

    def add(self, r: Report, part: bool, persons: frozenset[str]) -> None:
        self.reports.append(r)
        if persons:
            self.persons = self.persons | persons
        if r.date_inferred and r.precision == "day":
            self.inferred += (r.date,)
        elif r.date and (self.stated is None or len(r.date) > len(self.stated)):
            self.stated = r.date
        self.date = self.stated
        if self.inferred and (self.stated is None or len(self.stated) < 10):
            self.date = min(self.inferred)  # the act is no later than its first report
        if r.breakdown:
            self.breakdown = {**self.breakdown, **{c: max(n, self.breakdown.get(c, 0))
                                                   for c, n in r.breakdown.items()}}
        if part:
            self.parts += (r.id,)
            self.largest_part = max(self.largest_part, r.count or 0)
        elif r.count is not None:
            if r.bound == "lower":
                self.lower = max(self.lower, r.count)
            elif r.bound == "upper":
                self.upper = min(self.upper, r.count)
            else:
                self.exacts = {**self.exacts, r.count: self.exacts.get(r.count, 0) + 1}

    def counts_agree(self, r: Report) -> bool:
        """Does `r`'s count agree with the count of every report of the whole group? In an event
        that already holds a conflict, one of its figures is enough."""
        if r.count is None or not (self.exacts or self.lower or self.upper < float("inf")):
            return True
        if r.bound is None and self.exacts:  # the common case, first
            return r.count in self.exacts and (
                len(self.exacts) > 1 or self.lower <= r.count <= self.upper)
        lo, hi = _range(r)
        if self.exacts:
            if len(self.exacts) > 1 and r.exact in self.exacts:
                return True
            if not (lo <= min(self.exacts) and max(self.exacts) <= hi):
                return False
        return lo <= self.upper and self.lower <= hi

    def event(self) -> MergedEvent:
        reports = sorted(self.reports, key=_order)  # a new year's report joins after its year
        exact = self.exacts
        if exact:  # the figure most reports give; of two as frequent, the smaller
            count, bound = min(exact, key=lambda n: (-exact[n], n)), None
        elif self.lower:
            count, bound = self.lower, "lower"
        elif self.upper < float("inf"):
            count, bound = self.upper, "upper"
        else:
            count, bound = None, None
        kinds: dict[str, int] = {}
        for r in reports:
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
        top = max(kinds.values())
        kind = next(r.kind for r in reports if kinds[r.kind] == top)
        people: dict[str, str] = {}
        for r in reports:
            for p in r.people:
                people.setdefault(person_key(p), p)
        return MergedEvent(
            date=self.date, precision=PRECISION.get(len(self.date)) if self.date else None,
            kind=kind, count=count, bound=bound,
            count_conflict=sorted(exact) if len(exact) > 1 else [],
            countries=dict(sorted(self.breakdown.items())),
            named=sorted({c for r in reports for c in r.countries} | set(self.breakdown)),
            people=sorted(people.values()), report_ids=[r.id for r in reports],
            part_ids=[r.id for r in reports if r.id in self.parts],
            articles=len({r.article for r in reports}))


class _Single:
    """A non-release report (meeting, statement …): an event of its own, never merged."""

    __slots__ = ("report",)

    def __init__(self, r: Report):
        self.report = r

    def first(self) -> Report:
        return self.report

    def event(self) -> MergedEvent:
        return _single(self.report)


def _single(r: Report) -> MergedEvent:
    return MergedEvent(date=r.date, precision=r.precision, kind=r.kind, count=r.count,
                       bound=r.bound, count_conflict=[],
                       countries=dict(sorted(r.breakdown.items())),
                       named=sorted(set(r.countries) | set(r.breakdown)),
                       people=sorted(set(r.people)), report_ids=[r.id], part_ids=[], articles=1)


def _fit(r: Report, c: _Cluster, persons: dict[int, frozenset[str]]) -> tuple[tuple, bool] | None:
    """How well `r` fits cluster `c`: (score, as a part), or None when it must not join."""
    if KIND_GROUP[r.kind] != c.group:
        return None
    shifted = _shifted(r, c)
    if shifted is None:
        return None
    mine = persons[r.id]
    agrees = c.counts_agree(r)
    if not agrees and not (mine and r.date == c.date) and not (
            r.breakdown and r.count is not None and c.exacts and r.count < max(c.exacts)):
        return None  # the common case, decided cheaply: neither a part nor a tied conflict
    if not breakdowns_agree(r.breakdown, c.breakdown):
        return None  # members agree with each other, so c.breakdown holds their one number
    shared_people = 0
    if mine:
        for m in c.reports:
            theirs = persons[m.id]
            if _people_conflict(mine, r.count, theirs, m.count):
                return None
            shared_people = max(shared_people, len(mine & theirs))
    shared_numbers = sum(1 for k, n in r.breakdown.items() if c.breakdown.get(k) == n)
    part = conflict = False
    if agrees and (r.exact is None or r.exact > c.largest_part):
        pass
    elif _is_part(r, c, shared_numbers):
        part = conflict = True
    elif (r.exact is not None and shared_people and r.precision == "day" and r.date == c.date
          and c.exacts and all(_close(r.exact, n) for n in c.exacts)
          and not c.lower and c.upper == float("inf")):
        conflict = True  # two exact counts of one act, tied by a named person the same day
    else:
        return None
    if not part and any(m.article == r.article for m in c.reports):
        return None  # an article lists each real-world event once
    if shifted and (part or conflict or not _strong_count(r, c)
                    or not (shared_people or shared_numbers)):
        return None  # an inferred day moves back only on strong agreement
    equal = r.exact is not None and r.exact in c.exacts
    if (r.date is None or c.date is None) and not (equal and (shared_people or shared_numbers)):
        # an undated report restating a dated event by its count alone («Напомним, ранее
        # помиловал 30 человек») joins it whole; `_best` keeps it apart when two events fit
        if not (r.date is None and c.date is not None and not part and not conflict
                and _strong_count(r, c)):
            return None  # otherwise an undated report (or event) joins only on strong agreement
    score = (shared_people + shared_numbers, int(equal), int(not conflict),
             int(r.date == c.date))
    return score, part


def _shifted(r: Report, c: _Cluster) -> bool | None:
    """Do the dates of `r` and `c` agree (False), agree only once an inferred day is moved back
    to the act, up to SHIFT_DAYS (True), or not at all (None)?"""
    if dates_agree(r.date, c.date):
        return False
    if r.precision != "day" or c.date is None or len(c.date) != 10:
        return None
    gap = _gap(r.date, c.date)
    if r.date_inferred and 0 < gap <= SHIFT_DAYS:
        return True  # reported a day or two after the act, with no date words
    if (gap < 0 and (c.stated is None or len(c.stated) < 10) and dates_agree(r.date, c.stated)
            and _gap(max(c.inferred), r.date) <= SHIFT_DAYS):
        return True  # the event's day was inferred: r states the act's day
    return None


def _strong_count(r: Report, c: _Cluster) -> bool:
    """Equal exact counts, or a lower bound met by an exact count."""
    if r.exact is not None:
        return r.exact in c.exacts or (not c.exacts and 0 < c.lower <= r.exact)
    return r.bound == "lower" and bool(c.exacts) and c.counts_agree(r)


def _is_part(r: Report, c: _Cluster, shared_numbers: int) -> bool:
    """Is `r` the report of part of the group of `c` (the 14 foreigners among the 52, «из них
    шестеро литовцев»)? It needs fewer people and a breakdown that fits inside the event's."""
    whole = c.exact()
    if whole is None or r.count is None or r.count >= whole:
        return False
    if not r.breakdown or not shared_numbers:
        return False
    if sum(r.breakdown.values()) > r.count:
        return False
    merged = dict(c.breakdown)
    merged.update(r.breakdown)
    return sum(merged.values()) <= whole


def _best(r: Report, candidates: list[_Cluster], persons: dict[int, frozenset[str]]
          ) -> tuple[_Cluster, bool] | None:
    group = KIND_GROUP[r.kind]
    fits = [(f, c) for c in candidates
            if c.group == group and (f := _fit(r, c, persons)) is not None]
    if not fits:
        return None
    fits.sort(key=lambda fc: fc[0][0], reverse=True)
    if len(fits) > 1 and fits[0][0][0] == fits[1][0][0]:
        return None  # fits two events equally well: a look-alike is not guessed
    (score, part), cluster = fits[0]
    return cluster, part


class _Index:
    """Where to look for the clusters a report could join, so that it is never compared with all
    of them. Clusters are filed under their date ("at") and the coarser dates they lie "in"
    (2025-09-11 in 2025-09 and 2025), each also by exact count, by (country, number) and as "no
    exact count"; and by (exact count, number or person), the strong agreement an undated side
    needs. A cluster is filed again whenever it grows."""

    def __init__(self):
        self.places: dict[tuple, dict[int, _Cluster]] = defaultdict(dict)
        # a cluster's places, as the places' own dicts (not its keys: new tuples each time),
        # and whether it is filed everywhere or, once retired, under its strong keys only
        self.placed: dict[int, tuple[bool, list[dict[int, _Cluster]]]] = {}

    def _keys(self, c: _Cluster) -> list[tuple]:
        keys = self._undated_keys(c)
        if c.date is None:
            return keys + [("undated", *k) for k in _strong(c.exacts, c.breakdown, c.persons)]
        if c.inferred and (c.stated is None or len(c.stated) < 10):
            keys.append(("loose", c.date))  # dated by an inferred day: it may move back
        for p in _prefixes(c.date):  # c's date ("at"), and the coarser ones it lies "in"
            where = "at" if p == c.date else "in"
            keys.append((where, p))
            keys += [(where + "-count", p, n) for n in c.exacts] or [(where + "-nocount", p)]
            keys += [(where + "-number", p, item) for item in c.breakdown.items()]
        return keys

    @staticmethod
    def _undated_keys(c: _Cluster) -> list[tuple]:
        """The keys an undated report looks a cluster up by: strong agreement, and (for a dated
        cluster) its kind group and exact count."""
        keys = [("strong", *k) for k in _strong(c.exacts, c.breakdown, c.persons)]
        if c.date is not None:
            keys += [("count", c.group, n) for n in c.exacts]
        return keys

    def add(self, c: _Cluster, everywhere: bool = True) -> None:
        keys = self._keys(c) if everywhere else self._undated_keys(c)
        placed = [self.places[k] for k in keys]
        for place in placed:
            place[id(c)] = c
        self.placed[id(c)] = everywhere, placed

    def moved(self, c: _Cluster) -> None:
        everywhere, placed = self.placed.pop(id(c))
        for place in placed:
            place.pop(id(c), None)
        self.add(c, everywhere)

    def retire(self, clusters: list[_Cluster]) -> None:
        """File dated clusters that no dated report can reach any more under their strong keys
        only (the ones an undated report looks up): the index then holds about two years in
        full rather than every year."""
        for c in clusters:
            everywhere, placed = self.placed.pop(id(c))
            for place in placed:
                place.pop(id(c), None)
            self.add(c, False)
        if clusters:  # a dict keeps its size when emptied: drop the empty ones
            self.places = defaultdict(dict, {k: v for k, v in self.places.items() if v})

    def _get(self, *key) -> dict[int, _Cluster]:
        return self.places.get(key, {})

    def candidates(self, r: Report, persons: frozenset[str]) -> list[_Cluster]:
        strong = _strong([r.exact] if r.exact is not None else [], r.breakdown, persons)
        if r.date is None:  # an undated report: strong agreement, or a dated count it restates
            found = {}
            for k in strong:
                found.update(self._get("strong", *k))
            group = KIND_GROUP[r.kind]
            counts = [r.exact] if r.exact is not None else range(
                r.count, r.count + 1 + min(r.count, LOOSE_REACH)) if r.bound == "lower" else []
            loose: dict[int, _Cluster] = {}
            for n in counts:
                loose.update(self._get("count", group, n))
                if len(loose) > LOOSE_CAP:
                    break
            if len(loose) <= LOOSE_CAP:  # many events of that count: the mention is ambiguous
                found.update(loose)
            return list(found.values())
        if r.exact is None or persons:  # the same date: all
            found: dict[int, _Cluster] = dict(self._get("at", r.date))
        else:
            # an exact count with no person named fits a cluster of the same date only by that
            # count, or as a part sharing a number of its breakdown, or one with no count: the
            # others `_fit` refuses (in a dense year a day holds dozens of events)
            found = dict(self._get("at-count", r.date, r.exact))
            found.update(self._get("at-nocount", r.date))
            for item in r.breakdown.items():
                found.update(self._get("at-number", r.date, item))
        # a day moves only on a person or a number in common (`_fit`): without either, no other day
        before, after = _near(r) if persons or r.breakdown else ([], [])
        for day in before:  # an inferred day may move back to the act: a count it meets
            if r.exact is None:
                found.update(self._get("at", day))
            else:
                found.update(self._get("at-count", day, r.exact))
                found.update(self._get("at-nocount", day))
        for day in after:  # an event of inferred days may move back to r's
            found.update(self._get("loose", day))
        if r.exact is None:  # a bound or no number: no quick filter by count
            for p in _prefixes(r.date)[:-1]:
                found.update(self._get("at", p))
            found.update(self._get("in", r.date))
            return list(found.values())
        for k in strong:  # undated clusters, on strong agreement
            found.update(self._get("undated", *k))
        # clusters dated coarser than r ("at" a prefix) or finer ("in" r's date): only those
        # whose count r's count agrees with, or that r may be a part of
        places = [("at", p) for p in _prefixes(r.date)[:-1]] + [("in", r.date)]
        for where, p in places:
            found.update(self._get(where + "-count", p, r.exact))
            found.update(self._get(where + "-nocount", p))
            for item in r.breakdown.items():
                found.update(self._get(where + "-number", p, item))
        return list(found.values())


def _strong(exacts, breakdown: dict[str, int], persons) -> list[tuple]:
    """(exact count, number or person) pairs: the strong agreement an undated side needs."""
    return [(n, x) for n in exacts for x in (*breakdown.items(), *persons)]


def _near(r: Report) -> tuple[list[str], list[str]]:
    """The days before a report's inferred day that it may move back to, and the days after its
    day from which an event of inferred days may move back to it."""
    if r.precision != "day":
        return [], []
    day = _day(r.date)
    after = [(day + timedelta(n)).isoformat() for n in range(1, SHIFT_DAYS + 1)]
    if not r.date_inferred:
        return [], after
    return [(day - timedelta(n)).isoformat() for n in range(1, SHIFT_DAYS + 1)], after


def _prefixes(date: str) -> list[str]:
    return [date[:n] for n in (4, 7, 10) if n <= len(date)]
