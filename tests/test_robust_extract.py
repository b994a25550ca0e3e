"""The extractor on hostile input: no exception escapes, and every fact's span lies inside the
article text and matches it (a quote's text, a country's form), in the paragraph of its sentence."""
import json
import re
import signal
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from app.extract import extract
from app.extract.model import EVENT_KINDS, Facts
from app.facts_json import facts_json
from app.reader import Article, ReadError, build
from speed import slowdown

from test_robust_reader import PIECES

CORPUS = Path(__file__).resolve().parent / "corpus" / "articles"
# Real sentences cut into pieces, so that random text reaches the extractor's deeper paths.
_SENTENCES = [s for f in sorted(CORPUS.glob("*.txt"))
              for s in re.split(r"(?<=[.!?»])\s+", f.read_text(encoding="utf-8")) if s.strip()]
_CHUNKS = [c for s in _SENTENCES for c in re.split(r"(?<=[,:—])\s", s) if c.strip()]

newsy = st.lists(st.one_of(st.sampled_from(_SENTENCES), st.sampled_from(_CHUNKS),
                           st.sampled_from(PIECES), st.text(max_size=20),
                           st.sampled_from([" ", "\n\n", " «", "» ", ", — сказал ", " 14 ", " трое "])),
                 min_size=1, max_size=30).map("".join)

ONE_MB_SECONDS = 10  # a hang guard: 1 MB takes ~3 s (it took 28 s while the cost was quadratic)
_CODE = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def _paragraph_parts(span: str) -> str:
    """A quote over several paragraphs spans from its first quoted character to its last, with the
    paragraph breaks and re-opening marks (where printed) between; its text is the parts joined
    by one space."""
    return " ".join(part.strip() for part in re.split(r"\n\n[«„“\"]?", span))


def check_facts(a: Article, facts: Facts) -> None:
    text, n = a.text, len(a.sentences)

    def inside(fact, sentence: int) -> None:
        assert 0 <= fact.start <= fact.end <= len(text), fact
        assert 0 <= sentence < n, fact
        p = a.paragraphs[a.sentences[sentence].paragraph]
        assert p.start <= fact.start <= p.end, (fact, "starts outside the paragraph of its sentence")

    for q in facts.quotes:
        inside(q, q.sentence)
        assert q.kind in ("statement", "fragment") and q.text.strip()
        if q.spans_paragraphs:
            assert _paragraph_parts(text[q.start:q.end]) == q.text, q
        else:
            assert text[q.start:q.end] == q.text, q
    for m in facts.countries:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.form, m
        assert _CODE.match(m.code), m
    for c in facts.counts:
        inside(c, c.sentence)
        assert _CODE.match(c.country) and isinstance(c.count, int) and c.count >= 0, c
        assert c.event is None or 0 <= c.event < len(facts.events), c
    for e in facts.events:
        inside(e, e.sentence)
        assert e.kind in EVENT_KINDS and (e.date is None or _DATE.match(e.date)), e
        assert all(_CODE.match(k) for k in e.countries + list(e.breakdown)), e
    for p in facts.people:
        assert p.name.strip() and 0 <= p.start <= p.end <= len(text), p
    for t in facts.total_checks:
        assert 0 <= t.sentence < n, t
    json.dumps(facts_json(a, facts), ensure_ascii=False)  # the public shape serialises


def extract_checked(raw: str, **kw) -> None:
    try:
        a = build("x.txt", raw, **kw)
    except ReadError:
        return
    check_facts(a, extract(a))


SOME = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SOME
@given(newsy)
@example("“He told the guards he would not be deported from his own country,” said Franak Viacorka,")
@example("«Мы ждали этого три года.\n\n« Теперь главное — его здоровье ,», — сказала Елена Орлова.")
@example("«Мы ждали.\n\n« ,», — сказала она.")
def test_extract_news_like_text(raw):
    extract_checked(" date 2025-06-21 Заголовок\n\n" + raw)


@SOME
@given(st.text(max_size=400))
def test_extract_random_text(raw):
    extract_checked(raw)


@SOME
@given(st.lists(st.sampled_from(PIECES + ["«", "«", "»", "„", "“"]), max_size=60).map("".join), newsy)
@example("", "Он сказал: « мы рады освобождению», — заявил Иван Петров.")
def test_extract_unbalanced_marks(marks, raw):
    extract_checked(raw, title=marks + raw[:40])


def test_every_corpus_article():
    for f in sorted(CORPUS.glob("*.txt")):
        a = build(str(f), f.read_text(encoding="utf-8"))
        check_facts(a, extract(a))


def test_deep_nesting_of_quote_marks():
    extract_checked("T\n\n" + "«" * 3000 + "Мы рады, — сказал он" + "»" * 2999 + ". Освободили 14 человек.")


def test_unclosed_quote_runs_to_the_end():
    extract_checked("T\n\nОн сказал: «мы рады освобождению.\n\n«И это ещё не всё. Освободили 14 литовцев.")


def test_controls_rtl_and_mixed_scripts():
    extract_checked("T\n\n\u202eЛукашенко\u202c помиловал \x1b[31m14\x1b[0m граждан ליטא Литвы, "
                    "— сказал\u200f «مرحبا» 中文 Пресс-секретарь.\x07 «Мы\u2028рады»")


class ExtractionTimeout(BaseException):
    """Not an Exception: no `except Exception` in the code under test can swallow it."""


@contextmanager
def time_limit(seconds: int):
    """Fail, rather than hang the suite, when extraction takes longer than `seconds`."""
    def expire(signum, frame):
        raise ExtractionTimeout(f"extraction took more than {seconds} s")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_one_megabyte_line():
    # every corpus article's body run together into one 1 MB paragraph: hostile, but news
    body = " ".join(" ".join(f.read_text(encoding="utf-8").split("\n\n")[1:])
                    for f in sorted(CORPUS.glob("*.txt")))
    a = build("x.txt", "T\n\n" + (body * (1_000_000 // len(body) + 1))[:1_000_000])
    with time_limit(round(ONE_MB_SECONDS * slowdown())):
        facts = extract(a)
    check_facts(a, facts)
