"""Extraction speed on the hand-written test articles (tests/corpus, its clusters, tests/unseen):
articles per second in one process, models loaded once, after one warm-up pass."""
from __future__ import annotations

import time
from pathlib import Path

from bench.report import Figure

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("tests/corpus/articles", "tests/corpus/clusters/articles", "tests/unseen", "seeds")
PASSES = 5


def measure(log) -> tuple[list[Figure], dict]:
    from app.extract import extract
    from app.reader import Article, read_path

    articles = [a for d in FOLDERS for f in sorted((ROOT / d).glob("*.txt"))
                for a in read_path(f) if isinstance(a, Article)]
    started = time.perf_counter()
    extract(articles[0])  # loads pymorphy3 and the word tables: paid once per process
    load = time.perf_counter() - started
    for a in articles:  # warm-up: the word caches of a long run are warm too
        extract(a)
    started = time.perf_counter()
    for _ in range(PASSES):
        for a in articles:
            extract(a)
    seconds = (time.perf_counter() - started) / PASSES
    chars = sum(len(a.text) for a in articles)
    rate = len(articles) / seconds
    log(f"extract: {len(articles)} test articles, {chars / len(articles):.0f} chars each, "
        f"{rate:.0f} articles/s, first call {load:.2f} s")
    figures = [
        Figure("extract", "extraction, one process (test articles)", rate, "articles/s",
               higher_is_better=True),
        Figure("extract", "extraction per 1 000 characters", seconds / chars * 1e6, "ms"),
        Figure("extract", "first call (loads pymorphy3 and word tables)", load, "s"),
    ]
    return figures, {"articles": len(articles), "chars": chars, "seconds": seconds, "load": load}
