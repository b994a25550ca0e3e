"""Mechanisms of real reporting, on articles written for them (tests/real_like; none is a copy of
a real article): one release told by six outlets in six ways, off-topic articles that use the
words of a release in other senses, and single articles of the news act, background, other
countries and other languages.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.extract import extract
from app.reader import read_path
from app.store.events import list_events
from app.store.schema import open_db
from gold_facts import gold_count_pairs
from merged_truth import country_totals, import_in_order

HERE = Path(__file__).parent / "real_like"
RELEASE = ("release", "pardon", "exchange", "deport")
SAME = HERE / "same_release"
TRUTH = json.loads((SAME / "events.json").read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- one release, six reports

@pytest.fixture(scope="module")
def six(tmp_path_factory):
    """The six reports imported together, through the real extractor, store and merge."""
    folder = tmp_path_factory.mktemp("six")
    shutil.copytree(SAME / "articles", folder / "articles")
    db_path = folder / "pardons.db"
    import_in_order(db_path, sorted((folder / "articles").glob("*.txt")), None)
    db = open_db(db_path, readonly=True)
    yield db
    db.conn.close()


def _released(db) -> list[dict]:
    return [e for e in list_events(db) if e["kind"] in RELEASE]


def test_the_six_reports_are_one_event_and_each_country_counted_once(six):
    [truth] = TRUTH["events"]
    [e] = _released(six)
    assert (e["date"], e["kind"], e["count"], e["bound"]) == (
        truth["date"], truth["kind"], truth["count"], None)
    assert e["countries"] == truth["countries"]
    assert sorted({Path(s["file"]).name for s in e["sources"]}) == sorted(
        r["file"] for r in truth["reports"])
    assert country_totals(six) == TRUTH["country_totals"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_order_of_import_gives_the_same_event(tmp_path, seed):
    shutil.copytree(SAME / "articles", tmp_path / "articles")
    db_path = tmp_path / "pardons.db"
    import_in_order(db_path, sorted((tmp_path / "articles").glob("*.txt")), seed)
    db = open_db(db_path, readonly=True)
    [e] = _released(db)
    assert (e["date"], e["count"], e["countries"], len(e["sources"])) == (
        "2026-07-03", 30, TRUTH["country_totals"], 6)
    assert country_totals(db) == TRUTH["country_totals"]


def _report(file: str) -> dict:
    return next(r for r in TRUTH["events"][0]["reports"] if r["file"] == file)


_HOW = {"r1_headline_only.txt": "the headline alone states the act",
        "r2_lead_without_headline.txt": "no headline: the first line is the lead",
        "r3_next_day_recap.txt": "published the next day, names the act by its date",
        "r4_background_no_date.txt": "background with no date: joins by its count",
        "r5_breakdown_in_quote.txt": "the count and breakdown inside a quote",
        "r6_ukrainian.txt": "Ukrainian"}


@pytest.mark.parametrize("file", [
    "r1_headline_only.txt", "r2_lead_without_headline.txt", "r3_next_day_recap.txt",
    "r4_background_no_date.txt",
    "r5_breakdown_in_quote.txt",
    "r6_ukrainian.txt"])
def test_each_report_joins_the_release_by_its_own_sentence(six, file):
    """Each way of telling the act gives a report of it, from the sentence that states it."""
    [e] = _released(six)
    mine = [_norm(s["sentence"]) for s in e["sources"] if Path(s["file"]).name == file]
    assert mine == [_norm(_report(file)["sentence"])], _HOW[file]


def test_the_report_of_each_article_is_dated_by_its_own_words():
    dates = {}
    for path in sorted((SAME / "articles").glob("*.txt")):
        facts = extract(next(read_path(path)))
        dates[path.name] = [(e.date, e.date_inferred) for e in facts.events if e.kind in RELEASE]
    assert dates == {
        "r1_headline_only.txt": [("2026-07-03", True)],  # the article's date: a guess
        "r2_lead_without_headline.txt": [("2026-07-03", False)],  # «Сегодня»
        "r3_next_day_recap.txt": [("2026-07-03", False)],  # «помилованных 3 июля», not the 4th
        "r4_background_no_date.txt": [(None, False)],  # background never takes the article date
        "r5_breakdown_in_quote.txt": [("2026-07-03", False)],  # the act's number and «Сегодня»
        # are said in the quote
        "r6_ukrainian.txt": [("2026-07-03", False)],  # «сьогодні»
    }


# ---------------------------------------------------------------- other senses: no release

OFF_TOPIC = sorted((HERE / "off_topic").glob("*.txt"))


def test_the_off_topic_articles_are_in_three_languages_and_more():
    langs = {p.name.split("_")[1] for p in OFF_TOPIC}
    assert {"ru", "uk", "en", "be"} <= langs and len(OFF_TOPIC) >= 10


@pytest.mark.parametrize("path", OFF_TOPIC, ids=lambda p: p.stem)
def test_an_off_topic_article_gives_no_release_and_no_count(path):
    """Dismissals, exemptions, a liberated village, an exchange of views, a bill under
    discussion, a product released: the words of a release in other senses."""
    facts = extract(next(read_path(path)))
    assert [(e.kind, e.date, e.count) for e in facts.events if e.kind in RELEASE] == []
    assert facts.counts == []


def _kinds(raw: str) -> list[tuple[str, int | None]]:
    facts = extract(next(read_path_text(raw)))
    return [(e.kind, e.count) for e in facts.events if e.kind in RELEASE]


def read_path_text(raw: str):
    from app.reader import build
    yield build("t.txt", raw)


@pytest.mark.parametrize("raw", [
    " date 2026-04-14 Губернатор освобожден от занимаемой должности\n\nГубернатора области "
    "во вторник освободили от должности в связи с утратой доверия.",
    " date 2026-04-14 Пенсионеров освободят от налога\n\nС 1 мая пенсионеры освобождены от "
    "уплаты налога на землю, сообщили в министерстве.",
    " date 2026-04-14 Армия освободила еще два населенных пункта\n\nВ среду были освобождены "
    "еще два населенных пункта, заявили в штабе.",
    " date 2026-04-14 Стороны обменялись мнениями\n\nМинистры в среду обменялись мнениями о "
    "ситуации в регионе.",
    " date 2026-04-14 Оппозиция призвала освободить политзаключенных\n\nЛидеры оппозиции в среду "
    "призвали к немедленному освобождению 1100 политзаключенных.",
    " date 2026-04-14 Президент звільнив з посади міністра\n\nПрезидент у середу звільнив з "
    "посади міністра енергетики.",
    " date 2026-04-14 The studio released a new film\n\nThe studio on Tuesday released a new "
    "film about the war.",
    " date 2026-06-02 Демобілізація\n\nУ вівторок з лав ЗСУ були звільнені 300 "
    "військовослужбовців старшого віку, повідомили у Міноборони.",
    " date 2026-06-02 Льготы\n\nОт уплаты налога в этом году освобождены 40 тысяч человек.",
])
def test_other_senses_in_each_language(raw):
    assert _kinds(raw) == []


@pytest.mark.parametrize("raw, kinds", [
    (" date 2026-04-14 Из колонии в городе Новополоцке освобождены 12 человек\n\nВо вторник "
     "12 человек освобождены из колонии в городе Новополоцке.", [("release", 12)]),
    (" date 2026-04-14 По требованию США освобождены трое\n\nПо требованию США во вторник "
     "освобождены трое граждан Литвы.", [("release", 3)]),
    (" date 2026-04-14 Обмен пленными\n\nВо вторник Россия и Украина провели обмен пленными: "
     "на родину вернулись 84 человека.", [("exchange", 84)]),
    (" date 2026-04-14 Belarus freed 14 prisoners\n\nBelarus on Tuesday released 14 prisoners "
     "from its jails, officials said.", [("release", 14)]),
])
def test_releases_beside_the_cue_words_stay_releases(raw, kinds):
    assert _kinds(raw) == kinds


# ---------------------------------------------------------------- single articles

ARTICLES = sorted((HERE / "articles").glob("*.json"))


@pytest.mark.parametrize("gold_file", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_a_real_like_article(gold_file):
    """The news act dated by the text's words (else the article's date), background with only
    its own dates, one act told in parts as one event, releases beyond Belarus counted by the
    citizenship of the freed, in Russian, Ukrainian, Belarusian and English."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    article = next(read_path(HERE / "articles" / gold["file"]))
    facts = extract(article)
    got = [(e.kind, e.date, e.count, article.sentence_text(e.sentence))
           for e in facts.events if e.kind in RELEASE]
    assert got == [(e["kind"], e["date"], e["count"], e["sentence"]) for e in gold["events"]]
    assert sorted((c.country, c.count) for c in facts.counts) == gold_count_pairs(gold)


