"""The reader on hostile input: random text and bytes, unmatched marks, deep nesting, huge lines,
control characters, mixed scripts, right-to-left text. Nothing but `ReadError` may escape, and
every paragraph and sentence offset must point into the text it describes."""
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from app.reader import Article, ReadError, build, decode, read_jsonl, read_text_file

# Pieces that have broken text tools before; mixed with random text by `hostile_text`.
PIECES = [
    "«", "»", "„", "“", "”", '"', "«««", "»»»", "[bold]", "[/]", "\x1b[31m", "\x1b]52;c;aGk=\x07",
    "\x00", "\x07", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e",
    "\u200f", "שלום עולם", "مرحبا بالعالم", "Освободили 14 человек.", "Lithuania", "中文", "😀",
    "e\u0301", "\r", "\r\n", "\n", "\n\n", " date 2025-01-02 ", "date 9999-99-99", " / © AP",
    "Читайте также", "1 000 000", "٢٠٢٥", "—", "…", "\t", "((((((((", "))))",
]

hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), hostile_text)


def check_offsets(a: Article) -> None:
    """Paragraphs and sentences lie inside the text, in order, and say what they cover."""
    text = a.text
    assert text.strip() and "\r" not in text
    assert text.split("\n\n") == [text[p.start:p.end] for p in a.paragraphs]
    prev_end = -2
    for p in a.paragraphs:
        assert prev_end + 2 == p.start <= p.end <= len(text)
        assert text[p.start:p.end] == text[p.start:p.end].strip() != ""
        assert "\n" not in text[p.start:p.end]
        prev_end = p.end
    prev = 0
    for i, s in enumerate(a.sentences):
        p = a.paragraphs[s.paragraph]
        assert prev <= s.start < s.end and p.start <= s.start and s.end <= p.end
        assert text[s.start:s.end].strip()
        assert a.sentence_text(i) == text[s.start:s.end]
        assert a.sentence_at(s.start) == i
        prev = s.end
    assert len(a.content_hash) == 64


def build_or_error(raw: str, **kw):
    try:
        a = build("x.txt", raw, **kw)
    except ReadError as e:
        assert str(e)
        return None
    check_offsets(a)
    return a


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(any_text)
def test_build_random_text(raw):
    build_or_error(raw)


@FAST
@given(any_text, any_text)
def test_build_with_title_random_text(title, body):
    # the JSON Lines path: title and body come separately and neither is trusted
    a = build_or_error(body, title=title)
    if a is not None and title.strip() and "\n" not in title.strip():
        assert a.text.startswith(a.title)


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_decode_or_say_why(data):
    try:
        text, encoding = decode(data)
    except ReadError as e:
        assert str(e)
        return
    assert encoding in ("utf-8", "cp1251")
    try:
        a = read_text_file(Path("x.txt"), data)
    except ReadError:
        return
    check_offsets(a)


@FAST
@given(any_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_utf8_bytes(data):
    try:
        a = read_text_file(Path("x.txt"), data)
    except ReadError as e:
        assert str(e)
        return
    check_offsets(a)


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                          max_leaves=6)
record = st.fixed_dictionaries({}, optional={"date": st.one_of(json_value, st.just("2025-06-21"), st.just("2025-13-45")),
                                             "title": json_value, "text": st.one_of(any_text, json_value),
                                             "url": json_value})


@FAST
@given(st.lists(st.one_of(record.map(lambda r: json.dumps(r, ensure_ascii=False)), any_text), max_size=6))
def test_json_lines_random_records(lines):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        items = list(read_jsonl(Path("x.jsonl"), data))
    except ReadError as e:  # the whole file: empty, binary or undecodable
        assert str(e)
        return
    for item in items:
        if isinstance(item, ReadError):
            assert str(item).startswith("x.jsonl#")
        else:
            check_offsets(item)
            assert item.url is None or isinstance(item.url, str)
            item.text.encode("utf-8")  # storable: no lone surrogates


def test_json_lines_split_only_on_newline():
    # U+2028 and friends are legal unescaped inside JSON strings; they do not end a record
    rec = json.dumps({"date": "2025-01-01", "title": "Т", "text": "раз\u2028два\x85три\x0cчетыре"},
                     ensure_ascii=False)
    (a,) = list(read_jsonl(Path("x.jsonl"), rec.encode()))
    assert isinstance(a, Article) and "четыре" in a.text
    check_offsets(a)


def test_lone_surrogates_in_json_are_not_fatal():
    rec = '{"date": "2025-01-01", "title": "T\\ud800", "text": "a \\udfff b."}'
    (a,) = list(read_jsonl(Path("x.jsonl"), rec.encode()))
    assert isinstance(a, Article)
    a.text.encode("utf-8")
    assert a.text == "T\ufffd\n\na \ufffd b."


def test_one_megabyte_line():
    body = "Освободили 14 человек, «сказал он. " * 30000  # ~1 MB, one paragraph, unmatched «
    a = build("x.txt", " date 2025-01-02 Заголовок\n\n" + body)
    check_offsets(a)
    assert len(a.text) > 1_000_000 and len(a.paragraphs) == 2


def test_one_megabyte_line_without_spaces():
    a = build("x.txt", "Заголовок\n\n" + "ы" * 1_000_000)
    check_offsets(a)
    assert a.paragraphs[1].end - a.paragraphs[1].start == 1_000_000


def test_deep_nesting():
    a = build("x.txt", "T\n\n" + "«" * 5000 + "текст" + "»" * 4999 + " [" * 3000 + "(" * 3000)
    check_offsets(a)


def test_unicode_digits_in_the_date_line_are_not_a_date():
    a = build("x.txt", "date ٢٠٢٥-٠١-٠١ Заголовок\n\nТекст.")
    check_offsets(a)
    assert a.date is None
