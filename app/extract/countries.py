"""Country mentions → ISO 3166-1 alpha-2 codes.

A mention is a country's name in any grammatical case (CLDR names from babel, in Russian, Ukrainian,
Belarusian and English, plus data/country_aliases.tsv), an adjective (белорусской, compounds such as
белорусско-польской), a demonym (литовцев, эстонка) or a capital (Минск, Вильнюс).

Every name is expanded once into all its inflected forms (pymorphy3 for Russian, suffix rules for
Ukrainian and Belarusian), so that matching an article is only dictionary look-ups over its word
tokens, longest phrase first. The table is built lazily on first use and cached for the process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.extract.model import CountryMention
from app.extract.morph import Token, fold, parses, tokens

DATA = Path(__file__).with_name("data")

# babel's territories that are not ISO 3166-1 alpha-2 assigned codes
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
_LANGS = ("ru", "uk", "en", "be")
_RU_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2", "gen2")
_RU_FALLBACK = {"loc2": "loct", "gen2": "gent"}
_CASE_SET = frozenset(_RU_CASES)


@lru_cache(maxsize=100_000)
def _key(s: str) -> str:
    """The folded form of a word or phrase used as a table key: lower case, ё → е, one apostrophe."""
    return re.sub(r"['ʼ`]", "’", fold(s))


@dataclass(frozen=True)
class _Entry:
    code: str | None  # None: a phrase that is not a country (blocks the country inside it)
    how: str
    gaps: tuple[str, ...]  # what stands between the words, whitespace as one space (" ", ". " in U.S.)
    caps: tuple[bool, ...]  # which words must start with a capital letter
    lang: str
    flags: frozenset[str] = frozenset()
    exact: str | None = None  # with the "case" flag: the text exactly as it must be written


@dataclass
class _Table:
    phrases: dict[tuple[str, ...], list[_Entry]]
    longest: dict[str, int]  # first word → length of the longest phrase starting with it
    combining: dict[str, str]  # белорусско → BY (first parts of compound adjectives)


# ---------------------------------------------------------------- data files

def _rows(name: str):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("\t")]


def _split(cell: str) -> list[str]:
    return [w.strip() for w in cell.split(",") if w.strip()]


def _iso_codes() -> list[str]:
    from babel import Locale

    return sorted(c for c in Locale("en").territories if len(c) == 2 and c.isalpha() and c not in _NOT_ISO)


def _cldr_name(name: str) -> str:
    """CLDR's display name made into running-text form: no parenthesised note, no о-в abbreviation."""
    name = re.sub(r"\s*\(.*?\)", "", name)
    name = re.sub(r",\s*ОАР.*$|\s+SAR China$", "", name)
    name = re.sub(r"\bо-в\b", "остров", re.sub(r"\bо-ва\b", "острова", name))
    return name.replace(" & ", " and ").strip()


# ---------------------------------------------------------------- Russian inflection (pymorphy3)

def _best(word: str, want: str):
    """The parse of `word` to inflect from: a noun (geographic first) or an adjective, in nominative."""
    ps = parses(word.lower())
    if want == "noun":
        for test in (lambda t: "Geox" in t and "NOUN" in t and "nomn" in t,
                     lambda t: "NOUN" in t and "nomn" in t and not {"Name", "Surn", "Patr"} & set(t.grammemes)):
            for p in ps:
                if test(p.tag):
                    return p
    else:
        for p in ps:
            if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag:
                return p
    return None


def _ru_word_lexeme(word: str, want: str) -> set[str]:
    """All forms of one demonym (noun) or adjective: литовец → литовца, литовцев, …"""
    p = _best(word, want)
    if p is None:
        return {_key(word)}
    pos = p.tag.POS
    return {_key(f.word) for f in p.lexeme if f.tag.POS == pos} | {_key(word)}


