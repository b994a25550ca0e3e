"""The `pardons` command: parse arguments, call one function, print."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

DEFAULT_DB = "data.db"
DEFAULT_SEEDS = "seeds"


def _db_path(args) -> Path:
    return Path(args.db or os.environ.get("PARDONS_DB") or DEFAULT_DB)


_JSON_UNSAFE = re.compile("[\x7f-\x9f]")  # json escapes C0 controls, not DEL and C1 (0x9b: a CSI)


def _print_json(obj) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def cmd_extract(args) -> int:
    from app.extract import extract
    from app.facts_json import facts_json
    from app.reader import ReadError, read_path

    out, status = [], 0
    for item in read_path(Path(args.file)):
        if isinstance(item, ReadError):
            print(f"pardons: {item}", file=sys.stderr)
            status = 1
            continue
        out.append(facts_json(item, extract(item)))
    if args.json:
        _print_json(out[0] if len(out) == 1 else out)
    else:
        from app.render import print_facts

        for facts in out:
            print_facts(facts)
    return status


def cmd_import(args) -> int:
    from app.store.importer import WebOptions, is_url, run_import

    urls = [p for p in args.paths if is_url(p)]
    paths = [Path(p) for p in args.paths if not is_url(p)] or ([] if urls else [Path(DEFAULT_SEEDS)])
    web = WebOptions(urls=urls, max_pages=args.max_pages, delay=args.delay, timeout=args.timeout,
                     refresh=args.refresh, offline=args.offline)
    summary = run_import(_db_path(args), paths, prune=args.prune, rebuild=args.rebuild,
                         jobs=args.jobs, progress=not args.json and sys.stderr.isatty(), web=web)
    if args.json:
        _print_json(summary.as_dict())
    else:
        from app.render import print_import_summary

        print_import_summary(summary)
    return 1 if summary.failed else 0


def cmd_search(args) -> int:
    from app.store import queries

    db = _open_existing(args)
    f = _filters(args, db)
    hits = queries.search_quotes(db, args.query, country=f.country, speaker=args.speaker,
                                 limit=args.limit, filters=f)
    if args.json:
        _print_json([h.as_dict() for h in hits])
    else:
        from app.render import print_quotes

        print_quotes(hits, args.query)
    return 0


def cmd_countries(args) -> int:
    from app.store import queries

    db = _open_existing(args)
    rows = queries.filtered_country_facet(db, _filters(args, db), confirmed=args.confirmed)
    if args.json:
        _print_json([r.as_dict() for r in rows])
    else:
        from app.render import print_countries

        print_countries(rows)
    return 0


def cmd_timeline(args) -> int:
    from app.store import queries

    db = _open_existing(args)
    events = queries.all_filtered_events(db, _filters(args, db), newest=args.newest)
    if args.json:
        _print_json([e.as_dict() for e in events])
    else:
        from app.render import print_timeline

        print_timeline(events)
    return 0


def cmd_people(args) -> int:
    from app.store import queries

    db = _open_existing(args)
    people = queries.people_index(db, _filters(args, db))
    if args.json:
        _print_json([p.as_dict() for p in people])
    else:
        from app.render import print_people

        print_people(people)
    return 0


def cmd_export(args) -> int:
    from app.export import export_data, render
    from app.store import queries

    db = _open_existing(args)
    f = _filters(args, db)
    data = export_data(queries.all_filtered_events(db, f, newest=args.newest),
                       queries.filtered_country_facet(db, f), f)
    text = render(data, args.format, bom=args.bom)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8", newline="")
        from app.plural import en as plural

        print(f"pardons: wrote {args.out} ({plural(len(data['timeline']), 'event')}, "
              f"{plural(len(data['countries']), 'country')})", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_app(args) -> int:
    from app.store.schema import OldSchemaError, connect

    db_path = _db_path(args)
    seeds = [Path(DEFAULT_SEEDS)]
    if db_path.exists():  # a broken database: say so, with the way out, before anything else
        try:
            connect(db_path, readonly=True).close()
        except OldSchemaError:
            if not seeds[0].exists():
                raise  # nothing to rebuild it from here; the message says how
    if seeds[0].exists():  # without seeds/, neither the importer nor extraction is loaded
        _refresh_from_seeds(db_path, seeds)
    if not db_path.exists():
        raise CliError(f"no database at {db_path}, and no {seeds[0]}/ to build it from: "
                       f"run `pardons import FILES`")
    connect(db_path, readonly=True).close()  # and the one an import just built
    from app.tui.app import run_app

    run_app(db_path)
    return 0


def _refresh_from_seeds(db_path: Path, seeds: list[Path]) -> None:
    from app.store.importer import ensure_fresh, is_stale

    if is_stale(db_path, seeds):
        # extraction takes a moment per article: say so, and show a bar when there are several
        print(f"pardons: {'building' if not db_path.exists() else 'refreshing'} {db_path} "
              f"from {seeds[0]}/ …", file=sys.stderr, flush=True)
        summary = ensure_fresh(db_path, seeds, progress=sys.stderr.isatty())
        if summary is not None:
            from app.render import print_import_summary

            print_import_summary(summary)


def _open_existing(args):
    from app.store.schema import connect

    return connect(_db_path(args), readonly=True)


def _country_arg(value: str | None) -> str | None:
    if not value:
        return None
    from app.store.queries import resolve_country

    code = resolve_country(value)
    if code is None:
        raise CliError(f"unknown country: {value!r} (give an ISO code such as LT, or a name)")
    return code


def _filters(args, db):
    """The filters of a command's options (`--country`, `--since`, `--until`, `--kind`,
    `--person`), checked: CliError with what is expected."""
    from app.filters import FilterError, Filters, period

    try:
        since = period(args.since) if getattr(args, "since", None) else None
        until = period(args.until) if getattr(args, "until", None) else None
    except FilterError as e:
        raise CliError(str(e)) from None
    person: tuple[str, ...] = ()
    if getattr(args, "person", None):
        from app.store.queries import find_person

        found = find_person(db, args.person)
        if found is None:
            raise CliError(f"no freed person named {args.person!r} (see `pardons people`)")
        person = found.names
    return Filters(country=_country_arg(getattr(args, "country", None)), since=since,
                   until=until, kind=_kind_arg(getattr(args, "kind", None)), person=person)


def _kind_arg(value: str | None) -> str | None:
    if not value:
        return None
    from app.render import KIND_RU

    v = value.strip().lower()
    for kind, ru in KIND_RU.items():
        if v in (kind, ru):
            return kind
    raise CliError(f"unknown kind: {value!r} (one of {', '.join(KIND_RU)})")


class CliError(Exception):
    pass


def _add_db(s) -> None:
    # `pardons search X --db my.db`, as users write it: the same option after the command
    s.add_argument("--db", default=argparse.SUPPRESS, help="the database (as before the command)")


def _add_filters(s, country: bool = True) -> None:
    if country:
        s.add_argument("--country", help="ISO code or country name")
    s.add_argument("--since", metavar="DATE", help="from this date on: 2025, 2025-09, 2025-09-11")
    s.add_argument("--until", metavar="DATE", help="up to the end of this date: 2025, 2025-09, …")
    s.add_argument("--kind", help="kind of act: release, pardon, exchange, deport, … "
                                  "(or its Russian name)")
    s.add_argument("--person", help="a freed person's name, in any writing (see `people`)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pardons",
        description="Explore news about political prisoners being released and pardoned. "
                    "With no command, opens the app on the database (built from seeds/ first "
                    "when it is missing or stale).")
    p.add_argument("--db", help=f"the database (default: $PARDONS_DB or ./{DEFAULT_DB})")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("extract", help="print the facts of one article file (no database)")
    s.add_argument("file", help="an article file (.txt, .html, or .jsonl with one article per line)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("import", help="import articles (files, saved pages, feeds, URLs)")
    s.add_argument("paths", nargs="*", help=f"files (.txt, .jsonl, .html, feed .xml/.rss/.atom), "
                                            f"directories, and page or feed URLs "
                                            f"(default: {DEFAULT_SEEDS}/)")
    s.add_argument("--prune", action="store_true", help="remove articles whose file is gone")
    s.add_argument("--rebuild", action="store_true",
                   help="start from an empty database (web articles: re-read from the cache)")
    s.add_argument("--jobs", type=int, default=None, help="extraction processes (default: CPUs)")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    w = s.add_argument_group("web pages (fetched once, then kept in DB.web/ beside the database)")
    w.add_argument("--max-pages", type=int, default=None, metavar="N",
                   help="download at most N pages this run (the rest wait for the next run)")
    w.add_argument("--delay", type=float, default=1.0, metavar="S",
                   help="seconds between two requests to one site (default: 1)")
    w.add_argument("--timeout", type=float, default=15.0, metavar="S",
                   help="seconds to wait for a site's answer (default: 15)")
    w.add_argument("--refresh", action="store_true", help="ask sites again for cached pages")
    w.add_argument("--offline", action="store_true", help="use the cache only, never the network")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("search", help="full-text search of quotes (any word form)")
    s.add_argument("query")
    _add_filters(s)
    s.add_argument("--speaker", help="part of the speaker's name")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("countries", help="released people per country, each event counted once")
    s.add_argument("--confirmed", action="store_true",
                   help="count only the events a person confirmed (or edited)")
    _add_filters(s, country=False)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_countries)

    s = sub.add_parser("timeline", help="events in date order")
    _add_filters(s)
    s.add_argument("--newest", action="store_true", help="newest first")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_timeline)

    s = sub.add_parser("people", help="people freed (released, pardoned, exchanged), with their "
                                      "events and articles")
    _add_filters(s)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_people)

    s = sub.add_parser("export", help="the timeline and the country totals under the filters, "
                                      "as CSV, JSON or Markdown")
    s.add_argument("--format", choices=("csv", "json", "md"), default="csv")
    s.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    s.add_argument("--bom", action="store_true",
                   help="start a CSV with a UTF-8 byte order mark (for Excel)")
    s.add_argument("--newest", action="store_true", help="newest event first")
    _add_filters(s)
    s.set_defaults(func=cmd_export)
    from app.cli_corrections import add_parsers  # review, correct, corrections

    add_parsers(sub)

    for s in sub.choices.values():
        _add_db(s)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_app)
    import sqlite3

    from app.store.schema import REBUILD_HINT, StoreError

    try:
        return func(args) or 0
    except (CliError, StoreError) as e:
        print(f"pardons: {e}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as e:  # damage found past the header, mid-query
        print(f"pardons: {_db_path(args)}: database error ({e}); if the database is damaged, "
              f"{REBUILD_HINT}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `pardons … --json | head`: the reader left, nothing to report
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("pardons: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
