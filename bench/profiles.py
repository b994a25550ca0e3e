"""Profiles behind missed targets: `python -m bench.profiles import|start|timeline [--articles N]`.

import    cProfile of reading + extracting + writing N articles of the corpus in one process
          (the work a pool worker and the writer do), top functions by own and cumulative time
start     `python -X importtime -m app --help`-style import cost of the app's modules
timeline  cProfile of `timeline(db)` (every event) on a benchmark database
search    where a quote search's time goes: the whole `search_quotes`, the FTS match ranked
          by bm25 alone, the match unranked, and `count_quotes`, for common and rare words
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path


def _print_stats(prof: cProfile.Profile, top: int) -> None:
    for key in ("tottime", "cumulative"):
        s = io.StringIO()
        pstats.Stats(prof, stream=s).strip_dirs().sort_stats(key).print_stats(top)
        text = s.getvalue()
        print(text[text.find("   ncalls"):])


def profile_import(corpus: Path, n: int, top: int) -> None:
    from app.extract import extract
    from app.reader import read_path
    from app.store.importer import write_article
    from app.store.schema import open_db

    files = sorted((corpus / "txt").rglob("*.txt"))[:n]
    extract(next(iter(read_path(files[0]))))  # load the dictionaries outside the profile
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "p.db", create=True)
        prof = cProfile.Profile()
        prof.enable()
        for f in files:
            for a in read_path(f):
                write_article(db, a, extract(a))
        prof.disable()
        db.conn.close()
    _print_stats(prof, top)


def profile_start(top: int) -> None:
    """Self-time of imports when the app module and its dependencies load."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app.tui.app, app.cli"],
                       capture_output=True, text=True)
    rows = []
    for line in r.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self" not in line:
            self_us, cum_us, name = (x.strip() for x in line.removeprefix("import time:").split("|"))
            rows.append((int(cum_us), int(self_us), name))
    top_level = [r for r in rows if not r[2].startswith(" ")]
    print(f"{'cumulative ms':>14} {'self ms':>8}  module (top-level imports, by cumulative time)")
    for cum, self_, name in sorted(top_level, reverse=True)[:top]:
        print(f"{cum / 1000:14.1f} {self_ / 1000:8.1f}  {name}")


def profile_timeline(db_path: Path, top: int) -> None:
    from app.store.queries import timeline
    from app.store.schema import open_db

    db = open_db(db_path, readonly=True)
    prof = cProfile.Profile()
    prof.enable()
    events = timeline(db)
    prof.disable()
    print(f"{len(events)} events")
    _print_stats(prof, top)


def profile_search(db_path: Path, words: list[str]) -> None:
    import time

    from app.store import queries
    from app.store.schema import open_db

    db = open_db(db_path, readonly=True)

    def best_ms(fn) -> float:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        return min(times)

    total = db.execute("select count(*) from quotes").fetchone()[0]
    print(f"{total} quotes; best of 5, ms")
    print(f"{'word':16} {'matches':>8} {'search_quotes':>14} {'fts ranked':>11} {'fts unranked':>13} "
          f"{'count_quotes':>13}")
    for w in words:
        expr = queries._fts_expression(queries._terms(w, True))  # the same expression the search uses
        fts = "select rowid from quotes_fts where quotes_fts match ?"
        n = db.execute(f"select count(*) from ({fts})", [expr]).fetchone()[0]
        print(f"{w:16} {n:8} {best_ms(lambda: queries.search_quotes(db, w)):14.1f} "
              f"{best_ms(lambda: db.execute(fts + ' order by rank limit 20', [expr]).fetchall()):11.1f} "
              f"{best_ms(lambda: db.execute(fts + ' limit 20', [expr]).fetchall()):13.1f} "
              f"{best_ms(lambda: queries.count_quotes(db, w)):13.1f}")


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profiles")
    p.add_argument("what", choices=["import", "start", "timeline", "search"])
    p.add_argument("--words", default="человек,освобождение,переговоры,гуманизм,землетрясение")
    p.add_argument("--corpus", default="bench/out/corpus-1000-s1")
    p.add_argument("--db", default="bench/out/bench-10000-s1.db")
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--top", type=int, default=20)
    args = p.parse_args()
    if args.what == "import":
        profile_import(Path(args.corpus), args.articles, args.top)
    elif args.what == "start":
        profile_start(args.top)
    elif args.what == "search":
        profile_search(Path(args.db), args.words.split(","))
    else:
        profile_timeline(Path(args.db), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
