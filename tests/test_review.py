"""app.review: which events and quotes need a look, and the line that says why."""
from app.review import EventFacts, ReportFacts, event_reasons, quote_reasons, urgency


def report(date="2025-09-11", inferred=False, numbers=None, article="a.txt"):
    return ReportFacts(date, inferred, "main", numbers or {}, article)


def test_a_well_told_event_needs_no_look():
    e = EventFacts("2025-09-11", [], 2, [report(article="a.txt"), report(article="b.txt")])
    assert event_reasons(e) == []


def test_every_reason_with_its_facts_most_urgent_first():
    e = EventFacts(None, [14, 16], 1, [report(None, numbers={"LT": 6}),
                                       report(None, numbers={"LT": 7, "PL": 2})])
    reasons = event_reasons(e)
    assert [r for r, _ in reasons] == ["undated", "count conflict", "country numbers differ",
                                       "single source"]
    assert "sources say 14 / 16" in reasons[1][1] and "LT 6 / 7" in reasons[2][1]
    assert urgency(reasons) == 0


def test_weak_joins_name_the_report():
    inferred = EventFacts("2025-10-09", [], 3, [report(), report(inferred=True, article="late.txt")])
    assert event_reasons(inferred) == [
        ("weak join", "weak join: late.txt dated only by the day of publication")]
    undated = EventFacts("2025-10-09", [], 2, [report(), report(None, article="nodate.txt")])
    assert "nodate.txt undated" in event_reasons(undated)[0][1]
    assert urgency(event_reasons(undated)) == 3


def test_a_quote_without_speaker():
    assert [r for r, _ in quote_reasons(None)] == ["no speaker"]
    assert quote_reasons("Гитанас Науседа") == []
    assert urgency(quote_reasons(None)) == 5 and urgency([]) == 6
