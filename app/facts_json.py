"""The public JSON shape of `pardons extract --json` (one article's facts)."""
from __future__ import annotations

from collections import Counter

from app.extract.countries import country_name
from app.extract.model import Facts
from app.reader import Article


def facts_json(article: Article, facts: Facts) -> dict:
    """Names as the article's language writes them (`Person.native`); the Russian form, which
    the database keys people by across languages, stays in `russian` where it differs."""
    sentence = article.sentence_text
    mentions = Counter(m.code for m in facts.countries)
    native = {p.name: p.native for p in facts.people if p.native}

    def shown(name):
        return native.get(name, name)

    return {
        "article": {"path": article.path, "date": article.date.isoformat() if article.date else None,
                    "title": article.title, "credit": article.credit, "warnings": article.warnings},
        "quotes": [{"text": q.text, "speaker": shown(q.speaker), "kind": q.kind, "start": q.start,
                    "end": q.end, "sentence": sentence(q.sentence),
                    "spans_paragraphs": q.spans_paragraphs} for q in facts.quotes],
        "counts": [{"country": c.country, "count": c.count, "status": c.status, "date": c.date,
                    "start": c.start, "end": c.end, "sentence": sentence(c.sentence)}
                   for c in facts.counts],
        "events": [{"date": e.date, "precision": e.precision, "kind": e.kind, "count": e.count,
                    "bound": e.bound, "people": [shown(p) for p in e.people], "countries": e.countries,
                    "breakdown": e.breakdown, "date_inferred": e.date_inferred, "start": e.start, "end": e.end,
                    "sentence": sentence(e.sentence)} for e in facts.events],
        "countries": [{"code": code, "name": country_name(code), "mentions": n}
                      for code, n in sorted(mentions.items())],
        "people": [{"name": p.native or p.name, "aliases": p.aliases, "roles": p.roles}
                   | ({"russian": p.name} if p.native else {}) for p in facts.people],
        "total_checks": [{"stated": t.stated, "breakdown_sum": t.breakdown_sum, "match": t.match,
                          "sentence": sentence(t.sentence)} for t in facts.total_checks],
    }
