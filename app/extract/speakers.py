"""Who said a quotation: a person, an institution, or nobody we can name.

The attribution is read from the clause after the quote («…», — сказал X / “…,” X said), else
from the sentence part before it (X заявил: «…»; По словам X, «…»; X назвал … «…»). In that
clause a person named wins; then a pronoun (the last person named before it, of its gender);
then a role («президент Литвы» → the person introduced with it) or an institution
(«в заявлении посольства» → «Посольство США в Литве», as the article introduced it).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Sequence

from app.extract.model import Person
from app.extract.morph import Token, fold, lemma, parses, text_token_starts, text_tokens, tokens
from app.extract.name_forms import script_lang
from app.extract.offsets import ByStart, Spans
from app.extract.people import (DATA, PRONOUNS, _EN_STOP, _LATIN, Mention, data_words, has_lemma,
                                person_gender, person_mentions, role_phrase, role_words)
from app.reader import Article

_DASH_AFTER = re.compile(r"\s*,?\s*[—–-]{1,2}\s")  # used with .match(text, pos)
_COMMAS = re.compile(r"[, ]*")
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?](?=\s|$)|\n")
_PO_SLOVAM = re.compile(r"(?:по словам|по данным|за словами|за даними|паводле слоў|паводле|"
                        r"according to)\s+(.+?),?\s*$", re.I)
# «По её словам, …», «За його словами»: the last person of that gender
_PO_HIS = re.compile(r"(?:по\s+(его|ее|её)\s+словам|за\s+(його|її)\s+словами|"
                     r"паводле\s+(яго|яе)\s+слоў)(?!\w)", re.I)
_HIS = {"его": "masc", "ее": "femn", "её": "femn", "його": "masc", "її": "femn", "яго": "masc",
        "яе": "femn"}
# «Мы рады, — сказал он. — Но …»: an attribution printed inside the marks, between two dashes
_INNER = re.compile(r"[,!?…]\s+[—–]\s+([^—–\n]{3,160}?)[.,:]\s+[—–]\s+\S")
# «…», — сказал он. — «…»: between two quotations, the first one's attribution
_BETWEEN = re.compile(r"^\s*,?\s*[—–]\s+[^«»\"“”„\n]{2,160}?[.,:]\s*[—–]\s*$")
_REPORTED = {"что", "чтобы", "будто", "якобы", "що", "that"}  # the reported clause after a verb
LOOK_BACK = 2  # paragraphs before the quote's own in which a pronoun or bare role finds its person
SOURCE_SENTENCES = 6  # sentences back in which «говорится в сообщении» finds who issued it
SOURCE_WORDS = 80  # words from the end of a sentence in which its source is sought


def attribution_after(text: str, close: int) -> tuple[int, int] | None:
    """The span of the attribution clause after a closing mark, or None when the author's
    sentence simply goes on."""
    m = _DASH_AFTER.match(text, close + 1)  # no copy of the rest of a long text
    english = text[close - 1:close] == "," or text.startswith(",", close + 1)
    if not m and not english:
        return None
    start = m.end() if m else _COMMAS.match(text, close + 1).end()
    end_m = _SENTENCE_END.search(text, start)
    end = end_m.start() if end_m else len(text)
    if not m:  # English: the clause must hold a speech verb near its start
        # «…," spokesperson for Austria's foreign ministry Anna Berger said»: a role may come first
        words = tokens(text, start, end)[:12]
        if not any(t.folded in data_words("speech_verbs.tsv") for t in words):
            return None
    return start, end


def is_so_called(text: str, open_: int) -> bool:
    """«так называемую «большую сделку»», "so-called": a label nobody in particular said."""
    before = fold(text[max(0, open_ - 30):open_])
    return re.search(r"(так называем\w*|так зван\w*|so-called)\s*$", before) is not None


def _speech(t: Token) -> bool:
    return has_lemma(t.text, data_words("speech_verbs.tsv"))


def _last_person(article: Article, people: list[Person], mentions: ByStart[Mention], before: int,
                 gender: str | None, quotes: Spans) -> str | None:
    """The last person named before `before`, in this paragraph or the LOOK_BACK before it;
    None when an unnamed person of that gender comes after it («Я позвонил жене. Она …»)."""
    para = article.sentences[article.sentence_at(before)].paragraph
    floor = article.paragraphs[max(0, para - LOOK_BACK)].start
    for m in reversed(mentions.within(floor, before)):
        if not quotes.contains(m.start):
            g = person_gender(people[m.person])
            if gender is None or g is None or g == gender:
                if gender and _unnamed_between(article, mentions, m.end, before, gender, quotes):
                    return None
                return people[m.person].name
    return None


def _unnamed_between(article: Article, mentions: ByStart[Mention], start: int, end: int,
                     gender: str, quotes: Spans) -> bool:
    """A person noun of this gender («жене», «охранник») between `start` and `end` that no name
    follows closely, so it is someone the article does not name."""
    toks = _all_tokens(article.text)
    for k in range(bisect_left(text_token_starts(article.text), start), len(toks)):
        t = toks[k]
        if quotes.contains(t.start):
            continue
        if t.start >= end:
            break
        if not has_lemma(t.text, role_words()):
            continue
        noun = [p for p in parses(t.folded) if p.tag.POS == "NOUN"]
        if not noun or noun[0].tag.gender != gender or noun[0].tag.number != "sing":
            continue
        near = toks[k + 1:k + 5]
        if near and mentions.within(near[0].start, near[-1].start + 1):
            continue  # «жена Павла Орлова», «сестра Ивана»: a role of someone named
        return True
    return False


def _roles_only(between: str) -> bool:
    """Lower-case role words only ("chairman", "spokesperson"), as between an organisation and
    the person who holds a role in it."""
    words = between.split()
    return 0 < len(words) <= 3 and all(
        w.islower() and has_lemma(w, role_words()) for w in words)


def _relative_of(text: str, m: Mention) -> bool:
    """A name right after a word of kin, not in the nominative: «сестра Виктора Рыбалко» (the
    sister, unnamed), unlike «жена Светлана» (the wife, named)."""
    before = tokens(text, max(0, m.start - 30), m.start)
    if not before or text[before[-1].end:m.start].strip() or \
            not has_lemma(before[-1].text, data_words("roles.tsv", kind="kin")):
        return False
    first = tokens(text, m.start, m.end)[0]
    return not any(p.tag.case == "nomn" for p in parses(first.folded) if "Name" in p.tag
                   or "Surn" in p.tag) and not _LATIN.match(first.text)


def _all_tokens(text: str) -> tuple[Token, ...]:
    return text_tokens(text)


def _verb_gender(text: str, start: int, end: int) -> str | None:
    """The gender of the past-tense speech verb in a clause («подчеркнула» → femn)."""
    for t in tokens(text, start, end):
        if _speech(t):
            for p in parses(t.folded):
                if p.tag.POS == "VERB" and p.tag.gender in ("masc", "femn"):
                    return p.tag.gender
            return None
    return None


def _country_codes(text: str) -> set[str]:
    try:
        from app.extract.countries import find_countries
        return {c.code for c in find_countries(text)}
    except Exception:  # countries are another module's job; roles then match without them
        return set()


def _role_key(role: str) -> list[str]:
    return [lemma(t.text) for t in tokens(role)]


def resolve_role(article: Article, people: list[Person], mentions: ByStart[Mention], role: str,
                 before: int) -> str | None:
    """The person introduced with this role: the same words; else a head of state with the
    same country («белорусский диктатор» → «президент Беларуси»); else the one named last."""
    key = _role_key(role)
    for p in people:
        if any(_role_key(r) == key for r in p.roles):
            return p.name
    # a shorter form of the role: «лидер оппозиции» for «лидер белорусской оппозиции»,
    # «представитель Кремля» for «пресс-секретарь Кремля» (the same complement)
    words = set(key)
    head, complement = _head_split(key)
    short = [i for i, p in enumerate(people) for r in p.roles
             if _head_split(_role_key(r))[0] == head and words <= set(_role_key(r))]
    if not short and complement and head:
        short = [i for i, p in enumerate(people) for r in p.roles
                 if complement <= _head_split(_role_key(r))[1]]
    if short:
        return people[_latest_of(short, mentions, before)].name
    heads = data_words("roles.tsv", kind="head")
    state = data_words("roles.tsv", kind="state")
    if not any(k in heads for k in key) and not (key[0] in ("глава", "лидер") and words & state):
        return None
    codes = _country_codes(role)
    candidates = []
    for i, p in enumerate(people):
        for r in p.roles:
            if any(k in heads for k in _role_key(r)):
                if not codes or _country_codes(r) & codes:
                    candidates.append(i)
    if not candidates:
        return None
    return people[_latest_of(candidates, mentions, before)].name


def _head_split(key: list[str]) -> tuple[str | None, set[str]]:
    """(the head noun of a role, the words after it): «жена правозащитника» → (жена, {правозащитник})."""
    for i, w in enumerate(key):
        if w in role_words():
            return w, set(key[i + 1:])
    return None, set()


def _latest_of(candidates: list[int], mentions: ByStart[Mention], before: int) -> int:
    """Of several people, the one named last before `before` (else the first)."""
    for m in reversed(mentions.within(0, before)):
        if m.person in candidates:
            return m.person
    return candidates[0]


def _institution_head(t: Token) -> bool:
    """An institution noun; «Telegram-канал» by the word after its hyphen."""
    words = data_words("institutions.tsv")
    text = re.sub(r"['’]s$", "", t.text)  # "the NGO's accounts"
    return has_lemma(text, words) or ("-" in text and has_lemma(text.rsplit("-", 1)[1], words))


def _nominative(word: str, gender: str | None = None) -> str:
    if _LATIN.match(word) or word.isupper():
        return word
    ps = parses(fold(word))
    p = ps[0]
    want = {"nomn"} | ({gender} if gender and p.tag.POS in ("ADJF", "PRTF") else set())
    form = p.inflect(want) if p.tag.POS in ("NOUN", "ADJF", "PRTF") else None
    out = form.word if form else word
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def institution_phrase(text: str, toks: Sequence[Token], h: int) -> tuple[str, bool]:
    """(nominative phrase around the institution head at token h, has a complement)."""
    latin = _LATIN.match(toks[h].text) is not None
    first = h
    while first > 0 and text[toks[first - 1].end:toks[first].start] == " ":
        t = toks[first - 1]
        if latin and _LATIN.match(t.text.replace("’", "'")) and t.folded not in _EN_STOP \
                and not _speech(t) and h - first < 4:
            first -= 1  # "the US embassy", "the press service", "Lukashenka's press service"
        elif not latin and (parses(t.folded)[0].tag.POS in ("ADJF", "PRTF")
                            or _uk_be_adjective(text, t.folded)) \
                and not any(ch.isdigit() for ch in t.text):
            first -= 1  # «Координаційний штаб»
        else:
            break
    last = h + 1
    while last < len(toks) and not latin:
        gap = text[toks[last - 1].end:toks[last].start]
        t = toks[last]
        if not re.match(r"^\s?[«\"“„]?$", gap):
            break
        p = parses(t.folded)[0]
        if t.text[:1].isupper() or t.text.isupper():
            last += 1
        elif t.folded in ("в", "во") and last + 1 < len(toks) and toks[last + 1].text[:1].isupper() \
                and not toks[last + 1].text[:1].isascii():  # a place, not «в Telegram-канале»
            last += 2
        elif p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") \
                or _uk_be_genitive(text, t.folded):
            last += 1
        elif t.folded in _MATTERS_OF and last + 1 < len(toks) \
                and toks[last + 1].folded in _MATTERS_OF[t.folded]:
            last += 2  # «штаб з питань …», «комиссия по вопросам …»
        else:
            break
    if latin:
        last = _english_complement(text, toks, h)
        if last == h + 1:  # "the NGO Foro Penal": the name that follows the head
            while last < len(toks) and last - h <= 3 and toks[last].text[:1].isupper() \
                    and text[toks[last - 1].end:toks[last].start] == " " \
                    and _LATIN.match(toks[last].text) and not _speech(toks[last]):
                last += 1
    s, e = toks[first].start, toks[last - 1].end
    if text[e:e + 1] in "»\"”" and text[s:e].count("«") > text[s:e].count("»"):
        e += 1
    channel = re.search(r"[«\"“„]([^»\"”“]+)[»\"”“]", text[s:e])
    if channel and lemma(toks[h].text).endswith(("канал", "channel")):
        return channel.group(1), True  # a channel is known by its name: «Пул Первого»
    if latin:
        return text[s:e], last > h + 1
    head_gender = parses(toks[h].folded)[0].tag.gender
    out, pos = [], s
    for k in range(first, last):
        t = toks[k]
        out.append(text[pos:t.start])
        out.append(_nominative(t.text, head_gender) if k <= h
                   and not _uk_be_adjective(text, t.folded) else t.text)
        pos = t.end
    out.append(text[pos:e])
    phrase = "".join(out)
    return phrase[:1].upper() + phrase[1:], last > h + 1


_MATTERS_OF = {"з": {"питань"}, "із": {"питань"}, "по": {"вопросам", "делам"},
               "па": {"пытаннях", "справах"}, "у": {"справах"}}
_UK_BE_ADJECTIVE = ("ий", "ій", "ый", "ая", "ае", "ська", "цька", "ская")


def _uk_be_adjective(text: str, w: str) -> bool:
    """In a Belarusian or Ukrainian text, an adjective before an institution («Координаційний
    штаб», «Дзяржаўны дэпартамент»), which pymorphy3's Russian dictionary does not read."""
    return script_lang(text) != "ru" and w.endswith(_UK_BE_ADJECTIVE)


