"""Date expressions → dates resolved against the article date (the table in the corpus README).

Explicit dates («21.06.2025», «21 июня 2025 года») resolve as written; relative ones («вчера»,
«в четверг», «в июне», «в прошлом месяце», «на прошлой неделе», «12 февраля») need the article
date and resolve to None without it. «в тот же день» is marked `same_day`: the event it belongs to
takes the date of the event before it (events.py). A date opening a range («С июня 2025 года»)
is no event date and is left out. Word knowledge: data/months.tsv, data/date_words.tsv.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache

from app.extract import morph
from app.extract.model import DateMention
from app.extract.numbers import data_rows, norm_text, norm_word, number_word
from app.extract.wordsets import alternation

_YEAR_WORD = r"(?:\s*(?:года|году|г\.|року|році|р\.))?"
_POSITION = r"(?:(?:в|во|у|in|at)\s+)?(?:(?:самом\s+)?(?:конце|начале|середине|кінці|початку|середині)" \
            r"|the\s+(?:end|beginning|middle)\s+of|end\s+of|early|late|mid-?)"


@lru_cache(maxsize=1)
def _tables():
    months: dict[str, int] = {}
    for num, forms in data_rows("months.tsv"):
        for form in forms.split():
            months[form] = int(num)
    words: dict[str, tuple[str, int]] = {}
    for phrase, kind, arg in data_rows("date_words.tsv"):
        words[phrase] = (kind, int(arg))
    return months, words


@lru_cache(maxsize=1)
def _patterns():
    months, words = _tables()
    m = alternation(months)
    rel = alternation(p for p, (k, _) in words.items() if k not in ("since", "year_of", "period"))
    period = alternation(p for p, (k, _) in words.items() if k == "period")
    qual = alternation(p for p, (k, _) in words.items() if k == "year_of")
    # A pattern that opens with a digit lets `re` skip to the next digit; one that opens with a
    # look-behind is tried at every character. So «no digit or dot before the first digit» is
    # written after that digit: (?<![\d.]\d).
    return {
        "iso": re.compile(r"(\d(?<![\d.]\d)\d{3})-(\d{2})-(\d{2})(?!\d)"),
        "numeric": re.compile(r"(\d(?<![\d.]\d)\d?)\.(\d{1,2})\.(\d{4})(?![\d])"),
        "day_month": re.compile(rf"(\d(?<!\w\d)\d?)(?:-?(?:го|е|th|st|nd|rd))?\s+({m})(?!\w)"
                                rf"(?:,?\s+(\d{{4}}){_YEAR_WORD})?"),
        "month_day": re.compile(rf"(?<!\w)({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])"
                                rf"(?:,?\s+(\d{{4}}))?"),
        "month": re.compile(rf"(?<!\w)(?:(?:{_POSITION})\s+|(?:в|во|у|in|of|с|со|з|since|до)\s+)"
                            rf"({m})(?!\w)(?:\s+(\d{{4}}){_YEAR_WORD}|\s+({qual})(?!\w))?"),
        # «в 2024 году», «в начале 2025 года», "in early 2025"
        "year": re.compile(rf"(?<!\w)(?:(?:{_POSITION})\s+|(?:в|во|у|in|с|со|з|since)\s+)"
                           rf"(\d{{4}}){_YEAR_WORD}(?![\d\w])"),
        "ago": re.compile(r"(?<!\w)(\w+)\s+(?:дня|дней|день|днів|дні|днями|days?)\s+"
                          r"(?:назад|тому|ago)(?!\w)"),
        "relative": re.compile(rf"(?<!\w)({rel})(?!\w)"),
        # «с июля 2024 года», «с 2019 года», «із 2024 року», «за это время»: a span up to now
        "period": re.compile(rf"(?<!\w)(?:(?:с|со|з|із|от|since)\s+(?:\d{{1,2}}\s+)?(?:{m})(?!\w)"
                             rf"(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+\d{{4}})?|(?:с|со|з|із|since)\s+\d{{4}}(?!\d)|{period}"
                             # «в 2024–2025 годах», «за последние 12 месяцев», «в течение 2025 года»
                             r"|(?:в|во|у|за|in|over)\s+\d{4}\s*[-–—]\s*\d{2,4}(?!\d)"
                             r"|(?:за|over)\s+(?:последние|минувшие|прошедшие|останні|the\s+past|the\s+last)"
                             r"\s+(?:\d+|\w+)\s+(?:месяц|мiсяц|місяц|лет|год|рок|недел|тижн|дн|month|year|week|day)\w*"
                             r"|(?:в\s+течение|на\s+протяжении|протягом|during|throughout)\s+(?:\d{4}|\w+)"
                             r"(?:\s+\w+)?)(?!\w)"),
        "same_day_of": re.compile(r"(?<!\w)в\s+день(?=\s+[а-яіїє])"),  # «в день визита»
    }


def _fold(text: str) -> str:
    """Lower case, ё→е, apostrophes unified, with offsets kept (one character for one)."""
    out = norm_text(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(norm_word(c)) != 1 else norm_word(c) for c in text)


def _real(y: int, m: int, d: int | None = None) -> bool:
    try:
        dt.date(y, m, d or 1)
        return 1900 <= y <= 2100
    except ValueError:
        return False


def _day_month(ad: dt.date | None, m: int, d: int, year: int | None) -> str | None:
    if year is not None:
        return f"{year:04d}-{m:02d}-{d:02d}" if _real(year, m, d) else None
    if ad is None or not _real(ad.year, m, d):
        return None
    y = ad.year if (m, d) <= (ad.month, ad.day) else ad.year - 1  # the latest not after
    return f"{y:04d}-{m:02d}-{d:02d}"


def _month(ad: dt.date | None, m: int, year: int | None, years_back: int | None) -> str | None:
    if year is not None:
        return f"{year:04d}-{m:02d}"
    if ad is None:
        return None
    if years_back is not None:
        return f"{ad.year + years_back:04d}-{m:02d}"
    y = ad.year if m <= ad.month else ad.year - 1
    return f"{y:04d}-{m:02d}"


def _shift_month(ad: dt.date, n: int) -> str:
    k = ad.year * 12 + ad.month - 1 + n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _week(ad: dt.date, n: int) -> str:
    monday = ad - dt.timedelta(days=ad.weekday()) + dt.timedelta(weeks=n)
    sunday = monday + dt.timedelta(days=6)
    if n == 0:
        sunday = ad  # this week: up to the article date
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year:04d}-{monday.month:02d}"
    return f"{monday.year:04d}" if monday.year == sunday.year else None


def _relative(ad: dt.date | None, kind: str, arg: int) -> str | None:
    if ad is None:
        return None
    if kind == "days":
        return (ad + dt.timedelta(days=arg)).isoformat()
    if kind == "weekday":
        return (ad - dt.timedelta(days=(ad.weekday() - arg) % 7)).isoformat()
    if kind == "month":
        return _shift_month(ad, arg)
    if kind == "week":
        return _week(ad, arg)
    if kind == "weekend":  # the Saturday–Sunday before the article date
        sunday = ad - dt.timedelta(days=(ad.weekday() + 1) % 7)
        saturday = sunday - dt.timedelta(days=1)
        if saturday.month == sunday.month:
            return f"{saturday.year:04d}-{saturday.month:02d}"
        return f"{saturday.year:04d}" if saturday.year == sunday.year else None
    if kind == "year":
        return f"{ad.year + arg:04d}"
    return None


class _Taken:
    """Spans already read as dates; an overlap test looks only at the spans that start close
    enough to reach it (bisection), so a long text costs no (dates × dates)."""

    def __init__(self):
        self.starts: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def free(self, s: int, e: int) -> bool:
        lo = bisect_left(self.starts, s - self.longest)
        hi = bisect_left(self.starts, e)
        return all(b <= s for _, b in self.spans[lo:hi])

    def add(self, s: int, e: int) -> None:
        k = bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.spans.insert(k, (s, e))
        self.longest = max(self.longest, e - s)


def find_dates(text: str, article_date: dt.date | None, start: int = 0,
               end: int | None = None) -> list[DateMention]:
    """Date expressions in text[start:end], in reading order, each resolved or None."""
    end = len(text) if end is None else end
    low = _fold(text)
    months, words = _tables()
    pats = _patterns()
    ad = article_date
    found: list[DateMention] = []
    taken = _Taken()

    def add(s: int, e: int, date: str | None, relative: bool, same_day: bool = False,
            check_range: bool = True) -> None:
        if not taken.free(s, e):
            return
        taken.add(s, e)
        if check_range and _before_is_since(low, s, words):
            return
        found.append(DateMention(date, s, e, relative=relative, same_day=same_day))

    for m in pats["iso"].finditer(low, start, end):
        y, mo, d = map(int, m.groups())
        add(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}" if _real(y, mo, d) else None, False)
    for m in pats["numeric"].finditer(low, start, end):
        d, mo, y = map(int, m.groups())
        add(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}" if _real(y, mo, d) else None, False)
    for m in pats["day_month"].finditer(low, start, end):
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), _day_month(ad, months[m.group(2)], int(m.group(1)), year),
            year is None)
    for m in pats["month_day"].finditer(low, start, end):
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), _day_month(ad, months[m.group(1)], int(m.group(2)), year),
            year is None)
    for m in pats["month"].finditer(low, start, end):
        year = int(m.group(2)) if m.group(2) else None
        back = words[m.group(3)][1] if m.group(3) else None
        # the preposition itself tells a range: «С июня 2025 года» is no event date
        if low[m.start():m.start(1)].split()[0] in _RANGE_WORDS:
            taken.add(m.start(), m.end())
            continue
        add(m.start(), m.end(), _month(ad, months[m.group(1)], year, back), year is None)
    for m in pats["year"].finditer(low, start, end):
        if low[m.start():m.start(1)].split()[0] in _RANGE_WORDS:
            taken.add(m.start(), m.end())
            continue
        add(m.start(1), m.end(), m.group(1) if _real(int(m.group(1)), 1) else None, False)
    for m in pats["ago"].finditer(low, start, end):
        n = int(m.group(1)) if m.group(1).isdigit() else (number_word(m.group(1)) or (None,))[0]
        if n is not None:
            date = (ad - dt.timedelta(days=n)).isoformat() if ad else None
            add(m.start(), m.end(), date, True)
    for m in pats["relative"].finditer(low, start, end):
        kind, arg = words[m.group(1)]
        if m.group(1) in _EVE_WORDS and _eve_of(low, m.end()):
            # «накануне Нового года», «3 июля, накануне Дня Независимости»: the eve of a day
            # named, not «вчера»; only a fixed day on the article date makes it yesterday
            eve = None if _dated_nearby(low, found, m) else _eve_date(ad, low, m.end())
            if eve is None:
                taken.add(m.start(), m.end())
            else:
                add(m.start(), m.end(), eve, True)
            continue
        if kind == "then":
            # «… в сентябре прошлого года … . Тогда вернулись 14 человек»: only a sentence
            # opener points back to a date (not «если …, тогда …»)
            before = low[max(0, m.start() - 3):m.start()].rstrip()
            prev = [d for d in found if d.date and d.end <= m.start() and m.start() - d.end < 300]
            if (not before or before[-1] in ".!?\n") and prev:
                last = max(prev, key=lambda d: d.end)
                add(m.start(), m.end(), last.date, last.relative)
            continue
        if kind == "same_day":
            add(m.start(), m.end(), None, True, same_day=True)
        else:
            add(m.start(), m.end(), _relative(ad, kind, arg), True)
    for m in pats["same_day_of"].finditer(low, start, end):
        add(m.start(), m.end(), None, True, same_day=True)
    return sorted(found, key=lambda d: d.start)


_EVE_WORDS = {"накануне", "напередодні"}


def _eve_of(low: str, pos: int) -> bool:
    """«накануне Дня Независимости», «накануне выборов»: the eve of something named after it
    (a common noun in the genitive), not the day before the article."""
    m = re.match(r"\s+([а-яіїєґ'-]+)", low[pos:pos + 40])
    if not m:
        return False
    p = morph.parses(m.group(1))[0]
    # a noun or its adjective («нового года», «государственных праздников») in the genitive
    return p.tag.POS in ("NOUN", "ADJF") and p.tag.case == "gent" \
        and not ({"Name", "Surn", "Patr"} & p.tag.grammemes)


@lru_cache(maxsize=1)
def _holidays() -> list[tuple[str, int, int]]:
    rows = [(phrase, *map(int, mmdd.split("-"))) for phrase, mmdd in data_rows("holidays.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))  # «дня независимости украины» first


def _eve_date(ad: dt.date | None, low: str, pos: int) -> str | None:
    """The eve of a fixed named day written right after `pos`, when that day is the article
    date or the day after it (an article of 3 July on «накануне Дня Независимости»); else None."""
    if ad is None:
        return None
    after = re.sub(r"\s+", " ", low[pos:pos + 60]).strip()
    for phrase, month, day in _holidays():
        if after.startswith(phrase) and not after[len(phrase):len(phrase) + 1].isalpha():
            for year in (ad.year, ad.year + 1):
                if _real(year, month, day):
                    eve = dt.date(year, month, day) - dt.timedelta(days=1)
                    if eve in (ad - dt.timedelta(days=1), ad):
                        return eve.isoformat()
            return None
    return None


def _dated_nearby(low: str, found: list[DateMention], m: re.Match) -> bool:
    """A date found before the relative words (a day, a month) in the same sentence part."""
    for d in found:
        if d.date is None:
            continue
        a, b = (d.end, m.start()) if d.end <= m.start() else (m.end(), d.start)
        if b - a < 60 and not re.search(r"[.!?]\s|\n", low[a:b]):
            return True
    return False


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of time up to now («с июля 2024 года», «с начала года», «за это время»): a number of
    people stated with one is a running total over many events, not one event."""
    end = len(text) if end is None else end
    return [m.span() for m in _patterns()["period"].finditer(_fold(text), start, end)]


_RANGE_WORDS = {"с", "со", "з", "since", "до"}


def _before_is_since(low: str, pos: int, words: dict) -> bool:
    """The word right before a date opens or closes a range («с 21 июня», «до 3 июля»)."""
    before = re.findall(r"[\w']+", low[max(0, pos - 20):pos])
    return bool(before) and low[pos - 1:pos].isspace() and \
        words.get(before[-1], ("",))[0] == "since"
