"""People named in an article: canonical nominative names, the other forms used, and roles.

A person is found where a first name (pymorphy3 `Name`, or `data/given_names.tsv`) is followed by
a surname; the pair is put into the nominative by the first name's case and gender. Later the
surname alone, an inflected or lower-case surname («лукашенко») and a first name alone become
aliases. A role is the noun phrase right before a full name («президент Литвы Гитанас Науседа»).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.extract.model import Person
from app.extract.morph import Token, fold, parses, tokens
from app.reader import Article

DATA = Path(__file__).parent / "data"
_LATIN = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")
_CASE_ENDINGS = ("ого", "его", "ому", "ему", "ом", "ем", "ой", "ей", "ым", "им", "у", "ю", "а", "я",
                 "е", "ы", "и")
ROLE_GAP = re.compile(r"^[ \u00a0]*[«»\"“”„]?[ \u00a0]*$")  # what may stand between role words
PRONOUNS = {"он": "masc", "она": "femn", "він": "masc", "вона": "femn", "he": "masc", "she": "femn"}


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


def _name_parse(word: str):
    """The likeliest pymorphy3 parse of a first name, or None."""
    best = [p for p in parses(fold(word)) if "Name" in p.tag]
    return max(best, key=lambda p: p.score) if best else None


def _given_name(word: str) -> str | None:
    """The nominative of a listed first name, allowing a Russian case ending."""
    names = data_words("given_names.tsv")
    w = fold(word)
    if w in names:
        return w
    for end in _CASE_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            stem = w[: -len(end)]
            for cand in (stem, stem + "а", stem + "я", stem + "ь", stem + "й"):
                if cand in names:
                    return cand
    return None


def _is_first_name(t: Token) -> bool:
    return _is_cap(t) and (_given_name(t.text) is not None or
                           (not _LATIN.match(t.text) and _name_parse(t.text) is not None))


def _surname_like(t: Token) -> bool:
    if _is_cap(t):
        return True
    # a lower-case surname («Александра лукашенко») needs a surname reading
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
    uk = _uk_surname(written)
    if uk:
        return _cap(uk)
    options = [p for p in parses(fold(written)) if p.tag.case == case]
    for need_gender in (True, False):
        for p in sorted(options, key=lambda p: ("Surn" not in p.tag, -p.score)):
            if need_gender and p.tag.gender not in (gender, "ms-f"):
                continue
            if not need_gender and p.tag.POS != "NOUN":
                continue
            form = p.inflect({"nomn"})
            if form:
                return _cap(form.word)
    return _cap(written)


def _canonical(first: Token, rest: list[Token]) -> tuple[str, str | None]:
    """(nominative full name, gender) of a first name and the words after it."""
    if _LATIN.match(first.text):
        return " ".join([first.text] + [_cap(t.text) for t in rest]), None
    p = _name_parse(first.text)
    given = _given_name(first.text)
    if p is not None and (given is None or fold(first.text) != given):
        case, gender = p.tag.case, p.tag.gender
        form = p.inflect({"nomn"})
        first_nom = _cap(form.word if form else p.normal_form)
    else:
        # a listed name: the nominative is the listed form; Russian endings give the case
        case = "nomn" if given == fold(first.text) else "gent"
        gender = "femn" if (given or "").endswith(("а", "я", "е")) else "masc"
        first_nom = _cap(given or first.text)
    names = [first_nom] + [_surname_nominative(t.text, case, gender) for t in rest]
    return " ".join(names), gender


def _full_names(toks: list[Token], text: str) -> list[tuple[int, int]]:
    """Token ranges [i, j) of first name + (patronymic) + surname."""
    out, i = [], 0
    while i < len(toks) - 1:
        a, b = toks[i], toks[i + 1]
        if _is_first_name(a) and text[a.end:b.start] == " " and _surname_like(b) \
                and bool(_LATIN.match(a.text)) == bool(_LATIN.match(b.text)):
            j = i + 2
            c = toks[j] if j < len(toks) else None
            if c is not None and text[b.end:c.start] == " " and _is_cap(c) \
                    and any("Patr" in p.tag for p in parses(b.folded)):
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _stem(word: str) -> str:
    w = fold(word)
    for end in _CASE_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def _nominatives(word: str) -> set[str]:
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
    return out


# --- roles -----------------------------------------------------------------------------------

_EN_STOP = {"a", "an", "the", "to", "of", "and", "or", "with", "by", "for", "from", "between", "said",
            "says", "in", "on", "at", "as", "his", "her", "their", "its"}
_RU_LINKS = {"по", "з", "из"}  # prepositions inside a role («член комиссии по вопросам …»)
_UK_STOP = {"і", "й", "та", "у", "в", "на", "що", "до", "від", "для", "за", "про", "після", "як"}


def _role_word(t: Token) -> bool:
    return has_lemma(t.text, data_words("roles.tsv"))


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


def _russian(t: Token) -> bool:
    return not re.search(r"[іїєґ]", t.folded)


def ukrainian(text: str) -> bool:
    return len(re.findall(r"[іїєґІЇЄҐ]", text)) >= 5


def _nominative_phrase(words: list[Token], head: int, uk: bool = False) -> list[str]:
    """The words with the head and the adjectives before it put in the nominative (in Ukrainian
    text only a head noun Russian shares, such as «спецпосланника»)."""
    hp = max(parses(words[head].folded), key=lambda p: ("NOUN" in p.tag, p.score))
    gender = hp.tag.gender
    out = []
    for k, t in enumerate(words):
        word = t.text
        if k <= head and not t.text.isupper() and _russian(t) and (k == head or not uk):
            if k == head:
                form = hp.inflect({"nomn", "sing"}) or hp.inflect({"nomn"})
                if uk and form and fold(form.word) not in data_words("roles.tsv"):
                    form = None  # a Ukrainian word pymorphy3 only guessed at
            else:
                adj = [p for p in parses(t.folded) if p.tag.POS in ("ADJF", "PRTF")]
                want = {"nomn", "sing"} | ({gender} if gender in ("masc", "femn", "neut") else set())
                form = adj[0].inflect(want) if adj else None
            if form:
                word = form.word
                if t.text[:1].isupper():
                    word = word[:1].upper() + word[1:]
        out.append(word)
    return out


def role_phrase(article: Article, toks: list[Token], end: int, lo: int = 0,
                before_name: bool = True) -> str | None:
    """The nominative role phrase right before token `end` (no earlier than token `lo`), or None:
    «со спецпосланником президента США [Джоном Коулом]» → «спецпосланник президента США»."""
    text = article.text
    latin = 0 < end <= len(toks) and _LATIN.match(toks[end - 1].text) is not None
    start = end
    while start > lo and end - start < 8:
        t = toks[start - 1]
        if start < len(toks) and (start < end or before_name) and not _gap_ok(text, t, toks[start]):
            break
        if latin and (t.folded in _EN_STOP or not _LATIN.match(t.text)
                      or (t.text[:1].isupper() and not t.text.isupper())):
            break  # English modifiers: lower-case words and abbreviations («U.S. envoy»)
        if not latin and not _chain_word(t):
            break
        start -= 1
    heads = [k for k in range(start, end) if toks[k].folded not in _RU_LINKS and _role_word(toks[k])]
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
        e += 1  # keep the closing mark of a name inside the role («юрист «Вясны»»)
    if latin:
        return text[s:e]
    nominative = _nominative_phrase(words, head - first, ukrainian(text))
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


# --- the whole scan --------------------------------------------------------------------------

def _scan(article: Article) -> tuple[list[Person], list[Mention]]:
    text = article.text
    toks = tokens(text)
    people: list[Person] = []
    index: dict[str, int] = {}
    mentions: list[Mention] = []
    used: set[int] = set()
    for i, j in _full_names(toks, text):
        name, _ = _canonical(toks[i], toks[i + 1:j])
        key = fold(name)
        s, e = toks[i].start, toks[j - 1].end
        if key not in index:
            index[key] = len(people)
            people.append(Person(name=name, start=s, end=e))
        p = index[key]
        mentions.append(Mention(p, s, e))
        used.update(range(i, j))
        written = text[s:e]
        if written != people[p].name and written not in people[p].aliases:
            people[p].aliases.append(written)
        role = role_phrase(article, toks, i)
        if role and role not in people[p].roles:
            people[p].roles.append(role)
    # a surname or a first name alone
    surnames = [fold(p.name.split()[-1]) for p in people]
    firsts = [fold(p.name.split()[0]) for p in people]
    for k, t in enumerate(toks):
        if k in used or not people:
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
        p = _latest(hits, mentions, t.start)
        mentions.append(Mention(p, t.start, t.end))
        if t.text != people[p].name and t.text not in people[p].aliases:
            people[p].aliases.append(t.text)
    mentions.sort(key=lambda m: m.start)
    return people, mentions


def _latest(candidates: list[int], mentions: list[Mention], before: int) -> int:
    """Of several people, the one mentioned last before `before` (else the first)."""
    best, where = candidates[0], -1
    for m in mentions:
        if m.person in candidates and m.start < before and m.start > where:
            best, where = m.person, m.start
    return best


def find_people(article: Article) -> list[Person]:
    return _scan(article)[0]


def person_mentions(article: Article, people: list[Person]) -> list[Mention]:
    """Every place a person of `people` is named (full name or alias), in reading order."""
    text = article.text
    found: list[Mention] = []
    forms = sorted(((f, p) for p, person in enumerate(people) for f in [person.name, *person.aliases]),
                   key=lambda x: -len(x[0]))
    taken = [False] * len(text)
    for form, p in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            if not any(taken[m.start():m.end()]):
                found.append(Mention(p, m.start(), m.end()))
                for x in range(m.start(), m.end()):
                    taken[x] = True
    return sorted(found, key=lambda m: m.start)


def person_gender(person: Person) -> str | None:
    first = person.name.split()[0]
    if _LATIN.match(first):
        return None
    p = _name_parse(first)
    if p is not None:
        return p.tag.gender
    given = _given_name(first)
    return None if given is None else ("femn" if given.endswith(("а", "я")) else "masc")
