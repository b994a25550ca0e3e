"""Events, per-country counts and total checks, on small articles written for each phenomenon.

Country mentions are made here by a tiny fixture (word form → code, how), so these tests do not
depend on the country finder; the corpus tests at the end use the real pipeline.
"""
import json
import re
import time
from pathlib import Path

import pytest

from app.extract.events import find_events
from app.extract.model import CountryMention
from app.reader import build, read_path
from gold_facts import gold_count_pairs

ROOT = Path(__file__).resolve().parent.parent

FORMS = {
    "Беларуси": ("BY", "name"), "Беларусь": ("BY", "name"), "белорусских": ("BY", "adjective"),
    "белорусской": ("BY", "adjective"), "Белорусские": ("BY", "adjective"),
    "белорусов": ("BY", "demonym"), "Минск": ("BY", "capital"), "Минске": ("BY", "capital"),
    "Литвы": ("LT", "name"), "Литвой": ("LT", "name"), "литовцев": ("LT", "demonym"),
    "литовскую": ("LT", "adjective"), "Латвии": ("LV", "name"), "Польши": ("PL", "name"),
    "поляков": ("PL", "demonym"), "Германии": ("DE", "name"), "ФРГ": ("DE", "alias"),
    "Франции": ("FR", "name"), "француз": ("FR", "demonym"), "Великобритании": ("GB", "name"),
    "Британец": ("GB", "demonym"), "США": ("US", "alias"), "Эстонии": ("EE", "name"),
    "Швейцарии": ("CH", "name"), "Южной Кореи": ("KR", "name"), "японцев": ("JP", "demonym"),
    "Украины": ("UA", "name"), "України": ("UA", "name"), "Вашингтон": ("US", "capital"),
    "Грузии": ("GE", "name"), "Lithuanians": ("LT", "demonym"), "Poles": ("PL", "demonym"),
    "Belarus": ("BY", "name"), "Lithuania": ("LT", "name"), "Washington": ("US", "capital"),
    "латыш": ("LV", "demonym"), "Варшаве": ("PL", "capital"), "Литве": ("LT", "name"),
    "U.S": ("US", "alias"),
}


def fixture_countries(text):
    out = []
    for form, (code, how) in FORMS.items():
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            out.append(CountryMention(code, m.start(), m.end(), form, how))
    return sorted(out, key=lambda c: c.start)


def run(raw):
    article = build("t.txt", raw)
    events, counts, checks = find_events(article, fixture_countries(article.text), [])
    return article, events, counts, checks


def pairs(counts):
    return sorted((c.country, c.count) for c in counts)


def brief(article, events):
    return [(e.kind, e.date, e.count, e.bound) for e in events]


# ---------------------------------------------------------------- the seed article

def test_seed_article():
    article = next(read_path(ROOT / "seeds" / "000_cbcfc3fb41ebacdb.txt"))
    events, counts, checks = find_events(article, fixture_countries(article.text), [])
    assert pairs(counts) == [("DE", 2), ("FR", 1), ("GB", 1), ("LT", 6), ("LV", 2), ("PL", 2)]
    assert sum(c.count for c in counts) == 14
    assert [(t.stated, t.breakdown_sum, t.match) for t in checks] == [(14, 14, True)]
    # the 14 foreigners pardoned are a part of the 52 freed that day: one act with its parts
    # (issue 11), not a second event that would add each country's people again
    assert brief(article, events) == [
        ("release", "2025-09-11", 52, None),
        ("release", "2025-06", 14, None), ("statement", "2025-08", None, None)]
    assert article.sentence_text(events[2].sentence).startswith("В августе")
    # the breakdown belongs to the act of the 52; every count points at an event
    assert events[0].breakdown == {"LT": 6, "LV": 2, "PL": 2, "DE": 2, "FR": 1, "GB": 1}
    assert all(c.event is not None for c in counts)


# ---------------------------------------------------------------- counts

def test_distributive_and_singular_with_total():
    article, events, counts, checks = run(
        " date 2026-01-17 Иностранцев выдворили\n\n"
        "Восемь иностранных граждан в пятницу были выдворены из Беларуси. Среди них трое японцев, "
        "двое граждан Латвии, по одному — из Эстонии и Швейцарии, а также гражданин Южной Кореи.\n")
    assert pairs(counts) == [("CH", 1), ("EE", 1), ("JP", 3), ("KR", 1), ("LV", 2)]
    assert brief(article, events) == [("deport", "2026-01-16", 8, None)]
    assert [(t.stated, t.breakdown_sum, t.match) for t in checks] == [(8, 8, True)]