_UK_BE_GENITIVE = ("а", "я", "ы", "и", "і", "ї", "ў", "ів", "их", "ых", "іх", "ого", "ої", "ага")
_PAST = ("ла", "лі", "ли", "ло")


def _uk_be_genitive(text: str, w: str) -> bool:
    """In a Belarusian or Ukrainian text, a word with a genitive ending («кіраўніка дзяржавы»,
    «диктатора», «замежных спраў»), which pymorphy3's Russian dictionary does not read; not a
    past-tense verb («паведаміла»)."""
    return script_lang(text) != "ru" and w.endswith(_UK_BE_GENITIVE) and not w.endswith(_PAST) \
        and w not in data_words("speech_verbs.tsv")


def _english_complement(text: str, toks: Sequence[Token], h: int) -> int:
    """The end (a token index) of an English institution's complement: "embassy in Vilnius",
    "press service of the Belarusian leader"; up to a speech verb or punctuation."""
    k = h + 1
    if k + 1 >= len(toks) or toks[k].folded not in ("of", "in", "for", "at") \
            or text[toks[h].end:toks[k].start] != " ":
        return h + 1
    last = h + 1
    j = k + 1
    while j < len(toks) and j - k <= 5 and text[toks[j - 1].end:toks[j].start] == " " \
            and _LATIN.match(toks[j].text) and not _speech(toks[j]) \
            and (toks[j].folded == "the" or toks[j].folded not in _EN_STOP):
        if toks[j].folded != "the":
            last = j + 1
        j += 1
    return last


