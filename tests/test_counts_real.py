"""Counts the way real reports state them (issue 11, points 4 and 5), on articles written for each
mechanism in Russian, Ukrainian, Belarusian and English, through the whole extractor:

- numbers inside a direct quote count for the article's act;
- one numeral distributes over a coordinated list of demonyms («троих эстонцев, шведов и
  норвежцев») or, with «по» / "each", of countries;
- parts by sex, age or health («12 женщин», «двое пожилых») are neither countries nor the group;
- a country count means citizenship: not the state a group was handed to, nor where it was held;
- numerals, country names and demonyms of each language, in their cases.
"""
import pytest

from app.extract import extract
from app.extract.countries import find_countries
from app.extract.numbers import find_numbers
from app.reader import build


def facts(raw: str):
    return extract(build("t.txt", raw))


def counts(raw: str) -> list[tuple[str, int]]:
    return sorted((c.country, c.count) for c in facts(raw).counts)


def totals(raw: str) -> list[int | None]:
    return [e.count for e in facts(raw).events]


# ---------------------------------------------------------------- numbers inside a direct quote

@pytest.mark.parametrize("raw, expected", [
    # the quoted sentence has no word of release: the article's act gives it one
    (" date 2026-02-10 Минск освободил двенадцать человек\n\n"
     "Во вторник Лукашенко помиловал 12 человек. «Мы встретили их на границе. Это трое литовцев "
     "и двое поляков, все чувствуют себя хорошо», — сказала представитель МИД Литвы.\n",
     [("LT", 3), ("PL", 2)]),
    (" date 2026-02-10 Мінськ звільнив дев'ятьох\n\n"
     "У вівторок Білорусь звільнила дев'ятьох в'язнів. «Ми зустріли їх на кордоні. Це четверо "
     "литовців і п'ятеро латвійців», — сказав речник МЗС.\n",
     [("LT", 4), ("LV", 5)]),
    (" date 2026-02-10 Belarus frees seven\n\n"
     "Belarus released seven prisoners on Tuesday. \"We met them at the border. They are three "
     "Lithuanians and four Poles, all in good health,\" the ministry spokeswoman said.\n",
     [("LT", 3), ("PL", 4)]),
])
def test_numbers_inside_a_direct_quote_count(raw, expected):
    f = facts(raw)
    assert sorted((c.country, c.count) for c in f.counts) == expected
    assert len(f.events) == 1 and f.events[0].breakdown == dict(expected)
    assert all(c.event == 0 for c in f.counts)


def test_quote_in_its_own_paragraph_before_the_act_is_told():
    raw = (" date 2026-03-02 МИД Латвии о своих гражданах\n\n"
           "«Среди освобождённых — двое граждан Латвии и один эстонец», — сообщила пресс-секретарь "
           "МИД Латвии.\n\n"
           "В понедельник Беларусь освободила и выдворила 8 иностранцев.\n")
    f = facts(raw)
    assert sorted((c.country, c.count) for c in f.counts) == [("EE", 1), ("LV", 2)]
    assert [e.count for e in f.events] == [8]


def test_a_quote_recalling_another_time_is_no_count_of_this_act():
    raw = (" date 2026-02-10 Минск освободил двенадцать человек\n\n"
           "Во вторник Лукашенко помиловал 12 человек. «В прошлом году мы так же встретили пятерых "
           "литовцев», — сказала представитель МИД Литвы.\n")
    assert counts(raw) == []


def test_a_quote_in_an_article_with_no_prison_or_freedom_counts_nothing():
    raw = (" date 2026-03-02 Туристы\n\n"
           "Летом страну посетили туристы. «Это трое литовцев и двое поляков», — сказал гид.\n")
    assert counts(raw) == []


# ---------------------------------------------------------------- one numeral over a list

