"""Facts and spans sorted by offset, looked up by bisection.

An article is read sentence by sentence; a sentence must only look at the facts inside it, or a
long article costs (sentences × facts) — quadratic. These two small indexes make each look-up
logarithmic.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


class ByStart(Generic[T]):
    """Items with a `start` offset (numbers, dates, country mentions, tokens), in reading order."""

    def __init__(self, items: Sequence[T]):
        self.items = sorted(items, key=lambda x: x.start)
        self.starts = [x.start for x in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """The items whose start lies in [start, end)."""
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]


class Spans:
    """Non-overlapping (start, end) spans, such as the insides of outermost quote marks."""

    def __init__(self, spans: Sequence[tuple[int, int]], skip: tuple[int, int] | None = None):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.skip = skip

    def without(self, span: tuple[int, int]) -> Spans:
        """The same spans but one (shared, not copied: the look-ups stay cheap)."""
        other = Spans.__new__(Spans)
        other.spans, other.starts, other.skip = self.spans, self.starts, span
        return other

    def contains(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1] and self.spans[k] != self.skip

    def last_before(self, pos: int) -> tuple[int, int] | None:
        """The last span starting before `pos`."""
        k = bisect_left(self.starts, pos) - 1
        return self.spans[k] if k >= 0 and self.spans[k] != self.skip else None

    def __iter__(self):
        return iter(self.spans)


def tokens_within(toks: Sequence, starts: Sequence[int], start: int, end: int) -> list:
    """The tokens lying wholly in text[start:end], from a text's tokens and their start offsets:
    slicing the article's one tokenisation instead of tokenising each stretch again."""
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    while hi > lo and toks[hi - 1].end > end:
        hi -= 1
    return list(toks[lo:hi])
