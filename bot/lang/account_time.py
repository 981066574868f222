"""How long the worry has gone on, read from a whole case account (bot/lang/account.py): only an
amount or a start said in so many words ("for 8 months", "since September", "it's been about six
months", "since she was six months" or "since she was born" from the child's age). Two different
lengths in one account are left for the question. Also the child's age read from an account (_age),
with times past and other children's ages masked."""

from __future__ import annotations

import re
from datetime import date

from bot.lang import grammar
from bot.lang.answer_words import _without_ages, lexicon
from bot.lang.nlp import as_list

DURATION_SAID = re.compile(
    r"\b(?:for|over|in|since)\s+(?:the\s+)?(?:last|past)?\s*(?:about|around|nearly|almost|over|"
    r"more than)?\s*(?:a\s+few\s+|a\s+couple\s+of\s+|\w+\s+)?(?:weeks?|months?|years?|terms?)\b|"
    r"\bsince\s+(?:about\s+|around\s+)?(?:last\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"christmas|easter|the summer|summer|spring|autumn|winter|half term)\b",
    re.I,
)


# when the worry started, said as a time ago ("since we got involved 14 months ago", "I first
# raised it about 4 months ago"), and how long it has been ("it's been about three months")
SINCE_AGO = re.compile(
    r"\b(?:since|first (?:raised|noticed|flagged|worried|seen|reported|concerned))\b[^.;]{0,40}?\b("
    r"(?:about|around|nearly|almost|over|more than)?\s*(?:a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|few|couple of|\d+)\s+(?:weeks?|months?|years?))\s+ago\b",
    re.I,
)
BEEN = re.compile(
    r"\b(?:it's|its|it has|it 's|has|have|they've|she's|he's)\s+been\s+(?:going on\s+|happening\s+|like this\s+)?"
    r"((?:for\s+)?(?:about|around|nearly|almost|over|more than)?\s*(?:a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:weeks?|months?|years?))\b",
    re.I,
)


# since the child was an age ("since she was six months"): the time since, from the child's age now
SINCE_AGED = re.compile(
    r"\bsince\s+(?:he|she|they)\s+(?:was|were|turned)\s+(\w+)\s*(months?|mths?|years?|yrs?)\b(?!\s*pregnant)", re.I
)


# a stage of a pregnancy ("since 20 weeks", "since 12 wks"): how long, from how far on it is now
SINCE_GESTATION = re.compile(r"\bsince\s+(\w+)\s*(?:weeks?|wks?)\b", re.I)


SINCE_BORN = re.compile(r"\bsince\s+(?:(?:he|she|they)\s+(?:was|were)\s+born|(?:the\s+)?birth)\b", re.I)


def how_long(text: str, age, today: date) -> tuple[str, str] | None:
    """(q_duration value, the words that say it), or None when the account says no one length."""
    from bot.lang.when import parse_duration

    durations: dict[str, str] = {}
    plain = _without_ages(text)
    weeks = getattr(age, "unborn_weeks", None) if age is not None else None
    spans = [
        (m.group(0), m.group(0))
        for m in DURATION_SAID.finditer(plain)
        if _how_long(plain, m)
        # ("since 20 weeks" in a pregnancy is a stage of it, read below from how far on it is now)
        and not (weeks and SINCE_GESTATION.fullmatch(m.group(0)))
        # ("a CP plan for neglect 3 years ago" is when, not how long; "over a year ago" is how long)
        and not (m.group(0).lower().startswith("for") and plain[m.end() :].lstrip().lower().startswith("ago"))
    ]
    spans += [(m.group(0), f"for {m.group(1)}") for m in SINCE_AGO.finditer(plain)]
    spans += [(m.group(0), m.group(1)) for m in BEEN.finditer(plain)]
    for m in SINCE_GESTATION.finditer(plain) if weeks else ():  # "since 20 weeks" at 31 weeks: 11 weeks
        n = _number(m.group(1))
        if n is not None and 0 < n < weeks:
            spans.append((m.group(0), f"for {weeks - n} weeks"))
    born = SINCE_BORN.search(text)
    if born and age is not None and age.months is not None:  # "like this since she was born" (a 5 month old)
        spans.append((born.group(0), f"for {age.months} months"))
    if age is not None and age.months is not None:  # "since she was six months" (a 10 month old): 4 months
        for m in SINCE_AGED.finditer(text):
            n = _number(m.group(1))
            was = n * (12 if m.group(2).lower().startswith("y") else 1) if n is not None else None
            if was is not None and 0 <= was < age.months:
                spans.append((m.group(0), f"for {age.months - was} months"))
    for words, said in spans:
        d = parse_duration(said, today)
        if d is not None and d.vague and d.months is not None and d.months < 2 and re.search(r"\bweeks?\b", said):
            durations.setdefault("under_3m", words.strip())  # "over the last few weeks"
        elif d is not None and d.months is not None and not d.vague:
            if _near_three_months(said):
                continue  # "for 12 weeks" is about three months: on the line between two answers, asked
            over = re.search(r"\b(?:over|more than)\b", said, re.I) is not None
            value = (
                "under_3m"
                if d.months < 3
                else ("3_to_12m" if d.months < 12 or (d.months == 12 and not over) else "over_12m")
            )
            durations.setdefault(value, words.strip())
    if len(durations) == 1:
        return next(iter(durations.items()))
    return None


