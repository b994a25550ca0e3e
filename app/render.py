"""Rich output for the CLI. Article text is data: it goes into `rich.text.Text`, never into markup,
and through app.sanitize first (`clean` keeps offsets; `clean_line` for one-line places), so no
escape sequence in an article reaches the terminal."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.plural import en as plural
from app.sanitize import clean, clean_line

BAR_WIDTH = 20
KIND_RU = {"release": "освобождение", "pardon": "помилование", "exchange": "обмен",
           "deport": "выдворение", "meeting": "встреча", "visit": "визит", "call": "звонок",
           "statement": "заявление", "sanctions": "санкции"}


def _console() -> Console:
    return Console(highlight=False)


def highlighted(text: str, spans, style: str = "bold reverse") -> Text:
    t = Text(clean(text))  # same length: the spans still point at the same words
    for start, end in spans:
        t.stylize(style, start, end)
    return t


def bar(value: int, top: int, width: int = BAR_WIDTH) -> str:
    if top <= 0 or value <= 0:
        return ""
    eighths = round(value / top * width * 8)
    full, part = divmod(max(eighths, 1), 8)
    return "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")


def count_text(count: int | None, bound: str | None) -> str:
    if count is None:
        return ""
    return f"{'>' if bound == 'lower' else ''}{count}"


# provenance beside a number: a person edited it (the machine's value is in --json), or checked it
EDITED, CONFIRMED = "*", "✓"


def event_count(event) -> str:
    """The event's count, marked when a person edited (*) or confirmed (✓) it."""
    text = count_text(event.count, event.bound)
    original = getattr(event, "original", {})
    if "count" in original:
        return text + EDITED
    return text + CONFIRMED if text and getattr(event, "confirmed", False) else text


def country_count(row) -> str:
    """A country's total, marked when an edited number is in it (*) or every event in it was
    confirmed by a person (✓)."""
    mark = EDITED if getattr(row, "corrected", False) else (
        CONFIRMED if getattr(row, "confirmed", False) else "")
    return f"{row.count}{mark}"


def event_details(event) -> str:
    """Countries with their numbers, and people: what an event line says after kind and count."""
    parts = []
    edited = getattr(event, "original", {}).get("countries", {})
    if event.countries:
        parts.append(", ".join((f"{code} {n}" if n is not None else code)
                               + (EDITED if code in edited else "")
                               for code, n in event.countries.items()))
    if event.people:
        parts.append(", ".join(event.people))
    return clean_line(" · ".join(parts))


def event_summary(event) -> str:
    """One line: kind, count, countries with their numbers, people."""
    parts = [KIND_RU.get(event.kind, clean_line(event.kind))]
    if event.count is not None:
        parts.append(event_count(event) + " чел.")
    details = event_details(event)
    return " · ".join(parts + ([details] if details else []))


def print_quotes(hits, query: str = "") -> None:
    console = _console()
    if not hits:
        console.print(Text(f"no quotes match {clean_line(repr(query))}", style="dim"))
        return
    for h in hits:
        # soft wrap: the terminal folds long lines, so text prints exactly as it is
        console.print(Text("«") + highlighted(h.text, h.spans()) + Text("»"), soft_wrap=True)
        mark = EDITED if getattr(h, "original", None) else ""
        console.print(Text(clean_line(f"  — {h.speaker or 'speaker unknown'}{mark} · "
                                      f"{h.date or 'no date'} · {h.title} ({h.path})"),
                           style="dim"), soft_wrap=True)
    console.print(Text(plural(len(hits), "quote"), style="dim"))


def print_countries(rows) -> None:
    table = Table(box=None, pad_edge=False)
    for name, justify in (("country", "left"), ("code", "left"), ("released", "right"),
                          ("events", "right"), ("articles", "right"), ("", "left")):
        table.add_column(name, justify=justify)
    top = max((r.count for r in rows), default=0)
    for r in rows:
        table.add_row(Text(clean_line(r.name)), Text(clean_line(r.code)), country_count(r),
                      str(r.events), str(r.articles),
                      Text(bar(r.count, top), style="cyan"))
    _console().print(table)


def print_timeline(events) -> None:
    console = _console()
    if not events:
        console.print(Text("no events", style="dim"))
        return
    for e in events:
        head = Text(f"{clean_line(e.date or 'no date'):<10} ", style="bold")
        head.append(event_summary(e))
        head.append(f"  [{plural(len(e.sources), 'source')}]", style="dim")
        console.print(head)
        for s in e.sources:
            console.print(Text("    ") + Text(clean(s.sentence)), soft_wrap=True)
            console.print(Text(clean_line(f"      {s.date or ''} {s.title} ({s.path})"),
                               style="dim"))


