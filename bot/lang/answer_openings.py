"""How an answer opens (bot/lang/answers.py reads an answer with these): a plain yes, no or
not-sure phrase as its first clause, an option's own word said first ("some, he's behind in
reading"), a fine answer that goes on "but ...", and the word lists these read
(knowledge/language/answers.yml `openings`, `option_first`, `hedges`; grammar.yml)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang import grammar
from bot.lang.answer_words import Reading, _clean, hedged, lexicon
from bot.lang.nlp import as_list, get_nlp, on_reset, segments


def _option_first(question, doc, clauses: list[int]) -> str | None:
    """The option an answer names as its whole first clause, before what it goes on to say
    ("some, he's behind in reading"): that word is the answer, the rest is evidence."""
    if question.kind not in ("yes_no", "choice") or not len(doc) or clauses[-1] == clauses[0]:
        return None  # (a multi answer names several: "domestic violence, drugs and depression")
    end = next(tok.i for tok in doc if clauses[tok.i] != clauses[0])
    first = _clean(doc[:end].text)
    if not first or hedged(first):
        return None
    words = {_clean(str(w)) for w in as_list((lexicon().get("option_first") or {}).get("never"))}
    if first in words:
        return None
    found = {
        o.value
        for o in question.options
        if first in {_clean(o.label), _clean(o.value.replace("_", " ")), *(_clean(w) for w in o.words)}
    }
    return next(iter(found)) if len(found) == 1 else None


def fine_first(question, text: str, reading: Reading, fine: set) -> bool:
    """The words before a "but" read as the question's no, the whole as a worry."""
    words = [_clean(str(w)) for w in as_list((lexicon().get("frames") or {}).get("contrast"))]
    t = f" {_clean(text)} "
    cuts = [t.find(f" {c} ") for c in words if c and f" {c} " in t]
    if not cuts or min(cuts) <= 0:
        return False
    left = _opening_value(question, t[: min(cuts)].strip())
    return left in fine and left != reading.value


def _opening_value(question, words: str) -> str | None:
    doc = get_nlp()(words)
    return _opening(doc, segments(doc)[1], [o.value for o in question.options])


def says_no(text: str) -> bool:
    """The answer opens with a plain no ("not that i can see, she seems happy enough")."""
    doc = get_nlp()(text)
    return _opening(doc, segments(doc)[1], ["no"]) == "no"


def _negators() -> frozenset:
    from bot.lang.answer_words import _scope

    return _scope()[0]


@lru_cache(maxsize=1)
def _longer() -> frozenset:
    """More-than words said of a length of time (answers.yml duration_more_than)."""
    return frozenset(_clean(str(w)) for w in as_list(lexicon().get("duration_more_than")))


@lru_cache(maxsize=1)
def _multiword_hedges() -> tuple[str, ...]:
    """The hedges of more than one word, found in the typed words as they are (a parse splits
    "cant" in two, so the hedge reading of the parsed words misses "cant decide")."""
    return tuple(h for h in (_clean(str(x)) for x in as_list(lexicon().get("hedges"))) if len(h.split()) > 1)


@lru_cache(maxsize=1)
def _lone_words() -> frozenset:
    words = set(grammar.words("lone_words"))
    for phrases in (lexicon().get("openings") or {}).values():
        words.update(_clean(str(p)) for p in as_list(phrases) if len(_clean(str(p)).split()) == 1)
    return frozenset(words)


def _unmarked(word: str) -> str:
    """A shortcut typed without its apostrophe as its first word ("theyre" -> "they")."""
    return str((lexicon().get("unmarked_shortcuts") or {}).get(word, word))


