"""parse_age(): a child's age band from what a practitioner types.

Bands (knowledge/age_bands.yml, bot.knowledge.age_band.AgeBand): unborn, baby (under 12
months), toddler (1-4), primary (5-11), adolescent (12-17). 18 or over gives None. UK school
years: year N is N + 4 (year 9 -> 13); reception (4 turning 5) is a pupil, read at 5, the primary band.

What is tried, in order: weeks of pregnancy ("30 weeks pregnant", "unborn, 30 weeks");
an age with a unit ("7 months", "2 and a half", "14 years old", "18 month old", "6 weeks
old"); "aged 5", "she's 3", "girl (13)"; a bare number ("14"); a school year; then words
(pregnant, newborn, baby, toddler, primary, teenager).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.age_band import KEYS as BANDS  # noqa: F401  (imported from here)
from bot.knowledge.age_band import AgeBand
from bot.lang.dates import NUM_RE, to_number


@dataclass(frozen=True)
class Age:
    band: str
    months: int | None
    unborn_weeks: int | None


def band_for(months: int) -> str | None:
    """The band of a child of this many months (the table's month ranges); None at 18 and over."""
    band = AgeBand.for_months(months)
    return band.key if band else None


_N = rf"({NUM_RE})"
_HALF = r"(\s*(?:and\s+a\s+half|\u00bd|1/2))?"
_YEARS = r"(?:years?|yrs?|y/?o|y\.o\.?|yo)"
_MONTHS = r"(?:months?|mths?|mnths?|mos?)"
_WEEKS = r"(?:weeks?|wks?)"
_PREG = r"(?:unborn|pregnan\w*|expecting|gestation|gest|antenatal|ante-natal)"

PREG_WEEKS = [
    re.compile(rf"\b(\d{{1,2}})\s*(?:\+\s*\d\s*)?{_WEEKS}\s*(?:\w+\s+)?{_PREG}"),
    re.compile(rf"{_PREG}\b\W*(?:\w+\W+){{0,3}}?(\d{{1,2}})\s*(?:\+\s*\d\s*)?{_WEEKS}"),
    # (S21-LK14: not when the child is said to be weeks old, "ten weeks old - first imms are due": a baby)
    re.compile(rf"\b(\d{{1,2}})\s*{_WEEKS}\b.{{0,20}}\b(?:due|unborn)\b"),
]
DUE_IN = re.compile(rf"\bdue\s+in\s+(?:about\s+|around\s+|roughly\s+)?{_N}\s*-?\s*((?:{_WEEKS}|{_MONTHS}))\b")
YEARS_MONTHS = re.compile(rf"\b{_N}\s*-?\s*{_YEARS}\s*(?:,|and)?\s*(\d{{1,2}})\s*-?\s*{_MONTHS}\b")
YEARS = re.compile(rf"\b{_N}{_HALF}\s*-?\s*{_YEARS}{_HALF}(?:\b|(?=\W)|$)")
MONTHS_RE = re.compile(rf"\b{_N}\s*-?\s*{_MONTHS}(?:\b|$)|\b(\d{{1,2}})m\b")  # "9m": months
WEEKS_RE = re.compile(rf"\b{_N}\s*-?\s*{_WEEKS}\b")
DAYS_RE = re.compile(rf"\b{_N}\s*-?\s*days?\s*-?\s*old\b")
# "aged 5" is years; "aged 5 months" / "aged 3 weeks" is left to the unit rules (it was read as 5 years); a unit
# with a number after it is a log line's label, no unit of the age ("age 7\nWk 1 Mon: ...")
AGED = re.compile(rf"\bage[ds]?\b\s*:?\s*{_N}{_HALF}\b(?!\s*-?\s*(?:{_MONTHS}|{_WEEKS}|days?)\b(?!\s*\d))")
IS_N = re.compile(
    rf"\b(?:he|she|they|who|child|baby|boy|girl|son|daughter|kid|he's|she's|hes|shes|they're|theyre)"
    rf"\s*(?:'s|s|is|was|are|'re|turned|turns|will be)?\s+(?:now\s+|only\s+|just\s+|nearly\s+|almost\s+|about\s+"
    rf"|around\s+)?{_N}{_HALF}(?!\s*-?\s*(?:{_MONTHS}\b|{_WEEKS}\b|days?\b))"
    rf"(?!\s*(?:%|x\b|times|kids|children|siblings|brothers|sisters|minutes|hours|"
    rf"am\b|pm\b|o'clock|/|\.\d|:\d|st\b|nd\b|rd\b|th\b))\b"
)
PAREN = re.compile(r"\((\d{1,2})\)")
# a birthday just had ("just had her 1st birthday", "had his 3rd birthday last week"): that age
BIRTHDAY = re.compile(r"\b(?:had|celebrated|was)\s+(?:his|her|their)\s+(\d{1,2})(?:st|nd|rd|th)\s+birthday\b")
BARE = re.compile(rf"^\W*(?:about\s+|nearly\s+|almost\s+|around\s+)?{_N}{_HALF}\W*$")
# a number said last, after a comma ("just started school, 4"): the age
TRAILING = re.compile(rf",\s*(?:about\s+|nearly\s+|almost\s+|around\s+)?(\d{{1,2}}){_HALF}\W*$")
SCHOOL_YEAR = re.compile(r"\b(?:year|yr|y)\s?(\d{1,2})\b")
RECEPTION = re.compile(r"\breception\b")
# an age the child is compared with ("she's 10 but plays like a 4 year old"): not the child's
LIKE_AN_AGE = re.compile(
    r"\b(?:like|of|as)\s+(?:a|an)\s+\d{1,2}\s*-?\s*(?:yo|y/o|yrs?|years?|months?|mths?)\b(?:\s*-?\s*old)?"
)

WORD_BANDS = [
    (re.compile(r"\b(?:new\s?-?born|neonate|neo-natal|neonatal)\b"), "baby", 0),
    (
        re.compile(rf"\b{_PREG}\b|\bnot (?:yet )?born\b|\bdue (?:in|on|date|next|this|soon|any)\b|\bbump\b"),
        "unborn",
        None,
    ),
    (re.compile(r"\b(?:baby|babies|infant)\b"), "baby", None),
    (re.compile(r"\b(?:toddler|pre-?school|nursery age|(?:in|at|goes to|attends) nursery)\b"), "toddler", None),
    (re.compile(r"\b(?:primary(?: school)?(?: age)?|junior school)\b"), "primary", None),
    (re.compile(r"\b(?:teen\w*|adolescen\w*|young person|secondary(?: school)?|sixth form)\b"), "adolescent", None),
]


def _num(s: str) -> float | None:
    return to_number(s)


def _years(n: str, half1: str | None, half2: str | None = None) -> int | None:
    v = _num(n)
    if v is None:
        return None
    return int(round(v * 12 + (6 if (half1 or half2) else 0)))


def _make(months: int | None) -> Age | None:
    if months is None:
        return None
    band = band_for(months)
    return Age(band, months, None) if band else None


def parse_age(text: str) -> Age | None:
    """The child's age band, or None when no age is given or the age is 18 or over."""
    if not text or not text.strip():
        return None
    t = " ".join(text.lower().replace("\u2019", "'").split())
    t = re.sub(r"(\d)\s*-\s*(?=(?:years?|months?|weeks?|yr|mth|wk|day))", r"\1 ", t)
    pregnant = re.search(rf"\b{_PREG}\b|\bnot (?:yet )?born\b", t) is not None
    compared = LIKE_AN_AGE.sub(" ", t)
    if re.search(r"\d", compared):  # the child's own age said beside it
        t = compared

    m = DUE_IN.search(t)
    if m and pregnant:
        # "due in about 6 weeks": about 40 weeks less the time to go
        v = _num(m.group(1))
        weeks = None if v is None else int(40 - (v * 52 / 12 if m.group(2).startswith("m") else v))
        return Age("unborn", None, weeks if weeks and 1 <= weeks <= 45 else None)
    weeks_old = re.search(rf"\b\d{{1,2}}\s*{_WEEKS}\s*-?\s*old\b", t) is not None
    for rx in PREG_WEEKS[:2] if weeks_old else PREG_WEEKS:  # ("6 weeks old - her 8 week jabs are due")
        m = rx.search(t)
        if m:
            weeks = int(m.group(1))
            if 1 <= weeks <= 45:
                return Age("unborn", None, weeks)

    m = YEARS_MONTHS.search(t)
    if m and _num(m.group(1)) is not None:
        return _adult_or(_years(m.group(1), None) + int(m.group(2)), pregnant)
    # (priority, position, months): "... old" and "aged N" first, then "she's N", then a
    # number with a unit, weeks and days last; a bare number only when it is all there is.
    candidates = []
    for rx, kind in ((YEARS, "y"), (MONTHS_RE, "m"), (WEEKS_RE, "w"), (DAYS_RE, "d")):
        for m in rx.finditer(t):
            v = _num(m.group(1) or (m.group(2) if kind == "m" else None))
            if v is None or (kind == "m" and m.group(2) and pregnant):  # ("2m pregnant" is no baby)
                continue
            if kind == "y":
                months = _years(m.group(1), m.group(2), m.group(3))
            elif kind == "m":
                months = int(round(v))
            elif kind == "w":
                months = int(v * 12 // 52)
            else:
                months = 0
            old = kind == "d" or re.match(r"\s*-?\s*old\b", t[m.end() :]) is not None
            candidates.append((0 if old else (2 if kind in "ym" else 3), m.start(), months))
    for rx, prio in ((AGED, 0), (IS_N, 1), (BARE, 1), (TRAILING, 1)):
        for m in rx.finditer(t):
            if _num(m.group(1)) is not None and m.group(1) not in ("a", "an"):
                candidates.append((prio, m.start(), _years(m.group(1), m.group(2))))
    if candidates:
        return _adult_or(min(candidates)[2], pregnant)
    m = BIRTHDAY.search(t)
    if m:  # "just had her 1st birthday", "turns 4 next week" is read above
        return _adult_or(int(m.group(1)) * 12, pregnant)
    m = PAREN.search(t)
    if m:
        return _adult_or(int(m.group(1)) * 12, pregnant)
    m = SCHOOL_YEAR.search(t)
    if m and 1 <= int(m.group(1)) <= 13:
        return _make((int(m.group(1)) + 4) * 12)
    if RECEPTION.search(t):  # a pupil, 4 turning 5: the primary band (age_bands.yml, primary school)
        return _make(60)
    for rx, band, months in WORD_BANDS:
        if rx.search(t):
            return Age(band, months, None)
    return None


def _adult_or(months: int | None, pregnant: bool) -> Age | None:
    """An age of 18 or more is an adult's: the unborn child when a pregnancy is named."""
    if months is not None and months >= 216 and pregnant:
        return Age("unborn", None, None)
    return _make(months)