def _clean_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _near_three_months(said: str) -> bool:
    """A length said in weeks within a week or so of three months (12 to 14 weeks): it lies on the
    line between "under 3 months" and "3 to 12 months"."""
    m = re.search(r"\b(\w+)\s+weeks?\b", said, re.I)
    n = _number(m.group(1)) if m else None
    return n is not None and 12 <= n <= 14


def _settings() -> dict:
    return lexicon().get("account") or {}


def _how_long(text: str, m) -> bool:
    """A length of time said of the worry: not how often ("comes in some weeks without them")
    and not how long something has not been so ("no meds for three years")."""
    said = _clean_words(m.group(0)).split()
    often = {_clean_words(str(w)) for w in as_list(_settings().get("frequency_before"))}
    if len(said) >= 2 and said[0] in ("in", "on") and said[1] in often:
        return False
    clause_before = re.split(r"[,;.:!?()-]", text[max(0, m.start() - 60) : m.start()])[-1]
    if said and said[0] == "in" and _counted(clause_before):
        return False  # "missing 5 times in 2 months", "two admissions in the last six months": how often
    clause_after = re.split(r"[,;.:!?()-]", text[m.end() : m.end() + 40])[0]
    other = [_clean_words(str(w)) for w in as_list(_settings().get("length_of_other"))]
    around = f" {_clean_words(clause_before)} {_clean_words(clause_after)} "
    if any(f" {w} " in around for w in other if w):
        return False  # "in the three months I've been involved": the practitioner's, not the worry's
    well = {_clean_words(str(w)) for w in as_list(_settings().get("well_for"))}
    tail = _clean_words(clause_before).split()[-4:]
    if set(tail) & well or any(" " in w and f" {w} " in f" {' '.join(tail)} " for w in well):
        return False  # "she's been clean for six months": how long something good has lasted
    negators = set(grammar.words("duration_negators")) | {
        _clean_words(str(w)) for w in as_list(_settings().get("negation_shortcuts"))
    }
    # ("hasn't been to school since the summer": how long one thing has not been, not the worry)
    return not any(w in negators or w.endswith("n't") for w in _clean_words(clause_before).split())


def _counted(words: str) -> bool:
    """A count of events in the words before a length ("5 times", "twice", "two admissions")."""
    counts = {_clean_words(str(w)) for w in as_list(_settings().get("count_words"))}
    return any(w.isdigit() or w in counts or _number(w) is not None for w in _clean_words(words).split())


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    n = grammar.table("numbers").get(word.lower())
    return int(n) if n is not None else None


# the child's age, read from an account (bot/lang/account.py): an age said as one first; times
# past and other children's ages masked

