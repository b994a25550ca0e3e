"""HTML pages made from our own test articles, wrapped in the boilerplate of a real news site:
a menu, a cookie banner, a "read also" block, related links, comments and a footer. Each way of
giving the publication date is one `dating` variant. Every boilerplate text below is ours and is
checked to be absent from the extracted article."""
from __future__ import annotations

import html
import json
from pathlib import Path

from app.reader import build

UNSEEN = Path(__file__).parent / "unseen"

# phrases of the boilerplate: none may reach the extracted text
BOILERPLATE = ["Главная страница", "Мы используем файлы cookie", "Принять все",
               "Читайте также: погода на выходные", "Самое популярное за неделю",
               "Комментарий от читателя", "Подписывайтесь на нашу рассылку",
               "Все права защищены", "Курс валют на сегодня"]

DATINGS = ("jsonld", "meta", "url")  # and "none": no date at all


# A web page with no release act: unrelated news that names countries and holds a quote
OFF_TOPIC = """ date 2025-10-02 В Минске открылась выставка сельскохозяйственной техники

В Минске в четверг открылась международная выставка сельскохозяйственной техники. В ней \
участвуют около двухсот компаний из двенадцати стран, в том числе из Китая и Германии.

Министр сельского хозяйства на открытии сказал журналистам: «Мы рассчитываем подписать \
контракты на поставку тракторов и комбайнов».

Выставка продлится до воскресенья. Вход для посетителей свободный.
"""


def article_parts(name: str):
    """(date, title, paragraphs) of a test article file (or, for OFF_TOPIC, of that text), read
    as the reader reads it."""
    raw = OFF_TOPIC if name == "OFF_TOPIC" else (UNSEEN / name).read_text(encoding="utf-8")
    a = build(name, raw)
    return a.date, a.title, [a.text[p.start:p.end] for p in a.paragraphs[1:]]


def page_url(base: str, date, slug: str, dating: str) -> str:
    if dating == "url":
        return f"{base}/{date:%Y/%m/%d}/{slug}.html"
    return f"{base}/news/{slug}.html"


def make_page(name: str, *, dating: str = "jsonld", base: str = "https://news.example.org",
              charset: str | None = "utf-8", slug: str | None = None) -> tuple[str, str]:
    """(url, page) of one article; the date is given only the way `dating` says."""
    date, title, paragraphs = article_parts(name)
    slug = slug or Path(name).stem.replace("_", "-")
    url = page_url(base, date, slug, dating)
    e = html.escape
    head = [f'<meta charset="{charset}">' if charset else "",
            f"<title>{e(title)} | Новости Примера</title>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta property="og:title" content="{e(title)}">',
            '<meta property="og:site_name" content="Новости Примера">',
            f'<link rel="canonical" href="{url}">']
    if dating == "meta":
        head.append(f'<meta property="article:published_time" content="{date}T09:30:00+03:00">')
    if dating == "jsonld":
        head.append('<script type="application/ld+json">' + json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "datePublished": f"{date}T09:30:00+03:00", "publisher": {"@type": "Organization",
                                                                  "name": "Новости Примера"}},
            ensure_ascii=False) + "</script>")
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="ru"><head>{''.join(head)}
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.menu {{ display: flex; }}</style></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>Мы используем файлы cookie, чтобы сайт работал
лучше. Продолжая просмотр, вы соглашаетесь с нашей политикой.</p><button>Принять все</button></div>
<header><nav class="menu"><ul><li><a href="/">Главная страница</a></li><li><a href="/politics">Политика</a></li>
<li><a href="/economy">Экономика</a></li><li><a href="/world">В мире</a></li></ul></nav>
<div class="ticker">Курс валют на сегодня: доллар 80,12, евро 93,40</div></header>
<main><article class="article">
<h1 class="article__title">{e(title)}</h1>
<div class="article__meta"><span class="author">Редакция</span></div>
<div class="article__body">
{body}
</div>
<aside class="read-also"><p><a href="/news/weather">Читайте также: погода на выходные</a></p></aside>
<div class="share"><a href="#">Поделиться</a> <a href="#">Телеграм</a></div>
</article>
<section class="related"><h2>Самое популярное за неделю</h2><ul>
<li><a href="/news/1">В столице открылся новый парк аттракционов для детей и взрослых</a></li>
<li><a href="/news/2">Синоптики обещают тёплую и солнечную погоду до конца месяца</a></li>
<li><a href="/news/3">Футбольный клуб подписал контракт с молодым нападающим из академии</a></li>
</ul></section>
<section class="comments" id="comments"><h3>Комментарии (2)</h3>
<div class="comment"><p>Комментарий от читателя Ивана: хорошо, что об этом пишут, но хотелось бы подробностей о каждом из них.</p></div>
<div class="comment"><p>Комментарий от читателя Марии: спасибо редакции за эту важную и подробную публикацию.</p></div>
</section></main>
<footer><div class="subscribe">Подписывайтесь на нашу рассылку, чтобы не пропустить главное.</div>
<p>© 2025 Новости Примера. Все права защищены. Перепечатка только с разрешения редакции.</p></footer>
</body></html>"""
    return url, page
