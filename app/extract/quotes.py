"""Direct quotations and their speakers. (stub: to be written)"""
from __future__ import annotations

from app.extract.model import Person, Quote
from app.reader import Article


def find_quotes(article: Article, people: list[Person]) -> list[Quote]:
    return []