def _ru_phrase_forms(phrase: str) -> set[tuple[str, ...]]:
    """Every case of a name: the words up to the head noun agree with it; words after it keep their form
    (Республика Корея → Республики Корея); parts joined by «и» inflect each on their own."""
    words = [t.text for t in tokens(phrase)]
    plan: list[object] = []  # per word: a parse to inflect, or None to keep as written
    head_seen = False
    for w in words:
        if w.lower() in ("и", "да"):
            plan.append(None)
            head_seen = False
            continue
        if head_seen:
            plan.append(None)
            continue
        noun = _best(w, "noun")
        if noun is not None:
            fixd = "Fixd" in noun.tag or not noun.is_known and w[-1] in "иоуеэюы"
            plan.append(None if fixd else noun)
            head_seen = not fixd  # an indeclinable word governs nothing: Папуа — Новой Гвинеи
        else:
            plan.append(_best(w, "adj"))
    per_word = [_ru_cases(p) if p is not None else None for p in plan]
    forms = {tuple(_key(w) for w in words)}
    for case in _RU_CASES:
        combos: list[tuple[str, ...]] = [()]
        for w, cases in zip(words, per_word):
            options = {_key(w)} if cases is None else cases.get(case) or cases.get(_RU_FALLBACK.get(case, ""), {_key(w)})
            combos = [c + (o,) for c in combos for o in options]
        forms.update(combos)
    return forms


def _ru_cases(p) -> dict[str, set[str]]:
    """Case → forms of one parsed word, keeping its number (and an adjective's gender). One lexeme
    look-up per word: pymorphy3's inflect() would rebuild the lexeme for every case."""
    t0 = p.tag
    need = {g for g in (t0.POS, t0.number, t0.voice, t0.tense) if g}
    if t0.POS in ("ADJF", "PRTF") and t0.number == "sing":
        need.add(t0.gender)
    out: dict[str, set[str]] = {}
    for f in p.lexeme:
        g = f.tag.grammemes
        if need <= g and "Supr" not in g:  # not новейшая for Новая
            for case in _CASE_SET & g:
                out.setdefault(case, set()).add(_key(f.word))
    return out


# ---------------------------------------------------------------- Ukrainian inflection (suffix rules)

# endings per case: nominative, genitive, dative, accusative, instrumental, locative
_UK_ADJ = {"ий": (["ий"], ["ого"], ["ому"], ["ий", "ого"], ["им"], ["ому", "ім"]),
           "а": (["а"], ["ої"], ["ій"], ["у"], ["ою"], ["ій"]),
           "е": (["е"], ["ого"], ["ому"], ["е"], ["им"], ["ому", "ім"]),
           "і": (["і"], ["их"], ["им"], ["і", "их"], ["ими"], ["их"])}
_UK_ALT = {"к": "ц", "г": "з", "х": "с"}  # Америка → Америці


def _uk_noun_cases(w: str) -> list[list[str]]:
    lo = w.lower()
    if lo.endswith(("о", "е", "і", "у", "ю")) and not lo.endswith(("ство", "цтво", "ні", "ті", "ди", "ри")):
        return [[w]] * 6  # Того, Чилі, Перу: indeclinable
    if lo.endswith("ія") or lo.endswith("ея"):
        s = w[:-1]
        return [[w], [s + "ї"], [s + "ї"], [s + "ю"], [s + "єю"], [s + "ї"]]
    if lo.endswith("я"):
        s = w[:-1]
        return [[w], [s + "і"], [s + "і"], [s + "ю"], [s + "ею"], [s + "і"]]
    if lo.endswith("а"):
        s = w[:-1]
        soft = s[-1:].lower() in "жчшщц"
        alt = s[:-1] + _UK_ALT[s[-1]] if s[-1:] in _UK_ALT else s
        return [[w], [s + ("і" if soft else "и")], [s + "і", alt + "і"], [s + "у"],
                [s + ("ею" if soft else "ою")], [s + "і", alt + "і"]]
    if lo.endswith("ь"):
        s = w[:-1]
        return [[w], [s + "і"], [s + "і"], [w], [s + "ю", s + s[-1] + "ю"], [s + "і"]]
    if lo.endswith(("и", "і")):  # plural: Штати, Нідерланди, Філіппіни
        s = w[:-1]
        gen = [s + "ів", s] if lo.endswith("ни") else [s + "ів"]  # Філіппін, but not Штат
        return [[w], gen, [s + "ам"], [w], [s + "ами"], [s + "ах"]]
    if lo.endswith("й"):
        s = w[:-1]
        return [[w], [s + "ю"], [s + "ю", s + "єві"], [w], [s + "єм"], [s + "ї", s + "ю"]]
    if lo.endswith(("ство", "цтво")):
        s = w[:-1]
        return [[w], [s + "а"], [s + "у"], [w], [s + "ом"], [s + "і"]]
    s = w
    if lo.endswith(("ів", "їв")):  # Київ → Києва, Кишинів → Кишинева
        s = w[:-2] + ("є" if lo.endswith("їв") else "е") + w[-1]
    soft = s[-1:].lower() in "жчшщ"
    return [[w], [s + "а", s + "у"], [s + "у", s + "ові"], [w], [s + ("ем" if soft else "ом")],
            [s + "і", s + "у"]]


