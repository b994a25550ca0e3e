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


# ---------------------------------------------------------------- 2. a dismissal without «з посади»

@pytest.mark.parametrize("line", [
    "У четвер президент звільнив суддів Конституційного суду, повідомили в офісі.",
    "У четвер президент підписав укази про звільнення суддів Конституційного суду.",
    "У четвер президент звільнив їх на підставі власних заяв про відставку.",
    "У четвер президент звільнив міністра юстиції та голову обласної адміністрації.",
    "У четвер президент звільнив губернатора області Іваненка.",
    "У четвер президент звільнив Олега Петренка, який подав заяву про відставку.",
    "У четвер указом президента звільнено Олега Петренка за власним бажанням.",
    "В четверг президент освободил судью Верховного суда Иванова.",
    "В четверг президент освободил губернатора области Иванова.",
    "В четверг губернатор освобожден по собственному желанию.",
    "В четверг глава района подал в отставку и был освобожден.",
    "В четверг президент освободил Ивана Петрова, который подал в отставку.",
    "On Thursday the president released the governor, who had resigned.",
])
def test_a_dismissal_of_an_office_holder_is_no_release(line):
    raw = f" date 2026-05-14 {line}\n\n{line}"
    assert _events(raw) == [] and _facts(raw).counts == []


@pytest.mark.parametrize("raw", [
    " date 2026-05-14 Президент звільнив суддів Конституційного суду\n\n"
    "У четвер президент звільнив двох суддів Конституційного суду, повідомили в його офісі.\n\n"
    "Відповідні укази оприлюднені на сайті. Президент звільнив їх у зв'язку з закінченням "
    "строку повноважень.",
    " date 2026-05-14 Президент освободил судей Конституционного суда\n\n"
    "В четверг президент освободил двух судей Конституционного суда, сообщили в его офисе.\n\n"
    "Соответствующие указы опубликованы на сайте. Президент освободил их в связи с истечением "
    "срока полномочий.",
], ids=["uk", "ru"])
def test_a_pronoun_for_dismissed_office_holders_is_no_release(raw):
    assert _events(raw) == []


@pytest.mark.parametrize("line, kinds", [
    ("У четвер Лукашенко звільнив 20 політв'язнів.", [("release", 20)]),
    ("У четвер звільнено активістку Ольгу Коваль.", [("release", None)]),
    ("В четверг освобожден журналист Иван Петров.", [("release", None)]),
    ("В четверг Лукашенко помиловал журналиста Ивана Петрова и активиста Сидорова.",
     [("pardon", None)]),
    ("В четверг Лукашенко освободил 12 политзаключенных, среди них бывшего министра Петрова.",
     [("release", 12)]),
    ("В четверг Лукашенко помиловал бывшего министра Петрова.", [("pardon", None)]),
    ("В четверг Лукашенко освободил бывшего министра Петрова.", [("release", None)]),
    ("У четвер Лукашенко помилував колишнього міністра Івана Петренка, повідомила пресслужба.",
     [("pardon", None)]),
    ("У четвер Лукашенко звільнив колишнього суддю Івана Петренка, повідомила пресслужба.",
     [("release", None)]),
    ("On Thursday Belarus released former minister Petrov.", [("release", None)]),
])
def test_freed_people_who_are_not_office_holders_stay_a_release(line, kinds):
    raw = f" date 2026-05-14 {line}\n\n{line}"
    assert [(k, n) for k, _, n in _events(raw)] == kinds


@pytest.mark.parametrize("raw", [
    " date 2026-05-14 Президент знову звільнив Коваленка й Мельника\n\n"
    "Учора на сайті президента з'явилися укази про звільнення суддів Верховного суду Петра "
    "Коваленка та Андрія Мельника. Цього разу президент звільнив їх на підставі власних заяв "
    "про відставку.",
    " date 2026-05-14 Президент снова освободил Коваленко и Мельника\n\n"
    "Вчера на сайте президента появились указы об освобождении судей Верховного суда Петра "
    "Коваленко и Андрея Мельника от должности по собственному желанию.",
], ids=["uk", "ru"])
def test_a_headline_naming_only_the_dismissed_is_no_release(raw):
    # the body says it is a dismissal; the headline's bare «звільнив X й Y» is the same act
    assert _events(raw) == []


