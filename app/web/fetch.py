"""Polite, robust HTTP fetching through an on-disk cache beside the database.

Polite: a clear User-Agent, at most one request per `delay` seconds to a host, at most
`max_pages` downloads a run. Robust: a timeout, `retries` more tries with doubling backoff on a
network error, a timeout, 429 or 5xx; redirects followed; answers that are neither HTML nor a feed
(PDF, images) refused with a reason; bodies over the reader's size limit refused.

The cache holds every accepted answer by URL (the URL asked for, fragment dropped) with its ETag
and Last-Modified. A cached page is used as it is: news pages do not change, and a re-run then
fetches nothing (a 404 or a PDF is remembered for a day, too). A cached feed is used while younger than `FEED_MAX_AGE`, then asked again with
If-None-Match / If-Modified-Since (a 304 costs no body). `refresh` revalidates every URL; `offline`
never touches the network (what `--rebuild` of web articles uses). When the network fails and the
cache has the URL, the cached answer is used, with a warning.
"""
from __future__ import annotations

import email.message
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from app.reader import MAX_FILE_BYTES

USER_AGENT = "pardons/0.1 (news importer; +https://github.com/pardons/pardons)"
FEED_MAX_AGE = 15 * 60  # seconds a cached feed is used without asking the site again
REFUSED_MAX_AGE = 24 * 3600  # seconds a 404 or a PDF is remembered without asking again
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


class Refused(FetchError):
    """An answer that trying again will not change (a 404, a PDF)."""


class PageLimit(FetchError):
    """`max_pages` pages were downloaded this run already."""


def normalize(url: str) -> str:
    """The key of a URL: as written, without its #fragment (the same page)."""
    return urldefrag(url.strip())[0]


@dataclass
class Page:
    url: str  # as asked for (normalized)
    final_url: str  # after redirects
    content_type: str  # media type, lower case, no parameters
    charset: str | None  # from the Content-Type header only
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: float = 0.0  # time.time() of the last answer from the site
    body: bytes = field(default=b"", repr=False)
    from_cache: bool = False
    stale: str | None = None  # why a cached copy was used in place of a failed fetch
    entry: dict | None = None  # the title and date of the feed entry that linked to the page
    refused: str | None = None  # a remembered final answer with no page (a 404, a PDF): why

    @property
    def is_feed(self) -> bool:
        head = self.body[:512].lstrip().lower()
        return self.content_type in FEED_TYPES or (
            self.content_type not in HTML_TYPES
            and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head))


def _content_type(value: str | None) -> tuple[str, str | None]:
    msg = email.message.Message()
    msg["content-type"] = value or "application/octet-stream"
    return msg.get_content_type().lower(), msg.get_param("charset")