def print_people(people) -> None:
    """Freed people: name, events, articles, first and last date, other writings of the name."""
    if not people:
        _console().print(Text("no freed people named", style="dim"))
        return
    table = Table(box=None, pad_edge=False)
    for name, justify in (("person", "left"), ("events", "right"), ("articles", "right"),
                          ("first", "left"), ("last", "left"), ("also written", "left")):
        table.add_column(name, justify=justify)
    for p in people:
        table.add_row(Text(clean_line(p.name)), str(p.events), str(p.articles),
                      clean_line(p.first or ""), clean_line(p.last or ""),
                      Text(clean_line(", ".join(p.names[1:])), style="dim"))
    _console().print(table)


def print_import_summary(summary) -> None:
    console = Console(stderr=True, highlight=False)  # stdout stays free for --json users
    line = Text(f"imported {len(summary.imported)}, unchanged {summary.unchanged}, "
                f"removed {len(summary.removed)}, failed {len(summary.failed)}; "
                f"{plural(summary.events, 'event')}; {summary.seconds:.1f} s")
    if getattr(summary, "pages", 0):  # web pages: what was fetched, what was off-topic
        line.append(f"\nweb: {summary.pages} pages and feeds, {summary.fetched} downloaded, "
                    f"{summary.from_cache} from the cache; {len(summary.off_topic)} off-topic "
                    f"(no release reported: searchable, not in the timeline or counts)"
                    + (f"; {len(summary.not_fetched)} not fetched (page limit)"
                       if summary.not_fetched else ""))
    console.print(line)
    for path, reason in summary.failed:
        console.print(Text(clean_line(f"  failed: {path}: {reason}"), style="red"))
    for path, reason in getattr(summary, "not_fetched", []):
        console.print(Text(clean_line(f"  not fetched: {path}: {reason}"), style="yellow"))
    for path, warning in summary.warnings:
        console.print(Text(clean_line(f"  warning: {path}: {warning}"), style="yellow"))


def print_facts(facts: dict) -> None:
    """The facts of one article (the dict of app.facts_json), for a person to read."""
    console = _console()
    art = facts["article"]
    console.print(Text(clean_line(f"{art.get('date') or 'no date'}  {art.get('title') or ''}"),
                       style="bold"))
    console.print(Text(clean_line(art.get("path") or ""), style="dim"))
    for w in art.get("warnings") or []:
        console.print(Text(clean_line(f"warning: {w}"), style="yellow"))

    def section(name: str, items) -> None:
        console.print(Text(f"\n{name} ({len(items)})", style="bold underline"))

    section("quotes", facts.get("quotes", []))
    for q in facts.get("quotes", []):
        console.print(Text("  «") + Text(clean(q["text"])) + Text("»"))
        console.print(Text(clean_line(f"    — {q.get('speaker') or 'speaker unknown'} "
                                      f"({q.get('kind')})"), style="dim"))
    section("events", facts.get("events", []))
    for e in facts.get("events", []):
        line = f"  {e.get('date') or 'no date':<10} {KIND_RU.get(e['kind'], e['kind'])} " \
               f"{count_text(e.get('count'), e.get('bound'))}"
        if e.get("breakdown"):
            line += " " + ", ".join(f"{k} {v}" for k, v in e["breakdown"].items())
        elif e.get("countries"):
            line += " " + ", ".join(e["countries"])
        if e.get("people"):
            line += " · " + ", ".join(e["people"])
        console.print(Text(clean_line(line)))
        console.print(Text("    ") + Text(clean(e.get("sentence") or ""), style="dim"))
    section("counts", facts.get("counts", []))
    for c in facts.get("counts", []):
        console.print(Text(clean_line(f"  {c['country']} {c['count']} {c.get('status') or ''} "
                                      f"{c.get('date') or ''}")))
    section("countries", facts.get("countries", []))
    for c in facts.get("countries", []):
        console.print(Text(clean_line(f"  {c['code']} {c.get('name') or ''}: "
                                      + plural(c['mentions'], 'mention'))))
    section("people", facts.get("people", []))
    for p in facts.get("people", []):
        extra = ", ".join(p.get("roles") or [])
        console.print(Text(clean_line(f"  {p['name']}" + (f" ({extra})" if extra else ""))))
    checks = facts.get("total_checks", [])
    if checks:
        section("total checks", checks)
        for t in checks:
            mark = "ok" if t["match"] else "MISMATCH"
            console.print(Text(f"  stated {t['stated']}, breakdown {t['breakdown_sum']}: {mark}"))
