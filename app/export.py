"""Export: the timeline (each event with its sources) and the country totals under the current
filters, as CSV, JSON or Markdown, for citing in a report.

Pure: rows in, text out. CSV is one table a spreadsheet can open: a `section` column tells
timeline rows (one per source of an event; an event without sources has one row) from country
rows; dates are ISO (`2025-09-11`, or `2025-09` when only the month is known). `bom=True` starts
the file with a UTF-8 byte order mark, which Excel needs to read UTF-8. A text cell that a
spreadsheet would run as a formula (starting with = + - @) is written with a leading apostrophe,
which `from_csv` takes off again.
"""
from __future__ import annotations

import csv
import io
import json

FORMATS = ("csv", "json", "md")
CSV_COLUMNS = ["section", "event", "date", "kind", "count", "bound", "countries", "people",
               "source_date", "source_title", "source_path", "source_url",
               "country", "country_name", "released", "events", "articles"]


def export_data(events, countries, filters) -> dict:
    """The one shape every format is made from (and the JSON itself)."""
    return {
        "filters": filters.as_dict(),
        "timeline": [{"event": i, "date": e.date, "kind": e.kind, "count": e.count,
                      "bound": e.bound, "countries": e.countries, "people": e.people,
                      "sources": [{"date": s.date, "title": s.title, "path": s.path,
                                   "url": s.url} for s in e.sources]}
                     for i, e in enumerate(events, 1)],
        "countries": [{"code": c.code, "name": c.name, "released": c.count, "events": c.events,
                       "articles": c.articles} for c in countries],
    }


def render(data: dict, fmt: str, *, bom: bool = False) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return ("\ufeff" if bom else "") + to_csv(data)
    if fmt == "md":
        return to_markdown(data)
    raise ValueError(f"unknown export format: {fmt!r} (one of {', '.join(FORMATS)})")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = ("countries", "people", "source_title", "source_path", "source_url", "country",
                 "country_name")


def _safe(row: dict) -> dict:
    """Text cells a spreadsheet would take for formulas, behind an apostrophe."""
    return {k: ("'" + v if k in _TEXT_COLUMNS and isinstance(v, str) and v.startswith(_FORMULA)
                else v) for k, v in row.items()}


def _unsafe(row: dict) -> dict:
    return {k: (v[1:] if k in _TEXT_COLUMNS and v.startswith("'") and v[1:].startswith(_FORMULA)
                else v) for k, v in row.items()}


def _countries_cell(countries: dict) -> str:
    return "; ".join(f"{code} {n}" if n is not None else code for code, n in countries.items())


def _num(n) -> str:
    return "" if n is None else str(n)


def to_csv(data: dict) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for e in data["timeline"]:
        base = {"section": "timeline", "event": e["event"], "date": e["date"] or "",
                "kind": e["kind"], "count": _num(e["count"]), "bound": e["bound"] or "",
                "countries": _countries_cell(e["countries"]), "people": "; ".join(e["people"])}
        for s in e["sources"] or [None]:
            row = dict(base)
            if s:
                row.update(source_date=s["date"] or "", source_title=s["title"],
                           source_path=s["path"], source_url=s["url"] or "")
            w.writerow(_safe(row))
    for c in data["countries"]:
        w.writerow(_safe({"section": "countries", "country": c["code"], "country_name": c["name"],
                          "released": c["released"], "events": c["events"],
                          "articles": c["articles"]}))
    return out.getvalue()


def from_csv(text: str) -> dict:
    """The timeline and countries of `to_csv`'s text (the filters are not in it)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    timeline: dict[int, dict] = {}
    countries = []
    for row in map(_unsafe, reader):
        if row["section"] == "countries":
            countries.append({"code": row["country"], "name": row["country_name"],
                              "released": int(row["released"]), "events": int(row["events"]),
                              "articles": int(row["articles"])})
            continue
        n = int(row["event"])
        e = timeline.setdefault(n, {
            "event": n, "date": row["date"] or None, "kind": row["kind"],
            "count": int(row["count"]) if row["count"] else None, "bound": row["bound"] or None,
            "countries": _parse_countries(row["countries"]),
            "people": row["people"].split("; ") if row["people"] else [], "sources": []})
        if row["source_path"]:
            e["sources"].append({"date": row["source_date"] or None, "title": row["source_title"],
                                 "path": row["source_path"], "url": row["source_url"] or None})
    return {"timeline": list(timeline.values()), "countries": countries}


def _parse_countries(cell: str) -> dict:
    out = {}
    for part in filter(None, cell.split("; ")):
        code, _, n = part.partition(" ")
        out[code] = int(n) if n else None
    return out


def _md(text) -> str:
    """A table cell: pipes escaped, line breaks and control characters out."""
    s = "" if text is None else str(text)
    return "".join(" " if ch < " " or "\x7f" <= ch <= "\x9f" else ch for ch in s).replace(
        "|", "\\|")


def to_markdown(data: dict) -> str:
    f = {k: v for k, v in data["filters"].items() if v}
    lines = ["# pardons export", ""]
    lines.append("Filters: " + (", ".join(f"{k} {_md(v)}" for k, v in f.items()) or "none"))
    lines += ["", "## Timeline", "", "| date | kind | count | countries | people | sources |",
              "|---|---|---:|---|---|---|"]
    for e in data["timeline"]:
        sources = "<br>".join(
            f"{_md(s['date'] or '')} {_md(s['title'])} ({_md(s['url'] or s['path'])})"
            for s in e["sources"])
        count = ("≥" if e["bound"] == "lower" else "") + _num(e["count"])
        lines.append(f"| {_md(e['date'] or '')} | {_md(e['kind'])} | {count} | "
                     f"{_md(_countries_cell(e['countries']))} | {_md(', '.join(e['people']))} | "
                     f"{sources} |")
    lines += ["", "## Countries", "", "| country | code | released | events | articles |",
              "|---|---|---:|---:|---:|"]
    for c in data["countries"]:
        lines.append(f"| {_md(c['name'])} | {_md(c['code'])} | {c['released']} | {c['events']} | "
                     f"{c['articles']} |")
    return "\n".join(lines) + "\n"