AGO = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|several|few|couple of|\d+)\s+(?:years?|months?|weeks?|terms?)"
    r"\s+ago\b|\b(?:a|one|two|\d+)\s+(?:years?|months?)\s+of\b",
    re.I,
)
OLD = re.compile(
    r"\(\s*\d{1,2}\s*(?:years?|yrs?|months?|mths?|weeks?)(?:,?\s*(?:and\s+)?\d{1,2}\s*(?:months?|mths?))?\s*\)|"
    r"\b\d{1,2}\s*-?\s*(?:years?|yrs?|months?|mths?|weeks?|days?)\s*-?\s*old\b|\baged\s+\d|"
    r"\b\d{1,2}\s*(?:yo|y/o)\b|\bpregnant\b|\bunborn\b",
    re.I,
)


# how often said with a count of days or times ("about two days a week", "3 times a month")
HOW_OFTEN = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|a\s+couple\s+of|a\s+few)\s+(?:days?|times|nights?|mornings?)"
    r"\s+(?:a|per|each|every)\s+(?:week|month|fortnight|term)\b",
    re.I,
)


# (S17-LC7) an age of a time past ("CP plan when she was 11", "social care were involved when she
# was 8", "in foster care from age 7", "Prev CP plan age 8"): the child's (or a parent's) age then,
# never the child's age now
_AGE_WORD = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
AGE_THEN = re.compile(
    r"\bwhen\s+(?:he|she|they|i|we|you)\s+(?:was|were)\s+(?:only\s+|just\s+|about\s+|aged\s+)?"
    + _AGE_WORD
    + r"\b(?:\s*(?:years?|yrs?|months?|mths?)(?:\s+old)?)?|"
    r"\b(?:from|at|since|until|till|by|before|after|plan|order)\s+(?:the\s+)?age\s+(?:of\s+)?" + _AGE_WORD + r"\b",
    re.I,
)


def _masked(text: str) -> str:
    """The account without what looks like an age but is a time ("CIN for a year now", "two
    years ago", "a year of CIN", "when she was 11") or another child's age ("a baby sister (5
    months)", "her brother, aged 9"), for reading the child's age."""
    text = AGE_THEN.sub(" ", AGO.sub(" ", DURATION_SAID.sub(" ", text)))
    text = HOW_OFTEN.sub(" ", text)  # ("two days a week": how often, never an age)
    others = [_clean_words(str(w)) for w in as_list(_settings().get("other_child"))]
    after_others = {_clean_words(str(w)) for w in as_list(_settings().get("other_child_after_age"))}
    out, last = [], 0
    for m in OLD.finditer(text):
        before = _clean_words(text[max(0, m.start() - 30) : m.start()])
        after = _clean_words(text[m.end() : m.end() + 30]).split()[:2]
        # ("his 11 year old sister": another child's age, said before the word for them)
        if any(w and (before.endswith(" " + w) or before == w) for w in others) or set(after) & after_others:
            out.append(text[last : m.start()] + " ")
            last = m.end()
    text = "".join(out) + text[last:] if out else text
    # ("His little sister is 6 months": another child named, then their age said as theirs; "he's
    # got a sister who's 4": any word for a brother or sister, then their age)
    words = sorted({w for w in [*others, *after_others] if w}, key=len, reverse=True)
    if words:
        said = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:is|was|who is|who's|aged|is aged)\s+"
        text = re.sub(
            said + r"(?:about\s+)?\d+(?:\s*(?:months?|mths?|years?|yrs?|weeks?|wks?)(?:\s+old)?)?",
            " ",
            text,
            flags=re.I,
        )
    return text


# a time said as a possessive names a thing, not when ("in yesterday's clothes", "last night's
# nappy"): no time of the sign
TIME_OWNS = re.compile(r"\b(?:yesterday|today|tonight|last\s+night|last\s+week|the\s+day\s+before)['’]s\b", re.I)


def _timeless(text: str) -> str:
    """Without ages and times past ("a 3 year old", "2 yr old", "two years ago"), which say
    nothing of how often, and times said as a possessive ("yesterday's clothes")."""
    return TIME_OWNS.sub(" ", AGO.sub(" ", OLD.sub(" ", _without_ages(text))))


