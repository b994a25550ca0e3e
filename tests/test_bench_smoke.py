"""The benchmark suite in small: a few hundred articles, checked for correctness (never for time)."""
from __future__ import annotations

import json
import re

import pytest

from app.reader import ReadError, read_path
from bench import russian as ru
from bench.generate import article, generate, text_path
from bench.report import Figure, median_p95

N = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench") / "corpus"
    return root, generate(N, 7, root)


def test_numbers_in_words():
    assert ru.words(1) == "один"
    assert ru.words(22) == "двадцать два"
    assert ru.words(118) == "сто восемнадцать"
    assert ru.words(1400) == "тысяча четыреста"
    assert ru.words_gen(100) == "ста"
    assert ru.words_gen(22) == "двадцати двух"
    assert [ru.agree(n, "человек", "человека", "человек") for n in (1, 3, 11, 22, 25)] == [
        "человек", "человека", "человек", "человека", "человек"]


def test_generation_is_deterministic_per_seed():
    assert article(3, 5).as_text_file() == article(3, 5).as_text_file()
    assert article(3, 5).as_text_file() != article(4, 5).as_text_file()
    assert article(3, 5).as_text_file() != article(3, 6).as_text_file()


def test_corpus_files_and_json_lines_agree(corpus):
    root, manifest = corpus
    assert manifest["articles"] == N
    files = sorted((root / "txt").rglob("*.txt"))
    records = [json.loads(line) for f in sorted((root / "jsonl").glob("*.jsonl"))
               for line in f.open(encoding="utf-8")]
    assert len(files) == len(records) == N
    assert sum(len(r["quotes"]) for r in records) == manifest["quotes"]
    assert 8 * N <= manifest["quotes"] <= 13 * N  # about ten quotes an article
    first = text_path(root, 0).read_text(encoding="utf-8")
    assert first.startswith(f" date {records[0]['date']} {records[0]['title']}\n\n")
    assert first.rstrip("\n").endswith(records[0]["text"])


def test_articles_read_and_hold_their_quotes(corpus):
    root, _ = corpus
    records = [json.loads(line) for line in (root / "jsonl" / "part-000.jsonl").open(encoding="utf-8")]
    countries, worded = set(), 0
    for i, record in enumerate(records):
        (a,) = read_path(text_path(root, i))
        assert not isinstance(a, ReadError), a
        assert a.date.isoformat() == record["date"]
        for q in record["quotes"]:
            assert q["text"] in a.text
            assert q["speaker"]
        countries |= set(re.findall(r"Литв|Польш|США|Украин|Беларус|Латви|Германи", a.text))
        worded += bool(re.search(r"\b(двадцать|тридцать|сорок|пятьдесят|сто|двое|трое|семеро)\b", a.text))
    assert len(countries) >= 6
    assert worded >= N // 4  # numbers in words, not only digits


def test_figures_compare_against_baselines():
    fast = Figure("search", "median", 2.0, "ms", 5.0, False, 30.0, "grep", 10.0)
    assert fast.ratio == 15.0 and fast.status == "ok"
    slow = Figure("import", "rate", 100.0, "articles/s", 150.0, True, 50.0, "natasha", 3.0)
    assert slow.ratio == 2.0 and slow.status == "MISSED"
    assert "not available yet" in Figure("app", "x", None, "s", note="app.tui.app").line()
    assert median_p95([5.0, 1.0, 3.0, 2.0, 4.0]) == (3.0, 5.0)


def test_import_search_and_facets_on_the_corpus(corpus, tmp_path):
    from bench import importing, searching

    root, manifest = corpus
    db = tmp_path / "smoke.db"
    summary, _, peak, error = importing.import_corpus(root, db, jobs=2)
    assert summary is not None, error
    assert summary["imported"] == N and summary["failed"] == 0
    assert summary["rows"]["articles"] == N
    # the generated quotes are plainly marked: most of them must be found
    assert summary["rows"]["quotes"] >= 0.5 * manifest["quotes"]
    assert peak.rss_sum > 0

    figures, details = searching.measure_search(db, root, seed=7, grep_queries=2, log=lambda s: None)
    assert all(f.value is not None and f.value > 0 for f in figures)
    assert details["quotes"] == summary["rows"]["quotes"]
    assert details["queries_with_hits"] >= 50  # the queries are drawn from the quote templates
    from app.store.queries import search_quotes
    from app.store.schema import open_db

    conn = open_db(db, readonly=True)
    hits = search_quotes(conn, "переговоры", limit=5)
    assert hits and all("переговор" in h.text.lower() for h in hits)
    conn.conn.close()

    figures, details = searching.measure_facets(db, repeat=2)
    assert all(f.value is not None for f in figures)
    assert details["countries"] >= 3
