"""The frames of a typed answer: what it says beside its words (knowledge/language/answers.yml
`frames`), read the same way at every question: two children at once, an answer that says nothing
is there, doubt in so many words, a fine answer that goes on "but ...", a worry over now. Split from
bot/lang/answer_words.py (the lexicon and the phrase matchers), which it reads with."""

from __future__ import annotations

import re

from bot.lang.answer_words import Reading, _clean, hedged, lexicon
from bot.lang.nlp import as_list


def _frames_words() -> dict:
    return lexicon().get("frames") or {}


def _has(t: str, phrases) -> list[str]:
    """The phrases of a list found in a cleaned text, as whole words."""
    padded = f" {t} "
    return [p for p in (_clean(str(x)) for x in as_list(phrases)) if p and f" {p} " in padded]


def two_children(text: str, question=None) -> bool:
    """An answer about two children at once ("the older one, not the younger", "a 4yo and a 9yo"):
    the check is about one child, so it is asked again."""
    fw = _frames_words()
    t = _clean(text)
    if question is not None and question.kind == "age":
        # at the age question, two different ages are two children ("twins aged 2" is one age);
        # a time said with "at" is when something happened ("first scan was at 20 weeks")
        from bot.lang.age import LIKE_AN_AGE, YEARS_MONTHS, parse_age

        # (nor is an age the child is compared with: "she's 10 but plays like a 4 year old")
        text = LIKE_AN_AGE.sub(" ", AT_A_TIME.sub(" ", text.lower()))
        one = YEARS_MONTHS.sub(" ", text)  # "2yrs 4 months" is one age
        ages = {parse_age(m.group(0)) for m in AGE_IN_ANSWER.finditer(one)}
        ages |= {parse_age(m.group(0)) for m in YEARS_MONTHS.finditer(text.lower())}
        # ("the toddler is 20 months and his sister is 9": a bare number said of someone is an age too)
        ages |= {parse_age(f"{m.group(1)} years") for m in SAID_OF.finditer(one)}
        bands = {a.months for a in ages if a is not None and a.months is not None}
        if len(bands) >= 2:
            return True
        # ("two kids, 3 and 8": two children said in words; twins are one age)
        same = {_clean(str(w)) for w in as_list(fw.get("same_age"))}
        return bool(set(_has(t, fw.get("two_children"))) - same)
    said = set(_has(t, fw.get("two_children")))
    if question is not None and question.id.partition("__")[0] in as_list(fw.get("any_of_questions")):
        # at a question about a list ("Do any of these fit?"), "every one of them" is the list, not two children
        said = {p for p in said if " of " not in p}
    if said and not (said <= set(_has(t, fw.get("same_for_both"))) and not _has(t, fw.get("two_children_contrast"))):
        return True
    pointers = {p.replace("the ", "") for p in _has(t, fw.get("child_pointers"))}
    return len(pointers) >= 2


AT_A_TIME = re.compile(
    r"\b(?:at|from|by|since|until|till)\s+(?:about\s+|around\s+)?\d{1,2}\s*(?:weeks?|wks?|months?|mths?)\b"
)
SAID_OF = re.compile(
    r"\b(?:is|'s|aged)\s+(?:only\s+|just\s+|nearly\s+|about\s+|now\s+)?(\d{1,2})\b(?!\s*(?:%|[.:/]\d|x\b|"
    r"times|days?|weeks?|wks?|months?|mths?|mnths?|years?|yrs?|yo|y/o|am\b|pm\b|st\b|nd\b|rd\b|th\b))"
)
AGE_IN_ANSWER = re.compile(r"\b\d{1,2}\s*(?:yo|y/o|yrs?|years?(?: old)?|months?(?: old)?|mths?|weeks?)\b")


def empty_answer(text: str) -> bool:
    """An answer that says nothing is there, in more words than a button ("nah nothing",
    "nothing i know of", "none as far as i'm aware")."""
    fw = _frames_words()
    toks = _clean(text).split()
    empty = {_clean(str(w)) for w in as_list(fw.get("empty"))}
    needs = {_clean(str(w)) for w in as_list(fw.get("empty_needs"))}
    return bool(toks) and all(w in empty for w in toks) and bool(set(toks) & needs)


def doubt(text: str) -> bool:
    """Doubt said in so many words (answers.yml openings.unsure, without frames.doubt_not)."""
    fw = _frames_words()
    weak = {_clean(str(w)) for w in as_list(fw.get("doubt_not"))}
    openings = lexicon().get("openings") or {}
    phrases = [p for p in as_list(openings.get("unsure")) if _clean(str(p)) not in weak]
    t = _clean(text)
    # a whole answer that is a yes or no phrase holds no doubt ("can't say i have" is no)
    plain = {_clean(str(p)).replace("'", "") for v in ("yes", "no") for p in as_list(openings.get(v))}
    return t.replace("'", "") not in plain and bool(_has(t, phrases))


