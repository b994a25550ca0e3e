"""Extraction: an `Article` in, `Facts` out. Pure: no database, no Textual.

Each step lives in a module of its own; word knowledge lives in `data/*.tsv`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from app.extract.model import Facts
from app.reader import Article


def _source_version() -> str:
    """A digest of the extractor's code and word lists: any change makes `pardons import`
    re-extract, with no version number to forget to bump."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted([*here.glob("*.py"), *here.glob("data/*")]):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


EXTRACTOR_VERSION = _source_version()


def extract(article: Article) -> Facts:
    from app.extract.countries import find_countries
    from app.extract.events import find_events
    from app.extract.people import find_people
    from app.extract.quotes import find_quotes

    countries = find_countries(article.text)
    people = find_people(article)
    quotes = find_quotes(article, people)
    events, counts, checks = find_events(article, countries, people)
    return Facts(quotes=quotes, counts=counts, events=events, countries=countries,
                 people=people, total_checks=checks)
