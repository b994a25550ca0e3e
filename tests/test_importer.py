"""`pardons import`: idempotence, changed files, --prune, --rebuild, broken files, kill -9."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.cli import main
from app.reader import read_path
from app.store.importer import ensure_fresh, is_stale, run_import

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"

TABLES = ("articles", "sentences", "quotes", "reports", "counts", "mentions", "people", "events")


def counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(db_path) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def corpus_copy(tmp_path: Path, n: int = 4) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:n]:
        (src / f.name).write_bytes(f.read_bytes())
    return src


def test_import_twice_is_idempotent(tmp_path):
    src, db = corpus_copy(tmp_path), tmp_path / "d.db"
    first = run_import(db, [src])
    assert len(first.imported) == 4 and not first.failed
    before = counts(db)
    assert before["articles"] == 4 and before["sentences"] > 4
    second = run_import(db, [src])
    assert second.imported == [] and second.unchanged == 4
    assert counts(db) == before


def test_changed_file_replaces_its_rows(tmp_path):
    src, db = corpus_copy(tmp_path, 2), tmp_path / "d.db"
    run_import(db, [src])
    f = sorted(src.glob("*.txt"))[0]
    f.write_text(f.read_text(encoding="utf-8") + "\nДобавлен новый абзац. И ещё одно предложение.\n",
                 encoding="utf-8")
    s = run_import(db, [src])
    assert s.imported == [str(f)] and s.unchanged == 1
    with sqlite3.connect(db) as conn:
        (n_articles,) = conn.execute("select count(*) from articles").fetchone()
        text, aid = conn.execute("select text, id from articles where path = ?", [str(f)]).fetchone()
        n_sent = conn.execute("select count(*) from sentences where article_id = ?", [aid]).fetchone()[0]
    assert n_articles == 2
    assert text.endswith("И ещё одно предложение.")
    (article,) = read_path(f)
    assert n_sent == len(article.sentences)


def test_prune_removes_articles_of_deleted_files(tmp_path):
    src, db = corpus_copy(tmp_path, 3), tmp_path / "d.db"
    run_import(db, [src])
    gone = sorted(src.glob("*.txt"))[0]
    gone.unlink()
    assert run_import(db, [src]).removed == []  # without --prune nothing is removed
    assert counts(db)["articles"] == 3
    s = run_import(db, [src], prune=True)
    assert s.removed == [str(gone)]
    assert counts(db)["articles"] == 2
    with sqlite3.connect(db) as conn:  # the article's facts went with it
        orphans = conn.execute("select count(*) from sentences where article_id not in "
                               "(select id from articles)").fetchone()[0]
    assert orphans == 0


def test_rebuild_starts_from_scratch(tmp_path):
    src, db = corpus_copy(tmp_path, 3), tmp_path / "d.db"
    run_import(db, [src])
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(" date 2025-01-01 Заголовок\n\nОсвобождены двое.\n", encoding="utf-8")
    run_import(db, [other])
    assert counts(db)["articles"] == 4
    s = run_import(db, [other], rebuild=True)
    assert s.imported == [str(other / "x.txt")]
    assert counts(db)["articles"] == 1
    assert not (tmp_path / "d.db.rebuild").exists()


def test_broken_file_fails_alone(tmp_path, capsys):
    src, db = corpus_copy(tmp_path, 2), tmp_path / "d.db"
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 10)
    (src / "empty.txt").write_bytes(b"")
    (src / "latin.txt").write_bytes("d\u00e9j\u00e0 vu".encode("latin-1") + b"\x98")
    status = main(["--db", str(db), "import", str(src)])
    assert status == 1
    out = capsys.readouterr()
    assert counts(db)["articles"] == 2
    report = out.out + out.err
    for name, reason in [("binary.txt", "binary"), ("empty.txt", "empty"), ("latin.txt", "encoding")]:
        assert name in report and reason in report


def test_json_summary(tmp_path, capsys):
    src, db = corpus_copy(tmp_path, 1), tmp_path / "d.db"
    (src / "empty.txt").write_bytes(b"")
    assert main(["--db", str(db), "import", str(src), "--json"]) == 1
    import json
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["imported"]) == 1
    assert summary["failed"] == [{"path": str(src / "empty.txt"), "reason": "empty file"}]


def test_staleness(tmp_path):
    src, db = corpus_copy(tmp_path, 2), tmp_path / "d.db"
    assert is_stale(db, [src])
    assert ensure_fresh(db, [src], progress=False) is not None
    assert not is_stale(db, [src])
    assert ensure_fresh(db, [src], progress=False) is None
    f = sorted(src.glob("*.txt"))[0]
    os.utime(f, (time.time() + 10, time.time() + 10))  # touched, same content
    assert is_stale(db, [src])
    assert ensure_fresh(db, [src], progress=False).unchanged == 2
    assert not is_stale(db, [src])
    (src / "new.txt").write_text(" date 2025-01-01 Новость\n\nОсвобождены двое.\n", encoding="utf-8")
    assert is_stale(db, [src])


def test_kill_mid_import_leaves_a_consistent_database(tmp_path):
    src, db = tmp_path / "many", tmp_path / "d.db"
    src.mkdir()
    texts = [f.read_text(encoding="utf-8") for f in sorted(CORPUS.glob("*.txt"))]
    total = 1500
    for i in range(total):
        (src / f"{i:05}.txt").write_text(texts[i % len(texts)] + f"\nВариант номер {i}.\n",
                                         encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "app", "--db", str(db), "import", str(src),
                             "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    n = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                n = conn.execute("select count(*) from articles").fetchone()[0]
        except sqlite3.Error:
            continue
        if n >= 20:
            break
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("select a.path, count(s.id) from articles a left join sentences s "
                            "on s.article_id = a.id group by a.id").fetchall()
    assert 20 <= len(rows) < total
    for path, n_sent in rows:  # every article in the database is complete
        (article,) = read_path(Path(path))
        assert n_sent == len(article.sentences)
    # a rerun finishes the job
    s = run_import(db, [src])
    assert not s.failed and s.unchanged == len(rows) and len(s.imported) == total - len(rows)
    assert counts(db)["articles"] == total


def test_an_older_schema_is_rebuilt_from_seeds_and_its_other_files(tmp_path):
    seeds, db = corpus_copy(tmp_path, 2), tmp_path / "d.db"
    other = tmp_path / "other"
    other.mkdir()
    extra = other / "x.txt"
    extra.write_text(" date 2025-01-01 Новость\n\nВчера освобождены двое.\n", encoding="utf-8")
    run_import(db, [seeds, other])
    with sqlite3.connect(db) as conn:
        conn.execute("update meta set value = '1' where key = 'schema_version'")
    from app.store.schema import OldSchemaError, connect
    import pytest
    with pytest.raises(OldSchemaError):
        connect(db, readonly=True)
    assert is_stale(db, [seeds])
    summary = ensure_fresh(db, [seeds], progress=False)
    assert sorted(summary.imported) == sorted([*map(str, sorted(seeds.glob("*.txt"))), str(extra)])
    connect(db, readonly=True).close()  # the current schema now
    assert counts(db)["articles"] == 3


def test_refresh_from_seeds_drops_a_removed_seed_and_keeps_other_imports(tmp_path):
    seeds, db = corpus_copy(tmp_path, 3), tmp_path / "d.db"
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(" date 2025-01-01 Новость\n\nВчера освобождены двое.\n",
                                 encoding="utf-8")
    ensure_fresh(db, [seeds], progress=False)
    run_import(db, [other])
    (other / "x.txt").unlink()  # gone, but not a seed: the refresh leaves it alone
    gone = sorted(seeds.glob("*.txt"))[0]
    gone.unlink()
    assert is_stale(db, [seeds])
    summary = ensure_fresh(db, [seeds], progress=False)
    assert summary.removed == [str(gone)]
    assert not is_stale(db, [seeds])
    with sqlite3.connect(db) as conn:
        paths = {r[0] for r in conn.execute("select path from articles")}
    assert str(other / "x.txt") in paths and str(gone) not in paths and len(paths) == 3
