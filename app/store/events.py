"""Derive merged events from per-article reports: read reports, merge them (`app.merge`), write
the difference.

Incremental where it is safe: reports of different years never merge, so the groups of a year
whose reports did not change (none added, none gone) are handed back to the merge as known and
rebuilt without a search; only the years an import touched are merged again. A new merge
version, or a change in who counts as an actor (people named on several dates), makes it merge
everything again. Either way only the events that changed are rewritten: an event with the same
reports and facts keeps its row and its id.
"""
from __future__ import annotations

import hashlib
import json

from app.merge import (MERGE_VERSION, NO_NUMBERS, MergedEvent, Report, event_order,
                       find_actors, merge_sources)
from app.store.schema import get_meta, set_meta


def load_reports(db) -> list[Report]:
    """Every report (of articles on topic), with its article's path and date, and its per-country
    numbers: those of the report's own breakdown and of the counts rows attached to it (the
    largest for a country)."""
    numbers: dict[int, dict[str, int]] = {}
    shared: dict[str, str] = {}  # one copy of each path, date, kind, name: reports repeat them
    one = lambda text: text if text is None else shared.setdefault(text, text)
    for report_id, country, count in db.execute(
            "select report_id, country, count from counts where report_id is not null and "
            "count is not null and coalesce(status, 'released') = 'released'"):
        per = numbers.setdefault(report_id, {})
        per[country] = max(count, per.get(country, 0))
    reports = []
    for (rid, path, article_date, kind, date, count, bound, breakdown, people, countries,
         start, inferred) in db.execute(
            "select r.id, a.path, a.date, r.kind, r.date, r.count, r.bound, r.breakdown, "
            "r.people, r.countries, r.start, r.date_inferred from reports r "
            "join articles a on a.id = r.article_id "
            "where not coalesce(a.off_topic, 0)"):  # an off-topic page makes no events (importer)
        per = dict(numbers.get(rid, NO_NUMBERS))
        for country, n in json.loads(breakdown or "{}").items():
            if n is not None:
                per[one(country)] = max(n, per.get(country, 0))
        reports.append(Report(id=rid, article=one(path), kind=one(kind), date=one(date),
                              count=count, bound=one(bound), breakdown=per or NO_NUMBERS,
                              people=tuple(map(one, json.loads(people or "[]"))),
                              countries=tuple(map(one, json.loads(countries or "[]"))),
                              article_date=one(article_date), start=start or 0,
                              date_inferred=bool(inferred)))
    return reports


def _row(e: MergedEvent) -> dict:
    return {"date": e.date, "precision": e.precision, "kind": e.kind, "count": e.count,
            "bound": e.bound,
            "count_conflict": json.dumps(e.count_conflict) if e.count_conflict else None,
            "people": json.dumps(e.people, ensure_ascii=False), "sources": len(e.report_ids),
            "articles": e.articles}


def _countries(e: MergedEvent) -> dict[str, int | None]:
    """Numbers where a report states one; the other countries named, with no number."""
    return {c: e.countries.get(c) for c in e.named}


def _known_groups(db, stamp: str) -> list[tuple[int, ...]]:
    """The report groups of the stored events that lost no report, when they were made by this
    merge with the same actors; [] (merge everything) otherwise."""
    if get_meta(db, "events_merge") != stamp:
        return []
    return [tuple(map(int, ids.split(","))) for ids, in db.execute(
        "select group_concat(er.report_id) from event_reports er "
        "join events e on e.id = er.event_id group by er.event_id "
        "having count(*) = max(e.sources)")]


def _digest(report_ids, part_ids, values: tuple, countries) -> bytes:
    """A stored or merged event, as a short key: an event whose key is unchanged keeps its row
    (16 bytes a key rather than a tuple of sets: there are hundreds of thousands)."""
    key = (sorted(report_ids), sorted(part_ids), values, sorted(map(tuple, countries)))
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


def _ids(text: str | None) -> list[int]:
    return [int(i) for i in text.split(",")] if text else []


def _stored(db, cols: list[str]) -> dict[bytes, list[int]]:
    """The stored events, digest → ids (two events that lost their reports to a re-import can
    look alike), read in one query (per-event maps of their reports and countries would take
    hundreds of megabytes)."""
    old: dict[bytes, list[int]] = {}
    for row in db.execute(
            f"select e.id, {', '.join('e.' + c for c in cols)}, r.ids, r.parts, c.countries "
            "from events e left join (select event_id, group_concat(report_id) ids, "
            "group_concat(case when role = 'part' then report_id end) parts "
            "from event_reports group by event_id) r on r.event_id = e.id "
            "left join (select event_id, json_group_array(json_array(country, count)) countries "
            "from event_countries group by event_id) c on c.event_id = e.id"):
        eid, values, (ids, parts, countries) = row[0], tuple(row[1:-3]), row[-3:]
        old.setdefault(_digest(_ids(ids), _ids(parts), values, json.loads(countries or "[]")),
                       []).append(eid)
    return old


