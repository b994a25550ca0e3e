"""A news site on 127.0.0.1 for the web import tests (http.server in a thread): pages, a feed,
a redirect, a 404, a 500 then 200, a slow page, a PDF, a page whose charset is only in the HTTP
header. It counts the requests of each path and keeps their headers."""
from __future__ import annotations

import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from web_pages import article_parts, make_page

SLOW_SECONDS = 2.0
FEED_ETAG = '"feed-v1"'

# slug → test article; the feed lists the first three
PAGES = {"aliev": "ev_02_aliev_pomilovanie.txt", "obmen": "ev_10_obmen_16_10.txt",
         "vystavka": "OFF_TOPIC", "iran": "ev_11_iran_francuz.txt"}


class Site:
    def __init__(self):
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def page(self, slug: str, dating: str = "jsonld") -> tuple[str, str]:
        return make_page(PAGES[slug], dating=dating, base=self.base, slug=slug)

    def feed(self) -> str:
        items = []
        for slug in ("aliev", "obmen", "vystavka"):
            date, title, _ = article_parts(PAGES[slug])
            url, _ = self.page(slug)
            items.append(f"<item><title>{escape(title)}</title><link>{url}</link>"
                         f"<pubDate>{date:%a, %d %b %Y} 09:30:00 +0300</pubDate></item>")
        # a page with no date of its own: the entry's date stands in
        date, title, _ = article_parts(PAGES["iran"])
        items.append(f"<item><title>{escape(title)}</title><link>{self.base}/undated.html</link>"
                     f"<pubDate>{date:%a, %d %b %Y} 18:00:00 +0000</pubDate></item>")
        items.append(f"<item><title>Удалено</title><link>{self.base}/news/gone.html</link></item>")
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Новости Примера</title><link>{self.base}/</link>"
                f"<description>Лента</description>{''.join(items)}</channel></rss>")

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                     **headers):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k.replace("_", "-"), v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

            def do_GET(self):
                path = self.path
                site.hits[path] += 1
                site.headers.setdefault(path, []).append(dict(self.headers))
                if path == "/rss.xml":
                    if self.headers.get("If-None-Match") == FEED_ETAG:
                        return self.send(304)
                    return self.send(200, site.feed().encode(), "application/rss+xml",
                                     ETag=FEED_ETAG, Last_Modified=formatdate(usegmt=True))
                if path.startswith("/news/") and path.removeprefix("/news/").removesuffix(".html") in PAGES:
                    _, page = site.page(path.removeprefix("/news/").removesuffix(".html"))
                    return self.send(200, page.encode(), Last_Modified=formatdate(usegmt=True))
                if path == "/undated.html":
                    _, page = make_page(PAGES["iran"], dating="none", base=site.base, slug="undated")
                    return self.send(200, page.encode())
                if path == "/old-address":
                    return self.send(301, Location="/news/iran.html")
                if path == "/flaky.html":  # the first answer an error, the next the page
                    if site.hits[path] == 1:
                        return self.send(500, b"oops")
                    _, page = make_page(PAGES["aliev"], dating="meta", base=site.base, slug="flaky")
                    return self.send(200, page.encode())
                if path == "/slow.html":
                    time.sleep(SLOW_SECONDS)
                    return self.send(200, b"<html><body><p>late</p></body></html>")
                if path == "/report.pdf":
                    return self.send(200, b"%PDF-1.7\n%binary", "application/pdf")
                if path == "/cp1251.html":  # the charset in the header only, none in the page
                    _, page = make_page(PAGES["obmen"], dating="meta", base=site.base,
                                        slug="cp1251", charset=None)
                    return self.send(200, page.encode("cp1251"), "text/html; charset=windows-1251")
                return self.send(404, b"<html><body>not found</body></html>")

        return Handler