def test_distributive_list_of_three_and_mismatch_recorded():
    article, events, counts, checks = run(
        " date 2026-03-06 Помилованы иностранцы\n\n"
        "Лукашенко помиловал 15 иностранных граждан. Из них пятеро — граждане Литвы, "
        "по двое — Латвии, Польши и ФРГ, а также один француз.\n")
    assert pairs(counts) == [("DE", 2), ("FR", 1), ("LT", 5), ("LV", 2), ("PL", 2)]
    assert [(t.stated, t.breakdown_sum, t.match) for t in checks] == [(15, 12, False)]
    assert events[0].breakdown == {"LT": 5, "LV": 2, "PL": 2, "DE": 2, "FR": 1}


def test_partial_list_in_tom_chisle_is_no_breakdown():
    article, events, counts, checks = run(
        " date 2025-12-13 Освобождены\n\n"
        "Сегодня на свободу вышли более ста политзаключенных, в том числе девять граждан Украины "
        "и пять граждан Литвы.\n")
    assert pairs(counts) == [("LT", 5), ("UA", 9)]
    assert checks == []
    assert brief(article, events) == [("release", "2025-12-13", 100, "lower")]


def test_numbers_that_are_not_counts():
    article, events, counts, checks = run(
        " date 2025-12-13 Освобождены трое\n\n"
        "Вчера власти освободили троих заключенных, в том числе гражданина США. "
        "Среди освобожденных 67-летний пенсионер, которого в 2021 году приговорили к 10 годам "
        "колонии на семь лет и штрафу в 2 млрд долларов. В тюрьмах остаются более 1100 человек, "
        "среди них не менее 60 граждан Украины. Британец, освобожденный условно, в список не попал.\n")
    assert pairs(counts) == [("US", 1)]
    assert brief(article, events) == [("release", "2025-12-12", 3, None)]


def test_country_number_inside_an_event_is_no_event_of_its_own():
    article, events, counts, checks = run(
        " date 2026-01-27 Грузины вернулись\n\n"
        "Двое граждан Грузии, освобожденных из белорусской колонии, в понедельник прилетели домой. "
        "Они были в числе девятерых иностранцев, которых Лукашенко помиловал на прошлой неделе.\n")
    assert pairs(counts) == [("GE", 2)]
    assert brief(article, events) == [("pardon", "2026-01", 9, None)]
    assert counts[0].event == 0 and events[0].breakdown == {"GE": 2}


def test_exchange_with_its_breakdown():
    article, events, counts, checks = run(
        " date 2026-01-24 Обмен\n\n"
        "В четверг на границе прошел обмен, в результате которого свободу получили семь человек. "
        "Минск передал Варшаве пятерых поляков, польская сторона вернула двоих граждан Беларуси.\n")
    assert brief(article, events) == [("exchange", "2026-01-22", 7, None)]
    assert pairs(counts) == [("BY", 2), ("PL", 5)]
    assert [(t.stated, t.breakdown_sum, t.match) for t in checks] == [(7, 7, True)]


def test_two_numbers_for_one_country_in_two_events():
    article, events, counts, checks = run(
        " date 2026-02-19 Литва приняла\n\n"
        "Двадцать два человека, освобожденных из белорусских колоний, сегодня пересекли границу с "
        "Литвой. Среди них 7 литовцев.\n\n"
        "В сентябре прошлого года через литовскую границу вывезли 52 освобожденных, в том числе "
        "6 литовцев.\n")
    assert [(c.country, c.count, c.event) for c in counts] == [("LT", 7, 0), ("LT", 6, 1)]
    assert brief(article, events) == [("release", "2026-02-19", 22, None),
                                      ("deport", "2025-09", 52, None)]


def test_same_number_stated_twice_is_one_count():
    article, events, counts, checks = run(
        " date 2025-09-11 Помилованы 52, в их числе шестеро литовцев\n\n"
        "Лукашенко в четверг помиловал 52 осужденных, в том числе шестерых граждан Литвы.\n")
    assert pairs(counts) == [("LT", 6)]
    assert len(events) == 1 and article.sentence_text(events[0].sentence).startswith("Лукашенко")


# ---------------------------------------------------------------- events

def test_recap_sentence_gives_one_event_per_date():
    article, events, counts, checks = run(
        " date 2026-02-13 Три волны\n\n"
        "С июня 2025 года Минск освободил три крупные группы заключенных: 21 июня — 14 человек, "
        "11 сентября — 52, 13 декабря — 123.\n")
    assert brief(article, events) == [("release", "2025-06-21", 14, None),
                                      ("release", "2025-09-11", 52, None),
                                      ("release", "2025-12-13", 123, None)]
    assert counts == []


