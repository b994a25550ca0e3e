"""The trie alternation matches exactly what the plain longest-first alternation matches."""
import re

import pytest

from app.extract.wordsets import alternation

WORDS = ["в четверг", "в четверг вечером", "вчера", "в", "во вторник", "мая", "май", "маю",
         "ма", "с.", "a+b", "сегодня", "сегодняшний"]
TEXTS = ["Вчера, в четверг вечером, и во вторник; сегодняшний номер сегодня.",
         "в маю мая ма май a+b с. сс.", "", "в четверг", "вв четвергг"]


def plain(words):
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_the_plain_alternation(text):
    for wrap in (r"(?<!\w)(?:{})(?!\w)", r"({})", r"(?:{})\s+\w+"):
        trie = re.compile(wrap.format(alternation(WORDS)), re.I)
        flat = re.compile(wrap.format(plain(WORDS)), re.I)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_longest_word_first_and_nothing_for_no_words():
    assert re.match(alternation(["в", "в четверг"]), "в четверг").group() == "в четверг"
    assert re.match(alternation(["ма", "мая"]), "мая").group() == "мая"
    assert re.search(alternation([]), "anything") is None
