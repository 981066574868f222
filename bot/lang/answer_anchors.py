"""(S21-LK14) A length told by an anchor rather than an amount, at the duration question: a date of
the school year ("since the autumn half term", "since the start of term", "since the Easter hols"),
a stage of the child's life with the age now ("since she started in the baby room - she's 3 now"),
and two worries of different lengths in one answer ("attendance since Y3 - but the home conditions
only since half term": asked, never guessed). The dates live in knowledge/language/answers.yml
`frames.school_calendar`, the stages in `frames.life_stages`; bot/lang/answer_numbers.py
length_frame() reads these before any amount."""

from __future__ import annotations

import re
from datetime import date

from bot.lang.answer_words import Reading, _without_ages, lexicon
from bot.lang.dates import easter, months_between

_NAME = r"(?:(?P<name>[a-z]+)\s+)?"
TERM = re.compile(
    rf"\b(?:since|from)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?)?{_NAME}term\b"
    r"(?!\s*time)|\b(?:since|from)\s+(?:the\s+)?(?P<began>)term\s+(?:started|began)\b|"
    r"\b(?:all|the whole of|throughout)\s+this\s+term\b"
)
HALF_TERM = re.compile(rf"\b(?:since|from|after)\s+(?:the\s+)?(?:last\s+)?{_NAME}half[\s-]?terms?\b")
HOLIDAYS = re.compile(
    r"\b(?:since|from|after)\s+(?:the\s+)?(?:last\s+)?(?P<name>[a-z]+)\s+(?:hols|holidays|holiday|hol|break)\b"
)


# the age now said of the child ("she's 3 now", "he is 6", "18 months old now")
AGE_NOW = re.compile(
    r"\b(?:he|she|they)(?:'s|s|\s+is|\s+are|'re)\s+(?:now\s+)?(?:about\s+|nearly\s+|just\s+)?\d|\bnow\b|\bold\b"
)


def _calendar() -> dict:
    return (lexicon().get("frames") or {}).get("school_calendar") or {}


def _last(day: str, today: date) -> date | None:
    """The most recent date on or before today of a "MM-DD" day, or of Easter ("easter")."""
    if day == "easter":
        d = easter(today.year)
        return d if d <= today else easter(today.year - 1)
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", day)
    if not m:
        return None
    d = date(today.year, int(m.group(1)), int(m.group(2)))
    return d if d <= today else date(today.year - 1, d.month, d.day)


def school_date(text: str, today: date) -> tuple[date, re.Match] | None:
    """The date a length of time starts from when it is told by the school year, or None."""
    cal = _calendar()
    low = text.lower()
    for rx, key in ((HALF_TERM, "half_terms"), (TERM, "term_starts"), (HOLIDAYS, "holidays")):
        m = rx.search(low)
        if not m:
            continue
        days = {str(k).lower(): str(v) for k, v in (cal.get(key) or {}).items()}
        name = m.groupdict().get("name")
        if name and name not in days:
            if rx is HOLIDAYS:
                continue
            name = None  # ("since the start of this term": the term we are in)
        found = [d for d in (_last(days[n], today) for n in ([name] if name else days)) if d is not None]
        if not found:
            continue
        start = max(found)
        if start.year == today.year and any(f" {w} " in f" {low} " for w in cal.get("last_year") or []):
            start = date(start.year - 1, start.month, start.day)  # ("since the summer hols last year")
        return start, m
    return None


# a duration said with one of these is read by its option words ("over a year", "nearly 3 months")
QUALIFIED = re.compile(r"\b(?:over|more than|longer than|nearly|almost|under|less than|at least|getting on for)\b")


def qualified(q) -> float:
    """How a qualifier moves a length off a band's boundary ("over a year" is more than 12 months)."""
    from bot.lang import grammar
    from bot.lang.answer_openings import _longer

    return 0 if q is None else (0.01 if q.group(0) in grammar.words("more_than") | _longer() else -0.01)


def length_band(months: float) -> str:
    """The q_duration option of a number of months."""
    return "under_3m" if months < 3 else ("3_to_12m" if months <= 12 else "over_12m")


_band = length_band


def _amount_band(text: str, today: date) -> str | None:
    """The band of a length said as an amount in a part of the answer ("about 6 weeks", "well over a
    year"), with its qualifier, or None."""
    from bot.lang.when import parse_duration

    for part in re.split(r"[,;]|\s[-\u2013\u2014]\s", text):
        if re.search(r"\b(?:since|from)\b", part.lower()):
            continue
        d = parse_duration(_without_ages(part), today)
        if d is not None and d.months is not None and not d.vague and d.since is not None:
            return _band(d.months + qualified(QUALIFIED.search(part.lower())))
    return None


def school_length(text: str, today: date) -> Reading | None:
    """A length from a date of the school year; an amount said beside it is the practitioner's own
    reckoning and stands ("since the autumn half term - about 6 weeks")."""
    found = school_date(text, today)
    if found is None:
        return None
    start, m = found
    low = text.lower()
    band = _amount_band(low[: m.start()] + " , " + low[m.end() :], today) or _band(months_between(start, today))
    return Reading("sure", band, text, (band,))


def stage_length(text: str) -> Reading | None:
    """Since a stage of the child's life that ends at a known age, and the age now: the length is
    at most the age now and at least the age now less the stage's end (the end exclusive: a baby is
    under 12 months). Both in one band: that band ("since he was a baby, he's 6"); else both, asked
    ("since she was a baby, she's 18 months now")."""
    stages = {str(k).lower(): int(v) for k, v in ((lexicon().get("frames") or {}).get("life_stages") or {}).items()}
    if not stages:
        return None
    alt = "|".join(re.escape(s) for s in sorted(stages, key=len, reverse=True))
    m = re.search(rf"\b(?:since|from)\b(?:\s+[\w']+){{0,3}}?\s+(?P<stage>{alt})\b", text.lower())
    if not m:
        return None
    from bot.lang.age import parse_age

    rest = text.lower()[m.end() :]
    if not AGE_NOW.search(rest):  # ("since she started in the baby room, 6 months back": a length, no age)
        return None
    age = parse_age(rest)
    if age is None or age.months is None:
        return None
    least, most = _band(max(0.0, age.months - stages[m.group("stage")] + 0.5)), _band(age.months)
    if least == most:
        return Reading("sure", most, text, (most,))
    return Reading("ask", most, text, (most, least))


def two_lengths(text: str, today: date, read) -> Reading | None:
    """Two parts of an answer set against each other ("X since Y3 - but Y only since half term"),
    each read as a length (`read`: a part -> its band or None), in different bands: asked."""
    parts = re.split(r"\bbut\b", text, maxsplit=1, flags=re.IGNORECASE)
    if len(parts) != 2 or not re.search(r"\b(?:only|just)\b", parts[1].lower()):
        return None
    bands = [read(p) for p in parts]
    if None in bands or bands[0] == bands[1]:
        return None
    return Reading("ask", bands[1], text, (bands[1], bands[0]))
