"""Shared word-level tools for the extractors: ё-folding, tokens with offsets, pymorphy3 lemmas.

The morphological analyser loads once per process, on first use (never at import time), so that
importing `app.extract` stays cheap for the app.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache

_WORD = re.compile(r"[\w’'ʼ]+(?:-[\w’'ʼ]+)*", re.UNICODE)


def fold(s: str) -> str:
    """Lower case with ё folded to е: the form every comparison of words uses."""
    return s.lower().replace("ё", "е")


class Token(NamedTuple):  # a tuple: every article makes thousands, and this is the cheap kind
    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text)


_new = tuple.__new__


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens (letters, digits, inner hyphens and apostrophes) with offsets into `text`."""
    end = len(text) if end is None else end
    # tuple.__new__ skips the named tuple's own __new__ (a Python call): a third faster here
    return [_new(Token, (m.group(), m.start(), m.end())) for m in _WORD.finditer(text, start, end)]


def word_count(text: str) -> int:
    """The number of word tokens in `text` (without making the tokens)."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=2)  # the article being read (and one more): long texts make many tokens
def text_tokens(text: str) -> tuple[Token, ...]:
    """The word tokens of a whole article, made once and shared by the extractors that scan it."""
    return tuple(tokens(text))


@lru_cache(maxsize=2)  # the article being read (and one more): long texts make many tokens
def text_token_starts(text: str) -> list[int]:
    """The start offsets of `text_tokens(text)`, for finding the tokens of a stretch by bisection."""
    return [t.start for t in text_tokens(text)]


@lru_cache(maxsize=1)
def analyzer():
    import pymorphy3  # deferred: the app must not pay for the dictionaries at start-up

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> list:
    """pymorphy3's parses, never empty. pymorphy3 raises on characters that have no Unicode name
    (Tangut, unassigned code points): such a word is parsed as the unknown word ''."""
    try:
        return analyzer().parse(word)
    except ValueError:
        return analyzer().parse("")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The most likely normal form of a word, ё-folded and lower-cased."""
    w = fold(word)
    if not w or w.isdigit():
        return w
    return fold(parses(w)[0].normal_form) or w


def lemmas(word: str) -> set[str]:
    """Every normal form pymorphy3 proposes for a word (for lenient matching), ё-folded."""
    w = fold(word)
    if not w or w.isdigit():
        return {w}
    return {fold(p.normal_form) or w for p in parses(w)}
