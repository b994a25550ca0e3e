"""Numbers of people in one stretch of text: per-country counts («7 литовцев», «двое граждан
Латвии», «по двое — Латвии и ФРГ», «гражданин США») and group numbers with no country
(«52 заключенных», «четырнадцати человек»), which are the counts of events.

The stretch is read as a row of items: numbers, country mentions, words and punctuation.
Word knowledge: data/people_nouns.tsv, data/not_count.tsv, data/count_markers.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from app.extract import morph
from app.extract.model import CountryMention, NumberMention
from app.extract.numbers import data_rows, norm_word
from app.extract.wordsets import alternation

_DASHES = {"—", "–", "-", "−"}
_ITEM = re.compile(r"[\w’'ʼ]+(?:[-.][\w’'ʼ]+)*|[^\w\s]")
_NAME_FORMS = ("name", "alias", "capital")
_SINGULAR_CITIZEN = {"гражданин", "гражданина", "гражданину", "гражданином", "гражданка",
                     "гражданку", "гражданкой", "громадянин", "громадянина", "громадянину",
                     "громадянином", "громадянка", "громадянку", "громадянкою", "грамадзянін",
                     "грамадзяніна", "грамадзяніну", "грамадзянінам", "грамадзянка",
                     "грамадзянку", "грамадзянкай", "citizen", "national"}
_OF = {"из", "of", "from", "з", "із", "са"}  # «по одному — из Эстонии», "citizens of Latvia"
_AND = {"и", "а", "та", "і", "й", "ды", "and"}
_RANGE_FROM = {"от", "від", "ад", "from", "between"}
_RANGE_TO = {"до", "да", "to", "and"}
_POSSESSIVE = ("'s", "’s", "ʼs")
_THEM = {"них", "которых", "them", "whom", "яких", "іх", "якіх"}  # «6 из них», "six of them"


class Item(NamedTuple):  # a tuple: every sentence makes dozens, and this is the cheap kind
    kind: str  # "num", "cty", "w" (word), "p" (punctuation)
    text: str  # folded
    start: int
    end: int
    num: NumberMention | None = None
    cty: CountryMention | None = None


@dataclass(frozen=True)
class CountryCount:
    code: str
    value: int
    start: int  # the number (or the singular noun) through the country
    end: int
    how: str  # "number", "distributive", "singular"
    num: NumberMention | None = None


@lru_cache(maxsize=1)
def _people_stems() -> list[tuple[str, str]]:
    return sorted(((s, k) for s, k in data_rows("people_nouns.tsv")), key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def _not_count_stems() -> tuple[str, ...]:
    return tuple(row[0] for row in data_rows("not_count.tsv"))


@lru_cache(maxsize=1)
def markers() -> dict[str, list[str]]:
    """count_markers.tsv by kind: partial, among, breakdown, foreign, held, background."""
    out: dict[str, list[str]] = {}
    for phrase, kind in data_rows("count_markers.tsv"):
        out.setdefault(kind, []).append(phrase)
    return out


@lru_cache(maxsize=None)
def _marker_re(kind: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(markers()[kind])})(?!\w)")


def has_marker(folded: str, kind: str) -> bool:
    return _marker_re(kind).search(folded) is not None


@lru_cache(maxsize=50_000)
def people_noun(word: str) -> str | None:
    """"person", "custody", "citizen" or "member" when the word names people
    (data/people_nouns.tsv), else None."""
    w = norm_word(word)
    for stem, kind in _people_stems():
        if w.startswith(stem):
            return kind
    return None


def items(text: str, start: int, end: int, numbers: list[NumberMention],
          countries: list[CountryMention]) -> list[Item]:
    """The stretch as items; a number or a country mention of several words is one item."""
    spans: list[Item] = []
    for n in numbers:
        if start <= n.start < end:
            spans.append(Item("num", norm_word(text[n.start:n.end]), n.start, n.end, num=n))
    for c in countries:
        if start <= c.start < end and not any(s.start <= c.start < s.end for s in spans):
            spans.append(Item("cty", norm_word(text[c.start:c.end]), c.start, c.end, cty=c))
    spans.sort(key=lambda i: i.start)
    out: list[Item] = []
    k, n = 0, len(spans)
    new = tuple.__new__  # the named tuple's own __new__ is a Python call: every word makes one
    for m in _ITEM.finditer(text, start, end):
        s, e = m.span()
        while k < n and spans[k].end <= s:
            k += 1
        if k < n and spans[k].start < e:
            if not out or out[-1] is not spans[k]:
                out.append(spans[k])
            continue
        word = m.group()
        out.append(new(Item, ("w" if word[0].isalnum() or word[0] == "_" else "p", norm_word(word),
                              s, e, None, None)))
    return out


def _is_modifier(item: Item, lang: str) -> bool:
    """An adjective or participle between a number and its noun («52 политических заключенных»)."""
    if item.kind != "w":
        return False
    if lang != "ru":
        return people_noun(item.text) is None and item.text not in _OF | _AND
    return any(p.tag.POS in ("ADJF", "PRTF") for p in morph.parses(item.text)[:2])


@lru_cache(maxsize=50_000)
def _is_noun(word: str) -> bool:
    return morph.parses(word)[0].tag.POS == "NOUN"


def not_a_count(row: list[Item], i: int) -> bool:
    """The number at row[i] measures time, age, money or shares, not people; or it bounds a
    range («от 18 до 52 человек», «від 5 до 10»)."""
    nxt = row[i + 1] if i + 1 < len(row) else None
    prev = row[i - 1] if i > 0 else None
    if prev is not None and prev.text in _RANGE_FROM and nxt is not None and nxt.text in _RANGE_TO:
        return True
    if prev is not None and prev.text in _RANGE_TO and i >= 3 and row[i - 2].kind == "num" \
            and row[i - 3].text in _RANGE_FROM:
        return True
    if nxt is not None and nxt.kind == "p" and nxt.text == "%":
        return True
    if nxt is not None and nxt.kind == "w" and nxt.text.startswith(_not_count_stems()):
        return True
    return False


def _skip_modifiers(row: list[Item], j: int, lang: str, limit: int = 2,
                    stop_at_people: bool = True) -> int:
    n = 0
    while j < len(row) and n < limit and _is_modifier(row[j], lang) \
            and not (stop_at_people and people_noun(row[j].text) is not None):
        j, n = j + 1, n + 1
    return j


def _country_list(row: list[Item], j: int) -> tuple[list[Item], int]:
    """Country names from row[j]: «Латвии, Польши и Германии», «из Эстонии и Швейцарии»."""
    found: list[Item] = []
    while j < len(row):
        if row[j].kind == "w" and (row[j].text in _OF or row[j].text == "the"):
            j += 1
            continue
        if row[j].kind == "cty" and row[j].cty.how in _NAME_FORMS:
            if row[j].text.endswith(_POSSESSIVE):
                break  # "one of Belarus's best-known bloggers": no citizens counted
            found.append(row[j])
            j += 1
            if j < len(row) and (row[j].text == "," or row[j].text in _AND) and j + 1 < len(row) \
                    and (row[j + 1].kind == "cty" or row[j + 1].text in _OF):
                j += 1
                continue
        break
    return found, j


def _part_of(row: list[Item], i: int) -> bool:
    """«6 из них», «шестеро из 14», "six of them": the number at row[i] is a part of a group."""
    return i + 2 < len(row) and row[i + 1].text in _OF and (
        row[i + 2].kind == "num" or row[i + 2].kind == "w" and row[i + 2].text in _THEM)


def _whole_of_part(row: list[Item], i: int) -> bool:
    """The 14 of «шестеро из 14 освобожденных»: the whole a part is taken from."""
    return i >= 2 and row[i - 1].text in _OF and row[i - 2].kind == "num"


def _demonym_list(row: list[Item], j: int, lang: str) -> tuple[list[Item], int]:
    """The demonyms listed after the one at row[j] in its form, with no number of their own:
    «эстонцев, шведов и норвежцев», "Estonians, Swedes and Norwegians". Not «литовцев и поляк»
    (one Pole) nor «литовцев, двое поляков» (a number of its own)."""
    found: list[Item] = []
    k = j + 1
    while k + 1 < len(row) and (row[k].text == "," or row[k].text in _AND) \
            and row[k + 1].kind == "cty" and row[k + 1].cty.how == "demonym" \
            and row[k + 1].cty.code != row[j].cty.code and _same_form(row[j].text, row[k + 1].text, lang):
        found.append(row[k + 1])
        k += 2
    return found, k


def _singular_after(row: list[Item], k: int) -> Item | None:
    """A singular demonym joined by «и» to a list just counted: «… и поляк», "… and a Pole"."""
    if k + 1 >= len(row) or row[k].text not in _AND:
        return None
    x = row[k + 1]
    if x.kind == "w" and x.text in ("a", "an") and k + 2 < len(row):
        return row[k + 2] if row[k + 2].kind == "cty" and row[k + 2].cty.how in (
            "demonym", "adjective") and _en_singular(row, k + 2) else None
    if x.kind == "cty" and x.cty.how == "demonym" and " " not in x.text and x.text[:1] >= "а" \
            and _singular(x.text) and (k + 2 >= len(row) or row[k + 2].kind != "w"
                                       or people_noun(row[k + 2].text) is None):
        return x
    return None


@lru_cache(maxsize=10_000)
def _same_form(a: str, b: str, lang: str) -> bool:
    """Two demonyms in one grammatical form (one case and number): «эстонцев» and «шведов»,
    «немца» and «поляка», «литовців» and «поляків», «літоўцаў» and «палякаў», "Estonians" and
    "Swedes"."""
    if " " in a or " " in b:
        return False
    if lang == "en":
        return all(w.endswith(("s", "men")) for w in (a, b))
    if a[-2:] == b[-2:]:
        return True
    if lang != "ru":
        return False
    # plural after «трое», «пятеро»; genitive singular after «два», «по два»: the same both
    forms = [{(p.tag.case, p.tag.number) for p in morph.parses(w) if p.tag.POS == "NOUN"
              and not {"Surn", "Name", "Patr"} & p.tag.grammemes} for w in (a, b)]
    return bool(forms[0] & forms[1])


# English words that follow a noun but never stand between an adjective and its noun
_EN_AFTER_NOUN = frozenset({"and", "or", "but", "after", "before", "were", "was", "who", "from",
                            "in", "on", "at", "to", "as", "had", "have", "has", "are", "is",
                            "with", "by", "for", "while", "into"})


_OWN = frozenset({"своих", "своїх", "сваіх"})
_OWN_PEOPLE = frozenset({"соотечественников", "співвітчизників"})
# «шестерых сограждан», "six compatriots": the people of the one country the sentence names before
_FELLOW = ("сограждан", "соотечественник", "співвітчизник", "співгромадян", "суайчыннік",
           "compatriot")


def _own_country(row: list[Item], i: int, j: int) -> Item | None:
    """«Литва приняла шестерых своих граждан»: a number of «own» citizens (or compatriots) is
    of the country that is the subject, the nearest country before it in the nominative.
    «Президент Литвы подтвердил освобождение шестерых сограждан»: fellow citizens are of the
    one country named before them in the sentence (none when it names two)."""
    words = [x.text for x in row[i + 1:j] if x.kind == "w"]
    if j < len(row) and row[j].kind == "w" and (people_noun(row[j].text) is not None
                                                or row[j].text.startswith(_FELLOW)):
        words.append(row[j].text)
    if not words:
        return None
    fellow = words[-1].startswith(_FELLOW) or words[-1].startswith("citizen") and "fellow" in words
    own = _OWN & set(words) and (people_noun(words[-1]) == "citizen" or words[-1] in _OWN_PEOPLE)
    if not (own or fellow):
        return None
    before: list[Item] = []
    for x in reversed(row[:i]):
        if x.kind == "p" and x.text in ".;:":
            break
        if x.kind == "cty":
            before.append(x)
    for x in before if own else ():
        if x.cty.how in ("name", "capital") and " " not in x.text and \
                any(p.tag.case == "nomn" for p in morph.parses(x.text)):
            return x
    if fellow and before and len({x.cty.code for x in before}) == 1 and \
            before[0].cty.how in _NAME_FORMS:
        return before[0]
    return None


_PLAIN = ("person", "custody", "member")  # people nouns that are no citizenship word
_GROUP = ("person", "custody")  # people nouns whose number alone is a group
_STATE = ("citizen", "member", "person")  # people nouns whose country adjective is their state


def _of_country(row: list[Item], j: int) -> bool:
    """row[j] is a citizenship word («граждан», "citizens"), or a serviceman's word before a
    country name («военнослужащих Украины», "soldiers of Ukraine")."""
    kind = people_noun(row[j].text)
    if kind == "member":
        k = j + 2 if j + 2 < len(row) and row[j + 1].text in _OF else j + 1
        return k < len(row) and row[k].kind == "cty" and row[k].cty.how in _NAME_FORMS
    return kind == "citizen"


def country_counts(row: list[Item], lang: str) -> list[CountryCount]:
    """Per-country numbers stated in a row of items."""
    out: list[CountryCount] = []
    used: set[int] = set()
    for i, it in enumerate(row):
        if it.kind != "num" or not_a_count(row, i) or _whole_of_part(row, i):
            continue
        n = it.num
        j = i + 1
        # «6 из них — граждане Литвы», «четверо — Польши», «по двое — Латвии и ФРГ»
        if _part_of(row, i):
            j += 2
            # «шестеро из 14 освобожденных — граждане Литвы»: the whole's people word
            k = j
            while k < min(len(row), j + 2) and row[k].kind == "w" and (
                    people_noun(row[k].text) is not None or _is_modifier(row[k], lang)):
                k += 1
            if row[j - 1].kind == "num" and k < len(row) and row[k].text in _DASHES:
                j = k
        # «27 человек — граждане Беларуси»: a plain word of people before the dash
        if j + 1 < len(row) and row[j].kind == "w" and people_noun(row[j].text) in _PLAIN \
                and row[j + 1].text in _DASHES:
            j += 1
        each = j < len(row) and row[j].text == "each"  # "two each from Latvia and Germany"
        if each:
            j += 1
        dashed = j < len(row) and row[j].text in _DASHES
        if dashed:
            j += 1
        # «двух освобожденных белорусов»: a participle before a demonym describes the people
        k = _skip_modifiers(row, j, lang, stop_at_people=False)
        if k < len(row) and row[k].kind == "cty" and row[k].cty.how == "demonym":
            j = k
        else:
            j = _skip_modifiers(row, j, lang)
        if j < len(row) and row[j].kind == "w" and _of_country(row, j):
            j += 1
            if j < len(row) and row[j].text == "each":  # "one citizen each of …"
                each, j = True, j + 1
            if j < len(row) and row[j].text in _OF:
                j += 1
        elif j < len(row) and row[j].kind == "cty" and row[j].cty.how == "adjective" and not dashed:
            # «двое латвийских граждан», "two Polish citizens"
            k = j + 1
            if k + 2 < len(row) and row[k + 1].text in _AND and row[k + 2].kind == "cty":
                used.add(i)  # "12 Russian dissidents and German nationals": both, not each
                continue
            if k < len(row) and people_noun(row[k].text) in _STATE:
                out.append(CountryCount(row[j].cty.code, n.value, it.start, row[k].end, "number", n))
                used.add(i)
            elif lang == "en" and (k >= len(row) or row[k].kind == "p" or row[k].text in _EN_AFTER_NOUN):
                # "one Lithuanian", "two Poles and one Lithuanian after talks": an English
                # adjective with no noun after it is the noun of its people
                out.append(CountryCount(row[j].cty.code, n.value, it.start, row[j].end, "number", n))
                used.add(i)
            continue
        if j < len(row) and row[j].kind == "cty" and row[j].cty.how == "demonym":
            out.append(CountryCount(row[j].cty.code, n.value, it.start, row[j].end, "number", n))
            # «троих эстонцев, шведов и норвежцев»: one numeral for each demonym of the list
            listed, k = _demonym_list(row, j, lang)
            out += [CountryCount(d.cty.code, n.value, it.start, d.end, "distributive", n)
                    for d in listed]
            # «двое литовцев и поляк», "two Lithuanians and a Pole": one more, singular
            one = _singular_after(row, k)
            # «38 беларусаў і беларусак»: the women of the same people, not one more person
            if one is not None and one.cty.code != row[j].cty.code:
                out.append(CountryCount(one.cty.code, 1, one.start, one.end, "singular"))
            used.add(i)
            continue
        names, _ = _country_list(row, j)
        if not names:
            own = _own_country(row, i, j)
            if own is not None:
                out.append(CountryCount(own.cty.code, n.value, it.start, row[j - 1].end, "number", n))
                used.add(i)
            continue
        if not (n.distributive or each) and len({c.cty.code for c in names}) > 1:
            used.add(i)  # «пятеро граждан Литвы и Латвии» says nothing of each country
            continue
        how = "distributive" if n.distributive or each else "number"
        for c in names:
            out.append(CountryCount(c.cty.code, n.value, it.start, c.end, how, n))
        used.add(i)
    # one person: «гражданин Южной Кореи», «в том числе гражданина США», "a U.S. citizen"
    for i, it in enumerate(row):
        if it.kind != "w" or it.text not in _SINGULAR_CITIZEN:
            continue
        if any(row[k].kind == "num" for k in range(max(0, i - 3), i)):
            continue  # «два гражданина Латвии», «один гражданин Франции»: counted above
        k = i + 2 if i + 2 < len(row) and row[i + 1].text in _OF else i + 1
        if k < len(row) and row[k].kind == "cty" and row[k].cty.how in _NAME_FORMS:
            # «гражданин Польши и Австралии»: one person of both (the list, as for a number)
            for c in _country_list(row, k)[0]:
                out.append(CountryCount(c.cty.code, 1, it.start, c.end, "singular"))
        elif lang == "en":  # "a U.S. citizen", "an American national"
            k = i - 1
            if k >= 0 and row[k].text == ".":
                k -= 1
            if k >= 1 and row[k].kind == "cty" and row[k - 1].text in ("a", "an", "one"):
                out.append(CountryCount(row[k].cty.code, 1, row[k - 1].start, it.end, "singular"))
    return sorted(out, key=lambda c: c.start)


def singular_demonyms(row: list[Item], acts: list[tuple[int, int]]) -> list[CountryCount]:
    """One person named by a singular demonym right at an act of release: «освобожден
    француз», «Иран освободил британца». Not «58-летний латыш был осужден» (no release)."""
    out = []
    for i, it in enumerate(row):
        if it.kind != "cty" or " " in it.text:
            continue
        latin = it.text[:1] < "а"  # "an American": the English adjective is its noun too
        if not (it.cty.how == "demonym" and _singular(it.text) if not latin else
                it.cty.how in ("demonym", "adjective") and _en_singular(row, i)):
            continue
        if any(row[k].kind == "num" for k in range(max(0, i - 3), i)):
            continue  # «один француз»: counted with its number
        for a, b in acts:
            between = [x for x in row if min(b, it.end) <= x.start < max(a, it.start)]
            if len(between) <= 2 and not any(x.kind == "p" for x in between):
                out.append(CountryCount(it.cty.code, 1, it.start, it.end, "singular"))
                break
    return out


def _en_singular(row: list[Item], i: int) -> bool:
    """"a Lithuanian", "an American": one person (not "the Lithuanians", "Lithuanian officials")."""
    return i > 0 and row[i - 1].text in ("a", "an") and not row[i].text.endswith("s") and \
        (i + 1 >= len(row) or row[i + 1].kind == "p" or row[i + 1].text in _EN_AFTER_NOUN)


@lru_cache(maxsize=10_000)
def _singular(word: str) -> bool:
    parses = [p for p in morph.parses(word) if p.tag.POS == "NOUN"]
    return bool(parses) and all("sing" in p.tag for p in parses)


@lru_cache(maxsize=1)
def _subgroup_stems() -> tuple[str, ...]:
    return tuple(row[0] for row in data_rows("subgroup_words.tsv"))


def subgroup(row: list[Item], i: int) -> bool:
    """The number at row[i] names people by sex, age, health or family («12 женщин», «двое
    пожилых», «пятеро с инвалидностью», «19 человек в возрасте до 40 лет»): a part of a group."""
    stems = _subgroup_stems()
    for x in row[i + 1:i + 5]:
        if x.kind != "w":
            return False
        if x.text.startswith(stems):
            return True
    return False


def _part_marker_before(row: list[Item], i: int) -> bool:
    """«Из них», «Среди них», «в том числе» before row[i] in its sentence."""
    before = " ".join(x.text for x in row[:i])
    return any(has_marker(before, k) for k in ("partial", "among", "breakdown"))


def group_numbers(row: list[Item], lang: str) -> list[NumberMention]:
    """Numbers of people with no country: «52 политических заключенных», «семь человек»,
    «шестеро», «более ста политзаключенных». Country-attached numbers are left to the caller.
    A part by sex, age or health («25 человек … из них 12 женщин») is no number of the group."""
    out = []
    whole = False  # a number of the whole group came before in the sentence
    parts = 0
    for i, it in enumerate(row):
        if it.kind != "num" or not _is_group_number(row, i, lang):
            continue
        if subgroup(row, i):
            if whole or _part_marker_before(row, i):
                continue
            parts += 1
        else:
            whole = True
        out.append(it.num)
    # «на свободу выходят 15 женщин и 7 мужчин»: parts of a whole told elsewhere, not a group
    return [] if parts > 1 and parts == len(out) else out


def _is_group_number(row: list[Item], i: int, lang: str) -> bool:
    num = row[i].num
    if not_a_count(row, i) or num.distributive or _part_of(row, i) or _whole_of_part(row, i):
        return False  # «шестеро из 14»: a part, and a whole restated
    j = _skip_modifiers(row, i + 1, lang)
    # «37 белорусских политзаключенных»: the jailing state's adjective, then a plain people word
    if j + 1 < len(row) and row[j].kind == "cty" and row[j].cty.how == "adjective" \
            and row[j + 1].kind == "w" and people_noun(row[j + 1].text) == "custody":
        j += 1
    nxt = row[j] if j < len(row) else None
    after = row[j + 1] if j + 1 < len(row) else None
    kind = people_noun(nxt.text) if nxt is not None and nxt.kind == "w" else None
    if kind in _GROUP or kind in _STATE and not (after is not None and (
            after.kind == "cty" or after.text in _OF)):
        return True
    if num.collective and (nxt is None or nxt.kind != "cty"):
        # «двое граждан Литвы»: a country count; «обеих странах», «двое суток»: no people
        return not (nxt is not None and nxt.kind == "w" and (
            people_noun(nxt.text) == "citizen" or (kind is None and _is_noun(nxt.text))))
    return False