@pytest.mark.parametrize("raw, expected", [
    (" date 2026-02-10 Помилованы иностранцы\n\n"
     "Лукашенко помиловал 11 иностранцев, среди них троих эстонцев, шведов и норвежцев, а также "
     "по одному гражданину Чехии и Австрии.\n",
     [("AT", 1), ("CZ", 1), ("EE", 3), ("NO", 3), ("SE", 3)]),
    (" date 2026-02-10 Помилувані іноземці\n\n"
     "Лукашенко помилував 11 іноземців, серед них трьох естонців, шведів і норвежців, а також "
     "по одному громадянину Чехії та Австрії.\n",
     [("AT", 1), ("CZ", 1), ("EE", 3), ("NO", 3), ("SE", 3)]),
    (" date 2026-02-10 Памілаваныя замежнікі\n\n"
     "Сярод вызваленых палітвязняў — пяцёра літоўцаў і палякаў, па двое — з Латвіі і Германіі.\n",
     [("DE", 2), ("LT", 5), ("LV", 2), ("PL", 5)]),
    (" date 2026-02-10 Belarus frees foreigners\n\n"
     "Belarus freed 13 foreigners on Thursday, among them three Estonians, Swedes and Norwegians "
     "and two each from Latvia and Germany.\n",
     [("DE", 2), ("EE", 3), ("LV", 2), ("NO", 3), ("SE", 3)]),
    (" date 2026-02-10 Belarus frees foreigners\n\n"
     "Belarus released nine prisoners. Among them were one citizen each of Czechia and Austria.\n",
     [("AT", 1), ("CZ", 1)]),
    (" date 2026-02-10 По двое\n\n"
     "Помилованы 14 иностранцев: шестеро из них — граждане Литвы, по двое — Латвии, Польши и "
     "Германии, один гражданин Франции и ещё один — Великобритании.\n",
     [("DE", 2), ("FR", 1), ("GB", 1), ("LT", 6), ("LV", 2), ("PL", 2)]),
])
def test_one_numeral_distributes_over_a_list(raw, expected):
    assert counts(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # a demonym in another form is no part of the list: one Pole, not three
    (" date 2026-02-10 Освобождены\n\nОсвобождены трое литовцев и поляк.\n", [("LT", 3), ("PL", 1)]),
    # a demonym with a number of its own keeps it
    (" date 2026-02-10 Освобождены\n\nОсвобождены трое литовцев, двое поляков и четверо латышей.\n",
     [("LT", 3), ("LV", 4), ("PL", 2)]),
    # without «по», one number over several countries says nothing of each
    (" date 2026-02-10 Освобождены\n\nОсвобождены пятеро граждан Литвы и Латвии.\n", []),
])
def test_a_list_stops_where_its_form_or_number_changes(raw, expected):
    assert counts(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # «по два» takes the genitive singular: the list is in that form
    (" date 2026-02-10 Помилованы\n\nВ среду Лукашенко помиловал 14 иностранцев: шесть литовцев, "
     "по два немца, поляка и латыша, один француз и один британец.\n",
     [("DE", 2), ("FR", 1), ("GB", 1), ("LT", 6), ("LV", 2), ("PL", 2)]),
    # a singular demonym after a counted list is one more person
    (" date 2026-02-10 Освобождены\n\nОсвобождены двое литовцев и поляк.\n", [("LT", 2), ("PL", 1)]),
    (" date 2026-02-10 Freed\n\nBelarus freed two Lithuanians and a Pole on Friday.\n",
     [("LT", 2), ("PL", 1)]),
    # "a Frenchman", "an American" at an act of release
    (" date 2026-02-10 Freed\n\nIran freed a Frenchman on Friday. Belarus released an American "
     "and a Lithuanian citizen.\n", [("FR", 1), ("LT", 1), ("US", 1)]),
])
def test_singular_forms_and_lists_after_two(raw, expected):
    assert counts(raw) == expected


@pytest.mark.parametrize("raw, expected, events", [
    # «N из M»: N is the country's part, M the whole restated (no country count, no new event)
    (" date 2026-02-10 Помилованы\n\nЛукашенко в среду помиловал 14 иностранцев. Шестеро из 14 "
     "освобожденных — граждане Литвы.\n", [("LT", 6)], [14]),
    (" date 2026-02-10 Freed\n\nBelarus freed 14 foreigners on Thursday. Six of them are "
     "Lithuanians and two of them Poles.\n", [("LT", 6), ("PL", 2)], [14]),
])
def test_a_part_of_a_whole(raw, expected, events):
    f = facts(raw)
    assert sorted((c.country, c.count) for c in f.counts) == expected
    assert [e.count for e in f.events] == events


# ---------------------------------------------------------------- parts by sex, age, health