def resolve_institution(article: Article, toks: Sequence[Token], h: int) -> str:
    """The institution as the article introduced it: a bare «посольства» takes the fuller
    phrase of an earlier mention with the same head («Посольство США в Литве»)."""
    phrase, complete = institution_phrase(article.text, toks, h)
    if complete:
        return phrase
    head = lemma(toks[h].text).rsplit("-", 1)[-1]
    for k, t in enumerate(toks[:h]):
        if lemma(t.text).rsplit("-", 1)[-1] == head:
            earlier, ok = institution_phrase(article.text, toks, k)
            if ok:
                return earlier
    return phrase


def _named_org(article: Article, toks: Sequence[Token], name: str) -> str:
    """«в «Роднике»» → the institution introduced with that name («Правозащитный центр «Родник»»)."""
    stem = fold(name)[:4]
    for k, t in enumerate(toks):
        if _institution_head(t):
            phrase, ok = institution_phrase(article.text, toks, k)
            m = re.search(r"[«\"“„]([^»\"”“]+)", phrase)
            if ok and m and fold(m.group(1))[:4] == stem:
                return phrase
    first, sep, rest = name.partition(" ")  # «Пул Первого»: the words after the first are
    return _nominative(first) + sep + rest   # its complement, already as written


def _generic_institution(toks: Sequence[Token], k: int) -> bool:
    """«ведомство», «министерство» with no complement, "the NGO's": the institution named
    before."""
    if toks[k].text[:1].isascii():
        return k > 0 and toks[k - 1].folded == "the" and re.search(r"['’]s$", toks[k].text) \
            is not None
    return lemma(toks[k].text) in ("ведомство", "дипведомство", "министерство", "служба",
                                   "структура") and (
        k + 1 >= len(toks) or parses(toks[k + 1].folded)[0].tag.case != "gent")


