"""`pardons import`: files → reader → extraction (worker processes) → one transaction per article.

The importer is the only writer of the database. Each article's rows are replaced in one
transaction, so a crash leaves every article either as it was or complete; merged events are
re-derived at the end, and a flag in `meta` makes the next run finish that step if it was cut off.

Web inputs (URLs, feeds; app.web) are read beside the files, through a cache beside the database
(`web_cache_dir`). A web page whose facts hold no release act is stored as off-topic
(`articles.off_topic`): its quotes stay searchable, but its reports make no events, so it adds
nothing to the timeline or the country counts.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import gc
import itertools
import json
import os
import sqlite3
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from app.extract import EXTRACTOR_VERSION, extract
from app.extract.model import RELEASE_KINDS, Facts
from app.reader import (HTML_SUFFIXES, Article, ReadError, find_files, read_page_later,
                        read_path)
from app.store.schema import OldSchemaError, StoreError, connect, get_meta, open_db, set_meta
from app.store.terms import index_terms

INLINE_BELOW = 24  # fewer new articles than this: extract in this process, no pool start-up
WINDOW_PER_JOB = 32  # articles in flight per worker: bounds memory however large the corpus
BATCH = 64  # articles per transaction (each one still all or nothing, by its own savepoint)
WAL_PAGES = 16_384  # write-ahead log pages between checkpoints while importing (64 MB)


@dataclass
class ImportSummary:
    imported: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0
    off_topic: list[str] = field(default_factory=list)  # imported web pages with no release act
    not_fetched: list[tuple[str, str]] = field(default_factory=list)  # (url, why): --max-pages
    pages: int = 0  # web pages and feeds read this run
    fetched: int = 0  # of them, downloaded from the web
    from_cache: int = 0  # of them, given by the cache (the rest failed)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["failed"] = [{"path": p, "reason": r} for p, r in self.failed]
        d["warnings"] = [{"path": p, "warning": w} for p, w in self.warnings]
        d["not_fetched"] = [{"url": u, "reason": r} for u, r in self.not_fetched]
        return d


Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class WebOptions:
    """What to fetch, and how (app.web.fetch.Fetcher's settings)."""
    urls: list[str] = field(default_factory=list)  # pages and feeds
    max_pages: int | None = None
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0
    refresh: bool = False  # revalidate cached pages too
    offline: bool = False  # the cache only: never the network
    cache_dir: Path | None = None  # default: web_cache_dir(the database)
    offline_urls: list[str] = field(default_factory=list)  # re-read from the cache (rebuilds)


def web_cache_dir(db_path: Path) -> Path:
    """Fetched pages are kept beside the database: data.db → data.db.web/."""
    return db_path.with_name(db_path.name + ".web")


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def is_off_topic(article: Article, facts: Facts) -> bool:
    """A web page that reports no release act (a dismissal, unrelated news) is off-topic."""
    return article.web and not any(e.kind in RELEASE_KINDS for e in facts.events)


# (Facts, index lemmas of each quote, the Article read from a pending page or None),
# or (error message, [], None)
Extracted = tuple


def _work(item) -> Extracted:
    """A worker's job: the facts of one article, and the search terms of its quotes. A web page
    (`app.web.html.PendingPage`) is read here first, beside the other workers."""
    article = item
    if not isinstance(item, Article):
        try:
            article = item.read()
        except ReadError as e:
            return str(e), [], None
    try:
        facts = extract(article)
        return facts, [index_terms(q.text) for q in facts.quotes], (
            None if article is item else article)
    except Exception as e:  # one article's bug must not stop the import; it is reported
        return f"extraction failed: {type(e).__name__}: {e}", [], None


def _extract_all(articles: Iterator, jobs: int | None) -> Iterator[tuple[object, Extracted]]:
    """Extract in worker processes, in order, with a bounded number of articles in flight."""
    jobs = jobs or os.cpu_count() or 1
    head = list(itertools.islice(articles, INLINE_BELOW))
    if jobs <= 1 or len(head) < INLINE_BELOW:
        for a in itertools.chain(head, articles):
            yield a, _work(a)
        return
    window: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for a in itertools.chain(head, articles):
            window.append((a, pool.submit(_work, a)))
            if len(window) >= jobs * WINDOW_PER_JOB:
                done, future = window.popleft()
                yield done, future.result()
        while window:
            done, future = window.popleft()
            yield done, future.result()


def _stat(path: Path) -> tuple[float, int]:
    st = path.stat()
    return st.st_mtime, st.st_size


def scan(db, files: list[Path], summary: ImportSummary, seen: set[str],
         on_file: Callable[[], None] = lambda: None) -> Iterator:
    """Read the files one by one; yield the articles that are new or changed (an HTML file as a
    page the workers read), adding every article path read to `seen` and every unreadable file
    to the summary."""
    known = {r[0]: (r[1], r[2]) for r in db.execute(
        "select path, hash, extractor_version from articles")}
    for f in files:
        unchanged = 0
        reader = read_page_later if f.suffix.lower() in HTML_SUFFIXES else read_path
        for item in reader(f):
            if isinstance(item, ReadError):
                summary.failed.append((str(f), str(item).removeprefix(f"{f}: ")))
                continue
            seen.add(item.path)
            if known.get(item.path) == (item.content_hash, EXTRACTOR_VERSION):
                unchanged += 1
                continue
            yield item
        if unchanged:  # once per file, not once per JSON Lines record
            summary.unchanged += unchanged
            _touch(db, f)
        on_file()


def scan_web(db, web: WebOptions, feed_files: list[Path], cache_dir: Path, summary: ImportSummary,
             seen: set[str], on_page: Callable[[int, int], None]) -> Iterator:
    """Fetch (or take from the cache) the pages of `web` and `feed_files`, as `scan` reads files."""
    if not (web.urls or web.offline_urls or feed_files):
        return
    from app.web.fetch import Cache, Fetcher, PageLimit
    from app.web.sources import WebSources

    known = {r[0]: (r[1], r[2]) for r in db.execute(
        "select path, hash, extractor_version from articles where file = path")}
    cache = Cache(cache_dir)
    fetcher = Fetcher(cache, timeout=web.timeout, retries=web.retries, backoff=web.backoff,
                      delay=web.delay, max_pages=web.max_pages, refresh=web.refresh,
                      offline=web.offline)
    offline = Fetcher(cache, offline=True)
    sources = WebSources(fetcher, on_page)
    try:
        for fetch, urls, files in ((fetcher, web.urls, feed_files), (offline, web.offline_urls, [])):
            for where, item in sources.articles(urls, files, fetch):
                if isinstance(item, PageLimit):
                    summary.not_fetched.append((where, str(item)))
                elif isinstance(item, ReadError):
                    summary.failed.append((where, str(item)))
                else:
                    seen.add(item.path)
                    if known.get(item.path) == (item.content_hash, EXTRACTOR_VERSION):
                        summary.unchanged += 1
                        continue
                    yield item
    finally:
        summary.pages, summary.fetched = sources.done, fetcher.downloads
        summary.from_cache = fetcher.from_cache + offline.from_cache
        fetcher.close()


def _touch(db, f: Path) -> None:
    """Record the current stat of an unchanged file, so that staleness checks stay cheap."""
    try:
        mtime, size = _stat(f)
    except OSError:
        return
    db.execute("update articles set file_mtime = ?, file_size = ? where file = ? and "
               "(file_mtime is not ? or file_size is not ?)", [mtime, size, str(f), mtime, size])


def _rows(article: Article, facts: Facts, lemmas: list[str], article_id: int,
          sentence_ids: list[int]) -> dict[str, list[dict]]:
    sid = sentence_ids.__getitem__
    reports = [{"article_id": article_id, "sentence_id": sid(e.sentence), "idx": i, "kind": e.kind,
                "date": e.date, "precision": e.precision, "count": e.count, "bound": e.bound,
                "countries": json.dumps(e.countries), "people": json.dumps(e.people, ensure_ascii=False),
                "breakdown": json.dumps(e.breakdown), "date_inferred": int(e.date_inferred),
                "start": e.start, "end": e.end}
               for i, e in enumerate(facts.events)]
    mention_codes: dict[int, set[str]] = {}
    for m in facts.countries:
        mention_codes.setdefault(article.sentence_at(m.start), set()).add(m.code)
    return {
        "reports": reports,
        "quotes": [{"article_id": article_id, "sentence_id": sid(q.sentence), "start": q.start,
                    "end": q.end, "text": q.text, "speaker": q.speaker, "kind": q.kind,
                    "spans_paragraphs": int(q.spans_paragraphs), "lemmas": terms,
                    "country_codes": " ".join(sorted(mention_codes.get(q.sentence, ())))}
                   for q, terms in zip(facts.quotes, lemmas)],
        "mentions": [{"article_id": article_id, "sentence_id": sid(article.sentence_at(m.start)),
                      "code": m.code, "start": m.start, "end": m.end, "form": m.form, "how": m.how}
                     for m in facts.countries],
        "people": [{"article_id": article_id, "name": p.name,
                    "aliases": json.dumps(p.aliases, ensure_ascii=False),
                    "roles": json.dumps(p.roles, ensure_ascii=False)} for p in facts.people],
        "total_checks": [{"article_id": article_id, "sentence_id": sid(t.sentence), "stated": t.stated,
                          "breakdown_sum": t.breakdown_sum, "match": int(t.match)}
                         for t in facts.total_checks],
        "counts": [{"article_id": article_id, "sentence_id": sid(c.sentence), "event": c.event,
                     "country": c.country, "count": c.count, "status": c.status, "date": c.date,
                     "start": c.start, "end": c.end} for c in facts.counts],
    }


def _insert(db, table: str, rows: list[dict]) -> int | None:
    """Insert rows of one shape with one prepared statement; the last row id."""
    if not rows:
        return None
    cols = list(rows[0])
    sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
           f"values ({', '.join('?' * len(cols))})")
    if len(rows) == 1:
        return db.conn.execute(sql, [rows[0][c] for c in cols]).lastrowid
    db.conn.executemany(sql, [[r[c] for c in cols] for r in rows])
    return None