# a word before the head noun with one of these endings is taken for an adjective (Велика Британія)
_UK_ADJ_ENDS = ("ий", "на", "ка", "ва", "ська", "цька", "ні", "ські", "цькі", "не", "ське")


def _uk_adj_class(w: str) -> str | None:
    lo = w.lower()
    for end in ("ий", "а", "е", "і"):
        if lo.endswith(end) and len(lo) > 3:
            return end
    return None


def _uk_phrase_forms(phrase: str) -> set[tuple[str, ...]]:
    words = [t.text for t in tokens(phrase)]
    per_word: list[list[list[str]]] = []
    head_seen = False
    for i, w in enumerate(words):
        lo = w.lower()
        if lo in ("і", "та", "й"):
            per_word.append([[w]] * 6)
            head_seen = False
        elif head_seen:
            per_word.append([[w]] * 6)
        elif i < len(words) - 1 and lo.endswith(_UK_ADJ_ENDS):
            cls = _uk_adj_class(w)
            s = w[: -len(cls)]
            per_word.append([[s + e for e in ends] for ends in _UK_ADJ[cls]])
        else:
            per_word.append(_uk_noun_cases(w))
            head_seen = True
    return _case_combinations(per_word)


def _case_combinations(per_word: list[list[list[str]]]) -> set[tuple[str, ...]]:
    """Each word's forms per case (6 cases) → the phrase's keys, case by case."""
    forms = set()
    for case in range(6):
        combos = [()]
        for cases in per_word:
            combos = [c + (_key(f),) for c in combos for f in cases[case]]
        forms.update(combos)
    return forms


def _uk_adj_lexeme(word: str) -> set[str]:
    s = word[:-2] if word.endswith("ий") else word
    return {_key(s + e) for ends in _UK_ADJ.values() for case in ends for e in case}


def _uk_demonym_lexeme(word: str) -> set[str]:
    lo = word.lower()
    if lo.endswith(("ець", "єць")):  # литовець → литовця, литовці, литовців; китаєць → китайця
        s = word[:-3] + ("йц" if lo.endswith("єць") else "ц")
        ends = ["я", "ю", "еві", "ем", "і", "ів", "ям", "ями", "ях"]
        return {_key(word)} | {_key(s + e) for e in ends}
    if lo.endswith("ин"):  # росіянин → росіяни, росіян
        s = word[:-2]
        sg = {_key(word + e) for e in ("а", "у", "ові", "ом", "і")}
        return sg | {_key(s + e) for e in ("и", "", "ам", "ами", "ах")} | {_key(word)}
    if lo.endswith(("а", "я")):  # литовка → литовки, литовок
        forms = {_key(f) for case in _uk_noun_cases(word) for f in case}
        s = word[:-1]
        forms |= {_key(s + e) for e in ("и", "ам", "ами", "ах")}
        if lo.endswith("ка"):
            forms.add(_key(word[:-2] + "ок"))
        return forms
    soft = lo[-1:] in "жчшщ"
    ends = ["", "а", "у", "ові", "ом", "ем" if soft else "ом", "і", "и", "ів", "ам", "ами", "ах"]
    return {_key(word + e) for e in ends}


# ---------------------------------------------------------------- Belarusian inflection (suffix rules)

