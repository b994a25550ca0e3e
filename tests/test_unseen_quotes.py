"""Quotes, speakers, people and countries on articles written in the style of real outlets
(tests/unseen/q_*.txt with hand-written gold beside them), plus paraphrases of each rule.

Split quotations (tests/unseen/q_01, q_02, q_11), by the corpus convention that a quote's text is
the whole content of one pair of marks:
- interrupted INSIDE one pair of marks («Мы рады, — сказал он. — Но это только начало»): one
  quote, its text everything between the outer marks as printed (the attribution included), its
  speaker read from the attribution inside;
- interrupted BETWEEN two pairs («Мы рады», — сказал он. — «Но это только начало»): two quotes,
  both with the speaker of the attribution between them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.extract.countries import find_countries
from app.extract.people import find_people
from app.extract.quotes import find_quotes
from app.reader import build, read_path
from gold_facts import score as SC

HERE = Path(__file__).resolve().parent
UNSEEN = HERE / "unseen"
GOLDS = sorted(UNSEEN.glob("q_*.json"))


def _facts(path: Path):
    article = next(read_path(path))
    people = find_people(article)
    return article, people, find_quotes(article, people), find_countries(article.text)


@pytest.mark.parametrize("gold_file", GOLDS, ids=[g.stem for g in GOLDS])
def test_unseen_article(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    article, people, quotes, countries = _facts(UNSEEN / gold["file"])
    assert sorted({c.code for c in countries}) == gold["countries_named"]
    # every quotation found, none invented, in reading order, with its kind and speaker
    assert len(quotes) == len(gold["quotes"])
    for g, q in zip(gold["quotes"], quotes):
        assert SC.quote_match(g["text"], q.text), (g["text"], q.text)
        assert q.kind == g["kind"], g["text"]
        if g["kind"] == "statement":
            assert SC.speaker_match(g["speaker"], q.speaker), (g["text"], g["speaker"], q.speaker)
    # every person named in full, under the canonical name, and nobody else
    assert {p.name for p in people} == {p["name"] for p in gold["people"]}


def test_unseen_set_has_ten_articles_of_real_length():
    assert len(GOLDS) >= 10
    for g in GOLDS:
        assert 1500 <= len((UNSEEN / (g.stem + ".txt")).read_bytes()) <= 5000


# --- paraphrases: each general rule on sentences the unseen set does not contain -------------

def quotes_of(body: str, headline: str = "Новость дня"):
    article = build("t.txt", f" date 2025-03-14 {headline}\n\n{body}\n")
    return [(q.text, q.speaker, q.kind) for q in find_quotes(article, find_people(article))]


def people_of(body: str):
    article = build("t.txt", f" date 2025-03-14 Новость дня\n\n{body}\n")
    return {p.name: p for p in find_people(article)}


def test_attribution_inside_one_pair_of_marks():
    body = ("Журналист Павел Орлов вернулся домой. «Я не ждал этого так скоро, — признался Орлов "
            "«Вестнику». — Но я знал, что обо мне не забыли».")
    [(text, speaker, kind)] = quotes_of(body)
    assert text.startswith("Я не ждал этого так скоро, — признался") and text.endswith("не забыли")
    assert (speaker, kind) == ("Павел Орлов", "statement")


def test_attribution_between_two_pairs_of_marks():
    body = ("Адвокат Инга Белова встретила подзащитного. «Он очень устал», — рассказала Белова "
            "журналистам. — «Ему нужна помощь врачей и время на отдых».")
    assert [s for _, s, _ in quotes_of(body)] == ["Инга Белова", "Инга Белова"]


def test_shorter_role_refers_to_the_longer_one():
    body = ("Глава оппозиционного штаба Ольга Миронова встретила освобожденных.\n\n"
            "Министр юстиции Пётр Соколов назвал решение частным.\n\n"
            "«Мы продолжим добиваться свободы для всех», — заявила глава штаба.")
    assert quotes_of(body)[-1][1] == "Ольга Миронова"


def test_same_complement_other_head_noun():
    body = ("Пресс-секретарь правительства Антон Волков ответил на вопросы. «Решение принято "
            "после долгих консультаций», — добавил представитель правительства.")
    assert quotes_of(body)[0][1] == "Антон Волков"


def test_bare_role_noun_takes_the_person_named_last_of_its_gender():
    body = ("Посол Игорь Зайцев и его советник Марина Лебедева прибыли в аэропорт. «Мы ждали этого "
            "дня очень долго», — сказала дипломат.")
    assert quotes_of(body)[0][1] == "Марина Лебедева"


def test_pronoun_after_an_unnamed_person_has_no_speaker():
    body = ("Активистка Елена Кравец вышла из колонии. Ее встретила соседка. Она сказала: «Я не "
            "узнала ее в первую минуту».")
    assert quotes_of(body)[0][1] is None


def test_anonymous_source_even_with_a_medium_named():
    body = ("Собеседник агентства сообщил «Вестнику», что «переговоры шли несколько месяцев "
            "подряд».")
    assert quotes_of(body)[0][1] is None


def test_reported_clause_names_who_the_words_are_about():
    body = ("Задержанного Олега Крылова обвиняют в шпионаже. В МВД заявили, что Крылов «действовал "
            "по заданию иностранной разведки».")
    assert quotes_of(body)[0][1] == "МВД"


def test_head_of_state_by_title_and_country_adjective():
    body = ("Президент Молдовы Майя Санду встретила освобожденных. «Все наши граждане должны "
            "вернуться домой», — написала глава молдавского государства.")
    assert quotes_of(body)[0][1] == "Майя Санду"


def test_unnamed_representative_of_an_institution():
    body = ("Решение, по словам представителя прокуратуры, «не связано с политикой вообще».")
    assert quotes_of(body)[0][1] is None


def test_name_of_client_before_the_speaker():
    body = ("«Мой подзащитный ни в чем не виноват», — сказал адвокат Крылова Семен Гусев.")
    assert quotes_of(body)[0][1].replace("ё", "е") == "Семен Гусев"


def test_generic_institution_noun_refers_back():
    body = ("Об обмене сообщили в Министерстве иностранных дел Казахстана. «Все граждане уже "
            "находятся дома», — говорится в сообщении ведомства.")
    speaker = quotes_of(body)[0][1]
    assert speaker and "Министерство" in speaker


def test_people_name_forms():
    got = people_of("Суд оправдал Орлова Павла Игоревича. Журналистку Алсу Зарипову освободили. "
                    "Об этом сообщил Кара-Мурзе Владимиру его адвокат. Гостей встречала Ноэми "
                    "Дюбуа.")
    assert "Павел Орлов" in got and "Орлова Павла Игоревича" in got["Павел Орлов"].aliases
    assert "Алсу Зарипова" in got
    assert "Ноэми Дюбуа" in got


def test_hyphenated_surname_declines_by_parts():
    got = people_of("Суд продлил арест Владимира Кара-Мурзы. Позже Кара-Мурзу перевели в Омск.")
    assert "Владимир Кара-Мурза" in got


def test_role_agrees_with_the_name():
    got = people_of("Его жена Анна Орлова выступила первой. Позже выступила жена Павла Орлова.")
    assert got["Павел Орлов"].roles == []
    assert got["Анна Орлова"].roles == ["жена"]


def test_countries_in_unusual_forms():
    text = ("Граждане Киргизии, Туркмении и Молдавии, а также Кыргызстана и Туркменистана. "
            "РФ, РБ, Штаты и Соединённое Королевство. Евросоюз и ЕС. Святой Престол и Ватикан. "
            "Грузинская мечта, азербайджанские суды, пророссийский политик.")
    assert {c.code for c in find_countries(text)} == {"KG", "TM", "MD", "RU", "BY", "US", "GB",
                                                     "VA", "GE", "AZ"}


def test_prefixed_adjectives_name_the_country():
    text = "Пророссийский блогер и антиамериканские лозунги; процесс и проверка не в счет."
    assert [(c.code, c.form) for c in find_countries(text)] == [("RU", "Пророссийский"),
                                                                 ("US", "антиамериканские")]

