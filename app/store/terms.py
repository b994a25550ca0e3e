"""Search terms: what the quote index holds and how a query is folded to match it.

At import, each quote is indexed by the lemmas of its words (pymorphy3), ё folded to е, so that
any word form finds it. Queries are folded the same way by `app.store.queries`.
"""
from __future__ import annotations

from app.extract.morph import fold, lemma, tokens


def index_terms(text: str) -> str:
    """Space-separated folded lemmas of the words of `text` (for the FTS `lemmas` column)."""
    return " ".join(lemma(t.text) for t in tokens(text))


def fold_words(text: str) -> list[str]:
    """The folded surface words of `text` (no morphology: cheap enough for every keystroke)."""
    return [fold(t.text) for t in tokens(text)]
