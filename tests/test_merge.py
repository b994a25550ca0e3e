"""The merge rules (app.merge) on hand-made reports, and on the gold reports of the cluster set."""
from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from app.merge import Report, _blocks, counts_agree, dates_agree, find_actors, merge

CLUSTERS = Path(__file__).parent / "corpus" / "clusters"
RELEASE = ("release", "pardon", "deport", "exchange")

_ids = iter(range(1, 10**9))


def rep(article, kind, date, count=None, bound=None, breakdown=None, people=(), start=0,
        countries=(), inferred=False):
    return Report(id=next(_ids), article=article, kind=kind, date=date, count=count, bound=bound,
                  breakdown=dict(breakdown or {}), people=list(people), start=start,
                  countries=list(countries), date_inferred=inferred)



def by_articles(reports, events):
    ids = {r.id: (r.article, r.start) for r in reports}
    return sorted(sorted(ids[i] for i in e.report_ids) for e in events)


# -- pairwise rules --------------------------------------------------------------------------

def test_dates_agree_at_the_coarser_precision():
    assert dates_agree("2025-09", "2025-09-11")
    assert dates_agree("2025", "2025-09-11")
    assert dates_agree(None, "2025-09-11")
    assert not dates_agree("2025-07-02", "2025-10-09")
    assert not dates_agree("2025-07", "2025-10-09")


def test_counts_agree_equal_or_bound_met():
    assert counts_agree(rep("a", "pardon", None, 52), rep("b", "pardon", None, 52))
    assert counts_agree(rep("a", "pardon", None, 50, "lower"), rep("b", "pardon", None, 52))
    assert counts_agree(rep("a", "pardon", None, 10, "lower"), rep("b", "pardon", None, 12))
    assert not counts_agree(rep("a", "pardon", None, 10, "lower"), rep("b", "pardon", None, 9))
    assert not counts_agree(rep("a", "pardon", None, 16), rep("b", "pardon", None, 14))
    assert counts_agree(rep("a", "pardon", None, None), rep("b", "pardon", None, 14))


# -- the cases of the issue ------------------------------------------------------------------

def test_same_day_reports_with_different_verbs_are_one_event():
    rs = [rep("03", "release", "2025-09-11", 52, breakdown={"LT": 6, "PL": 2, "LV": 2, "FR": 1}),
          rep("04", "pardon", "2025-09-11", 52, breakdown={"LT": 6})]
    [e] = merge(rs)
    assert (e.date, e.count, e.bound, e.articles) == ("2025-09-11", 52, None, 2)
    assert e.countries == {"FR": 1, "LT": 6, "LV": 2, "PL": 2}


def test_next_day_follow_up_with_a_lower_bound_and_another_verb_joins():
    rs = [rep("03", "release", "2025-09-11", 52, breakdown={"LT": 6}),
          rep("05", "release", "2025-09-11", 52, breakdown={"LT": 6, "PL": 2}),
          rep("06", "deport", "2025-09-11", 50, "lower", breakdown={"LT": 6})]
    [e] = merge(rs)
    assert (e.kind, e.count, e.bound) == ("release", 52, None)
    assert e.countries == {"LT": 6, "PL": 2}


def test_only_lower_bounds_give_the_highest_bound():
    [e] = merge([rep("a", "release", "2025-09-11", 50, "lower"),
                 rep("b", "release", "2025-09-11", 30, "lower")])
    assert (e.count, e.bound) == (50, "lower")


def test_recap_line_at_month_precision_joins_its_event_and_not_the_look_alike():
    rs = [rep("01", "pardon", "2025-07-02", 16, breakdown={"LV": 1}),
          rep("02", "release", "2025-07-02", 16),
          rep("07", "pardon", "2025-10-09", 16, breakdown={"LV": 1}, start=10),
          rep("07", "pardon", "2025-07", 16, start=200)]  # «В июле … уже помиловал 16»
    events = merge(rs)
    assert [(e.date, e.kind, e.count) for e in events] == [
        ("2025-07-02", "pardon", 16), ("2025-10-09", "pardon", 16)]
    assert by_articles(rs, events) == [[("01", 0), ("02", 0), ("07", 200)], [("07", 10)]]


