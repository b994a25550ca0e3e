"""Quote search, facet and timeline latency, against grep (and rg) over the same articles' files."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import time
from pathlib import Path

from bench.report import Figure, median_p95, missing
from bench.templates import FRAGMENTS, NARRATIVE, QUOTE_SENTENCES
from bench.vocab import COUNTRIES

SEARCH_MEDIAN_MS, SEARCH_P95_MS, SEARCH_RATIO = 5.0, 20.0, 10.0
FACET_MS = 20.0
# words that occur in no quote: a search that finds nothing must be fast too
ABSENT = ["землетрясение", "футбол", "урожайность", "космодром", "вулкан", "балет"]


def queries(seed: int, n: int = 200) -> list[tuple[str, str | None]]:
    """n varied (query, country) pairs: one and two words in any form, fragments, absent words;
    about half with a country filter. Deterministic per seed."""
    rng = random.Random(f"queries:{seed}")
    sentences = [re.sub(r"\{[^}]*\}", " ", s) for s in QUOTE_SENTENCES + NARRATIVE]
    words = sorted({w.lower() for s in sentences for w in re.findall(r"[а-яё]{5,}", s, re.I)})
    out = []
    for i in range(n):
        kind = i % 10
        if kind < 5:
            q = rng.choice(words)
        elif kind < 8:
            s = rng.choice(sentences)
            ws = re.findall(r"[а-яё]{4,}", s, re.I)
            q = " ".join(rng.sample(ws, 2)) if len(ws) >= 2 else rng.choice(words)
        elif kind == 8:
            q = rng.choice(FRAGMENTS)
        else:
            q = rng.choice(ABSENT)
        country = rng.choices(COUNTRIES, weights=[c.weight for c in COUNTRIES])[0].code
        out.append((q.lower(), country if i % 2 else None))
    return out


def _time_ms(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn(*args, **kw)
    return (time.perf_counter() - t) * 1000, result


def measure_search(db_path: Path, corpus: Path, seed: int, grep_queries: int,
                   log=print) -> tuple[list[Figure], dict]:
    try:
        from app.store.queries import search_quotes
        from app.store.schema import StoreError, open_db
    except ImportError as e:
        why = f"app.store.queries.search_quotes ({e})"
        return [missing("search", "quote search median", "ms", why)], {}
    try:
        db = open_db(db_path, readonly=True)
    except StoreError as e:
        return [missing("search", "quote search median", "ms", str(e))], {}
    quotes = db.execute("select count(*) from quotes").fetchone()[0]
    qs = queries(seed)
    for q, _ in qs[:5]:
        search_quotes(db, q)  # warm up: the morphology dictionaries load on first use
    plain, filtered, hits = [], [], 0
    for q, country in qs:
        ms, found = _time_ms(search_quotes, db, q, limit=20)
        plain.append(ms)
        hits += bool(found)
        ms, _ = _time_ms(search_quotes, db, q, country=country or "BY", limit=20)
        filtered.append(ms)
    db.conn.close()
    log(f"search: {len(qs)} queries over {quotes} quotes; {hits} found something")
    baselines = _grep_baselines(corpus / "txt", [q for q, _ in qs][:grep_queries], log)
    med, p95 = median_p95(plain)
    fmed, fp95 = median_p95(filtered)
    note = f"{quotes} quotes" + ("" if quotes else "; the database holds no quotes: extraction finds none")
    figures = []
    for name, (bmed, _) in baselines.items():
        figures.append(Figure("search", f"quote search median vs {name}", med, "ms", SEARCH_MEDIAN_MS,
                              False, bmed, f"{name} median", SEARCH_RATIO, note=note))
    if not baselines:
        figures.append(Figure("search", "quote search median", med, "ms", SEARCH_MEDIAN_MS, note=note))
    figures += [
        Figure("search", "quote search p95", p95, "ms", SEARCH_P95_MS),
        Figure("search", "quote search + country, median", fmed, "ms", SEARCH_MEDIAN_MS),
        Figure("search", "quote search + country, p95", fp95, "ms", SEARCH_P95_MS),
    ]
    return figures, {"quotes": quotes, "queries_with_hits": hits, "baselines": baselines,
                     "slowest": sorted(zip(plain, [q for q, _ in qs]), reverse=True)[:5]}


def _grep_baselines(txt: Path, words: list[str], log) -> dict[str, tuple[float, float]]:
    """Median and p95 ms of grep -r (and rg) for each query's longest word over the text files."""
    tools = {"grep": ["grep", "-r", "-i", "-F", "--"]}
    if shutil.which("rg"):
        tools["rg"] = ["rg", "-i", "-F", "--no-messages", "--"]
    out = {}
    for name, cmd in tools.items():
        subprocess.run(cmd + ["прогрев", str(txt)], stdout=subprocess.DEVNULL)  # warm the page cache
        times = []
        for q in words:
            word = max(q.split(), key=len)
            t = time.perf_counter()
            subprocess.run(cmd + [word, str(txt)], stdout=subprocess.DEVNULL)
            times.append((time.perf_counter() - t) * 1000)
        out[name] = median_p95(times)
        log(f"search: {name} baseline over {len(words)} queries: median {out[name][0]:.0f} ms")
    return out


def measure_facets(db_path: Path, repeat: int = 20) -> tuple[list[Figure], dict]:
    try:
        from app.store.queries import country_facet, timeline
        from app.store.schema import StoreError, open_db
    except ImportError as e:
        why = f"app.store.queries.country_facet / timeline ({e})"
        return [missing("facet", "country facet", "ms", why), missing("facet", "timeline", "ms", why)], {}
    try:
        db = open_db(db_path, readonly=True)
    except StoreError as e:
        return [missing("facet", "country facet", "ms", str(e))], {}
    facet_ms = [_time_ms(country_facet, db)[0] for _ in range(repeat)]
    rows = country_facet(db)
    codes = [r.code for r in rows][:10] or ["BY"]
    all_ms, events = [], 0
    for _ in range(max(3, repeat // 4)):
        ms, evs = _time_ms(timeline, db)
        all_ms.append(ms)
        events = len(evs)
    one_ms = [_time_ms(timeline, db, country=c)[0] for c in codes for _ in range(max(2, repeat // 5))]
    n_events = db.execute("select count(*) from events").fetchone()[0]
    db.conn.close()
    fmed, fp95 = median_p95(facet_ms)
    amed, ap95 = median_p95(all_ms)
    omed, op95 = median_p95(one_ms)
    return [
        Figure("facet", "country facet, median", fmed, "ms", FACET_MS),
        Figure("facet", "country facet, p95", fp95, "ms", FACET_MS),
        Figure("facet", "timeline of one country, median", omed, "ms", FACET_MS),
        Figure("facet", "timeline of one country, p95", op95, "ms", FACET_MS),
        Figure("facet", "timeline, every country, median", amed, "ms", FACET_MS,
               note=f"{events} events returned"),
    ], {"countries": len(rows), "events": n_events}
