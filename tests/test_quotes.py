"""Quotations, quoted names and speakers: small articles for each pattern, the seed, the corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.extract.name_forms import russian_name
from app.extract.people import find_people
from app.extract.quotes import find_quotes
from app.reader import build, read_path
from gold_facts import score

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


def quotes_of(body: str, headline: str = "Новость дня"):
    article = build("t.txt", f" date 2025-06-22 {headline}\n\n{body}\n")
    return [(q.text, q.speaker, q.kind) for q in find_quotes(article, find_people(article))]


def test_speaker_before_colon():
    assert quotes_of("Министр обороны Виктор Хренин заявил: «Мы не будем отвечать на провокации "
                     "соседей».") == [("Мы не будем отвечать на провокации соседей",
                                       "Виктор Хренин", "statement")]


def test_po_slovam_with_genitive_surname():
    body = ("Об этом рассказала адвокат Ольга Петренко. По словам Петренко, «ее подзащитный "
            "узнал о решении только утром».")
    assert quotes_of(body) == [("ее подзащитный узнал о решении только утром", "Ольга Петренко",
                                "statement")]


def test_pronoun_is_the_last_person_of_its_gender():
    body = ("Правозащитник Иван Сидоров встретил освобожденных на границе. Его коллега Анна "
            "Морозова добавила, что всем нужна помощь. «Людям нужно время, чтобы прийти в себя», "
            "— сказала она.")
    assert quotes_of(body) == [("Людям нужно время, чтобы прийти в себя", "Анна Морозова",
                                "statement")]


def test_role_resolves_to_the_person_introduced_with_it():
    body = ("Премьер-министр Польши Дональд Туск провел переговоры в Вильнюсе.\n\n"
            "«Мы ждем освобождения всех наших граждан без исключения», — подчеркнул "
            "премьер-министр Польши.")
    assert quotes_of(body) == [("Мы ждем освобождения всех наших граждан без исключения",
                                "Дональд Туск", "statement")]


def test_straight_quotes_around_a_medium_are_no_quote():
    body = ('Журналист Андрей Кузнечик работал на радио "Свобода". Кузнечик сказал: "Я вернусь '
            'к работе, как только смогу".')
    assert quotes_of(body) == [("Я вернусь к работе, как только смогу", "Андрей Кузнечик",
                                "statement")]


def test_nested_quotes_stay_inside():
    body = ("Юрист Павел Сапелко написал в Telegram: «Людей судили по так называемым "
            "«экстремистским» статьям, а теперь называют это „жестом доброй воли“».")
    assert quotes_of(body) == [("Людей судили по так называемым «экстремистским» статьям, а "
                                "теперь называют это „жестом доброй воли“", "Павел Сапелко",
                                "statement")]


def test_quote_over_two_paragraphs():
    body = ("Вдова политзаключенного Елена Орлова встретила его у границы.\n\n"
            "«Мы ждали этого три года.\n\n"
            "«Теперь главное — его здоровье», — сказала Елена Орлова.")
    quotes = quotes_of(body)
    assert quotes == [("Мы ждали этого три года. Теперь главное — его здоровье", "Елена Орлова",
                       "statement")]
    # the span runs from the first quoted word to the last, over the break and the re-opening mark
    article = build("t.txt", " date 2025-06-21 T\n\n" + body)
    [q] = find_quotes(article, find_people(article))
    assert q.spans_paragraphs and article.text[q.start:q.end] == \
        "Мы ждали этого три года.\n\n«Теперь главное — его здоровье"


def test_names_and_charges_are_not_quotes_fragments_are():
    body = ("Его осудили по статье «измена государству», сообщил Telegram-канал «Белые ночи». "
            "Координатор Светлана Ковальская назвала приговор «чудовищным». Власти говорят о "
            "так называемой «большой сделке».")
    assert quotes_of(body) == [("чудовищным", "Светлана Ковальская", "fragment"),
                               ("большой сделке", None, "fragment")]


def test_institution_speaker_as_introduced():
    body = ("Посольство Франции в Литве приветствовало освобождение. «Мы продолжим добиваться "
            "свободы для всех задержанных», — говорится в заявлении посольства.")
    assert quotes_of(body) == [("Мы продолжим добиваться свободы для всех задержанных",
                                "Посольство Франции в Литве", "statement")]


def test_anonymous_source_has_no_speaker():
    body = ("«Список согласовывали несколько месяцев подряд», — рассказал источник, знакомый с "
            "ходом переговоров.")
    assert quotes_of(body) == [("Список согласовывали несколько месяцев подряд", None,
                                "statement")]


def test_english_comma_inside_the_mark():
    article = build("t.txt", " date 2025-09-13 Freed\n\n“We will keep working until everyone is "
                              "home,” said Jessica Brandt, a State Department official.\n")
    [q] = find_quotes(article, find_people(article))
    assert (q.text, q.speaker, q.kind) == ("We will keep working until everyone is home",
                                           "Jessica Brandt", "statement")
    assert article.text[q.start:q.end] == q.text  # the comma is in neither


def test_spaces_inside_the_marks_are_in_neither_text_nor_span():
    article = build("t.txt", " date 2025-09-13 T\n\nОн сказал: « мы рады освобождению », — заявил "
                              "Иван Петров.\n")
    [q] = find_quotes(article, find_people(article))
    assert q.text == "мы рады освобождению" == article.text[q.start:q.end]


def test_seed_article():
    article = next(read_path(ROOT / "seeds" / "000_cbcfc3fb41ebacdb.txt"))
    quotes = find_quotes(article, find_people(article))
    got = [(q.text[:30], q.speaker, q.kind) for q in quotes]
    assert got == [
        ("Никто не оставлен позади! 52 з", "Гитанас Науседа", "statement"),
        ("52 — это много, очень много, н", "Гитанас Науседа", "statement"),
        ("глобальная сделка", None, "fragment"),
        ("Если Трамп настаивает, что гот", "Александр Лукашенко", "statement"),
        ("бандитов", "Александр Лукашенко", "fragment"),
    ]
    assert quotes[0].text.endswith("были 6 литовцев") and quotes[0].text.count(".") + \
        quotes[0].text.count("!") == 2  # three sentences
    for q in quotes:  # offsets point at the quoted text
        assert article.text[q.start:q.end] == q.text
        assert q.start >= article.sentences[q.sentence].start


SETS = [(CORPUS / "gold", CORPUS / "articles"),
        (CORPUS / "clusters" / "gold", CORPUS / "clusters" / "articles")]


@pytest.mark.parametrize("gold_dir,articles", SETS, ids=["corpus", "clusters"])
def test_corpus_statements_and_speakers(gold_dir, articles):
    tp = fp = fn = speakers_ok = total = 0
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        article = next(read_path(articles / gold["file"]))
        pred = [q for q in find_quotes(article, find_people(article)) if q.kind == "statement"]
        gq = [q for q in gold["quotes"] if q["kind"] == "statement"]
        used = set()
        for g in gq:
            total += 1
            for i, p in enumerate(pred):
                if i not in used and score.quote_match(g["text"], p.text):
                    used.add(i)
                    tp += 1
                    speakers_ok += score.speaker_match(g["speaker"], p.speaker)
                    break
            else:
                fn += 1
        fp += len(pred) - len(used)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"{gold_dir.parent.name}: statements P={precision:.2f} R={recall:.2f} "
          f"speakers={speakers_ok}/{total}")
    assert precision == 1.0 and recall == 1.0
    assert speakers_ok == total


@pytest.mark.parametrize("gold_dir,articles", SETS, ids=["corpus", "clusters"])
def test_corpus_all_quotes_exactly(gold_dir, articles):
    """Fragments too, with the exact speaker string and the two-paragraph flag."""
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        article = next(read_path(articles / gold["file"]))
        got = [(q.text, q.speaker, q.kind, q.spans_paragraphs)
               for q in find_quotes(article, find_people(article))]
        lang = gold.get("lang", "ru")  # a Ukrainian speaker's name in its Russian form
        want = [(q["text"], q["speaker"] and russian_name(q["speaker"], lang), q["kind"],
                 q.get("spans_paragraphs", False)) for q in gold["quotes"]]
        assert got == want, gold["file"]


def test_a_long_article_costs_linear_time():
    """Every quote's speaker is looked for near the quote (bisection), not over the whole text:
    1 MB of paragraphs with ~2,400 quotes took minutes while each quote scanned every token."""
    import time

    from app.extract import extract

    bodies = ["\n\n".join(f.read_text(encoding="utf-8").split("\n\n")[1:])
              for f in sorted((CORPUS / "articles").glob("*.txt"))]
    body = "\n\n".join(bodies)
    article = build("t.txt", " date 2025-06-21 T\n\n" + (body * (1_000_000 // len(body) + 1))[:1_000_000])
    t = time.process_time()
    facts = extract(article)
    assert len(facts.quotes) > 2000 and time.process_time() - t < 10
