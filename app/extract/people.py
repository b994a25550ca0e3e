"""People named in an article. (stub: to be written)"""
from __future__ import annotations

from app.extract.model import Person
from app.reader import Article


def find_people(article: Article) -> list[Person]:
    return []
