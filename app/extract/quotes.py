"""Direct quotations: pairs of quote marks, told apart from quoted names, with their speakers.

Marks: «…», „…“, “…”, straight "…" (opening after a space, closing after a letter). Nested
quotes stay inside the outer one. A quotation whose paragraph ends with no closing mark goes on
where the next paragraph opens a new mark. Quoted names of media, organisations, laws and
criminal articles are not quotations (`data/quoted_name_markers.tsv`).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.extract.model import Person, Quote
from app.extract.morph import tokens
from app.extract.people import data_words, has_lemma, person_mentions
from app.extract.speakers import (attribution_after, continues_quote, find_speaker,
                                  inner_attribution, is_so_called, resolve_clause)
from app.reader import Article

STATEMENT_WORDS = 4  # a quoted clause of four or more words is a statement
_OPENERS = "«„“\""


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


def marked_spans(article: Article) -> list[Marked]:
    """Every outermost pair of quote marks, in reading order."""
    text = article.text
    out: list[Marked] = []
    pending: list[tuple[int, int]] | None = None  # an unclosed quote from the paragraph before
    for para in article.paragraphs:
        stack: list[tuple[str, int]] = []
        carried = pending
        pending = None
        for i in range(para.start, para.end):
            c = text[i]
            closes = False
            if c == "«" or c == "„":
                stack.append((c, i))
            elif c == "»":
                closes = bool(stack) and stack[-1][0] == "«"
            elif c == "“":
                if stack and stack[-1][0] == "„":
                    closes = True
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
            if nxt and nxt in _OPENERS:
                pending = (carried or []) + [(stack[0][1] + 1, para.end)]
    return out


def quote_text(text: str, parts: list[tuple[int, int]]) -> str:
    joined = " ".join(text[s:e].strip() for s, e in parts)
    return joined.rstrip().rstrip(",").rstrip()  # an English comma inside the mark is not quoted


def _prev_word(text: str, at: int) -> str | None:
    """The word right before a mark (only spaces between), or None."""
    toks = tokens(text, max(0, at - 40), at)
    if toks and not text[toks[-1].end:at].strip():
        return toks[-1].text
    return None


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
    words = tokens(inner)
    if len(words) >= STATEMENT_WORDS:
        return True
    letter = next((ch for ch in inner if ch.isalpha()), "")
    if letter.isupper():
        return False  # «Родник», «Утро Столицы», "Восход-ТВ": a name
    # a short lower-case quote in a sentence about a conviction names a criminal article,
    # unless someone is said to have used the words
    s = article.sentences[article.sentence_at(m.open)]
    sentence_words = [t.text for t in tokens(text, s.start, s.end)]
    said = any(has_lemma(w, data_words("speech_verbs.tsv")) for w in
               [t.text for t in tokens(text, s.start, m.open)])
    charged = any(has_lemma(w, data_words("quoted_name_markers.tsv", kind="charge"))
                  for w in sentence_words)
    return said or not charged or is_so_called(text, m.open)


def find_quotes(article: Article, people: list[Person]) -> list[Quote]:
    text = article.text
    found = [(m, quote_text(text, m.parts)) for m in marked_spans(article)]
    found = [(m, inner) for m, inner in found if inner and is_quotation(article, m, inner)]
    spans = [(m.open, m.close + 1) for m, _ in found]
    mentions = person_mentions(article, people)
    out = []
    prev: Marked | None = None
    for m, inner in found:
        kind = "statement" if len(tokens(inner)) >= STATEMENT_WORDS else "fragment"
        speaker = find_speaker(article, people, m.open, m.close, spans, mentions)
        if speaker is None and not attribution_after(text, m.close):
            own = inner_attribution(text, m.parts)
            if own:  # «Мы рады, — сказал он. — Но …»
                others = [sp for sp in spans if sp != (m.open, m.close + 1)]
                speaker = resolve_clause(article, people, mentions, own[0], own[1], others)
            elif prev is not None and out and continues_quote(text, prev.close, m.open):
                speaker = out[-1].speaker  # «…», — сказал он. — «…»
        prev = m
        out.append(Quote(text=inner, start=m.parts[0][0], end=m.parts[-1][1], speaker=speaker,
                         kind=kind, sentence=article.sentence_at(m.parts[0][0]),
                         spans_paragraphs=len(m.parts) > 1))
    return out



