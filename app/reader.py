"""Files → `Article`s: decoding, the date line, paragraphs and sentences with offsets.

The stored text of an article is its headline (without the date prefix and the photo credit)
followed by its paragraphs, each separated by one blank line. Every offset in the project points
into that text.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from razdel import sentenize

MAX_FILE_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; larger files are refused
HTML_SUFFIXES = {".html", ".htm"}  # saved web pages: app.web.html
ARTICLE_SUFFIXES = {".txt", ".md", ".text", ".jsonl", ".ndjson"} | HTML_SUFFIXES

_DATE_LINE = re.compile(r"^\s?date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})(?:\s+(.*))?$")
_SURROGATE = re.compile("[\ud800-\udfff]")  # only from JSON escapes; SQLite and UTF-8 refuse them
_CREDIT = re.compile(r"\s+/\s*©\s*(.+?)\s*$")
_CLOSING = tuple(".!?…:;»\"”)")
HEADING_MAX = 80  # a heading is a short line with no closing punctuation


class ReadError(Exception):
    """A file that cannot be read as an article; the message says why."""


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool = False  # a section heading or a "read also" line, not prose


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs


@dataclass
class Article:
    path: str
    text: str
    date: dt.date | None
    title: str
    caption: bool = False  # the headline is a photo caption (it carried a credit)
    credit: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""
    site_name: str | None = None  # a web page's site (og:site_name), its canonical URL, and
    canonical_url: str | None = None  # whether it came from the web, where relevance is judged:
    web: bool = False  # a page with no release act is stored as off-topic (app.store.importer)

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding `offset` (the last one starting at or before it)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). UTF-8 (with or without BOM) or cp1251; anything else is an error."""
    if not data.strip():
        raise ReadError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError("unknown encoding: UTF-16 (save the file as UTF-8)")
    if b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    # cp1251 decodes any byte; accept it only when the result reads as Cyrillic text
    if "\ufffd" in text or not letters or cyrillic / len(letters) < 0.5:
        raise ReadError("unknown encoding: not UTF-8, and not Cyrillic cp1251 text")
    # KOI8-R also decodes as cp1251 Cyrillic, but with the cases swapped: mostly capitals
    if len(letters) > 10 and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        raise ReadError("unknown encoding: not UTF-8 or cp1251 (KOI8-R?); save the file as UTF-8")
    return text, "cp1251"


def is_heading(line: str) -> bool:
    line = line.strip()
    if line.lower().startswith(("читайте также", "читайте еще", "читайте ещё", "read also", "see also")):
        return True
    return len(line) <= HEADING_MAX and not line.endswith(_CLOSING)