# Belarusian has no pymorphy3 dictionary: endings per case (nominative, genitive, dative,
# accusative, instrumental, locative), a few spellings each where stress or the stem decides.
_BE_ADJ = {"ая": (["ая"], ["ай"], ["ай"], ["ую"], ["ай", "аю"], ["ай"]),
           "ыя": (["ыя"], ["ых"], ["ым"], ["ыя", "ых"], ["ымі"], ["ых"]),
           "ія": (["ія"], ["іх"], ["ім"], ["ія", "іх"], ["імі"], ["іх"]),
           "ы": (["ы"], ["ага"], ["аму"], ["ы", "ага"], ["ым"], ["ым"]),
           "і": (["і"], ["ага"], ["аму"], ["і", "ага"], ["ім"], ["ім"]),
           "ае": (["ае"], ["ага"], ["аму"], ["ае"], ["ым", "ім"], ["ым", "ім"])}
_BE_HARD = "бвгдзклмнпрстфхжшчцў"  # after ж, ш, ч, ц, р the vowel is ы, after others too for -а nouns


def _be_noun_cases(w: str) -> list[list[str]]:
    lo = w.lower()
    if lo.endswith(("о", "е", "э", "у", "ю")) or lo.endswith("і") and not lo.endswith(("кі", "гі", "хі")) \
            or lo.endswith("а") and len(lo) > 2 and lo[-2] in "аоеэуі":
        return [[w]] * 6  # Чылі, Перу, Конга: indeclinable
    if lo.endswith(("ія", "ыя")):  # Латвія → Латвіі, Францыя → Францыі
        s, v = w[:-2], w[-2]
        return [[w], [s + v + "і"], [s + v + "і"], [s + v + "ю"], [s + v + "яй"], [s + v + "і"]]
    if lo.endswith("я"):
        s = w[:-1]
        return [[w], [s + "і"], [s + "і"], [s + "ю"], [s + "яй", s + "ёй"], [s + "і"]]
    if lo.endswith("а"):  # Літва → Літвы, Літве; Польшча → Польшчы
        s = w[:-1]
        hard_hush = s[-1:].lower() in "жшчцр"
        soft = s[-1:].lower() in "йь"
        gen = s + ("і" if soft else "ы")
        alt = {"к": "ц", "г": "з", "х": "с"}
        dat = s + "ы" if hard_hush else (s[:-1] + alt[s[-1]] + "ы" if s[-1:] in alt else s + "е")
        return [[w], [gen], [dat, s + "е"], [s + "у"], [s + "ой", s + "ай", s + "аю"], [dat, s + "е"]]
    if lo.endswith("ь"):  # Беларусь → Беларусі, Беларуссю
        s = w[:-1]
        return [[w], [s + "і"], [s + "і"], [w], [s + s[-1] + "ю", s + "ю"], [s + "і"]]
    if lo.endswith(("ы", "і")):  # plural: Штаты → Штатаў, Нідэрланды, літоўцы → літоўцаў
        s = w[:-1]
        return [[w], [s + "аў", s + "оў", s], [s + "ам"], [w, s + "аў", s + "оў"], [s + "амі"],
                [s + "ах"]]
    if lo.endswith("й"):  # Кітай → Кітая, Кітаі
        s = w[:-1]
        return [[w], [s + "я"], [s + "ю"], [w], [s + "ем"], [s + "і"]]
    if lo.endswith("ў"):  # Кіеў → Кіева
        s = w[:-1] + "в"
        return [[w], [s + "а"], [s + "у"], [w], [s + "ам"], [s + "е"]]
    return [[w], [w + "а", w + "у"], [w + "у"], [w], [w + "ам", w + "ем"], [w + "е", w + "у"]]


_BE_LETTERS = re.compile("[іўэ’]")


def _russian_word(form: tuple[str, ...]) -> bool:
    """A made Belarusian form that is a Russian word (Тога, Аман, Рыгай): left out, or a
    capitalised Russian word or first name would read as a country."""
    from app.extract.morph import analyzer

    # a dictionary look-up only: parsing would also guess every unknown word (slow, and unused)
    return len(form) == 1 and not _BE_LETTERS.search(form[0]) and \
        analyzer().word_is_known(form[0])


def _be_adj_class(w: str) -> str | None:
    lo = w.lower()
    for end in ("ая", "ыя", "ія", "ае", "ы", "і"):
        if lo.endswith(end) and len(lo) > len(end) + 2:
            return end
    return None