def _age(text: str):
    """The child's age: an age said as one ("8 year old", "aged 8", "32 weeks pregnant") first,
    then a school year ("Year 4", "Yr 9", "reception"), then the age reader on the account
    without its times."""
    from bot.lang.age import Age, parse_age

    focused = _focus_age(text)
    if focused is not None:
        return focused
    # ("the family of a 13-year-old boy", "mum of a 2 year old"): the child's age, no likeness
    masked = PARENT_OF.sub(r"\1 with ", _masked(text))
    m = MUM_WEEKS.search(masked)
    if m and 1 <= int(m.group(1)) <= 45:  # "Mum is 20 weeks": the pregnancy, not the baby's age
        return Age("unborn", None, int(m.group(1)))
    m = BOOKING.search(masked)
    if m and 1 <= int(m.group(1)) <= 45:  # "booking at 14 weeks": the pregnancy's first midwife visit
        return Age("unborn", None, int(m.group(1)))
    m = CHILD_OF.search(masked)
    if m and 0 < int(m.group(1)) <= 17:  # ("a boy of 9", "a girl of 13"): an age said as one, in years
        from bot.lang.age import band_for

        # (S22-LC14) two children each with an age ("a baby of 7 months and a boy of 3"): which the
        # check is for is not said, asked
        ages = {x.group(0).lower() for x in CHILD_OF.finditer(masked)} | {
            x.group(0).lower() for x in CHILD_OF_MONTHS.finditer(masked)
        }
        if len(ages) > 1:
            return None
        return Age(str(band_for(int(m.group(1)) * 12)), int(m.group(1)) * 12, None)
    m = CHILD_COMMA.search(masked)
    if m and 0 < int(m.group(1)) <= 17:  # (S17-LC7) "Y5 boy, 9, ADHD", "Young person, 15, referred": said as one
        from bot.lang.age import band_for

        return Age(str(band_for(int(m.group(1)) * 12)), int(m.group(1)) * 12, None)
    m = IN_MONTHS.search(masked)
    # ("boy aged 5 months", "a boy who's 10 months now")
    if m and 0 < int(m.group(1)) <= 36 and not _child_said_before(masked, m.start()):
        from bot.lang.age import band_for

        months = int(m.group(1)) // (4 if m.group(2).lower().startswith("w") else 1)
        return Age(str(band_for(months)), months, None)
    if OLD.search(masked):
        # an age said as one ("16 yo girl") before another number elsewhere ("he's 24")
        return parse_age(masked) or next(
            (a for a in (parse_age(m.group(0)) for m in OLD.finditer(masked)) if a is not None), None
        )
    # the first school year said is the child's now ("Year 8 girl ... a TAF in Year 6": a time past)
    years = _settings().get("school_years") or {}
    said = [
        (m.start(), str(band))
        for band, pattern in years.items()
        if band not in ("basis", "source")
        for m in re.finditer(str(pattern), text, re.I)
        if not _year_of_other(text[max(0, m.start() - 40) : m.start()])
    ]
    if said:
        return Age(min(said)[1], None, None)
    if any(band not in ("basis", "source") for band in years):  # (a time past's or another child's school year)
        for band, pattern in years.items():
            text = text if band in ("basis", "source") else re.sub(str(pattern), " ", text, flags=re.I)
        masked = PARENT_OF.sub(r"\1 with ", _masked(text))
    age = parse_age(masked)
    # an age said in a number ("Skye is 4") before a band word elsewhere ("her baby brother")
    # ("his mum, who's 62, ... He's 3": the first age said that a child can be; "Child: boy, 7,")
    # (S22-LC14) and before a count of time the age reader takes for one ("been coming about 6 months",
    # "two weeks later", "after a year in foster care"): nothing above said an age as one, so a
    # number said of the child ("The lad is 14", "Lad's 9") is the age said as one
    timed = age is not None and age.months is not None
    timed = timed and not CHILD_IS.search(masked) and not BABY_MONTHS.search(masked)
    said = (
        [*IS_AGE.finditer(masked), *CHILD_IS_N.finditer(masked)]
        if timed
        else []
        if age is not None and age.months is not None
        else [*IS_AGE.finditer(masked), *CHILD_COMMA.finditer(masked)]
    )
    if timed:
        said = [
            m
            for m in said
            if not PARENT_BEFORE.search(masked[max(0, m.start() - 25) : m.start()])
            and not NOT_YEARS.match(masked[m.end() :])
        ]
    m = next((m for m in sorted(said, key=lambda m: m.start()) if 0 < int(m.group(1)) <= 17), None)
    if m:
        from bot.lang.age import band_for

        return Age(str(band_for(int(m.group(1)) * 12)), int(m.group(1)) * 12, None)
    return age


