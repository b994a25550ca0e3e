"""Speakers beyond named persons, and one person across Russian, Ukrainian and Belarusian
(issue 11, points 3 and 5), on articles written for these tests (tests/speakers/*.txt).

Each article states its expected quotations with their speakers, and the people it names under
their canonical (Russian) name."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.name_forms import russian_name, script_lang
from app.extract.people import find_people
from app.extract.quotes import find_quotes
from app.reader import build, read_path

HERE = Path(__file__).resolve().parent / "speakers"

# file → (the opening words of each quotation, its speaker), in reading order; and its people
EXPECTED = {
    "ru_institutions.txt": ([
        ("Все они обратились", "Пресс-служба президента Беларуси"),  # «— говорится в сообщении»
        ("Мы благодарны всем", "Посольство Германии в Польше"),
        ("Они уже встретились", "МИД Литвы"),  # «отметили в министерстве»
        ("Освобождение нескольких", "Правозащитный центр «Вясна»"),
        ("Глава государства принял", "Пул Первого"),  # «написали в канале»
        ("Нас везли ночью", None),  # one of the freed, not named
    ], {"Александр Лукашенко"}),
    "ru_leadin.txt": ([
        ("Сегодня на свободу", "Светлана Тихановская"),  # two paragraphs, «в ее сообщении»
        ("Шестеро наших граждан", "Кястутис Будрис"),  # «Он сказал:» closing the paragraph before
        ("Это был тяжелый год", "Анна Кравец"),
        ("Свобода — это не подарок", "Павел Морозов"),  # «Эти слова … повторил»
        ("Мы приветствуем этот шаг", "Офис президента Польши"),
    ], {"Светлана Тихановская", "Кястутис Будрис", "Анна Кравец", "Павел Морозов"}),
    "be_pamilavanne.txt": ([
        ("Усе яны звярнуліся", "Прэс-служба кіраўніка дзяржавы"),  # «гаворыцца ў паведамленні»
        ("Сёння на волю", "Светлана Тихановская"),
        ("Я вельмі хачу", "Мария Колесникова"),  # «сказала яна»
        ("Шасцёра нашых", "Гинтарас Буджюс"),
    ], {"Александр Лукашенко", "Светлана Тихановская", "Мария Колесникова", "Гинтарас Буджюс"}),
    "uk_pomyluvannia.txt": ([
        ("Усі вони звернулися", "Пресслужба диктатора"),  # «йдеться у повідомленні»
        ("Сьогодні на волю", "Светлана Тихановская"),
        ("Я дуже хочу", "Мария Колесникова"),
        ("Шестеро наших", "Рута Станкявичюте"),
    ], {"Александр Лукашенко", "Светлана Тихановская", "Мария Колесникова",
        "Рута Станкявичюте"}),
    "en_statement.txt": ([
        ("All of them asked", "press service of the Belarusian leader"),  # "the statement said"
        ("Hundreds of innocent", "Radoslaw Sikorski"),
        ("Our six citizens", "Ruta Stankeviciute"),  # said X, the spokeswoman for …
        ("We will continue", "US embassy in Vilnius"),  # "the embassy said"
        ("It was the longest", None),  # one of the freed men
    ], {"Radoslaw Sikorski", "Ruta Stankeviciute"}),
    "ru_embedded.txt": ([
        ("Сегодня на свободе", "Sviatlana Tsikhanouskaya"),  # an embedded post, Latin name
        ("Он сказал мне: «Я дома", "Дарья Лосик"),  # nested marks stay in the outer quote
        ("Свобода!", None),  # short, capitalised, no name: a quotation said by the freed
    ], {"Игорь Лосик", "Sviatlana Tsikhanouskaya", "Дарья Лосик"}),
    "uk_channel.txt": ([
        ("Усі вони звернулися", "Александр Лукашенко"),  # «заявили у Лукашенка»
        ("Ми чекаємо на повернення", "Дмитрий Лубинец"),  # «сказав омбудсман»
        ("Це лише початок", "Дмитрий Лубинец"),
    ], {"Александр Лукашенко", "Дмитрий Лубинец"}),
    "be_leadin.txt": ([
        ("Сёння на волю", "Светлана Тихановская"),  # „… ¶ …“ after a lead-in with a colon
        ("Мой муж нарэшце дома", "Ольга Бондаренко"),  # akanye: Бандарэнка → Бондаренко
        ("Гэта толькі першы крок", "Гинтарас Буджюс"),  # «Пра гэта заявіў …» after it
    ], {"Светлана Тихановская", "Ольга Бондаренко", "Гинтарас Буджюс"}),
}


def test_english_roles_with_capitals_and_in_apposition():
    article = next(read_path(HERE / "en_statement.txt"))
    roles = {p.name: p.roles for p in find_people(article)}
    assert roles == {"Radoslaw Sikorski": ["Polish Foreign Minister"],
                     "Ruta Stankeviciute": ["spokeswoman for the Lithuanian Foreign Ministry"]}


def test_russian_role_in_apposition():
    article = next(read_path(HERE / "ru_leadin.txt"))
    roles = {p.name: p.roles for p in find_people(article)}
    assert roles["Анна Кравец"] == ["жена одного из освобожденных"]
    assert roles["Павел Морозов"] == []  # «освобожденный после …» is no role


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_quotes_speakers_people(name):
    article = next(read_path(HERE / name))
    people = find_people(article)
    quotes = find_quotes(article, people)
    want, names = EXPECTED[name]
    assert [(q.text[:len(w)], q.speaker) for q, (w, _) in zip(quotes, want)] == want
    assert len(quotes) == len(want)
    assert {p.name for p in people} == names


def test_one_person_across_three_languages():
    """The same two people written in Belarusian, Ukrainian and Russian are the same people."""
    texts = {
        "be": "Аляксандр Лукашэнка сустрэўся са Святланай Ціханоўскай? Не: Святлана Ціханоўская "
              "адмовілася. Сяргей Ціханоўскі і Марыя Калеснікава вызваленыя.",
        "uk": "Олександр Лукашенко зустрівся зі Світланою Тихановською? Ні: Світлана Тихановська "
              "відмовилася. Сергій Тихановський і Марія Колеснікова звільнені.",
        "ru": "Александр Лукашенко встретился со Светланой Тихановской? Нет: Светлана Тихановская "
              "отказалась. Сергей Тихановский и Мария Колесникова освобождены.",
    }
    got = {}
    for lang, body in texts.items():
        article = build("t.txt", f" date 2026-03-05 Навіны\n\n{body}\n")
        assert script_lang(article.text) == lang
        got[lang] = {p.name for p in find_people(article)}
    assert got["be"] == got["uk"] == got["ru"] == {
        "Александр Лукашенко", "Светлана Тихановская", "Сергей Тихановский", "Мария Колесникова"}


@pytest.mark.parametrize("written,lang,russian", [
    ("Аляксандр Лукашэнка", "be", "Александр Лукашенко"),
    ("Уладзімір Лабковіч", "be", "Владимир Лабкович"),  # і → и, Уладзімір by table
    ("Алесь Бяляцкі", "be", "Алесь Беляцкий"),  # -скі → -ский; я for е by akanye, a known surname
    ("Павал Латушка", "be", "Павел Латушко"),  # akanye: a final unstressed о written а
    ("Дзяніс Івашын", "be", "Денис Ивашын"),
    ("Мікола Статкевіч", "be", "Николай Статкевич"),
    ("Олесь Біляцький", "uk", "Алесь Беляцкий"),  # ikavism: і for е, a known surname
    ("Дмитро Лубінець", "uk", "Дмитрий Лубинец"),
    ("Володимир Зеленський", "uk", "Владимир Зеленский"),
    ("Ґеорґій Ґонґадзе", "uk", "Георгий Гонгадзе"),  # ґ → г
    ("John Coale", "uk", "John Coale"),  # Latin letters stay as written
])
def test_russian_form_of_a_name(written, lang, russian):
    assert russian_name(written, lang) == russian


def test_declined_belarusian_and_ukrainian_names_come_back_to_one_person():
    for body in ("Прэс-сакратар Аляксандра Лукашэнкі паведаміла пра памілаванне. Лукашэнка "
                 "падпісаў указ.",
                 "Пресслужба Олександра Лукашенка повідомила про помилування. Лукашенко "
                 "підписав указ."):
        article = build("t.txt", f" date 2026-03-05 Навіны\n\n{body}\n")
        people = find_people(article)
        assert [p.name for p in people] == ["Александр Лукашенко"]
        assert len(people[0].aliases) == 2  # the full name as written and the surname alone


def quotes_of(body: str):
    article = build("t.txt", f" date 2026-03-05 Новость дня\n\n{body}\n")
    return [(q.text, q.speaker) for q in find_quotes(article, find_people(article))]


def test_a_text_with_its_owner_named_does_not_look_back():
    """«в заявлении семьи»: someone the article does not name, not the source introduced
    earlier."""
    body = ("Министр Иван Орлов написал в соцсети, что ждет новостей. Семья освобожденного "
            "поблагодарила дипломатов. «Мы ждали этого пять лет», — говорится в заявлении семьи.")
    assert quotes_of(body) == [("Мы ждали этого пять лет", None)]


def test_the_institution_owning_a_name_speaks():
    body = ("Александр Лукашенко подписал указ. «Все помилованные признали вину и раскаялись», — "
            "говорится в сообщении пресс-службы Лукашенко.")
    assert quotes_of(body)[0][1] == "Пресс-служба Лукашенко"


def test_a_quote_without_attribution_after_a_statement_sentence():
    body = ("МИД Латвии выступил с заявлением. «Мы приветствуем освобождение наших граждан и "
            "ждем остальных».")
    assert quotes_of(body) == [("Мы приветствуем освобождение наших граждан и ждем остальных",
                                "МИД Латвии")]


def test_a_quote_in_a_story_sentence_stays_without_speaker():
    body = ("Суд приговорил его к пяти годам колонии. «Это было несправедливо и жестоко по "
            "отношению к семье».")
    assert quotes_of(body) == [("Это было несправедливо и жестоко по отношению к семье", None)]


def test_a_generic_institution_word_is_the_institution_named_before():
    body = ("Двое сотрудников посольства освобождены, сообщается на официальном сайте МИД "
            "Эстонии.\n\n«Оба сотрудника вернулись на родину и чувствуют себя хорошо», — "
            "говорится в заявлении дипведомства.\n\nИз заявления МИД Латвии: «Граждане Латвии "
            "находятся в безопасности и скоро вернутся домой».")
    assert [s for _, s in quotes_of(body)] == ["МИД Эстонии", "МИД Латвии"]


def test_english_quoted_as_saying_and_spokesperson_before_the_name():
    body = ('UN spokesperson Farhan Haq said the release was welcome. "We call for the release of '
            'all remaining political prisoners," Haq was quoted as saying.')
    assert quotes_of(body) == [("We call for the release of all remaining political prisoners",
                                "Farhan Haq")]


def test_according_to_in_three_languages():
    assert quotes_of("По данным пресс-службы МИД Литвы, «все шестеро уже встретились с "
                     "родными».")[0][1] == "Пресс-служба МИД Литвы"
    assert quotes_of("Паводле слоў Святланы Ціханоўскай, «гэта толькі пачатак вялікай "
                     "працы».")[0][1] == "Светлана Тихановская"


@pytest.mark.parametrize("body", [
    'US envoy John Coale met officials in Minsk. "We expect more releases soon," a US official '
    'said.',
    "Министр Иван Орлов прибыл в Вильнюс. «Мы ждем новых освобождений», — сказал один из "
    "дипломатов.",
    "Министр Иван Орлов прибыл в Вильнюс. «Мы ждем новых освобождений», — сказали дипломаты.",
    "Освобожденные вышли из автобуса и рассказали о пути. «Мы счастливы вернуться домой», — "
    "сказали они.",
])
def test_anonymous_and_plural_speakers_are_nobody_named(body):
    assert [s for _, s in quotes_of(body)] == [None]


def test_they_after_an_institution_is_the_institution():
    body = ("Посольство США в Литве сообщило об освобождении. «Мы приветствуем это решение», — "
            "заявили они.")
    assert [s for _, s in quotes_of(body)] == ["Посольство США в Литве"]


@pytest.mark.parametrize("body,speaker", [
    ('Lithuanian President Gitanas Nausėda welcomed the release. "Six of our citizens are '
     'finally home," Nausėda wrote on X.', "Gitanas Nausėda"),  # Latin with diacritics
    ('"Six of our citizens are finally home," said Polish Foreign Minister Radosław Sikorski.',
     "Radosław Sikorski"),
    ('"Six of our citizens are finally home," said Kęstutis Budrys, Lithuania\'s foreign '
     'minister.', "Kęstutis Budrys"),
    ("«Шестеро наших громадян уже вдома». Про це заявила речниця МЗС Литви Рута Станкявічюте.",
     "Рута Станкявичюте"),  # named after the quote, in a sentence that refers back
    ("«Мы ждали этого пять лет». Об этом заявил министр юстиции Иван Орлов.", "Иван Орлов"),
])
def test_speaker_named_after_the_quote_or_in_latin_letters(body, speaker):
    assert [s for _, s in quotes_of(body)] == [speaker]


def test_a_ukrainian_name_in_russian_text_takes_its_russian_form_but_a_russian_name_stays():
    article = build("t.txt", " date 2026-03-05 Новость\n\nАлена Иванова и Олександр Усик "
                             "встретились в Киеве.\n")
    assert [p.name for p in find_people(article)] == ["Алена Иванова", "Александр Усик"]


@pytest.mark.parametrize("body,speaker", [
    ("«Все военнослужащие вернулись домой», — говорится в сообщении Минобороны.", "Минобороны"),
    ("«We welcome the release of all prisoners», — говорится в заявлении Amnesty International.",
     "Amnesty International"),
    ("«Они свободны», — говорится в заявлении Европейской комиссии.", "Европейская комиссия"),
    ("Правозащитный центр «Вясна» опубликовал список. «Они свободны», — говорится в сообщении "
     "«Вясны».", "Правозащитный центр «Вясна»"),
])
def test_the_owner_of_a_statement_named_after_it(body, speaker):
    assert [s for _, s in quotes_of(body)] == [speaker]


def test_a_quotation_over_three_paragraphs_with_no_re_opening_marks():
    body = ("Святлана Ціханоўская напісала:\n\n„Сёння на волі яшчэ семнаццаць чалавек.\n\n"
            "Мы дзякуем кожнаму, хто дапамагаў.\n\nАле за кратамі застаюцца тысячы“.")
    article = build("t.txt", f" date 2026-03-05 Навіны\n\n{body}\n")
    quotes = find_quotes(article, find_people(article))
    assert [(q.text, q.speaker, q.spans_paragraphs) for q in quotes] == [
        ("Сёння на волі яшчэ семнаццаць чалавек. Мы дзякуем кожнаму, хто дапамагаў. Але за "
         "кратамі застаюцца тысячы", "Светлана Тихановская", True)]


def test_whom_someone_told_is_not_the_speaker():
    body = 'Activist Ales Bialiatski spoke to reporters. "We are home," he told Radio Liberty.'
    assert quotes_of(body) == [("We are home", "Ales Bialiatski")]


def test_an_embedded_post_signed_with_a_handle():
    body = ("«Сегодня на свободе еще семнадцать человек»\n\n"
            "— Siarhei Bahdanovich (@sbahdanovich) March 7, 2026")
    assert quotes_of(body) == [("Сегодня на свободе еще семнадцать человек", "Siarhei Bahdanovich")]