def test_a_lower_bound_tells_two_same_day_events_apart():
    rs = [rep("10", "deport", "2026-01-22", 9, breakdown={"UA": 4, "MD": 2, "GE": 2, "KZ": 1}),
          rep("10", "pardon", "2026-01-22", 12, breakdown={"BY": 12}, start=300),
          rep("11", "pardon", "2026-01-22", 10, "lower"),  # «более десяти»: 12, not 9
          rep("11", "deport", "2026-01-22", 9, breakdown={"UA": 4}, start=200)]
    events = merge(rs)
    assert [(e.kind, e.count, e.countries) for e in events] == [
        ("deport", 9, {"GE": 2, "KZ": 1, "MD": 2, "UA": 4}), ("pardon", 12, {"BY": 12})]
    assert by_articles(rs, events) == [[("10", 0), ("11", 200)], [("10", 300), ("11", 0)]]


def test_a_partial_breakdown_combines_and_a_conflicting_one_prevents():
    full = rep("03", "release", "2025-09-11", 52, breakdown={"LT": 6, "PL": 2, "LV": 2})
    [e] = merge([full, rep("04", "pardon", "2025-09-11", 52, breakdown={"LT": 6, "FR": 1})])
    assert e.countries == {"FR": 1, "LT": 6, "LV": 2, "PL": 2}
    events = merge([full, rep("04", "pardon", "2025-09-11", 52, breakdown={"LT": 5})])
    assert len(events) == 2


def test_a_report_of_part_of_the_group_is_its_breakdown_not_a_second_event():
    rs = [rep("a", "release", "2025-09-11", 52),
          rep("b", "release", "2025-09-11", 52, breakdown={"LT": 6}),
          rep("c", "release", "2025-09-11", 14, breakdown={"LT": 6, "PL": 2}),  # «14 иностранцев»
          rep("b", "release", "2025-09", 2, breakdown={"PL": 2}, start=99)]  # same article, a part
    [e] = merge(rs)
    assert (e.count, e.count_conflict) == (52, [])
    assert e.countries == {"LT": 6, "PL": 2}
    assert len(e.part_ids) == 2


def test_a_smaller_group_without_a_fitting_breakdown_is_another_event():
    rs = [rep("a", "pardon", "2026-01-22", 12, breakdown={"BY": 12}),
          rep("b", "deport", "2026-01-22", 9, breakdown={"UA": 4})]
    assert len(merge(rs)) == 2


def test_two_look_alike_events_stay_apart():
    rs = [rep("a", "pardon", "2025-08-16", 30), rep("b", "pardon", "2025-09-04", 30),
          rep("c", "pardon", "2025-08-16", 30), rep("d", "pardon", "2025-09-04", 30)]
    events = merge(rs)
    assert [(e.date, e.count, e.articles) for e in events] == [("2025-08-16", 30, 2),
                                                                ("2025-09-04", 30, 2)]


def test_a_coarse_report_that_fits_two_look_alikes_equally_stays_on_its_own():
    rs = [rep("a", "pardon", "2025-08-16", 30), rep("b", "pardon", "2025-08-30", 30),
          rep("c", "pardon", "2025-08", 30)]  # «в августе помиловал 30»: which one?
    assert [e.date for e in merge(rs)] == ["2025-08", "2025-08-16", "2025-08-30"]


def test_a_conflict_of_exact_counts_is_kept_when_a_named_person_ties_the_reports():
    rs = [rep("a", "release", "2025-06-21", 14, people=["Сергей Тихановский", "Алексей Лукашенко"]),
          rep("b", "release", "2025-06-21", 16, people=["Сергей Тихановский"]),
          rep("c", "release", "2025-06-21", 14)]
    [e] = merge(rs)
    assert (e.count, e.count_conflict) == (14, [14, 16])  # the figure most reports give
    assert e.people == ["Алексей Лукашенко", "Сергей Тихановский"]
    # without a shared person, 14 and 16 are two events
    assert len(merge([rep("a", "release", "2025-06-21", 14),
                      rep("b", "release", "2025-06-21", 16)])) == 2


def test_a_spokesman_named_by_both_does_not_tie_two_different_counts():
    eismont = ["Наталья Эйсмонт"]  # named only on this day, so not known as an actor
    rs = [rep("a", "deport", "2026-01-22", 9, people=eismont),
          rep("b", "pardon", "2026-01-22", 12, people=eismont)]
    assert [e.count for e in merge(rs)] == [9, 12]


