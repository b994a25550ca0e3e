"""The page furniture of a scraped article: "read also" blocks and bylines/credits.

Real pages carry headlines of other stories («Читайте также: …») and authors' and photographers'
names («Автор: …», «Фото: … / Reuters»). Their quotes and names are not the article's facts.
Word knowledge: data/noise_markers.tsv. Each function returns sorted (start, end) spans.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.extract.numbers import data_rows
from app.reader import Article

_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _markers() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {"link": [], "credit": []}
    for marker, kind in data_rows("noise_markers.tsv"):
        out[kind].append(marker)
    return {k: tuple(v) for k, v in out.items()}


def _starts(line: str, kind: str) -> bool:
    low = line.lstrip().lower().replace("ё", "е")
    return low.startswith(_markers()[kind])


def link_blocks(article: Article) -> list[tuple[int, int]]:
    """From a "read also" line to the end of its paragraph (a list of other headlines)."""
    text, out = article.text, []
    for p in article.paragraphs:
        for m in _LINE.finditer(text, p.start, p.end):
            if _starts(m.group(), "link"):
                out.append((m.start(), p.end))
                break
    return out


def credit_lines(article: Article) -> list[tuple[int, int]]:
    """Lines that name the authors of the text or of a photo."""
    text, out = article.text, []
    for p in article.paragraphs:
        for m in _LINE.finditer(text, p.start, p.end):
            if _starts(m.group(), "credit"):
                out.append(m.span())
    return out
