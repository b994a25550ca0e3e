"""Timeline events, per-country counts and total checks of one article.

Sentence by sentence (the body first, the headline last, so an event's sentence is the first body
sentence that states it): find the words of events (data/event_kinds.tsv), the numbers of people
(counts.py) and the dates (dates.py); give each number to its event word; then fold the mentions
of one real-world event into one Event (same kind group, compatible count and date), and a number
stated for one country («пятерых поляков») into the event it is part of.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from app.extract import morph
from app.extract.counts import (CountryCount, Item, country_counts, group_numbers, has_marker,
                                items, markers, people_noun, singular_demonyms, subgroup)
from app.extract.dates import find_dates, find_periods
from app.extract.model import (RELEASE_KINDS, Count, CountryMention, DateMention, Event,
                               NumberMention, Person, TotalCheck)
from app.extract.noise import link_blocks
from app.extract.numbers import data_rows, find_numbers, norm_text, norm_word
from app.extract.offsets import ByStart, Spans, tokens_within
from app.extract.senses import other_sense
from app.reader import Article

LANGS = ("ru", "uk", "be", "en")
_NEGATIONS = {"не", "ні", "not", "no", "never"}
# an auxiliary that makes a past participle an act announced for later («будут освобождены»)
_FUTURE_AUX = {"будут", "будет", "буде", "будуть", "будзе", "будуць", "will"}
_DATE_REACH = 80  # no date expression is longer: a date holding a number starts this close
_WINDOW = 6  # the words of a phrase trigger («на свободу … вышли») stand this close
_QUOTE_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
_QUOTE_CHARS = re.compile('[«»„“”"]')
_SUBORDINATE = re.compile(
    r"[,;:]\s+(?:(?:о|об|в|во|на|с|со|за|при|у|из|к|по|для|від|з|про|of|in|on|to|with)\s+)?"
    r"(?:котор\w*|что|чтобы|когда|где|если|хотя|поскольку|як\w*|що|коли|де|which|who|whom|that|"
    r"when|where)(?!\w)")


_AMONG = re.compile(r"(?<!\w)(?:среди|серед|among)\s+(\w+)")


@dataclass
class Trigger:
    kind: str
    start: int
    end: int
    pos: str  # "verb", "noun", "participle"
    weak: bool = False
    future: bool = False  # an act announced for later: an event only with a date of its own


@dataclass
class Mention:
    """One statement of an event in one sentence, before mentions are folded into events."""
    kind: str
    sentence: int
    start: int
    end: int
    count: NumberMention | None = None
    country_only: bool = False  # the number is stated for one country («двенадцать граждан Беларуси»)
    date: DateMention | None = None
    resolved: str | None = None
    firm: bool = True  # the date may not be overridden (own news in the lead, or stated)
    headline: bool = False
    countries: list[str] = field(default_factory=list)
    breakdown: list[CountryCount] = field(default_factory=list)
    future: bool = False  # announced for later («освободят в июле»)


# ---------------------------------------------------------------- word knowledge

@lru_cache(maxsize=1)
def _kind_table():
    entries: dict[str, list[tuple[list[str], str, str]]] = {lang: [] for lang in LANGS}
    context, sequence = [], set()
    light: dict[str, set[str]] = {lang: set() for lang in LANGS}
    court: list[str] = []
    for words, kind, pos, lang in data_rows("event_kinds.tsv"):
        if pos == "court":
            court.append(norm_word(words))
        elif pos == "light":
            light[lang].add(norm_word(words))
        elif pos == "context":
            context.append(norm_word(words))
        elif pos == "sequence":
            sequence.add(norm_word(words))
        else:
            entries[lang].append((norm_word(words).split(), kind, pos))
    for lang in entries:
        entries[lang].sort(key=lambda e: -len(e[0]))  # phrases before their single words
    _LIGHT.update(light)
    _COURT.extend(court)
    return entries, tuple(context), sequence


_LIGHT: dict[str, set[str]] = {}  # verbs that make a noun of an event an act, per language
_COURT: list[str] = []  # beginnings of words of a sentence, a conviction, an arrest
_STRETCH_END = re.compile(r"[,;:—–()]")


def _court_date(text: str, st_start: int, d: DateMention, triggers: list[Trigger]) -> bool:
    """Does the date stand in a stretch about a sentence or an arrest («Петрова, приговоренного
    к 8 годам колонии в марте 2022 года», «затриманого у 2021 році»), with no act of release
    between that word and the date? Then it dates that, not the release."""
    _kind_table()
    stops = list(_STRETCH_END.finditer(text, st_start, d.start))
    a = stops[-1].end() if stops else st_start
    words = [norm_word(t.text) for t in morph.tokens(text, a, d.start)]
    if not any(w.startswith(c) for w in words for c in _COURT):
        return False
    return not any(a <= t.start < d.start and t.kind in RELEASE_KINDS for t in triggers)


@lru_cache(maxsize=1)
def _by_head() -> dict[str, dict[str, list[tuple[int, tuple]]]]:
    """Per language, the entries by their head (last) word, each with its place in the table: a
    sentence without a head word has no trigger, and one with a head word tries only its entries."""
    entries, _, _ = _kind_table()
    out: dict[str, dict[str, list[tuple[int, tuple]]]] = {}
    for lang, rows in entries.items():
        heads = out.setdefault(lang, {})
        for k, e in enumerate(rows):
            heads.setdefault(e[0][-1], []).append((k, e))
    return out


def has_context(folded: str) -> bool:
    """A word of prison or freedom: what a weak verb («передал») needs to name a release."""
    _, context, _ = _kind_table()
    return any(c in folded for c in context)


_LATIN_RUNS = re.compile(r"[A-Za-z]+")
_CYRILLIC_RUNS = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґЎў]+")


def detect_lang(text: str) -> str:
    # runs of letters, not single letters: a list of every letter of a long text costs more
    latin = sum(map(len, _LATIN_RUNS.findall(text)))
    cyr = sum(map(len, _CYRILLIC_RUNS.findall(text)))
    if latin > cyr:
        return "en"
    # «ў» is Belarusian alone, and «ы», «э» are not Ukrainian; Belarusian writes «і» where Russian
    # writes «и»: a Belarusian post quoted in a Russian article leaves the Russian «и» in the
    # majority
    be = text.count("ў") + text.count("Ў")
    if (be >= 2 or be + sum(map(text.count, "ыэЫЭ")) >= 3 > sum(map(text.count, "їєґЇЄҐ"))) and \
            text.count("і") + text.count("І") > text.count("и") + text.count("И"):
        return "be"
    # Ukrainian letters outnumber the Russian-only ones: a Belarusian post quoted in a Russian
    # article has «і» but also «ы», «э», and no «ї», «є»
    uk = sum(map(text.count, "іїєґІЇЄҐ"))  # str.count: no list of matches on a long text
    return "uk" if uk > 3 and uk > sum(map(text.count, "ыэъёЫЭЪЁ")) else "ru"


def quote_spans(article: Article) -> list[tuple[int, int]]:
    """Spans inside quotation marks (outermost pairs), paragraph by paragraph."""
    spans = []
    text = article.text
    for p in article.paragraphs:
        stack: list[str] = []
        open_at = 0
        for q in _QUOTE_CHARS.finditer(text, p.start, p.end):  # only the marks, not every char
            i, ch = q.start(), q.group()
            if stack and ch == _QUOTE_PAIRS[stack[-1]]:
                stack.pop()
                if not stack:
                    spans.append((open_at, i))
            elif ch in _QUOTE_PAIRS and not (ch == "“" and stack and stack[-1] == "„"):
                if not stack:
                    open_at = i + 1
                stack.append(ch)
        if stack:
            spans.append((open_at, p.end))
    return spans


@lru_cache(maxsize=20_000)
def _ru_pos(word: str) -> str | None:
    p = morph.parses(word)[0]
    tag = p.tag
    if tag.POS == "VERB":
        return "future" if "futr" in tag else "verb"
    if tag.POS == "PRTS":
        return "verb"
    if tag.POS == "NOUN":
        return "noun"
    if tag.POS in ("PRTF", "ADJF", "GRND"):
        return "participle"
    return None


def word_keys(toks: list[morph.Token], lang: str) -> list[str]:
    """The keys of tokens for matching event words: lemmas in Russian, folded forms otherwise."""
    key = morph.lemma if lang == "ru" else norm_word
    return [key(t.text) for t in toks]


def find_triggers(toks: list[morph.Token], keys: list[str], folded: str, lang: str,
                  article_context: bool = False) -> list[Trigger]:
    """Words naming events among the tokens of a sentence (`keys` from `word_keys`, `folded`
    the sentence's norm_text), longest phrases first, without overlaps.
    A weak verb needs a word of prison or freedom in its sentence, or, with `article_context`,
    in the article («Минск уже передал Литве 9 человек» in an article about releases)."""
    by_head = _by_head()[lang]
    present = by_head.keys() & set(keys)
    if not present:
        return []
    taken: set[int] = set()
    out: list[Trigger] = []
    # the table's order (phrases before their single words), among the entries that can match
    for _, (words, kind, pos) in sorted(e for w in present for e in by_head[w]):
        for i, key in enumerate(keys):
            if key != words[-1] or i in taken:
                continue
            idx = [i]
            if len(words) > 1:
                if lang == "ru":  # the other words within the window, in any order
                    lo = max(0, i - _WINDOW)
                    for w in words[:-1]:
                        hit = next((k for k in range(lo, min(len(keys), i + _WINDOW))
                                    if keys[k] == w and k not in idx and k not in taken), None)
                        if hit is None:
                            break
                        idx.append(hit)
                    if len(idx) < len(words):
                        continue
                else:  # as written, word after word
                    first = i - len(words) + 1
                    if first < 0 or keys[first:i + 1] != words:
                        continue
                    idx = list(range(first, i + 1))
            if taken & set(idx):
                continue
            head = toks[i]
            prev = norm_word(toks[min(idx) - 1].text) if min(idx) > 0 else ""
            if prev in _NEGATIONS:
                continue
            future = pos == "future" or prev in _FUTURE_AUX
            if lang == "ru":
                kind_pos = _ru_pos(head.text)
                if kind_pos is None:
                    continue
                if kind_pos == "future":
                    kind_pos, future = "verb", True
                if future and kind_pos not in ("verb", "noun"):
                    kind_pos = "verb"  # «будут освобождены»
            else:
                kind_pos = "verb" if pos in ("weak", "future") else pos
                if lang == "en" and kind_pos == "verb" and prev in ("the", "a", "an", "to"):
                    kind_pos = "participle" if prev != "to" else None
                    if kind_pos is None:
                        continue
            weak = pos == "weak"
            if weak:
                if kind_pos != "verb" or not (article_context or has_context(folded)):
                    continue
            if kind_pos == "noun" and any(norm_word(t.text) in _NEGATIONS
                                          for t in toks[max(idx) + 1:max(idx) + 5]):
                continue  # «о его освобождении не сообщалось», «обмен не состоялся»
            if kind_pos == "noun" and any(
                    keys[k] in _LIGHT[lang] for k in range(max(0, i - _WINDOW), min(len(keys), i + 3))):
                kind_pos = "verb"  # «провели обмен», «состоялся обмен»: the noun is the act
            taken.update(idx)
            out.append(Trigger(kind, toks[min(idx)].start, toks[max(idx)].end, kind_pos, weak,
                               future and kind_pos == "verb"))
    return sorted(out, key=lambda t: t.start)


def _after_sequence_word(text: str, trig: Trigger) -> bool:
    """«после визита», "followed talks": the noun marks a time, not an event."""
    _, _, sequence = _kind_table()
    before = [norm_word(t.text) for t in morph.tokens(text, max(0, trig.start - 30), trig.start)]
    return any(w in sequence for w in before[-3:])


def _clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.start() for m in _SUBORDINATE.finditer(text, start, end)] + [end]
    return list(zip(cuts, cuts[1:]))


def _same_clause(clauses, a: int, b: int) -> bool:
    return any(s <= a < e and s <= b < e for s, e in clauses)


# ---------------------------------------------------------------- one sentence

@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    headline: bool
    lead: bool
    row: list[Item]
    counts: list[CountryCount]
    groups: list[NumberMention]
    mentioned: list[NumberMention]  # group numbers inside quotes too: they still name groups
    dates: list[DateMention]
    triggers: list[Trigger]
    codes: list[str]
    folded: str
    periods: list[tuple[int, int]]  # «с июля 2024 года», «за это время»: running totals
    quoted_act: bool = False  # a verb of release inside a quote («"На свободу вышли 30 …"»)
    quoted_kind: str | None = None  # the kind of a release told inside a quote, verb or noun
    quoted_dates: list[DateMention] = field(default_factory=list)  # dates inside its quotes
    other_sense: bool = False  # a word of release here is used in another sense (a dismissal)

    def in_total(self, pos: int) -> bool:
        """A number at `pos` follows a span of time up to now with no date of its own between:
        «с июля 2024 года помилованы более 300 человек» totals many events; so does a number
        before one in English ("only 156 had been freed since January 8")."""
        return any(not any(b <= d.start < pos for d in self.dates) if a < pos else
                   self.folded.startswith("since", a - self.start)
                   and not any(pos < d.start < a for d in self.dates)
                   for a, b in self.periods)


def _release_context(folded: str, triggers: list[Trigger], keys: list[str], lang: str,
                     other_sense: bool = False) -> bool:
    """Whether per-country numbers here are about freed people: a word of a release (any part
    of speech), a marker that lists part of a group («Среди них», «Из них», «в том числе»), or
    a country's own citizens («Литва приняла шестерых своих граждан»)."""
    if any(t.kind in RELEASE_KINDS for t in triggers):
        return True
    if any(has_marker(folded, k) for k in ("partial", "among", "breakdown", "own")):
        return True
    # «Среди иностранцев — трое граждан Латвии»: among a group of people
    for m in _AMONG.finditer(folded):
        if people_noun(m.group(1)) or has_marker(m.group(1), "foreign"):
            return True
    # a word of release used in another sense («освобождены от уплаты налога») is none
    return not other_sense and not _release_words(lang).isdisjoint(keys)


def _quoted_in_release_article(row: list[Item], quotes: Spans, article_context: bool,
                               dates: list[DateMention], folded: str) -> bool:
    """Direct speech in an article about prison or freedom («Это трое литовцев и двое поляков»,
    — сказала она): the speaker's numbers of people by country are of the article's act, even
    with no word of release in the quoted sentence. Not when the speaker recalls another time
    («В прошлом году мы вернули пятерых литовцев», «Ранее …»)."""
    return article_context and any(it.kind == "num" and quotes.contains(it.start) for it in row) \
        and not any(quotes.contains(d.start) for d in dates) and not has_marker(folded, "background")


@lru_cache(maxsize=None)
def _release_words(lang: str) -> frozenset[str]:
    entries, _, _ = _kind_table()
    return frozenset(w[0] for w, kind, _ in entries[lang] if kind in RELEASE_KINDS and len(w) == 1)


def _held(text: str, start: int, end: int, s: int, e: int) -> bool:
    """People still held («остаются не менее 60 граждан Украины»): the marker in the same
    comma-separated stretch as the number."""
    a = s + _last_comma(text[s:start])
    m = re.search(r"[,;]", text[end:e])
    b = end + m.start() if m else e
    return has_marker(norm_text(text[a:b]), "held")


def _last_comma(s: str) -> int:
    idx = max(s.rfind(","), s.rfind(";"))
    return idx + 1 if idx >= 0 else 0


@dataclass
class _Found:
    """What the whole article holds, indexed by offset: each sentence takes only its own share."""
    toks: tuple[morph.Token, ...]
    tok_starts: list[int]
    numbers: ByStart[NumberMention]
    dates: ByStart[DateMention]
    countries: ByStart[CountryMention]
    periods: list[tuple[int, int]]
    period_starts: list[int]
    quotes: Spans


def _read_sentence(article: Article, i: int, found: _Found, lang,
                   headline_paras: set[int], lead_para: int | None,
                   article_context: bool = False) -> _Sentence:
    text = article.text
    sent = article.sentences[i]
    s, e = sent.start, sent.end
    quotes = found.quotes
    own_dates = found.dates.within(s, e)
    near_dates = found.dates.within(max(0, s - _DATE_REACH), e)
    nums = [n for n in found.numbers.within(s, e)
            if not any(d.start <= n.start < d.end for d in near_dates)]  # «21 июня» is no count
    ctys = found.countries.within(s, e)
    # every reader of the row looks for a number or a country: without one, skip making it
    row = items(text, s, e, nums, ctys) if nums or ctys else []
    folded = norm_text(text[s:e])
    toks = tokens_within(found.toks, found.tok_starts, s, e)
    keys = word_keys(toks, lang)
    all_triggers = find_triggers(toks, keys, folded, lang, article_context)
    # «освободил от должности», «обмен мнениями», «могут выйти на свободу»: not a release
    senses = [t for t in all_triggers if not other_sense(
        text, found.toks, found.tok_starts, t.kind, t.start, t.end, lang, s, e)]
    other = len(senses) < len(all_triggers)
    all_triggers = senses
    triggers = [t for t in all_triggers if not quotes.contains(t.start)]
    counts = []
    # «остаются более 1100 человек, среди них 60 граждан Украины»: a sentence about people still
    # held, with no act of release in it, states no counts
    held_only = has_marker(folded, "held") and not any(
        t.kind in RELEASE_KINDS and t.pos != "participle" for t in all_triggers)
    release_context = not held_only and _release_context(folded, all_triggers, keys, lang, other)
    quoted_only = not held_only and not release_context and not other and \
        _quoted_in_release_article(row, quotes, article_context, own_dates, folded)
    if release_context or quoted_only:
        counts = country_counts(row, lang)
        if quoted_only:
            counts = [c for c in counts if quotes.contains(c.start)]
        acts = [(t.start, t.end) for t in triggers if t.kind in RELEASE_KINDS and t.pos == "verb"]
        counts += [c for c in singular_demonyms(row, acts)
                   if not any(x.start <= c.start < x.end for x in counts)]
        counts = [c for c in counts if not _held(text, c.start, c.end, s, e)]
        # «31 з них передали Литві»: the country people are sent to is not their citizenship
        counts = [c for c in counts if c.num is None or not any(
            c.num.end <= t.start and t.end <= c.end and t.pos == "verb" for t in all_triggers)]
    periods = found.periods[bisect_left(found.period_starts, s):bisect_left(found.period_starts, e)]
    sent_dates = [d for d in own_dates if not quotes.contains(d.start)]
    mentioned = [n for n in group_numbers(row, lang) if not any(c.num is n for c in counts)]
    groups = [n for n in mentioned if not quotes.contains(n.start)]
    groups = [n for n in groups if not _held(text, n.start, n.end, s, e)]
    st = _Sentence(
        index=i, start=s, end=e, headline=sent.paragraph in headline_paras,
        lead=sent.paragraph == lead_para, row=row, counts=counts, groups=groups,
        mentioned=mentioned,
        dates=sent_dates, triggers=triggers, codes=sorted({c.code for c in ctys}), folded=folded,
        periods=periods,
        quoted_act=any(quotes.contains(t.start) and t.kind in RELEASE_KINDS and t.pos == "verb"
                       and not t.future for t in all_triggers),
        quoted_kind=next((t.kind for t in all_triggers if quotes.contains(t.start)
                          and t.kind in RELEASE_KINDS and t.pos in ("verb", "noun")
                          and not t.future), None),
        quoted_dates=[d for d in own_dates if quotes.contains(d.start)],
        other_sense=other)
    if periods:  # running totals are background: no counts, no event numbers
        st.counts = [c for c in st.counts if not st.in_total(c.start)]
        st.groups = [n for n in st.groups if not st.in_total(n.start)]
    return st


def _background(st: _Sentence, text: str) -> bool:
    """«Напомним, …», «Ранее …»: a sentence about earlier acts. In the lead only at its opening
    («отпустили еще 16, в дополнение к освобожденным ранее» is the news act); anywhere, a
    background word beside a participle of release («звільнених раніше», «ранее освобожденных»)
    describes those people, not the sentence's act."""
    folded = st.folded[:40] if st.lead else st.folded
    if not has_marker(folded, "background"):
        return False
    release = [t for t in st.triggers if t.kind in RELEASE_KINDS]
    main = next((t for t in release if t.pos == "verb"), None)
    # words of release that describe people («звільнених», "who were released"), not the act
    parts = [t for t in release if t.pos == "participle" or main is not None and t.start > main.start]
    end = st.end
    # «…, кого звільнили раніше»: a background word in a clause after the act's own clause
    cut = _WHO_CLAUSE.search(text, st.start, st.end)
    if cut and any(t.pos == "verb" and t.start < cut.start() for t in release):
        end = cut.start()
    if not parts and end == st.end:
        return True
    toks = morph.tokens(text, st.start, end)
    near = {k + d for k, t in enumerate(toks) for d in (-1, 1)
            if any(p.start <= t.start < p.end for p in parts)}
    kept = " ".join(norm_word(t.text) for k, t in enumerate(toks) if k not in near)
    return has_marker(kept[:40] if st.lead else kept, "background")


# the opening of a clause about the people or a time, after the act's own clause
# «…, которого освободили», "a student who was freed": the relative word right before the trigger
_RELATIVE_BEFORE = re.compile(
    r"(?<!\w)(?:who\s+(?:was|were|had\s+been|has\s+been)|которо(?:го|й)\s+(?:был[аио]?\s+)?|"
    r"которых\s+(?:были\s+)?|якого\s+(?:було\s+)?|яких\s+(?:було\s+)?)"
    r"(?:\s*\w+ly\s+)?\s*$", re.IGNORECASE)
_WHO_CLAUSE = re.compile(
    r"[,;]\s+(?:(?:о|об|в|на|с|за|из|к|по|до|для|від|з|про|у|of|in|to|with)\s+)?"
    r"(?:котор\w*|кого|кому|як\w*|когда|коли|who|whom|which|when)(?!\w)",
    re.IGNORECASE)


_PRONOUNS = {"их", "них", "їх", "іх", "його", "її", "его", "ее", "яго", "them", "him", "her"}


def _pronoun_object(text: str, m: Mention) -> bool:
    """«Президент звільнив їх …»: the act's object is a pronoun for people named before."""
    nxt = morph.tokens(text, m.end, min(len(text), m.end + 12))
    return bool(nxt) and norm_word(nxt[0].text) in _PRONOUNS


_FILLERS = {"еще", "уже", "также", "тоже", "ще", "вже", "яшчэ", "also", "another"}


def _recap(st: _Sentence) -> list[tuple[DateMention, NumberMention, int, int]]:
    """«21 июня — 14 человек, 11 сентября — 52»: a date, a dash and a number, item after item.
    The first item may be a whole clause («3 июля президент помиловал 18 человек, 15 августа —
    еще 30»): a date with a number of people before the next date."""
    out = []
    row = st.row
    for d in st.dates:
        k = next((j for j, it in enumerate(row) if it.start >= d.end), None)
        if k is None or k + 1 >= len(row):
            continue
        if row[k].text in ("—", "–", "-", ":", "("):  # «3 июля — 30», «3 июля (30 человек)»
            k += 1
        elif not (row[k].kind == "w" and row[k].text in _FILLERS):  # "on August 15 another 18"
            continue
        while k < len(row) and row[k].kind == "w" and row[k].text in _FILLERS:
            k += 1
        if k < len(row) and row[k].kind == "num":
            n = row[k].num
            seg_end = row[k + 1].end if k + 1 < len(row) else n.end
            out.append((d, n, d.start, seg_end))
    if out:
        first = out[0][0]
        before = [d for d in st.dates if d.end <= first.start]
        if before:
            d0 = before[-1]
            nums = [n for n in st.groups if d0.end <= n.start < first.start]
            if len(nums) == 1:
                out.insert(0, (d0, nums[0], d0.start, nums[0].end))
    return out


def _mentions(st: _Sentence, text: str) -> list[Mention]:
    """Release-type mentions of one sentence, each number given to its event word."""
    release = [t for t in st.triggers if t.kind in RELEASE_KINDS]
    # "an Iranian student who was conditionally freed in October": a word of release in a clause
    # about one of the people describes them; it and the dates after it are not the act's
    cut = None
    for t in release[1:]:
        about = _RELATIVE_BEFORE.search(text, st.start, t.start)
        if about and any(r.pos == "verb" and r.start < t.start for r in release):
            cut = about.start()
            break
    if cut is not None:
        release = [t for t in release if t.start < cut]
        st = replace(st, triggers=[t for t in st.triggers if t.start < cut],
                     dates=[d for d in st.dates if d.start < cut])
    if not release:
        return []
    kind0 = _group_kind(release)
    pairs = _recap(st)
    if len(pairs) >= 2:
        return [Mention(kind0, st.index, a, b, count=n, date=d, headline=st.headline,
                        countries=st.codes) for d, n, a, b in pairs]
    acts = [t for t in release if t.pos in ("verb", "noun")]
    numbers: list[tuple[NumberMention, bool]] = [(n, False) for n in st.groups]
    numbers += [(c.num, True) for c in st.counts if c.how == "number" and c.num is not None
                and not any(c.num is n for n, _ in numbers)]
    numbers.sort(key=lambda x: x[0].start)
    if not acts:
        # «Двадцать два человека, освобожденных …»: a participle right after a group number
        parts = [t for t in release if t.pos == "participle"]
        for n in st.groups:
            if any(0 <= t.start - n.end <= 40 and "—" not in text[n.end:t.start]
                   for t in parts):
                m = Mention(parts[0].kind, st.index, n.start, n.end, count=n,
                            headline=st.headline, countries=st.codes)
                # «30 человек, помилованных 3 июля»: a recap names the act by its date
                m.date = _nearest_date(st, n.start, n.end, text, True)
                return [m]
        return []
    # each number goes to the nearest act before it (the act's object), else the first after
    given: dict[int, list[tuple[NumberMention, bool]]] = {}
    for n, only in numbers:
        before = [k for k, t in enumerate(acts) if t.start < n.start]
        k = before[-1] if before else 0
        given.setdefault(k, []).append((n, only))
    # an act without a number of its own is the same act as the one before it («освободил … и вывез»)
    groups: list[list[int]] = []
    for k in range(len(acts)):
        if k in given or not groups:
            groups.append([k])
        else:
            groups[-1].append(k)
    if groups and 0 not in given and len(groups) > 1 and groups[0] == [0]:
        groups[1] = [0] + groups[1]
        groups.pop(0)
    out = []
    for g in groups:
        trig = [acts[k] for k in g]
        nums = [x for k in g for x in given.get(k, [])]
        total = next((x for x in nums if not x[1]), None) or (nums[0] if nums else None)
        only = [n for n, is_only in nums if is_only]
        if total is not None and total[1] and len(only) > 1:
            # «освобождены 2 гражданина Японии и 1 гражданин Эстонии»: the act counts them all
            total = (NumberMention(sum(n.value for n in only), only[0].start, only[-1].end), True)
        elif len(nums) > 1 and len(only) < len(nums) and not st.headline \
                and _coordinated(text, [n for n, _ in nums]):
            # «повернулися 120 українських військових і семеро цивільних»: one list, one total
            # (a headline's list may be acts the body tells apart)
            ns = [n for n, _ in nums]
            total = (NumberMention(sum(n.value for n in ns), ns[0].start, ns[-1].end), False)
        if total is not None and not total[1] and _with_a_named_one(st, text, total[0]):
            n = total[0]  # «Петров и еще 13 заключенных», "Doe and 13 other prisoners"
            total = (NumberMention(n.value + 1, n.start, n.end, n.bound), False)
        if any(t.weak for t in trig) and all(t.weak for t in trig) and total is None:
            continue
        if total is None and all(t.pos == "noun" for t in trig):
            continue  # «Освобождение стало итогом переговоров»: a noun alone names no new act
        a = min([t.start for t in trig] + ([total[0].start] if total else []))
        b = max([t.end for t in trig] + ([total[0].end] if total else []))
        out.append(Mention(_group_kind(trig), st.index, a, b,
                           count=total[0] if total else None,
                           country_only=bool(total and total[1]),
                           headline=st.headline, countries=st.codes,
                           future=all(t.future for t in trig)))
    for m in out:
        if m.kind == "exchange" and m.count is None:
            m.count = _formula(st, text)  # «по формуле 84 на 84»: both sides
        # an act announced for later takes only a date of its own clause, never the article's
        m.date = _nearest_date(st, m.start, m.end, text, m.count is not None and not m.future)
    out = [m for m in out if not m.future or m.date is not None]
    # «Всего с начала года освобождены более 250 человек»: a running total names no act
    return [m for m in out if m.count is not None or m.date is not None
            or not (st.in_total(m.start) or st.in_total(m.end))]


def _row_index(st: _Sentence, n: NumberMention) -> int | None:
    """Where the number `n` stands in its sentence's row of items."""
    return next((k for k, it in enumerate(st.row) if it.num is n), None)


_MORE = frozenset({"еще", "ще", "яшчэ"})
_OTHER_AFTER = re.compile(r"\s+(?:other|others|more)\b")


def _with_a_named_one(st: _Sentence, text: str, n: NumberMention) -> bool:
    """«Петров и еще 13 политзаключенных», "Smith and 13 other prisoners": the named person
    is one more than the number. Not «граждан Украины и двух священников» (a country)."""
    row = st.row
    i = _row_index(st, n)
    if i is None:
        return False
    k = i - 1
    if k >= 0 and row[k].text in _MORE:
        k -= 1
    if k < 2 or row[k].text not in _AND_WORDS:
        return False
    name = row[k - 1]
    if name.kind != "w" or not text[name.start].isupper():
        return False
    return row[k].text != "and" or bool(_OTHER_AFTER.match(text, n.end))


_AND_WORDS = frozenset({"и", "і", "й", "та", "ды", "and"})


def _coordinated(text: str, nums: list[NumberMention]) -> bool:
    """Numbers listed one after another, each with its own people and joined by «и» / "and"
    («120 военных и семеро гражданских»): parts that make up the act, not a whole and its part
    («52 человека, в том числе 11 иностранцев»)."""
    for a, b in zip(nums, nums[1:]):
        if a.bound or b.bound:
            return False
        between = norm_text(text[a.end:b.start]).split()
        if not between or between[-1] not in _AND_WORDS or len(between) > 4 \
                or any(not w.replace("'", "").isalpha() for w in between):
            return False
    return True


_FORMULA = re.compile(r"(?<!\w)(?:формул\w*|формат\w*|фармат\w*|фармац\w*|схем\w*|formula|format)\s+"
                      r"(\d{1,5})\s*(?:на|for|x|×)\s*(\d{1,5})(?!\w)")


def _formula(st: _Sentence, text: str) -> NumberMention | None:
    """«обмен по формуле 84 на 84», "a 95-for-95 formula": an exchange of both sides' people."""
    m = _FORMULA.search(norm_text(text[st.start:st.end]))
    if m is None:
        return None
    return NumberMention(int(m.group(1)) + int(m.group(2)), st.start + m.start(1),
                         st.start + m.end(2))


def _group_kind(trigs: list[Trigger]) -> str:
    if any(t.kind == "exchange" for t in trigs):
        return "exchange"  # the release words of an exchange describe its result
    verbs = [t for t in trigs if t.pos == "verb" and not t.weak] or \
        [t for t in trigs if t.pos == "verb"] or trigs
    return verbs[0].kind


def _nearest_date(st: _Sentence, a: int, b: int, text: str, counted: bool) -> DateMention | None:
    """The date of an act: in its clause, else (for an act with a number) in its sentence.
    An act without a number takes only a date of its own clause, and never a bare year."""
    dates = [d for d in st.dates if not _court_date(text, st.start, d, st.triggers)]
    if not dates:
        return None
    clauses = _clause_bounds(text, st.start, st.end)
    same = [d for d in dates if _same_clause(clauses, d.start, a) or
            _same_clause(clauses, d.start, b - 1)]
    if not counted:
        # «… надеялся выйти 21.06.2025, когда на свободу отпустили …»: the when-clause
        # belongs to the date before it
        for (s0, e0), (s1, e1) in zip(clauses, clauses[1:]):
            if s1 <= a < e1 and re.match(r"[,;:]\s+(?:когда|коли|when)\b", text[s1:e1]):
                same += [d for d in dates if s0 <= d.start < e0]
        same = [d for d in same if not (d.date and len(d.date) == 4 and not d.relative)]
        if not same:
            return None
    pool = same or dates
    # a bare year («в 2023 году») dates arrests and sentences more often than releases
    pool = [d for d in pool if not (d.date and len(d.date) == 4 and not d.relative)] or pool
    best = min(pool, key=lambda d: min(abs(d.start - a), abs(d.start - b)))
    if best.same_day:
        # «11 сентября … помиловал 52, все они в тот же день были выдворены»: the day it refers
        # back to is in this sentence
        earlier = [d for d in dates if d.start < best.start and not d.same_day and d.date]
        if earlier:
            return earlier[-1]
    return best


def _other_events(st: _Sentence, text: str) -> list[Mention]:
    """Meetings, visits, calls, statements, sanctions: listed only when their clause is dated."""
    clauses = _clause_bounds(text, st.start, st.end)
    out: list[Mention] = []
    for t in st.triggers:
        if t.kind in RELEASE_KINDS or t.pos == "participle" and t.kind != "sanctions":
            continue
        if t.pos == "noun" and _after_sequence_word(text, t):
            continue
        dates = [d for d in st.dates if _same_clause(clauses, d.start, t.start)]
        if not dates:
            continue
        d = min(dates, key=lambda d: abs(d.start - t.start))
        if any(m.kind == t.kind for m in out):
            continue
        out.append(Mention(t.kind, st.index, t.start, t.end, date=d, headline=st.headline,
                           countries=st.codes))
    return out


# ---------------------------------------------------------------- folding mentions into events

def _group(kind: str) -> str:
    return "exchange" if kind == "exchange" else "release"


def _dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _next_day_same_number(e: Event, m: Mention) -> bool:
    """One article telling the same exact number of people freed a day apart («announced on
    Thursday» and later «the 52 released on Wednesday»): one act, told by its two days."""
    if e.bound or m.count.bound or e.count != m.count.value or e.count < 5 \
            or not (e.date and m.resolved and len(e.date) == len(m.resolved) == 10):
        return False
    return abs((dt.date.fromisoformat(e.date) - dt.date.fromisoformat(m.resolved)).days) == 1


def _counts_agree(e: Event, m: Mention) -> bool:
    if e.count is None or m.count is None:
        return False
    a, b = e.count, m.count.value
    if a == b:  # «около 35» and 35: one number told twice
        return e.bound == m.count.bound or bool({"lower", "approx"} & {e.bound, m.count.bound})
    # «более ста» and 123 are one number told twice; "at least 80" and 626 are two acts
    if m.count.bound == "lower":
        return b < a <= 2 * b and e.bound != "lower"
    if e.bound == "lower":
        return a < b <= 2 * a
    return False


def _resolve(m: Mention, events: list[Event]) -> None:
    d = m.date
    if d is None:
        m.resolved, m.firm = None, False
        return
    if d.same_day:
        prev = next((e.date for e in reversed(events) if e.date), None)
        m.resolved, m.firm = prev, prev is not None
        return
    m.resolved, m.firm = d.date, d.date is not None


def _ahead(date: str | None, article: Article) -> str | None:
    """An announced act's month or day given without a year («освободят в июле», in a June
    article) lies ahead of the article, not in the year before."""
    if date is None or article.date is None:
        return date
    own = article.date.isoformat()[:len(date)]
    return f"{int(date[:4]) + 1}{date[4:]}" if date < own and date[:4] < own[:4] else date


def _people_in(article: Article, people: list[Person], i: int) -> list[str]:
    sent = norm_text(article.sentence_text(i))
    out = []
    for p in people:
        forms = [p.name] + list(p.aliases)
        surname = p.name.split()[-1] if p.name.split() else ""
        stem = norm_word(surname[:max(4, len(surname) - 2)]) if surname else ""
        if any(norm_word(f) in sent for f in forms if f) or \
                (len(stem) >= 4 and re.search(rf"(?<!\w){re.escape(stem)}", sent)):
            out.append(p.name)
    return out


def find_events(article: Article, countries: list[CountryMention], people: list[Person]
                ) -> tuple[list[Event], list[Count], list[TotalCheck]]:
    text = article.text
    if not article.sentences:
        return [], [], []
    lang = detect_lang(text)
    dates = find_dates(text, article.date)
    headline_paras = {0} if article.title else set()
    body = [k for k, p in enumerate(article.paragraphs) if k not in headline_paras and not p.heading]
    lead_para = body[0] if body else None
    in_body = set(body)
    links = Spans(link_blocks(article))  # "read also" headlines of other stories
    order = [i for i, s in enumerate(article.sentences)
             if s.paragraph in in_body and not links.contains(s.start)] + \
        [i for i, s in enumerate(article.sentences) if s.paragraph in headline_paras]
    article_context = has_context(norm_text(text))
    toks = morph.text_tokens(text)
    periods = sorted(find_periods(text))
    found = _Found(toks=toks, tok_starts=[t.start for t in toks],
                   numbers=ByStart(find_numbers(text)), dates=ByStart(dates),
                   countries=ByStart(countries), periods=periods,
                   period_starts=[a for a, _ in periods], quotes=Spans(quote_spans(article)))
    sentences = {i: _read_sentence(article, i, found, lang, headline_paras, lead_para,
                                   article_context)
                 for i in order}

    events: list[Event] = []
    firm: list[bool] = []  # whether each event's date is stated (or own news), not a default
    own_date: set[int] = set()  # events dated as the article's own news, with no date words
    back: set[int] = set()  # events told in background sentences («Напомним, …», «Ранее …»)
    part_values: dict[int, set[int]] = {}  # event -> numbers told of a part of its people
    count_links: list[tuple[CountryCount, int | None, int]] = []
    other_seen = False  # a word of release in another sense read so far
    number_event: dict[int, int] = {}  # id(number) -> the event it was given to, so far
    for i in order:
        st = sentences[i]
        # «Напомним, …», «Ранее …»; in the lead only at its opening: «отпустили еще 16, в
        # дополнение к освобожденным ранее» is the news act
        background = _background(st, text)
        mentions = _mentions(st, text)
        if other_seen and not any(e.kind in RELEASE_KINDS for e in events):
            # «звільнив двох суддів …», then «Президент звільнив їх …»: the pronoun stands for
            # the office holders of the dismissal told before, not for freed people
            mentions = [m for m in mentions if m.count is not None or not _pronoun_object(text, m)]
        other_seen = other_seen or st.other_sense
        linked: dict[int, int] = {}  # id(count number) -> event index, for this sentence
        if _opens_with(st, "then") and i - 1 in sentences and sentences[i - 1].dates \
                and not sentences[i - 1].headline:
            # «Предыдущий был 5 февраля. Тогда Украина вернула …»: the day just named
            for m in mentions:
                m.date = m.date or sentences[i - 1].dates[-1]
        told = _numbers_of_act_told(st, mentions, events, article, body)
        if st.headline:
            _headline_parts(st, mentions, events, count_links, linked)
        for m in mentions:
            if id(m) in told:
                k = told[id(m)]
                linked[id(m.count)] = k
                continue
            k = None
            if not background and m.count is not None:
                if st.headline:  # «отпустили еще 16» over a body that tells 16 of 18 pardoned
                    k = next((j for j, vals in part_values.items()
                              if m.count.value in vals and j not in back), None)
                    if k is None:
                        k = _headline_part(m, events, back)
                if k is None:
                    k = _part_of_last(st, m, events, text, back)
                    if k is None:
                        before = events[-1].count if events else None
                        k = _whole_of_last(st, m, events, text, own_date)
                        if k is not None:
                            part_values.setdefault(k, set()).add(before)
                    else:
                        part_values.setdefault(k, set()).add(m.count.value)
            if k is not None:  # «Девятерых из них вывезли в Литву»: a part of the act, not one
                linked[id(m.count)] = k
                continue
            _resolve(m, events)
            if not background:
                k = _whole_of_foreign(m, events, sentences, text, back)
                if k is not None:
                    e = events[k]
                    part_values.setdefault(k, set()).add(e.count)
                    e.count, e.bound = m.count.value, m.count.bound
                    _restate(e, m)
                    linked[id(m.count)] = k
                    continue
            if m.future:
                m.resolved = _ahead(m.resolved, article)
            # the news act: the lead's, or the headline's when no act of the body is the news
            # (a headline may be the only place that states it); background never is
            own_news = m.resolved is None and not m.firm and article.date and not background \
                and (st.lead or st.headline or not any(e.kind in RELEASE_KINDS for e in events)
                     or _opens_with(st, "additive"))
            k = None
            if own_news and (m.count is None or st.headline):
                # another word for an act already told (a headline: for the body's news act)
                k = _fold(m, events, firm, st, skip=back if st.headline else frozenset())
            defaulted = own_news and k is None
            if defaulted:
                m.resolved, m.firm = article.date.isoformat(), True  # the article's own news
            if k is None and _tells_day_of_last(st, m, events, own_date):
                k = len(events) - 1
                events[k].date = m.resolved
                own_date.discard(k)
            if k is None:
                k = _fold(m, events, firm, st)
            if k is None:
                if defaulted:
                    own_date.add(len(events))
                events.append(Event(kind=m.kind, date=m.resolved, count=m.count.value
                                    if m.count else None, sentence=m.sentence, start=m.start,
                                    end=m.end, bound=m.count.bound if m.count else None,
                                    countries=list(m.countries)))
                firm.append(m.firm)
                k = len(events) - 1
                if background:
                    back.add(k)
            if m.count is not None:
                linked[id(m.count)] = k
                if not background:
                    # «указ о помиловании 22 человек, из которых 20 …»: the 20 a headline tells
                    # («отпустили еще 20») is this act's part
                    part_values.setdefault(k, set()).update(
                        int(x.group(1)) for x in _WHOLE_OF.finditer(
                            norm_text(text[m.count.end:st.end])))
        for m in _other_events(st, text):
            _resolve(m, events)
            if m.resolved is None:
                continue
            events.append(Event(kind=m.kind, date=m.resolved, count=None, sentence=m.sentence,
                                start=m.start, end=m.end, countries=list(m.countries)))
            firm.append(True)
        for c in st.counts:
            k = linked.get(id(c.num)) if c.num is not None else None
            if k is None:
                k = _event_of_count(c, st, mentions, linked, sentences, order, events,
                                    number_event)
            count_links.append((c, k, i))
        number_event.update(linked)
    if other_seen and not count_links and not any(
            e.kind in RELEASE_KINDS and e.count is not None for e in events):
        # an article about a dismissal («про звільнення суддів … за власними заявами»): a bare
        # «звільнив X і Y» elsewhere in it (its headline) is that dismissal too, not a release
        keep = [k for k, e in enumerate(events) if not (e.kind == "release" and e.count is None)]
        if len(keep) < len(events):
            renum = {old: new for new, old in enumerate(keep)}
            events = [events[k] for k in keep]
            firm = [firm[k] for k in keep]
            own_date = {renum[k] for k in own_date if k in renum}
            back = {renum[k] for k in back if k in renum}
    _number_said_in_quote(events, back, sentences, order, found.quotes)
    if not any(e.kind in RELEASE_KINDS for e in events):
        k = _act_said_in_quote(article, events, sentences, order, found.quotes)
        if k is not None and article.date and events[k].date == article.date.isoformat():
            own_date.add(k)  # the article's news, dated by it
    # counts stated before their event («Двое граждан Грузии …», then «девятерых … помиловал»)
    release_idx = [k for k, e in enumerate(events) if e.kind in RELEASE_KINDS]
    count_links = [(c, k if k is not None else (release_idx[0] if release_idx else None), i)
                   for c, k, i in count_links]
    for c, k, i in count_links:
        if k is not None:
            events[k].breakdown.setdefault(c.code, c.value)
    for e in events:
        e.people = _people_in(article, people, e.sentence)
    # reading order, as the gold lists them; counts follow their events
    _mark_inferred_dates(article, events, dates, own_date)
    perm = sorted(range(len(events)), key=lambda k: (events[k].sentence, events[k].start))
    new_index = {old: new for new, old in enumerate(perm)}
    events = [events[k] for k in perm]
    counts: list[Count] = []
    seen: set[tuple[str, int]] = set()
    for c, k, i in sorted(count_links, key=lambda x: (sentences[x[2]].headline, x[0].start)):
        if (c.code, c.value) in seen:
            continue  # the same fact stated again (headline, quote, recap)
        seen.add((c.code, c.value))
        ev = new_index.get(k) if k is not None else None
        counts.append(Count(country=c.code, count=c.value, start=c.start, end=c.end, sentence=i,
                            date=events[ev].date if ev is not None else None, event=ev))
    checks = _total_checks(article, order, sentences, events)
    return events, counts, checks


def _mark_inferred_dates(article: Article, events: list[Event], dates: list,
                         own_date: set[int]) -> None:
    """An event dated by the article's own date, with no date words in its sentence, is own news
    whose day is a guess: a report published the day after the act looks like this. Merging
    across articles needs to know."""
    if article.date is None:
        return
    own = article.date.isoformat()
    starts = [d.start for d in dates]
    for k, e in enumerate(events):
        s = article.sentences[e.sentence]
        lo = bisect_left(starts, s.start)
        # own news with no date words: neither in the sentence that states it nor where its
        # date came from («в пятницу провели обмен. Москва освободила двух …»)
        e.date_inferred = e.date == own and k in own_date and not (
            lo < len(dates) and dates[lo].start < s.end)


def _restate(e: Event, m: Mention) -> None:
    """The event's sentence becomes the first one that states it with its number."""
    e.sentence, e.start, e.end, e.countries = m.sentence, m.start, m.end, list(m.countries)


def _numbers_of_act_told(st: _Sentence, mentions: list[Mention], events: list[Event],
                         article: Article, body: list[int]) -> dict[int, int]:
    """Numbers, in a sentence with no date of its own, for the act told last without a number:
    «Россия и США в четверг провели обмен. Всего были освобождены 26 человек: Москва передала
    16 …». The act keeps its date and kind. Inside an exchange, one side's number is a part
    of it, not an event: the count is the stated total, else the sum of the sides (16 + 10).
    Returns id(mention) -> event index."""
    undated = [m for m in mentions if m.count is not None and m.date is None and not m.headline]
    if not undated or st.headline:
        return {}
    release = [k for k, e in enumerate(events) if e.kind in RELEASE_KINDS]
    if not release:
        return {}
    k = release[-1]
    e = events[k]
    here = article.sentences[st.index].paragraph
    there = article.sentences[e.sentence].paragraph
    if there not in body or here not in body or not 0 <= body.index(here) - body.index(there) <= 1:
        return {}
    if e.kind == "exchange":
        if e.count is None:
            first, rest = undated[0], undated[1:]
            # «Всего … 26 человек: Москва передала 16, …», or a first number that sums the rest
            total = first if not rest or has_marker(st.folded, "breakdown") or \
                first.count.value == sum(m.count.value for m in rest) else None
            e.count = total.count.value if total else sum(m.count.value for m in undated)
            e.bound = total.count.bound if total else None
            _restate(e, undated[0])
        return {id(m): k for m in undated if m.count.value <= e.count}
    near = st.index - e.sentence <= 2
    if e.count is None and near and _group(undated[0].kind) == _group(e.kind):
        e.count, e.bound = undated[0].count.value, undated[0].count.bound
        _restate(e, undated[0])
        return {id(undated[0]): k}
    return {}


_OF_THEM = re.compile(r"\s*(?:из|з|із|с|са|of|ад)\s+(?:них|іх|их|їх|them|whom)(?!\w)")
_THEM_BEFORE = re.compile(r"(?<!\w)(?:из|з|із|of|ад|среди|серед|сярод|among)\s+(?:них|іх|их|їх|them|"
                          r"those(?:\s+(?:released|freed|pardoned))?)\s*[,—–:-]?\s*(?:only\s+)?$")


def _foreign_number(n: NumberMention, text: str) -> bool:
    """«14 иностранных граждан», «14 іноземців»: a number of the foreigners of an act."""
    foreign = tuple(markers()["foreign"])  # word beginnings («иностранц», «іноземн»)
    return any(w.startswith(foreign) for w in norm_text(text[n.end:n.end + 30]).split()[:3])


def _whole_of_foreign(m: Mention, events: list[Event], sentences: dict[int, _Sentence],
                      text: str, back: set[int]) -> int | None:
    """«Загалом президент помилував 14 іноземних громадян» gave an act its number, and the
    headline (or a later sentence) states a larger one of the same act group («Президент
    звільнив 52 в'язнів»): the foreigners are a part of it, one act of the larger number."""
    if m.count is None or m.country_only or _foreign_number(m.count, text):
        return None
    if any(k not in back and e.kind in RELEASE_KINDS and _group(e.kind) == _group(m.kind)
           and _counts_agree(e, m) for k, e in enumerate(events)):
        return None  # the larger act is told already: the mention restates it
    for k in range(len(events) - 1, -1, -1):
        e = events[k]
        if k in back or e.kind not in RELEASE_KINDS or _group(e.kind) != _group(m.kind) or \
                e.count is None or e.bound or m.count.value <= e.count or \
                not _dates_agree(e.date, m.resolved if m.firm else None):
            continue
        st = sentences.get(e.sentence)
        if st is not None and any(n.value == e.count and _foreign_number(n, text)
                                  for n in st.mentioned):
            return k
    return None


def _part_of_last(st: _Sentence, m: Mention, events: list[Event], text: str,
                  back: set[int] | frozenset = frozenset()) -> int | None:
    """«Девятерых из них вывезли в Литву», «Из них 12 …»: a number of the people of the act
    told just before (this sentence or the one before), with no date of its own, is a part of
    that act: those sent to another country, or recognised as political prisoners. So is a
    smaller number of foreigners anywhere after it («Всего помилованы 14 иностранцев»)."""
    if m.count is None or not events:
        return None
    n = m.count
    if _foreign_number(n, text):
        # the foreigners of the news act: an act recalled in between («Раніше, у червні, …»)
        # is not the one they are part of. With a date of their own, they are a part only of
        # an exact total of that date, pardoned or freed (foreigners deported on a day are a
        # step of their own)
        k = next((j for j in range(len(events) - 1, -1, -1)
                  if j not in back and events[j].kind in RELEASE_KINDS), None)
        e = events[k] if k is not None else None
        dated_part = m.date is None or (
            m.kind != "deport" and e is not None and e.bound is None and
            (m.date.same_day or _dates_agree(e.date, m.date.date)))
        return k if e is not None and e.count is not None and n.value < e.count \
            and st.index >= e.sentence and dated_part else None
    if m.date is not None:
        return None
    k = len(events) - 1
    e = events[k]
    if e.kind not in RELEASE_KINDS or e.count is None or m.count.value >= e.count \
            or st.index < e.sentence:
        return None
    # «вышли 12 женщин и 13 мужчин»: the last act's people by sex or age, however far after it
    i = _row_index(st, n)
    if i is not None and subgroup(st.row, i):
        return k
    if st.index - e.sentence > 1:
        return None
    # «Помилование коснулось 14 человек …, и 34 заключённых»: the act named again by its noun,
    # right after it was told, with some of its people
    if _group(e.kind) == _group(m.kind) and not any(
            t.pos == "verb" for t in st.triggers if t.kind in RELEASE_KINDS):
        return k
    after = _OF_THEM.match(norm_text(text[n.end:n.end + 12]))
    before = _THEM_BEFORE.search(norm_text(text[max(st.start, n.start - 32):n.start]))
    return k if after or before else None


_WHOLE_OF = re.compile(r"(?<!\w)(?:из\s+которых|из\s+них|в\s+том\s+числе|з\s+яких|з\s+них|у\s+тому"
                       r"\s+числі|of\s+whom|of\s+them|including)\s+(?:\w+\s+)?(\d+)(?!\d)")


def _whole_of_last(st: _Sentence, m: Mention, events: list[Event], text: str,
                   own_date: set[int]) -> int | None:
    """«В Беларуси отпустили еще 20 политзаключенных. … указ о помиловании 22 человек, из
    которых 20 были осуждены по "экстремистским" статьям»: the act told a few sentences before
    was a part of this one, which states the whole: one act, of the larger number."""
    if m.count is None or not events:
        return None
    k = len(events) - 1
    e = events[k]
    stated = m.date.date if m.date is not None and not m.date.same_day else None
    guessed = k in own_date  # dated by the article for lack of words: the stated date wins
    if e.kind not in RELEASE_KINDS or e.count is None or e.bound or m.count.value <= e.count \
            or not 0 <= st.index - e.sentence <= 3 or not (
                guessed or _dates_agree(e.date, stated)):
        return None
    parts = [int(x.group(1)) for x in _WHOLE_OF.finditer(norm_text(text[m.count.end:st.end]))]
    if e.count not in parts:
        return None
    e.count, e.bound = m.count.value, m.count.bound
    _restate(e, m)
    if stated and guessed:
        e.date = stated
        own_date.discard(k)
    if e.kind == "release":
        e.kind = m.kind  # «помиловании» names the act more precisely than «отпустили»
    return k


def _headline_part(m: Mention, events: list[Event], back: set[int]) -> int | None:
    """"Four journalists, human rights lawyer pardoned" over a body whose one act pardoned 148:
    a smaller headline number with no date of its own names some of the act's people."""
    if m.date is not None:
        return None
    news = [k for k, e in enumerate(events) if e.kind in RELEASE_KINDS and k not in back]
    if len(news) != 1:
        return None
    e = events[news[0]]
    return news[0] if e.count is not None and e.bound is None and m.count.value < e.count \
        and _group(e.kind) == _group(m.kind) else None


def _number_said_in_quote(events: list[Event], back: set[int], sentences: dict[int, _Sentence],
                          order: list[int], quotes: Spans) -> None:
    """«Сегодня на свободу вышли 30 человек», — заявила пресс-секретарь: the number of the news
    act, when the text gives it only inside a quote, is its number (the act, without one, was
    told by the headline or a noun)."""
    news = [k for k, e in enumerate(events)
            if e.kind in RELEASE_KINDS and e.count is None and k not in back]
    if len(news) != 1 or len([e for e in events if e.kind in RELEASE_KINDS]) != 1:
        return
    e = events[news[0]]
    for i in order:
        st = sentences[i]
        if st.headline or not st.quoted_act or st.in_total(st.start):
            continue
        said = [n for n in st.mentioned if quotes.contains(n.start) and not st.in_total(n.start)]
        if said:
            n = said[0]
            e.count, e.bound = n.value, n.bound
            e.sentence, e.start, e.end = i, n.start, n.end
            return


def _act_said_in_quote(article: Article, events: list[Event], sentences: dict[int, _Sentence],
                       order: list[int], quotes: Spans) -> int | None:
    """«Сёння мы дазналіся пра вызваленне яшчэ 37 палітвязняў», — напісала …: an article whose
    only act of release is told inside a quotation, with its number, reports that act; dated by
    the quotation's own date words, else it is the article's news. Not a recollection
    («В прошлом году …», «Ранее …»: a background word) nor a date of another year."""
    for i in order:
        st = sentences[i]
        if st.headline or not st.quoted_kind or has_marker(st.folded, "background"):
            continue
        said = [n for n in st.mentioned if quotes.contains(n.start) and not st.in_total(n.start)]
        if not said:
            continue
        dated = [d for d in st.quoted_dates if d.date]
        if dated and not _this_week(dated[0].date, article):
            continue  # «В июне мы освободили …», «в прошлом году»: another time
        date = dated[0].date if dated else (article.date.isoformat() if article.date else None)
        n = said[0]
        events.append(Event(kind=st.quoted_kind, date=date, count=n.value, sentence=i,
                            start=n.start, end=n.end, bound=n.bound, countries=list(st.codes)))
        return len(events) - 1
    return None


def _this_week(date: str, article: Article) -> bool:
    """A day within the week before the article's («сегодня», «вчера», «в четверг»)."""
    if article.date is None or len(date) != 10:
        return False
    return 0 <= (article.date - dt.date.fromisoformat(date)).days < 7


def _tells_day_of_last(st: _Sentence, m: Mention, events: list[Event], own_date: set[int]) -> bool:
    """«… освободили 23 заключенных. Их вывезли к границе в четверг.»: a sentence opening with
    a pronoun for the people of the act just told, with a date and no number, tells the day of
    that act (whose sentence had only the article's date)."""
    if m.count is not None or not m.firm or not events:
        return False
    k = len(events) - 1
    e = events[k]
    return k in own_date and e.kind in RELEASE_KINDS and _group(e.kind) == _group(m.kind) \
        and st.index - e.sentence == 1 \
        and _opens_with(st, "anaphora")


def _opens_with(st: _Sentence, kind: str) -> bool:
    """The sentence opens with a marker of `kind` («Их вывезли», «Кроме того, …»)."""
    opening = " ".join(re.findall(r"[\w']+", st.folded[:40]))
    return any(opening.startswith(w + " ") for w in markers()[kind])


def _headline_parts(st: _Sentence, mentions: list[Mention], events: list[Event],
                    count_links: list, linked: dict[int, int]) -> None:
    """A headline number that is one country's number in an act the body tells («Минск передал
    Латвии четверых заключенных» over a body of 23 with four citizens of Latvia) is that count
    inside the act, not an act of its own: its mention goes (the count link is kept)."""
    parts: dict[int, dict[str, int]] = {}
    for c, k, _ in count_links:
        if k is not None:
            parts.setdefault(k, {})[c.code] = c.value
    for m in list(mentions):
        if m.count is None or m.country_only:
            continue
        for k, e in enumerate(events):
            if e.kind in RELEASE_KINDS and _group(e.kind) == _group(m.kind) \
                    and e.count is not None and m.count.value < e.count \
                    and any(parts.get(k, {}).get(code) == m.count.value for code in m.countries):
                mentions.remove(m)
                linked[id(m.count)] = k
                break


def _fold(m: Mention, events: list[Event], firm: list[bool], st: _Sentence,
          skip: set[int] | frozenset = frozenset()) -> int | None:
    """The index of the event this mention restates or is part of, or None for a new event.
    Events in `skip` (background, for a headline) are not considered."""
    release = [k for k, e in enumerate(events) if e.kind in RELEASE_KINDS and k not in skip]
    if m.count is None:
        # no number: another word for an act already told, unless its own date says otherwise
        if not release:
            return None
        if m.firm and m.date is not None and not m.date.same_day and not m.date.relative and \
                not any(events[k].date == m.resolved for k in release):
            return None
        for k in reversed(release):
            if _dates_agree(events[k].date, m.resolved) or not m.firm:
                return k
        return None
    for k in release:
        e = events[k]
        if m.country_only and _group(e.kind) == _group(m.kind) or m.country_only and \
                e.kind == "exchange":
            if e.count is not None and m.count.value < e.count and \
                    sum(e.breakdown.values()) + m.count.value <= e.count and \
                    _dates_agree(e.date, m.resolved):
                return k
        # «Україна повернула з полону 37 захисників» over the body's exchange of 37: its people
        swap = st.headline and e.kind == "exchange" and e.count == m.count.value
        if _group(e.kind) != _group(m.kind) and not swap or not _counts_agree(e, m):
            continue
        if not _dates_agree(e.date, m.resolved) and (m.firm or st.headline) and firm[k] \
                and not _next_day_same_number(e, m):
            continue
        if not firm[k] and m.firm and m.resolved:
            e.date, firm[k] = m.resolved, True
        if e.bound in ("lower", "approx") and m.count.bound is None:
            e.count, e.bound = m.count.value, None
        return k
    # «помиловал в сентябре» (no number), later «вышел на свободу 11 сентября в составе группы
    # из 52 человек»: the number and the finer date of the same act
    for k in reversed(release):
        e = events[k]
        if e.count is None and e.date and len(e.date) >= 7 and m.firm and m.resolved and \
                _dates_agree(e.date, m.resolved) and _group(e.kind) == _group(m.kind) \
                and not m.country_only:
            e.count, e.bound = m.count.value, m.count.bound
            _restate(e, m)
            if len(m.resolved) > len(e.date):
                e.date, firm[k] = m.resolved, True
            return k
    return None


def _event_of_count(c: CountryCount, st: _Sentence, mentions: list[Mention], linked,
                    sentences: dict[int, _Sentence], order: list[int], events: list[Event],
                    number_event: dict[int, int] | None = None):
    """The event a per-country number belongs to: one told in this sentence, else the group
    named in the sentence or two before («52 заключенных …», then «Среди них … 6 литовцев»),
    else the event told last."""
    here = [linked[id(m.count)] for m in mentions if m.count is not None and id(m.count) in linked]
    if here:
        before = [k for m, k in zip(mentions, here) if m.start <= c.start]
        return before[-1] if before else here[0]
    pos = order.index(st.index)
    for j in reversed(order[max(0, pos - 2):pos + 1]):
        for n in sentences[j].mentioned + [x.num for x in sentences[j].counts if x.num]:
            if number_event and id(n) in number_event and n is not c.num:
                return number_event[id(n)]  # the number was given to its act when read
            for k, e in enumerate(events):
                if e.kind in RELEASE_KINDS and e.count == n.value and n is not c.num:
                    return k
    release = [k for k, e in enumerate(events) if e.kind in RELEASE_KINDS]
    return release[-1] if release else None


# ---------------------------------------------------------------- total checks

def _total_checks(article: Article, order: list[int], sentences: dict[int, _Sentence],
                  events: list[Event]) -> list[TotalCheck]:
    """A stated total followed by its per-country breakdown («Всего помиловано 14 …: 6 из них —
    граждане Литвы, по двое — …»). A mismatch is recorded, not hidden."""
    text = article.text
    out = []
    body = [i for i in order if not sentences[i].headline]
    for pos, i in enumerate(body):
        st = sentences[i]
        if len({c.code for c in st.counts}) < 2 or has_marker(st.folded, "partial"):
            continue
        first = min(c.start for c in st.counts)
        breakdown_sum = sum(c.value for c in st.counts)
        own = [n for n in st.groups if n.end <= first]
        explicit = has_marker(st.folded, "breakdown") or (
            own and re.match(r"\s*[^\s,.;]*\s*[^\s,.;]*\s*:", text[own[-1].end:first]) is not None)
        total: NumberMention | None = own[-1] if own else None
        total_text = text[total.start:first] if total else ""
        if total is None and pos > 0:
            prev = sentences[body[pos - 1]]
            cands = prev.groups + [c.num for c in prev.counts if c.num and c.how == "number"]
            if cands:
                total = cands[0]
                total_text = text[total.start:min(total.end + 40, prev.end)]
        if total is None:
            continue
        foreign = has_marker(norm_text(total_text), "foreign")
        among = has_marker(st.folded, "among")
        # «Москва передала пятерых, среди них двух граждан США, …»: a part of that group is
        # listed, not the whole of it
        if own and total is own[-1] and not foreign and \
                has_marker(norm_text(text[total.end:first]), "among"):
            continue
        if explicit or (among and foreign) or breakdown_sum == total.value:
            out.append(TotalCheck(stated=total.value, breakdown_sum=breakdown_sum, sentence=i))
    return out
