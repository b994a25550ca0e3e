"""More mechanisms of real reporting, on short articles written for them (none is a copy of a
real article): a date of a sentence or an arrest is not the release's date; a dismissal of an
office holder is not a release; a headline act with «ещё» and a background phrase is the news
act; a pardon of foreigners is a part of the larger release the article tells.
"""
from __future__ import annotations

import pytest

from app.extract import extract
from app.reader import build

RELEASE = ("release", "pardon", "exchange", "deport")


def _facts(raw: str):
    return extract(build("t.txt", raw))


def _events(raw: str) -> list[tuple[str, str | None, int | None]]:
    return [(e.kind, e.date, e.count) for e in _facts(raw).events if e.kind in RELEASE]


# ---------------------------------------------------------------- 1. the date of a sentence

@pytest.mark.parametrize("raw", [
    " date 2026-05-14 Лукашенко помиловал 16 человек\n\n"
    "В четверг президент Беларуси помиловал 16 осужденных, сообщила его пресс-служба.\n\n"
    "Президент помиловал журналиста Ивана Петрова, приговоренного к 8 годам колонии в марте "
    "2022 года.",
    " date 2026-05-14 Лукашенко помилував 16 людей\n\n"
    "У четвер президент Білорусі помилував 16 засуджених, повідомила його пресслужба.\n\n"
    "Президент помилував журналіста Івана Петренка, засудженого до 8 років колонії в березні "
    "2022 року. Серед помилуваних також активістка, затримана у квітні 2021 року.",
    " date 2026-05-14 Belarus pardons 16 prisoners\n\n"
    "Belarus on Thursday pardoned 16 prisoners, the presidential press service said.\n\n"
    "The president pardoned journalist Ivan Petrov, who was sentenced to eight years in March "
    "2022.",
], ids=["ru", "uk", "en"])
def test_a_named_person_pardoned_with_his_sentence_date_is_part_of_the_news_act(raw):
    """«приговоренного … в марте 2022 года» dates the sentence: one event, today's, of 16."""
    assert _events(raw) == [("pardon", "2026-05-14", 16)]


@pytest.mark.parametrize("raw", [
    " date 2026-05-14 Помилованы 16 человек\n\n"
    "Сегодня президент помиловал 16 человек, осужденных в марте 2022 года.",
    " date 2026-05-14 Помиловано 16 людей\n\n"
    "Затриманих у червні 2021 року 16 людей сьогодні помилував президент.",
], ids=["ru", "uk"])
def test_a_date_in_the_sentence_clause_of_the_counted_people_is_not_the_act_date(raw):
    assert _events(raw) == [("pardon", "2026-05-14", 16)]


def test_a_release_told_after_the_arrest_keeps_its_own_date():
    raw = (" date 2026-05-14 Блогер вышел на свободу\n\n"
           "Блогер Сидоров, задержанный в июне 2021 года, был освобожден 12 мая, сообщили "
           "правозащитники.")
    assert _events(raw) == [("release", "2026-05-12", None)]