def _opening(doc, clauses: list[int], values: list[str]) -> str | None:
    """The value an answer's first clause decides ("not really, ..." is no), when it is a
    plain yes, no or not-sure phrase and the question has that option."""
    if not len(doc):
        return None
    end = next((tok.i for tok in doc if clauses[tok.i] != clauses[0]), len(doc))
    first = _we_as_i(_clean(doc[:end].text))
    whole = _we_as_i(_clean(doc.text))
    toks = whole.split()
    if len(toks) > 1:  # "yes she is out till late", "no, she's fine" (not "no breakfast most days")
        lead = None
        if toks[0] in grammar.words("lead_yes"):
            lead = "yes"
        elif (
            toks[0] in grammar.words("lead_no")
            and (
                _unmarked(toks[1]).split("'")[0] in grammar.words("lead_no_next")  # ("no they're ...", "no theyre")
                or first in grammar.words("lead_no")
                or _reassured(" ".join(toks[1:]))
            )
        ):
            lead = "no"  # "no, she's fine"; "no attendance is fine", "no hes up to date with jabs"
        if lead in values:
            return lead
    bare, bare_whole = _plain(first.replace("'", "")), _plain(whole.replace("'", ""))
    for value, phrases in _opening_phrases():
        target = (
            value
            if value in values
            else ("none" if value == "no" and "none" in values and "yes" not in values else None)
        )
        if target is None:
            continue
        for ph in phrases:
            if (
                bare == ph
                or bare_whole == ph
                or (
                    bare.startswith(ph + " ")
                    and bare.split()[-1] in grammar.words("loose_endings")
                    # ("he has no words yet" is no "he has": a negation after the phrase is its own)
                    and not set(bare[len(ph) :].split()) & _negators()
                )
            ):
                return target
    return None


@lru_cache(maxsize=1)
def _opening_phrases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(value, its opening phrases as _opening compares them), in answers.yml order: "i dont
    think so", "cant tell" as "i don't think so" (made once, not for each answer read)."""
    return tuple(
        (str(value), tuple(_plain(_clean(str(ph)).replace("'", "")) for ph in as_list(phrases)))
        for value, phrases in (lexicon().get("openings") or {}).items()
    )


@lru_cache(maxsize=1)
def _intensified():
    """The pattern of a "not" strengthened by answers.yml intensifiers, or None (compiled once)."""
    strong = "|".join(re.escape(_clean(str(w))) for w in as_list(lexicon().get("intensifiers")) if _clean(str(w)))
    return re.compile(rf"\bnot (?:(?:{strong}) )+") if strong else None


def _plain(words: str) -> str:
    """An answer without the words that only strengthen a "not" ("not really sure", "not 100% sure",
    "not entirely certain" read as "not sure"; answers.yml intensifiers)."""
    pattern = _intensified()
    return pattern.sub("not ", words) if pattern is not None else words


def _reassured(rest: str) -> bool:
    """What follows a leading "no" says all is well and nothing is missing (account.reassuring_words)."""
    calm = [_clean(str(w)) for w in as_list((lexicon().get("account") or {}).get("reassuring_words"))]
    padded = f" {rest} "
    neg = grammar.words("reassurance_breakers")
    return any(c and f" {c} " in padded for c in calm) and not (set(rest.split()) & neg)


def _we_as_i(words: str) -> str:
    """ "not that we know of" is said as "not that i know of" (the opening phrases are in the first person singular)."""
    return re.sub(r"\bwe've\b", "i've", re.sub(r"\bwe're\b", "i'm", re.sub(r"\bwe\b", "i", words)))


on_reset(_lone_words.cache_clear)
on_reset(_opening_phrases.cache_clear)
on_reset(_intensified.cache_clear)
on_reset(_multiword_hedges.cache_clear)
on_reset(_longer.cache_clear)


def corrected(text: str) -> tuple[str, str | None] | None:
    """A self-correction ("yes - sorry no, that was the family before", "8 months - sorry, 18
    months", "no - sorry yes, I mentioned it"): (the words after the last correction, the yes or no
    the correction opens with, if any), or None. What was said before it is taken back; an aside
    that says what the taken-back words were about ("that was last year", "I was thinking of the
    foster carer") is dropped too. answers.yml frames: corrections, correction_asides."""
    fw = lexicon().get("frames") or {}
    marks = sorted((str(m).lower() for m in as_list(fw.get("corrections"))), key=len, reverse=True)
    if not marks:
        return None
    low = text.lower()
    alt = "|".join(re.escape(m) for m in marks)
    # a marker after some words of answer and a break (dash, comma, full stop), never at the start
    found = list(re.finditer(rf"(?<=\w)[\s.]*[-–—,.;:]+\s*({alt})\b[\s,.\-–—:;]*", low))
    if not found:
        return None
    rest = text[found[-1].end() :].strip()
    last = found[-1].group(1).split()[-1]
    said = {"no": "no", "yes": "yes"}.get(last)
    if not rest and said is None:
        return None
    first = None if said else re.match(r"(?i)(yes|yeah|yep|no|nope|nah)\b[\s,.\-–—:;!]*", rest)
    if first:
        said = "no" if first.group(1).lower() in {str(w) for w in as_list(fw.get("correction_no"))} else "yes"
        rest = rest[first.end() :].strip()
    asides = [str(a).lower() for a in as_list(fw.get("correction_asides"))]
    pieces = [p for p in re.split(r"(?<=[,.;])\s+", rest) if p.strip()]
    while len(pieces) > 1 and any(_clean(pieces[0]).startswith(_clean(a)) for a in asides):
        pieces = pieces[1:]
    if pieces and any(_clean(pieces[0]).startswith(_clean(a)) for a in asides):
        pieces = []
    return " ".join(pieces).strip(), said


