"""Extraction: an `Article` in, `Facts` out. Pure: no database, no Textual.

Each step lives in a module of its own; word knowledge lives in `data/*.tsv`.
"""
from __future__ import annotations

from app.extract.model import Facts
from app.reader import Article

EXTRACTOR_VERSION = "1"  # bump when extraction changes, so `pardons import` re-extracts


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
