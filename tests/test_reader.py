"""The reader: date line, caption and credit, headings, offsets, encodings, JSON Lines, bad files."""
import datetime as dt
import json
from pathlib import Path

import pytest

from app.reader import ReadError, build, find_files, read_path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cbcfc3fb41ebacdb.txt"

BODY = ("Власти освободили троих заключенных. Их встретили родные.\n\n"
        "Что известно\n\n"
        "«Мы рады», — сказал адвокат.\n")


def read_one(path: Path):
    items = list(read_path(path))
    assert len(items) == 1
    return items[0]


def test_seed_date_caption_credit_and_headings():
    a = read_one(SEED)
    assert a.date == dt.date(2025, 9, 11)
    assert a.title == "Самопровозглашенный президент Беларуси Александр Лукашенко"
    assert a.credit == "Associated Press"
    assert a.caption is True
    assert "©" not in a.text
    headings = [a.text[p.start:p.end] for p in a.paragraphs if p.heading]
    assert headings == ["Освобождение 52 политзаключенных", "Помилование 14 иностранных заключенных"]
    assert a.warnings == []


def test_seed_offsets_point_at_the_text():
    a = read_one(SEED)
    raw = SEED.read_text(encoding="utf-8")
    for p in a.paragraphs:
        assert a.text[p.start:p.end].strip() == a.text[p.start:p.end]
        assert a.text[p.start:p.end] in raw
    texts = [a.sentence_text(i) for i in range(len(a.sentences))]
    assert texts[1].startswith("Самопровозглашенный президент Беларуси Александр Лукашенко освободил 52")
    assert texts[2] == "Освобожденные заключенные пересекли границу с Литвой."
    assert "Всего помиловано 14 иностранных граждан: 6 из них — граждане Литвы" in " ".join(texts)
    # sentences cover their paragraph in order, and sentence_at finds them back
    for i, s in enumerate(a.sentences):
        p = a.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert a.sentence_at(s.start) == i and a.sentence_at(s.end - 1) == i
    assert a.sentences == sorted(a.sentences, key=lambda s: s.start)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_bom_and_crlf(tmp_path):
    text = " date 2025-01-02 Заголовок\n\n" + BODY
    a = read_one(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()))
    assert a.date == dt.date(2025, 1, 2)
    assert a.title == "Заголовок"
    assert "\r" not in a.text and "\ufeff" not in a.text
    assert a.text.split("\n\n") == ["Заголовок", "Власти освободили троих заключенных. Их встретили родные.",
                                    "Что известно", "«Мы рады», — сказал адвокат."]
    assert [p.heading for p in a.paragraphs] == [False, False, True, False]
    assert [a.sentence_text(i) for i in range(3)] == [
        "Заголовок", "Власти освободили троих заключенных.", "Их встретили родные."]


def test_cp1251_is_detected(tmp_path):
    text = "date 2024-03-05 Помилование\n\n" + BODY
    a = read_one(write(tmp_path, "a.txt", text.encode("cp1251")))
    assert a.encoding == "cp1251"
    assert a.date == dt.date(2024, 3, 5)  # the leading space of the date line is optional
    assert "Власти освободили троих заключенных." in a.text
    assert any("cp1251" in w for w in a.warnings)


def test_no_date_line_is_a_warning(tmp_path):
    a = read_one(write(tmp_path, "a.txt", ("Шестеро вернулись домой\n\n" + BODY).encode()))
    assert a.date is None
    assert a.title == "Шестеро вернулись домой"
    assert any("no date line" in w for w in a.warnings)


def test_json_lines(tmp_path):
    lines = [json.dumps({"date": "2025-06-21", "title": "Первая", "text": "Освободили 14 человек.\n\nЭто всё.",
                         "url": "https://example.org/1"}, ensure_ascii=False),
             "",
             "{not json",
             json.dumps({"date": None, "title": "Вторая", "text": "Текст без даты."}, ensure_ascii=False)]
    items = list(read_path(write(tmp_path, "a.jsonl", "\n".join(lines).encode())))
    assert len(items) == 3
    first, bad, second = items
    assert first.title == "Первая" and first.date == dt.date(2025, 6, 21)
    assert first.url == "https://example.org/1"
    assert first.path.endswith("a.jsonl#1")
    assert first.text == "Первая\n\nОсвободили 14 человек.\n\nЭто всё."
    assert isinstance(bad, ReadError) and "a.jsonl#3" in str(bad)
    assert second.date is None and second.path.endswith("#4")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu".encode("latin-1") + b"\x81\x98", "unknown encoding"),
])
def test_broken_files_say_why(tmp_path, data, reason):
    item = read_one(write(tmp_path, "bad.txt", data))
    assert isinstance(item, ReadError)
    assert reason in str(item) and "bad.txt" in str(item)


def test_find_files_is_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text("x")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in find_files([tmp_path])]
    assert names == ["a.txt", "b.txt", "sub/c.jsonl"]


def test_build_joins_wrapped_lines():
    a = build("x", "date 2025-01-01 Т\n\nпервая строка\nвторая строка.\n")
    assert a.text == "Т\n\nпервая строка вторая строка."