def cut_short(text: str) -> str:
    """An answer whose first word is a yes, no or not-sure word cut short ("ye", "def",
    "def, we did a walk and talk"): that word written out, when it begins the one-word
    openings of one answer only (answers.yml openings) and is no opening itself."""
    m = re.match(r"\s*([A-Za-z]{2,4})\b(?=\s*(?:[,.;!\-–—]|$))", text)
    if not m:
        return text
    word = m.group(1).lower()
    openings = lexicon().get("openings") or {}
    singles = {
        v: [_clean(str(p)) for p in as_list(ps) if len(_clean(str(p)).split()) == 1] for v, ps in openings.items()
    }
    if any(word in ws for ws in singles.values()):
        return text
    whose = {v: [w for w in ws if w.startswith(word) and len(w) > len(word)] for v, ws in singles.items()}
    whose = {v: ws for v, ws in whose.items() if ws}
    if len(whose) != 1:
        return text
    full = next(iter(whose.values()))[0]  # the first written out in answers.yml ("def": definitely, not defo)
    return text[: m.start(1)] + full + text[m.end(1) :]


def without_filler(text: str) -> str:
    """The answer without a polite filler it opens with ("honestly can't tell", "tbh, no",
    "well, some"): answers.yml frames.fillers (always) and fillers_before_a_break (only before a
    comma, dash or question mark: "well fed" keeps its "well")."""
    fw = lexicon().get("frames") or {}
    always = sorted((str(w).lower() for w in as_list(fw.get("fillers"))), key=len, reverse=True)
    broken = sorted((str(w).lower() for w in as_list(fw.get("fillers_before_a_break"))), key=len, reverse=True)
    rest = text
    role = _role_opening()
    for _ in range(3):  # "honestly? tbh, ..."
        low = rest.lower()
        m = role.match(low) if role is not None else None
        if (m is None or m.end() == 0) and always:
            m = re.match(rf"\s*(?:{'|'.join(re.escape(w) for w in always)})\b[\s,.?!:;\-–—]*", low)
        if (m is None or m.end() == 0) and broken:
            m = re.match(rf"\s*(?:{'|'.join(re.escape(w) for w in broken)})\s*[,?!:;\-–—.]+\s*", low)
        if m is None or m.end() >= len(rest.strip()) or m.end() == 0:
            break
        rest = rest[m.end() :]
    return rest.strip() if rest is not text else text


@lru_cache(maxsize=1)
def _role_opening() -> re.Pattern | None:
    """The practitioner's role said before an answer ("as her team manager", "HV here"; answers.yml
    frames.roles and role_determiners), with the break after it."""
    fw = lexicon().get("frames") or {}
    roles = sorted((re.escape(str(w).lower()) for w in as_list(fw.get("roles"))), key=len, reverse=True)
    dets = "|".join(re.escape(str(w).lower()) for w in as_list(fw.get("role_determiners")))
    if not roles or not dets:
        return None
    r = "|".join(roles)
    # (followed by a break or by the speaker: "as the SW said, ..." keeps its words)
    return re.compile(
        rf"\s*(?:as\s+(?:{dets})\s+(?:{r})|(?:{r})\s+here)(?:\s*[,.?!:;\-–—]+\s*|\s+(?=i\b|i'|so\b|we\b))"
    )