def _be_phrase_forms(phrase: str) -> set[tuple[str, ...]]:
    words = [t.text for t in tokens(phrase)]
    per_word: list[list[list[str]]] = []
    head_seen = False
    for i, w in enumerate(words):
        lo = w.lower()
        cls = _be_adj_class(w) if i < len(words) - 1 and not head_seen else None
        if lo in ("і", "й", "ды"):
            per_word.append([[w]] * 6)
            head_seen = False
        elif head_seen:
            per_word.append([[w]] * 6)
        elif cls is not None:
            stem = w[: -len(cls)]
            per_word.append([[stem + e for e in ends] for ends in _BE_ADJ[cls]])
        else:
            per_word.append(_be_noun_cases(w))
            head_seen = True
    return _case_combinations(per_word)


def _be_adj_lexeme(word: str) -> set[str]:
    """літоўскі → літоўская, літоўскага, літоўскіх, …"""
    cls = _be_adj_class(word) or "і"
    stem = word[: -len(cls)] if word.lower().endswith(cls) else word
    soft = cls in ("і", "ія")
    out = {_key(word)}
    for key in (("і", "ая", "ія", "ае") if soft else ("ы", "ая", "ыя", "ае")):
        out |= {_key(stem + e) for case in _BE_ADJ[key] for e in case}
    return out


# ---------------------------------------------------------------- the table

def _phrase_forms(phrase: str, lang: str) -> set[tuple[str, ...]]:
    base = {tuple(_key(t.text) for t in tokens(phrase))}
    if lang == "ru":
        return base | _ru_phrase_forms(phrase)
    if lang == "uk":
        return base | _uk_phrase_forms(phrase)
    if lang == "be":
        return {f for f in base | _be_phrase_forms(phrase) if not _russian_word(f)}
    if lang == "en":  # possessive: Belarus's
        words = [t.text for t in tokens(phrase)]
        return base | {tuple(_key(w) for w in words[:-1]) + (_key(words[-1] + s),) for s in ("’s", "'s")}
    return base


def _gaps_caps(phrase: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    toks = tokens(phrase)
    gaps = tuple(_gap(phrase[a.end:b.start]) for a, b in zip(toks, toks[1:]))
    return gaps, tuple(t.text[:1].isupper() for t in toks)


def _gap(s: str) -> str:
    return re.sub(r"\s+", " ", s).replace("–", "—")


class _Builder:
    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], list[_Entry]] = {}
        self.combining: dict[str, str] = {}

    def add(self, code: str | None, how: str, phrase: str, lang: str, flags=frozenset(),
            forms: set[tuple[str, ...]] | None = None) -> None:
        gaps, caps = _gaps_caps(phrase)
        if "fixed" in flags or "case" in flags:
            forms = {tuple(_key(t.text) for t in tokens(phrase))}
        elif forms is None:
            forms = _phrase_forms(phrase, lang)
        toks = tokens(phrase)
        exact = phrase[toks[0].start:toks[-1].end] if "case" in flags else None  # U.S. → "U.S"
        entry = _Entry(code, how, gaps, caps, lang, frozenset(flags), exact)
        for form in forms:
            if len(form) != len(caps):
                continue
            entries = self.phrases.setdefault(form, [])
            if not any(e.gaps == gaps and e.exact == entry.exact for e in entries):
                entries.append(entry)

    def table(self) -> _Table:
        longest: dict[str, int] = {}
        for form in self.phrases:
            longest[form[0]] = max(longest.get(form[0], 0), len(form))
        return _Table(self.phrases, longest, self.combining)


def _combining(adjective: str) -> str | None:
    a = _key(adjective)
    return a[:-2] + "о" if a.endswith(("кий", "ький")) else None  # белорусский → белорусско


