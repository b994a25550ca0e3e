"""Saved web pages (app.web.html): our own articles wrapped in a news site's boilerplate give
back every paragraph and no boilerplate, the right date however the page gives it, and the same
facts as the article's text file."""
import sqlite3
from pathlib import Path

import pytest

from app.extract import extract
from app.reader import ReadError, build, find_files, read_path
from app.store import queries
from app.store.importer import run_import
from app.web.html import decode_html, read_html
from web_pages import BOILERPLATE, DATINGS, OFF_TOPIC, UNSEEN, make_page

ARTICLES = sorted(p.name for p in UNSEEN.glob("*.txt"))
# for the facts: a pardon, an exchange, a list of names, a release abroad (no photo credit, which
# a page's title never carries)
FACT_ARTICLES = ["ev_02_aliev_pomilovanie.txt", "ev_10_obmen_16_10.txt",
                 "ev_03_spisok_osvobozhdennyh.txt", "ev_11_iran_francuz.txt"]


def text_article(name: str):
    return build(name, (UNSEEN / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("dating", DATINGS)
def test_every_paragraph_and_no_boilerplate(dating):
    for name in ARTICLES:
        url, page = make_page(name, dating=dating)
        a = read_html(f"{name}.html", page.encode())
        want = text_article(name)
        assert a.text == want.text, name  # the headline, then every paragraph, nothing else
        for phrase in BOILERPLATE:
            assert phrase not in a.text, (name, phrase)
        assert a.date == want.date, (name, dating)
        assert a.site_name == "Новости Примера" and a.canonical_url == url and a.url == url


@pytest.mark.parametrize("dating", DATINGS)
def test_the_facts_equal_those_of_the_text_file(dating):
    for name in FACT_ARTICLES:
        _, page = make_page(name, dating=dating)
        a, want = read_html(f"{name}.html", page.encode()), text_article(name)
        assert [(p.start, p.end) for p in a.paragraphs] == [(p.start, p.end) for p in want.paragraphs]
        assert a.sentences == want.sentences
        assert extract(a).as_dict() == extract(want).as_dict(), name


def test_date_only_in_the_fetched_url():
    """A page without a canonical link or any date tag: the URL it came from dates it."""
    url, page = make_page("ev_02_aliev_pomilovanie.txt", dating="url")
    page = page.replace(f'<link rel="canonical" href="{url}">', "")
    assert read_html("p.html", page.encode()).date is None
    assert str(read_html(url, page.encode(), url=url).date) == "2025-05-27"


def test_no_date_at_all_is_a_warning_and_a_feed_date_stands_in():
    url, page = make_page("ev_02_aliev_pomilovanie.txt", dating="none")
    a = read_html("p.html", page.encode())
    assert a.date is None and any("no publication date" in w for w in a.warnings)
    import datetime as dt

    b = read_html("p.html", page.encode(), fallback_date=dt.date(2025, 5, 28))
    assert b.date == dt.date(2025, 5, 28)


def test_cp1251_from_the_meta_charset_or_the_header():
    _, page = make_page("ev_02_aliev_pomilovanie.txt", charset="windows-1251")
    a = read_html("p.html", page.encode("cp1251"))
    assert a.encoding == "cp1251" and a.text == text_article("ev_02_aliev_pomilovanie.txt").text
    _, bare = make_page("ev_02_aliev_pomilovanie.txt", charset=None)
    assert decode_html(bare.encode("cp1251"), "windows-1251") == (bare, "cp1251")
    # a page that lies (says UTF-8 in the header, is cp1251) is still read
    assert decode_html(bare.encode("cp1251"), "utf-8")[1] == "cp1251"


def test_a_page_without_article_text_fails_with_a_reason(tmp_path):
    empty = tmp_path / "menu.html"
    empty.write_text("<html><head><title>Меню</title></head><body><nav><a href='/'>Главная</a>"
                     "</nav></body></html>", encoding="utf-8")
    pdfish = tmp_path / "bin.html"
    pdfish.write_bytes(b"%PDF-1.7\x00\x01\x02 binary")
    for f, why in ((empty, "no article text"), (pdfish, "binary")):
        [item] = list(read_path(f))
        assert isinstance(item, ReadError) and why in str(item)


def test_import_of_a_folder_of_pages(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in FACT_ARTICLES[:2]:
        (seeds / f"{Path(name).stem}.html").write_text(make_page(name)[1], encoding="utf-8")
    url, off = make_page("OFF_TOPIC", dating="meta", slug="vystavka")
    (seeds / "vystavka.htm").write_text(off, encoding="utf-8")
    (seeds / "empty.html").write_text("<html><body><nav>Главная</nav></body></html>")
    assert [f.name for f in find_files([seeds])] == [
        "empty.html", "ev_02_aliev_pomilovanie.html", "ev_10_obmen_16_10.html", "vystavka.htm"]
    db = tmp_path / "d.db"
    s = run_import(db, [seeds])
    assert len(s.imported) == 3 and [Path(p).name for p, _ in s.failed] == ["empty.html"]
    assert [Path(p).name for p in s.off_topic] == ["vystavka.htm"]
    again = run_import(db, [seeds])  # unchanged bytes: not parsed again
    assert again.imported == [] and again.unchanged == 3 and len(again.failed) == 1
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select path, date, site_name, canonical_url, off_topic from articles "
                            "order by path").fetchall()
        assert [(Path(p).name, d, site, off) for p, d, site, _, off in rows] == [
            ("ev_02_aliev_pomilovanie.html", "2025-05-27", "Новости Примера", 0),
            ("ev_10_obmen_16_10.html", text_article("ev_10_obmen_16_10.txt").date.isoformat(),
             "Новости Примера", 0),
            ("vystavka.htm", "2025-10-02", "Новости Примера", 1)]
        assert rows[2][3] == url
        # the off-topic page's reports make no events
        off_id = conn.execute("select id from articles where off_topic").fetchone()[0]
        assert conn.execute("select count(*) from event_reports er join reports r on "
                            "r.id = er.report_id where r.article_id = ?", [off_id]).fetchone()[0] == 0
    conn = sqlite3.connect(db)
    # its quote stays searchable, unless off-topic pages are hidden
    assert [h.path for h in queries.search_quotes(conn, "тракторов")] == [str(seeds / "vystavka.htm")]
    assert queries.search_quotes(conn, "тракторов", off_topic=False) == []
    assert queries.count_quotes(conn, "тракторов", off_topic=False) == 0
    # the countries it names (China, Germany) are not counted as its articles
    facet = {r.code: r for r in queries.country_facet(conn)}
    assert "CN" not in facet
    assert all(r.code != "CN" for r in queries.live_country_facet(conn))
    conn.close()


def test_off_topic_is_judged_from_the_facts_for_web_pages_only(tmp_path):
    """The same unrelated news as a text file is an ordinary article (relevance is a web filter)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "vystavka.txt").write_text(OFF_TOPIC, encoding="utf-8")
    s = run_import(tmp_path / "d.db", [src])
    assert len(s.imported) == 1 and s.off_topic == []


def test_the_benchmark_pages_read_as_their_text_files():
    """bench.web_import's pages are what it claims: the same articles as its text files."""
    from bench.web_import import page

    for i in range(5):
        url, html, text = page(3, i)
        a = read_html(url, html.encode(), url=url)
        want = build(url, text)
        assert (a.text, a.date, a.site_name) == (want.text, want.date, "Лента Примера")


def test_web_libraries_load_only_for_web_inputs():
    """trafilatura, htmldate, feedparser and httpx cost time to import: text imports and the
    app never load them."""
    import json
    import subprocess
    import sys

    code = ("import sys, json, app.cli, app.reader, app.store.importer, app.tui.app\n"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, check=True, timeout=120)
    mods = {m.split(".")[0] for m in json.loads(out.stdout.strip().splitlines()[-1])}
    assert not mods & {"trafilatura", "htmldate", "feedparser", "httpx", "justext"}


def test_strange_pages_fail_with_a_reason_never_a_crash():
    import random

    prose = "<p>Текст статьи, достаточно длинный, чтобы быть абзацем прозы.</p>".encode()
    cases = {
        b"": "empty file", b"  \n ": "empty file", b"<": "not an HTML page",
        b"<html><body><p>": "no article text",
        bytes(random.Random(1).randrange(1, 256) for _ in range(3000)): "not an HTML page",
        b"<html><body>" + b"<div>" * 5000 + prose + b"</div>" * 5000: "no article text",
        b"<html><body><script>document.write('<p>x</p>')</script></body></html>": "no article text",
        b"<?xml version='1.0'?><rss><channel></channel></rss>": "not an HTML page",
        "<html><p>Привет</p></html>".encode("utf-16"): "UTF-16",
        b"<html><body><nav><a href='/'>Main</a> <a href='/news'>News</a></nav></body></html>":
            "no article text",
    }
    for data, why in cases.items():
        with pytest.raises(ReadError, match=why):
            read_html("strange.html", data)
    # an unknown declared charset is no reason to fail: the text is read as the reader reads it
    a = read_html("p.html", b'<meta charset="x-unknown"><p>Hello world, this is a sentence.</p>')
    assert a.text == "Hello world, this is a sentence." and a.title == ""
