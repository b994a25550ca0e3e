"""URLs and feeds → pages to read (`PendingPage`, read into `Article`s by the import's workers):
each URL is fetched (through the cache); a feed's entries are fetched one by one, the entry's
title and date standing in for what a page lacks. Every input gives either articles or a reason it failed; one bad page never stops the rest.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Iterator

from app.reader import MAX_FILE_BYTES, ReadError
from app.web.feeds import Entry, parse_feed
from app.web.fetch import Fetcher, FetchError, Page, PageLimit, normalize
from app.web.html import PendingPage

# (where, item): a page to read, a ReadError (failed), or a PageLimit (left for a later run)
Item = tuple[str, "PendingPage | ReadError | PageLimit"]


def _pending(page: Page, entry: Entry | None) -> PendingPage:
    """The page, to be read by the import's workers; a feed entry's title and date (or those
    noted in the cache by an earlier run) stand in for what the page lacks."""
    if page.is_feed:
        raise ReadError("a feed, not a page")
    hint = page.entry or {}
    title = entry.title if entry else hint.get("title")
    date = entry.date if entry else (dt.date.fromisoformat(hint["date"]) if hint.get("date") else None)
    return PendingPage(page.url, page.body, url=page.final_url, header_charset=page.charset,
                       fallback_title=title, fallback_date=date,
                       warnings=(page.stale,) if page.stale else ())


class WebSources:
    """The articles of `urls` (pages or feeds) and `feed_files`; `on_page(done, total)` counts
    pages as they are read (the total grows as feeds are read)."""

    def __init__(self, fetcher: Fetcher, on_page: Callable[[int, int], None] = lambda d, t: None):
        self.fetcher, self.on_page = fetcher, on_page
        self.done = self.total = 0
        self._seen: set[str] = set()

    def articles(self, urls: list[str], feed_files: list[Path] = (),
                 fetcher: Fetcher | None = None) -> Iterator[Item]:
        """With `fetcher`, these inputs are fetched by it rather than the default one."""
        if fetcher is not None:
            self.fetcher = fetcher
        self.total += len(urls)
        for f in feed_files:
            try:
                if f.stat().st_size > MAX_FILE_BYTES:
                    raise ReadError(f"file too large (the limit is {MAX_FILE_BYTES} bytes)")
                entries = parse_feed(f.read_bytes())
            except OSError as e:
                yield str(f), ReadError(f"cannot read ({e.strerror or e})")
                continue
            except ReadError as e:
                yield str(f), e
                continue
            yield from self._entries(str(f), entries)
        for url in urls:
            yield from self._url(url)

    def _tick(self) -> None:
        self.done += 1
        self.on_page(self.done, self.total)

    def _url(self, url: str) -> Iterator[Item]:
        url = normalize(url)
        try:
            page = self.fetcher.get(url)
        except FetchError as e:
            self._tick()
            yield url, e if isinstance(e, PageLimit) else ReadError(str(e))
            return
        if page.is_feed:
            self._tick()
            try:
                entries = parse_feed(page.body, page.final_url)
            except ReadError as e:
                yield url, e
                return
            yield from self._entries(url, entries)
            return
        self._seen.add(url)
        yield from self._read(page, None)

    def _entries(self, feed: str, entries: list[Entry]) -> Iterator[Item]:
        if not entries:
            yield feed, ReadError("the feed has no entries with a link to a page")
            return
        entries = [e for e in entries if normalize(e.link) not in self._seen]  # read this run
        self.total += len(entries)
        for entry in entries:
            link = normalize(entry.link)
            self._seen.add(link)
            try:
                page = self.fetcher.get(link)
            except FetchError as e:
                self._tick()
                yield link, e if isinstance(e, PageLimit) else ReadError(str(e))
                continue
            self.fetcher.cache.note_entry(page, entry.title,
                                          entry.date.isoformat() if entry.date else None)
            yield from self._read(page, entry)

    def _read(self, page: Page, entry: Entry | None) -> Iterator[Item]:
        self._tick()
        try:
            yield page.url, _pending(page, entry)
        except ReadError as e:
            yield page.url, e
