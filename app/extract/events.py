"""Timeline events, per-country counts and total checks. (stub: to be written)"""
from __future__ import annotations

from app.extract.model import Count, CountryMention, Event, Person, TotalCheck
from app.reader import Article


def find_events(article: Article, countries: list[CountryMention], people: list[Person]
                ) -> tuple[list[Event], list[Count], list[TotalCheck]]:
    return [], [], []