def _last_institution(article: Article, toks: Sequence[Token], before: int) -> str | None:
    """The institution named last before `before` («в Центре общественных связей ФСБ»)."""
    for k in range(bisect_left(text_token_starts(article.text), before) - 1, -1, -1):
        if _institution_head(toks[k]) and not _generic_institution(toks, k):
            return institution_phrase(article.text, toks, k)[0]
    return None


def resolve_clause(article: Article, people: list[Person], mentions: ByStart[Mention], start: int,
                   end: int, quotes: Spans, chain: bool = True) -> str | None:
    """The speaker a clause names; with `chain`, a clause that only names a text («говорится в
    сообщении») leads back to the source the article introduced before it."""
    text = article.text
    all_toks = _all_tokens(text)
    starts = text_token_starts(text)
    clause = [k for k in range(bisect_left(starts, start), bisect_left(starts, end))
              if not quotes.contains(all_toks[k].start)]
    # "She said the release of John Doe was …": the pronoun that speaks, not the name after
    if len(clause) > 1 and all_toks[clause[0]].folded in PRONOUNS \
            and any(_speech(all_toks[k]) for k in clause[1:3]):
        t = all_toks[clause[0]]
        return _last_person(article, people, mentions, t.start, PRONOUNS[t.folded], quotes)
    inside = [m for m in mentions.within(start, end) if not quotes.contains(m.start)
              and not _owns_institution(text, m)]
    for a, b in zip(inside, inside[1:] + [None]):
        # «адвокат Сорокиной Инга Белова»: a name right before another is a complement; so is
        # an organisation before its role and the person ("Open Ledger chairman Peter Haldane")
        if b is not None and (not text[a.end:b.start].strip() or _roles_only(text[a.end:b.start])):
            continue
        if _relative_of(text, a):
            return None  # «— рассказала сестра Виктора Рыбалко»: the unnamed sister said it
        return people[a.person].name
    for k in clause:
        t = all_toks[k]
        if t.folded in _PLURAL_PRONOUNS:
            # «— заявили они» after «Посольство сообщило …»: the institution of the sentence
            # before; people in the plural («освобожденные») are nobody named
            si = article.sentence_at(start)
            if si == 0:
                return None
            prev = article.sentences[si - 1]
            who = source_in(article, people, mentions, prev.start, prev.end, quotes)
            return who if who and who not in {p.name for p in people} else None
        if t.folded in PRONOUNS:
            return _last_person(article, people, mentions, t.start, PRONOUNS[t.folded], quotes)
        if t.folded in _possessives() and k + 1 < len(all_toks) and _source_noun(all_toks[k + 1]):
            # «говорится в ее сообщении»: the last person of that gender
            return _last_person(article, people, mentions, t.start, _possessives()[t.folded],
                                quotes)
    for k in clause:
        t = all_toks[k]
        if _institution_head(t):
            if k > 0 and all_toks[k - 1].folded in _OWN_WORDS:
                continue  # «издание Haqqin в своем Telegram-канале»: the owner named before
            if _generic_institution(all_toks, k):
                return _last_institution(article, all_toks, t.start) or \
                    resolve_institution(article, all_toks, k)
            return resolve_institution(article, all_toks, k)
        if has_lemma(t.text, role_words()) and t.folded not in ("по", "з"):
            if has_lemma(t.text, data_words("roles.tsv", kind="anon")):
                return None  # «источник», «собеседник агентства»: nobody named
            if _one_of(all_toks, k, start):
                return None  # «один из дипломатов», "a US official": someone not named
            j = k + 1
            while j < len(all_toks) and j - k < 6 and all_toks[j].start < end \
                    and not _speech(all_toks[j]) and not quotes.contains(all_toks[j].start):
                j += 1
            role = role_phrase(article, all_toks, j, lo=clause[0], before_name=False)
            while role is None and j > k + 2:
                # «Как отметил Глава государства на встрече с активом, «…»»: a role of two
                # words or more ends before the words of the occasion
                j -= 1
                role = role_phrase(article, all_toks, j, lo=clause[0], before_name=False)
                role = role if role and len(tokens(role)) > 1 else None
            if role:
                who = resolve_role(article, people, mentions, role, start)
                if who:
                    return who
                if len(tokens(role)) == 1:  # «— сказал дипломат»: the person just named
                    return _last_person(article, people, mentions, start,
                                        _verb_gender(text, start, end), quotes)
                return None  # «по словам представителя комиссии»: someone not named
    # «— отметили в «Роднике»»: an organisation named in quote marks (not «рассказала «Вестнику»»)
    m = re.search(r"[«\"“„]([A-ZА-ЯЁІЇЄ][^»\"”“]{1,40})[»\"”“]", text[start:end])
    if m and any(_speech(t) for t in tokens(text, start, end)):
        first = tokens(m.group(1))[0].folded
        if not all(p.tag.case in ("datv", "ablt") for p in parses(first)):
            return _named_org(article, all_toks, m.group(1))
    for k in clause:
        if _source_noun(all_toks[k]) and k + 1 < len(all_toks) \
                and text[all_toks[k].end:all_toks[k + 1].start] in (" ", " «", ' "') \
                and all_toks[k + 1].text[:1].isupper() and all_toks[k + 1].start < end:
            # «в заявлении Минобороны», «в сообщении Amnesty International»: the owner named
            if text[all_toks[k + 1].start - 1] == "«":
                m = re.match(r"[^»]{1,40}", text[all_toks[k + 1].start:end])
                if m:
                    return _named_org(article, all_toks, m.group())  # «в сообщении «Вясны»»
            return _capitalised_name(text, all_toks, k + 1, end)
    if chain and any(_source_noun(all_toks[k]) or _impersonal(all_toks[k]) for k in clause) \
            and not any(_source_noun(all_toks[k]) and _owner_after(text, all_toks, k)
                        for k in clause):
        return introduced_source(article, people, mentions, start, quotes)
    return None


