"""Belarusian and Ukrainian person names in their Russian form: one person is one person across
languages (Аляксандр Каваленка = Олександр Коваленко = Александр Коваленко).

pymorphy3 reads Russian; for the other two languages this module holds general rules, with the
word knowledge in data files: first names by table (`data/given_name_forms.tsv`), surname case
endings by table (`data/name_endings.tsv`), and spelling rules of each language for the rest
(Belarusian ў → в, і → и, э → е, шч → щ, «ці»/«дзі» for Russian «ти»/«ди», -скі → -ский,
-аў → -ов, -энка → -енко; Ukrainian і/ї → и, є → е, -ський → -ский, -ська → -ская). Where Belarusian
akanye or Ukrainian ikavism hides a vowel (Калеснікава, Біляцький), a surname pymorphy3 knows
(Колесникова, Беляцкий) is preferred among the spellings that differ only in those vowels.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from pathlib import Path

from app.extract.morph import fold, parses

DATA = Path(__file__).parent / "data"
_UK_ONLY = re.compile(r"[їєґЇЄҐ]")
_SOFT_BE = "іеёюяь"


@lru_cache(maxsize=2)
def script_lang(text: str) -> str:
    """'be', 'uk' or 'ru' by the letters only those languages use: Belarusian has ў and no и,
    Ukrainian ї, є, ґ and і beside и."""
    i = text.count("і") + text.count("І") + len(_UK_ONLY.findall(text))
    ru_i = text.count("и") + text.count("И")
    if i < 5 or i * 3 < ru_i:  # Russian: и and no і (but for a quoted name or phrase)
        return "ru"
    return "be" if ru_i * 10 < i and not _UK_ONLY.search(text) else "uk"


def name_lang(words: list[str], text_lang: str) -> str:
    """The language of a name: the text's, else (a name from another language inside a
    Russian text) its letters' or its listed first name's."""
    if text_lang != "ru":
        return text_lang
    joined = fold(" ".join(words))
    if re.search("[ўэы]", joined) and "і" in joined:
        return "be"
    if re.search("[іїєґ]", joined):
        return "uk"
    first = fold(words[0])
    form = given_forms().get(first)
    if not form or fold(form[0]) == first or first in _also_russian():
        return "ru"  # «Алена» is a Russian name too (Алёна), not only the Belarusian «Елена»
    return form[2]


@lru_cache(maxsize=1)
def _also_russian() -> frozenset[str]:
    return frozenset(fold(r[0]) for r in _rows("given_name_forms.tsv") if r[4:5] == ["also-ru"])


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.strip() for c in line.split("\t")])
    return out


@lru_cache(maxsize=1)
def given_forms() -> dict[str, tuple[str, str]]:
    """Folded Belarusian or Ukrainian first name → (Russian form, gender, language)."""
    return {fold(r[0]): (r[1], r[2], r[3]) for r in _rows("given_name_forms.tsv")}


@lru_cache(maxsize=1)
def _endings() -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {"uk": [], "be": []}
    for lang, end, nom, gender in _rows("name_endings.tsv"):
        out[lang].append((end, nom, gender))
    for rows in out.values():
        rows.sort(key=lambda r: -len(r[0]))
    return out


def nominative_surname(written: str, gender: str | None, lang: str) -> str:
    """A declined Belarusian or Ukrainian surname in its nominative, as the language writes it."""
    w = fold(written)
    for end, nom, g in _endings().get(lang, ()):
        if w.endswith(end) and len(w) - len(end) >= 2 and g in ("-", gender):
            return _case_like(written, w[: -len(end)] + nom)
    return written


def _case_like(written: str, word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if written[:1].isupper() \
        else word


# (-ка: akanye writes the unstressed final о of Латушко, Бабарико as а)
_BE_ENDS = [("скі", "ский"), ("цкі", "цкий"), ("энка", "енко"), ("енка", "енко"), ("аў", "ов"),
            ("оў", "ов"), ("еў", "ев"), ("ёў", "ев"), ("ка", "ко")]
_UK_ENDS = [("ець", "ец"), ("ська", "ская"), ("цька", "цкая"), ("зька", "зкая"), ("ський", "ский"),
            ("цький", "цкий"), ("зький", "зкий")]


def _letters_be(w: str) -> str:
    w = re.sub(r"дз(?=[" + _SOFT_BE + "])", "д", w)
    w = re.sub(r"ц(?=[" + _SOFT_BE + "])", "т", w)
    w = w[:1] + w[1:].replace("э", "е")
    w = re.sub(r"['’ʼ](?=[яюеё])", "ь", w)
    return w.replace("шч", "щ").replace("ў", "в").replace("і", "и")


def _letters_uk(w: str) -> str:
    w = re.sub(r"['’ʼ](?=[яюєї])", "ь", w)
    w = re.sub(r"^ї", "йи", w)
    w = re.sub(r"(?<=[аеиіоуюяєї])є", "е", w)
    return w.replace("ї", "и").replace("є", "е").replace("і", "и").replace("ґ", "г")


def russian_letters(word: str, lang: str) -> str:
    """Only the letter rules of a language: cheap, for comparing the first letters of words."""
    return _letters_be(fold(word)) if lang == "be" else _letters_uk(fold(word))


@lru_cache(maxsize=20_000)
def russian_surname(word: str, lang: str) -> str:
    """A Belarusian or Ukrainian surname in the nominative, spelled the Russian way."""
    w = fold(word)
    ends = _BE_ENDS if lang == "be" else _UK_ENDS
    for end, ru in ends:
        if w.endswith(end) and len(w) > len(end) + 1:
            w = w[: -len(end)] + ru
            break
    if lang == "be":
        w = _letters_be(w)
        w = re.sub(r"(?<=[бвгджзклмнпрстфхцчшщ])ава$", "ова", w)
    else:
        w = _letters_uk(w)
    if not _known_surname(w):
        w = _known_variant(w, lang) or w
    return _case_like(word, w)


def _known_surname(w: str) -> bool:
    return any("Surn" in p.tag and p.is_known for p in parses(w))


_SWAPS = {"be": {"а": "о", "я": "е"}, "uk": {"и": "е", "о": "е"}}


def _known_variant(w: str, lang: str) -> str | None:
    """The surname pymorphy3 knows among the spellings that differ from `w` only in the vowels
    akanye (Belarusian а for о, я for е) or ikavism (Ukrainian і for е) change, or None."""
    swaps = _SWAPS[lang]
    places = [k for k, ch in enumerate(w[:-2]) if ch in swaps][:5]
    for choice in product((False, True), repeat=len(places)):
        if not any(choice):
            continue
        chars = list(w)
        for k, on in zip(places, choice):
            if on:
                chars[k] = swaps[chars[k]]
        v = "".join(chars)
        if _known_surname(v):
            return v
    return None


def russian_name(name: str, lang: str) -> str:
    """«Святлана Жукоўская» → «Светлана Жуковская»; a name in Latin letters stays."""
    words = name.split(" ")
    if lang == "ru" or re.match(r"^[A-Za-z]", name):
        return name
    first = given_forms().get(fold(words[0]))
    out = [first[0] if first else _case_like(words[0], _letters_be(fold(words[0]))
                                             if lang == "be" else _letters_uk(fold(words[0])))]
    out += [russian_surname(w, lang) for w in words[1:]]
    return " ".join(out)
