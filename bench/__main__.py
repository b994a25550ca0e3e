"""`python -m bench`: generate the corpus, import it, time search, facets and the app; print figures.

Each figure is printed with its target and, where there is one, its ratio against a baseline
measured in the same run. Results are also saved as JSON under --out.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import generate
from bench.report import Figure, missing, save

AREAS = ("extract", "import", "search", "facet", "app", "web")
WEB_PAGES = 1000  # cached HTML pages the web import imports (bench.web_import)
LARGE = 100_000


def machine() -> dict:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""
    return {"date": dt.datetime.now().isoformat(timespec="seconds"), "nproc": os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform(),
            "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
            "mem": sh("free -h | sed -n 2p"), "load_before": os.getloadavg()}


def _guarded(area: str, measure, *args) -> tuple[list[Figure], dict]:
    """Run one area's measurement; a piece of the app failing there is a figure, not a crash."""
    try:
        return measure(*args)
    except Exception as e:  # the code under test is work in progress: report and go on
        return [missing(area, "(every figure)", "", f"failed: {type(e).__name__}: {e}")], {}


def _usable(db: Path) -> bool:
    """Does an earlier run's database open with the current schema?"""
    if not db.exists():
        return False
    try:
        from app.store.schema import StoreError, open_db
    except ImportError:
        return False
    try:
        open_db(db, readonly=True).conn.close()
        return True
    except StoreError:
        return False


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=(
        "Generate the synthetic corpus, import it, and time import, search, facets and the app."))
    p.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10 000)")
    p.add_argument("--large", action="store_true", help=f"{LARGE} articles (about a million quotes)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument("--out", default="bench/out", help="where the corpus, database and results go")
    p.add_argument("--only", default=",".join(AREAS), help=f"comma-separated subset of {','.join(AREAS)}")
    p.add_argument("--jobs", type=int, default=None, help="import worker processes (default: CPUs)")
    p.add_argument("--baseline-articles", type=int, default=1000,
                   help="articles natasha processes for its rate (default 1000; it is slow)")
    p.add_argument("--grep-queries", type=int, default=20,
                   help="queries timed with grep/rg (default 20; each reads every file)")
    p.add_argument("--reuse-db", action="store_true",
                   help="skip importing when the database for this corpus exists (with --only)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    n = LARGE if args.large else args.articles
    only = [a.strip() for a in args.only.split(",") if a.strip()]
    unknown = set(only) - set(AREAS)
    if unknown:
        print(f"bench: unknown area(s) {sorted(unknown)}; choose from {AREAS}", file=sys.stderr)
        return 2
    out = Path(args.out)
    corpus = out / f"corpus-{n}-s{args.seed}"
    db = out / f"bench-{n}-s{args.seed}.db"
    info = {**machine(), "articles": n, "seed": args.seed}
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731

    t = time.perf_counter()
    manifest = generate(n, args.seed, corpus)
    log(f"corpus: {n} articles, {manifest['quotes']} quotes, {manifest['chars'] / 1e6:.1f} M chars "
        f"in {corpus} ({time.perf_counter() - t:.1f} s)")
    figures: list[Figure] = []
    if "extract" in only:
        from bench import extraction

        figs, info["extract"] = _guarded("extract", extraction.measure, log)
        figures += figs
    from bench import importing

    if "import" in only:
        figs, info["import"] = _guarded("import", importing.measure, corpus, db, manifest,
                                        args.baseline_articles, args.jobs, log)
        figures += figs
    elif set(only) - {"extract", "web"} and not (args.reuse_db and _usable(db)):
        log(f"import: building {db} for the other areas (not timed) ...")
        summary, _, _, error = importing.import_corpus(corpus, db, args.jobs)
        if summary is None:
            log(f"import failed: {error}")
    if "search" in only or "facet" in only:
        from bench import searching

        if "search" in only:
            figs, info["search"] = _guarded("search", searching.measure_search, db, corpus, args.seed,
                                            args.grep_queries, log)
            figures += figs
        if "facet" in only:
            figs, info["facet"] = _guarded("facet", searching.measure_facets, db)
            figures += figs
    if "app" in only:
        from bench import app_bench

        figs, info["app"] = _guarded("app", app_bench.measure, db, out, log)
        figures += figs
    if "web" in only:
        from bench import web_import

        figs, info["web"] = _guarded("web", web_import.measure, WEB_PAGES, args.seed, out,
                                     args.jobs, log)
        figures += figs
    info["load_after"] = os.getloadavg()

    print(f"pardons benchmark: {n} articles, seed {args.seed}, {info['nproc']} CPUs, "
          f"load {info['load_before'][0]:.1f} → {info['load_after'][0]:.1f}, {info['date']}")
    for f in figures:
        print(f.line())
    missed = [f for f in figures if f.status == "MISSED"]
    print(f"{len(missed)} target(s) missed" + (": " + "; ".join(f.name for f in missed) if missed else ""))
    stamp = info["date"].replace(":", "")
    save(figures, info, out / f"results-{n}-{stamp}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
