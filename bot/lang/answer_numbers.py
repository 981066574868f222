"""Answers that are numbers: a child's age in words the age reader leaves open, a point on the
0 to 10 scale (bot/lang/answers.py hands these two kinds here), and lengths given as alternatives."""

from __future__ import annotations

import re

from bot.lang.answer_anchors import QUALIFIED, length_band, qualified, school_length, stage_length, two_lengths
from bot.lang.answer_words import Reading, _clean, _without_ages, base_id, lexicon
from bot.lang.nlp import as_list

# an age in years and months written short ("2y 3m", "2y3m"): read as the words, never "3m" alone as months
COMPACT_AGE = re.compile(r"\b(\d{1,2})\s?y\s?(\d{1,2})\s?m\b", re.IGNORECASE)
_LOOSE_AGE = re.compile(
    r"\b(?:just turned|turned|nearly|almost|about|around)?\s*(\d{1,2})\s*(?:and a bit|and a half|ish|\+|"
    r"nearly \d{1,2}|going on \d{1,2})?\b"
)


def read_age(text: str) -> Reading | None:
    """Ages the age reader leaves open or misreads: an unborn baby in other words, a number
    of months said with "she's", and loose ages ("just turned 1", "16 nearly 17")."""
    from bot.lang.age import band_for

    text = COMPACT_AGE.sub(r"\1 years \2 months", text)
    lx = lexicon().get("age") or {}
    nums = lexicon().get("numbers") or {}
    # number words as digits ("just turned one", "two and a half"; not "one" in "the one")
    words = [str(nums[w]) if w in nums and w not in ("none", "nought") else w for w in _clean(text).split()]
    t = f" {' '.join(words)} "
    two = TWO_AGES.search(t)  # "4 or 5 i'd have to check": two ages either side of a band's line, asked
    if two and 1 <= int(two.group(1)) < int(two.group(2)) <= 17 and len(re.findall(r"\d+", t)) == 2:
        # (only the two numbers said; one band for both: that band)
        bands = tuple(dict.fromkeys(band_for(int(n) * 12) for n in two.groups()))
        return Reading("ask" if len(bands) > 1 else "sure", bands[0], "", bands)
    sources = {int(m.group(1)) for m in SAYS_AGE.finditer(t) if 1 <= int(m.group(1)) <= 17}
    if len(sources) > 1 and len({band_for(n * 12) for n in sources}) > 1:
        # (S21-LK14) two records or people give two ages across a band's line ("the report says 11,
        # dad says she turned 12"): asked, never guessed
        bands = tuple(dict.fromkeys(band_for(n * 12) for n in sorted(sources, reverse=True)))
        return Reading("ask", bands[0], "", bands)
    if any(f" {_clean(str(w))} " in t for w in as_list(lx.get("unborn"))) or _of_forty(text):
        return Reading("sure", "unborn", "", ("unborn",))
    m = re.search(r"\b(\d{1,2})\s*(?:and a bit |and a half |ish )?(?:months?|mths?|mo)\b(?!\s*(?:gone|pregnant))", t)
    if m and not re.search(r"\b\d{1,2}\s*(?:years?|yrs?|yo)\b", t):
        months = int(m.group(1))
        return Reading("sure", band_for(months) if months < 216 else "", "", ())
    if any(f" {_clean(str(w))} " in t for w in as_list(lx.get("baby"))):
        return Reading("sure", "baby", "", ("baby",))
    m = re.fullmatch(rf"\s*(?:{NEARLY})\s*(\d{{1,2}})\s*(?:years?|yrs?)?\s*(?:old)?\s*", t)
    if m and 1 <= int(m.group(1)) <= 18:  # "nearly 1" is under 1: the band of the month before the birthday
        return Reading("sure", band_for(int(m.group(1)) * 12 - 1), "", ())
    m = re.fullmatch(
        r"\s*(?:just turned|turned|nearly|almost)?\s*(\d{1,2})\s*(?:and a bit|and a half|ish|nearly \d{1,2}|"
        r"going on \d{1,2})\b.*",
        t,
    ) or re.fullmatch(r"\s*just turned (\d{1,2})\b.*", t)
    if m and int(m.group(1)) <= 17:
        return Reading("sure", band_for(int(m.group(1)) * 12), "", ())
    m = MUM_WEEKS.search(t)  # "mum is 32 weeks": the pregnancy
    if m and 1 <= int(m.group(1)) <= 45:
        return Reading("sure", "unborn", "", ("unborn",))
    m = TURNED.search(t)  # "at nursery, just turned 4"
    if m and int(m.group(1)) <= 17:
        return Reading("sure", band_for(int(m.group(1)) * 12), "", ())
    birthday = _birthday(t, lx)  # "first birthday was last week"
    if birthday is not None:
        return Reading("sure", band_for(birthday), "", (band_for(birthday),))
    from bot.lang.age import parse_age
    from bot.lang.answer_words import hedged

    age = parse_age(" ".join(words))  # number words as digits ("she's in year five")
    year = SCHOOL_YEAR.search(t)
    if age is not None and age.band == "primary" and year and int(year.group(1)) >= 7 and SECONDARY.search(t):
        # a secondary school year said with its phase ("yr 7, just started secondary"): the phase decides,
        # as the age bands name it (knowledge/age_bands.yml; bot/lang/age.py, secondary school)
        return Reading("sure", "adolescent", "", ("adolescent",))
    alone = SCHOOL_YEAR.sub(" ", t)
    if age is not None and year and int(year.group(1)) == 7 and not re.search(r"\d", alone) and not parse_age(alone):
        # year 7 alone: 11 or 12, either side of the bands' line (knowledge/age_bands.yml): offered back
        return Reading("ask", "adolescent", "", ("adolescent", "primary"))
    m = LEADING.match(t)  # the answer opens on a number: the age ("16 and at college", "eight i think")
    # (before a school phase said after it, "10, at secondary for maths": the number decides by
    # knowledge/age_bands.yml months; the phase word names the band only when no age is given)
    if age is not None and (age.months is not None or age.band == "unborn" or m is None):
        return Reading("sure", age.band, "", (age.band,))
    if m and int(m.group(1)) <= 17 and len(re.findall(r"\d+", t)) == 1:
        band = band_for(int(m.group(1)) * 12)
        return Reading("ask" if hedged(t) else "sure", band, "", (band,))
    if age is not None:
        return Reading("sure", age.band, "", (age.band,))
    # a number alone before a break is the age, whatever numbers come after it ("sixteen, at
    # college doing a level 2 course")
    m = re.match(r"\s*(?:about |around |nearly |almost )?(\w+)\s*[,.;:\-\u2013\u2014(]", text.lower())
    n = None if m is None else (m.group(1) if m.group(1).isdigit() else nums.get(m.group(1)))
    if n is not None and str(n).isdigit() and 1 <= int(n) <= 17:
        band = band_for(int(n) * 12)
        return Reading("ask" if hedged(t) else "sure", band, "", (band,))
    said = re.sub(
        r"[a-z]+", lambda w: str(nums.get(w.group(0), w.group(0))) if w.group(0) != "none" else "none", text.lower()
    )
    m = SAID_AGE.search(said)  # "the young carer is 12, she looks after mum": the number said of the child
    others = {_clean(str(w)) for w in as_list(lx.get("not_the_child"))}
    if m and 1 <= int(m.group(2)) <= 17 and _clean(m.group(1)) not in others:
        band = band_for(int(m.group(2)) * 12)
        return Reading("ask" if hedged(t) else "sure", band, "", (band,))
    return _loose_ages(t)