def test_same_day_and_non_release_kinds_only_when_dated():
    article, events, counts, checks = run(
        " date 2025-02-13 Освобождение\n\n"
        "Белорусские власти вчера освободили троих заключенных. Освобождение стало итогом "
        "переговоров, которые в Минске провел посланник. Тихановская в тот же день назвала "
        "освобождение «важным сигналом». Он заявил, что доволен. В тот же день Вашингтон снял "
        "санкции с завода. Лукашенко 12 февраля провел переговоры с посланником.\n")
    assert brief(article, events) == [
        ("release", "2025-02-12", 3, None), ("statement", "2025-02-12", None, None),
        ("sanctions", "2025-02-12", None, None), ("meeting", "2025-02-12", None, None)]


def test_sequence_words_and_relative_clauses_do_not_date_other_events():
    article, events, counts, checks = run(
        " date 2025-09-11 Освобождение\n\n"
        "Напомним, в июне после визита посланника Лукашенко освободил 14 заключенных. "
        "В августе Лукашенко отвергал возможность освобождения, о котором его просил Трамп во "
        "время телефонного разговора.\n")
    assert brief(article, events) == [("release", "2025-06", 14, None),
                                      ("statement", "2025-08", None, None)]


def test_undated_own_news_and_dated_background():
    article, events, counts, checks = run(
        " date 2024-11-20 Помилованы 14\n\n"
        "Президент подписал указ о помиловании четырнадцати человек. Один из помилованных — "
        "гражданин России.\n\n"
        "В прошлом месяце глава государства помиловал еще 32 человека. В конце августа на свободу "
        "по решению Лукашенко вышли 30 осужденных.\n")
    assert brief(article, events) == [("pardon", "2024-11-20", 14, None),
                                      ("pardon", "2024-10", 32, None),
                                      ("release", "2024-08", 30, None)]


def test_headline_and_body_are_one_event_with_the_body_sentence():
    article, events, counts, checks = run(
        " date 2024-07-04 Лукашенко помиловал 18 осужденных\n\n"
        "Лукашенко накануне помиловал 18 человек. Помилование приурочено ко Дню Независимости, "
        "который отмечают 3 июля.\n")
    assert brief(article, events) == [("pardon", "2024-07-03", 18, None)]
    assert article.sentence_text(events[0].sentence) == "Лукашенко накануне помиловал 18 человек."


def test_two_events_same_day_different_counts():
    article, events, counts, checks = run(
        " date 2026-01-22 Выдворены\n\n"
        "Девять иностранцев, помилованных Лукашенко, сегодня были выдворены из Беларуси. Среди них "
        "четверо граждан Украины, по двое — Латвии и Грузии, а также один гражданин Франции.\n\n"
        "В тот же день Лукашенко помиловал двенадцать граждан Беларуси.\n")
    assert brief(article, events) == [("deport", "2026-01-22", 9, None),
                                      ("pardon", "2026-01-22", 12, None)]
    assert events[1].breakdown == {"BY": 12}
    assert [(t.stated, t.breakdown_sum) for t in checks] == [(9, 9)]


def test_same_kind_and_count_on_different_dates_are_two_events():
    article, events, counts, checks = run(
        " date 2025-10-09 Помилованы 16\n\n"
        "Лукашенко сегодня помиловал 16 человек. В июле белорусский лидер уже помиловал 16 "
        "осужденных.\n")
    assert brief(article, events) == [("pardon", "2025-10-09", 16, None),
                                      ("pardon", "2025-07", 16, None)]


def test_no_article_date():
    article, events, counts, checks = run(
        "Литва приняла шестерых\n\n"
        "Вчера в Литву прибыли шестеро бывших политзаключенных, освобожденных белорусскими "
        "властями. Подтверждено освобождение одного гражданина Литвы. Один из них надеялся выйти "
        "еще 21.06.2025, когда на свободу отпустили большую группу заключенных.\n")
    assert brief(article, events) == [("release", None, 6, None), ("release", "2025-06-21", None, None)]
    assert pairs(counts) == [("LT", 1)]