def build(path: str, raw: str, *, date: dt.date | None = None, title: str | None = None,
          url: str | None = None, encoding: str = "utf-8") -> Article:
    """Build an Article from decoded text. With `title` given, `raw` is the body alone."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    warnings: list[str] = []
    if _SURROGATE.search(raw + (title or "")):
        raw, title = _SURROGATE.sub("\ufffd", raw), title and _SURROGATE.sub("\ufffd", title)
        warnings.append("invalid characters (lone surrogates) replaced with U+FFFD")
    if title is None:
        # the first line is the date line or, without one, the headline
        first, _, raw = raw.strip("\n").partition("\n")
        m = _DATE_LINE.match(first)
        if m:
            try:
                date = dt.date.fromisoformat(m.group(1))
            except ValueError:
                raise ReadError(f"bad date in the date line: {m.group(1)}") from None
            title = (m.group(2) or "").strip()
        else:
            title = first.strip()
            warnings.append("no date line: the article date is unknown")
    else:
        title = " ".join(title.split())  # a given title is one line: it is the first paragraph
    blocks = [re.sub(r"\s*\n\s*", " ", b.strip()) for b in re.split(r"\n\s*\n", raw.strip())]
    blocks = [b for b in blocks if b]
    credit = None
    m = _CREDIT.search(title or "")
    if m:
        credit = m.group(1)
        title = title[:m.start()].strip()
    paragraphs_text = ([title] if title else []) + blocks
    if not any(p.strip() for p in paragraphs_text):
        raise ReadError("no text")
    text_parts, paragraphs, pos = [], [], 0
    for i, p in enumerate(paragraphs_text):
        if i:
            text_parts.append("\n\n")
            pos += 2
        text_parts.append(p)
        heading = i > 0 and is_heading(p)  # the headline itself is never a section heading
        paragraphs.append(Paragraph(pos, pos + len(p), heading))
        pos += len(p)
    text = "".join(text_parts)
    sentences = []
    for pi, p in enumerate(paragraphs):
        for s in sentenize(text[p.start:p.end]):
            if s.text.strip():
                sentences.append(Sentence(p.start + s.start, p.start + s.stop, pi))
    digest = hashlib.sha256(text.encode() + f"|{date}|{url}".encode()).hexdigest()
    return Article(path=path, text=text, date=date, title=title or "", caption=credit is not None,
                   credit=credit, url=url, encoding=encoding, paragraphs=paragraphs,
                   sentences=sentences, warnings=warnings, content_hash=digest)


def read_text_file(path: Path, data: bytes) -> Article:
    text, encoding = decode(data)
    if encoding != "utf-8":
        article = build(str(path), text, encoding=encoding)
        article.warnings.append(f"decoded as {encoding}")
        return article
    return build(str(path), text, encoding=encoding)


def read_jsonl(path: Path, data: bytes) -> Iterator[Article | ReadError]:
    """One article per line: {"date", "title", "text", "url"}. A bad line is an error of its own."""
    text, _ = decode(data)
    for n, line in enumerate(text.split("\n"), 1):  # not splitlines: JSON strings may hold U+2028
        if not line.strip():
            continue
        where = f"{path}#{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ReadError("a JSON Lines record needs a \"text\" string")
            date = dt.date.fromisoformat(obj["date"][:10]) if obj.get("date") else None
            title, url = obj.get("title"), obj.get("url")
            article = build(where, obj["text"], date=date,
                            title=title if isinstance(title, str) else "",
                            url=url if isinstance(url, str) and url.strip() else None)
            if date is None:
                article.warnings.append("no date: the article date is unknown")
            yield article
        except ReadError as e:
            yield ReadError(f"{where}: {e}")
        except (ValueError, TypeError, AttributeError) as e:
            yield ReadError(f"{where}: bad JSON Lines record ({e})")


def _load(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        return path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror or e})") from None


def read_path(path: Path) -> Iterator[Article | ReadError]:
    """Every article in one file, or a ReadError saying why the file cannot be read."""
    try:
        data = _load(path)
    except ReadError as e:
        yield e
        return
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from read_jsonl(path, data)
        elif path.suffix.lower() in HTML_SUFFIXES:
            from app.web.html import read_html  # trafilatura loads only when a page is read

            yield read_html(str(path), data)
        else:
            yield read_text_file(path, data)
    except ReadError as e:
        yield ReadError(f"{path}: {e}")


def read_page_later(path: Path) -> Iterator:
    """An HTML file as an `app.web.html.PendingPage`, which the import's extraction workers read
    (the HTML parse is the costly part), or a ReadError as `read_path` gives it."""
    from app.web.html import PendingPage

    try:
        yield PendingPage(str(path), _load(path))
    except ReadError as e:
        yield e


def find_files(paths: list[Path]) -> Iterator[Path]:
    """Article files under the given files and directories, in a stable order; no symlink loops."""
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith("."):
                    try:
                        real = f.resolve(strict=True)
                    except (OSError, RuntimeError):
                        yield f  # reading it will report the error
                        continue
                    if real not in seen and real.is_file():
                        seen.add(real)
                        yield f
        else:
            yield p