def test_a_person_named_on_different_dates_is_no_evidence():
    lukashenko = ["Александр Лукашенко"]
    rs = [rep("a", "pardon", "2025-07-02", 16, people=lukashenko),
          rep("b", "pardon", "2026-01-22", 9, people=lukashenko),
          rep("c", "pardon", "2026-01-22", 12, people=lukashenko)]
    assert len(merge(rs)) == 3


def test_different_named_people_prevent_a_match():
    rs = [rep("a", "release", "2025-06-21", 1, people=["Сергей Тихановский"]),
          rep("b", "release", "2025-06-21", 1, people=["Игорь Карней"])]
    assert len(merge(rs)) == 2
    # a spokesman named beside the freed man is no conflict
    rs = [rep("a", "release", "2025-06-21", 1, people=["Сергей Тихановский", "Джон Коул"]),
          rep("b", "release", "2025-06-21", 1, people=["Сергей Тихановский"])]
    assert len(merge(rs)) == 1


def test_an_undated_report_joins_on_strong_agreement():
    dated = rep("a", "pardon", "2025-10-09", 16, breakdown={"LV": 1})
    [e] = merge([dated, rep("b", "pardon", None, 16, breakdown={"LV": 1})])
    assert (e.date, e.articles) == ("2025-10-09", 2)
    assert len(merge([dated, rep("b", "pardon", None, None, breakdown={"LV": 1})])) == 2
    # it fits two dated events equally: not guessed
    other = rep("c", "pardon", "2025-07-02", 16, breakdown={"LV": 1})
    assert len(merge([dated, other, rep("b", "pardon", None, 16, breakdown={"LV": 1})])) == 3


def test_an_undated_report_restating_one_dated_count_joins_it():
    """«Напомним, ранее помиловали 16 человек»: the count alone names the one dated act of 16."""
    dated = rep("a", "pardon", "2025-10-09", 16, breakdown={"LV": 1})
    [e] = merge([dated, rep("b", "pardon", None, 16)])
    assert (e.date, e.count, e.countries, e.articles) == ("2025-10-09", 16, {"LV": 1}, 2)
    [e] = merge([dated, rep("b", "release", None, 15, bound="lower")])  # «более 15»: met
    assert e.articles == 2
    # no join: another kind group, a contradicting country number, a count that is not met
    assert len(merge([dated, rep("b", "exchange", None, 16)])) == 2
    assert len(merge([dated, rep("b", "pardon", None, 16, breakdown={"LV": 2})])) == 2
    assert len(merge([dated, rep("b", "pardon", None, 17)])) == 2
    assert len(merge([dated, rep("b", "pardon", None, 20, bound="lower")])) == 2
    # two dated events of that count: which one is meant is not guessed
    other = rep("c", "pardon", "2025-07-02", 16)
    assert len(merge([dated, other, rep("b", "pardon", None, 16)])) == 3
    # an undated event is no anchor: two undated reports of one count stay apart
    assert len(merge([rep("b", "pardon", None, 16), rep("d", "pardon", None, 16)])) == 2
    # the country totals do not change when the restatement joins
    [e] = merge([dated, rep("b", "pardon", None, 16, breakdown={"LV": 1})])
    assert e.countries == {"LV": 1}


def test_two_reports_of_one_article_are_never_one_event():
    rs = [rep("a", "pardon", "2025-10-09", 16), rep("a", "pardon", "2025-10", 16, start=50)]
    assert len(merge(rs)) == 2


def test_an_exchange_is_its_own_act_and_other_kinds_are_never_merged():
    rs = [rep("a", "exchange", "2026-01-22", 7), rep("b", "release", "2026-01-22", 7),
          rep("c", "meeting", "2026-01-22"), rep("d", "meeting", "2026-01-22")]
    assert sorted(e.kind for e in merge(rs)) == ["exchange", "meeting", "meeting", "release"]


def test_the_kind_is_the_one_most_reports_use():
    rs = [rep("a", "pardon", "2026-01-22", 9), rep("b", "deport", "2026-01-22", 9),
          rep("c", "deport", "2026-01", 9)]
    assert merge(rs)[0].kind == "deport"


# -- inferred days: a next-day report with no date words ------------------------------------