def test_a_counted_release_beside_a_dismissal_stays():
    raw = (" date 2026-05-14 Президент освободил 12 политзаключенных\n\n"
           "В четверг президент освободил 12 политзаключенных. В тот же день он освободил от "
           "должности министра юстиции.")
    assert [(k, n) for k, _, n in _events(raw)] == [("release", 12)]


def test_freed_people_referred_to_by_a_pronoun_stay_a_release():
    raw = (" date 2026-05-14 Двух активистов освободили\n\n"
           "В четверг в Минске освободили двух активистов. Их освободили после звонка из "
           "посольства, и президент освободил их без прошения.")
    assert [(k, n) for k, _, n in _events(raw)] == [("release", 2)]


# ---------------------------------------------------------------- 3. «ещё 20» over a background phrase

@pytest.mark.parametrize("raw", [
    " date 2026-05-14 У Білорусі відпустили ще 20 політв'язнів, на додачу до звільнених раніше "
    "понад сотні осіб\n\n"
    "Про це повідомила правозахисна організація. Серед звільнених є журналісти та активісти.",
    " date 2026-05-14 В Беларуси отпустили еще 20 политзаключенных в дополнение к освобожденным "
    "ранее более чем сотне человек\n\n"
    "Об этом сообщила правозащитная организация. Среди освобожденных есть журналисты.",
], ids=["uk", "ru"])
def test_a_headline_act_with_a_background_participle_phrase_is_the_news_act(raw):
    """«звільнених раніше» describes other people: the headline's own act is today's news."""
    assert _events(raw) == [("release", "2026-05-14", 20)]


@pytest.mark.parametrize("raw", [
    " date 2026-05-14 У Білорусі відпустили ще 20 політв'язнів, на додачу до звільнених раніше "
    "понад сотні осіб\n\n"
    "Лукашенко підписав указ щодо помилування 22 осіб, з яких 20 були засуджені за "
    "\"екстремістськими\" статтями, повідомила пресслужба.",
    " date 2026-05-14 В Беларуси отпустили еще 20 политзаключенных в дополнение к ранее "
    "освобожденным\n\n"
    "Лукашенко подписал указ о помиловании 22 человек, из которых 20 были осуждены по "
    "\"экстремистским\" статьям, сообщила пресс-служба. Ранее, в марте, он помиловал 30 человек.",
], ids=["uk", "ru"])
def test_the_headline_number_is_the_part_of_whom_of_the_body_act(raw):
    """«з яких 20»: the headline's 20 are a part of the 22 pardoned: one act of 22, today's."""
    got = _events(raw)
    assert got[0] == ("pardon", "2026-05-14", 22)
    assert [e for e in got if e[2] == 20] == []


def test_a_headline_about_a_person_pardoned_earlier_is_no_news_act():
    raw = (" date 2026-05-14 Ранее помилованный Петров рассказал о колонии\n\n"
           "Помилованный в марте Иван Петров рассказал журналистам о жизни в колонии.")
    assert _events(raw) == []


# ---------------------------------------------------------------- 4. foreigners are part of the release

_BREAKDOWN_UK = ("Шестеро з них – громадяни Литви, по двоє – громадяни Латвії та Польщі, по "
                 "одному – громадяни Німеччини, Франції, Швеції та Естонії.")
_BREAKDOWN_RU = ("Шестеро из них — граждане Литвы, по двое — граждане Латвии и Польши, по одному "
                 "— граждане Германии, Франции, Швеции и Эстонии.")
_COUNTRIES = {"LT": 6, "LV": 2, "PL": 2, "DE": 1, "FR": 1, "SE": 1, "EE": 1}


