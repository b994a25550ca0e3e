"""Import throughput of web pages: N generated articles as HTML pages in the fetch cache (a news
site's boilerplate around each, the date in JSON-LD), imported offline (trafilatura, htmldate,
then extraction), against the same N articles as .txt files imported in the same run.

`python -m bench.web_import [--pages 1000]`, or `python -m bench --only web`.
"""
from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
import time
from pathlib import Path

from bench.generate import article
from bench.report import Figure

TARGET_RATE = 100.0  # pages/s
SITE = "https://bench.invalid"

# the boilerplate of a news site (our own text), around each article
_PAGE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title} — Лента</title>
<meta property="og:site_name" content="Лента Примера"><link rel="canonical" href="{url}">
<script type="application/ld+json">{jsonld}</script><script>var analytics = [];</script></head>
<body><div class="cookies">Сайт использует файлы cookie. <button>Хорошо</button></div>
<header><nav><a href="/">Главная</a> <a href="/politics">Политика</a> <a href="/world">Мир</a>
<a href="/sport">Спорт</a></nav></header><main><article><h1>{title}</h1>
{body}
</article><aside class="related"><h2>Другие новости</h2><ul><li><a href="/a">В городе открыли
новый мост через реку</a></li><li><a href="/b">Цены на бензин выросли за неделю</a></li></ul></aside>
<section class="comments"><p>Комментарий: интересно, что будет дальше с этим делом.</p></section>
</main><footer>© Лента Примера. Все права защищены.</footer></body></html>"""


def page(seed: int, i: int) -> tuple[str, str, str]:
    """(url, html page, text file) of generated article i."""
    a = article(seed, i)
    title = a.title.split(" / ©")[0]  # a page's headline carries no photo credit
    url = f"{SITE}/{seed}/{i}.html"
    jsonld = json.dumps({"@type": "NewsArticle", "headline": title,
                         "datePublished": f"{a.date}T10:00:00+03:00"}, ensure_ascii=False)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in a.paragraphs)
    text = f" date {a.date.isoformat()} {title}\n\n" + "\n\n".join(a.paragraphs) + "\n"
    return url, _PAGE.format(title=html.escape(title), url=url, jsonld=jsonld, body=body), text


def prepare(n: int, seed: int, root: Path) -> tuple[list[str], Path, Path]:
    """The pages in a fetch cache and the same articles as text files: (urls, cache, txt dir)."""
    from app.web.fetch import Cache, Page

    if root.exists():
        shutil.rmtree(root)
    cache, txt = Cache(root / "cache"), root / "txt"
    txt.mkdir(parents=True)
    urls = []
    for i in range(n):
        url, body, text = page(seed, i)
        cache.put(Page(url=url, final_url=url, content_type="text/html", charset="utf-8",
                       fetched_at=time.time(), body=body.encode()))
        (txt / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        urls.append(url)
    return urls, root / "cache", txt


def measure(n: int = 1000, seed: int = 1, out: Path = Path("bench/out"), jobs: int | None = None,
            log=print, repeat: int = 2) -> tuple[list[Figure], dict]:
    """Each import `repeat` times, txt and html in turn, into fresh databases; the best of each
    (on a shared machine the load drifts: turns and best-of keep the ratio fair)."""
    from app.store.importer import WebOptions, run_import

    root = out / f"web-{n}-s{seed}"
    log(f"web: writing {n} pages into a fetch cache and {n} text files ...")
    urls, cache, txt = prepare(n, seed, root)
    runs = {}
    for turn in range(repeat):
        for name, paths, web in (
                ("txt", [txt], None),
                ("html", [], WebOptions(urls=urls, offline=True, cache_dir=cache))):
            db = root / f"{name}.db"
            for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                f.unlink(missing_ok=True)
            log(f"web: importing the {name} articles ({turn + 1}/{repeat}) ...")
            s = run_import(db, paths, jobs=jobs, web=web)
            if name not in runs or s.seconds < runs[name].seconds:
                runs[name] = s
    html_s, txt_s = runs["html"], runs["txt"]
    rate = len(html_s.imported) / html_s.seconds
    base = len(txt_s.imported) / txt_s.seconds
    note = f"{len(html_s.failed)} failed, e.g. {html_s.failed[:1]}" if html_s.failed else ""
    figures = [Figure("web", f"import of {n} cached HTML pages", rate, "pages/s", TARGET_RATE,
                      True, base, "the same articles as .txt", note=note)]
    return figures, {"html": {"imported": len(html_s.imported), "seconds": html_s.seconds,
                              "fetched": html_s.fetched, "off_topic": len(html_s.off_topic)},
                     "txt": {"imported": len(txt_s.imported), "seconds": txt_s.seconds}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.web_import", description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="bench/out")
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--repeat", type=int, default=2, help="imports of each kind; the best counts")
    args = p.parse_args(argv)
    figures, details = measure(args.pages, args.seed, Path(args.out), args.jobs,
                               log=lambda s: print(s, file=sys.stderr, flush=True),
                               repeat=args.repeat)
    for f in figures:
        print(f.line())
    print(json.dumps(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