def write_article(db, article: Article, facts: Facts, lemmas: list[str] | None = None) -> None:
    """Replace one article's rows, all in one transaction (a savepoint inside a batch)."""
    if lemmas is None:
        lemmas = [index_terms(q.text) for q in facts.quotes]
    file_path = article.path if is_url(article.path) else Path(article.path.split("#", 1)[0])
    try:
        mtime, size = _stat(file_path) if isinstance(file_path, Path) else (None, None)
    except OSError:
        mtime, size = None, None
    with db.atomic():
        db.conn.execute("delete from articles where path = ?", [article.path])
        article_id = _insert(db, "articles", [{
            "path": article.path, "file": str(file_path), "hash": article.content_hash,
            "extractor_version": EXTRACTOR_VERSION, "file_mtime": mtime, "file_size": size,
            "date": article.date.isoformat() if article.date else None, "title": article.title,
            "caption": int(article.caption), "credit": article.credit, "url": article.url,
            "encoding": article.encoding, "text": article.text,
            "warnings": json.dumps(article.warnings, ensure_ascii=False),
            "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "site_name": article.site_name, "canonical_url": article.canonical_url,
            "off_topic": int(is_off_topic(article, facts)),
        }])
        _insert(db, "sentences", [
            {"article_id": article_id, "idx": i, "paragraph": s.paragraph, "start": s.start,
             "end": s.end, "heading": int(article.paragraphs[s.paragraph].heading),
             "text": article.text[s.start:s.end]} for i, s in enumerate(article.sentences)])
        sentence_ids = [r[0] for r in db.conn.execute(
            "select id from sentences where article_id = ? order by idx", [article_id])]
        rows = _rows(article, facts, lemmas, article_id, sentence_ids)
        report_ids = [_insert(db, "reports", [r]) for r in rows["reports"]]
        for c in rows["counts"]:
            event = c.pop("event")
            c["report_id"] = report_ids[event] if event is not None and event < len(report_ids) else None
        for table in ("quotes", "mentions", "people", "total_checks", "counts"):
            _insert(db, table, rows[table])
        set_meta(db, "events_dirty", "1")


