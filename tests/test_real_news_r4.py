"""Mechanisms found by reading real reporting in four languages (December 2026 round), each shown
by an article of our own words, through the whole extractor and the JSON of `pardons extract`."""
import pytest

from app.extract import extract
from app.facts_json import facts_json
from app.reader import build


def as_json(raw: str) -> dict:
    article = build("t.txt", raw)
    return facts_json(article, extract(article))


def releases(d: dict) -> list[tuple]:
    return [(e["kind"], e["date"], e["count"]) for e in d["events"]
            if e["kind"] in ("release", "pardon", "exchange", "deport")]


def counts(d: dict) -> list[tuple[str, int]]:
    return sorted((c["country"], c["count"]) for c in d["counts"])


# ---------------------------------------------------------------- the news act, one country's number

@pytest.mark.parametrize("raw, expected", [
    (" date 2026-05-10 Помилованы граждане Латвии\n\nПрезидент помиловал 12 граждан Латвии, "
     "осужденных за контрабанду. Об этом сообщила его пресс-служба.\n",
     [("pardon", "2026-05-10", 12)]),
    (" date 2026-05-10 Обмін полоненими\n\nПрезидент повідомив про новий обмін, у межах якого "
     "додому повернулися 90 українців. Усі вони вже отримують допомогу в Україні.\n",
     [("exchange", "2026-05-10", 90)]),
])
def test_the_news_act_is_dated_when_its_number_is_one_countrys(raw, expected):
    assert releases(as_json(raw)) == expected


# ---------------------------------------------------------------- numbers listed with «і» / "and"

@pytest.mark.parametrize("raw, expected, by_country", [
    (" date 2026-02-05 Повернення полонених\n\nУ четвер відбувся обмін полоненими, внаслідок "
     "якого до України повернулися 120 українських військових і троє цивільних. Про це "
     "повідомив президент, усі вони вже вдома.\n", [("exchange", "2026-02-05", 123)], [("UA", 120)]),
    (" date 2026-02-05 Обмен пленными\n\nВ четверг состоялся обмен пленными: домой вернулись "
     "120 украинских военных и трое гражданских.\n", [("exchange", "2026-02-05", 123)], [("UA", 120)]),
    # a whole and its part are no list: «в том числе»
    (" date 2026-02-05 Помилование\n\nВ четверг были помилованы 40 человек, в том числе "
     "трое граждан Литвы.\n", [("pardon", "2026-02-05", 40)], [("LT", 3)]),
])
def test_numbers_listed_with_and_make_one_total(raw, expected, by_country):
    d = as_json(raw)
    assert releases(d) == expected and counts(d) == by_country


def test_a_headline_of_people_brought_home_is_the_bodys_exchange():
    d = as_json(" date 2026-02-05 Україна повернула з полону 205 людей\n\nУ середу відбувся "
                "обмін полоненими. У межах цієї домовленості вдалося повернути додому 185 "
                "українських військовослужбовців та 20 цивільних, повідомив штаб. Усі вони вже "
                "в Україні.\n")
    assert releases(d) == [("exchange", "2026-02-04", 205)] and counts(d) == [("UA", 185)]


# ---------------------------------------------------------------- names as the article writes them

def test_belarusian_names_in_the_articles_spelling_with_their_russian_form_beside():
    d = as_json(" date 2026-04-02 На волю выйшлі дзевяць палітвязняў\n\nУ чацвер на волю "
                "выйшлі 9 палітвязняў, іх вывезлі ў Літву. «Мы працягнем працу, пакуль усе не "
                "вернуцца дадому», — сказала Ганна Шчураўская. Па словах Шчураўскай, сярод "
                "вызваленых ёсць журналісты і былы выкладчык універсітэта.\n")
    assert [(p["name"], p["russian"]) for p in d["people"]] == [
        ("Ганна Шчураўская", "Анна Щуравская")]
    assert [q["speaker"] for q in d["quotes"]] == ["Ганна Шчураўская"]


