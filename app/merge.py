"""Pure: reports of releases from many articles → merged real-world events.

A report is what one article says about one release (kind, date, count, per-country numbers,
people). Reports of the same act are merged into one event, so that a country's citizens are
counted once per event, not once per article. The rules (tests/corpus/README.md, "clusters/"):

- kinds of one group: release, pardon and deport are one act seen through different verbs;
  exchange is its own group; other kinds (meeting, statement …) are never merged;
- dates agree on every part both give (2025-09 agrees with 2025-09-11);
- counts agree: equal, or a bound the other meets; a report with no number agrees with any;
- no country with two different numbers; no two reports of one article;
- an undated report (or event) joins only on strong agreement: the same exact count and a shared
  person or a shared (country, number), and never as a part;
- a report of part of the group (fewer people, a breakdown that fits inside the event's) joins
  the event as its breakdown, even from an article that reports the whole;
- two exact counts that differ merge only when they are close (14 and 16, not 9 and 12) and a
  person named by both ties them on the same day; the conflict is kept (`count_conflict`).

The result does not depend on the input order: reports are taken in a canonical order (dated
before undated; exact counts before bounds before none, larger counts first, precise dates first,
then article and offset) and each joins the single best event it is compatible with, or starts a
new one. A report that fits two events equally well stays on its own: a look-alike is not
guessed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

MERGE_VERSION = "1"  # bump when the rules change: stored groups of an older merge are not reused
KIND_GROUP = {"release": "release", "pardon": "release", "deport": "release",
              "exchange": "exchange"}
PRECISION = {10: "day", 7: "month", 4: "year"}


@dataclass
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

    @property
    def precision(self) -> str | None:
        return PRECISION.get(len(self.date)) if self.date else None

    @property
    def exact(self) -> int | None:
        return self.count if self.count is not None and not self.bound else None


@dataclass
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
    """Merge reports into events; the same set of reports in any order gives the same events.

    Dated reports are merged year by year (reports of different years never meet), then the
    undated ones join them. `known` may give the groups of dated reports an earlier merge made:
    a year whose reports are exactly those of its known groups is rebuilt from them without a
    search, which is what makes re-deriving after a small import cheap. The caller must only
    pass groups of years whose reports (and the people they name) did not change."""
    release = sorted((r for r in reports if r.kind in KIND_GROUP), key=_order)
    actors = find_actors(release)
    persons = {r.id: _persons(r, actors) for r in release}
    years: dict[str, list[Report]] = defaultdict(list)
    undated = []
    for r in release:
        (years[r.date[:4]] if r.date else undated).append(r)
    by_id = {r.id: r for r in release}
    known_years: dict[str, list[list[Report]]] = defaultdict(list)
    for group in known:
        members = [by_id[i] for i in group if i in by_id and by_id[i].date]
        if members:
            known_years[members[0].date[:4]].append(members)
    index = _Index()
    clusters: list[_Cluster] = []
    for year in sorted(years):
        rebuilt = _rebuild(known_years.get(year), years[year], persons)
        if rebuilt is None:
            clusters += _greedy(years[year], persons, index)
        else:
            for c in rebuilt:
                index.add(c)
            clusters += rebuilt
    clusters += _greedy(undated, persons, index)
    events = [c.event() for c in clusters]
    events += [_single(r) for r in reports if r.kind not in KIND_GROUP]
    order = {r.id: _order(r) for r in reports}
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.kind, -(e.count or 0),
                                         order[e.report_ids[0]]))


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
    return (r.date is None, rank, -(r.count or 0), -len(r.date or ""), r.date or "", r.article,
            r.start, r.kind, r.id)


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


def breakdowns_agree(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(b[c] == n for c, n in a.items() if c in b)


def person_key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def find_actors(reports: list[Report]) -> set[str]:
    """People named in reports of incompatible dates: the ones who pardon, speak or negotiate
    (a released person is released once). They are no evidence that two reports are one act."""
    dates: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        if r.date and r.kind in KIND_GROUP:
            for p in r.people:
                dates[person_key(p)].add(r.date)
    # dates agree pairwise exactly when each is a prefix of the most precise one
    return {p for p, ds in dates.items() if any(not max(ds, key=len).startswith(d) for d in ds)}


def _persons(r: Report, actors: set[str]) -> frozenset[str]:
    return frozenset(k for k in map(person_key, r.people) if k not in actors)


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
    over every member."""

    def __init__(self, r: Report, persons: frozenset[str]):
        self.reports: list[Report] = []
        self.group = KIND_GROUP[r.kind]
        self.parts: set[int] = set()
        self.date: str | None = None
        self.breakdown: dict[str, int] = {}
        self.exacts: dict[int, int] = {}  # exact count of the whole group (not parts) → reports
        self.lower = 0  # the highest lower bound, and the lowest upper bound, of the whole
        self.upper = float("inf")
        self.largest_part = 0
        self.articles: set[str] = set()
        self.persons: set[str] = set()  # named by its reports, actors left out
        self.add(r, False, persons)

    def exact(self) -> int | None:
        """The largest exact count of the whole group, if any report gives one."""
        return max(self.exacts) if self.exacts else None

    def add(self, r: Report, part: bool, persons: frozenset[str]) -> None:
        self.reports.append(r)
        self.articles.add(r.article)
        self.persons |= persons
        if r.date and (self.date is None or len(r.date) > len(self.date)):
            self.date = r.date
        for c, n in r.breakdown.items():
            self.breakdown[c] = max(n, self.breakdown.get(c, 0))
        if part:
            self.parts.add(r.id)
            self.largest_part = max(self.largest_part, r.count or 0)
        elif r.count is not None:
            if r.bound == "lower":
                self.lower = max(self.lower, r.count)
            elif r.bound == "upper":
                self.upper = min(self.upper, r.count)
            else:
                self.exacts[r.count] = self.exacts.get(r.count, 0) + 1

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
        reports = self.reports  # added in canonical order
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