@lru_cache(maxsize=1)
def _table() -> _Table:
    from babel import Locale

    b = _Builder()
    flags_of: dict[tuple[str, str], frozenset[str]] = {}  # (lang, folded name) → flags from the alias file
    aliases = list(_rows("country_aliases.tsv"))
    for code, lang, name, *rest in aliases:
        flags_of[(lang, _key(name))] = frozenset(rest[0].split()) if rest else frozenset()
    codes = _iso_codes()
    for lang in _LANGS:
        names = Locale(lang).territories
        for code in codes:
            if code in names:
                name = _cldr_name(names[code])
                b.add(code, "name", name, lang, flags_of.get((lang, _key(name)), frozenset()))
    for code, lang, name, *rest in aliases:
        b.add(None if code == "-" else code, "alias", name, lang, flags_of[(lang, _key(name))])
    for code, lang, names, *rest in _rows("capitals.tsv"):
        flags = frozenset(rest[0].split()) if rest else frozenset()
        for name in _split(names):
            b.add(code, "capital", name, lang, flags)
    for code, lang, words, *rest in _rows("country_adjectives.tsv"):
        for w in _split(words):
            if lang == "en":
                b.add(code, "adjective", w, lang)
                continue
            lexeme = _ru_word_lexeme(w, "adj") if lang == "ru" else \
                _be_adj_lexeme(w) if lang == "be" else _uk_adj_lexeme(w)
            b.add(code, "adjective", w, lang, forms={(f,) for f in lexeme})
            if (c := _combining(w)) is not None:
                b.combining.setdefault(c, code)
        for c in _split(rest[0]) if rest else []:
            b.combining.setdefault(_key(c), code)
    for code, lang, words in _rows("demonyms.tsv"):
        for w in _split(words):
            if lang == "ru":
                forms = {(f,) for f in _ru_word_lexeme(w, "noun")}
            elif lang == "uk":
                forms = {(f,) for f in _uk_demonym_lexeme(w)}
            elif lang == "be":  # plural and singular forms listed; the plural inflects
                forms = {f[:1] for f in _be_phrase_forms(w)}
            else:
                forms = None
            b.add(code, "demonym", w, lang, forms=forms)
    return b.table()


# ---------------------------------------------------------------- matching

_OPENERS = "«\"„“”'(—–-[ \t"


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?…\n:"


def _is_first_name(tok: Token) -> bool:
    return tok.text[:1].isupper() and any("Name" in p.tag for p in parses(tok.text.lower()))


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.text.isupper()


def _matches(e: _Entry, toks: list[Token], text: str) -> bool:
    if e.exact is not None:
        return text[toks[0].start:toks[-1].end] == e.exact
    return all(t.text[:1].isupper() for t, cap in zip(toks, e.caps) if cap)


def _person_like(e: _Entry, toks: list[Token], i: int, n: int, text: str) -> bool:
    """A demonym or capital that is a person's name here: «Олег Поляк», «— отметил Поляк»."""
    if e.how not in ("demonym", "capital"):
        return False
    tok = toks[i]
    prev = toks[i - 1] if i and not _gap(text[toks[i - 1].end:tok.start]).strip() else None
    if prev is not None and _is_first_name(prev) and tok.text[:1].isupper():
        return True
    if "person" in e.flags and i + n < len(toks):
        nxt = toks[i + n]
        if not _gap(text[toks[i + n - 1].end:nxt.start]).strip() and _capitalised(nxt):
            return True
    # demonyms are written in lower case in Russian and Ukrainian: capitalised mid-sentence, a surname
    return (e.how == "demonym" and e.lang != "en" and _capitalised(tok)
            and not _sentence_initial(text, tok.start))


def _compound(tok: Token, table: _Table) -> list[tuple[str, int, int, str]]:
    """белорусско-польской → BY and PL; Минск-Вильнюс → BY and LT. Empty when not a compound."""
    parts, pos = [], tok.start
    for p in tok.text.split("-"):
        parts.append((p, pos, pos + len(p)))
        pos += len(p) + 1
    *firsts, (last, ls, le) = parts
    head = [e for e in table.phrases.get((_key(last),), []) if e.how == "adjective" and e.code]
    if head and all(_key(p) in table.combining for p, _, _ in firsts):
        return [(table.combining[_key(p)], s, e, "adjective") for p, s, e in firsts] + \
               [(head[0].code, ls, le, "adjective")]
    found = []
    for p, s, e in parts:  # every part a capitalised country name or capital
        entries = [x for x in table.phrases.get((_key(p),), []) if x.code and x.how in ("name", "alias", "capital")]
        if not entries or not p[:1].isupper():
            return []
        found.append((entries[0].code, s, e, entries[0].how))
    return found


