"""The app keeps reading while `pardons import` writes the same database, and a refresh key
shows what the import added."""
import asyncio
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


from app.store.importer import run_import
from fixture_db import wait_for_workers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"
SEARCHES = ["мы", "освобождение", "свобода", "граница", "", "рады", "литва", "помилование"]


def corpus(dir_: Path, copies: int) -> Path:
    dir_.mkdir()
    texts = [f.read_text(encoding="utf-8") for f in sorted(CORPUS.glob("*.txt"))]
    for i in range(copies):
        (dir_ / f"{i:04}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return dir_


def articles_in(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("select count(*) from articles").fetchone()[0]


def test_app_reads_while_import_writes(tmp_path):
    from textual.notifications import Notify

    from app.tui.app import PardonsApp

    db = tmp_path / "data.db"
    run_import(db, [corpus(tmp_path / "first", 3)], jobs=1)
    more = corpus(tmp_path / "more", 240)
    notes: list[str] = []

    def hook(message):
        if isinstance(message, Notify):
            notes.append(f"{message.notification.title}: {message.notification.message}")

    reads_during_import = 0

    async def go():
        nonlocal reads_during_import
        app = PardonsApp(db)
        async with app.run_test(size=(120, 34), message_hook=hook) as pilot:
            await wait_for_workers(app)
            await pilot.pause()
            assert app.stats["articles"] == 3
            proc = subprocess.Popen([sys.executable, "-m", "app", "--db", str(db), "import",
                                     str(more), "--jobs", "1"], cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            try:
                deadline = time.time() + 120
                i = 0
                while proc.poll() is None and time.time() < deadline:
                    started = time.perf_counter()
                    app.query_one("#search").value = SEARCHES[i % len(SEARCHES)] + " " * (i // 8)
                    await pilot.pause()
                    await wait_for_workers(app)
                    await pilot.pause()
                    # every read answered, and quickly: the writer never blocks the app
                    assert time.perf_counter() - started < 5
                    assert not notes, notes
                    if proc.poll() is None:
                        reads_during_import += 1
                    i += 1
                    await asyncio.sleep(0.05)
                assert proc.wait(timeout=120) == 0, proc.stderr.read()
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            total = articles_in(db)
            assert total == 243
            assert app.stats["articles"] == 3  # the counts shown are from before the import
            await pilot.press("r")  # refresh: the new articles appear
            await pilot.pause()
            await wait_for_workers(app)
            await pilot.pause()
            assert app.stats["articles"] == total, "the refresh key did not reload the data"
            assert not notes, notes
    asyncio.run(go())
    assert reads_during_import >= 5


def test_queries_during_a_rebuild_swap(tmp_path):
    """A reader opening the database while `import --rebuild` swaps it in finds the old or the new
    database, whole, never an error."""
    from app.store import queries
    from app.store.schema import open_db

    db = tmp_path / "data.db"
    src = corpus(tmp_path / "src", 40)
    run_import(db, [src], jobs=1)
    proc = subprocess.Popen([sys.executable, "-m", "app", "--db", str(db), "import", "--rebuild",
                             str(src), "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    reads = 0
    try:
        while proc.poll() is None:
            conn = open_db(db, readonly=True)
            try:
                assert queries.database_summary(conn)["articles"] == 40
                queries.search_quotes(conn, "мы")
                queries.country_facet(conn)
            finally:
                conn.conn.close()
            reads += 1
        assert proc.returncode == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert reads >= 5 and articles_in(db) == 40