def _single(r: Report) -> MergedEvent:
    """A non-release report (meeting, statement …): an event of its own, never merged."""
    return MergedEvent(date=r.date, precision=r.precision, kind=r.kind, count=r.count,
                       bound=r.bound, count_conflict=[],
                       countries=dict(sorted(r.breakdown.items())),
                       named=sorted(set(r.countries) | set(r.breakdown)),
                       people=sorted(set(r.people)), report_ids=[r.id], part_ids=[], articles=1)


def _fit(r: Report, c: _Cluster, persons: dict[int, frozenset[str]]) -> tuple[tuple, bool] | None:
    """How well `r` fits cluster `c`: (score, as a part), or None when it must not join."""
    if KIND_GROUP[r.kind] != c.group or not dates_agree(r.date, c.date):
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
    if r.article in c.articles and not part:
        return None  # an article lists each real-world event once
    equal = r.exact is not None and r.exact in c.exacts
    if (r.date is None or c.date is None) and not (equal and (shared_people or shared_numbers)):
        return None  # an undated report (or event) joins only on strong agreement
    score = (shared_people + shared_numbers, int(equal), int(not conflict),
             int(r.date == c.date))
    return score, part


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
        self.placed: dict[int, list[tuple]] = {}

    def _keys(self, c: _Cluster) -> list[tuple]:
        strong = _strong(c.exacts, c.breakdown, c.persons)
        keys = [("strong", *k) for k in strong]
        if c.date is None:
            return keys + [("undated", *k) for k in strong]
        for p in _prefixes(c.date):  # c's date ("at"), and the coarser ones it lies "in"
            where = "at" if p == c.date else "in"
            keys.append((where, p))
            keys += [(where + "-count", p, n) for n in c.exacts] or [(where + "-nocount", p)]
            keys += [(where + "-number", p, item) for item in c.breakdown.items()]
        return keys

    def add(self, c: _Cluster) -> None:
        keys = self._keys(c)
        for k in keys:
            self.places[k][id(c)] = c
        self.placed[id(c)] = keys

    def moved(self, c: _Cluster) -> None:
        for k in self.placed.pop(id(c)):
            self.places[k].pop(id(c), None)
        self.add(c)

    def _get(self, *key) -> dict[int, _Cluster]:
        return self.places.get(key, {})

    def candidates(self, r: Report, persons: frozenset[str]) -> list[_Cluster]:
        strong = _strong([r.exact] if r.exact is not None else [], r.breakdown, persons)
        if r.date is None:  # an undated report joins only on strong agreement
            found = {}
            for k in strong:
                found.update(self._get("strong", *k))
            return list(found.values())
        found: dict[int, _Cluster] = dict(self._get("at", r.date))  # the same date: all
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


def _prefixes(date: str) -> list[str]:
    return [date[:n] for n in (4, 7, 10) if n <= len(date)]