def test_handed_over_to_a_state_is_a_deport_with_a_lower_bound():
    article, events, counts, checks = run(
        " date 2025-09-12 Вильнюс встретил\n\n"
        "Минск накануне передал Литве свыше полусотни политзаключенных, среди которых шестеро "
        "литовцев. Большинство освобожденных — граждане Беларуси, которых вывезли из страны.\n")
    assert brief(article, events) == [("deport", "2025-09-11", 50, "lower")]
    assert pairs(counts) == [("LT", 6)]


def test_ukrainian():
    article, events, counts, checks = run(
        " date 2025-12-14 Звільнені прибули\n\n"
        "Учора режим звільнив 123 політв’язні. Серед звільнених — дев’ятеро громадян України. "
        "Того ж дня Вашингтон зняв санкції з калію.\n")
    assert brief(article, events) == [("release", "2025-12-13", 123, None),
                                      ("sanctions", "2025-12-13", None, None)]
    assert pairs(counts) == [("UA", 9)]


def test_english():
    article, events, counts, checks = run(
        " date 2025-09-12 Belarus frees 52 prisoners\n\n"
        "Belarus on Thursday freed 52 prisoners, including six Lithuanians and two Poles. "
        "Statkevich, 69, stayed. Washington lifted sanctions the same day. More than 1,100 "
        "political prisoners remain behind bars.\n")
    assert brief(article, events) == [("release", "2025-09-11", 52, None),
                                      ("sanctions", "2025-09-11", None, None)]
    assert pairs(counts) == [("LT", 6), ("PL", 2)]
    assert checks == []


# ---------------------------------------------------------------- the corpus

def _corpus_score(articles: Path, gold: Path):
    """Counts pairs and release events with counts, scored as tests/corpus/score.py does."""
    from app.extract import extract
    tp = fp = fn = etp = efp = efn = 0
    times = []
    for gf in sorted(gold.glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        article = next(read_path(articles / g["file"]))
        t0 = time.perf_counter()
        facts = extract(article)
        times.append(time.perf_counter() - t0)
        gp = set(gold_count_pairs(g))
        pp = {(c.country, c.count) for c in facts.counts}
        tp, fp, fn = tp + len(gp & pp), fp + len(pp - gp), fn + len(gp - pp)
        ge = [e for e in g["events"] if e["kind"] in ("release", "pardon", "exchange", "deport")
              and e.get("count")]
        pe = [e for e in facts.events if e.kind in ("release", "pardon", "exchange", "deport")
              and e.count]
        used = set()
        for e in ge:
            k = next((k for k, p in enumerate(pe) if k not in used and p.count == e["count"] and (
                e["date"] is None or (p.date or "").startswith(e["date"]))), None)
            if k is not None:
                used.add(k)
        etp, efp, efn = etp + len(used), efp + len(pe) - len(used), efn + len(ge) - len(used)

    def f1(a, b, c):
        return 2 * a / (2 * a + b + c) if a + b + c else 1.0
    return f1(tp, fp, fn), f1(etp, efp, efn), max(times)


@pytest.fixture(scope="module")
def real_countries():
    from app.extract.countries import find_countries
    if not find_countries("граждане Литвы"):
        pytest.skip("app/extract/countries.py does not find countries yet")


@pytest.mark.parametrize("where", ["tests/corpus", "tests/corpus/clusters"])
def test_corpus_counts_and_events(real_countries, where):
    base = ROOT / where
    counts_f1, events_f1, slowest = _corpus_score(base / "articles", base / "gold")
    print(f"{where}: counts F1={counts_f1:.2f} events F1={events_f1:.2f} "
          f"slowest article {slowest * 1000:.0f} ms")
    assert counts_f1 >= 1.0
    assert events_f1 >= 1.0


def test_english_singular_citizen_and_a_sum_of_country_numbers():
    article, events, counts, checks = run(
        " date 2025-05-17 Released\n\n"
        "Belarus released 14 prisoners on Saturday, including two Poles and a U.S. citizen.\n")
    assert pairs(counts) == [("PL", 2), ("US", 1)]
    assert brief(article, events) == [("release", "2025-05-17", 14, None)]
    article, events, counts, checks = run(
        " date 2025-05-17 Освобождены\n\n"
        "В пятницу освобождены 2 гражданина Латвии и 1 гражданин Эстонии. Им по 40 лет.\n")
    assert pairs(counts) == [("EE", 1), ("LV", 2)]
    assert brief(article, events) == [("release", "2025-05-16", 3, None)]


def test_promises_and_negations_are_no_events():
    article, events, counts, checks = run(
        " date 2025-05-14 Обещание\n\n"
        "Лукашенко пообещал освободить 100 человек. Он не помиловал ни одного журналиста.\n")
    assert events == [] and counts == []
