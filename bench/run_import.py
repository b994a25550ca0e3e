"""Child process of the import benchmark: `python -m bench.run_import DB PATH... [--jobs N]`.

Runs `app.store.importer.run_import` on a fresh database and prints one JSON line with the
summary and the database's row counts, so the parent can sample this process tree's memory.
"""
from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
from pathlib import Path


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("paths", nargs="+")
    p.add_argument("--jobs", type=int, default=None)
    args = p.parse_args()
    from app.store.importer import run_import

    db = Path(args.db)
    for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)
    summary = run_import(db, [Path(x) for x in args.paths], jobs=args.jobs)
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0]
              for t in ("articles", "quotes", "reports", "counts", "mentions", "events")}
    conn.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    json.dump({"imported": len(summary.imported), "failed": len(summary.failed),
               "first_failures": summary.failed[:3], "seconds": summary.seconds,
               "rows": counts, "maxrss_self": own, "maxrss_child": kids}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
