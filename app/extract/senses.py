"""Words of a release in other senses: «освободил от должности» (a dismissal), «освобождение от
налогов», «освободили село», «обмен мнениями», a company that «выпустила модель», a release that
is only possible or asked for («могут выйти на свободу», «призвал освободить»).

A trigger word found by events.py is dropped when a cue of data/other_senses.tsv stands beside it
(see the file's header for where each kind of cue is looked for). Pure: tokens in, yes or no.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from app.extract import morph
from app.extract.numbers import data_rows, norm_word

_AFTER_REACH = 10  # words after a trigger where «от должности» may stand
_OBJECT_AFTER = 4
_FROM_BEFORE = 6  # words before a trigger where «с должности» may stand
_OBJECT_BEFORE = 2
_BEFORE_REACH = 3
# punctuation that ends the stretch a cue must share with its trigger (a comma only for objects)
_CLAUSE_END = re.compile(r"[.;:!?—–()\[\]«»\"]")
_OBJECT_END = re.compile(r"[.,;:!?—–()\[\]«»\"]")
# words that may stand between a trigger and its object: numerals, fillers, articles, «был»
_BETWEEN = frozenset("""еще ещё уже также ряд несколько около более свыше порядка почти примерно
тысяч тысячи тысячу миллион миллиона миллионов двух трех четырех пяти двое трое четверо
двох трьох чотирьох п'ятьох двоє троє четверо два две три четыре пять шесть сразу целый
ще вже також кілька два дві три чотири п'ять яшчэ ужо некалькі
a an the its their his her new first two three several another more
был была было были будет будут буде було були быў была было былі""".split())
_PREPOSITIONS = frozenset("""в во из на с со к ко по у за под над при о об от до через для между
у з із зі на до від під над при про через для між
ў з ад да пад над пры праз для
in from at on of to by with for into over under""".split())
_DETERMINERS = frozenset("a an the its their his her our new".split())
_RU_MODIFIERS = frozenset(("ADJF", "PRTF", "NUMR"))


def _between(word: str, lang: str, after_determiner: bool) -> bool:
    """May `word` stand between a trigger and its object («освободили еще три населенных
    пункта», "released its first studio album")?"""
    if word in _PREPOSITIONS:
        return False
    if word in _BETWEEN or word.isdigit() or after_determiner:
        return True
    return lang == "ru" and _ru_modifier(word)


@lru_cache(maxsize=20_000)
def _ru_modifier(word: str) -> bool:
    return morph.parses(word)[0].tag.POS in _RU_MODIFIERS


_KIND_GROUP = {"release": "release", "pardon": "release", "deport": "release",
               "exchange": "exchange"}


@lru_cache(maxsize=1)
def _cues() -> dict[tuple[str, str, str], tuple[tuple[str, ...], ...]]:
    """(kinds, where, lang) → cues, each a tuple of words (a final * marks a beginning)."""
    out: dict[tuple[str, str, str], list[tuple[str, ...]]] = {}
    for kinds, where, cue, lang in data_rows("other_senses.tsv"):
        out.setdefault((kinds, where, lang), []).append(tuple(norm_word(cue).split()))
    return {k: tuple(v) for k, v in out.items()}


def _word_is(word: str, cue_word: str) -> bool:
    return word.startswith(cue_word[:-1]) if cue_word.endswith("*") else word == cue_word


def _cue_at(words: list[str], i: int, cue: tuple[str, ...]) -> bool:
    """Does `cue` start at words[i] (one other word allowed between two words of a cue)?"""
    if not _word_is(words[i], cue[0]):
        return False
    j = i
    for w in cue[1:]:
        if j + 1 < len(words) and _word_is(words[j + 1], w):
            j += 1
        elif j + 2 < len(words) and _word_is(words[j + 2], w):
            j += 2
        else:
            return False
    return True


class _CueSet:
    """The cues of one (kind group, place, language), with a quick test of a first word."""

    __slots__ = ("cues", "firsts", "prefixes")

    def __init__(self, cues: tuple[tuple[str, ...], ...]):
        self.cues = cues
        self.firsts = frozenset(c[0] for c in cues if not c[0].endswith("*"))
        self.prefixes = tuple(c[0][:-1] for c in cues if c[0].endswith("*"))

    def may_start(self, word: str) -> bool:
        return word in self.firsts or word.startswith(self.prefixes)

    def at(self, words: list[str], i: int, single: bool = False) -> bool:
        """Does a cue (a one-word cue, with `single`) start at words[i]?"""
        return self.may_start(words[i]) and any(
            _cue_at(words, i, c) for c in self.cues if not single or len(c) == 1)


@lru_cache(maxsize=None)
def _cues_for(kind: str, where: str, lang: str) -> _CueSet:
    """The cues for a trigger of `kind` in `lang`, looked for `where` ("near": all of them)."""
    group = _KIND_GROUP.get(kind)
    table = _cues()
    out: tuple = ()
    for kinds in (group, "any"):
        for la in (lang, "any"):
            for place in (("after", "object", "before") if where == "near" else (where,)):
                out += table.get((kinds, place, la), ())
    return _CueSet(out)


def other_sense(text: str, toks, tok_starts: list[int], kind: str, start: int, end: int,
                lang: str, sent_start: int, sent_end: int) -> bool:
    """Is the trigger at text[start:end] (of `kind`) used in another sense than a release?
    `toks` are the article's tokens and `tok_starts` their starts."""
    lo = bisect_left(tok_starts, start)
    hi = bisect_left(tok_starts, end)  # toks[lo:hi] are the trigger's words
    first = bisect_left(tok_starts, sent_start)
    last = bisect_left(tok_starts, sent_end)

    def words(a: int, b: int) -> list[str]:
        return [norm_word(t.text) for t in toks[a:b]]

    # most triggers have no cue word near them at all: one quick look first
    near = _cues_for(kind, "near", lang)
    if not any(near.may_start(w) for w in words(max(first, lo - _FROM_BEFORE),
                                                 min(last, hi + _AFTER_REACH + 2))):
        return False

    after = _cues_for(kind, "after", lang)
    if after.cues:
        b = min(last, hi + _AFTER_REACH)
        stop = _CLAUSE_END.search(text, end, toks[b - 1].end if b > hi else end)
        if stop:
            b = bisect_left(tok_starts, stop.start(), hi, b)
        w = words(hi, min(last, b + 2))
        if any(after.at(w, i) for i in range(min(len(w), b - hi))):
            return True
        # or before it, in its clause: «с должности освобожден», «з лав ЗСУ були звільнені»
        a = max(first, lo - _FROM_BEFORE)
        for k in range(lo - 1, a - 1, -1):
            if _CLAUSE_END.search(text, toks[k].end, toks[k + 1].start):
                a = k + 1
                break
        w = words(a, lo + 1)
        if any(after.at(w, i) for i in range(lo - a)):
            return True
    objects = _cues_for(kind, "object", lang)
    # a pardon has no other sense with an object («помиловал бывшего министра»)
    if objects.cues and kind != "pardon":
        former = _cues_for(kind, "former", lang)
        w = words(hi, min(last, hi + _OBJECT_AFTER + 2))
        for i in range(min(len(w), _OBJECT_AFTER)):
            gap = text[toks[hi + i - 1].end if i else end:toks[hi + i].start]
            if _OBJECT_END.search(gap) or former.at(w, i):
                break  # «звільнив колишнього суддю»: no longer in office, a freed person
            if objects.at(w, i):
                return True
            if not _between(w[i], lang, any(x in _DETERMINERS for x in w[:i])):
                break
        w = words(max(first, lo - _OBJECT_BEFORE), lo)
        for i in range(len(w) - 1, -1, -1):
            k = lo - len(w) + i
            if _OBJECT_END.search(text, toks[k].end, toks[k + 1].start if k + 1 < len(toks) else end):
                break
            if objects.at(w, i, single=True):
                return True
            if not _between(w[i], lang, False):
                break
    before = _cues_for(kind, "before", lang)
    if before.cues:
        a = max(first, lo - _BEFORE_REACH)
        for k in range(lo - 1, a - 1, -1):  # only the words of the trigger's own clause
            if _OBJECT_END.search(text, toks[k].end, toks[k + 1].start):
                a = k + 1
                break
        w = words(a, hi)
        if any(before.may_start(x) for x in w):
            return True
    return False
