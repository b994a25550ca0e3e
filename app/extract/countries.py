"""Country mentions → ISO 3166-1 alpha-2 codes. (stub: to be written)"""
from __future__ import annotations

from app.extract.model import CountryMention


def find_countries(text: str) -> list[CountryMention]:
    return []


def country_name(code: str, locale: str = "ru") -> str:
    return code