@pytest.mark.parametrize("raw", [
    " date 2026-02-10 Помилованы 25 человек\n\n"
    "Лукашенко в среду помиловал 25 человек. Из них на свободу вышли 12 женщин и 13 мужчин, "
    "19 человек в возрасте до 40 лет.\n",
    " date 2026-02-10 Помилованы 25 человек\n\n"
    "Лукашенко в среду помиловал 25 человек. В том числе освобождены двое пожилых и пятеро с "
    "инвалидностью.\n",
    " date 2026-02-10 Помилованы 25 человек\n\n"
    "Лукашенко в среду помиловал 25 человек, среди помилованных освобождены 12 женщин.\n",
    " date 2026-02-10 Помилувано 25 осіб\n\n"
    "Лукашенко в середу помилував 25 осіб. Серед них звільнено 12 жінок і 13 чоловіків, двоє "
    "літніх.\n",
    " date 2026-02-10 Памілаваныя 25 чалавек\n\n"
    "Лукашэнка памілаваў 25 чалавек. Сярод іх вызвалены 12 жанчын і 13 мужчын, двое пажылых.\n",
    " date 2026-02-10 Belarus pardons 25\n\n"
    "Belarus pardoned 25 people on Wednesday. Of them, 12 women and 13 men were released.\n",
    " date 2026-02-10 Belarus pardons 25\n\n"
    "Belarus pardoned 25 people on Wednesday. Among them, two elderly men were freed.\n",
    # two parts with no marker: a breakdown of the whole told before
    " date 2026-02-10 Помилованы 25 человек\n\n"
    "Лукашенко подписал указ о помиловании 25 человек. Как сообщается, на свободу выходят "
    "16 женщин и 9 мужчин, у семерых из них есть несовершеннолетние дети.\n",
])
def test_parts_by_sex_age_and_health_are_no_countries_and_no_group(raw):
    f = facts(raw)
    assert f.counts == []
    assert [e.count for e in f.events if e.count is not None] in ([25], [])  # never 12, 13 or 2
    assert not f.total_checks


def test_a_part_alone_in_a_headline_is_still_the_acts_number():
    """With no larger group before it, «12 женщин» is the number of the act itself."""
    assert totals(" date 2026-02-10 Помилованы женщины\n\nЛукашенко в среду помиловал 12 женщин.\n") \
        == [12]


def test_part_by_sex_and_a_country_breakdown_in_one_article():
    raw = (" date 2026-02-10 Освобождены 20 политзаключенных\n\n"
           "В четверг Беларусь освободила 20 политзаключенных. Из них 7 женщин. Среди освобожденных "
           "трое граждан Литвы и двое латышей.\n")
    f = facts(raw)
    assert sorted((c.country, c.count) for c in f.counts) == [("LT", 3), ("LV", 2)]
    assert [e.count for e in f.events] == [20]


# ---------------------------------------------------------------- citizenship, not place

@pytest.mark.parametrize("raw, expected", [
    # handed to a state: the people's citizenship counts, not the receiving state
    (" date 2026-02-10 Переданы\n\nМинск передал Варшаве пятерых поляков, освобожденных из колонии.\n",
     [("PL", 5)]),
    (" date 2026-02-10 Переданы\n\nМинск передал Литве 9 человек, освобожденных по помилованию.\n", []),
    # where people were held is no citizenship
    (" date 2026-02-10 Обмен\n\nВ четверг освобождены 20 граждан, удерживавшихся в России.\n", []),
    (" date 2026-02-10 Обмен\n\nВ четверг после обмена домой вернулись 12 россиян.\n", [("RU", 12)]),
    (" date 2026-02-10 Обмін\n\nУ четвер звільнено 20 громадян, яких утримували в Росії.\n", []),
    # fellow citizens are of the one country the sentence names before them
    (" date 2026-02-10 Освобождены\n\nВ четверг Беларусь освободила 52 заключенных. Президент "
     "Литвы Гитанас Науседа подтвердил освобождение шестерых сограждан.\n", [("LT", 6)]),
    (" date 2026-02-10 Освобождены\n\nВ четверг Беларусь освободила 52 заключенных. Президент "
     "Литвы поблагодарил Беларусь за освобождение шестерых сограждан.\n", []),
    (" date 2026-02-10 Звільнені\n\nУ четвер Білорусь звільнила 52 в'язнів. Президент Литви "
     "підтвердив звільнення шістьох співвітчизників.\n", [("LT", 6)]),
    (" date 2026-02-10 Freed\n\nBelarus freed 52 prisoners on Thursday. Lithuania's president "
     "said six compatriots were among them.\n", [("LT", 6)]),
    (" date 2026-02-10 Приняла\n\nЛитва приняла шестерых своих граждан, освобожденных в "
     "Беларуси.\n", [("LT", 6)]),
])
def test_a_country_count_is_a_citizenship(raw, expected):
    assert counts(raw) == expected


