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
    from app.store.importer import run_import

    paths = [Path(p) for p in args.paths] or [Path(DEFAULT_SEEDS)]
    summary = run_import(_db_path(args), paths, prune=args.prune, rebuild=args.rebuild,
                         jobs=args.jobs, progress=not args.json and sys.stderr.isatty())
    if args.json:
        _print_json(summary.as_dict())
    else:
        from app.render import print_import_summary

        print_import_summary(summary)
    return 1 if summary.failed else 0


def cmd_search(args) -> int:
    from app.store import queries

    db = _open_existing(args)
    country = _country_arg(args.country)
    hits = queries.search_quotes(db, args.query, country=country, speaker=args.speaker,
                                 limit=args.limit)
    if args.json:
        _print_json([h.as_dict() for h in hits])
    else:
        from app.render import print_quotes

        print_quotes(hits, args.query)
    return 0


def cmd_countries(args) -> int:
    from app.store import queries

    rows = queries.country_facet(_open_existing(args), confirmed=args.confirmed)
    if args.json:
        _print_json([r.as_dict() for r in rows])
    else:
        from app.render import print_countries

        print_countries(rows)
    return 0


def cmd_timeline(args) -> int:
    from app.store import queries

    events = queries.all_events(_open_existing(args), country=_country_arg(args.country))
    if args.json:
        _print_json([e.as_dict() for e in events])
    else:
        from app.render import print_timeline

        print_timeline(events)
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


class CliError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pardons",
        description="Explore news about political prisoners being released and pardoned. "
                    "With no command, opens the app on the database (built from seeds/ first "
                    "when it is missing or stale).")
    p.add_argument("--db", help=f"the database (default: $PARDONS_DB or ./{DEFAULT_DB})")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("extract", help="print the facts of one article file (no database)")
    s.add_argument("file", help="an article file (.txt, or .jsonl with one article per line)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("import", help="import article files into the database")
    s.add_argument("paths", nargs="*", help=f"files and directories (default: {DEFAULT_SEEDS}/)")
    s.add_argument("--prune", action="store_true", help="remove articles whose file is gone")
    s.add_argument("--rebuild", action="store_true", help="start from an empty database")
    s.add_argument("--jobs", type=int, default=None, help="extraction processes (default: CPUs)")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser("search", help="full-text search of quotes (any word form)")
    s.add_argument("query")
    s.add_argument("--country", help="ISO code or country name")
    s.add_argument("--speaker", help="part of the speaker's name")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("countries", help="released people per country, each event counted once")
    s.add_argument("--confirmed", action="store_true",
                   help="count only the events a person confirmed (or edited)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_countries)

    s = sub.add_parser("timeline", help="events in date order")
    s.add_argument("--country", help="ISO code or country name")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_timeline)

    from app.cli_corrections import add_parsers  # review, correct, corrections

    add_parsers(sub)
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