def delete_articles(db, paths: Iterable[str]) -> list[str]:
    removed = []
    with db.atomic():
        for p in paths:
            db.execute("delete from articles where path = ?", [p])
            removed.append(p)
        if removed:
            set_meta(db, "events_dirty", "1")
    return removed


def derive_events(db) -> int:
    """Re-derive merged events from all reports, in one transaction."""
    from app.store.corrections import apply_corrections
    from app.store.events import rebuild_events

    with db.atomic():
        n = rebuild_events(db)
        apply_corrections(db)  # the analyst's corrections (user data), on top of derived events
        set_meta(db, "events_dirty", "0")
    return n


def _web_paths(db_path: Path) -> list[str]:
    """The web articles of a database, of any schema (empty when it cannot be read)."""
    if not db_path.exists():
        return []
    try:
        old = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [r[0] for r in old.execute("select path from articles where path like 'http%'")
                    if is_url(r[0])]
        finally:
            old.close()
    except sqlite3.Error:
        return []


def run_import(db_path: Path, paths: list[Path], *, prune: bool | list[Path] = False,
               rebuild: bool = False,
               jobs: int | None = None, progress: bool | Progress = False,
               web: WebOptions | None = None) -> ImportSummary:
    """Import files and directories (`paths`; feed files among them are read as feeds) and the
    web inputs of `web`. With `rebuild`, into a fresh database that also re-reads, from the cache
    alone, every web article the old one held."""
    from app.web.feeds import FEED_SUFFIXES

    started = time.perf_counter()
    summary = ImportSummary()
    web = web or WebOptions()
    if web.cache_dir is None:
        web = WebOptions(**{**web.__dict__, "cache_dir": web_cache_dir(db_path)})
    if rebuild:
        # build beside the old database and swap at the end: a crash keeps the old one
        tmp = db_path.with_name(db_path.name + ".rebuild")
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        given = set(web.urls)
        web.offline_urls = [u for u in _web_paths(db_path) if u not in given] + web.offline_urls
        result = run_import(tmp, paths, prune=False, jobs=jobs, progress=progress, web=web)
        db = open_db(tmp)
        from app.store.corrections import carry_over

        lost = carry_over(db_path, db)  # corrections are user data: the new database keeps them
        if lost:
            result.warnings.append((str(db_path), lost))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        for p in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            p.unlink(missing_ok=True)
        os.replace(tmp, db_path)
        for p in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        return result
    db = open_db(db_path, create=True)
    # Checkpoint the write-ahead log every 64 MB, not every 4 MB: the import rewrites the same
    # index pages (full-text, B-trees) batch after batch, and a page is copied into a large
    # database once per checkpoint. At 100 000 articles, commits took 1.5 ms an article with
    # SQLite's default, 0.13 ms with this.
    db.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
    if get_meta(db, "extractor_version") != EXTRACTOR_VERSION:
        set_meta(db, "extractor_version", EXTRACTOR_VERSION)
    feed_files = [p for p in paths if p.suffix.lower() in FEED_SUFFIXES and not p.is_dir()]
    files = list(find_files([p for p in paths if p not in feed_files]))
    seen: set[str] = set()
    bar = _progress_reporter(progress, len(files) + len(web.urls) + len(feed_files))
    files_done = itertools.count(1)
    done = {"files": 0, "pages": 0, "page_total": len(web.urls) + len(feed_files)}

    def on_file():
        done["files"] = next(files_done)
        bar(done["files"] + done["pages"], len(files) + done["page_total"])

    def on_page(pages, total):
        done["pages"], done["page_total"] = pages, max(total, done["page_total"])
        bar(done["files"] + pages, len(files) + done["page_total"])

    todo = itertools.chain(
        scan(db, files, summary, seen, on_file=on_file),
        scan_web(db, web, feed_files, web.cache_dir, summary, seen, on_page))
    batch_started = time.perf_counter()
    db.conn.execute("BEGIN")
    for n, (item, (facts, lemmas, read)) in enumerate(_extract_all(todo, jobs), 1):
        article = read or item  # a web page is read by the worker
        if isinstance(facts, str):
            summary.failed.append((item.path, facts))
        else:
            try:
                write_article(db, article, facts, lemmas)
            except (ValueError, TypeError, sqlite3.IntegrityError, sqlite3.InterfaceError) as e:
                # a value SQLite refuses spoils this article alone (its savepoint rolled back)
                summary.failed.append((article.path, f"cannot store: {type(e).__name__}: {e}"))
                continue
            summary.imported.append(article.path)
            if is_off_topic(article, facts):
                summary.off_topic.append(article.path)
            summary.warnings.extend((article.path, w) for w in article.warnings)
        if n % BATCH == 0 or time.perf_counter() - batch_started > 1:
            db.conn.execute("COMMIT")  # a batch of whole articles; a kill loses at most this batch
            db.conn.execute("BEGIN")
            batch_started = time.perf_counter()
    db.conn.execute("COMMIT")
    bar(None, None)
    # records of a re-read JSON Lines file that are no longer in it; with --prune, gone files
    files_read = {p.split("#", 1)[0] for p in seen}
    gone = [r[0] for r in db.execute("select path from articles") if r[0] not in seen
            and not is_url(r[0]) and (r[0].split("#", 1)[0] in files_read and "#" in r[0]
                                      or _prunable(Path(r[0].split("#", 1)[0]), prune))]
    summary.removed = delete_articles(db, gone)
    del seen, files_read, gone, todo
    if get_meta(db, "events_dirty") != "0":
        _release_memory()  # the write phase's heap, before deriving events needs its own
        summary.events = derive_events(db)
    else:
        summary.events = db["events"].count
    db.conn.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc), so that the peak of
    a long import is that of its largest step rather than the sum of them."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def _prunable(file: Path, prune: bool | list[Path]) -> bool:
    """With --prune, an article whose file is gone goes; with a list of folders, only one whose
    file was in them (the app's refresh from seeds/ leaves other imports alone)."""
    if not prune or file.exists():
        return False
    return prune is True or any(file.is_relative_to(root) for root in prune)