# ---------------------------------------------------------------- numerals in each language

@pytest.mark.parametrize("text, value, collective", [
    ("двоє", 2, True), ("троє", 3, True), ("п'ятеро", 5, True), ("шестеро", 6, True),
    ("дванадцятьох", 12, True), ("п'ятьом", 5, False), ("дзвюх", 2, False),
    ("дев'ятеро", 9, True), ("дев’ятеро", 9, True), ("дев'ятьох", 9, True), ("обох", 2, True),
    ("двом", 2, False), ("чотирьом", 4, False), ("дванадцяти", 12, False),
    ("п'ятсот", 500, False), ("тисячу", 1000, False),
    ("двое", 2, True), ("трое", 3, True), ("пяцёра", 5, True), ("шасцёра", 6, True),
    ("дзевяцярых", 9, True), ("траіх", 3, True), ("шэсць", 6, False), ("чатырнаццаці", 14, False),
    ("дваццаць два", 22, False), ("тысяча дзвесце", 1000, False),
    ("two", 2, False), ("a dozen", 12, False), ("twenty two", 22, False),
])
def test_numerals_of_ukrainian_belarusian_and_english(text, value, collective):
    [n] = find_numbers(text)[:1]
    assert (n.value, n.collective) == (value, collective)


@pytest.mark.parametrize("text", [
    "тысячи людей вышли на улицы", "тисячі людей", "тысячы людзей", "сотни заключенных",
    "thousands of people", "dozens of prisoners", "тысяч граждан",
])
def test_vague_plural_scale_words_are_no_numbers(text):
    assert find_numbers(text) == []


@pytest.mark.parametrize("text, value, bound", [
    ("более тысячи человек", 1000, "lower"), ("понад тисячу", 1000, "lower"),
    ("больш за тысячу", 1000, "lower"), ("каля тысячы чалавек", 1000, "approx"),
    ("тысяча двести человек", 1200, None), ("две тысячи пятьсот", 2500, None),
    ("тысячу человек", 1000, None), ("па двое", 2, None),
])
def test_scale_words_with_a_bound_or_a_compound(text, value, bound):
    [n] = find_numbers(text)
    assert (n.value, n.bound) == (value, bound)


def test_belarusian_po_is_distributive():
    [n] = find_numbers("па двое")
    assert n.distributive


# ---------------------------------------------------------------- countries in each language

@pytest.mark.parametrize("text, code, how", [
    # Belarusian names from CLDR (babel 'be'), inflected by suffix rules
    ("Літва", "LT", "name"), ("Літвы", "LT", "name"), ("Латвія", "LV", "name"),
    ("Латвіі", "LV", "name"), ("Польшчы", "PL", "name"), ("Германіі", "DE", "name"),
    ("Францыі", "FR", "name"), ("Вялікабрытаніі", "GB", "name"), ("Беларуссю", "BY", "name"),
    ("Паўднёвай Карэі", "KR", "name"), ("Кітая", "CN", "name"), ("ЗША", "US", "alias"),
    ("Злучаных Штатаў", "US", "alias"), ("Вільнюс", "LT", "capital"), ("Варшаву", "PL", "capital"),
    # Belarusian demonyms and adjectives
    ("літоўцаў", "LT", "demonym"), ("палякаў", "PL", "demonym"), ("латышоў", "LV", "demonym"),
    ("немцаў", "DE", "demonym"), ("літоўскіх", "LT", "adjective"), ("польскай", "PL", "adjective"),
    # Ukrainian
    ("громадян Литви", "LT", "name"), ("литовців", "LT", "demonym"), ("поляків", "PL", "demonym"),
    ("латвієць", "LV", "demonym"), ("норвежців", "NO", "demonym"), ("австрійців", "AT", "demonym"),
    ("китайців", "CN", "demonym"),
    # English
    ("Lithuanians", "LT", "demonym"), ("Polish", "PL", "adjective"), ("Americans", "US", "demonym"),
])
def test_country_words_of_each_language(text, code, how):
    found = [(m.code, m.how) for m in find_countries(text)]
    assert found[-1] == (code, how)