def test_ukrainian_speaker_in_ukrainian_and_a_russian_article_unchanged():
    uk = as_json(" date 2026-04-02 Обмін полоненими\n\nУ четвер з полону повернулися 50 "
                 "українців. «Ми продовжуємо роботу над поверненням усіх», — заявив "
                 "Андрій Єрмак.\n")
    assert [q["speaker"] for q in uk["quotes"]] == ["Андрій Єрмак"]
    assert [(p["name"], p.get("russian")) for p in uk["people"]] == [("Андрій Єрмак", "Андрей Ермак")]
    ru = as_json(" date 2026-04-02 Обмен пленными\n\nВ четверг из плена вернулись 50 украинцев. "
                 "«Мы продолжаем работу над возвращением всех», — заявил Андрей Ермак.\n")
    assert [q["speaker"] for q in ru["quotes"]] == ["Андрей Ермак"]
    assert [(p["name"], p.get("russian")) for p in ru["people"]] == [("Андрей Ермак", None)]


# ---------------------------------------------------------------- Belarusian: short items, old spelling

@pytest.mark.parametrize("raw", [
    # a short item with one «ў»: «ы», «э» and «і» over «и» say Belarusian
    " date 2025-06-21 Вызвалены 14 зняволеных\n\nУ суботу былі вызвалены 14 зняволеных з "
    "Беларусі, сярод іх грамадзянін Эстоніі.\n",
    # тарашкевіца, the spelling some outlets keep: «зьняволеных», «зь»
    " date 2025-06-21 Вызвалены 14 зьняволеных\n\nУ суботу былі вызвалены 14 зьняволеных зь "
    "Беларусі, сярод іх грамадзянін Эстоніі.\n",
])
def test_a_short_belarusian_item_and_the_old_spelling(raw):
    d = as_json(raw)
    assert releases(d) == [("release", "2025-06-21", 14)]  # a Saturday: «у суботу» is that day
    assert counts(d) == [("EE", 1)]  # «з(ь) Беларусі» is where they were held, not who they are


def test_the_old_spelling_of_a_country_adjective():
    d = as_json(" date 2025-06-21 Вызвалена палітвязьня\n\nУ суботу была вызвалена Ганна "
                "Шчураўская, уладальніца беларускага і швэдзкага грамадзянства.\n")
    assert [c["code"] for c in d["countries"]] == ["BY", "SE"]


# ---------------------------------------------------------------- a named one and N others

@pytest.mark.parametrize("raw, count", [
    (" date 2026-09-04 Freed\n\nOpposition leader John Doe and 9 other prisoners have been "
     "released, the government said on Thursday.\n", 10),
    (" date 2026-09-04 Освобождены\n\nОппозиционер Иван Петров и еще 9 политзаключенных вышли "
     "на свободу в четверг.\n", 10),
    # no name before: the number alone
    (" date 2026-09-04 Freed\n\nNine other prisoners were released on Thursday.\n", 9),
    (" date 2026-09-04 Освобождены\n\nВ четверг на свободу вышли еще 9 политзаключенных.\n", 9),
])
def test_a_named_person_and_n_others(raw, count):
    assert [e[2] for e in releases(as_json(raw))] == [count]


# ---------------------------------------------------------------- more of the same news

def test_another_act_of_the_same_news_opened_by_moreover():
    d = as_json(" date 2026-03-10 Президент помиловал 20 человек\n\nПрезидент помиловал 20 "
                "граждан Литвы, осужденных за контрабанду. Об этом сообщила пресс-служба.\n\n"
                "По словам пресс-секретаря, решение принято из гуманных соображений.\n\n"
                "Кроме того, президент помиловал двух священников, осужденных за шпионаж.\n")
    assert releases(d) == [("pardon", "2026-03-10", 20), ("pardon", "2026-03-10", 2)]


def test_the_acts_people_by_sex_two_paragraphs_later_are_no_act():
    d = as_json(" date 2026-03-10 Помилованы 25 человек\n\nПрезидент помиловал 25 осужденных. "
                "Указ подписан накануне праздника.\n\nСогласно указу, на свободу вышли 12 "
                "женщин и 13 мужчин, одна из них — многодетная мать.\n")
    assert releases(d) == [("pardon", "2026-03-10", 25)]


def test_a_call_for_more_releases_is_no_release():
    d = as_json(" date 2026-09-04 Belarus frees 14\n\nOn Thursday Belarus freed 14 prisoners.\n\n"
                "\"We are not done,\" she wrote, calling for the release of a further 1,150 "
                "prisoners.\n")
    assert releases(d) == [("release", "2026-09-03", 14)]


