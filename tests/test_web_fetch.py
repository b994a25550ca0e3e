"""Pages, feeds and URLs through a local site on 127.0.0.1 (tests/web_server.py): each answer is
reported as it should be, the good pages are imported, a second run fetches nothing, and
`--rebuild` works with the site gone. Nothing here reaches beyond 127.0.0.1."""
import json
import socket
import sqlite3
import time

import pytest

from app.cli import main
from app.store.importer import WebOptions, run_import, web_cache_dir
from app.web.fetch import Cache, Fetcher, FetchError, normalize
from web_pages import article_parts
from web_server import FEED_ETAG, PAGES, Site

FAST = dict(delay=0.0, timeout=0.5, retries=1, backoff=0.05)  # short, so the suite stays fast


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any connection beyond 127.0.0.1 fails the test."""
    connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"the tests reached beyond 127.0.0.1: {address}")
        return connect(self, address)
    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.stop()


def articles(db) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "select path, date, title, off_topic, site_name, encoding from articles")}


def date_of(slug):
    return article_parts(PAGES[slug])[0].isoformat()


def test_feed_and_urls_each_reported_and_the_good_ones_imported(site, tmp_path):
    db = tmp_path / "d.db"
    u = site.url
    inputs = [u("/rss.xml"), u("/old-address"), u("/missing.html"), u("/flaky.html"),
              u("/slow.html"), u("/report.pdf"), u("/cp1251.html")]
    s = run_import(db, [], web=WebOptions(urls=inputs, **FAST))
    failed = dict(s.failed)
    assert set(failed) == {u("/news/gone.html"), u("/missing.html"), u("/slow.html"),
                           u("/report.pdf")}
    assert failed[u("/news/gone.html")].startswith("HTTP 404")  # a feed entry's dead link
    assert failed[u("/missing.html")].startswith("HTTP 404")
    assert failed[u("/slow.html")] == "timed out after 0.5 s (2 tries)"
    assert failed[u("/report.pdf")] == "not an HTML page or a feed (application/pdf)"
    assert site.hits["/missing.html"] == 1  # a 404 is not tried again
    assert site.hits["/flaky.html"] == 2  # a 500, then the page
    imported = articles(db)
    assert set(imported) == set(s.imported) == {
        u("/news/aliev.html"), u("/news/obmen.html"), u("/news/vystavka.html"),
        u("/undated.html"), u("/old-address"), u("/flaky.html"), u("/cp1251.html")}
    assert s.off_topic == [u("/news/vystavka.html")]
    assert imported[u("/news/aliev.html")] == (date_of("aliev"), article_parts(PAGES["aliev"])[1],
                                                0, "Новости Примера", "utf-8")
    assert imported[u("/old-address")][0] == date_of("iran")  # the redirect followed
    assert imported[u("/undated.html")][0] == date_of("iran")  # the feed entry's date
    assert imported[u("/cp1251.html")][0::4] == (date_of("obmen"), "cp1251")
    assert imported[u("/news/vystavka.html")][2] == 1
    assert s.fetched == 8  # the feed, four of its pages, the redirected page, flaky, cp1251
    assert s.from_cache == 0
    # polite: our User-Agent on every request
    assert all("pardons" in h["User-Agent"] for hs in site.headers.values() for h in hs)
    # the off-topic page adds no event; the others do
    with sqlite3.connect(db) as conn:
        per = dict(conn.execute("select a.path, count(er.event_id) from articles a "
                                "left join reports r on r.article_id = a.id "
                                "left join event_reports er on er.report_id = r.id group by a.id"))
    assert per[u("/news/vystavka.html")] == 0 and per[u("/news/aliev.html")] > 0

    # a second run fetches nothing: every page and the young feed come from the cache
    good = [u("/rss.xml"), u("/old-address"), u("/flaky.html"), u("/cp1251.html")]
    before = sum(site.hits.values())
    again = run_import(db, [], web=WebOptions(urls=good, **FAST))
    assert sum(site.hits.values()) == before and again.fetched == 0
    assert again.from_cache == 8  # the feed, its pages (the dead link failed), three URLs
    assert again.imported == [] and again.unchanged == 7 and again.failed == [
        (u("/news/gone.html"), failed[u("/news/gone.html")])]

    # --rebuild with the site gone: every web article again, from the cache alone
    site.stop()
    (tmp_path / "seeds").mkdir()
    assert main(["--db", str(db), "import", "--rebuild", str(tmp_path / "seeds"), "--json"]) == 0
    assert articles(db) == imported


def test_feed_file_and_conditional_revalidation(site, tmp_path):
    feed = tmp_path / "news.xml"
    feed.write_text(site.feed(), encoding="utf-8")
    db = tmp_path / "d.db"
    s = run_import(db, [feed], web=WebOptions(**FAST))
    assert sorted(s.imported) == sorted([site.url(f"/news/{p}.html") for p in (
        "aliev", "obmen", "vystavka")] + [site.url("/undated.html")])
    assert len(s.off_topic) == 1 and [p for p, _ in s.failed] == [site.url("/news/gone.html")]
    # the same entries in a feed URL: already imported (same URL, same content), nothing fetched
    before = dict(site.hits)
    s2 = run_import(db, [], web=WebOptions(urls=[site.url("/rss.xml")], **FAST))
    assert s2.imported == [] and s2.unchanged == 4
    assert {k: v - before.get(k, 0) for k, v in site.hits.items() if v != before.get(k, 0)} == {
        "/rss.xml": 1}  # the feed URL itself is new; the 404 of gone.html is remembered
    # --refresh asks again with the validators; a 304 costs no body
    s3 = run_import(db, [], web=WebOptions(urls=[site.url("/rss.xml")], refresh=True, **FAST))
    assert site.headers["/rss.xml"][-1].get("If-None-Match") == FEED_ETAG
    assert site.headers["/news/aliev.html"][-1].get("If-Modified-Since")
    assert s3.imported == [] and s3.unchanged == 4


def test_max_pages_leaves_the_rest_for_the_next_run(site, tmp_path):
    db = tmp_path / "d.db"
    s = run_import(db, [], web=WebOptions(urls=[site.url("/rss.xml")], max_pages=2, **FAST))
    assert s.fetched == 2 and len(s.imported) == 1  # the feed and its first page
    assert [u for u, _ in s.not_fetched] == [site.url(f"/news/{p}.html") for p in ("obmen", "vystavka")] + [
        site.url("/undated.html"), site.url("/news/gone.html")]
    assert "limit of 2 pages" in s.not_fetched[0][1] and not s.failed
    s2 = run_import(db, [], web=WebOptions(urls=[site.url("/rss.xml")], max_pages=2, **FAST))
    assert len(s2.imported) == 2 and s2.unchanged == 1  # the next two, and the first kept


def test_per_host_delay_and_cache_files(site, tmp_path):
    fetcher = Fetcher(Cache(tmp_path / "cache"), delay=0.3, timeout=1, retries=0)
    started = time.monotonic()
    a = fetcher.get(site.url("/news/aliev.html#comments"))  # the fragment is the same page
    b = fetcher.get(site.url("/news/obmen.html"))
    assert time.monotonic() - started >= 0.3  # one host: the second request waited
    assert a.url == site.url("/news/aliev.html") and not a.from_cache and b.content_type == "text/html"
    assert fetcher.get(site.url("/news/aliev.html")).from_cache
    assert fetcher.requests == 2 and fetcher.downloads == 2
    offline = Fetcher(Cache(tmp_path / "cache"), offline=True)
    assert offline.get(site.url("/news/obmen.html")).body == b.body
    with pytest.raises(FetchError, match="not in the cache"):
        offline.get(site.url("/news/iran.html"))
    assert web_cache_dir(tmp_path / "data.db") == tmp_path / "data.db.web"
    assert normalize(" https://a.example/x#y ") == "https://a.example/x"


def test_cli_import_of_a_url_prints_the_summary(site, tmp_path, capsys):
    db = tmp_path / "d.db"
    status = main(["--db", str(db), "import", site.url("/news/vystavka.html"), site.url("/report.pdf"),
                   "--delay", "0", "--timeout", "0.5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 1  # a failed URL
    assert out["off_topic"] == [site.url("/news/vystavka.html")]
    assert (out["pages"], out["fetched"], out["from_cache"]) == (2, 1, 0)  # and one failed
    assert out["failed"] == [{"path": site.url("/report.pdf"),
                              "reason": "not an HTML page or a feed (application/pdf)"}]
    main(["--db", str(db), "import", site.url("/news/vystavka.html"), "--offline"])
    err = " ".join(capsys.readouterr().err.split())
    assert "unchanged 1" in err and "web: 1 pages and feeds, 0 downloaded, 1 from the cache" in err


def test_an_older_schema_is_rebuilt_with_its_web_articles_from_the_cache(site, tmp_path):
    from app.store.importer import ensure_fresh

    db, seeds = tmp_path / "d.db", tmp_path / "seeds"
    seeds.mkdir()
    run_import(db, [seeds], web=WebOptions(urls=[site.url("/news/aliev.html")], **FAST))
    with sqlite3.connect(db) as conn:
        conn.execute("update meta set value = '4' where key = 'schema_version'")
    conn.close()
    site.stop()
    summary = ensure_fresh(db, [seeds], progress=False)
    assert summary.imported == [site.url("/news/aliev.html")] and summary.fetched == 0
    assert articles(db)[site.url("/news/aliev.html")][0] == date_of("aliev")


def test_feeds_rss_atom_and_not_a_feed(tmp_path):
    from app.reader import ReadError
    from app.web.feeds import parse_feed

    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Лента</title><entry><title>Первая</title><link href='/a/1.html'/>"
            "<updated>2025-09-11T10:00:00Z</updated></entry>"
            "<entry><title>Без ссылки</title></entry>"
            "<entry><title>Повтор</title><link href='https://ex.example/a/1.html'/></entry></feed>")
    [entry] = parse_feed(atom.encode(), "https://ex.example/feed")
    assert (entry.link, entry.title, str(entry.date)) == ("https://ex.example/a/1.html", "Первая",
                                                          "2025-09-11")
    with pytest.raises(ReadError, match="not an RSS or Atom feed"):
        parse_feed(b"just some text, no feed here")
    bad = tmp_path / "bad.xml"
    bad.write_text("<html><body>not a feed</body></html>")
    s = run_import(tmp_path / "d.db", [bad], web=WebOptions(**FAST))
    assert [(p, r.split(" (")[0]) for p, r in s.failed] == [(str(bad), "not an RSS or Atom feed")]