class Cache:
    """`root/ab/abcd….json` (the answer's metadata) and `….body`, written atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _files(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(normalize(url).encode()).hexdigest()
        d = self.root / key[:2]
        return d / f"{key}.json", d / f"{key}.body"

    def get(self, url: str) -> Page | None:
        meta_file, body_file = self._files(url)
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            return Page(**meta, body=body_file.read_bytes(), from_cache=True)
        except (OSError, ValueError, TypeError):
            return None  # absent, or half-written by a killed run: fetch again

    def note_entry(self, page: Page, title: str | None, date: str | None) -> None:
        """Keep a feed entry's title and date with its page: an offline rebuild needs them when
        the page itself lacks them."""
        entry = {"title": title, "date": date}
        if page.entry != entry:
            page.entry = entry
            self.put(page)

    def put(self, page: Page) -> None:
        meta_file, body_file = self._files(page.url)
        meta_file.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in asdict(page).items() if k not in ("body", "from_cache", "stale")}
        for path, data in ((body_file, page.body),
                           (meta_file, json.dumps(meta, ensure_ascii=False).encode())):
            tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)


class Fetcher:
    def __init__(self, cache: Cache, *, timeout: float = 15.0, retries: int = 2,
                 backoff: float = 1.0, delay: float = 1.0, max_pages: int | None = None,
                 refresh: bool = False, offline: bool = False, user_agent: str = USER_AGENT):
        self.cache, self.timeout, self.retries, self.backoff = cache, timeout, retries, backoff
        self.delay, self.max_pages, self.refresh, self.offline = delay, max_pages, refresh, offline
        self.user_agent = user_agent
        self.downloads = 0  # answers with a body received from sites this run
        self.requests = 0  # requests sent, retries and 304s included
        self.from_cache = 0  # answers given from the cache (fresh, revalidated, or the site failing)
        self._last: dict[str, float] = {}  # host → monotonic time of its last request
        self._client = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _fresh(self, page: Page) -> bool:
        if self.refresh:
            return False
        return not page.is_feed or time.time() - page.fetched_at < FEED_MAX_AGE

    def get(self, url: str) -> Page:
        """The page at `url`, from the cache when it may be, else from the site; FetchError
        (PageLimit past `max_pages`) with the reason when neither can give it."""
        downloads = self.downloads
        page = self._get(normalize(url))
        self.from_cache += self.downloads == downloads
        return page

    def _get(self, url: str) -> Page:
        cached = self.cache.get(url)
        if cached and cached.refused:
            if self.offline or (not self.refresh
                                and time.time() - cached.fetched_at < REFUSED_MAX_AGE):
                raise Refused(cached.refused)
            cached = None
        if cached and (self.offline or self._fresh(cached)):
            return cached
        if self.offline:
            raise FetchError("not in the cache (offline)")
        if self.max_pages is not None and self.downloads >= self.max_pages:
            if cached:
                return cached
            raise PageLimit(f"not fetched: the limit of {self.max_pages} pages a run was reached")
        try:
            return self._download(url, cached)
        except FetchError as e:
            if cached is None:
                if isinstance(e, Refused):  # remembered: the next run does not ask again
                    self.cache.put(Page(url=url, final_url=url, content_type="", charset=None,
                                        fetched_at=time.time(), refused=str(e)))
                raise
            # the site fails now, or the page is gone from it: keep what we read before
            cached.stale = f"the cached copy was used: {e}"
            return cached

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _download(self, url: str, cached: Page | None) -> Page:
        import httpx

        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout, follow_redirects=True, max_redirects=5,
                                        headers={"User-Agent": self.user_agent,
                                                 "Accept": "text/html,application/xhtml+xml,"
                                                           "application/rss+xml,application/atom+xml,"
                                                           "application/xml;q=0.9,*/*;q=0.1"})
        headers = {}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            self.requests += 1
            try:
                with self._client.stream("GET", url, headers=headers) as r:
                    if r.status_code == 304 and cached:
                        cached.fetched_at = time.time()
                        self.cache.put(cached)
                        return cached
                    if r.status_code == 429 or r.status_code >= 500:
                        reason = f"HTTP {r.status_code} {r.reason_phrase}".strip()
                        continue  # the site's trouble may pass: try again
                    if r.status_code >= 400:
                        raise Refused(f"HTTP {r.status_code} {r.reason_phrase}".strip())
                    if r.status_code != 200:
                        raise Refused(f"unexpected HTTP {r.status_code}")
                    media, charset = _content_type(r.headers.get("content-type"))
                    if media not in HTML_TYPES + FEED_TYPES:
                        raise Refused(f"not an HTML page or a feed ({media})")
                    size = int(r.headers.get("content-length") or 0)
                    if size > MAX_FILE_BYTES:
                        raise Refused(f"too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > MAX_FILE_BYTES:
                            raise Refused(f"too large (over {MAX_FILE_BYTES} bytes)")
                    page = Page(url=url, final_url=str(r.url), content_type=media, charset=charset,
                                etag=r.headers.get("etag"),
                                last_modified=r.headers.get("last-modified"),
                                fetched_at=time.time(), body=bytes(body))
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
                continue
            except httpx.TooManyRedirects:
                raise Refused("too many redirects") from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
                raise Refused(f"bad URL ({e})") from None
            except httpx.TransportError as e:
                reason = f"cannot connect ({type(e).__name__}: {e})"
                continue
            self.downloads += 1
            self.cache.put(page)
            return page
        tries = self.retries + 1
        raise FetchError(f"{reason} ({tries} {'try' if tries == 1 else 'tries'})")