# --- a text that points back to its source ---------------------------------------------------

_SEPARATORS = re.compile(r"[,;:()—–]|\s-\s")


@lru_cache(maxsize=1)
def _possessives() -> dict[str, str]:
    out = {}
    for line in (DATA / "attribution_words.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and cols[1] == "possessive":
            out[fold(cols[0])] = cols[2].strip()
    return out


def _source_noun(t: Token) -> bool:
    return has_lemma(t.text, data_words("attribution_words.tsv", kind="source"))


def _impersonal(t: Token) -> bool:
    return has_lemma(t.text, data_words("attribution_words.tsv", kind="impersonal"))


_OWN_WORDS = {"своем", "своём", "своей", "своих", "своєму", "своїй", "своїх", "сваім", "сваёй",
              "own"}
_PLURAL_PRONOUNS = {"они", "вони", "яны", "they"}
_INDEFINITE = {"один", "одна", "одно", "одного", "одной", "одна", "a", "an", "one", "адзін", "адна"}


def _one_of(toks: Sequence[Token], k: int, start: int) -> bool:
    """A role word after an indefinite word or in the plural: «один из дипломатов», "a US
    official", «— сказали дипломаты»."""
    for j in range(max(0, k - 3), k):
        if toks[j].start >= start and toks[j].folded in _INDEFINITE:
            return True
    t = toks[k]
    if _LATIN.match(t.text):
        return False
    noun = [p for p in parses(t.folded) if p.tag.POS == "NOUN"]
    return bool(noun) and all(p.tag.number == "plur" for p in noun)


def _capitalised_name(text: str, toks: Sequence[Token], k: int, end: int) -> str:
    """The capitalised words from token k on, as written (one Cyrillic word in the nominative):
    the owner of a statement that no list of institutions knows."""
    j = k + 1
    while j < len(toks) and j - k < 4 and toks[j].start < end and toks[j].text[:1].isupper() \
            and text[toks[j - 1].end:toks[j].start] == " ":
        j += 1
    s, e = toks[k].start, toks[j - 1].end
    if _LATIN.match(toks[k].text):
        return text[s:e]
    return _nominative(toks[k].text) + text[toks[k].end:e]  # «Вясны» → «Вясна»


def _owner_after(text: str, toks: Sequence[Token], k: int) -> bool:
    """«в заявлении семьи»: a text whose owner follows in the genitive (someone the article
    does not name, or it would have been found before)."""
    if k + 1 >= len(toks) or text[toks[k].end:toks[k + 1].start] != " ":
        return False
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in
               parses(toks[k + 1].folded)[:1])