def test_an_inferred_day_joins_the_event_of_the_day_before_on_strong_agreement():
    act = rep("a", "release", "2026-03-17", 23, breakdown={"LT": 5, "PL": 3})
    [e] = merge([act, rep("b", "pardon", "2026-03-18", 23, breakdown={"LT": 5}, inferred=True)])
    assert (e.date, e.count, e.articles) == ("2026-03-17", 23, 2)
    assert len(merge([act, rep("b", "release", "2026-03-19", 30, "lower", breakdown={"PL": 3},
                               inferred=True)])) == 2  # «свыше 30» is not met by 23
    [e] = merge([act, rep("b", "release", "2026-03-19", 20, "lower", breakdown={"PL": 3},
                          inferred=True)])  # «более 20», two days later: met
    assert (e.date, e.count, e.bound, e.articles) == ("2026-03-17", 23, None, 2)


@pytest.mark.parametrize("late", [
    rep("b", "release", "2026-03-18", 23, inferred=True),  # the count alone is weak
    rep("b", "release", "2026-03-18", 23, breakdown={"LT": 4}, inferred=True),  # other number
    rep("b", "release", "2026-03-18", 22, breakdown={"LT": 5}, inferred=True),  # other count
    rep("b", "release", "2026-03-20", 23, breakdown={"LT": 5}, inferred=True),  # three days
    rep("b", "release", "2026-03-18", 23, breakdown={"LT": 5}),  # a stated day, not inferred
    rep("b", "release", "2026-03-16", 23, breakdown={"LT": 5}, inferred=True),  # before the act
    rep("b", "exchange", "2026-03-18", 23, breakdown={"LT": 5}, inferred=True)])
def test_an_inferred_day_stays_apart_without_strong_agreement(late):
    act = rep("a", "release", "2026-03-17", 23, breakdown={"LT": 5, "PL": 3})
    assert len(merge([act, late])) == 2


def test_a_shared_person_ties_an_inferred_day_but_an_actor_does_not():
    act = rep("a", "release", "2026-03-17", 23, people=["Андрей Кухарчик", "Александр Лукашенко"])
    late = rep("b", "release", "2026-03-18", 23, people=["Андрей Кухарчик"], inferred=True)
    [e] = merge([act, late])
    assert e.articles == 2
    # named on a date no act of his can share (a year before): an actor, no evidence
    other = rep("c", "pardon", "2025-03-17", 9, people=["Андрей Кухарчик"])
    assert len(merge([act, late, other])) == 3


def test_a_look_alike_two_days_later_keeps_its_own_reports():
    a = rep("01", "release", "2026-03-17", 23, breakdown={"LT": 5, "PL": 3, "EE": 1})
    b = rep("05", "release", "2026-03-19", 23, breakdown={"LV": 4, "UA": 2})
    late_a = rep("x", "release", "2026-03-19", 23, breakdown={"LT": 5}, inferred=True)
    late_b = rep("y", "release", "2026-03-20", 23, breakdown={"LV": 4}, inferred=True)
    rs = [late_b, b, late_a, a]
    events = merge(rs)
    assert [(e.date, e.countries) for e in events] == [
        ("2026-03-17", {"EE": 1, "LT": 5, "PL": 3}), ("2026-03-19", {"LV": 4, "UA": 2})]
    assert by_articles(rs, events) == [[("01", 0), ("x", 0)], [("05", 0), ("y", 0)]]


def test_an_event_of_inferred_days_takes_the_earliest_and_a_stated_day_moves_it_back():
    d1 = rep("a", "release", "2026-03-18", 23, breakdown={"LT": 5}, inferred=True)
    d2 = rep("b", "release", "2026-03-19", 23, breakdown={"LT": 5}, inferred=True)
    [e] = merge([d1, d2])
    assert e.date == "2026-03-18"
    # a report that states the day (with a bound: it comes after them in the canonical order)
    stated = rep("c", "release", "2026-03-17", 20, "lower", breakdown={"LT": 5})
    [e] = merge([d2, stated, d1])
    assert (e.date, e.count, e.articles) == ("2026-03-17", 23, 3)
    # but not a day they cannot both be two days after at most
    early = rep("c", "release", "2026-03-16", 20, "lower", breakdown={"LT": 5})
    assert [e.date for e in merge([d1, d2, early])] == ["2026-03-16", "2026-03-18"]


