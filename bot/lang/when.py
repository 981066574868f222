"""parse_duration() (how long a worry has lasted) and parse_due_date() (when an agreed
action is due). Both take `today`, so that they can be tested on a fixed date.

Durations: an amount ("for 3 months", "about two years", "6 weeks") gives months and a
start date; "since <month>" is the most recent such month on or before today; "since
last summer" is 1 June of the last summer that has begun and ended ("summer" = June to
August); "since Christmas" the last 25 December; a start that is an event rather than a
date ("since the baby was born", "since dad left") and words like "a while", "ages",
"a few days", "all his life" are vague (vague=True; months only when there is a number).

Due dates: a written date wins ("before the core group on 3rd Feb" -> 3 February, the
next one after today); "by Friday" is the next Friday after today; "next Friday" is the
Friday of next week; "next week" is today + 7; "end of the month" its last day; "end of
March" the last day of the next March; working days skip weekends and England and Wales
bank holidays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.lang import grammar
from bot.lang.dates import (
    DAYS_PER_MONTH,
    MONTH_RE,
    NUM_RE,
    WEEKDAY_RE,
    add_months,
    add_working_days,
    easter,
    find_dates,
    last_day,
    month_number,
    months_between,
    next_weekday,
    resolve,
    safe_date,
    to_number,
)


@dataclass(frozen=True)
class Duration:
    months: float | None
    vague: bool
    since: date | None


# the seasons, the days of a unit of time (a school term is about 14 weeks) and how long ago a
# recent time is: knowledge/language/grammar.yml `tables`
_UNIT = r"(day|week|fortnight|month|year|yr|mnth|mth|wk|term)s?"
_HALF = r"(\s+and\s+a\s+half)?"

AMOUNT = re.compile(rf"(?<![\w/])({NUM_RE}){_HALF}\s*-?\s*{_UNIT}\b{_HALF}")
# ("some terms ok, some awful" is no length of time: a term counts only with a number)
FEW = re.compile(
    r"\b(a few|few|several|some|a number of|many|a couple of|couple of)\s+"
    r"(day|week|fortnight|month|year|yr|mnth|mth|wk)s?\b"
)
# ("fortnite": the everyday misspelling)
FORTNIGHT = re.compile(r"\b(?:a\s+)?fortni(?:ght|te)\b")
HALF_A = re.compile(rf"\bhalf\s+an?\s+{_UNIT}\b")  # "half a term", "half a year"
VAGUE_WORDS = re.compile(
    r"\b(?:a while|a little while|ages|for some time|some time|a long time|long time|for years|years and years|"
    r"forever|for ever|all along|a bit|recently|lately|on and off|as long as i can remember|"
    r"all (?:his|her|their|my) li(?:fe|ves)|whole li(?:fe|ves)|since birth|since (?:he|she|they) (?:was|were) "
    r"(?:little|small|a baby|born|tiny)|for months|for weeks|a good while|some while)\b"
)

WORD_UNITS = {"yr": "year", "mth": "month", "wk": "week"}


def _unit(u: str) -> str:
    return WORD_UNITS.get(u.replace("mnth", "mth"), u)  # ("7 mnths")


def _minus(today: date, amount: float, unit: str) -> date:
    unit = _unit(unit)
    if unit in ("month", "year") and float(amount).is_integer():
        return add_months(today, -int(amount) * (12 if unit == "year" else 1))
    return today - timedelta(days=round(amount * grammar.table("unit_days")[unit]))


def _to_months(amount: float, unit: str) -> float:
    unit = _unit(unit)
    if unit == "month":
        return round(amount, 1)
    if unit == "year":
        return round(amount * 12, 1)
    return round(amount * grammar.table("unit_days")[unit] / DAYS_PER_MONTH, 1)


def _clean(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


SCHOOL_YEAR = re.compile(
    r"\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:school|academic)\s+year\b|"
    r"\b(?:this|the\s+whole\s+of\s+this|all\s+this|the\s+whole|this\s+whole)\s+(?:school|academic)\s+year\b"
)


def _since_date(t: str, today: date) -> date | None:
    """The start date named after 'since' / 'from', or None. This school year starts in September."""
    if SCHOOL_YEAR.search(t):
        start = date(today.year, grammar.table("seasons")["autumn"], 1)
        return start if start <= today else date(today.year - 1, start.month, 1)
    m = re.search(r"\b(?:since|from|starting|started)\b\s*(?:the\s+|about\s+|around\s+)?(.*)", t)
    if not m:
        return None
    rest = m.group(1)
    dates = find_dates(rest)
    if dates and dates[0][0] <= 4:
        _, _, d, mo, y = dates[0]
        return resolve(d, mo, y, today, future=False)
    m2 = re.match(rf"(last\s+|this\s+|the\s+)?({MONTH_RE})(?:\s+(\d{{4}}))?\b", rest)
    if m2:
        mo = month_number(m2.group(2))
        if m2.group(3):
            return date(int(m2.group(3)), mo, 1)
        d = date(today.year, mo, 1)
        if d > today or (m2.group(1) or "").strip() == "last" and d.year == today.year and mo == today.month:
            d = date(today.year - 1, mo, 1)
        return d
    m2 = re.match(r"(last\s+|this\s+|the\s+)?(spring|summer|autumn|fall|winter)\b", rest)
    if m2:
        start_month = grammar.table("seasons")[m2.group(2)]
        start = date(today.year, start_month, 1)
        end = add_months(start, 3) - timedelta(days=1)
        if (m2.group(1) or "").strip() == "last":
            if end >= today:  # still in it (or not begun): the previous one
                start = date(today.year - 1, start_month, 1)
        elif start > today:
            start = date(today.year - 1, start_month, 1)
        return start
    m2 = re.match(r"(?:last\s+)?(christmas|xmas|new year|easter|half[- ]term)\b", rest)
    if m2:
        what = m2.group(1)
        if what in ("christmas", "xmas"):
            d = date(today.year, 12, 25)
            return d if d <= today else date(today.year - 1, 12, 25)
        if what == "new year":
            return date(today.year, 1, 1)
        if what == "easter":
            d = easter(today.year)
            return d if d <= today else easter(today.year - 1)
        return None
    m2 = re.match(rf"(last\s+)?({WEEKDAY_RE})\b", rest)
    if m2:
        return today - timedelta(days=(today.weekday() - grammar.table("weekdays")[m2.group(2)]) % 7 or 7)
    m2 = re.match(r"(yesterday|this morning|today|last night|last week|last month|last year)\b", rest)
    if m2:
        w = m2.group(1)
        if w in grammar.table("months_ago"):
            return add_months(today, -grammar.table("months_ago")[w])
        return today - timedelta(days=grammar.table("days_ago")[w])
    m2 = re.match(r"((?:19|20)\d\d)\b", rest)
    if m2:
        return date(int(m2.group(1)), 1, 1)
    return None


# a pregnancy told by its weeks then and now ("since the booking at 12 weeks, she's 30 weeks now"):
# the time between the two
GESTATION = re.compile(
    rf"\bat\s+({NUM_RE})\s*(?:weeks?|wks?)\b.*?\b({NUM_RE})\s*(?:weeks?|wks?)\s*(?:now|pregnant|gestation)\b"
)


def parse_duration(text: str, today: date) -> Duration | None:
    """How long something has been going on, from free text."""
    if not text or not text.strip():
        return None
    t = _clean(text)
    m = GESTATION.search(t)
    if m and re.search(r"\b(?:since|from)\b", t[: m.start()]):
        then, now = to_number(m.group(1)), to_number(m.group(2))
        if then is not None and now is not None and now > then:
            return Duration(_to_months(now - then, "week"), False, today - timedelta(weeks=now - then))
    since = _since_date(t, today)
    if since is not None and since <= today:
        return Duration(months_between(since, today), False, since)
    m = HALF_A.search(t)
    if m:
        return Duration(_to_months(0.5, m.group(1)), False, _minus(today, 0.5, m.group(1)))
    m = AMOUNT.search(t)
    if m:
        amount = to_number(m.group(1))
        if amount is not None:
            if m.group(2) or m.group(4):
                amount += 0.5
            unit = m.group(3)
            return Duration(_to_months(amount, unit), False, _minus(today, amount, unit))
    m = FEW.search(t)
    if m:
        guess = {"a couple of": 2, "couple of": 2}.get(m.group(1), 3)
        return Duration(_to_months(guess, m.group(2)), True, None)
    if FORTNIGHT.search(t):
        return Duration(_to_months(14, "day"), False, today - timedelta(days=14))
    # "since" followed by an event rather than a date ("since the baby was born")
    if VAGUE_WORDS.search(t) or re.search(r"\bsince\b", t):
        return Duration(None, True, None)
    return None


# -- due dates --------------------------------------------------------------------------
IN_AMOUNT = re.compile(
    rf"\b(?:in|within|inside|by|after)\s+(?:the\s+next\s+|next\s+)?({NUM_RE})\s*(working|business|school)?\s*"
    rf"(day|week|fortnight|month|hour)s?\b"
)
AMOUNT_TIME = re.compile(rf"\b({NUM_RE})\s*(working|business)?\s*(day|week|month)s?'?\s*time\b")
BARE_WORKING = re.compile(rf"\b({NUM_RE})\s*(working|business)\s+days?\b")
END_OF_MONTH = re.compile(rf"\b(?:end|close)\s+of\s+(?:the\s+)?({MONTH_RE}|month|this month|next month)\b")
START_OF_MONTH = re.compile(rf"\b(?:start|beginning|begin|early)\s+(?:of\s+)?({MONTH_RE})\b")
MID_MONTH = re.compile(rf"\bmid(?:dle of|-|\s)\s*({MONTH_RE})\b")
BY_MONTH = re.compile(rf"\b(?:by|in|before|during)\s+({MONTH_RE})\b(?!\s*\d)")
WEEKDAY = re.compile(rf"\b(next|this|coming|by|on|before|until|till|for)?\s*({WEEKDAY_RE})\b")


def _month_ahead(mo: int, today: date) -> int:
    return today.year if mo >= today.month else today.year + 1


def parse_due_date(text: str, today: date) -> date | None:
    """When an agreed action is due, or None when no date can be worked out."""
    if not text or not text.strip():
        return None
    t = _clean(text)
    for _start, _end, d, mo, y in find_dates(t):
        r = resolve(d, mo, y, today, future=True)
        if r is not None:
            return r
    m = re.search(r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?" + MONTH_RE + ")", t)
    if m and re.search(r"\b(?:on|by|before|until|the)\s+(?:the\s+)?" + re.escape(m.group(0).strip()), t):
        day = int(m.group(1))
        for k in range(0, 3):
            base = add_months(date(today.year, today.month, 1), k)
            cand = safe_date(base.year, base.month, day)
            if cand and cand >= today:
                return cand
    if re.search(r"\bday after tomorrow\b", t):
        return today + timedelta(days=2)
    if re.search(r"\b(?:tomorrow|tmrw|tmr)\b", t):
        return today + timedelta(days=1)
    if re.search(r"\b(?:today|tonight|end of (?:the )?day|eod|cob|close of business)\b", t):
        return today
    m = IN_AMOUNT.search(t) or AMOUNT_TIME.search(t) or BARE_WORKING.search(t)
    if m:
        n = to_number(m.group(1))
        if n is not None:
            working, unit = m.group(2), m.group(3) if m.lastindex and m.lastindex >= 3 else "day"
            if working in ("working", "business") and unit == "day":
                return add_working_days(today, int(n))
            if unit == "hour":
                return today + timedelta(days=max(0, int((n + 23) // 24)))
            if unit == "month":
                return add_months(today, int(n))
            return today + timedelta(days=round(n * grammar.table("unit_days")[unit]))
    if re.search(r"\b(?:a\s+)?fortnight\b", t):
        return today + timedelta(days=14)
    m = END_OF_MONTH.search(t)
    if m:
        what = m.group(1)
        if what in ("month", "this month"):
            return last_day(today.year, today.month)
        if what == "next month":
            nxt = add_months(date(today.year, today.month, 1), 1)
            return last_day(nxt.year, nxt.month)
        mo = month_number(what)
        return last_day(_month_ahead(mo, today), mo)
    if re.search(r"\b(?:end of (?:the |this )?year|year end)\b", t):
        return date(today.year, 12, 31)
    m = re.search(r"\bend of (?:the |this )?week\b|\bthis week\b", t)
    if m:
        fri = today + timedelta(days=4 - today.weekday())
        return fri if fri >= today else next_weekday(today, 4)
    if re.search(r"\bend of next week\b", t):
        return today + timedelta(days=4 - today.weekday() + 7)
    m = START_OF_MONTH.search(t)
    if m:
        mo = month_number(m.group(1))
        return date(_month_ahead(mo, today), mo, 1)
    m = MID_MONTH.search(t)
    if m:
        mo = month_number(m.group(1))
        return date(_month_ahead(mo, today), mo, 15)
    m = WEEKDAY.search(t)
    if m:
        wd = grammar.table("weekdays")[m.group(2)]
        if m.group(1) == "next":
            monday_next = today + timedelta(days=7 - today.weekday())
            return monday_next + timedelta(days=wd)
        return next_weekday(today, wd)
    if re.search(r"\bnext week\b", t):
        return today + timedelta(days=7)
    if re.search(r"\bnext month\b", t):
        return add_months(today, 1)
    m = BY_MONTH.search(t)
    if m:
        mo = month_number(m.group(1))
        if mo != 5 or re.search(r"\b(?:by|in|before|during) may\b(?!\s+(?:be|have|need|not))", t):
            return date(_month_ahead(mo, today), mo, 1)
    return None