def _owns_institution(text: str, m: Mention) -> bool:
    """A person named as the owner of an institution: «пресс-служба Петренко», «офис Иванова»,
    "Petrenka's press service": the institution speaks, not the person."""
    before = tokens(text, max(0, m.start - 40), m.start)
    if before and not text[before[-1].end:m.start].strip() and _institution_head(before[-1]):
        # «секретарь штаба Дмитрий Усов»: a full name in the nominative is no owner; English
        # marks an owner with "'s" ("the ministry's Anna Berger" is hers, "ministry Anna Berger" no)
        words = tokens(text, m.start, m.end)
        if _LATIN.match(words[0].text):
            return False
        return len(words) == 1 or not any(p.tag.case == "nomn" for p in parses(words[0].folded))
    if text.startswith(("'s", "’s"), m.end):
        after = tokens(text, m.end + 2, min(len(text), m.end + 40))[:3]
        return any(_institution_head(t) for t in after)
    return False


def _separator_bounds(text: str, lo: int, hi: int, at: int, quotes: Spans) -> tuple[int, int]:
    """The stretch of [lo, hi) around `at` between separators (commas, dashes, colons) that are
    not inside a quotation."""
    lo, hi = max(lo, at - 300), min(hi, at + 300)  # a clause is short; a line may be a megabyte
    left, right = lo, hi
    for m in _SEPARATORS.finditer(text, lo, hi):
        if quotes.contains(m.start()):
            continue
        if m.end() <= at:
            left = m.end()
        elif m.start() >= at:
            right = m.start()
            break
    return left, right