on_reset(_role_opening.cache_clear)


def _has_words(text: str, phrases) -> bool:
    padded = f" {_clean(text)} "
    return any(f" {_clean(str(p))} " in padded for p in as_list(phrases))


def asks(text: str) -> str | None:
    """An answer that asks rather than tells: "question" when it is a practice question and holds
    nothing of an answer ("what do you mean by disguised compliance?", "what counts as mental health
    here - she is just very stressed": it opens like a question, bot/lang/questions.py, and ends
    with "?" or opens with a question word); "query" when it asks about its own words ("some? maybe
    serious? ...", "... - is that comes and goes?"), which are offered back, never stored."""
    from bot.lang.questions import _rules, _words, has_answer_content, opens_like_a_question

    said = text.strip()
    ranges = (lexicon().get("frames") or {}).get("range_words")
    if "?" not in said and _has_words(said, ranges) and not re.search(r"\bbetween\s+(?:about\s+)?\d", said.lower()):
        # (S21-LK14) "somewhere between some and serious" (a range of numbers is a length's or an age's frame)
        return "query"
    if "?" not in said and not (_words(said)[:1] and _words(said)[0] in _rules()["question_words"]):
        return None
    ends = "?" not in said or not said.rsplit("?", 1)[1].strip()  # ("how old? 4" answers after it)
    if ends and opens_like_a_question(said) and not has_answer_content(said):
        return "question"
    return "query" if "?" in said else None


# "Label: value" at the start of an answer or of a line or part of it ("Previous involvement: none
# known", "Concerns: ..."); not a time ("at 10:30")
FIELD = re.compile(r"(?:^|(?<=[\n;.]))\s*([A-Za-z][A-Za-z0-9 /&'\u2019()+-]{0,40}?)\s*:(?!\d)\s*")
NEGATED_LABEL = re.compile(r"n['\u2019]t\b|\b(?:not|never|nothing|havent|hasnt|didnt|dont|doesnt|wont|cant|isnt)\b")


def form_field(question, text: str) -> str | None:
    """An answer given as a form's field ("Previous involvement: none known", "Concerns: weight
    dropping"): the value, read for the question its label names. One field is read by its
    value; of several, those whose label names this question (its id, its words, or answers.yml
    `form_labels`); None when there is no field or no label names the question. A label is at
    most five words and no answer itself ("all of it tbh: drink, DV" is an answer, then a list)."""
    marks = list(FIELD.finditer(text))
    if not marks:
        return None
    fields: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        label, value = _clean(m.group(1)), text[m.end() : end].strip(" ;.\n")
        # (a label names a topic: words with a negation are an answer, "we haven't offered anything yet: ...")
        if not label or len(label.split()) > 5 or _an_answer(label) or NEGATED_LABEL.search(label):
            return None
        fields.append((label, value))
    if len(fields) == 1:
        return fields[0][1] or None
    names = _question_names(question)
    mine = [v for label, v in fields if v and set(label.split()) & names]
    return "; ".join(mine) if mine else None


def _an_answer(label: str) -> bool:
    """Words before a colon that are an answer, not a label ("all of it tbh", "yes", "not sure")."""
    fw = lexicon().get("frames") or {}
    fill = {_clean(str(w)) for w in as_list(fw.get("fillers")) + as_list(fw.get("fillers_before_a_break"))}
    words = " ".join(w for w in label.split() if w not in fill)
    said = {_plain(_clean(str(p))) for ps in (lexicon().get("openings") or {}).values() for p in as_list(ps)}
    return not words or words in said or _plain(words) in said


def _question_names(question) -> set[str]:
    """The words that name a question in a form's label: its id, its own words, answers.yml form_labels."""
    base = question.id.partition("__")[0]
    stop = {_clean(str(w)) for w in as_list(lexicon().get("form_label_stop"))}
    words = set(base.split("_")) | set(_clean(question.text).split())
    if question.neglect_type is not None:
        words |= set(_clean(question.neglect_type.name).split())
    labels = (lexicon().get("form_labels") or {}).get(base)
    words |= {w for x in as_list(labels) for w in _clean(str(x)).split()}
    return {w for w in words if w not in stop and len(w) > 1}