def test_the_same_number_told_a_day_apart_in_one_article_is_one_act():
    d = as_json(" date 2026-09-05 Belarus frees 52\n\nFifty-two prisoners have been released "
                "from jails in Belarus, the president of Lithuania announced on Thursday.\n\n"
                "Among the 52 prisoners released on Wednesday was a former presidential "
                "candidate.\n")
    assert [(k, c) for k, _, c in releases(d)] == [("release", 52)]


# ---------------------------------------------------------------- speakers

def speakers(raw: str) -> list[tuple[str, str | None]]:
    return [(q["text"][:20], q["speaker"]) for q in as_json(raw)["quotes"]]


@pytest.mark.parametrize("raw, expected", [
    # an organisation, its role word, then the person
    (" date 2026-09-04 Banks\n\n\"We want more transparency from big banks and from every "
     "government,\" said Open Ledger chairman Peter Haldane.\n",
     [("We want more transpa", "Peter Haldane")]),
    # a role of several words before the name, the verb last
    (" date 2026-09-04 Swap\n\n\"Nine prisoners from four countries were handed over in Vienna "
     "today,\" spokesperson for Austria's foreign ministry Anna Berger said.\n",
     [("Nine prisoners from ", "Anna Berger")]),
    # two quotations in one reported clause
    (" date 2026-09-04 Freed\n\nForeign Minister Anna Berger said later that the two men were "
     "now “safe” at the embassy “ahead of their final release”.\n",
     [("safe", "Anna Berger"), ("ahead of their final", "Anna Berger")]),
    (" date 2026-09-04 Freed\n\nJohn Smith welcomed the news. Smith nevertheless reminded "
     "people that “more than 500 prisoners still remain behind bars”.\n",
     [("more than 500 prison", "John Smith")]),
    # the pronoun that speaks, not the person named after the verb
    (" date 2026-09-04 Freed\n\nMary Roe, the spokeswoman, spoke to reporters. She said the "
     "release of John Doe was \"a gesture of good will toward the United States\".\n",
     [("a gesture of good wi", "Mary Roe")]),
    (" date 2026-09-04 Освобождение\n\nМария Петрова выступила перед журналистами. Она сказала, "
     "что освобождение Ивана Сидорова — «жест доброй воли со стороны властей».\n",
     [("жест доброй воли со ", "Мария Петрова")]),
])
def test_speakers_as_real_reports_name_them(raw, expected):
    assert speakers(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    (" date 2026-09-04 Помилование\n\nОб этом сообщила пресс-секретарь президента Наталья "
     "Эйсмонт. По её словам, решение принято \"по просьбе соседней страны и в развитие "
     "договоренностей\".\n", [("по просьбе соседней ", "Наталья Эйсмонт")]),
    (" date 2026-09-04 Обмін\n\nПро це повідомив речник Петро Іванченко у понеділок увечері. "
     "За його словами, «усі звільнені вже отримують медичну допомогу в лікарнях».\n",
     [("усі звільнені вже от", "Петро Іванченко")]),
    # a Ukrainian institution with its adjective and its «з питань» complement
    (" date 2026-09-04 Обмін полоненими\n\nКоординаційний штаб з питань поводження з "
     "військовополоненими зазначив, що це \"перший етап обміну згідно з домовленостями\" і "
     "\"найближчим часом буде проведено наступний етап\".\n",
     [("перший етап обміну з", "Координаційний штаб з питань поводження"),
      ("найближчим часом буд", "Координаційний штаб з питань поводження")]),
])
def test_speakers_by_a_possessive_and_ukrainian_institutions(raw, expected):
    assert speakers(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # the English spelling of an East Slavic first name starts a person's name
    (" date 2026-09-04 Freed\n\nBelarus freed 14 prisoners at the request of the US, the "
     "president's spokeswoman, Natalya Eismont, said in a statement. \"We are happy,\" Eismont "
     "said.\n", [("We are happy", "Natalya Eismont")]),
    # a ministry by its short name, not a unit named in quote marks before
    (" date 2026-09-04 Эвакуация\n\nАрмия заняла село. В Минобороны отметили работу отряда "
     "\"Север\". \"Все жители эвакуированы вовремя\", - говорится в сообщении.\n",
     [("Все жители эвакуиров", "Минобороны")]),
])
def test_speakers_named_in_english_spelling_or_by_a_short_ministry_name(raw, expected):
    assert speakers(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # the women of the same people are no one more person
    (" date 2025-09-11 Вызвалены 52 палітвязні\n\nСёння на волю выйшлі 52 палітвязні: 14 "
     "замежных грамадзян і грамадзянак і 38 беларусаў і беларусак. Іх вывезлі ў Літву.\n",
     [("BY", 38)]),
    # one citizen of two countries: one of each
    (" date 2025-09-11 Освобождены\n\nСегодня освобождены 12 человек, среди них гражданин "
     "Польши и Австралии, а также гражданка США.\n", [("AU", 1), ("PL", 1), ("US", 1)]),
])
def test_pairs_of_names_by_sex_and_citizens_of_two_countries(raw, expected):
    assert counts(as_json(raw)) == expected