def source_in(article: Article, people: list[Person], mentions: ByStart[Mention], start: int,
              end: int, quotes: Spans) -> str | None:
    """Who [start, end) says spoke or wrote: the part of the sentence around its last speech verb
    or text noun («…, сообщила пресс-служба президента», «X написал в соцсети, что …»)."""
    toks = _all_tokens(article.text)
    starts = text_token_starts(article.text)
    last = bisect_left(starts, end) - 1
    for k in range(last, max(bisect_left(starts, start), last - SOURCE_WORDS) - 1, -1):
        t = toks[k]
        if quotes.contains(t.start) or _impersonal(t) or not (_speech(t) or _source_noun(t)):
            continue
        a, b = _separator_bounds(article.text, start, end, t.start, quotes)
        who = resolve_clause(article, people, mentions, a, b, quotes, chain=False)
        if who:
            return who
    return None


def introduced_source(article: Article, people: list[Person], mentions: ByStart[Mention],
                      before: int, quotes: Spans) -> str | None:
    """The source the article introduced last before `before`, in this paragraph or the
    LOOK_BACK before it: «X написал в соцсети …» — «…», — говорится в сообщении."""
    si = article.sentence_at(before)
    floor = article.sentences[si].paragraph - LOOK_BACK
    for k in range(si, max(-1, si - SOURCE_SENTENCES), -1):
        s = article.sentences[k]
        if s.paragraph < floor:
            break
        who = source_in(article, people, mentions, s.start, min(s.end, before), quotes)
        if who:
            return who
    return None


def _reported_cut(text: str, start: int, open_: int) -> int:
    """The end of the attribution before a quote: «В ведомстве отметили, что Иванов «…»» →
    the reported clause after «что» names who the words are about, not who said them."""
    seen_verb = False
    for t in tokens(text, start, open_):
        if seen_verb and t.folded in _REPORTED:
            return t.start
        seen_verb = seen_verb or _speech(t)
    return open_


