"""RSS and Atom feeds (feedparser) → their entries: link, title and date, in feed order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from app.reader import ReadError

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}  # feed files given to `pardons import`


@dataclass(frozen=True)
class Entry:
    link: str
    title: str | None
    date: dt.date | None


def parse_feed(data: bytes, base_url: str | None = None) -> list[Entry]:
    """The entries of a feed that have a web link; ReadError when `data` is no feed at all."""
    import feedparser

    feed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if not feed.entries and (feed.bozo or not feed.version):
        why = getattr(feed, "bozo_exception", None)
        raise ReadError(f"not an RSS or Atom feed{f' ({why})' if why else ''}")
    entries, seen = [], set()
    for e in feed.entries:
        link = e.get("link") or next((l.get("href") for l in e.get("links", []) if l.get("href")), None)
        if not link:
            continue
        link = urljoin(base_url or "", link.strip())
        if not link.startswith(("http://", "https://")) or link in seen:
            continue
        seen.add(link)
        parsed = e.get("published_parsed") or e.get("updated_parsed")
        date = dt.date(*parsed[:3]) if parsed else None
        entries.append(Entry(link, " ".join((e.get("title") or "").split()) or None, date))
    return entries
