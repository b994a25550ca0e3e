"""Import throughput and peak memory, against natasha's pipeline over the same articles."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench.procmem import MB, run_measured
from bench.report import Figure, missing

REPO = Path(__file__).resolve().parents[1]  # children run `-m bench.…` from here
TARGET_RATE = 150.0   # articles/s
TARGET_RSS_MB = 400.0
TARGET_RATIO = 3.0


def _last_json(stdout: str) -> dict | None:
    for line in reversed(stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return None


def import_corpus(corpus: Path, db: Path, jobs: int | None = None) -> tuple[dict | None, float, object, str]:
    """Import corpus/txt into a fresh db in a child process: (its summary, wall s, peak, error)."""
    cmd = [sys.executable, "-m", "bench.run_import", str(db.resolve()), str((corpus / "txt").resolve())]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    result, seconds, peak = run_measured(cmd, cwd=str(REPO))
    summary = _last_json(result.stdout) if result.returncode == 0 else None
    error = "" if summary else (result.stderr.strip().splitlines() or ["no output"])[-1]
    return summary, seconds, peak, error


def natasha(corpus: Path, limit: int) -> tuple[dict | None, object, str]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # its fastest here
    cmd = [sys.executable, "-m", "bench.natasha_baseline", str((corpus / "jsonl").resolve()),
           "--limit", str(limit)]
    result, _, peak = run_measured(cmd, cwd=str(REPO), env=env)
    out = _last_json(result.stdout) if result.returncode == 0 else None
    error = "" if out else (result.stderr.strip().splitlines() or ["no output"])[-1]
    return out, peak, error


def measure(corpus: Path, db: Path, manifest: dict, baseline_limit: int, jobs: int | None = None,
            log=print) -> tuple[list[Figure], dict]:
    log(f"import: {manifest['articles']} articles into {db} ...")
    summary, wall, peak, error = import_corpus(corpus, db, jobs)
    log(f"import: natasha baseline over {min(baseline_limit, manifest['articles'])} of the same articles ...")
    base, base_peak, base_error = natasha(corpus, min(baseline_limit, manifest["articles"]))
    base_rate = base["articles"] / base["seconds"] if base and base["seconds"] else None
    base_rss = base_peak.rss_sum / MB if base else None
    if summary is None:
        why = f"run_import failed: {error}"
        # the memory figure still holds up to the failure
        return [missing("import", "throughput", "articles/s", why),
                Figure("import", "peak RSS (process tree)", peak.rss_sum / MB, "MB", TARGET_RSS_MB,
                       note=f"until it failed after {wall:.0f} s")], {"wall_seconds": wall}
    rate = summary["imported"] / summary["seconds"] if summary["seconds"] else 0.0
    quotes_made = manifest.get("quotes") or 0
    figures = [
        Figure("import", "throughput", rate, "articles/s", TARGET_RATE, True, base_rate,
               "natasha", TARGET_RATIO,
               note="" if base_rate else f"natasha baseline failed: {base_error}"),
        Figure("import", "peak RSS (process tree)", peak.rss_sum / MB, "MB", TARGET_RSS_MB, False,
               base_rss, "natasha"),
        Figure("import", "peak PSS (process tree)", peak.pss_sum / MB, "MB"),
        Figure("import", "peak RSS (largest process)", peak.rss_max / MB, "MB"),
        Figure("import", "peak RSS (main process: reader, writer)", peak.rss_root / MB, "MB"),
        Figure("import", "quotes found / quotes generated",
               summary["rows"]["quotes"] / quotes_made if quotes_made else 0.0, "ratio"),
    ]
    details = {"summary": summary, "wall_seconds": wall, "processes": peak.processes,
               "natasha": base, "natasha_peak_rss_mb": base_rss}
    if summary["failed"]:
        figures[0].note = f"{summary['failed']} articles failed, e.g. {summary['first_failures'][:1]}"
    return figures, details