@pytest.mark.parametrize("raw", [
    # the total in the lead, then «Загалом … 14 іноземних громадян»
    " date 2026-05-14 Лукашенко звільнив 52 в'язнів\n\n"
    "Лукашенко звільнив 52 в'язнів, повідомили у пресслужбі.\n\n"
    f"Загалом президент помилував 14 іноземних громадян, пише пресслужба. {_BREAKDOWN_UK}",
    # the total only in the headline; the lead's act has no number
    " date 2026-05-14 Лукашенко звільнив 52 в'язнів, серед них іноземців\n\n"
    "Президент Білорусі у четвер звільнив в'язнів після переговорів зі США.\n\n"
    f"Загалом президент помилував 14 іноземних громадян, пише пресслужба. {_BREAKDOWN_UK}",
    # the total only in the headline, the foreigners the body's only act
    " date 2026-05-14 Лукашенко освободил 52 заключенных\n\n"
    f"Всего президент помиловал 14 иностранных граждан, пишет пресс-служба. {_BREAKDOWN_RU}",
    # an earlier act of the same number recalled in between is not theirs
    " date 2026-05-14 Лукашенко освободил 52 заключенных\n\n"
    "В четверг Лукашенко освободил 52 заключенных. Ранее, в июне, он освободил 14 человек.\n\n"
    f"Всего президент помиловал 14 иностранных граждан, пишет пресс-служба. {_BREAKDOWN_RU}",
    # the foreigners' sentence has the act's own day
    " date 2026-05-14 Лукашенко звільнив 52 в'язнів\n\n"
    "У четвер Лукашенко звільнив 52 в'язнів, повідомили у пресслужбі.\n\n"
    f"Загалом у четвер президент помилував 14 іноземних громадян, пише пресслужба. {_BREAKDOWN_UK}",
], ids=["uk_lead", "uk_headline", "ru_headline", "ru_background_between", "uk_same_day"])
def test_a_pardon_of_foreigners_is_a_part_of_the_larger_release(raw):
    facts = _facts(raw)
    news = [e for e in facts.events if e.kind in RELEASE and e.date == "2026-05-14"]
    assert [(e.count, dict(e.breakdown)) for e in news] == [(52, _COUNTRIES)]
    assert [e.count for e in facts.events if e.kind in RELEASE and e.count == 14
            and e.date == "2026-05-14"] == []
    assert {c.country: c.count for c in facts.counts} == _COUNTRIES
    assert {facts.events[c.event].count for c in facts.counts} == {52}


def test_foreigners_alone_stay_their_own_number():
    raw = (" date 2026-05-14 Лукашенко помиловал иностранцев\n\n"
           f"Всего президент помиловал 14 иностранных граждан, пишет пресс-служба. {_BREAKDOWN_RU}")
    facts = _facts(raw)
    assert [(e.kind, e.date, e.count, dict(e.breakdown)) for e in facts.events] == [
        ("pardon", "2026-05-14", 14, _COUNTRIES)]


@pytest.mark.parametrize("raw, want", [
    (" date 2026-05-14 У Білорусі відпустили ще 20 політв'язнів, на додачу до тих, кого "
     "звільнили раніше\n\nПро це повідомила правозахисна організація. Серед звільнених є "
     "журналісти та активісти.", [("release", "2026-05-14", 20)]),
    (" date 2026-05-14 Новости\n\nРанее Лукашенко помиловал 20 человек, которые были осуждены "
     "по \"экстремистским\" статьям.", [("pardon", None, 20)]),
    (" date 2026-05-14 Belarus frees another 20 political prisoners, on top of more than a "
     "hundred who were released earlier\n\nThe release was confirmed by a human rights group.",
     [("release", "2026-05-14", 20)]),
    (" date 2026-05-14 Belarus frees another 20 political prisoners, on top of more than a "
     "hundred released earlier\n\nThe release was confirmed by a human rights group. Among "
     "those freed are journalists and activists.", [("release", "2026-05-14", 20)]),
], ids=["uk_who_clause_is_not_background", "ru_opening_ranee_is_background", "en_who_clause",
        "en_participle"])
def test_a_background_word_counts_only_in_the_acts_own_clause(raw, want):
    assert _events(raw) == want