def inner_attribution(text: str, parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of an attribution inside the marks: «Мы рады, — сказал он. — Но …»."""
    for s, e in parts:
        for m in _INNER.finditer(text, s, e):
            if any(_speech(t) for t in tokens(text, m.start(1), m.end(1))[:4]) or \
                    any(_speech(t) for t in tokens(text, m.start(1), m.end(1))[-2:]):
                return m.start(1), m.end(1)
    return None


def continues_quote(text: str, prev_close: int, open_: int) -> bool:
    """«…», — сказал X. — «…»: the second quotation goes on with the first one's speaker."""
    return _BETWEEN.match(text[prev_close + 1:open_]) is not None


def find_speaker(article: Article, people: list[Person], open_: int, close: int,
                 quotes: Spans, mentions: ByStart[Mention] | None = None) -> str | None:
    """The speaker of the quotation between the marks at `open_` and `close`; `quotes` are the
    spans (marks included) of every quotation in the article; `mentions` those of its people."""
    text = article.text
    if is_so_called(text, open_):
        return None
    if mentions is None:
        mentions = ByStart(person_mentions(article, people))
    after = attribution_after(text, close)
    if after:
        return resolve_clause(article, people, mentions, after[0], after[1], quotes)
    sent = article.sentences[article.sentence_at(open_)]
    start = sent.start
    earlier = quotes.last_before(open_)  # begin after an earlier quote in the same sentence
    if earlier is not None and start <= earlier[1] < open_:
        start = earlier[1] + 1
    before = text[start:open_]
    m = _PO_HIS.search(before)
    if m:
        word = next(g for g in m.groups() if g).lower()
        return _last_person(article, people, mentions, open_ - len(before) + m.start(), _HIS[word],
                            quotes)
    m = _PO_SLOVAM.search(before)
    if m:
        return resolve_clause(article, people, mentions, open_ - len(before) + m.start(1),
                              open_, quotes)
    if before.rstrip().endswith(":") or any(_speech(t) for t in tokens(text, start, open_)):
        return resolve_clause(article, people, mentions, start, _reported_cut(text, start, open_),
                              quotes)
    if before.strip():
        if earlier is not None and start == earlier[1] + 1:
            # «X said that they were “safe” at the embassy “ahead of their release”»: a second
            # quotation in the same reported clause is the same speaker's
            return find_speaker(article, people, earlier[0], earlier[1], quotes, mentions)
        return None
    return _around(article, people, mentions, open_, close, quotes)


_ABOUT = {"об", "о", "про", "пра", "about"}
_BACK_OPENING = re.compile(r"\s*[.!?…]?\s+(?=\w)")


def _around(article: Article, people: list[Person], mentions: ByStart[Mention], open_: int,
            close: int, quotes: Spans) -> str | None:
    """A quotation that stands as a sentence of its own, with no attribution in it: the speaker
    is named in a lead-in ending with a colon («Он сказал:» closing the paragraph before), in the
    next sentence when it refers back («Эти слова …», «Так прокомментировал …»), or in the
    sentence before when that one introduces a statement («МИД выступил с заявлением.»)."""
    text = article.text
    si = article.sentence_at(open_)
    m = _BACK_OPENING.match(text, close + 1)
    if m:
        nxt = article.sentence_at(m.end())
        s = article.sentences[nxt]
        first = tokens(text, m.end(), s.end)[:2]
        if first and first[0].folded in _ABOUT and len(first) > 1:
            first = first[1:]  # «Об этом заявил …», «Про це повідомила …»
        if nxt != article.sentence_at(close) or s.start == m.end():
            if first and has_lemma(first[0].text, data_words("attribution_words.tsv", kind="back")):
                # «…». Эти слова повторил X / Это слово повторяли все: who, or nobody named
                return resolve_clause(article, people, mentions, s.start, s.end, quotes,
                                      chain=False)
    if si == 0:
        return None
    prev = article.sentences[si - 1]
    if article.sentences[si].paragraph - prev.paragraph > 1:
        return None
    body = text[prev.start:prev.end].rstrip()
    if body.endswith(":"):
        return resolve_clause(article, people, mentions, prev.start,
                              _reported_cut(text, prev.start, prev.start + len(body) - 1), quotes)
    rest = text[close + 1:article.sentences[article.sentence_at(close)].end]
    if rest.strip(" .!?…\n") or not body.endswith((".", "!")):
        return None  # the author's sentence goes on after the quotation
    return source_in(article, people, mentions, prev.start, prev.end, quotes)
