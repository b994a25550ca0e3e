"""Derive merged events from per-article reports. (placeholder: one event per report, no merging)"""
from __future__ import annotations

import json


def rebuild_events(db) -> int:
    db.execute("delete from event_countries")
    db.execute("delete from event_reports")
    db.execute("delete from events")
    rows = db.execute("select r.id, r.date, r.precision, r.kind, r.count, r.bound, r.people, "
                      "r.breakdown, r.countries from reports r order by r.date, r.id").fetchall()
    for rid, date, precision, kind, count, bound, people, breakdown, countries in rows:
        eid = db["events"].insert({"date": date, "precision": precision, "kind": kind,
                                   "count": count, "bound": bound, "people": people,
                                   "sources": 1, "articles": 1}).last_pk
        db["event_reports"].insert({"event_id": eid, "report_id": rid})
        per_country = json.loads(breakdown or "{}")
        for code in sorted(set(json.loads(countries or "[]")) | set(per_country)):
            db["event_countries"].insert({"event_id": eid, "country": code,
                                          "count": per_country.get(code)})
    return len(rows)