def fine_but(text: str, evidence: str) -> bool:
    """A fine answer (its words, `evidence`, before the contrast) that goes on "but ..." with
    more to say ("not that i know of but school querying ADHD"): asked, never stored. A no said
    after the "but" is the answer ("accepted the referral but never went")."""
    fw = _frames_words()
    t = f" {_clean(text)} "
    cuts = [t.find(f" {c} ") for c in (_clean(str(w)) for w in as_list(fw.get("contrast"))) if c and f" {c} " in t]
    cut = min(cuts) if cuts else -1
    if cut <= 0:
        return False
    # (each piece of the evidence before it: "money is ok since mum got work, but ...")
    said = [_clean(e) for e in evidence.split(",") if _clean(e)] or [t.split()[0]]
    return all(f" {s} " in t[: cut + 1] for s in said) and len(t[cut:].split()) > 2


def but_value(question, text: str, value: str, fine: set, read) -> str:
    """What a fine answer that goes on "but ..." (fine_but) is offered back as: not sure at a yes-or-no
    question; at a choice question, the worry the words after the contrast read as alone ("money is ok
    since mum got work, but the landlord is evicting them": struggling), else the fine answer itself.
    `read` reads the words after the contrast."""
    values = [o.value for o in question.options]
    if question.kind == "yes_no":
        return "unsure" if "unsure" in values else value
    words = [_clean(str(w)) for w in as_list(_frames_words().get("contrast"))]
    t = f" {_clean(text)} "
    cuts = [(t.find(f" {c} "), c) for c in words if c and f" {c} " in t]
    if not cuts:
        return value
    at, word = min(cuts)
    rest = read(t[at + len(word) + 2 :])
    worry = rest is not None and rest.status in ("sure", "ask") and rest.value not in fine | {"unsure", ""}
    return rest.value if worry and rest.value in values and "," not in rest.value else value


def over_now(text: str, base: str) -> bool:
    """A worry told in the past and over now, at a question about the present ("was last year,
    not now"; "missed appts last year, all attended now"). The past is read by the clause and
    time reading of bot/lang/danger_frames.py: some frame clause is in the past, and a later one
    says it is over (answers.yml frames.over_now)."""
    fw = _frames_words()
    if base not in {str(q) for q in as_list(fw.get("present_questions"))}:
        return False
    over = [_clean(str(w)) for w in as_list(fw.get("over_now"))]
    t = _clean(text)
    if not any(f" {w} " in f" {t} " for w in over if w):
        return False
    from bot.lang.danger import _read, _rules

    doc, _s, _c, ctx, frames = _read(text, _rules())
    past = [i for i in range(len(doc)) if frames.times(i) & {"past", "told_past"}]
    if not past and not ctx.get("historic"):
        return False
    first_past = min([i for i in past] + [a for a, _b in ctx.get("historic", [])])
    for i in range(first_past + 1, len(doc)):
        if frames.clause[i] == frames.clause[first_past]:
            continue
        rest = _clean(doc[frames.bounds(i)[0] :].text)
        return any(f" {w} " in f" {rest} " for w in over if w)
    return False


def all_but(question, text: str, read) -> Reading | None:
    """At a question of several answers, "all of them except LD", "everything apart from drugs"
    (answers.yml frames.all_words, all_but): every answer but those the words after the exception
    name (`read` reads them), offered back; None when the answer is not said that way."""
    if question.kind != "multi":
        return None
    fw = _frames_words()
    alls = "|".join(re.escape(_clean(str(w))) for w in as_list(fw.get("all_words")))
    buts = "|".join(re.escape(_clean(str(w))) for w in as_list(fw.get("all_but")))
    m = re.match(rf"^\s*(?:{alls})\s*,?\s*(?:{buts})\s+(.+)$", _clean(text)) if alls and buts else None
    out = read(m.group(1)) if m else None
    if out is None or out.status != "sure" or not out.value:
        return None
    keep = ",".join(o.value for o in question.options if not o.exclusive and o.value not in out.value.split(","))
    return Reading("ask", keep, text, (keep,)) if keep else None


# a child pointed to by their age ("the 3 yr old", "her 9 year old", "the 4yo")
AGED_CHILD = re.compile(
    r"\b(?:the|his|her|their|my|our)\s+(\d{1,2})\s*-?\s*(?:(?:yrs?|years?|months?|mths?)\s*-?\s*old|y/o|yo)\b", re.I
)


def about_two_children(text: str, question=None) -> bool:
    """An answer about two children ("the 3 yr old is fine but the baby is losing weight"): the
    words for two children, two children pointed to (answers.yml frames), or a child pointed to by
    age beside another child."""
    if two_children(text, question):
        return True
    aged = {m.group(1) for m in AGED_CHILD.finditer(text)}
    if not aged:
        return False
    t = _clean(text)
    pointers = len(aged) + len(_has(t, _frames_words().get("child_pointers")))
    # two children set against each other ("... is fine but ..."), not a sibling named in passing
    return pointers >= 2 and bool(_has(t, _frames_words().get("two_children_contrast")))


