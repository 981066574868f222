"""Answers said aloud and typed by voice-to-text (S20-LK13, issue 19): no punctuation, an opener
before the answer ("so no things have changed", "um so yes"), hesitations ("in reception um four or
five"), numbers as words ("thirty four weeks", "twenty one months"), a value said and corrected in
the same breath ("no well actually yes", "ten no nine", "struggling no actually they're managing")
and a point on the scale then and now ("it was a two last time now it's a four").

spoken() gives the words the reader reads (bot/lang/answers.py read_answer reads them as it reads a
typed answer); the words live in knowledge/language/answers.yml frames.spoken. A correction with a
break before it ("yes - sorry no, ...") is bot/lang/answer_openings.py corrected()'s."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.answer_words import lexicon
from bot.lang.nlp import as_list, on_reset

NUMBER_KINDS = ("age", "scale", "duration")
UNITS = r"days?|weeks?|wks?|months?|mths?|years?|yrs?|terms?|y/?o"


def _spoken() -> dict:
    return (lexicon().get("frames") or {}).get("spoken") or {}


def _alt(words) -> str:
    return "|".join(re.escape(str(w).lower()) for w in sorted(as_list(words), key=lambda w: len(str(w)), reverse=True))


def _words(key: str) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in as_list(_spoken().get(key)))


def _tens() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in (_spoken().get("tens") or {}).items()}


@lru_cache(maxsize=1)
def _units() -> dict[str, int]:
    """Number words to their values: answers.yml numbers (but the ones that answer no count), teens and tens."""
    skip = set(_words("not_numbers"))
    nums = {str(k): int(v) for k, v in (lexicon().get("numbers") or {}).items() if k not in skip}
    teens = {str(k).lower(): int(v) for k, v in (_spoken().get("teens") or {}).items()}
    return {**nums, **teens, **_tens()}


def in_digits(text: str) -> str:
    """Number words the readers leave as words, as digits: a compound ("thirty four weeks" -> "34
    weeks", "twenty-one months" -> "21 months"), a number before a unit of time ("ten weeks") and a
    school year ("year ten" -> "year 10"). Other number words stay ("there's two": two children)."""
    units = _units()
    ones = "|".join(w for w, v in units.items() if 1 <= v <= 9)
    tens_of = _tens()
    tens = "|".join(tens_of)

    def compound(m: re.Match) -> str:
        return str(tens_of[m.group(1).lower()] + units[m.group(2).lower()])

    text = re.sub(rf"(?i)\b({tens})[\s-]+({ones})\b", compound, text)
    words = "|".join(sorted(units, key=len, reverse=True))
    text = re.sub(rf"(?i)\b({words})(?=\s+(?:{UNITS})\b)", lambda m: str(units[m.group(1).lower()]), text)
    return re.sub(rf"(?i)\b(year|yr)\s+({words})\b", lambda m: f"{m.group(1)} {units[m.group(2).lower()]}", text)


def _without_opener(text: str) -> str:
    sw = _spoken()
    hes = _alt(sw.get("hesitations"))
    if hes:  # "he's in reception um four or five": the hesitation dropped
        text = re.sub(rf"(?i)(?:^|(?<=\s))(?:{hes})(?:\s+|$)", "", text).strip()
    openers, keeps = _alt(sw.get("openers")), _alt(sw.get("opener_keeps"))
    if not openers:
        return text
    keep = rf"(?!(?:{keeps})\b)" if keeps else ""
    m = re.match(rf"(?i)\s*(?:{openers})\s+{keep}(?=\w)", text)
    return text[m.end() :] if m and m.end() < len(text) else text


def _last_said(question, text: str) -> str:
    """The words from the value said last, when a value is corrected in the same breath; else the text."""
    sw = _spoken()
    marks = _alt(sw.get("corrections"))
    head = int(sw.get("head_words") or 4)
    low = text.lower()
    yes_words = _words("yes_words")
    yes, no, qual = "|".join(yes_words), "|".join(_words("no_words")), "|".join(_words("qualifiers"))
    if question.kind in ("yes_no", "choice") and marks:  # "no well actually yes", "no well mostly yes"
        flip = rf"\s*(?:(?P<y>{yes})|{no})\s+(?:(?:{marks})\s+)+(?P<rest>(?:(?:{qual})\s+)?(?P<z>{yes}|{no})\b.*)"
        m = re.match(flip, low)
        if m and (m.group("y") is None) == (m.group("z") in yes_words):
            return text[m.start("rest") :]
    if question.kind in NUMBER_KINDS:  # "ten no nine", "two no actually three", "19 months no wait 21 months"
        num = rf"(?:\d{{1,2}}|{'|'.join(sorted(_units(), key=len, reverse=True))})"
        nmarks = "|".join(x for x in (marks, _alt(sw.get("number_corrections"))) if x)
        m = re.match(
            rf"\s*(?:[\w']+\s+){{0,{head - 1}}}?(?:a\s+)?{num}(?:\s+(?:{UNITS}))?\s+"
            rf"(?:(?:{nmarks})\s+)+(?P<rest>(?:about\s+|around\s+|maybe\s+|a\s+|it's\s+)?{num}\b.*)",
            low,
        )
        if m:
            return text[m.start("rest") :]
    choice = _alt(sw.get("choice_corrections"))
    if question.kind in ("choice", "multi") and choice:  # "they're struggling no actually they're managing now"
        m = re.match(rf"\s*(?:[\w']+\s+){{1,{head}}}?(?:{choice})\s+(?P<rest>\w.*)", low)
        if m and not re.search(r"[,.;:!?\-–—]", low[: m.start("rest")]):
            return _value_first(question, text[m.start("rest") :])
    return text


def _value_first(question, rest: str) -> str:
    """The corrected words from the option they name in their first three words, with a break
    after it ("they're managing now the benefits ..." -> "managing, now the benefits ...")."""
    names = {o.label.lower() for o in question.options} | {o.value.replace("_", " ") for o in question.options}
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    m = re.match(rf"(?i)\s*(?:[\w']+\s+){{0,2}}?(?P<v>{alt})\b(?!\s*[,.;:!?])", rest) if alt else None
    return f"{rest[m.start('v') : m.end('v')]},{rest[m.end('v') :]}" if m else rest


def _opening_break(text: str) -> str:
    """A yes, no or not-sure opening said straight into a clause of its own ("no things have
    genuinely changed", "i don't know the file only goes back ..."): a comma after the opening."""
    sw = _spoken()
    openings, openers = _alt(sw.get("openings")), _alt(sw.get("clause_openers"))
    hedge = _alt(sw.get("not_a_clause"))
    then = rf"(?=\s+(?:{openers})\b)" + (rf"(?!\s+(?:{hedge})\b)" if hedge else "")
    m = re.match(rf"(?i)\s*(?:{openings}){then}", text) if openings and openers else None
    return f"{text[: m.end()]},{text[m.end() :]}" if m else text


def _now_point(text: str) -> str:
    """A point on the scale then and now ("it was a two last time now it's a four"): the words from now."""
    then = _alt(_spoken().get("then"))
    low = text.lower()
    num = rf"(?:\d{{1,2}}|{'|'.join(sorted(_units(), key=len, reverse=True))})"
    m = re.search(rf"\b(?:{then})\b.*?\b{num}\b.*?\bnow\b(?P<rest>.*\b{num}\b.*)", low) if then else None
    return text[m.start("rest") :].strip() if m else text


def _standard(text: str) -> str:
    """Dialect words for nothing and anything as the standard words ("nowt like that" -> "nothing like
    that"; answers.yml frames.spoken.dialect), keeping the text as it is when there are none."""
    words = {str(k).lower(): str(v) for k, v in (_spoken().get("dialect") or {}).items()}
    if not words:
        return text
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.sub(rf"(?i)(?<![\w'])(?:{alt})(?![\w'])", lambda m: words[m.group(0).lower()], text)


def spoken(question, text: str) -> str:
    """The words the reader reads of an answer said aloud: without an opener or hesitation, numbers
    as digits at a question that reads a number, from the value said last when one is corrected in
    the same breath, and from "now" for a point on the scale said then and now. The same text when
    none of these is there (so reading it again changes nothing)."""
    if not text or not text.strip():
        return text
    said = _without_opener(_standard(text))
    if question.kind in NUMBER_KINDS:
        said = in_digits(said)
    said = _opening_break(_last_said(question, said))
    if question.kind == "scale":
        said = _now_point(said)
    return said if said.strip() else text


on_reset(_units.cache_clear)