def rebuild_events(db, *, full: bool = False) -> int:
    """Bring events, event_reports and event_countries in line with the reports; run it inside
    the caller's transaction. Returns the number of events.

    Memory is what bounds this at scale (hundreds of thousands of reports): reports and clusters
    are compact, and each event is made when needed (its order and digest first, then again to
    write it if it is new) rather than all held at once."""
    reports = load_reports(db)
    actors = sorted(find_actors(reports))
    stamp = hashlib.sha1(json.dumps([MERGE_VERSION, actors], ensure_ascii=False)
                         .encode()).hexdigest()
    sources = merge_sources(reports, [] if full else _known_groups(db, stamp))
    del reports  # the sources hold the reports they merge
    set_meta(db, "events_merge", stamp)
    cols = ["date", "precision", "kind", "count", "bound", "count_conflict", "people", "sources",
            "articles"]
    old = _stored(db, cols)
    placed = []  # (order, source, new?) of each event
    for s in sources:
        e = s.event()
        key = _digest(e.report_ids, e.part_ids, tuple(_row(e).values()), _countries(e).items())
        same = old.get(key)
        placed.append((event_order(e, s.first()), s, not same or same.pop() is None))
    del sources
    placed.sort(key=lambda p: p[0])
    gone = [eid for ids in old.values() for eid in ids]
    del old
    for i in range(0, len(gone), 500):
        chunk = gone[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for table, col in (("event_countries", "event_id"), ("event_reports", "event_id"),
                           ("events", "id")):
            db.execute(f"delete from {table} where {col} in ({marks})", chunk)
    conn = db.conn
    insert_event = (f"insert into events ({', '.join(cols)}) "
                    f"values ({', '.join('?' * len(cols))})")
    for _, s, is_new in placed:  # plain prepared statements: sqlite-utils' insert re-reads
        if not is_new:
            continue
        e = s.event()
        eid = conn.execute(insert_event, list(_row(e).values())).lastrowid
        parts = set(e.part_ids)
        conn.executemany("insert into event_reports (event_id, report_id, role) values (?, ?, ?)",
                         [(eid, r, "part" if r in parts else "main") for r in e.report_ids])
        conn.executemany("insert into event_countries (event_id, country, count) values (?, ?, ?)",
                         [(eid, c, n) for c, n in _countries(e).items()])
    refresh_read_tables(db)
    return len(placed)


def refresh_read_tables(db) -> None:
    """Rewrite the read-side tables (app.store.schema._READ_SIDE) from the articles' mentions and
    the events: the quote search's country filter and the unfiltered country facet read these
    instead of joining mentions and events on every query."""
    from app.store.queries import live_country_facet

    db.execute("delete from article_countries")
    db.execute("insert into article_countries (code, article_id) "
               "select code, article_id from mentions where code is not null and code != '' "
               "union select ec.country, r.article_id from event_countries ec "
               "join event_reports er on er.event_id = ec.event_id "
               "join reports r on r.id = er.report_id where ec.country != ''")
    db.execute("delete from country_totals")
    per_country = dict(db.execute("select country, count(*) from event_countries group by country"))
    db.conn.executemany(
        "insert into country_totals (code, name, count, events, articles, timeline_events) "
        "values (?, ?, ?, ?, ?, ?)",
        [(r.code, r.name, r.count, r.events, r.articles, per_country.get(r.code, 0))
         for r in live_country_facet(db)])
    db.execute("delete from country_timeline")
    db.execute("insert into country_timeline (country, undated, date, event_id) "
               "select ec.country, e.date is null, coalesce(e.date, ''), e.id "
               "from event_countries ec join events e on e.id = ec.event_id")
    db.execute("delete from search_vocab")
    db.execute("create virtual table if not exists temp.quotes_vocab "
               "using fts5vocab(main, quotes_fts, row)")
    db.execute("insert into search_vocab (term, docs) select term, doc from temp.quotes_vocab")


def list_events(db) -> list[dict]:
    """Every event with its per-country numbers and its sources (article file, date, title,
    sentence), in date order: the shape the timeline and the tests read."""
    countries: dict[int, dict[str, int | None]] = {}
    for eid, code, n in db.execute("select event_id, country, count from event_countries "
                                   "order by event_id, country"):
        countries.setdefault(eid, {})[code] = n
    sources: dict[int, list[dict]] = {}
    seen: set[tuple[int, str]] = set()
    # one source per article: the sentence of its report of the whole, before a part's
    for eid, path, file, adate, title, sentence, role in db.execute(
            "select er.event_id, a.path, a.file, a.date, a.title, s.text, er.role "
            "from event_reports er join reports r on r.id = er.report_id "
            "join articles a on a.id = r.article_id join sentences s on s.id = r.sentence_id "
            "order by a.date, a.path, er.role is 'part', r.start"):
        if (eid, path) in seen:
            continue
        seen.add((eid, path))
        sources.setdefault(eid, []).append({"path": path, "file": file, "date": adate,
                                            "title": title, "sentence": sentence,
                                            "role": role or "main"})
    events = []
    for row in db.execute("select id, date, precision, kind, count, bound, count_conflict, people "
                          "from events order by date is null, date, kind, id"):
        eid, date, precision, kind, count, bound, conflict, people = row
        events.append({"id": eid, "date": date, "precision": precision, "kind": kind,
                       "count": count, "bound": bound,
                       "count_conflict": json.loads(conflict) if conflict else [],
                       "people": json.loads(people or "[]"),
                       "countries": {c: n for c, n in countries.get(eid, {}).items()
                                     if n is not None},
                       "named": sorted(countries.get(eid, {})),
                       "sources": sources.get(eid, [])})
    return events
