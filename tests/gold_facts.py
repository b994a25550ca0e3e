"""Comparing an article's extracted facts with a gold file (format: tests/corpus/README.md),
with the same quote and speaker matching as the judge's scorer, tests/corpus/score.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path


def _load_score():
    spec = importlib.util.spec_from_file_location(
        "corpus_score", Path(__file__).resolve().parent / "corpus" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


score = _load_score()  # score.quote_match, score.speaker_match


def gold_count_pairs(gold: dict) -> list[tuple[str, int]]:
    """The (country, number) pairs of a gold `counts`, whose values are a number or a list."""
    return sorted((c, v) for c, n in gold["counts"].items()
                  for v in (n if isinstance(n, list) else [n]))


def assert_counts_countries_events(article, facts, gold: dict) -> None:
    """Counts, countries named, and every event (kind, date, count, countries, sentence) in order."""
    assert sorted((c.country, c.count) for c in facts.counts) == gold_count_pairs(gold)
    assert sorted({c.code for c in facts.countries}) == gold["countries_named"]
    got = [(e.kind, e.date, e.count, sorted(e.countries), article.sentence_text(e.sentence))
           for e in facts.events]
    want = [(e["kind"], e["date"], e["count"], e["countries"], e["sentence"]) for e in gold["events"]]
    assert got == want
