"""Numbers: digits, number words in every case, compounds, collectives, bounds, distributives."""
import pytest

from app.extract.numbers import find_numbers


def values(text):
    return [(n.value, text[n.start:n.end]) for n in find_numbers(text)]


@pytest.mark.parametrize("text,value", [
    ("помиловал одного человека", 1), ("освобождена одна женщина", 1),
    ("двух белорусов", 2), ("трем гражданам", 3), ("четырьмя заключенными", 4),
    ("пяти лет", 5), ("восьми годам", 8), ("девять граждан", 9), ("десяти осужденных", 10),
    ("четырнадцати человек", 14), ("шестнадцать осужденных", 16), ("восемнадцати", 18),
    ("двадцать два человека", 22), ("двадцати двух человек", 22), ("ста политзаключенных", 100),
    ("сто двадцать три человека", 123), ("тридцатью пятью", 35), ("две тысячи", 2000),
    ("полусотни политзаключенных", 50),
])
def test_russian_number_words_in_any_case(text, value):
    assert [v for v, _ in values(text)] == [value]


@pytest.mark.parametrize("word,value", [
    ("двое", 2), ("двоих", 2), ("трое", 3), ("троих", 3), ("четверо", 4), ("четверых", 4),
    ("пятеро", 5), ("пятерых", 5), ("шестеро", 6), ("шестерых", 6), ("семеро", 7),
    ("девятерых", 9), ("дев’ятеро", 9), ("дев'ятеро", 9), ("п’ятеро", 5),
])
def test_collectives_are_people(word, value):
    (n,) = find_numbers(word)
    assert (n.value, n.collective) == (value, True)


def test_digits_with_group_separators():
    assert values("more than 1,100 prisoners") == [(1100, "1,100")]
    assert values("более 1 100 человек") == [(1100, "1 100")]
    assert values("11 сентября — 52, 13 декабря — 123") == [
        (11, "11"), (52, "52"), (13, "13"), (123, "123")]


def test_no_numbers_inside_dates_addresses_and_ages():
    assert values("21.06.2025, spring96.org/ru/news/119873, 58-летний") == []


def test_english_and_ukrainian_words():
    assert values("six Lithuanians and two Poles") == [(6, "six"), (2, "two")]
    assert values("дванадцять громадян") == [(12, "дванадцять")]


@pytest.mark.parametrize("text,found", [
    ("Fifty-two prisoners were freed", [(52, "Fifty-two")]),
    ("one hundred twenty-three people", [(123, "one hundred twenty-three")]),
    ("two dozen people", [(24, "two dozen")]), ("a dozen prisoners", [(12, "dozen")]),
    ("dozens of prisoners", []),
    ("пяти-шести человек", []),  # a range, not a number
])
def test_english_compounds_with_a_hyphen_and_dozens(text, found):
    assert values(text) == found


@pytest.mark.parametrize("text,bound", [
    ("более ста", "lower"), ("свыше 30", "lower"), ("не менее 60", "lower"),
    ("больше 20", "lower"), ("more than 1,100", "lower"), ("over 40", "lower"),
    ("понад 100", "lower"), ("по меньшей мере трое", "lower"), ("около 1400", "approx"),
    ("примерно 50", "approx"), ("не более 10", "upper"), ("52", None),
])
def test_bounds(text, bound):
    assert find_numbers(text)[-1].bound == bound


def test_distributive():
    a, b = find_numbers("по двое — Латвии и ФРГ, по одному — из Эстонии")
    assert (a.value, a.distributive, b.value, b.distributive) == (2, True, 1, True)
    assert not find_numbers("двое граждан")[0].distributive


def test_offsets_and_range():
    text = "Первые 7 литовцев и ещё 6 литовцев"
    ns = find_numbers(text, 10)
    assert [(n.value, n.start) for n in ns] == [(6, text.rindex("6"))]


@pytest.mark.parametrize("text,value", [
    ("полтора десятка политзаключенных", 15), ("около двух десятков человек", 20),
    ("десяток человек", 10), ("полторы тысячи", 1500), ("более 4 тысяч человек", 4000),
    ("2 тыс. человек", 2000), ("півтора десятка", 15),
])
def test_scale_words_after_numbers(text, value):
    assert [v for v, _ in values(text)] == [value]


@pytest.mark.parametrize("text", ["десятки людей", "десятков человек", "полтора года"])
def test_vague_scale_words_are_no_numbers(text):
    assert values(text) == []
