"""The pure pieces under the filters: periods, plurals, people's names."""
from __future__ import annotations

import pytest

from app.filters import FilterError, Filters, parse_range, period
from app.names import is_official, name_key
from app.plural import en, ru


@pytest.mark.parametrize("text, expected", [
    ("2025", ("2025", "2025")), ("2025-09", ("2025-09", "2025-09")),
    ("2025-01..2025-06", ("2025-01", "2025-06")), ("2025-01 – 2025-06", ("2025-01", "2025-06")),
    ("2024 2025-03-01", ("2024", "2025-03-01")), ("2025-06..", ("2025-06", None)),
    ("..2024", (None, "2024")), ("", (None, None)),
])
def test_parse_range(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "25", "2025-02-32", "вчера", "2025-06..2024"])
def test_parse_range_refuses(text):
    with pytest.raises(FilterError):
        parse_range(text)


def test_period_and_filters():
    assert period(" 2025-09 ") == "2025-09"
    f = Filters(country="LT", since="2025", until="2025", person=("A B",))
    assert f.active() and not f.events_only() and f.period_label() == "2025"
    assert f.without("country", "person") == Filters(since="2025", until="2025")
    assert not Filters().active() and Filters(country="LT").events_only()


@pytest.mark.parametrize("n, text", [(0, "0 events"), (1, "1 event"), (2, "2 events"),
                                     (21, "21 events")])
def test_english_plural(n, text):
    assert en(n, "event") == text


def test_english_irregular_plurals():
    assert (en(1, "person"), en(3, "person"), en(2, "country")) == ("1 person", "3 people",
                                                                   "2 countries")


@pytest.mark.parametrize("n, form", [(1, "событие"), (2, "события"), (4, "события"),
                                     (5, "событий"), (11, "событий"), (12, "событий"),
                                     (14, "событий"), (21, "событие"), (22, "события"),
                                     (25, "событий"), (101, "событие"), (111, "событий"),
                                     (0, "событий")])
def test_russian_plural(n, form):
    assert ru(n, "событие", "события", "событий") == f"{n} {form}"


@pytest.mark.parametrize("a, b", [
    ("Александр Лукашенко", "Олександр Лукашенко"),  # Russian, Ukrainian
    ("Александр Лукашенко", "Alexander Lukashenko"),  # and English
    ("Алесь Беляцкий", "Алесь Біляцький"),
    ("Мария Колесникова", "Марія Колесникова"),
    ("Петр Иванов", "Пётр Иванов"),
])
def test_one_person_written_two_ways_has_one_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("Сергей Тихановский", "Светлана Тихановская"),  # husband and wife
    ("Виктор Тихановский", "Виктория Тихановская"),  # the same initials: the ending differs
    ("Петр Иванов", "Павел Иванов"),
])
def test_two_people_have_two_keys(a, b):
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize("roles, official", [
    (["президент Белоруссии"], True), (["спецпосланник президента США"], True),
    (["пресс-секретарь"], True), (["U.S. envoy"], True), (["глава МИД Польши"], True),
    (["оппозиционер"], False), (["нобелевский лауреат"], False), (["сестра"], False),
    (["opposition veteran"], False), ([], False),
])
def test_officials_are_no_freed_people(roles, official):
    assert is_official(roles) is official