def test_the_real_like_articles_reach_beyond_belarus_and_russian():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in ARTICLES]
    langs = {g["file"].split("_")[1] for g in golds}
    assert {"ru", "uk", "be", "en"} <= langs
    # the freeing state is never the country counted: Iran, Venezuela, Azerbaijan, Russia
    counted = {c for g in golds for c in g["counts"]}
    assert not counted & {"IR", "VE", "AZ", "BY"}


# ---------------------------------------------------------------- each mechanism, paraphrased

def _events(raw: str) -> tuple[list[tuple], list[tuple]]:
    facts = extract(next(read_path_text(raw)))
    return ([(e.kind, e.date, e.count, e.date_inferred) for e in facts.events if e.kind in RELEASE],
            sorted((c.country, c.count) for c in facts.counts))


@pytest.mark.parametrize("raw, events, counts", [
    # no separate headline: the date line carries the lead itself; background keeps «в июне»
    (" date 2026-07-03 Сегодня президент помиловал 30 осужденных, среди них четверо граждан "
     "Литвы.\n\nРешение принято после встречи с делегацией. Напомним, в июне были помилованы 16 "
     "человек.", [("pardon", "2026-07-03", 30, False), ("pardon", "2026-06", 16, False)],
     [("LT", 4)]),
    # those sent to another country are a part of the act, and not that country's citizens
    (" date 2026-07-03 Помилованы 30 человек\n\nПрезидент в пятницу помиловал 30 осужденных, "
     "среди них четверо граждан Литвы. Девятерых из них вывезли в Литву.",
     [("pardon", "2026-07-03", 30, False)], [("LT", 4)]),
    # the total twice, those recognised as political prisoners, women and men: one act
    (" date 2026-07-03 Помилованы 30 человек\n\nВ пятницу помилованы 30 человек. Из 30 "
     "помилованных 12 признаны политзаключенными, среди них четверо граждан Литвы.\n\nВсего "
     "помилованы 30 человек: 19 женщин и 11 мужчин.", [("pardon", "2026-07-03", 30, False)],
     [("LT", 4)]),
    # the foreigners pardoned, told after the total, are a part of it: one act
    (" date 2025-09-11 Лукашенко звільнив 52 в'язнів\n\nЛукашенко звільнив 52 в'язнів. Вони вже "
     "перетнули кордон. Загалом Лукашенко помилував 14 іноземних громадян. Шестеро з них – "
     "громадяни Литви, по двоє – громадян Латвії, Польщі та Німеччини.",
     [("release", "2025-09-11", 52, True)], [("DE", 2), ("LT", 6), ("LV", 2), ("PL", 2)]),
    # the act told first by its part, then whole («22 …, из которых 20 …»): one act of 22
    (" date 2025-12-30 Помилование\n\nВ Беларуси отпустили еще 20 политзаключенных. Лукашенко "
     "подписал указ о помиловании 22 человек, из которых 20 были осуждены по «экстремистским» "
     "статьям.", [("pardon", "2025-12-30", 22, True)], []),
    # a sentence listing earlier decrees with their dates: each keeps its own date
    (" date 2026-10-02 Лукашенко помиловал 25 человек\n\nВ пятницу Лукашенко помиловал 25 "
     "осужденных. Это уже четвертое помилование за осень: ранее указы о помиловании он "
     "подписывал 3 июля (30 человек), 15 августа (18 человек) и 11 сентября (52 человека).",
     [("pardon", "2026-10-02", 25, False), ("pardon", "2026-07-03", 30, False),
      ("pardon", "2026-08-15", 18, False), ("pardon", "2026-09-11", 52, False)], []),
    (" date 2026-10-02 Belarus pardons 25\n\nBelarus pardoned 25 prisoners on Friday. Earlier, "
     "on September 11, it freed 52 people, and on August 15 another 18.",
     [("pardon", "2026-10-02", 25, False), ("release", "2026-09-11", 52, False),
      ("release", "2026-08-15", 18, False)], []),
    (" date 2026-10-02 Лукашенко помилував 25 осіб\n\nУ п'ятницю Лукашенко помилував 25 "
     "засуджених. Раніше, 11 вересня, були звільнені 52 особи, а 15 серпня — ще 18.",
     [("pardon", "2026-10-02", 25, False), ("release", "2026-09-11", 52, False),
      ("release", "2026-08-15", 18, False)], []),
    # a headline over a body of background only: the headline is the news act, background is not
    (" date 2026-07-04 Лукашенко помиловал 30 человек\n\nНапомним, в июне Лукашенко помиловал 16 "
     "человек.", [("pardon", "2026-07-04", 30, True), ("pardon", "2026-06", 16, False)], []),
    # a weekly recap names each act by its date
    (" date 2026-07-10 Итоги недели\n\nНа этой неделе помиловали две группы: 3 июля — 30 "
     "человек, 8 июля — еще 12.", [("pardon", "2026-07-03", 30, False),
                                   ("pardon", "2026-07-08", 12, False)], []),
    # an announced release at the precision given; none without a date of its own
    (" date 2026-07-03 Envoy\n\nBelarus will release 20 more prisoners next week, a U.S. envoy "
     "said on Friday.", [("release", "2026-07", 20, False)], []),
    (" date 2026-07-03 Envoy\n\nВласти пообещали, что 20 заключенных будут освобождены.", [], []),
    (" date 2026-07-03 Prisoners\n\nTwelve prisoners walked free on Friday, officials said.",
     [("release", "2026-07-03", 12, False)], []),
])
def test_mechanisms_of_real_reporting(raw, events, counts):
    assert _events(raw) == (events, counts)