_PREFIXES = ("анти", "про", "проти")  # пророссийский, антиамериканских, проукраїнський


def _prefixed_adjective(key: str, table: _Table) -> str | None:
    """The country of an adjective with a pro-/anti- prefix («пророссийский» → RU)."""
    for pre in _PREFIXES:
        if key.startswith(pre) and len(key) > len(pre) + 5:
            entries = [e for e in table.phrases.get((key[len(pre):],), ())
                       if e.how == "adjective" and e.code]
            if entries:
                return entries[0].code
    return None


def find_countries(text: str) -> list[CountryMention]:
    """Every country mention in `text`, in reading order, with offsets into `text`."""
    from app.extract.morph import text_tokens  # one tokenisation per article, shared

    table = _table()
    toks = text_tokens(text)
    keys = [_key(t.text) for t in toks]
    found: list[tuple[CountryMention, _Entry | None]] = []
    surnames: set[str] = set()  # demonym words seen used as surnames in this text
    i = 0
    while i < len(toks):
        step, longest = 1, table.longest.get(keys[i], 0)
        for n in range(min(longest, len(toks) - i), 0, -1):
            entries = table.phrases.get(tuple(keys[i:i + n]))
            if not entries:
                continue
            span = toks[i:i + n]
            gaps = tuple(_gap(text[a.end:b.start]) for a, b in zip(span, span[1:]))
            entry = next((e for e in entries if e.gaps == gaps and _matches(e, span, text)), None)
            if entry is None:
                continue
            step = n
            if entry.code is None:
                break
            if "mid" in entry.flags and _sentence_initial(text, span[0].start):
                break
            if _person_like(entry, toks, i, n, text):
                surnames.add(keys[i])
                break
            start, end = span[0].start, span[-1].end
            found.append((CountryMention(entry.code, start, end, text[start:end], entry.how), entry))
            break
        else:
            if "-" in toks[i].text:
                for code, s, e, how in _compound(toks[i], table):
                    found.append((CountryMention(code, s, e, text[s:e], how), None))
            elif keys[i].startswith(_PREFIXES) and \
                    (prefixed := _prefixed_adjective(keys[i], table)) is not None:
                t = toks[i]
                found.append((CountryMention(prefixed, t.start, t.end, t.text, "adjective"), None))
        i += step
    # a sentence-initial «Поляк сообщил…» is the surname too when the text uses that word as one elsewhere
    return [m for m, e in found
            if not (e is not None and e.how == "demonym" and _key(m.form) in surnames and m.form[:1].isupper())]


# ---------------------------------------------------------------- single words and user input

def country_of_word(word: str) -> tuple[str, str] | None:
    """(code, how) for one word: «литовцев» → ("LT", "demonym"), «Литвы» → ("LT", "name").
    Names need their capital letter, as in running text (орлов, того are no countries).
    For a compound adjective (белорусско-польской) it gives the country of its last part."""
    word = word.strip()
    for e in _table().phrases.get((_key(word),), []):
        if e.code and (e.exact is None or e.exact == word) and (word[:1].isupper() or not e.caps[0]):
            return e.code, e.how
    if "-" in word:
        parts = _compound(Token(word, 0, len(word)), _table())
        if parts:
            return parts[-1][0], parts[-1][3]
    return None


def parse_country(value: str) -> str | None:
    """An ISO code, or a Russian/Ukrainian/English country name, adjective or demonym in any case
    (for the command line's --country): «литва», «LT», «Lithuania», «Германии» → its code."""
    value = value.strip()
    if len(value) == 2 and value.isalpha() and value.upper() in _iso_set():
        return value.upper()
    key = tuple(_key(t.text) for t in tokens(value))
    for e in _table().phrases.get(key, []) if key else []:
        if e.code:
            return e.code
    return None


@lru_cache(maxsize=1)
def _iso_set() -> frozenset[str]:
    return frozenset(_iso_codes())


def country_name(code: str, locale: str = "ru") -> str:
    """The CLDR display name of a code («LT» → «Литва»); the code itself when unknown."""
    from babel import Locale

    return Locale(locale).territories.get(code.upper(), code)