def of_the_list(question, text: str, reading) -> Reading | None:
    """At a question that asks whether any of a list fits ("Do any of these fit?"; answers.yml frames
    any_of_questions), the answer by the question's own words, stored: one that opens on none of the
    list ("none of those apply") is no; one that says some of the list fit ("some of them, yes",
    "all four") and reads as nothing else, unhedged, is yes. Else None (read as at any question)."""
    fw = _frames_words()
    if question.kind != "yes_no" or question.id.partition("__")[0] not in as_list(fw.get("any_of_questions")):
        return None
    t = _clean(text)
    values = [o.value for o in question.options]
    if hedged(t):  # "none of those i think", "some of them maybe": asked as at any question
        return None
    if any(t == p or t.startswith(p + " ") for p in (_clean(str(x)) for x in as_list(fw.get("none_of_them")))):
        return Reading("sure", "no", text, ("no", *[v for v in values if v != "no"]))
    if (
        _has(t, fw.get("some_of_them"))
        and reading is not None
        and reading.status != "sure"
        and reading.value in ("", "yes")
    ):
        return Reading("sure", "yes", text, ("yes", *[v for v in values if v != "yes"]))
    return None


def per_carer(question, text: str, reading, today, read) -> Reading | None:
    """At a question about the family's response (answers.yml frames per_carer_questions), an answer
    stored whose parts name two different carers ("dad's engaging well, mum is refusing everything")
    and read differently, or one of them as nothing: offered back, never stored. Else None. `read`
    reads a part as bot.lang.answers._read does."""
    fw = _frames_words()
    if reading is None or reading.status != "sure" or question.id not in as_list(fw.get("per_carer_questions")):
        return None
    carers = {_clean(str(w)) for w in as_list(fw.get("carers"))}
    parts = [p for p in CARER_BREAK.split(text) if p and p.strip()]
    said = [(w, p) for p in parts for w in _clean(p).replace("'s", "").split()[:3] if w in carers][:3]
    if len({w for w, _ in said}) < 2:
        return None
    readings = [read(question, p, today, False, None) for _, p in said]
    if all(r is not None and r.status == "sure" and r.value == reading.value for r in readings):
        return None  # ("mum refuses, dad refuses too")
    values = [o.value for o in question.options]
    others = [r.value for r in readings if r is not None and r.value in values and r.value != reading.value]
    order = dict.fromkeys((reading.value, *others, *values))
    return Reading("ask", reading.value, reading.evidence, tuple(order)[:4], reading.harm, reading.hits)


CARER_BREAK = re.compile(r"[,;.]|\s[-\u2013\u2014]\s|\b(?:but|whereas|while|whilst|although|though|however)\b", re.I)


# a no, then the practitioner speaking of themselves ("no, I am the lead", "nope i'm the safeguarding lead")
LEAD_NO = re.compile(
    r"(?i)^\s*(?:no|nope|nah)\b[\s,.!:;\-\u2013\u2014]*(?=(?:i|i'm|im|i am|i've|ive|we|we're|we've)\b)"
)


def yes_after_no(question, text: str, reading, read) -> Reading | None:
    """A yes-or-no answer stored as no on its opening "no" whose words after it, the practitioner
    speaking of themselves, read alone as a sure yes at the question ("no, I am the lead": the no
    corrects who the question supposes, the rest says the lead knows): yes offered back, never
    stored either way. `read` reads the words after the no."""
    if reading is None or reading.status != "sure" or reading.value != "no" or question.kind != "yes_no":
        return None
    m = LEAD_NO.match(text)
    if m is None or "yes" not in {o.value for o in question.options}:
        return None
    rest = read(text[m.end() :])
    if rest is None or rest.status != "sure" or rest.value != "yes":
        return None
    values = [o.value for o in question.options]
    return Reading("ask", "yes", rest.evidence, ("yes", *[v for v in values if v != "yes"])[:4], rest.harm, rest.hits)


def in_part(question, text: str, reading: Reading) -> Reading:
    """A sure reading of an answer in part ("some of it", "not so much"), or of an answer that names
    another question's subject and not this one's yes or no (frames.said_of_another: "some impact",
    "no clear impact" typed at "Have you seen signs?"): offered back, never stored."""
    t = _clean(text)
    if _has(t, _frames_words().get("partly")) or _of_another(question, text, t):
        return Reading("ask", reading.value, reading.evidence, reading.candidates, reading.harm, reading.hits)
    return reading


def _of_another(question, text: str, t: str) -> bool:
    words = (_frames_words().get("said_of_another") or {}).get(question.id.partition("__")[0])
    if not words or not _has(t, words):
        return False
    openings = lexicon().get("openings") or {}
    if any(t == w or t.startswith(w + " ") for w in (_clean(str(x)) for x in as_list(openings.get("yes"))) if w):
        return False  # ("yes some impact": this question's yes)
    low = text.lower().strip()
    # (a no said apart, "no - nothing seen, no impact either", is this question's no; "no clear impact" is not)
    return not any(re.match(rf"{re.escape(str(w).lower())}\s*[,.;:!\-]", low) for w in as_list(openings.get("no")))
