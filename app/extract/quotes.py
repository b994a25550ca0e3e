"""Direct quotations: pairs of quote marks, told apart from quoted names, with their speakers.

Marks: «…», „…“, “…”, straight "…" (opening after a space, closing after a letter). Nested
quotes stay inside the outer one. A quotation whose paragraph ends with no closing mark goes on
where the next paragraph opens a new mark. Quoted names of media, organisations, laws and
criminal articles are not quotations (`data/quoted_name_markers.tsv`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.model import Person, Quote
from app.extract.offsets import ByStart, Spans
from app.extract.morph import lemma, tokens, word_count
from app.extract.noise import link_blocks
from app.extract.people import data_words, has_lemma, person_mentions
from app.extract.speakers import (attribution_after, continues_quote, find_speaker,
                                  inner_attribution, is_so_called, resolve_clause)
from app.reader import Article

STATEMENT_WORDS = 4  # a quoted clause of four or more words is a statement
_OPENERS = "«„“\""
_MARKS = re.compile('[«»„“”"]')


@dataclass
class Marked:
    parts: list[tuple[int, int]]  # (first char inside, closing mark) per paragraph

    @property
    def open(self) -> int:
        return self.parts[0][0] - 1

    @property
    def close(self) -> int:
        return self.parts[-1][1]


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(—–-:«„“") and not after.isspace()


_PAIRS = {"«": "»", "„": "“"}  # the openers a quotation carried over a paragraph break may use


def _closes_unopened(text: str, start: int, opener: str) -> bool:
    """Does the paragraph at `start` (or, past paragraphs with no marks, the next one with marks,
    up to four on) close a «…» (or „…“) it never opened: a quotation carried over paragraph
    breaks with no re-opening mark?"""
    closer = _PAIRS[opener]
    for _ in range(4):
        end = text.find("\n\n", start)
        end = end if end >= 0 else len(text)
        depth = 0
        seen = False
        for m in re.finditer(f"[{opener}{closer}]", text[start:end]):
            seen = True
            depth += 1 if m.group() == opener else -1
            if depth < 0:
                return True
        if seen or _MARKS.search(text, start, end) or end >= len(text):
            return False
        start = end + 2
    return False


def marked_spans(article: Article) -> list[Marked]:
    """Every outermost pair of quote marks, in reading order."""
    text = article.text
    out: list[Marked] = []
    pending: list[tuple[int, int]] | None = None  # an unclosed quote from the paragraph before
    pending_mark = ""  # and its opening mark
    for para in article.paragraphs:
        stack: list[tuple[str, int]] = []
        carried, carried_mark = pending, pending_mark
        pending = None
        out_closed_here = False
        for mark in _MARKS.finditer(text, para.start, para.end):  # only the marks
            i, c = mark.start(), mark.group()
            closes = False
            if c == "«" or c == "„":
                stack.append((c, i))
            elif c == "»":
                closes = bool(stack) and stack[-1][0] == "«"
                if not stack and carried and carried_mark == "«" and not out_closed_here:
                    # the quotation of the paragraph before goes on with no re-opening mark
                    out.append(Marked(carried + [(para.start, i)]))
                    carried = None
                    out_closed_here = True
            elif c == "“":
                if stack and stack[-1][0] == "„":
                    closes = True
                elif not stack and carried and carried_mark == "„" and not out_closed_here:
                    out.append(Marked(carried + [(para.start, i)]))  # „… ¶ …“
                    carried = None
                    out_closed_here = True
                else:
                    stack.append((c, i))
            elif c == "”":
                closes = bool(stack) and stack[-1][0] in "“„"
            elif c == '"':
                if stack and stack[-1][0] == '"' and not _straight_opens(text, i):
                    closes = True
                elif _straight_opens(text, i):
                    stack.append((c, i))
            if closes:
                _, o = stack.pop()
                if not stack:
                    parts = [(o + 1, i)]
                    if carried and o == para.start:  # the next paragraph re-opens the quote
                        parts = carried + parts
                    carried = None
                    out.append(Marked(parts))
        if stack and stack[0][0] in "«„“" and para.end - stack[0][1] > 1:
            nxt = text[para.end + 2:para.end + 3]
            if nxt and nxt in _OPENERS or (stack[0][0] in _PAIRS and not carried
                                           and _closes_unopened(text, para.end + 2, stack[0][0])):
                pending = (carried or []) + [(stack[0][1] + 1, para.end)]
                pending_mark = stack[0][0]
        elif carried and not stack and len(carried) < 5 and carried_mark in _PAIRS \
                and _MARKS.search(text, para.start, para.end) is None \
                and _closes_unopened(text, para.end + 2, carried_mark):
            pending, pending_mark = carried + [(para.start, para.end)], carried_mark  # ¶ no marks
    return out


def quoted(text: str, parts: list[tuple[int, int]]) -> tuple[str, int, int]:
    """(the quoted words, start, end). Each part is stripped of spaces; an English comma inside
    the closing mark (“…country,” said X) is not quoted. The span runs from the first quoted
    character to just after the last, so for one paragraph text[start:end] is the quote; over
    several paragraphs the span also holds the breaks and re-opening marks between the parts,
    and the quote is the parts joined by one space."""
    pieces = []
    for s, e in parts:
        a = s + len(text[s:e]) - len(text[s:e].lstrip())
        pieces.append((a, max(a, e - (len(text[s:e]) - len(text[s:e].rstrip())))))
    joined = " ".join(text[a:b] for a, b in pieces)
    words = joined.rstrip().rstrip(",").rstrip()
    cut = len(joined) - len(words)  # characters taken off the end: walk back over the pieces
    k = len(pieces) - 1
    while k > 0 and cut > pieces[k][1] - pieces[k][0]:
        cut -= pieces[k][1] - pieces[k][0] + 1  # the piece and the space joining it
        k -= 1
    return words, pieces[0][0], max(pieces[0][0], pieces[k][1] - cut)


def quote_text(text: str, parts: list[tuple[int, int]]) -> str:
    return quoted(text, parts)[0]


def _prev_word(text: str, at: int) -> str | None:
    """The word right before a mark (only spaces between), or None."""
    toks = tokens(text, max(0, at - 40), at)
    if toks and not text[toks[-1].end:at].strip():
        return toks[-1].text
    return None


_VERDICT = frozenset({"виновный", "винуватий", "guilty"})


def is_quotation(article: Article, m: Marked, inner: str) -> bool:
    """A quotation, or a quoted name (medium, organisation, law, criminal article)?"""
    text = article.text
    prev = _prev_word(text, m.open)
    if prev and has_lemma(prev, data_words("quoted_name_markers.tsv", kind="before")):
        return False
    before = text[article.sentences[article.sentence_at(m.open)].start:m.open]
    if attribution_after(text, m.close) or before.rstrip().endswith(":") \
            or len(m.parts) > 1:
        return True
    letter = next((ch for ch in inner if ch.isalpha()), "")
    long = word_count(inner) >= STATEMENT_WORDS
    if long and (letter.isupper() or re.search(r"[.!?…]\s", inner)
                 or not (prev and prev.lower() in data_words("quoted_name_markers.tsv",
                                                                kind="charge_prep"))):
        return True
    if letter.isupper() and re.search(r"[!?…]$|[^A-ZА-ЯЁ]\.$", inner.rstrip()):
        return True  # «Свобода!», «Мы дома.»: a name does not end with a sentence's mark
    if letter.isupper():
        return False  # «Родник», «Утро Столицы», "Восход-ТВ": a name
    # a lower-case quote in a sentence about a conviction names a criminal article (a long one
    # only right after «за»), unless someone is said to have used the words
    s = article.sentences[article.sentence_at(m.open)]
    sentence_words = [t.text for t in tokens(text, s.start, s.end)]
    before_toks = tokens(text, s.start, m.open)
    # «признал виновным по статьям …»: a verdict, not a speech verb
    said = any(has_lemma(t.text, data_words("speech_verbs.tsv")) and not (
        k + 1 < len(before_toks) and lemma(before_toks[k + 1].text) in _VERDICT
        or k + 2 < len(before_toks) and lemma(before_toks[k + 2].text) in _VERDICT)
        for k, t in enumerate(before_toks))
    charged = any(has_lemma(w, data_words("quoted_name_markers.tsv", kind="charge"))
                  for w in sentence_words)
    return said or not charged or is_so_called(text, m.open)


def find_quotes(article: Article, people: list[Person]) -> list[Quote]:
    text = article.text
    found = [(m, *quoted(text, m.parts)) for m in marked_spans(article)]
    links = Spans(link_blocks(article))  # headlines of other stories: not this one's quotes
    found = [(m, inner, a, b) for m, inner, a, b in found
             if inner and not links.contains(m.open) and is_quotation(article, m, inner)]
    spans = Spans([(m.open, m.close + 1) for m, *_ in found])
    mentions = ByStart(person_mentions(article, people))
    out = []
    prev: Marked | None = None
    for m, inner, start, end in found:
        kind = "statement" if word_count(inner) >= STATEMENT_WORDS else "fragment"
        speaker = find_speaker(article, people, m.open, m.close, spans, mentions)
        if speaker is None and not attribution_after(text, m.close):
            own = inner_attribution(text, m.parts)
            if own:  # «Мы рады, — сказал он. — Но …»
                others = spans.without((m.open, m.close + 1))
                speaker = resolve_clause(article, people, mentions, own[0], own[1], others)
            elif prev is not None and out and continues_quote(text, prev.close, m.open):
                speaker = out[-1].speaker  # «…», — сказал он. — «…»
        prev = m
        out.append(Quote(text=inner, start=start, end=end, speaker=speaker,
                         kind=kind, sentence=article.sentence_at(start),
                         spans_paragraphs=len(m.parts) > 1))
    return out



