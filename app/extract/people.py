"""People named in an article: canonical nominative names, the other forms used, and roles.

A person is found where a first name (pymorphy3 `Name`, or `data/given_names.tsv`) is followed by
a surname; the pair is put into the nominative by the first name's case and gender. Later the
surname alone, an inflected or lower-case surname («орлов») and a first name alone become
aliases. A role is the noun phrase right before a full name («министр юстиции Пётр Соколов»).
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.extract.model import Person
from app.extract.morph import Token, fold, parses, text_tokens
from app.extract.name_forms import (given_forms, nominative_surname, russian_letters as
                                    _russian_letters, name_lang, russian_name, russian_surname,
                                    script_lang)
from app.extract.noise import credit_lines
from app.extract.offsets import Spans
from app.reader import Article

DATA = Path(__file__).parent / "data"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ'\-]*$")  # with diacritics: Nausėda, Radosław
_CASE_ENDINGS = ("ого", "его", "ому", "ему", "ом", "ем", "ой", "ей", "ым", "им", "у", "ю", "а", "я",
                 "е", "ы", "и")
ROLE_GAP = re.compile(r"^[ \u00a0]*[«»\"“”„]?[ \u00a0]*$")  # what may stand between role words
PRONOUNS = {"он": "masc", "она": "femn", "він": "masc", "вона": "femn", "ён": "masc", "яна": "femn",
            "he": "masc", "she": "femn"}


@lru_cache(maxsize=None)
def data_words(name: str, column: int = 0, kind: str | None = None) -> frozenset[str]:
    """Folded words of a data file (tab-separated, `#` comments); with `kind`, only the rows
    whose second column is `kind`."""
    out = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if kind is not None and (len(cols) < 2 or cols[1].strip() != kind):
            continue
        out.add(fold(cols[column].strip()))
    return frozenset(out)


@lru_cache(maxsize=100_000)
def has_lemma(word: str, words: frozenset[str]) -> bool:
    """True when the word as written, or any of its pymorphy3 lemmas, is in `words`."""
    w = fold(word)
    return w in words or any(fold(p.normal_form) in words for p in parses(w))


@dataclass
class Mention:
    person: int  # index into the list of people
    start: int
    end: int


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper() and not t.text.isupper()


@lru_cache(maxsize=50_000)
def _name_parse(word: str):
    """The likeliest pymorphy3 parse of a first name, or None."""
    best = [p for p in parses(fold(word)) if "Name" in p.tag]
    return max(best, key=lambda p: p.score) if best else None


# Russian case endings, and the Belarusian and Ukrainian ones Russian lacks (Аляксандрам,
# Святланай, Світлани, Олександрові)
_GIVEN_ENDINGS = _CASE_ENDINGS + ("ам", "ай", "яй", "ою", "ею", "ові", "еві", "і")


@lru_cache(maxsize=1)
def _listed_names() -> frozenset[str]:
    # a be/uk form spelled like its Russian name («Артем», «Денис») stays pymorphy3's to read
    return data_words("given_names.tsv") | frozenset(
        k for k, (ru, _, _) in given_forms().items() if fold(ru) != k)


@lru_cache(maxsize=50_000)
def _given_name(word: str) -> str | None:
    """The nominative of a listed first name, allowing a Russian case ending."""
    names = _listed_names()
    w = fold(word)
    if w in names:
        return w
    for end in _GIVEN_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            stem = w[: -len(end)]
            for cand in (stem, stem + "а", stem + "я", stem + "ь", stem + "й", stem + "о"):
                if cand in names:
                    return cand
    return None


def _is_first_name(t: Token) -> bool:
    if "-" in t.text and not t.text.rsplit("-", 1)[1][:1].isupper():
        return False  # «Прэс-сакратар»: a first name is capitalised after its hyphen too
    return _is_cap(t) and (_given_name(t.text) is not None or (
        not _LATIN.match(t.text) and _name_parse(t.text) is not None
        and t.folded not in role_words()))  # «Керівник Офісу …» opens a sentence with a role


def _surname_like(t: Token) -> bool:
    if _is_cap(t):
        return True
    # a lower-case surname («Александра орлова») needs a surname reading
    return any("Surn" in p.tag for p in parses(t.folded))


def _cap(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


def _uk_surname(written: str) -> str | None:
    """Ukrainian -енко surnames decline as -енка, -енку, -енком."""
    m = re.match(r"^(.*енк)(а|у|ом|ові)$", fold(written))
    return m.group(1) + "о" if m else None


def _surname_nominative(written: str, case: str | None, gender: str | None) -> str:
    if case in (None, "nomn") or _LATIN.match(written):
        return _cap(written)
    if "-" in written and not _uk_surname(written):
        return "-".join(_surname_part(w, case, gender) for w in written.split("-"))
    return _surname_part(written, case, gender)


def _surname_part(written: str, case: str, gender: str | None) -> str:
    uk = _uk_surname(written)
    if uk:
        return _cap(uk)
    options = [p for p in parses(fold(written)) if p.tag.case == case]
    for need_gender in (True, False):
        for p in sorted(options, key=lambda p: ("Surn" not in p.tag, -p.score)):
            if need_gender and not (p.tag.gender == gender or "ms-f" in p.tag):
                continue
            if not need_gender and p.tag.POS != "NOUN":
                continue
            form = p.inflect({"nomn"})
            if form:
                return _cap(_no_fleeting_vowel(written, form.word, p.is_known))
    return _cap(_strip_ending(written, case) if gender == "masc" else written)


_MASC_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем"),
                 "loct": ("е",)}


def _strip_ending(written: str, case: str) -> str:
    """A man's surname pymorphy3 does not know («Берзиньшем»): the Russian ending of its case
    comes off a consonant stem («Берзиньш»)."""
    w = fold(written)
    if any(p.is_known for p in parses(w)):
        return written  # «Кара-Мурзы»: «Кара» is a word that is already in the nominative
    for end in _MASC_ENDINGS.get(case, ()):
        stem = w[: -len(end)]
        if w.endswith(end) and len(stem) >= 3 and stem[-1] not in "аеиоуыэюяйь":
            return written[:len(stem)]
    return written


def _no_fleeting_vowel(written: str, nominative: str, known: bool = True) -> str:
    """«Мерцем» is «Мерц», not «Мерец»: an unstressed «-цем» ends a stem stressed on its root,
    which keeps its vowels (a fleeting «е» goes with a stressed ending: «Кравцом», «Кравец»).
    A word pymorphy3 does not know with «-ьц-» before its ending («Шольца», «Штольцем») is a
    foreign surname that keeps its «ь» («Шольц»); known words lose it («Стрельца», «Стрелец»)."""
    w = fold(written)
    if w.endswith("цем") and fold(nominative) == w[:-3] + "ец":
        return written[:-2]
    m = re.match(r"^(.*ьц)(а|у|ом|ем|е)$", w)
    if m and not known and fold(nominative) == m.group(1)[:-2] + "ец":
        return written[:len(m.group(1))]
    return nominative


def _name_reading(first: str, surname: str | None):
    """The likeliest singular reading of a first name whose case its surname allows: «Алсу»
    never changes, but in «Алсу Зариповой» it is accusative."""
    ps = [p for p in parses(fold(first)) if "Name" in p.tag]
    ps = [p for p in ps if p.tag.number != "plur"] or ps  # «Кэролайн» is no plural of «Кэролайна»
    if not ps:
        return None
    if surname is not None and not _LATIN.match(surname):
        sur = [p for p in parses(fold(surname)) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
        sur = [p for p in sur if "Surn" in p.tag] or sur
        # «Зарипову» is a man's dative or a woman's accusative: the first name's gender decides
        ps = [p for p in ps if any(q.tag.case == p.tag.case and (q.tag.gender in (None, p.tag.gender)
                                                               or "ms-f" in q.tag) for q in sur)] or ps
        if sur and not any(q.tag.case == "nomn" for q in sur):
            # a declined surname goes with a declined first name: «Анне Орловой» is «Анна»,
            # not the indeclinable «Анне»
            ps = [p for p in ps if "Fixd" not in p.tag] or ps
    return max(ps, key=lambda p: p.score)


# the cases a Russian ending gives a listed first name, by the name's gender
_LISTED_ENDINGS = {
    "masc": [(("ом", "ем"), ("ablt",)), (("а", "я"), ("gent", "accs")), (("у", "ю"), ("datv",)),
             (("е",), ("loct",))],
    "femn": [(("ой", "ей", "ою", "ею"), ("ablt",)), (("ы", "и"), ("gent", "datv", "loct")),
             (("у", "ю"), ("accs",)), (("е",), ("datv", "loct"))],
}


def _listed_gender(given: str) -> str:
    form = given_forms().get(given)
    if form and form[1] in ("masc", "femn"):
        return form[1]  # «Мікола», «Ілля» are men
    return "femn" if given.endswith(("а", "я", "е")) else "masc"


def _listed_cases(written: str, given: str) -> tuple[str, ...]:
    """The cases of a listed first name written with a Russian ending: «Олафом» is
    instrumental, «Олафа» genitive (or accusative), «Агнешку» accusative."""
    w = fold(written)
    if w == given:
        return ("nomn",)
    for ends, cases in _LISTED_ENDINGS[_listed_gender(given)]:
        if w.endswith(ends):
            return cases
    return ("gent",)


@lru_cache(maxsize=20_000)
def name_cases(first: str, surname: str | None) -> frozenset[str]:
    """The grammatical cases a «first name + surname» pair can be in (empty: unknown)."""
    given = _given_name(first)
    if given is not None and (fold(first) == given or _name_parse(first) is None
                              or not _name_parse(first).is_known):
        return frozenset(_listed_cases(first, given))
    p = _name_reading(first, surname)
    return frozenset({p.tag.case}) if p is not None and p.tag.case else frozenset()


def _canonical(first: Token, rest: list[Token], lang: str = "ru"
               ) -> tuple[str, str | None, str]:
    """(nominative full name, gender, the nominative as the article's language writes it) of a
    first name and the words after it; a Belarusian or Ukrainian name in its Russian form."""
    return _canonical_words(first.text, tuple(t.text for t in rest), lang)


@lru_cache(maxsize=20_000)  # the same people come back article after article
def _canonical_words(first: str, rest: tuple[str, ...], lang: str
                     ) -> tuple[str, str | None, str]:
    if _LATIN.match(first):
        name = " ".join([first] + [_cap(t) for t in rest])
        return name, None, name
    given = _given_name(first)
    lang = name_lang([given or first, *rest], lang)
    if lang != "ru" and given in given_forms():
        gender = _listed_gender(given)
        masc = given[:-1]
        if gender == "femn" and given_forms().get(masc, ("", "", ""))[1] == "masc" and any(
                fold(nominative_surname(t, "masc", lang)) != fold(t) for t in rest):
            given, gender = masc, "masc"  # «Олександра Коваленка»: his genitive, not her name
        native = " ".join([_cap(given)] + [_cap(nominative_surname(t, gender, lang)) for t in rest])
        return russian_name(native, lang), gender, native
    p = _name_reading(first, rest[-1] if rest else None)
    if p is not None and (given is None or (fold(first) != given and p.is_known)):
        case, gender = p.tag.case, p.tag.gender
        form = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
        first_nom = _cap(form.word if form else p.normal_form)
    else:
        # a listed name (pymorphy3 only guesses at «Олафом»): the nominative is the listed
        # form, and its Russian ending gives the case the surname is in
        given = given or fold(first)
        case, gender = _listed_cases(first, given)[0], _listed_gender(given)
        first_nom = _cap(given)
    native = " ".join([first_nom] + [_surname_nominative(t, case, gender) for t in rest])
    return russian_name(native, lang), gender, native


def _skeleton(word: str) -> str:
    return re.sub(r"[аеёиоуыэюяьъй]", "", fold(word))


def _written_nominative(name: str, written: str, caps: frozenset[str]) -> str:
    """Prefer a surname's nominative as the article writes it: where «Виктор Кунц» stands in the
    text, «Виктора Кунца» is «Кунц», not pymorphy3's guess «Кунец» (a vowel it inserted)."""
    parts = name.split(" ")
    nom = fold(parts[-1])
    w = fold(written)
    if nom == w or nom in caps:
        return name
    for end in _CASE_ENDINGS:
        stem = w[: -len(end)]
        if w.endswith(end) and len(stem) >= 3 and stem in caps and _skeleton(stem) == _skeleton(nom):
            return " ".join(parts[:-1] + [_cap(written[:len(stem)])])
    return name


def _patronymic(t: Token, known: bool = False) -> bool:
    """A patronymic; `known`: one the dictionary knows («Дмитриевич»), not a guess from an
    -ович surname («Гершкович»)."""
    return _is_cap(t) and any("Patr" in p.tag and (p.is_known or not known) for p in parses(t.folded))


def _middle_name(b: Token, c: Token) -> bool:
    """A word between a first name and a surname: a second given name («Анна Мария Вебер»),
    or a foreign word before another foreign word («Йорген Ватне Хальвордсен»; not «Кита Бейкера
    Петрова», where the last word is a known surname)."""
    if _LATIN.match(b.text) or not _is_cap(b) or _is_first_name(c) or _patronymic(c):
        return False
    pc = parses(c.folded)
    if any(p.is_known and "Name" not in p.tag and "Surn" not in p.tag for p in pc):
        return False  # «… Орлова Минск»: a common word or a place
    pb = parses(b.folded)
    if _given_name(b.text) is not None or any("Name" in p.tag and p.is_known for p in pb):
        return True
    return not any(p.is_known for p in pb) and not any(p.is_known for p in pc)


def _full_names(toks: list[Token], text: str) -> list[tuple[int, int, bool]]:
    """Token ranges [i, j) of first name + (patronymic) + surname, and whether the surname
    comes first («Орлов Павел Игоревич», as in lists and court records)."""
    out, i = [], 0
    while i < len(toks) - 1:
        a, b = toks[i], toks[i + 1]
        if not a.text[:1].isupper():  # every reading below starts with a capital: most words
            i += 1
            continue
        c = toks[i + 2] if i + 2 < len(toks) else None
        if c is not None and _is_cap(a) and not _LATIN.match(a.text) and _is_first_name(b) \
                and not _given_name(a.text) \
                and not any("Name" in p.tag and p.is_known for p in parses(a.folded)) \
                and text[a.end:b.start] == " " == text[b.end:c.start] and _patronymic(c, known=True):
            out.append((i, i + 3, True))
            i += 3
        elif _is_first_name(a) and text[a.end:b.start] == " " and _surname_like(b) \
                and bool(_LATIN.match(a.text)) == bool(_LATIN.match(b.text)):
            j = i + 2
            if c is not None and text[b.end:c.start] == " " and _is_cap(c) and (
                    _patronymic(b) or _middle_name(b, c)):
                j += 1
            out.append((i, j, False))
            i = j
        elif _english_name_by_context(toks, text, i):
            out.append((i, i + 2, False))
            i += 2
        else:
            i += 1
    return out


_TOLD = {"told", "tells", "called", "according"}


def _en_name_word(w: str) -> bool:
    """A capitalised Latin word (diacritics allowed: «Stankevičiūtė»), hyphenated parts too."""
    return _LATIN.match(w) is not None and all(
        len(x) > 1 and x[0].isupper() and x[1:].islower() for x in w.split("-"))


def _english_name_by_context(toks: list[Token], text: str, i: int) -> bool:
    """Two capitalised Latin words with a first name no list knows («Ruta Stankeviciute»), read as
    a person's name where English puts one: right after a role word ("spokeswoman Ruta …") or a
    speech verb ("said Ruta …"), or right before a speech verb or a comma and a role
    ("Ruta … said", "Ruta …, the spokeswoman")."""
    a, b = toks[i], toks[i + 1]
    if not (a.text[:1].isupper() and b.text[:1].isupper()):
        return False  # most words: cheap before any pattern
    if not (_en_name_word(a.text) and _en_name_word(b.text)) \
            or text[a.end:b.start] != " " or a.folded in _EN_STOP or b.folded in _EN_STOP:
        return False
    if _role_word(a) or _role_word(b) or fold(a.text) in data_words("speech_verbs.tsv") \
            or fold(b.text) in data_words("speech_verbs.tsv"):
        return False
    if any(fold(t.text) in data_words("institutions.tsv") for t in (a, b)):
        return False
    before = toks[i - 1] if i else None
    after = toks[i + 2] if i + 2 < len(toks) else None
    if after is not None and text[b.end:after.start] == " " and _is_cap(after):
        return False  # a third capital: a title («Polish Foreign Minister») or a longer name
    if before is not None and text[before.end:a.start] == " " and (
            before.folded in data_words("speech_verbs.tsv") and before.folded not in _TOLD
            or _role_word(before)):
        return True  # "said Ruta …" (but "told Radio Liberty" names whom he told)
    if after is None:
        return False
    gap = text[b.end:after.start]
    if gap == " " and after.folded in data_words("speech_verbs.tsv"):
        return True
    if gap == " (@":
        return True  # the signature of an embedded post: "— Name Surname (@handle) March 7"
    if gap == ", ":
        nxt = toks[i + 3:i + 5]
        return any(_role_word(t) for t in nxt) and (after.folded in ("the", "a") or
                                                     _role_word(after))
    return False


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    w = fold(word)
    for end in _CASE_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


@lru_cache(maxsize=50_000)
def _nominatives(word: str) -> frozenset[str]:
    """The word and every nominative its readings inflect to, keeping gender."""
    w = fold(word)
    out = {w}
    if _uk_surname(word):
        out.add(_uk_surname(word))
    if not _LATIN.match(word):
        for p in parses(w):
            form = p.inflect({"nomn"})
            if form:
                out.add(fold(form.word))
    return frozenset(out)


# --- roles -----------------------------------------------------------------------------------

_EN_STOP = {"a", "an", "the", "to", "of", "and", "or", "with", "by", "for", "from", "between", "said",
            "says", "in", "on", "at", "as", "his", "her", "their", "its"}
_RU_LINKS = {"по", "з", "из", "в"}  # prepositions inside a role («член комиссии по вопросам …»)
_UK_STOP = {"і", "й", "та", "у", "в", "на", "що", "до", "від", "для", "за", "про", "після", "як"}


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Role nouns (roles.tsv without the «state» complements)."""
    return data_words("roles.tsv") - data_words("roles.tsv", kind="state")


def _role_word(t: Token) -> bool:
    return has_lemma(t.text, role_words())


def _adjective(t: Token) -> bool:
    if any(c.isdigit() for c in t.text):  # «41-летний» is an age, not part of the role
        return False
    p = parses(t.folded)[0]
    return p.tag.POS in ("ADJF", "PRTF") and "Apro" not in p.tag


def _chain_word(t: Token) -> bool:
    """A Russian or Ukrainian word that may belong to a role phrase."""
    if t.folded in _RU_LINKS:
        return True
    if t.folded in _UK_STOP or t.folded in data_words("speech_verbs.tsv"):
        return False
    if t.text[:1].isupper():
        return True
    p = parses(t.folded)[0]
    if "Apro" in p.tag or p.tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "VERB", "INFN", "GRND",
                                        "ADVB", "PRED", "INTJ"):
        return False
    return t.text[:1].isupper() or p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR", None) \
        or _role_word(t)


def _gap_ok(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    if ROLE_GAP.match(gap):
        return True
    # «U.S. envoy»: the dots of an abbreviation
    return len(left.text) == 1 and left.text.isupper() and re.match(r"^\.\s?$", gap) is not None


def _russian_word(word: str) -> bool:
    return not re.search(r"[іїєґ]", fold(word))


@lru_cache(maxsize=2)  # per article (role_phrase asks for every name): two texts at most
def ukrainian(text: str) -> bool:
    return len(re.findall(r"[іїєґІЇЄҐ]", text)) >= 5


@lru_cache(maxsize=20_000)  # the same roles come back article after article
def _nominative_words(words: tuple[str, ...], head: int, uk: bool) -> tuple[str, ...]:
    """The words with the head and the adjectives before it put in the nominative (in Ukrainian
    text only a head noun Russian shares, such as «спецпосланника»)."""
    hp = max(parses(fold(words[head])), key=lambda p: ("NOUN" in p.tag, p.score))
    gender = hp.tag.gender
    out = []
    for k, t in enumerate(words):
        word = t
        if k <= head and not t.isupper() and _russian_word(t) and (k == head or not uk):
            if k == head:
                form = hp.inflect({"nomn", "sing"}) or hp.inflect({"nomn"})
                if uk and form and fold(form.word) not in role_words():
                    form = None  # a Ukrainian word pymorphy3 only guessed at
            else:
                adj = [p for p in parses(fold(t)) if p.tag.POS in ("ADJF", "PRTF")]
                want = {"nomn", "sing"} | ({gender} if gender in ("masc", "femn", "neut") else set())
                form = adj[0].inflect(want) if adj else None
            if form:
                word = form.word
                if t[:1].isupper():
                    word = word[:1].upper() + word[1:]
        out.append(word)
    return tuple(out)


def role_phrase(article: Article, toks: list[Token], end: int, lo: int = 0,
                before_name: bool = True) -> str | None:
    """The nominative role phrase right before token `end` (no earlier than token `lo`), or None:
    «со спецпосланником президента США [Джоном Бейкером]» → «спецпосланник президента США»."""
    text = article.text
    latin = 0 < end <= len(toks) and _LATIN.match(toks[end - 1].text) is not None
    start = end
    while start > lo and end - start < 8:
        t = toks[start - 1]
        if start < len(toks) and (start < end or before_name) and not _gap_ok(text, t, toks[start]):
            break
        if latin and (t.folded in _EN_STOP or not _LATIN.match(t.text)):
            break  # English modifiers: words and abbreviations («U.S. envoy», "Foreign Minister")
        if latin and _is_cap(t) and any(not _is_cap(x) and not x.text.isupper()
                                        for x in toks[start:end]):
            break  # capitals make a title ("Polish Foreign Minister"); before lower-case role
            # words a capital is the country beside the role ("Belarusian opposition veteran")
        if not latin and not _chain_word(t):
            break
        start -= 1
    heads = [k for k in range(start, end) if toks[k].folded not in _RU_LINKS and _role_word(toks[k])]
    if heads and before_name and not latin and end + 1 < len(toks) and not ukrainian(text):
        # the role noun agrees with the name: in «жена Павла Орлова» the wife is someone
        # else; in «спецпосланник президента Ивана Петрова» Петров is the president
        cases = name_cases(toks[end].text, toks[end + 1].text)
        if cases:
            heads = [k for k in heads if any(q.tag.case in cases and q.tag.number != "plur"
                                             for q in parses(toks[k].folded))]
    if not heads:
        return None
    if latin:  # English roles end with their head noun: «opposition leader»
        head = heads[-1]
        first = start
        words = toks[first:head + 1]
    else:  # Russian: the first role noun is the head, its complement follows
        head = heads[0]
        first = head
        while first > start and _adjective(toks[first - 1]):
            first -= 1
        last = end
        for k in range(head + 1, end):
            if toks[k].folded == "из":  # «жена политзаключенного из Гомеля»: the place is no role
                last = k
                break
        words = toks[first:last]
    s, e = words[0].start, words[-1].end
    if text[e:e + 1] in "»\"”" and text[s:e].count("«") > text[s:e].count("»"):
        e += 1  # keep the closing mark of a name inside the role («юрист «Родника»»)
    if latin:
        return text[s:e]
    nominative = _nominative_words(tuple(t.text for t in words), head - first, ukrainian(text))
    # rebuild the phrase with the original separators (quote marks, hyphens)
    out, pos = [], s
    for w, t in zip(nominative, words):
        out.append(text[pos:t.start])
        out.append(w)
        pos = t.end
    out.append(text[pos:e])
    phrase = "".join(out)
    sentence_start = article.sentences[article.sentence_at(s)].start
    if s == sentence_start and not words[0].text.isupper():
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


_APPOSITION_END = re.compile(r"[,.;:!?()—–\n]|\s-\s")


def _apposition_role(text: str, toks: list[Token], j: int) -> str | None:
    """A role set after the name between commas: «Анна Кравец, жена одного из освобожденных»,
    "Ruta Stankeviciute, the spokeswoman for the Lithuanian Foreign Ministry"."""
    if j + 1 >= len(toks) or not re.match(r"^, $", text[toks[j - 1].end:toks[j].start]):
        return None
    k = j + 1 if toks[j].folded in ("the", "a", "an") else j
    if k >= len(toks) or not _role_word(toks[k]) or _role_word_anon(toks[k]):
        return None
    latin = _LATIN.match(toks[k].text) is not None
    if not latin and not any(p.tag.case == "nomn" for p in parses(toks[k].folded)
                             if p.tag.POS == "NOUN"):
        return None  # «с Иваном Петровым, министром …»: a case other than the nominative
    stop = _APPOSITION_END.search(text, toks[k].start, toks[k].start + 120)
    end = stop.start() if stop else toks[k].start + 120
    words = [t for t in toks[k:k + 12] if t.end <= end]
    while words and (words[-1].folded in _EN_STOP or fold(words[-1].text) in
                     data_words("speech_verbs.tsv")):
        words.pop()  # "…, the spokeswoman, said" / a trailing preposition
    if not words:
        return None
    return text[words[0].start:words[-1].end]


def _role_word_anon(t: Token) -> bool:
    return has_lemma(t.text, data_words("roles.tsv", kind="anon"))


# --- the whole scan --------------------------------------------------------------------------

def _scan(article: Article) -> tuple[list[Person], list[Mention]]:
    text = article.text
    toks = list(text_tokens(text))
    people: list[Person] = []
    index: dict[str, int] = {}
    mentions: list[Mention] = []
    starts_of: list[list[int]] = []  # per person, the starts of their mentions, sorted
    used: set[int] = set()
    credits = Spans(credit_lines(article))  # «Автор: …», «Фото: … / Reuters»: not the story's people
    names = [n for n in _full_names(toks, text) if not credits.contains(toks[n[0]].start)]
    caps = frozenset(t.folded for t in toks if _is_cap(t))
    lang = script_lang(text)
    for k, (i, j, surname_first) in enumerate(names):
        if surname_first:  # «Орлов Павел Игоревич» → «Павел Орлов»
            name, _, native = _canonical(toks[i + 1], [toks[i]], lang)
        else:
            name, _, native = _canonical(toks[i], toks[i + 1:j], lang)
            if lang == "ru":
                name = _written_nominative(name, toks[j - 1].text, caps)
        key = fold(name)
        s, e = toks[i].start, toks[j - 1].end
        if key not in index:
            index[key] = len(people)
            # the article's own spelling is kept for a Belarusian or Ukrainian text only: a
            # Russian one quoting a Belarusian post names the person in Russian
            people.append(Person(name=name, start=s, end=e,
                                 native=native if lang != "ru" and native != name else ""))
            starts_of.append([])
        p = index[key]
        mentions.append(Mention(p, s, e))
        starts_of[p].append(s)  # full names come in reading order
        used.update(range(i, j))
        written = text[s:e]
        if written not in (people[p].name, people[p].native) and written not in people[p].aliases:
            people[p].aliases.append(written)
        # «Представитель Анны Орловой Пётр Зайцев»: a name right before another is
        # the complement of the role, which belongs to the second
        complement = k + 1 < len(names) and text[e:toks[names[k + 1][0]].start] == " "
        role = None if surname_first or complement else role_phrase(article, toks, i)
        role = role or (None if surname_first else _apposition_role(text, toks, j))
        if role and role not in people[p].roles:
            people[p].roles.append(role)
    # a surname or a first name alone
    surnames = [fold(p.name.split()[-1]) for p in people]
    firsts = [fold(p.name.split()[0]) for p in people]
    # a cheap filter before any morphology: every form of a name keeps its first letters
    starts = {w[:3] for w in surnames + firsts} | {n[:3] for p in people for n in _first_forms(p)}
    for k, t in enumerate(toks):
        if k in used or not people:
            continue
        if lang != "ru" and _is_cap(t) and not _LATIN.match(t.text):
            hits = _native_hits(t.text, lang, surnames, firsts, starts)
            if hits:
                p = _latest(hits, starts_of, t.start)
                mentions.append(Mention(p, t.start, t.end))
                insort(starts_of[p], t.start)
                if t.text not in people[p].aliases:
                    people[p].aliases.append(t.text)
                continue
        if fold(t.text[:3])[:3] not in starts:  # folding three letters, not the whole word
            continue
        if not _is_cap(t) and not any("Surn" in p.tag for p in parses(t.folded)):
            continue
        noms = _nominatives(t.text)
        hits = [p for p, s in enumerate(surnames) if s in noms]
        if not hits and _is_cap(t):
            hits = [p for p, s in enumerate(surnames) if len(s) >= 4 and _stem(t.text) == _stem(s)]
            if not hits:
                first = _name_parse(t.text)
                first_nom = fold(first.normal_form) if first else _given_name(t.text)
                hits = [p for p, f in enumerate(firsts) if f == first_nom or f == t.folded]
        if not hits:
            continue
        p = _latest(hits, starts_of, t.start)
        mentions.append(Mention(p, t.start, t.end))
        insort(starts_of[p], t.start)
        if t.text != people[p].name and t.text not in people[p].aliases:
            people[p].aliases.append(t.text)
    mentions.sort(key=lambda m: m.start)
    return people, mentions


def _native_hits(word: str, lang: str, surnames: list[str], firsts: list[str],
                 starts: set[str]) -> list[int]:
    """The people a Belarusian or Ukrainian surname or first name alone names, by its Russian
    form («Жукоўскай» → «Жуковская», «Святлана» → «Светлана»)."""
    spelled = fold(_russian_letters(word[:4], lang))
    if spelled[:3] not in starts:  # cheap: most words start like no name of the article
        return []
    given = _given_name(word)
    if given is not None and given in given_forms():
        ru = fold(given_forms()[given][0])
        hits = [p for p, f in enumerate(firsts) if f == ru]
        if hits:
            return hits
    keys = {fold(russian_surname(nominative_surname(word, g, lang), lang))
            for g in ("masc", "femn")}
    return [p for p, s in enumerate(surnames) if s in keys]


def _first_forms(p: Person) -> list[str]:
    """The written first name of each alias («Маша» is no form of «Мария», but «Марии» is)."""
    return [fold(a.split()[0]) for a in p.aliases if a.split()]


def _latest(candidates: list[int], starts_of: list[list[int]], before: int) -> int:
    """Of several people, the one mentioned last before `before` (else the first)."""
    best, where = candidates[0], -1
    for p in candidates:
        k = bisect_left(starts_of[p], before)
        if k and starts_of[p][k - 1] > where:
            best, where = p, starts_of[p][k - 1]
    return best


def find_people(article: Article) -> list[Person]:
    return _scan(article)[0]


def person_mentions(article: Article, people: list[Person]) -> list[Mention]:
    """Every place a person of `people` is named (full name or alias), in reading order; a longer
    form wins over a shorter one inside it."""
    forms: dict[str, int] = {}
    for p, person in enumerate(people):
        for f in [person.name, person.native, *person.aliases]:
            forms.setdefault(f, p)
    text = article.text
    # str.find per form, not one regular expression of them all: that one is new for every
    # article, and compiling it cost more than the search
    found = []
    for f, p in forms.items():
        if not f:
            continue
        i = text.find(f)
        while i >= 0:
            j = i + len(f)
            if not (i and _word_char(text[i - 1])) and not (j < len(text) and _word_char(text[j])):
                found.append((i, -len(f), p))
            i = text.find(f, i + 1)
    out: list[Mention] = []
    for i, neg, p in sorted(found):  # leftmost first, the longest form there
        if not out or i >= out[-1].end:
            out.append(Mention(p, i, i - neg))
    return out


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def person_gender(person: Person) -> str | None:
    first = person.name.split()[0]
    if _LATIN.match(first):
        return None
    p = _name_parse(first)
    if p is not None:
        return p.tag.gender
    given = _given_name(first)
    return None if given is None else ("femn" if given.endswith(("а", "я")) else "masc")
