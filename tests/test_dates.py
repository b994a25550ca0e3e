"""Date expressions resolved against the article date (the table in tests/corpus/README.md)."""
import datetime as dt

import pytest

from app.extract.dates import find_dates

WED = dt.date(2025, 11, 26)  # a Wednesday


def dates(text, article_date=WED):
    return [(text[d.start:d.end], d.date) for d in find_dates(text, article_date)]


@pytest.mark.parametrize("text,expected", [
    ("Сегодня на свободу вышли", "2025-11-26"),
    ("today", "2025-11-26"),
    ("сьогодні", "2025-11-26"),
    ("вчера освободили", "2025-11-25"),
    ("Учора режим", "2025-11-25"),
    ("yesterday", "2025-11-25"),
    ("накануне помиловал", "2025-11-25"),
    ("в среду", "2025-11-26"),  # the article's own weekday is that day
    ("в четверг", "2025-11-20"),
    ("в пятницу", "2025-11-21"),
    ("on Thursday", "2025-11-20"),
    ("у четвер", "2025-11-20"),
    ("12 февраля", "2025-02-12"),
    ("26 ноября", "2025-11-26"),
    ("27 ноября", "2024-11-27"),  # the latest such day not after the article date
    ("21.06.2025", "2025-06-21"),
    ("21 июня 2024 года", "2024-06-21"),
    ("September 11, 2025", "2025-09-11"),
    ("в июне", "2025-06"),
    ("В декабре", "2024-12"),  # a bare month: the latest such month not after the article date
    ("в конце августа", "2025-08"),
    ("в начале сентября", "2025-09"),
    ("в прошлом месяце", "2025-10"),
    ("last month", "2025-10"),
    ("в сентябре прошлого года", "2024-09"),
    ("в мае 2020 года", "2020-05"),
    ("на прошлой неделе", "2025-11"),
    ("last week", "2025-11"),
    ("в прошлом году", "2024"),
    ("в 2021 году", "2021"),
    ("два дня назад", "2025-11-24"),
])
def test_resolution(text, expected):
    assert [d for _, d in dates(text)] == [expected]


def test_previous_month_across_a_year():
    assert dates("в прошлом месяце", dt.date(2026, 1, 10)) == [("в прошлом месяце", "2025-12")]


def test_last_week_is_the_month_of_the_previous_week():
    # Tuesday 2026-01-27: the previous week is 19–25 January
    assert dates("на прошлой неделе", dt.date(2026, 1, 27)) == [("на прошлой неделе", "2026-01")]


@pytest.mark.parametrize("text", ["в тот же день", "В тот же день", "Того ж дня", "the same day",
                                  "в день визита"])
def test_same_day_refers_back(text):
    (d,) = find_dates(text, WED)
    assert d.same_day and d.date is None


def test_without_article_date_relative_dates_are_unknown():
    text = "Вчера, в четверг, в июне и 12 февраля; ещё 21.06.2025 и 3 мая 2024 года"
    assert [d for _, d in dates(text, None)] == [None, None, None, None, "2025-06-21", "2024-05-03"]


def test_range_openers_are_no_event_dates():
    assert dates("С июня 2025 года Минск освободил три группы: 21 июня — 14 человек") == [
        ("21 июня", "2025-06-21")]
    assert dates("до 3 июля") == []


def test_offsets():
    text = "Лукашенко 12 февраля провел переговоры"
    (d,) = find_dates(text, dt.date(2026, 2, 13))
    assert text[d.start:d.end] == "12 февраля" and d.date == "2026-02-12" and d.relative


def test_nights_weekends_and_past_weekdays():
    import datetime as _dt
    from app.extract.dates import find_dates as _fd
    cases = [("В ночь на пятницу", "2025-07-04", "2025-07-04"),
             ("У ніч на суботу", "2025-03-22", "2025-03-22"),
             ("в минувшую пятницу", "2025-11-10", "2025-11-07"),
             ("В минувшие выходные", "2025-06-30", "2025-06"),
             ("на выходных", "2025-08-01", "2025-07")]
    for text, article, want in cases:
        assert [d.date for d in _fd(text, _dt.date.fromisoformat(article))] == [want], text


def test_periods_up_to_now():
    from app.extract.dates import find_periods
    text = "С начала года и с июля 2024 года, за это время, із 2024 року; 21 июня"
    assert [text[a:b] for a, b in find_periods(text)] == [
        "С начала года", "с июля 2024", "за это время", "із 2024"]