# ---------------------------------------------------------------- an exchange beyond Belarus

def test_an_exchange_told_in_three_languages_is_one_event_with_two_sides(tmp_path):
    """Russia and the US swap prisoners: the day's report (ru), a next-day one naming «on
    Friday» (en, one side only), and an undated background mention (uk) are one exchange; the
    freed are counted by citizenship on both sides, once."""
    shutil.copytree(HERE / "exchange" / "articles", tmp_path / "articles")
    db_path = tmp_path / "pardons.db"
    import_in_order(db_path, sorted((tmp_path / "articles").glob("*.txt")), None)
    db = open_db(db_path, readonly=True)
    [e] = _released(db)
    assert (e["date"], e["kind"], e["count"], e["countries"]) == (
        "2026-04-10", "exchange", 3, {"RU": 1, "US": 2})
    assert sorted(Path(s["file"]).name[:2] for s in e["sources"]) == ["x1", "x2", "x3"]
    assert country_totals(db) == {"RU": 1, "US": 2}


def test_a_day_stated_in_the_sentence_before_is_no_guess():
    """«Россия и США в пятницу провели обмен. Москва освободила двух …»: the event is restated
    by the sentence with its number, but its day was stated: not inferred."""
    facts = extract(next(read_path(HERE / "articles" / "a06_ru_exchange_russia_us.txt")))
    [e] = [e for e in facts.events if e.kind in RELEASE]
    assert (e.date, e.date_inferred) == ("2026-04-10", False)


def test_a_dump_of_off_topic_news_puts_nothing_on_the_timeline(tmp_path):
    """Imported like a general news dump: no release event, no per-country number stored."""
    shutil.copytree(HERE / "off_topic", tmp_path / "news")
    db_path = tmp_path / "pardons.db"
    import_in_order(db_path, sorted((tmp_path / "news").glob("*.txt")), None)
    db = open_db(db_path, readonly=True)
    assert _released(db) == []
    assert country_totals(db) == {}
    assert db.execute("select count(*) from counts").fetchone()[0] == 0
