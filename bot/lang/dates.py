"""Numbers, month names and calendar arithmetic shared by the age, duration and date parsers.

Dates are read the UK way: 12/01/2027 is 12 January 2027.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.lang import grammar

# A number as digits, a decimal, or a word ("a couple of" before the plain words).
NUM_RE = (
    r"(?:\d+(?:\.\d+)?|a couple of|a couple|couple of|twenty|thirty|forty|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|an|a)"
)

MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|thur|mon|" r"tue|wed|thu|fri)"
DAYS_PER_MONTH = 365.25 / 12

# 3/4/2019, 03.04.19, 3-4-19 (day first); 3 April 2019, 3rd of April, April 3rd 2019
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/-]|\.\d)")
DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})(?:,?\s+(\d{{4}}|'\d{{2}}))?\b", re.I
)
MONTH_DAY = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)


def to_number(word: str) -> float | None:
    w = " ".join(word.lower().split())
    if w in grammar.table("numbers"):
        return float(grammar.table("numbers")[w])
    try:
        return float(w)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    return grammar.table("months").get(word.lower().rstrip("."))


def full_year(y: str | None) -> int | None:
    if not y:
        return None
    y = y.lstrip("'")
    n = int(y)
    return n + 2000 if len(y) == 2 else n


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def last_day(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def add_months(d: date, n: int) -> date:
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    return date(y, m, min(d.day, last_day(y, m).day))


def months_between(a: date, b: date) -> float:
    return round((b - a).days / DAYS_PER_MONTH, 1)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def bank_holidays(year: int) -> set[date]:
    """England and Wales bank holidays by the usual rules (one-off extra days not included)."""

    def first_monday(m):
        d = date(year, m, 1)
        return d + timedelta(days=(7 - d.weekday()) % 7)

    def last_monday(m):
        d = last_day(year, m)
        return d - timedelta(days=d.weekday())

    def substitute(d, taken):
        while d.weekday() >= 5 or d in taken:
            d += timedelta(days=1)
        return d

    days: set[date] = set()
    days.add(substitute(date(year, 1, 1), days))
    e = easter(year)
    days.update({e - timedelta(days=2), e + timedelta(days=1), first_monday(5), last_monday(5), last_monday(8)})
    xmas = substitute(date(year, 12, 25), days)
    days.add(xmas)
    days.add(substitute(date(year, 12, 26), days))
    return days


def add_working_days(start: date, n: int) -> date:
    d, left = start, n
    holidays = bank_holidays(start.year) | bank_holidays(start.year + 1)
    while left > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in holidays:
            left -= 1
    return d


def next_weekday(today: date, weekday: int, include_today: bool = False) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def find_dates(text: str) -> list[tuple[int, int, int | None, int, int | None]]:
    """(start, end, day, month, year or None) for every date written in the text."""
    out = []
    for m in NUMERIC_DATE.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), full_year(m.group(3))
        if 1 <= d <= 31 and 1 <= mo <= 12 and (m.group(3) or "/" in m.group(0)):
            out.append((m.start(), m.end(), d, mo, y))
    for rx, di, mi in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b, *_ in out):
                continue
            d, mo = int(m.group(di)), month_number(m.group(mi))
            if mo and 1 <= d <= 31:
                out.append((m.start(), m.end(), d, mo, full_year(m.group(3))))
    return sorted(out)


def resolve(day: int, month: int, year: int | None, today: date, future: bool) -> date | None:
    """A date; without a year, the next (future=True) or last occurrence around today."""
    if year:
        return safe_date(year, month, day)
    d = safe_date(today.year, month, day)
    if d is None:
        return None
    if future and d < today:
        return safe_date(today.year + 1, month, day)
    if not future and d > today:
        return safe_date(today.year - 1, month, day)
    return d