def _loose_ages(t: str) -> Reading | None:
    """(S21-LK14) Ages said loosely, every number of the answer one of them ("rising 3s - so 2 and a
    bit", "7ish, year 2"): their band, or asked when they fall in two bands."""
    from bot.lang.age import band_for

    said = list(LOOSE.finditer(t))
    if not said or len(re.findall(r"\d+", t)) != len(said):
        return None
    months = []
    for m in said:
        if m.group("n"):
            n = int(m.group("n"))
            months.append(n * 12 - 1 if re.fullmatch(NEARLY, m.group("pre")) else n * 12)
        else:
            months.append(int(m.group("m")) * 12 + (6 if "half" in m.group("post") else 0))
    bands = tuple(dict.fromkeys(band_for(x) for x in months if 1 <= x < 216))
    if not bands or None in bands:
        return None
    return Reading("ask" if len(bands) > 1 else "sure", bands[0], "", bands)


def _of_forty(text: str) -> bool:
    """A pregnancy in the midwives' notation, weeks of 40 ("mum is 28/40", "34+2/40"), no age beside it."""
    from bot.lang.age import parse_age

    if OF_FORTY.search(text) is None:
        return False
    # (S21-LK14) a word beside it is the pregnancy's own ("28/40 - first baby"); an age said is not
    age = parse_age(OF_FORTY.sub(" ", text.lower()))
    return age is None or (age.months is None and age.band in ("unborn", "baby"))


