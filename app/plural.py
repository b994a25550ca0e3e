"""Numbers with their nouns, in English and Russian: «1 event», «2 events»; «1 событие»,
«2 события», «5 событий»."""
from __future__ import annotations

# the English plurals that are no noun + s
_EN_IRREGULAR = {"person": "people", "country": "countries", "quote": "quotes"}


def en(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the English noun in the form that number takes."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural or _EN_IRREGULAR.get(noun) or noun + 's'}"


def ru_form(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for `n`: one (1, 21, 101), few (2–4, 22–24), many (0, 5–20, 11–14, 25…)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def ru(n: int, one: str, few: str, many: str) -> str:
    return f"{n} {ru_form(n, one, few, many)}"