@pytest.mark.parametrize("raw, expected", [
    (" date 2026-02-10 Памілаваныя замежнікі\n\n"
     "Лукашэнка памілаваў 14 замежнікаў. Сярод іх шэсць грамадзян Літвы, па двое — Латвіі, "
     "Польшчы і Германіі, адзін грамадзянін Францыі і адзін — Вялікабрытаніі.\n",
     [("DE", 2), ("FR", 1), ("GB", 1), ("LT", 6), ("LV", 2), ("PL", 2)]),
    (" date 2026-02-10 Вызвалены\n\n"
     "Сярод вызваленых у чацвер трое грамадзян Латвіі, шасцёра літоўцаў і двое польскіх грамадзян.\n",
     [("LT", 6), ("LV", 3), ("PL", 2)]),
    (" date 2026-02-10 Звільнені\n\n"
     "Серед звільнених — п'ятеро литовців, двоє поляків і один латвієць, а також троє німецьких "
     "громадян.\n",
     [("DE", 3), ("LT", 5), ("LV", 1), ("PL", 2)]),
    (" date 2026-02-10 Belarus frees 14\n\n"
     "Belarus freed 14 foreigners on Thursday: six Lithuanians, two Latvians, two Poles, two German "
     "citizens, one Frenchman and a U.S. citizen.\n",
     [("DE", 2), ("FR", 1), ("LT", 6), ("LV", 2), ("PL", 2), ("US", 1)]),
])
def test_breakdowns_in_each_language(raw, expected):
    assert counts(raw) == expected


@pytest.mark.parametrize("text", [
    "Аман Тулеев выступил.", "Тога судьи висела в шкафу.", "Маета продолжалась весь день.",
])
def test_belarusian_forms_that_are_russian_words_are_no_countries(text):
    assert find_countries(text) == []



# ---------------------------------------------------------------- soldiers and prisoners of war

@pytest.mark.parametrize("raw, expected", [
    # a country adjective before a serviceman's word: the state he serves is his country
    (" date 2026-05-14 Россия и Украина обменялись пленными\n\n"
     "В среду Россия и Украина провели обмен пленными. Домой вернулись 37 украинских "
     "военнослужащих, сообщил координационный штаб.\n", [("UA", 37)]),
    (" date 2026-05-14 Україна повернула з полону 37 захисників\n\n"
     "У середу відбувся обмін полоненими. З полону повернулися 37 українських захисників, "
     "повідомив координаційний штаб. Усі вони вже перебувають в Україні.\n", [("UA", 37)]),
    (" date 2026-05-14 Абмен палоннымі паміж Украінай і Расіяй\n\n"
     "У сераду адбыўся абмен палоннымі. Вярнуліся з палону 37 украінскіх вайскоўцаў, паведаміў "
     "штаб. Усе яны ўжо ва Украіне.\n", [("UA", 37)]),
    (" date 2026-05-14 Prisoner swap\n\nRussia freed 37 Ukrainian soldiers on Wednesday in a "
     "swap, officials said.\n", [("UA", 37)]),
    # the country after the serviceman's word, as after a citizenship word
    (" date 2026-05-14 Обмен\n\nИз плена освобождены пятеро военнослужащих Украины, сообщил "
     "штаб.\n", [("UA", 5)]),
    (" date 2026-05-14 Swap\n\nRussia freed 37 soldiers of Ukraine on Wednesday, officials "
     "said.\n", [("UA", 37)]),
    # the words of the jailing state's prisoners stay a group: no country count
    (" date 2026-05-14 Помилование\n\nВ среду были освобождены 37 белорусских политзаключенных, "
     "сообщила «Вясна».\n", []),
])
def test_soldiers_counted_by_the_state_they_serve(raw, expected):
    f = facts(raw)
    assert sorted((c.country, c.count) for c in f.counts) == expected
    assert [e.count for e in f.events if e.kind in ("release", "exchange")] == [37 if expected != [
        ("UA", 5)] else 5]


@pytest.mark.parametrize("raw", [
    " date 2026-05-14 Новости\n\nИз плена вернулись 12 человек, сообщил штаб.\n",
    " date 2026-05-14 Новини з України\n\nІз полону повернулися 12 людей, повідомив штаб. Усі "
    "вони вже в Україні, їх зустріли рідні.\n",
    " date 2026-05-14 Навіны з Украіны\n\nЗ палону вярнуліся 12 чалавек, паведаміў штаб. Усе "
    "яны ўжо ва Украіне, іх сустрэлі сваякі.\n",
    " date 2026-05-14 News\n\nTwelve people returned from captivity on Wednesday.\n",
])
def test_back_from_captivity_is_a_release(raw):
    assert [(e.kind, e.count) for e in facts(raw).events] == [("release", 12)]
