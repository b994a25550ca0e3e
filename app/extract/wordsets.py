"""A regular expression for a list of words or phrases, as a trie.

`re` tries the branches of «много|месяц|мая|…» one by one at every place it looks: a list of a few
hundred month names and date words cost it more than the rest of a date pass. Written as a trie
(«м(?:а(?:й|я)|есяц|ного)»), a place whose first letters start no word fails at once.

The matches are the same as the plain alternation's, longest word first: two words that both match
at one place are a word and its prefix, and at every node the longer continuation is tried before
the word that ends there.
"""
from __future__ import annotations

import re
from typing import Iterable


def alternation(words: Iterable[str]) -> str:
    """A pattern (no group of its own) that matches any of `words`, the longest first."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _emit(trie) if trie else "(?!)"


def _emit(node: dict) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: try the longer words through this node first
        return f"(?:{body})?"
    return body
