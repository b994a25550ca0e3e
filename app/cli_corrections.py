"""The CLI of review and corrections: `pardons review`, `pardons correct …`, `pardons corrections
…`. Parse, call one function of app.store, print (as app/cli.py does for the other commands)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _cli():
    from app import cli  # the shared helpers (database path, JSON printing, errors)

    return cli


def _writable(args):
    from app.store.schema import open_db

    return open_db(_cli()._db_path(args))


def cmd_review(args) -> int:
    from app.store import queries

    items = queries.review_queue(_cli()._open_existing(args), limit=args.limit)
    if args.json:
        _cli()._print_json([it.as_dict() for it in items])
        return 0
    from rich.console import Console
    from rich.text import Text

    from app.render import event_summary
    from app.sanitize import clean_line

    console = Console(highlight=False)
    for it in items:
        if it.event is not None:
            e = it.event
            head = Text(f"event {e.id:<5} {clean_line(e.date or 'no date'):<10} ", style="bold")
            head.append(event_summary(e))
            head.append(f"  [{len(e.sources)} source{'s' if len(e.sources) != 1 else ''}]",
                        style="dim")
        else:
            q = it.quote
            head = Text(f"quote {q.id:<5} {clean_line(q.date or 'no date'):<10} ", style="bold")
            head.append(clean_line(f"«{q.text[:90]}»"))
        console.print(head, soft_wrap=True)
        for _, line in it.reasons:
            console.print(Text(f"    {line}", style="yellow"))
    console.print(Text(f"{len(items)} to review", style="dim"))
    return 0


def _countries(values: list[str] | None) -> dict[str, int | None]:
    out = {}
    for v in values or []:
        code, _, n = v.partition("=")
        code = code.strip()
        if not _ or not code:
            raise _cli().CliError(f"--country takes CC=N (LT=6), or CC= to drop it: {v!r}")
        resolved = _cli()._country_arg(code)
        try:
            out[resolved] = int(n) if n.strip() else None
        except ValueError:
            raise _cli().CliError(f"--country {v!r}: the number must be a whole number") from None
    return out


def cmd_correct(args) -> int:
    from app.store import corrections as C

    db = _writable(args)
    try:
        if args.action == "undo":
            gone = C.undo_last(db)
            print(f"undone: {gone.describe}" if gone else "nothing to undo")
            return 0
        kw = {"who": args.by}
        if args.action in ("confirm", "reject"):
            c = C.make(db, args.action, event=args.event, **kw)
        elif args.action == "edit":
            value = {k: v for k, v in (("date", args.date), ("kind", args.kind),
                                       ("count", args.count)) if v is not None}
            if args.country:
                value["countries"] = _countries(args.country)
            c = C.make(db, "edit", event=args.event, value=value, **kw)
        elif args.action == "merge":
            c = C.make(db, "merge", event=args.event, other=args.other, **kw)
        elif args.action == "split":
            c = C.make(db, "split", report=C.source_report(db, args.event, args.source), **kw)
        elif args.action == "speaker":
            if not args.clear and not args.name:
                raise _cli().CliError("give the speaker's name, or --clear")
            c = C.make(db, "speaker", quote=args.quote, value=None if args.clear else args.name,
                       **kw)
        elif args.action == "not-quote":
            c = C.make(db, "not_quote", quote=args.quote, **kw)
        elif args.action == "distinct":  # one correction an article
            made = [C.make(db, "distinct", name=args.name, article=a, value=args.new_name, **kw)
                    for a in args.article]
        else:  # alias
            c = C.make(db, "alias", name=args.name, value=args.canonical, **kw)
    except C.CorrectionError as e:
        raise _cli().CliError(str(e)) from None
    finally:
        db.conn.close()
    for c in made if args.action == "distinct" else [c]:
        print(f"corrected: {c.describe}")
    return 0


def cmd_corrections(args) -> int:
    from app.store import corrections as C

    if args.what == "export":
        data = C.export(_cli()._open_existing(args))
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if args.file == "-":
            sys.stdout.write(text)
        else:
            Path(args.file).write_text(text, encoding="utf-8")
            print(f"exported {len(data['corrections'])} corrections to {args.file}",
                  file=sys.stderr)
        return 0
    if args.what == "import":
        try:
            data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise _cli().CliError(f"cannot read {args.file}: {e}") from None
        db = _writable(args)
        try:
            result = C.import_file(db, data)
        except C.CorrectionError as e:
            raise _cli().CliError(str(e)) from None
        finally:
            db.conn.close()
        if args.json:
            _cli()._print_json(result.as_dict())
        else:
            print(f"added {len(result.added)}, already here {result.already}, "
                  f"conflicts {len(result.conflicts)}, orphaned {len(result.orphaned)}")
            for theirs, ours in result.conflicts:
                print(f"  conflict: theirs {theirs.get('action')} {json.dumps(theirs.get('value'), ensure_ascii=False)} "
                      f"by {theirs.get('who')}; ours: {ours.describe} by {ours.who}")
            for c in result.orphaned:
                print(f"  orphaned (its fact is not in this database): {c.describe}")
        return 1 if result.conflicts else 0
    rows = C.listing(_cli()._open_existing(args))
    if args.json:
        _cli()._print_json([c.as_dict() for c in rows])
    else:
        from app.sanitize import clean_line

        for c in rows:
            print(clean_line(f"{c.id:>4} {c.status:<9} {c.at} {c.who}: {c.describe}"))
        print(f"{len(rows)} corrections, {sum(c.status == 'orphaned' for c in rows)} orphaned")
    return 0


def add_parsers(sub) -> None:
    s = sub.add_parser("review", help="what needs a person's look, and why (the review queue)")
    s.add_argument("--limit", type=int, default=500, help="rows per reason (default 500)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_review)

    s = sub.add_parser("correct", help="apply a correction (kept as user data, re-applied after "
                                       "every import)")
    s.add_argument("--by", help="who makes it (default: your user name)")
    acts = s.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, what in (("confirm", "a person checked this event"),
                       ("reject", "this event is not a release")):
        a = acts.add_parser(name, help=what)
        a.add_argument("event", type=int, help="event id (from `pardons review --json` or "
                                               "`timeline --json`)")
    a = acts.add_parser("edit", help="set an event's date, kind, count or country numbers")
    a.add_argument("event", type=int)
    a.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    a.add_argument("--kind", help="release, pardon, exchange, deport, …")
    a.add_argument("--count", type=int)
    a.add_argument("--country", action="append", metavar="CC=N",
                   help="a country's number (LT=6); CC= removes the number; repeatable")
    a = acts.add_parser("merge", help="two events are one")
    a.add_argument("event", type=int)
    a.add_argument("other", type=int)
    a = acts.add_parser("split", help="a source of an event stands alone")
    a.add_argument("event", type=int)
    a.add_argument("source", help="the source's article path (or part of it), or its number")
    a = acts.add_parser("speaker", help="set (or --clear) a quote's speaker")
    a.add_argument("quote", type=int, help="quote id (from `search --json` or `review --json`)")
    a.add_argument("name", nargs="?")
    a.add_argument("--clear", action="store_true", help="the quote has no known speaker")
    a = acts.add_parser("not-quote", help="this is not a quote")
    a.add_argument("quote", type=int)
    a = acts.add_parser("alias", help="two names are one person")
    a.add_argument("name", help="the name as the extractor gives it")
    a.add_argument("canonical", help="the name to show instead")
    a = acts.add_parser("distinct", help="one name is two people: in these articles, the name "
                                         "is another person")
    a.add_argument("name", help="the name as the people list gives it (any writing of it)")
    a.add_argument("--article", action="append", required=True, metavar="PATH_OR_PART",
                   help="an article where the name is the other person: its path, or a part "
                        "of it one article has; repeatable (one correction each)")
    a.add_argument("--as", dest="new_name", metavar="NEW_NAME",
                   help="the other person's name (default: «NAME (2)»)")
    acts.add_parser("undo", help="remove the last correction")
    s.set_defaults(func=cmd_correct)

    s = sub.add_parser("corrections", help="list, export or import corrections")
    what = s.add_subparsers(dest="what", metavar="list|export|import")
    a = what.add_parser("list", help="every correction, and whether its fact still exists")
    a.add_argument("--json", action="store_true")
    a = what.add_parser("export", help="write every correction to a JSON file")
    a.add_argument("file", help="the file (- for standard output)")
    a = what.add_parser("import", help="add the corrections of a JSON file (same ones skipped, "
                                       "conflicting ones reported)")
    a.add_argument("file")
    a.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_corrections, what="list", json=False)