# ---------------------------------------------------------------- the act told only inside a quote

@pytest.mark.parametrize("raw, expected", [
    (" date 2024-09-16 Ціханоўская пра новыя вызваленні\n\nСвятлана Ціханоўская выступіла з "
     "заявай. «Сёння мы дазналіся пра вызваленне яшчэ 37 палітвязняў. Гэта вялікая радасць для "
     "іх сем'яў», — напісала яна.\n", [("release", "2024-09-16", 37)]),
    (" date 2024-09-16 Новые освобождения\n\n«Вчера на свободу вышли 37 политзаключенных», — "
     "написала Светлана Тихановская.\n", [("release", "2024-09-15", 37)]),
    # a recollection of another time is no act of this news
    (" date 2024-09-16 Воспоминания\n\n«В прошлом году на свободу вышли 37 политзаключенных», "
     "— написала Светлана Тихановская.\n", []),
    (" date 2024-09-16 Воспоминания\n\n«Ранее на свободу вышли 37 политзаключенных», — "
     "написала Светлана Тихановская.\n", []),
])
def test_an_act_told_only_inside_a_quote(raw, expected):
    assert releases(as_json(raw)) == expected


def test_a_part_told_a_few_sentences_before_its_whole_is_one_act():
    d = as_json(" date 2025-12-30 У Білорусі відпустили ще 12 політв'язнів\n\nУ Білорусі "
                "відпустили ще 12 політв'язнів, повідомляють українські медіа.\n\nПро це "
                "оголосили у Telegram-каналі, який є пресслужбою президента. У повідомленні "
                "зазначають, що президент підписав указ щодо помилування 14 осіб, з яких 12 були "
                "засуджені за «екстремістськими» статтями.\n")
    assert releases(d) == [("pardon", "2025-12-30", 14)]


def test_a_release_in_a_clause_about_one_person_dates_nothing():
    d = as_json(" date 2025-11-05 Iran frees two Germans\n\nIran has released two German "
                "nationals held for three years, the German chancellor said on Tuesday, in an "
                "apparent swap for an Iranian man who was conditionally freed in March.\n")
    assert [(date, count) for _, date, count in releases(d)] == [("2025-11-04", 2)]


@pytest.mark.parametrize("raw", [
    " date 2025-09-11 Освобождены\n\nНа свободу вышел фигурант дела \"Союза свободных фермеров "
    "Полесья\" Иван Петров.\n",
    " date 2025-09-11 Вызвалены\n\nСярод вызваленых — фігурант справы \"Саюза вольных фермераў "
    "Палесся\" Іван Пятроў, паведаміла «Вясна».\n",
])
def test_the_name_of_a_criminal_case_in_quote_marks_is_no_quotation(raw):
    assert as_json(raw)["quotes"] == []


# ---------------------------------------------------------------- people by what they do; more verbs