def test_an_inferred_new_year_day_joins_the_old_years_event_and_known_groups_agree():
    rs = [rep("08", "pardon", "2025-12-31", 31, breakdown={"UA": 2, "MD": 1}),
          rep("10", "pardon", "2025-12-31", 31, breakdown={"MD": 1}),
          rep("09", "pardon", "2026-01-01", 30, "lower", breakdown={"UA": 2}, inferred=True),
          rep("11", "pardon", "2026-01-22", 12, breakdown={"BY": 12}),
          rep("12", "pardon", "2025-07-02", 16, breakdown={"LV": 1})]
    full = merge(rs)
    assert [(e.date, e.articles) for e in full] == [
        ("2025-07-02", 1), ("2025-12-31", 3), ("2026-01-22", 1)]
    years = lambda reports: {y: [r for r in reports if r.date[:4] == y] for y in ("2025", "2026")}
    assert _blocks(years(rs)) == {"2025": "2025", "2026": "2025"}  # merged (and reused) together
    assert _blocks(years([r for r in rs if r.article != "09"])) == {"2025": "2025", "2026": "2026"}
    known = [e.report_ids for e in full]
    assert _signature(rs, merge(rs, known)) == _signature(rs, full)
    # a new report of 2026: the chained years 2025–2026 are searched again, with the same result
    more = rs + [rep("13", "pardon", "2026-01-22", 12, breakdown={"BY": 12})]
    assert _signature(more, merge(more, known)) == _signature(more, merge(more))
    # known groups that no longer fit (the new-year report gone) are not trusted
    less = [r for r in rs if r.article != "09"]
    assert _signature(less, merge(less, known)) == _signature(less, merge(less))
    assert [e.articles for e in merge(less, known)] == [1, 2, 1]


# -- order independence ----------------------------------------------------------------------

def _signature(reports, events):
    keys = {r.id: (r.article, r.start) for r in reports}
    return sorted((e.date or "", e.kind, e.count or 0, e.bound or "", e.count_conflict,
                   sorted(e.countries.items()), sorted(keys[i] for i in e.report_ids))
                  for e in events)


_report = st.builds(
    lambda art, start, kind, date, count, bound, bd, ppl, inferred: Report(
        id=0, article=f"a{art}", kind=kind, date=date, count=count,
        bound=bound if count else None, breakdown=bd, people=ppl, start=start,
        date_inferred=inferred and date is not None and len(date) == 10),
    st.integers(0, 5), st.integers(0, 3),
    st.sampled_from(["release", "pardon", "deport", "exchange"]),
    st.sampled_from([None, "2025", "2025-07", "2025-07-02", "2025-07-03", "2025-07-04",
                     "2025-08", "2025-08-16", "2025-12-31", "2026-01-01", "2026-01-02"]),
    st.sampled_from([None, 2, 9, 10, 12, 16]), st.sampled_from([None, "lower"]),
    st.dictionaries(st.sampled_from(["LT", "LV", "BY"]), st.integers(1, 3), max_size=2),
    st.lists(st.sampled_from(["Анна Петрова", "Иван Сидоров"]), max_size=1), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(_report, max_size=14), st.randoms())
