"""Numbers in text: digits («52», «1,100», «1 100») and number words in any case («четырнадцати»,
«двадцать два», «ста», «шестерых», «дев’ятеро», "six"), with bound and distributive markers.

Only the numbers are found here; whether a number counts people is decided in counts.py.
Word knowledge lives in data/number_words.tsv and data/number_bounds.tsv.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from app.extract import morph
from app.extract.model import NumberMention

DATA = Path(__file__).parent / "data"

# a digit number not glued to a word, a path, a date (21.06.2025), a decimal or «58-летний»
_DIGITS = re.compile(
    r"(?<![\w/.,\-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)"
    r"(?![\w/]|[.,:]\d|-\w)")
_WORDS = re.compile(r"[\w’'ʼ]+(?:-[\w’'ʼ]+)*")  # the word tokens of morph.tokens, without offsets
_APOSTROPHES = ("’", "ʼ", "`")
_RANK = {"unit": 1, "ten": 2, "hundred": 3}
_SCALE_AFTER_DIGITS = re.compile(r"[ \u00a0]+(тыс\.|[а-яіїє]+)")


def data_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without comments and blank lines."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def norm_text(text: str) -> str:
    """ё-folded lower case with every apostrophe as «'» (дев’ятеро = дев'ятеро)."""
    s = morph.fold(text)
    for a in _APOSTROPHES:  # str.replace: str.translate with a dict costs a look-up per character
        if a in s:
            s = s.replace(a, "'")
    return s


# Cached for single words only: sentences and texts never repeat and would fill the cache.
norm_word = lru_cache(maxsize=100_000)(norm_text)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict]:
    lemmas: dict[str, tuple[int, str]] = {}  # Russian lemmas
    surface: dict[str, tuple[int, str]] = {}  # Ukrainian, Belarusian and English word forms
    for word, value, kind, lang, *flags in data_rows("number_words.tsv"):
        (lemmas if lang == "ru" else surface)[norm_word(word)] = (int(value), kind)
        if "plural" in flags:
            _SURFACE_PLURAL.add(norm_word(word))
    return lemmas, surface


_SURFACE_PLURAL: set[str] = set()  # surface scale forms that may be plural (тисячі, тысячы)


@lru_cache(maxsize=1)
def _bounds() -> dict[str, list[tuple[list[str], str]]]:
    """The bound phrases by their last word, longest phrase first: «не более» before «более»."""
    rows = [(phrase.split(), bound) for phrase, bound in data_rows("number_bounds.tsv")]
    out: dict[str, list[tuple[list[str], str]]] = {}
    for words, bound in sorted(rows, key=lambda r: -len(r[0])):
        out.setdefault(words[-1], []).append((words, bound))
    return out


@lru_cache(maxsize=50_000)
def number_word(word: str) -> tuple[int, str] | None:
    """(value, kind) of one number word in any form, or None."""
    w = norm_word(word)
    lemmas, surface = _tables()
    if w in surface:
        return surface[w]
    if not re.fullmatch(r"[а-я]+", w):
        return None
    for p in morph.parses(w):
        if p.tag.POS in ("NUMR", "ADJF", "NOUN"):
            hit = lemmas.get(morph.fold(p.normal_form))
            if hit and (p.tag.POS != "ADJF" or "Anum" in p.tag):
                return hit
    return None


@lru_cache(maxsize=10_000)
def _plural(word: str) -> bool:
    """A scale word in the plural alone («десятки», «десятков»): a vague many, not a number."""
    lemmas, _ = _tables()
    tags = [p.tag for p in morph.parses(norm_word(word)) if morph.fold(p.normal_form) in lemmas]
    return bool(tags) and all("plur" in t for t in tags)


@lru_cache(maxsize=10_000)
def _maybe_plural(word: str) -> bool:
    """A scale word that may be plural («тысячи»: many thousands, or one thousand's genitive):
    alone it is a number only after a bound word («более тысячи»), not in «тысячи людей»."""
    w = norm_word(word)
    _tables()
    if w in _SURFACE_PLURAL:
        return True
    lemmas, surface = _tables()
    return w not in surface and any(
        "plur" in p.tag for p in morph.parses(w) if morph.fold(p.normal_form) in lemmas)


def _digits_value(s: str) -> int:
    return int(re.sub(r"\D", "", s))


def _word_numbers(text: str, start: int, end: int) -> list[tuple[int, int, int, bool, bool]]:
    """(value, start, end, collective, vague) of number words, compounds joined («двадцать
    два»); vague: a lone scale word that may be plural («тысячи»)."""
    out = []
    run: list[tuple[morph.Token, int, str]] = []

    def flush():
        if not run:
            return
        kinds = [k for _, _, k in run]
        if kinds == ["sesqui"] or kinds == ["scale"] and _plural(run[0][0].text):
            run.clear()  # «полтора года», «десятки», «тысяч людей»: no exact number
            return
        vague = kinds == ["scale"] and _maybe_plural(run[0][0].text)
        total, current, half = 0, 0, False
        for tok, value, kind in run:
            if kind == "sesqui":
                half = True
            elif kind == "scale":
                total += value * 3 // 2 if half else (current or 1) * value
                current, half = 0, False
            else:
                current += value
        out.append((total + current, run[0][0].start, run[-1][0].end, kinds[-1] == "collective",
                    vague))
        run.clear()

    prev_end = None
    whole = start == 0 and end == len(text)  # the article's tokens, made once and shared
    for tok in morph.text_tokens(text) if whole else morph.tokens(text, start, end):
        hit = number_word(tok.text) if "-" not in tok.text else _hyphened(tok.text)
        if hit is None:
            if run:
                flush()
            prev_end = None
            continue
        value, kind = hit
        joins = bool(run) and prev_end is not None and text[prev_end:tok.start].isspace()
        if run and not joins:
            flush()  # «шестеро: четверо …»: punctuation between is two numbers, not 6 + 4
        elif joins:
            last_kind = run[-1][2]
            # a compound descends: сто > двадцать > два; a scale word closes a group (две тысячи)
            # «тысяча двести»: hundreds, tens and units after a scale word go on the number
            ok = kind == "scale" and last_kind != "scale" or (
                kind in _RANK and last_kind in _RANK and _RANK[kind] < _RANK[last_kind]) or (
                kind in _RANK and last_kind == "scale")
            if not ok or "collective" in (kind, last_kind) or "half" in (kind, last_kind) \
                    or last_kind == "sesqui" and kind != "scale":
                flush()
        run.append((tok, value, kind))
        prev_end = tok.end
    flush()
    return out


def _hyphened(word: str) -> tuple[int, str] | None:
    """"fifty-two": a ten and a unit written as one word. Not «пяти-шести» (a range)."""
    parts = word.split("-")
    if len(parts) != 2:
        return None
    ten, unit = number_word(parts[0]), number_word(parts[1])
    if ten and unit and ten[1] == "ten" and unit[1] == "unit" and unit[0] < 10:
        return ten[0] + unit[0], "ten"
    return None


def _marker_before(text: str, pos: int) -> tuple[str | None, bool]:
    """(bound, distributive) from the words just before a number."""
    before = [norm_word(w) for w in _WORDS.findall(text, max(0, pos - 40), pos)][-4:]
    # only words right before the number: nothing but spaces between the last word and it
    if before and text[pos - 1:pos].strip():
        return None, False
    distributive = bool(before) and before[-1] in ("по", "па")  # «по двое», be «па двое»
    for phrase, bound in _bounds().get(before[-1], ()) if before else ():
        if before[-len(phrase):] == phrase:
            # «более чем», but not «не более»: the longest phrase wins
            return bound, distributive
    return None, distributive


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number in text[start:end], in reading order."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, int, bool, bool]] = []
    words = _word_numbers(text, start, end)
    for m in _DIGITS.finditer(text, start, end):
        value, e = _digits_value(m.group(1)), m.end(1)
        # «4 тысяч», «2 десятка»: the scale word multiplies the digits
        s = _SCALE_AFTER_DIGITS.match(text, e)
        if s and (s.group(1) == "тыс." or (number_word(s.group(1)) or (0, ""))[1] == "scale"):
            value *= 1000 if s.group(1) == "тыс." else number_word(s.group(1))[0]
            e = s.end(1)
            words = [w for w in words if not (w[1] >= m.end(1) and w[2] <= e)]
        found.append((value, m.start(1), e, False, False))
    found += words
    out = []
    for value, s, e, collective, vague in sorted(found, key=lambda f: f[1]):
        bound, distributive = _marker_before(text, s)
        if vague and bound is None:
            continue  # «тысячи людей», «тисячі в'язнів»: many, not 1000
        out.append(NumberMention(value, s, e, bound=bound, collective=collective,
                                 distributive=distributive))
    return out