@pytest.mark.parametrize("raw, expected_counts, expected_events", [
    (" date 2026-09-04 Звільнення\n\nВлада Грузії у п'ятницю звільнила трьох українських "
     "рибалок, повідомили у МЗС України.\n", [("UA", 3)], [("release", "2026-09-04", 3)]),
    (" date 2026-09-04 News\n\nRussia freed two American journalists on Friday.\n",
     [("US", 2)], [("release", "2026-09-04", 2)]),
    # before prisoners the adjective names the state holding them
    (" date 2026-09-04 Новости\n\nВ пятницу были освобождены 37 белорусских политзаключенных.\n",
     [], [("release", "2026-09-04", 37)]),
    # one number for people of two countries is no number of each
    (" date 2026-09-04 Swap\n\nBelarus freed 20 prisoners on Friday. In addition, 12 Russian "
     "dissidents and German nationals were released by Moscow.\n", [],
     [("release", "2026-09-04", 20)]),
    # a country that owns, not a citizenship
    (" date 2026-09-04 Freed\n\nBelarus freed 20 prisoners on Friday. Among those freed was "
     "Petr Novak, one of Belarus's best-known bloggers.\n", [], [("release", "2026-09-04", 20)]),
    (" date 2026-09-04 Pardon\n\nPresident Aliyev on Monday issued a decree pardoning 230 "
     "people.\n", [], [("pardon", "2026-08-31", 230)]),
    (" date 2026-09-04 Амнистия\n\nВласти в понедельник амнистировали 300 осуждённых.\n", [],
     [("release", "2026-08-31", 300)]),
    (" date 2026-09-04 Freed\n\nAuthorities released 90 convicts on Monday.\n", [],
     [("release", "2026-08-31", 90)]),
])
def test_people_by_occupation_and_more_words_of_release(raw, expected_counts, expected_events):
    d = as_json(raw)
    assert counts(d) == expected_counts and releases(d) == expected_events


@pytest.mark.parametrize("raw, expected", [
    (" date 2026-03-06 Абмен палоннымі\n\nУчора Расея і Украіна правялі абмен палоннымі ў "
     "фармаце 200 на 200, паведаміў штаб. Усе яны ўжо ва Украіне.\n",
     [("exchange", "2026-03-05", 400)]),
    # «в тот же день» refers back to the day its own sentence gave
    (" date 2025-09-12 Помилование\n\n11 сентября президент подписал указ о помиловании 52 "
     "заключенных, все они в тот же день были выдворены из страны.\n",
     [("pardon", "2025-09-11", 52)]),
    # the commission that considers pardons pardons nobody
    (" date 2025-12-01 Помилование\n\nПрезидент помиловал 226 осужденных. Ранее комиссия по "
     "помилованию рассмотрела дела 1564 осужденных.\n", [("pardon", "2025-12-01", 226)]),
])
def test_formats_same_day_and_the_pardon_commission(raw, expected):
    assert releases(as_json(raw)) == expected


def test_belarusian_old_spelling_of_russia():
    d = as_json(" date 2026-03-06 Абмен\n\nРасея вызваліла двух украінцаў з расейскага палону, "
                "паведаміў штаб. Усе яны ўжо ва Украіне.\n")
    assert [c["code"] for c in d["countries"]] == ["RU", "UA"] and counts(d) == [("UA", 2)]


@pytest.mark.parametrize("raw, expected", [
    (" date 2026-03-06 Освобождение\n\nОб этом пишет издание Haqqin в своем Telegram-канале. «Все "
     "освобожденные уже дома, их встретили родные», — говорится в сообщении.\n",
     [("Все освобожденные уж", "Издание Haqqin")]),
    (" date 2026-03-06 Освобождение\n\nОб этом сообщило агентство Trend. «Все освобождены», — "
     "говорится в сообщении.\n", [("Все освобождены", "Агентство Trend")]),
])
def test_a_media_outlet_is_the_source_not_its_own_channel(raw, expected):
    assert speakers(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # a Spanish first name starts a person's name; "the NGO's" is the NGO named before
    (" date 2024-11-18 Releases\n\nAlfredo Romero, Director of the NGO Foro Penal, reported on "
     "Sunday that 131 prisoners were released. “We have verified 131 releases,” said Romero. "
     "According to the NGO’s accounts, “so far in one prison only 26 people have been "
     "released.”\n",
     [("We have verified 131", "Alfredo Romero"), ("so far in one prison", "NGO Foro Penal")]),
    # «стверджує, що …»: a speech verb of Ukrainian
    (" date 2021-07-19 Звільнення\n\nЕкспрезидент Михайло Саакашвілі у Facebook стверджує, що "
     "влада «відступила через принципову позицію України». Усі вони вже в Україні.\n",
     [("відступила через при", "Михайло Саакашвілі")]),
])
def test_spanish_names_generic_ngo_and_ukrainian_claims(raw, expected):
    assert speakers(raw) == expected


