"""Import faults: unreadable, vanishing, looping, oversized and undecodable files fail alone; and
twenty kill -9s in a row never leave a half-written article behind."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import app.store.importer as importer
from app.cli import main
from app.extract import extract
from app.reader import MAX_FILE_BYTES, read_path
from app.store.importer import run_import

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"
FACT_TABLES = {"sentences": None, "quotes": "quotes", "reports": "events", "counts": "counts",
               "mentions": "countries", "people": "people", "total_checks": "total_checks"}


def small_articles(n: int) -> list[str]:
    """The date line, headline and first two paragraphs of the first `n` corpus articles."""
    return ["\n\n".join(f.read_text(encoding="utf-8").split("\n\n")[:3]) + "\n"
            for f in sorted(CORPUS.glob("*.txt"))[:n]]


def good_files(src: Path, n: int = 3) -> list[Path]:
    src.mkdir(exist_ok=True)
    paths = []
    for i, text in enumerate(small_articles(n)):
        paths.append(src / f"good{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def imported_paths(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("select path from articles")}


def expected_rows(path: Path) -> dict[str, int]:
    (article,) = read_path(path)
    facts = extract(article)
    rows = {t: len(getattr(facts, attr)) for t, attr in FACT_TABLES.items() if attr}
    rows["sentences"] = len(article.sentences)
    return rows


def stored_rows(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """path → {table: rows of that article}, for every article in the database."""
    out = {path: {t: 0 for t in FACT_TABLES} for (path,) in conn.execute("select path from articles")}
    for t in FACT_TABLES:
        for path, n in conn.execute(f"select a.path, count(*) from {t} x join articles a "
                                    f"on a.id = x.article_id group by a.id"):
            out[path][t] = n
    return out


# --- one bad file among good ones -------------------------------------------------------------

def import_report(db: Path, src: Path, capsys) -> tuple[int, str]:
    """Exit status, and the failures as `path: reason` lines (from --json: no line wrapping)."""
    status = main(["--db", str(db), "import", str(src), "--json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    failed = json.loads(out.out)["failed"]
    return status, "".join(f"failed: {f['path']}: {f['reason']}\n" for f in failed)


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    bad = src / "secret.txt"
    bad.write_text(" date 2025-01-01 Т\n\nТекст.\n", encoding="utf-8")
    bad.chmod(0)
    if os.geteuid() == 0:  # root reads anything: inject the error the kernel gives everyone else
        real = Path.read_bytes
        def read_bytes(self):
            if self.name == bad.name:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    status, report = import_report(db, src, capsys)
    assert status == 1
    assert "secret.txt" in report and "Permission denied" in report
    assert imported_paths(db) == {str(p) for p in good}


def test_file_disappears_before_it_is_read(tmp_path, capsys, monkeypatch):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    ghost = src / "ghost.txt"
    ghost.write_text(" date 2025-01-01 Т\n\nТекст.\n", encoding="utf-8")
    real = importer.read_path
    def read_path_after_delete(path):
        if path.name == ghost.name:
            path.unlink()  # listed by find_files, gone before it is opened
        return real(path)
    monkeypatch.setattr(importer, "read_path", read_path_after_delete)
    status, report = import_report(db, src, capsys)
    assert status == 1
    assert "ghost.txt" in report and "No such file" in report
    assert imported_paths(db) == {str(p) for p in good}


def test_file_disappears_after_it_is_read(tmp_path, monkeypatch):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src, 4)
    real = importer.extract
    def extract_then_delete(article):
        if article.path == str(good[1]):
            good[1].unlink()  # gone while its facts are extracted: what was read is imported
        return real(article)
    monkeypatch.setattr(importer, "extract", extract_then_delete)
    s = run_import(db, [src], jobs=1)
    assert not s.failed and sorted(s.imported) == sorted(map(str, good))
    assert imported_paths(db) == {str(p) for p in good}
    # the next run, with --prune, drops it; without, keeps it
    assert run_import(db, [src]).removed == []
    assert run_import(db, [src], prune=True).removed == [str(good[1])]


def test_symlink_loops(tmp_path, capsys):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    (src / "self.txt").symlink_to("self.txt")
    (src / "a.txt").symlink_to("b.txt")
    (src / "b.txt").symlink_to("a.txt")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to("..")  # a directory loop
    status, report = import_report(db, src, capsys)
    assert status == 1
    for name in ("self.txt", "a.txt", "b.txt"):
        assert f"{name}: cannot read (Too many levels of symbolic links)" in report
    assert imported_paths(db) == {str(p) for p in good}


def test_file_over_the_size_limit(tmp_path, capsys):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    big = src / "huge.txt"
    with big.open("wb") as f:  # sparse: the size is refused before any byte is read
        f.truncate(MAX_FILE_BYTES + 1)
    status, report = import_report(db, src, capsys)
    assert status == 1
    assert f"huge.txt: file too large ({MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES})" in report
    assert imported_paths(db) == {str(p) for p in good}


@pytest.mark.parametrize("name, data, reason", [
    ("utf16.txt", "\ufeffПомилованы трое.".encode("utf-16-le"), "UTF-16"),
    ("latin.txt", "Gefangene wurden freigelassen, ä ö ü ß".encode("latin-1") + b"\x81", "unknown encoding"),
    ("koi8.txt", "Помилованы трое заключенных".encode("koi8-r"), "unknown encoding"),
    ("bad.jsonl", b'{"text": "\xff\xfe"}\n', "unknown encoding"),
])
def test_unknown_encoding(tmp_path, capsys, name, data, reason):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    (src / name).write_bytes(data)
    status, report = import_report(db, src, capsys)
    assert status == 1
    assert name in report and reason in report
    assert imported_paths(db) == {str(p) for p in good}


def test_missing_path_argument(tmp_path, capsys):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src)
    status = main(["--db", str(db), "import", str(src), str(tmp_path / "nowhere"), "--json"])
    failed = json.loads(capsys.readouterr().out)["failed"]
    assert status == 1
    assert failed == [{"path": str(tmp_path / "nowhere"), "reason": "cannot read (No such file or directory)"}]
    assert imported_paths(db) == {str(p) for p in good}


def test_every_fault_at_once(tmp_path, capsys):
    src, db = tmp_path / "src", tmp_path / "d.db"
    good = good_files(src, 5)
    (src / "loop.txt").symlink_to("loop.txt")
    with (src / "huge.txt").open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    (src / "latin.txt").write_bytes("déjà vu".encode("latin-1") + b"\x98")
    (src / "empty.txt").write_bytes(b"")
    (src / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    status, report = import_report(db, src, capsys)
    assert status == 1
    for name in ("loop.txt", "huge.txt", "latin.txt", "empty.txt", "png.txt"):
        assert f"failed: {src / name}:" in report
    assert imported_paths(db) == {str(p) for p in good}
    assert "Traceback" not in report


# --- kill -9, twenty times --------------------------------------------------------------------

KILLS = 20


def test_twenty_kills_in_a_row(tmp_path):
    """Kill `pardons import` at random points (start-up, schema, scan, mid-write, events), check
    the database after each, and let the reruns finish the job. When a run gets to the end, some
    files change, so that the next run has articles to replace."""
    rng = random.Random(20)
    src, db = tmp_path / "many", tmp_path / "d.db"
    src.mkdir()
    texts = small_articles(8)
    total = 400
    version = {src / f"{i:04}.txt": i % len(texts) for i in range(total)}
    for path, v in version.items():  # identical copies at different paths: each is an article
        path.write_text(texts[v], encoding="utf-8")
    expected = {}  # stored article text -> its rows
    for v in range(len(texts)):
        (article,) = read_path(next(p for p, w in version.items() if w == v))
        expected[article.text] = expected_rows(Path(article.path))

    kills = finished = rounds = 0
    while kills < KILLS:
        rounds += 1
        assert rounds <= KILLS * 3, (kills, finished)
        jobs = "1" if rounds % 4 else "2"  # sometimes with worker processes
        proc = subprocess.Popen([sys.executable, "-m", "app", "--db", str(db), "import", str(src),
                                 "--jobs", jobs], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            if rounds % 3 == 0:  # by time: lands anywhere, start-up and schema included
                time.sleep(rng.uniform(0.0, 1.5))
            else:  # by rows: a few more articles written, then kill
                target = rng.randint(1, 12)
                deadline = time.time() + 20
                while time.time() < deadline and proc.poll() is None:
                    try:
                        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                            if conn.execute("select count(*) from articles where imported_at >= ?",
                                            [started_at(proc)]).fetchone()[0] >= target:
                                break
                    except sqlite3.Error:
                        pass
                    time.sleep(0.01)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                kills += 1
            else:
                finished += 1
            proc.wait()
        finally:
            try:  # the import's own workers: they must not outlive it for long
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if not db.exists():
            continue
        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            assert conn.execute("pragma foreign_key_check").fetchall() == []
            if "articles" not in {r[0] for r in conn.execute("select name from sqlite_master")}:
                continue  # killed before the schema was committed: an empty database
            stored = stored_rows(conn)
            text_of = dict(conn.execute("select path, text from articles"))
        for path, rows in stored.items():  # every article in the database is complete
            assert rows == expected[text_of[path]], path
        if proc.returncode == 0:  # the job was done: change some files for the next run
            for path in rng.sample(sorted(version), 60):
                version[path] = (version[path] + 1) % len(texts)
                path.write_text(texts[version[path]], encoding="utf-8")
    print(f"kills={kills} finished={finished} rounds={rounds}")  # shown with -s
    # a rerun finishes the job
    s = run_import(db, [src])
    assert not s.failed and s.unchanged + len(s.imported) == total
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        stored = stored_rows(conn)
        text_of = dict(conn.execute("select path, text from articles"))
        assert conn.execute("select value from meta where key = 'events_dirty'").fetchone() == ("0",)
        n_reports = conn.execute("select count(*) from reports").fetchone()[0]
        n_linked = conn.execute("select count(distinct report_id) from event_reports").fetchone()[0]
    assert len(stored) == total
    for path, v in version.items():  # each article is its file's current version, complete
        (article,) = read_path(path)
        assert text_of[str(path)] == article.text and stored[str(path)] == expected[article.text]
    assert n_linked == n_reports  # the merged events were re-derived after the last kill


_STARTED: dict[int, str] = {}


def started_at(proc: subprocess.Popen) -> str:
    """The UTC second a run started, as `imported_at` writes it (rows written since count)."""
    import datetime as dt
    if proc.pid not in _STARTED:
        _STARTED[proc.pid] = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)).isoformat(
            timespec="seconds")
    return _STARTED[proc.pid]