def test_the_same_reports_in_any_order_give_the_same_events(reports, rnd):
    seen, unique = set(), []
    for r in reports:  # one report per (article, offset), ids in input order
        if (r.article, r.start) not in seen:
            seen.add((r.article, r.start))
            unique.append(r)
    for i, r in enumerate(unique):
        r.id = i
    shuffled = list(unique)
    rnd.shuffle(shuffled)
    renumbered = [replace(r, id=100 + i) for i, r in enumerate(shuffled)]
    assert _signature(unique, merge(unique)) == _signature(renumbered, merge(renumbered))
    events = merge(unique)
    known = [e.report_ids for e in events]  # handing back its own groups changes nothing
    assert _signature(unique, merge(unique, known)) == _signature(unique, events)
    # the groups of a merge of fewer reports (with the same actors, as the store checks) give
    # a merge of all of them the same events as a full merge
    part = unique[:len(unique) // 2]
    if find_actors(part) == find_actors(unique):
        earlier = [e.report_ids for e in merge(part)]
        assert _signature(unique, merge(unique, earlier)) == _signature(unique, events)
    for e in events:  # never two reports of one article, except parts
        mains = [r for r in unique if r.id in e.report_ids and r.id not in e.part_ids]
        assert len({r.article for r in mains}) == len(mains)


# -- the cluster set: gold per-article events in, events.json out ----------------------------

# Per-country numbers of an article with two release events: which event (index in the gold's
# events) they belong to, as the gold notes say.
_COUNTS_OF = {"07_pomiloval_eshche_16.txt": {"LV": 0},
              "09_v_chetverg_16_mesyats_nazad_52.txt": {"LT": 1},
              "10_vydvoreny_devyat_inostrantsev.txt": {"UA": 0, "MD": 0, "GE": 0, "KZ": 0, "BY": 1},
              "11_nakanune_bolee_desyati_pomilovannyh.txt": {"UA": 1}}


def gold_reports() -> tuple[list[Report], dict[int, tuple[str, str]]]:
    reports, sources = [], {}
    for path in sorted((CLUSTERS / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        release = [i for i, e in enumerate(gold["events"]) if e["kind"] in RELEASE]
        for i, e in enumerate(gold["events"]):
            owner = _COUNTS_OF.get(gold["file"], {})
            breakdown = {c: n for c, n in gold["counts"].items()
                         if owner.get(c, release[0] if len(release) == 1 else None) == i}
            rid = len(reports) + 1
            reports.append(Report(id=rid, article=gold["file"], kind=e["kind"], date=e["date"],
                                  count=e["count"], bound=e.get("bound"), breakdown=breakdown,
                                  countries=e["countries"], article_date=gold["date"], start=i))
            sources[rid] = (gold["file"], e["sentence"])
    return reports, sources


def expected_events() -> tuple[list, dict]:
    truth = json.loads((CLUSTERS / "events.json").read_text(encoding="utf-8"))
    events = sorted((e["date"], e["kind"], e["count"], e.get("bound"), e["countries"],
                     sorted((s["file"], s["sentence"]) for s in e["reports"]))
                    for e in truth["events"])
    return events, truth["country_totals"]


def as_truth(events, sources):
    return sorted((e.date, e.kind, e.count, e.bound, e.countries,
                   sorted(sources[i] for i in e.report_ids))
                  for e in events if e.kind in RELEASE)


def totals(events) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in events:
        for c, n in e.countries.items():
            out[c] = out.get(c, 0) + n
    return dict(sorted(out.items()))


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_gold_reports_of_the_cluster_set_merge_into_events_json(seed):
    reports, sources = gold_reports()
    random.Random(seed).shuffle(reports)
    events = merge(reports)
    expected, country_totals = expected_events()
    assert as_truth(events, sources) == expected
    assert totals(events) == country_totals
    assert [e.kind for e in events if e.kind not in RELEASE] == ["sanctions"]  # not merged


def test_one_article_more_or_less_changes_only_its_events():
    reports, sources = gold_reports()
    full = as_truth(merge(reports), sources)
    without = [r for r in reports if r.article != "06_peredal_litve_svyshe_polusotni.txt"]
    less = as_truth(merge(without), sources)
    changed = [e for e in full if e not in less]
    assert [(e[0], e[2]) for e in changed] == [("2025-09-11", 52)]  # only E2 loses a source
    assert len(less) == len(full)


# -- known groups: re-deriving after a small import ------------------------------------------

def test_known_groups_of_unchanged_years_give_the_same_events_as_a_full_merge():
    reports, sources = gold_reports()
    full = merge(reports)
    known = [e.report_ids for e in full]
    assert as_truth(merge(reports, known), sources) == as_truth(full, sources)
    # one more report in 2026: that year is searched again, 2025 is rebuilt from its groups
    more = reports + [Report(id=999, article="13_new.txt", kind="pardon", date="2026-01-22",
                             count=12, breakdown={"BY": 12})]
    sources[999] = ("13_new.txt", "…")
    events = merge(more, known)
    assert as_truth(events, sources) == as_truth(merge(more), sources)
    e5 = next(e for e in events if e.count == 12)
    assert 999 in e5.report_ids and e5.articles == 3


def test_known_groups_that_no_longer_hold_a_years_reports_are_not_trusted():
    rs = [rep("a", "pardon", "2025-08-16", 30), rep("b", "pardon", "2025-08-16", 30)]
    # singletons, as a merge that did not merge would have left them: they do not cover a
    # changed year (a third report), so the year is merged again
    more = rs + [rep("c", "pardon", "2025-08-16", 30)]
    [e] = merge(more, [[rs[0].id], [rs[1].id]])
    assert e.articles == 3


def test_the_merge_is_pure_it_imports_no_store_and_no_textual():
    import subprocess
    import sys

    code = ("import sys, app.merge; bad = [m for m in sys.modules if m.startswith("
            "('app.store', 'app.tui', 'textual', 'sqlite'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