def test_a_role_opening_a_sentence_is_no_first_name():
    d = as_json(" date 2026-03-11 Обміни\n\nКерівник Офісу президента України Кирило Буданов "
                "заявив, що робота над поверненням полонених продовжується. Усі вони вже в "
                "Україні, їх зустріли рідні.\n")
    assert [(p["name"], p["roles"]) for p in d["people"]] == [
        ("Кирило Буданов", ["керівник Офісу президента України"])]


def test_two_numbers_far_apart_are_two_acts_and_a_total_since_a_day_is_none():
    d = as_json(" date 2026-02-09 Venezuela releases at least 60 political prisoners\n\n"
                "Venezuela has released at least 60 detainees considered political prisoners, "
                "according to a rights group.\n\nThe announcement follows comments made by an "
                "official, who said authorities had released 400 people from detention "
                "facilities.\n\nHowever, the rights group has previously said that only 120 "
                "political prisoners had been freed since January 8.\n")
    assert [(e["count"], e["bound"]) for e in d["events"]] == [(60, "lower"), (400, None)]


def test_a_smaller_headline_number_is_some_of_the_bodys_act():
    d = as_json(" date 2016-03-18 Four journalists, human rights lawyer pardoned\n\nPresident "
                "Aliyev on Thursday issued a decree pardoning 148 people, including four "
                "journalists and a human rights lawyer.\n")
    assert releases(d) == [("pardon", "2016-03-17", 148)]


def test_about_a_number_and_the_number_are_one_act():
    d = as_json(" date 2026-02-09 Венесуела звільнила ще 35 опозиціонерів\n\nУ неділю влада "
                "звільнила з-під варти близько 35 опозиціонерів, повідомили правозахисники. Усі "
                "вони вже вдома.\n")
    assert [(e["count"], e["bound"], e["date"]) for e in d["events"]] == [(35, None, "2026-02-08")]


def test_a_year_with_a_position_word_dates_an_earlier_act():
    d = as_json(" date 2025-11-24 Президент помиловал 49 человек\n\nПрезидент в воскресенье "
                "помиловал 49 человек. Ранее он уже помиловал 613 осуждённых в начале 2025 "
                "года.\n")
    assert releases(d) == [("pardon", "2025-11-23", 49), ("pardon", "2025", 613)]


def test_then_takes_the_day_the_sentence_before_names():
    d = as_json(" date 2026-03-06 Абмен палоннымі\n\nУчора Расея і Украіна правялі абмен "
                "палоннымі ў фармаце 200 на 200, паведаміў штаб.\n\nГэта другі абмен сёлета. "
                "Папярэдні быў 5 лютага. Тады Ўкраіна вярнула зь няволі 150 вайскоўцаў і сем "
                "цывільных грамадзянаў.\n")
    assert [(date, count) for _, date, count in releases(d)] == [
        ("2026-03-05", 400), ("2026-02-05", 157)]


def test_a_player_released_by_his_club_is_no_release():
    d = as_json(" date 2026-05-02 Football words\n\nWhen a team releases a player, it does not "
                "give him a new contract. Out of contract players worry about being released "
                "before the season finishes. A release clause lets a player end his contract.\n")
    assert releases(d) == [] and d["counts"] == []


def test_a_decree_issued_on_a_day_dates_the_number_told_after_it():
    d = as_json(" date 2005-03-23 Aliyev pardons 115\n\nPresident Ilham Aliyev issued a decree on "
                "pardon on 19 March 2005. A total of 115 convicts have been pardoned.\n")
    assert releases(d) == [("pardon", "2005-03-19", 115)]


def test_of_those_released_only_two_are_a_part():
    d = as_json(" date 2026-05-01 Pardon\n\nOn Thursday the president pardoned 801 people. Of "
                "those released, only two were political prisoners.\n")
    assert releases(d) == [("pardon", "2026-04-30", 801)]


def test_the_act_named_again_by_its_noun_with_some_of_its_people():
    d = as_json(" date 2025-11-24 Президент помиловал 49 человек\n\nВ воскресенье президент "
                "помиловал 49 человек. Согласно информации администрации, помилование коснулось "
                "14 человек, отбывающих наказание без лишения свободы, и 34 заключённых.\n")
    assert releases(d) == [("pardon", "2025-11-23", 49)]
