"""People's names across cases, transliterations and languages, and who is no freed person.

Pure: names in, keys out. The extractor already gives each person a canonical nominative name per
article; the same person may still be written in Russian, Ukrainian or English («Александр
Коваленко», «Олександр Коваленко», «Alexander Kovalenko»). `name_key` makes one key of them: the
surname's consonants in Latin letters, the first two of the given name's, and whether the
surname ends like a woman's («Жуковский» and «Жуковская» are two people). A person whose
roles mostly name an office (data/official_roles.tsv: a president signing a pardon, an envoy)
is not counted among the freed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "extract" / "data"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def _translit() -> dict[int, str]:
    return {ord(cols[0]): (cols[1] if len(cols) > 1 else "") for cols in _rows("translit.tsv")}


@lru_cache(maxsize=1)
def official_words() -> tuple[str, ...]:
    return tuple(cols[0].strip().lower() for cols in _rows("official_roles.tsv"))


def latin(text: str) -> str:
    """Lower case, Cyrillic written in Latin letters."""
    return text.lower().translate(_translit()).replace("x", "ks").replace("w", "v")


def _consonants(word: str) -> str:
    # vowels, y/j and h differ most between transliterations (kh, zh, iy, ya, ou): dropped
    return re.sub(r"[aeiouyjh'’\-]", "", word)


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """One key for the ways of writing one person's name (see the module's docstring). A mark in
    parentheses at the end («Иван Петров (2)», the name a correction gives another person of
    the same name) makes it another person's."""
    base, mark = name, ""
    if name.rstrip().endswith(")") and "(" in name:
        base, _, mark = name.rstrip()[:-1].rpartition("(")
        mark = " ".join(mark.split())
    if mark:
        key = name_key(base)
        return f"{key}|({mark})" if key else ""
    words = [latin(w) for w in _WORD.findall(name)]
    if not words:
        return ""
    surname, given = words[-1], words[0] if len(words) > 1 else ""
    feminine = "f" if re.search(r"(?:a|ya|aia|aja)$", surname) else "m"
    return f"{_consonants(given)[:2]}|{_consonants(surname)}|{feminine}"


def is_official(roles) -> bool:
    """Whether any of these role phrases names an office (data/official_roles.tsv)."""
    stems = official_words()
    return any(word.startswith(stems) for role in roles for word in _WORD.findall(role.lower()))