# (S18-LC9) the child the check is for, named among others ("The check is for the baby, who's 5
# months", "I'm doing this for the 6 year old", "it's his little sister I'm ringing about; she's
# eight"): the age said of that child is the child's, whoever else's age is said first
# (account.focus_child)
_NUM = (
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen)"
)
FOCUS_AGE = re.compile(
    r"\b" + _NUM + r"\s*-?\s*(years?|yrs?|months?|mths?|weeks?|wks?)\b|"
    r"\b(?:who's|who\s+is|she's|he's|she\s+is|he\s+is|aged)\s+(?:now\s+|about\s+|nearly\s+|just\s+)?" + _NUM + r"\b"
    r"(?!\s*-?\s*(?:years?|yrs?|months?|mths?|weeks?|wks?|%|times|/|:))",
    re.I,
)


def _alternation(words) -> str:
    return "|".join(re.escape(_clean_words(str(w))).replace(r"\ ", r"\s+") for w in as_list(words) if str(w).strip())


def _focus_age(text: str):
    """The age said of the child the account says the check is for (account.focus_child: `before`
    the child, "the check is for ..."; `after` it, "it's the baby I'm asking about"), or None."""
    from bot.lang.age import Age, band_for

    rule = _settings().get("focus_child") or {}
    before, after = _alternation(rule.get("before")), _alternation(rule.get("after"))
    said = text.replace("\u2019", "'")
    spans = []
    if before:
        lead = r"\b(?:" + before + r")\s+((?:the|a|my|our|his|her|their)\b[^.!?:]{0,70})"
        spans += [m.group(1) for m in re.finditer(lead, said, re.I)]
    if after:
        spans += [
            m.group(1) + " " + m.group(2)
            for m in re.finditer(
                r"\bit(?:'s|\s+is)\s+((?:the|his|her|their)\s+[^.;!?]{0,40}?)\s+(?:" + after + r")\b([^.!?]{0,50})",
                said,
                re.I,
            )
        ]
    for span in spans:
        m = FOCUS_AGE.search(span)
        if m is None:
            continue
        if m.group(1):
            n, unit = _number(m.group(1)), m.group(2).lower()
            if n is None:
                continue
            months = n * 12 if unit.startswith("y") else n if unit.startswith("m") else n // 4
        else:
            n = _number(m.group(3))
            if n is None:
                continue
            months = n * 12
        if 0 <= months <= 17 * 12:
            return Age(str(band_for(months)), months, None)
    return None


# a school year said of a time past ("a CAF when she was in Year 6") or of another child ("the older
# sister in Year 4"): not the child's now
YEAR_PAST = re.compile(r"\b(?:was|were)\s+(?:in\s+)?$", re.I)


def _year_of_other(before: str) -> bool:
    words = _clean_words(before)
    others = [_clean_words(str(w)) for w in as_list(_settings().get("other_child"))]
    near = re.sub(r"\s+(?:in|is in|who is in|who's in|whos in|now in)$", "", words)
    past = YEAR_PAST.search(before.rstrip() + " ")
    return bool(past) or any(w and (near == w or near.endswith(" " + w)) for w in others)


PARENT_BEFORE = re.compile(r"\b(?:mum|mother|dad|father|parents?|partner|carer|grandm\w*|grandad|nan)\b", re.I)


def _child_said_before(masked: str, at: int) -> bool:
    """An age in years said before an age in months ("her brother, who's 3: ... the new baby,
    who's 4 months"), not a parent's: the first age said is the child's."""
    return any(
        0 < int(x.group(1)) <= 17 and not PARENT_BEFORE.search(masked[max(0, x.start() - 25) : x.start()])
        for x in IS_AGE.finditer(masked[:at])
    )