def _progress_reporter(progress: bool | Progress, total: int) -> Callable:
    if callable(progress):
        return lambda done, total_: done is not None and progress(done, total_)
    if not progress:
        return lambda done, total_: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TimeRemainingColumn
    from rich.console import Console

    state = {}

    def report(done, total_):
        # shown once there are two things to do (a feed's pages count as they become known)
        if done is None:
            if state:
                state["bar"].stop()
            return
        if not state and total_ >= 2:
            bar = Bar("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            state.update(bar=bar, task=bar.add_task("importing", total=total_))
            bar.start()
        if state:
            state["bar"].update(state["task"], completed=done, total=total_)
    return report


def is_stale(db_path: Path, seeds: list[Path]) -> bool:
    """Does the database need an import to reflect `seeds`? Cheap: file stats before hashes."""
    if not db_path.exists():
        return True
    try:
        conn = connect(db_path, readonly=True)
    except OldSchemaError:
        return True
    except StoreError:
        return False  # a broken database is reported as such, never silently replaced
    try:
        if get_meta(conn, "extractor_version") != EXTRACTOR_VERSION or get_meta(conn, "events_dirty") != "0":
            return True
        stats = {r[0]: (r[1], r[2]) for r in conn.execute(
            "select distinct file, file_mtime, file_size from articles")}
    finally:
        conn.close()
    files = list(find_files(seeds))
    if {str(f) for f in files} - set(stats):
        return True
    if any(_prunable(Path(f), seeds) for f in stats):
        return True  # a seed file was removed
    for f in files:
        try:
            if _stat(f) != stats[str(f)]:
                return True
        except OSError:
            return True
    return False


def ensure_fresh(db_path: Path, seeds: list[Path], progress: bool | Progress = True) -> ImportSummary | None:
    """Build or refresh the database from `seeds` when it is missing or stale. A database of an
    older schema is rebuilt from `seeds` and every file it held that still exists."""
    if not is_stale(db_path, seeds):
        return None
    try:
        connect(db_path, readonly=True).close() if db_path.exists() else None
    except OldSchemaError:
        with sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True) as old:
            files = [Path(r[0]) for r in old.execute("select distinct file from articles")
                     if not is_url(r[0])]
        kept = [f for f in files if f.exists()
                and not any(f.is_relative_to(s) for s in seeds)]
        # web articles are re-read from the cache by the rebuild
        return run_import(db_path, seeds + kept, rebuild=True, progress=progress)
    return run_import(db_path, seeds, prune=seeds, progress=progress)