def _birthday(t: str, lx: dict) -> int | None:
    """Months of age from an ordinal birthday: just had (the age), still to come (the month before)."""
    ordinals = {str(k): int(v) for k, v in (lx.get("ordinals") or {}).items()}
    m = re.search(r"\b(\w+)\s+birthday\b(.*)", t)
    n = (
        None
        if m is None
        else ordinals.get(m.group(1))
        or (int(m.group(1)[:-2]) if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", m.group(1)) else None)
    )
    if n is None or not 1 <= n <= 17:
        return None
    to_come = any(f" {_clean(str(w))} " in f" {m.group(2)} " for w in as_list(lx.get("birthday_to_come")))
    return n * 12 - 1 if to_come else n * 12


# "nearly 3": said before the birthday to come ("coming up to 3", "rising 5", "getting on for 4")
# two ages said as alternatives ("four or five", "4 or 5 years old"), never months or weeks
TWO_AGES = re.compile(r"(?<!year )(?<!yr )\b(\d{1,2})\s+or\s+(\d{1,2})\b(?!\s*(?:months?|mths?|weeks?|wks?|days?))")
NEARLY = r"nearly|almost|coming up to|coming up|approaching|getting on for|rising"
# an age said by a record or a person ("the report says 11", "dad says she turned 12", "down as 9")
SAYS_AGE = re.compile(
    r"\b(?:says?|said|thinks?|reckons?|according to [\w']+|down as|records? (?:say|show)s?)\s+(?:(?:she|he|they)"
    r"(?:'s|s| is| was| are|'re)?\s+)?(?:turned\s+|just turned\s+|about\s+|nearly\s+)?(\d{1,2})\b"
    r"(?!\s*(?:months?|mths?|mo|weeks?|wks?|days?|%))"
)
# (S21-LK14) an age said loosely: before a birthday ("rising 3s", a nursery's name for the children
# turning 3), just after one, or "and a bit" ("so 2 and a bit", "7ish")
LOOSE = re.compile(
    rf"\b(?:(?P<pre>{NEARLY}|just turned|turned|just gone)\s+(?P<n>\d{{1,2}})s?|(?P<m>\d{{1,2}})\s*"
    r"(?P<post>and a bit|and a half|ish|\+))(?![\w/])"
)
OF_FORTY = re.compile(r"\b(?:[4-9]|[1-3]\d|4[0-2])(?:\s*\+\s*[0-6])?\s*/\s*40\b")
SECONDARY = re.compile(r"\b(?:secondary|sixth form)\b")
SCHOOL_YEAR = re.compile(r"\b(?:year|yr|y)\s?(\d{1,2})\b")
MUM_WEEKS = re.compile(
    r"\b(?:mum|mother|she)\s*(?:is|'s|s)\s+(?:about\s+|around\s+|nearly\s+)?(\d{1,2})\s*(?:weeks?|wks?)\b(?!\s*old)"
)
TURNED = re.compile(r"\b(?:just turned|turned|has turned|just gone)\s+(\d{1,2})\b(?!\s*(?:months?|mths?|weeks?|wks?))")
# a bare number said of someone, then a break or the end ("the young carer is 12, she ...")
SAID_AGE = re.compile(
    r"\b(\w+)\s+(?:is|s|'s)\s+(?:about\s+|around\s+|nearly\s+|only\s+|just\s+)?(\d{1,2})\s*(?:[,.;:!]|and\b|$)"
)
LEADING = re.compile(
    r"\s*(\d{1,2})\b(?!\s*(?:months?|mths?|weeks?|wks?|days?|%|kids|children|siblings|times|of|out|/))"
)


def _scale(text: str) -> Reading | None:
    """0 to 10 in digits or words: one number is the answer, two are asked about."""
    nums = lexicon().get("numbers") or {}
    found: list[str] = []
    for w in re.findall(r"[a-z]+|\d+", text.lower()):
        n = int(w) if w.isdigit() else nums.get(w)
        if n is not None and 0 <= int(n) <= 10 and str(n) not in found:
            found.append(str(n))
    found = [f for f in found if not (f == "10" and re.search(r"(out of|/)\s*(10|ten)\b", text.lower()))] or found
    if len(found) == 1:
        return Reading("sure", found[0], "", (found[0],))
    if len(found) > 1:
        return Reading("ask", found[0], "", tuple(found[:4]))
    return None


def _too_young(question, text: str) -> str | None:
    """At the seen-alone question, an age in the answer under answers.yml frames.too_young_months."""
    if base_id(question) != "q_seen_alone" or "cannot" not in {o.value for o in question.options}:
        return None
    from bot.lang.age import parse_age

    age = parse_age(_clean(text))
    limit = int((lexicon().get("frames") or {}).get("too_young_months") or 0)
    if age is not None and (age.band in ("unborn",) or (age.months is not None and age.months < limit)):
        return "cannot"
    r = read_age(text)
    return "cannot" if r is not None and r.value in ("unborn", "baby") else None


def alternative_lengths(text: str, today) -> tuple[str, ...]:
    """Two lengths given as alternatives ("either 2 months or about a year, the records don't
    agree"): their options, nearest first, when they differ (asked, never guessed); else ()."""
    if not re.search(r"\bor\b", text.lower()):
        return ()
    from bot.lang.when import parse_duration

    bands: list[str] = []
    for part in re.split(r"[,;]|\bor\b", text, flags=re.IGNORECASE):
        d = parse_duration(_without_ages(part), today)
        if d is not None and d.months is not None and not d.vague:
            band = length_band(d.months + qualified(QUALIFIED.search(part.lower())))
            bands += [band] if band not in bands else []
    return tuple(bands) if len(bands) > 1 else ()


# two points of a pregnancy or a life in weeks, the later one said with "now" first ("from booking at
# 12 weeks, now 36 weeks"; bot/lang/when.py reads "... 36 weeks now")
WEEKS_THEN_NOW = re.compile(
    r"\b(?:from|since)\b.*?\b(\d{1,2})\s*(?:weeks?|wks?)\b.*?\bnow\s+(?:at\s+|about\s+|around\s+)?(\d{1,2})\s*(?:weeks?|wks?)\b"
)
# a length told by school years then and now ("since she started year 8 and she's in year 10 now",
# "from year 3, he's year 6 now"), the later one said with "now"
SCHOOL_YEARS = re.compile(
    r"\b(?:since|from)\b(?:\s+[\w']+){0,4}?\s+(?:year|yr|y)\s?(\d{1,2})\b.*?\b(?:year|yr|y)\s?(\d{1,2})\b(?=(?:\s+[\w']+)?\s+now\b|.*?\bnow\b)"
)
# (S21-LK14) the later school year said as where the child is, without "now" ("since Y7 - he's in Y9")
SCHOOL_YEARS_IN = re.compile(
    r"\b(?:since|from)\b(?:\s+[\w']+){0,4}?\s+(?:year|yr|y)\s?(\d{1,2})\b.*?"
    r"\b(?:is|'s|s|are|'re|re)\s+(?:now\s+)?in\s+(?:year|yr|y)\s?(\d{1,2})\b"
)
# a school year or reception as the start, without the year now: at least since this school year began
SINCE_A_SCHOOL_YEAR = re.compile(r"\b(?:since|from)\b(?:\s+[\w']+){0,3}?\s+(?:(?:year|yr|y)\s?\d{1,2}|reception)\b")


def _part_band(part: str, today) -> str | None:
    """The band of the length a part of an answer says (in its frame, or as an amount or a date), or
    None; a school year said as the start gives the band of this school year so far at least."""
    from bot.lang.when import parse_duration

    framed = length_frame(part, today)
    if framed is not None:
        return framed.value if framed.status == "sure" else None
    d = parse_duration(_without_ages(part), today)
    if d is not None and d.months is not None and not d.vague:
        return length_band(d.months + qualified(QUALIFIED.search(part.lower())))
    if SINCE_A_SCHOOL_YEAR.search(part.lower()):
        return length_band((today.month - 9) % 12 + today.day / 31)
    return None


# a length told by a check or scan at an age then and the age now ("since the 6-8 wk check, she's 7
# mo now", "since the 2 year check, she's 2 and a half now", "since the 20 week scan, and she's 26
# weeks now"); the age now without a unit is in the check's unit
_AGE_UNIT = r"weeks?|wks?|months?|mo|mths?|years?|yrs?"
CHECK_THEN_NOW = re.compile(
    rf"\b(?:since|from)\b[^.;]*?\b(?P<a>\d{{1,2}})(?:\s*-\s*(?P<b>\d{{1,2}}))?\s*(?P<u>{_AGE_UNIT})\b\s*"
    r"(?:old\s+)?(?:check|scan|review|appointment|booking|visit|jabs|immunisations?)\b"
    rf".*?\b(?:is|'s|s|now|at)\s+(?:now\s+)?(?P<n>\d{{1,2}})(?P<half>\s+and\s+a\s+half)?\s*(?P<nu>{_AGE_UNIT})?\b"
    r"(?=\s*(?:old\b|now\b|[,.;]|$))"
)


def _in_months(a: str, b: str | None, unit: str | None, default: str | None, half: bool = False) -> float:
    """An age said as a number (or a range "6-8") in weeks, months or years, in months."""
    n = (int(a) + int(b)) / 2 if b else float(int(a)) + (0.5 if half else 0)
    u = (unit or default or "month")[:2]
    return n * 12 / 52 if u in ("we", "wk") else (n * 12 if u in ("ye", "yr") else n)


# a length said as a range ("somewhere between 2 months and a year")
BETWEEN = re.compile(r"\bbetween\b(.+?)\band\b(.+)")


def length_frame(text: str, today) -> Reading | None:
    """A length in a frame of its own: two lengths as alternatives or a range across two options
    (asked, nearest first, never guessed), or weeks then and now (the weeks between, stored)."""
    from bot.lang.when import parse_duration

    low = text.lower()
    two = two_lengths(text, today, lambda part: _part_band(part, today))
    if two is not None:  # "attendance since Y3 - but the home only since half term": which worry?
        return two
    m = WEEKS_THEN_NOW.search(low)
    if m and int(m.group(2)) > int(m.group(1)):
        band = length_band((int(m.group(2)) - int(m.group(1))) * 12 / 52)
        return Reading("sure", band, text, (band,))
    c = CHECK_THEN_NOW.search(low)
    if c:  # "since the 6-8 week check, she's 7 months now": the time between the check's age and now
        then = _in_months(c.group("a"), c.group("b"), c.group("u"), None)
        now = _in_months(c.group("n"), None, c.group("nu"), c.group("u"), bool(c.group("half")))
        if now > then:
            band = length_band(now - then)
            return Reading("sure", band, text, (band,))
    y = SCHOOL_YEARS.search(low) or SCHOOL_YEARS_IN.search(low)
    if y and int(y.group(1)) <= int(y.group(2)) <= 13:  # "since she started year 8 and she's in year 10 now"
        # whole school years between, and this school year so far (from September, as school years run)
        months = (int(y.group(2)) - int(y.group(1))) * 12 + ((today.month - 9) % 12)
        band = length_band(months + (0.5 if int(y.group(2)) > int(y.group(1)) else 0))
        return Reading("sure", band, text, (band,))
    anchored = school_length(text, today) or stage_length(text)
    if anchored is not None:  # "since the autumn half term", "since she was a baby - she's 6 now"
        return anchored
    either = alternative_lengths(text, today)
    r = BETWEEN.search(low)
    if not either and r:
        bands: list[str] = []
        first, second = r.groups()
        unit = BARE_LOW.match(first) and UNIT_AFTER.match(second)
        if unit:  # "between 1 and 6 months": the unit said once, of both numbers
            first = f"{first.strip()} {unit.group(1)}"
        for part in (first, second):
            d = parse_duration(_without_ages(part), today)
            if d is not None and d.months is not None and not d.vague and length_band(d.months) not in bands:
                bands.append(length_band(d.months))
        either = tuple(bands) if len(bands) > 1 else ()
    return Reading("ask", either[0], text, either) if either else None


# the first number of a range said without its unit, and the unit said after the second ("between 1 and 6 months")
BARE_LOW = re.compile(r"\s*(?:about\s+|around\s+)?(?:\d{1,2}|[a-z]+)\s*$")
UNIT_AFTER = re.compile(
    r"\s*(?:about\s+|around\s+)?(?:\d{1,2}|[a-z]+)\s*(days?|weeks?|wks?|months?|mnths?|mths?|years?|yrs?)\b"
)
