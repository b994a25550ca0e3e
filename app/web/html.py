"""HTML → `Article`: the main text (trafilatura, without menus, comments, related links and
widgets), the title, the publication date (htmldate: JSON-LD, meta tags, the URL), the canonical
URL and the site name. Paragraphs and sentences are built by `app.reader.build`, exactly as for a
text file, so offsets, facts and source views are the same.

Decoding follows the reader's rules: the charset of the HTTP header, else the page's own meta
charset, else UTF-8 or Cyrillic cp1251 (`app.reader.decode`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.reader import Article, ReadError, build, decode, is_heading

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CANONICAL = re.compile(r"https?://\S+")


def _codec(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Bytes of a page → (text, encoding): the HTTP header's charset, the page's meta charset,
    else the reader's guess (UTF-8 or cp1251). An unknown or wrong declared charset falls back."""
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError("binary file (contains NUL bytes), not an HTML page")  # UTF-16: decode says
    declared = _codec(header_charset)
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies: guess as for a text file
    return decode(data)


def _parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def page_date(html, url: str | None) -> dt.date | None:
    """The publication date: JSON-LD `datePublished`, `article:published_time` and the other meta
    tags, else a date in the URL (htmldate; no guessing from dates in the text, which name events)."""
    from htmldate import find_date

    try:
        return _parse_date(find_date(html, url=url, original_date=True, extensive_search=False))
    except Exception:  # htmldate is defensive, but a strange page must not stop the import
        return None


def _first(tree, *xpaths: str) -> str | None:
    for xp in xpaths:
        for value in tree.xpath(xp):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def page_metadata(tree) -> tuple[str | None, str | None, str | None]:
    """(title, site name, canonical URL) from the page's head: a few XPath lookups, where
    trafilatura's own metadata pass (authors, categories, a second date search) costs more than
    the text extraction itself."""
    title = _first(tree, '//meta[@property="og:title"]/@content', "//h1//text()",
                   '//meta[@name="twitter:title"]/@content', "//title/text()")
    site = _first(tree, '//meta[@property="og:site_name"]/@content',
                  '//meta[@name="application-name"]/@content')
    url = _first(tree, '//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content')
    return title, site, url if url and _CANONICAL.fullmatch(url) else None


def _paragraphs(text: str) -> list[str]:
    """trafilatura's text has one line a block (paragraph, heading, list item)."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def read_html(path: str, data: bytes, *, url: str | None = None, header_charset: str | None = None,
              fallback_title: str | None = None, fallback_date: dt.date | None = None) -> Article:
    """One page → an Article; ReadError when it holds no article text. `url` is where the page was
    fetched from (a URL may be the only place its date is written); the fallbacks are a feed
    entry's title and date, for a page that lacks them."""
    html, encoding = decode_html(data, header_charset)
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)  # parsed once: metadata, date and text read the same tree
        if tree is None:
            raise ReadError("not an HTML page")
        page_title, site_name, canonical = page_metadata(tree)
        date = page_date(tree, url or canonical)
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                          include_tables=False, include_images=False)  # consumes it
    except (ValueError, TypeError, RecursionError, AttributeError) as e:
        # a library's bug on a strange page spoils that page alone
        raise ReadError(f"cannot read the page ({type(e).__name__}: {e})") from None
    body = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else []
    if not body:
        raise ReadError("no article text found in the page")
    title = page_title or " ".join((fallback_title or "").split())
    if body and title and body[0] == title:
        body = body[1:]  # the headline is the first paragraph of the stored text already
        if not body:
            raise ReadError("no article text found in the page (only a headline)")
    if all(is_heading(p) for p in body):
        # menus and link lists (trafilatura's fallback keeps them) are short lines, never prose
        raise ReadError("no article text found in the page (only short lines: menus, links)")
    if date is None:
        date = fallback_date
    article = build(path, "\n\n".join(body), date=date, title=title,
                    url=url or canonical, encoding=encoding)
    article.site_name = site_name
    article.canonical_url = canonical
    article.web = True
    if date is None:
        article.warnings.append("no publication date found in the page: the article date is unknown")
    if encoding != "utf-8":
        article.warnings.append(f"decoded as {encoding}")
    return article


@lru_cache(maxsize=1)
def reader_version() -> str:
    """What reading a page depends on: this module, the reader, and the libraries' versions. A
    page whose bytes and reader version are unchanged need not be read again."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    for f in (Path(__file__), Path(__file__).parents[1] / "reader.py"):
        h.update(f.read_bytes())
    for lib in ("trafilatura", "htmldate", "lxml"):
        try:
            h.update(f"{lib} {version(lib)}".encode())
        except PackageNotFoundError:
            pass
    return h.hexdigest()[:12]


@dataclass
class PendingPage:
    """A page not yet read: the import reads it in an extraction worker, where the HTML parse
    (the costly part) runs beside the others. `content_hash` is known before: a digest of the
    bytes, of what stands in for what the page lacks, and of the reader's version."""
    path: str
    data: bytes
    url: str | None = None
    header_charset: str | None = None
    fallback_title: str | None = None
    fallback_date: dt.date | None = None
    warnings: tuple[str, ...] = ()
    content_hash: str = ""

    def __post_init__(self):
        if not self.content_hash:
            h = hashlib.sha256(self.data)
            h.update(f"|{self.url}|{self.header_charset}|{self.fallback_title}|"
                     f"{self.fallback_date}|{reader_version()}".encode())
            self.content_hash = "page:" + h.hexdigest()

    def read(self) -> Article:
        article = read_html(self.path, self.data, url=self.url, header_charset=self.header_charset,
                            fallback_title=self.fallback_title, fallback_date=self.fallback_date)
        article.content_hash = self.content_hash
        article.warnings.extend(self.warnings)
        return article
