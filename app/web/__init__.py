"""Articles from the web: saved HTML pages (html.py), RSS/Atom feeds (feeds.py) and URLs fetched
politely through an on-disk cache (fetch.py); sources.py turns URLs and feeds into `Article`s.

Each yields the same `app.reader.Article` a text file does; downstream only sees the page's URL
and site name as data. trafilatura, htmldate, feedparser and httpx are imported here only, and
only when a web input is imported.
"""
