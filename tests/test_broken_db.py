"""Broken databases: random bytes, damaged pages, another program's SQLite file, a newer schema,
a read-only directory. Every command says what is wrong and the way out; none shows a traceback."""
import asyncio
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.store.importer import run_import
from fixture_db import wait_for_workers

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"
HINT = "pardons import --rebuild"
READS = [["search", "освобождение"], ["search", "мы"], ["countries"], ["timeline"],
         ["timeline", "--country", "LT"]]


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> tuple[Path, Path]:
    """A real database of four corpus articles, and their directory (copy before damaging)."""
    base = tmp_path_factory.mktemp("good")
    src = base / "src"
    src.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:4]:
        shutil.copy(f, src / f.name)
    db = base / "data.db"
    assert not run_import(db, [src], jobs=1).failed
    return db, src


def run(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--db", str(db), *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return status, out.out, out.err


def assert_way_out(capsys, db: Path, src: Path, reason: str) -> None:
    """Every command fails with `reason` and the hint; the hinted command repairs the database."""
    for args in READS + [["import", str(src)]]:
        status, out, err = run(capsys, db, *args)
        assert status == 2, (args, err)
        assert reason in err and HINT in err and str(db) in err, (args, err)
        assert out == ""
    status, _, err = run(capsys, db, "import", "--rebuild", str(src), "--json")
    assert status == 0, err
    status, out, _ = run(capsys, db, "countries", "--json")
    assert status == 0 and '"code": "LT"' in out
    assert not Path(f"{db}.rebuild").exists()


def test_random_bytes(tmp_path, capsys, good_db):
    db = tmp_path / "data.db"
    db.write_bytes(random.Random(1).randbytes(50_000))
    assert_way_out(capsys, db, good_db[1], "not a usable SQLite database")


def test_sqlite_header_then_random_bytes(tmp_path, capsys, good_db):
    db = tmp_path / "data.db"
    db.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(40_000))
    assert_way_out(capsys, db, good_db[1], "database")


def test_damaged_pages(tmp_path, capsys, good_db):
    # the header and schema page intact, every other page overwritten: found mid-query
    db = tmp_path / "data.db"
    shutil.copy(good_db[0], db)
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    rng = random.Random(3)
    data[page * 2:] = rng.randbytes(len(data) - page * 2)
    db.write_bytes(bytes(data))
    assert_way_out(capsys, db, good_db[1], "database")


def test_another_programs_sqlite_file(tmp_path, capsys, good_db):
    db = tmp_path / "data.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table photos (id integer primary key, path text)")
        conn.execute("insert into photos (path) values ('cat.jpg')")
    assert_way_out(capsys, db, good_db[1], "not a pardons one")


def test_newer_schema_version(tmp_path, capsys, good_db):
    db = tmp_path / "data.db"
    shutil.copy(good_db[0], db)
    with sqlite3.connect(db) as conn:
        conn.execute("update meta set value = '99' where key = 'schema_version'")
    assert_way_out(capsys, db, good_db[1], "schema version 99, newer than this pardons understands")


def test_empty_file_is_not_a_pardons_database(tmp_path, capsys, good_db):
    db = tmp_path / "data.db"
    db.write_bytes(b"")
    for args in READS:
        status, _, err = run(capsys, db, *args)
        assert status == 2 and HINT in err
    # an empty file is an empty database: import simply builds it
    status, _, err = run(capsys, db, "import", str(good_db[1]), "--json")
    assert status == 0, err


def test_missing_database(tmp_path, capsys):
    status, _, err = run(capsys, tmp_path / "none.db", "countries")
    assert status == 2 and "run `pardons import` to build it" in err


def test_a_directory_as_the_database(tmp_path, capsys, good_db):
    db = tmp_path / "adir.db"
    db.mkdir()
    for args in READS + [["import", str(good_db[1])]]:
        status, _, err = run(capsys, db, *args)
        assert status == 2 and str(db) in err


def test_path_with_uri_characters(tmp_path, capsys, good_db):
    db = tmp_path / "data?mode=rwc#x.db"
    shutil.copy(good_db[0], db)
    status, out, err = run(capsys, db, "countries", "--json")
    assert status == 0 and '"code": "LT"' in out, err


# --- a read-only directory, checked for real as an unprivileged user ---------------------------

def _unprivileged() -> list[str] | None:
    """A prefix that runs a command without root's power over permissions (a user namespace)."""
    prefix = ["unshare", "--user", "--map-user=1000", "--map-group=1000"]
    try:
        ok = subprocess.run(prefix + ["true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return None
    return prefix if ok else (None if os.geteuid() == 0 else [])


def pardons(prefix: list[str], db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(prefix + [sys.executable, "-m", "app", "--db", str(db), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_read_only_directory(tmp_path, good_db):
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("cannot drop root's power over file permissions here")
    ro = tmp_path / "ro"
    ro.mkdir()
    db = ro / "data.db"
    shutil.copy(good_db[0], db)
    ro.chmod(0o555)
    try:
        for args in (["countries", "--json"], ["timeline"], ["search", "мы"]):
            p = pardons(prefix, db, *args)
            assert p.returncode == 0 and "Traceback" not in p.stderr, (args, p.stderr)
        p = pardons(prefix, db, "countries", "--json")
        assert '"code": "LT"' in p.stdout
        for args in (["import", str(good_db[1])], ["import", "--rebuild", str(good_db[1])]):
            p = pardons(prefix, db, *args)
            assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
            assert "directory is read-only" in p.stderr and "--db" in p.stderr, p.stderr
        assert sorted(x.name for x in ro.iterdir()) == ["data.db"]
    finally:
        ro.chmod(0o755)


def test_subprocess_shows_no_traceback(tmp_path, good_db):
    db = tmp_path / "data.db"
    db.write_bytes(random.Random(4).randbytes(10_000))
    for args in (["countries"], ["search", "'\"*(NEAR"], ["import", str(good_db[1])]):
        p = pardons([], db, *args)
        assert p.returncode == 2 and "Traceback" not in p.stderr and HINT in p.stderr, p.stderr


# --- the app on a broken database -----------------------------------------------------------

def app_notifications(db: Path) -> list[str]:
    """Start the app on `db`, let its workers finish, and return what it told the user."""
    from textual.notifications import Notify

    from app.tui.app import PardonsApp

    seen: list[str] = []

    def hook(message):
        if isinstance(message, Notify):
            seen.append(f"{message.notification.title}: {message.notification.message}")

    async def go():
        app = PardonsApp(db)
        async with app.run_test(size=(120, 34), message_hook=hook) as pilot:
            await pilot.pause()
            await wait_for_workers(app)
            await pilot.pause()
            assert app.is_running
            await pilot.press("slash", "x")  # still answers keys
            await wait_for_workers(app)
            await pilot.pause()
    asyncio.run(go())
    return seen


@pytest.mark.parametrize("damage", ["random", "other", "newer"])
def test_app_says_what_is_wrong(tmp_path, good_db, damage):
    db = tmp_path / "data.db"
    if damage == "random":
        db.write_bytes(random.Random(5).randbytes(30_000))
    elif damage == "other":
        with sqlite3.connect(db) as conn:
            conn.execute("create table photos (id integer primary key)")
    else:
        shutil.copy(good_db[0], db)
        with sqlite3.connect(db) as conn:
            conn.execute("update meta set value = '7' where key = 'schema_version'")
    seen = app_notifications(db)
    assert seen and all(HINT in s for s in seen), seen
    assert not any("Traceback" in s for s in seen)