def _age_said(text: str) -> bool:
    """An age said as one: "8 year old", "aged 8", "she is 2", a school year, a pregnancy."""
    masked = _masked(text)
    years = _settings().get("school_years") or {}
    school = any(re.search(str(p), text, re.I) for band, p in years.items() if band not in ("basis", "source"))
    return bool(
        OLD.search(masked) or IS_AGE.search(masked) or MUM_WEEKS.search(masked) or CHILD_IS.search(masked) or school
    )


# (S22-LC14) a number said of the child by a word for them ("Lad's 9", "the girl is 6")
CHILD_IS_N = re.compile(
    r"\b(?:lad|lass|boy|girl|kid|child|son|daughter)(?:'s|\s+is)\s+(?:about\s+|nearly\s+|just\s+)?(\d{1,2})\b"
    r"(?!\s*(?:weeks?|wks?|months?|mths?|days?|%|times|minutes|hours|[ap]m\b|/|:\d|\.\d))",
    re.I,
)
# a baby's age in months said by its word ("a baby of 7 months", "baby boy, 4 months"): an age, not a time
BABY_MONTHS = re.compile(
    r"\b(?:baby|infant|newborn|boy|girl|son|daughter|child)\b[^.;:!?]{0,12}?\b\d{1,2}\s*(?:months?|mths?|weeks?|wks?)\b",
    re.I,
)
NOT_YEARS = re.compile(r"\s*(?:stone|st\b|kg|kilos?|lbs?|pounds?|cm|feet|foot|ft|inches|points?|out of)", re.I)
CHILD_IS = re.compile(
    r"\b(?:he|she|baby|child|son|daughter|boy|girl)\s*(?:is|'s)\s+(?:about\s+|nearly\s+|just\s+)?\d{1,2}\s*"
    r"(?:months?|mths?|weeks?|years?|yrs?)\b",
    re.I,
)


# an age said in months or weeks of the child ("aged 5 months", "who's 10 months now"), read before
# the age reader, which takes "aged 5" for years
IN_MONTHS = re.compile(
    r"\b(?:aged|who's|who is|(?:he|she|baby|boy|girl)(?:'s|\s+is))\s+(?:about\s+|nearly\s+|just\s+)?(\d{1,2})\s*"
    r"(months?|mths?|weeks?|wks?)\b(?!\s*(?:ago|pregnant|gestation))",
    re.I,
)


MUM_WEEKS = re.compile(
    r"\b(?:mum|mother|she)(?:\s+is|'s|\s+'s)\s+(?:\d{1,2}(?:\s+and|\s*,)\s+)?(?:about\s+|around\s+|nearly\s+)?(\d{1,2})\s*(?:weeks?|wks?)\b"
    r"(?!\s*-?\s*old)",
    re.I,
)
PARENT_OF = re.compile(
    r"\b(family|mum|mother|dad|father|parents?|carers?|household)\s+of\s+(?=an?\s+\d{1,2}\s*-?\s*(?:years?|yrs?|months?)\s*-?\s*old\b)",
    re.I,
)
CHILD_OF = re.compile(
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:boy|girl|child|son|daughter)\s+of\s+(\d{1,2})\b(?!\s*(?:weeks?|months?|mths?|%))",
    re.I,
)
CHILD_OF_MONTHS = re.compile(
    r"\b(?:a|the)\s+(?:\w+\s+)?(?:baby|boy|girl|child|son|daughter)\s+of\s+\d{1,2}\s*(?:weeks?|wks?|months?|mths?)\b",
    re.I,
)
BOOKING = re.compile(r"\bbook(?:ing|ed)\s+(?:in\s+)?(?:appointment\s+)?at\s+(\d{1,2})\s*(?:weeks?|wks?)\b", re.I)
CHILD_COMMA = re.compile(r"\b(?:boy|girl|child|son|daughter|young person|yp)\s*,\s*(\d{1,2})\s*[,.;]", re.I)
IS_AGE = re.compile(
    r"\b(?:is|who's|who is|turned|just turned|he's|she's)\s+(\d{1,2})\b(?!\s*(?:weeks?|months?|days?|%|times|"
    r"minutes|hours|[ap]m\b|o'clock|th\b|st\b|nd\b|rd\b|/|:\d|\.\d))",
    re.I,
)
