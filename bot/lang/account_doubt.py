"""Pre-fills left to be asked (bot/lang/account.py): an item whose words come only from sentences
about another time ("9 months ago when she was missing school"), another person ("the landlord
won't let them"), or a plan agreed without what came of it ("has agreed to everything") is not
filled in; the check asks it. A structural safeguard, whatever sign or answer words were read:
the words are account_words.yml account.doubt."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_whose import settings
from bot.lang.nlp import as_list, on_reset


def _words(key: str) -> list[str]:
    return [str(w).lower() for w in as_list((settings().get("doubt") or {}).get(key)) if str(w).strip()]


def _any_of(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])")


@lru_cache(maxsize=1)
def _rules() -> dict:
    units = "|".join(re.escape(w) for w in _words("time_units"))
    past = "|".join(re.escape(w) for w in _words("time_past"))
    ago = re.compile(rf"(?<![a-z0-9])(?:{units})\s+(?:{past})(?![a-z0-9])") if units and past else None
    kinds = (settings().get("doubt") or {}).get("kinds") or {}
    return {
        "time": _any_of(_words("another_time")),
        "ago": ago,
        "ongoing": _any_of(_words("ongoing")),
        "person": _any_of(_words("another_person")),
        "own_care": _any_of(_words("own_care")),
        "agreement": _any_of(_words("agreement")),
        "unsure": _any_of(_words("unsure")),
        "to_do": _any_of(_words("to_do")),
        "outcome": re.compile(
            "|".join(
                rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])" if w.replace(" ", "").isalpha() else re.escape(w)
                for w in _words("outcome")
            )
        )
        if _words("outcome")
        else None,
        "kinds": {k: {str(q) for q in as_list(v)} for k, v in kinds.items()},
    }


on_reset(_rules.cache_clear)


def sentences(text: str) -> list[str]:
    """The account cut where a sentence, a clause after a semicolon or a line ends."""
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def sentences_of(evidence: str, sents: list[str]) -> list[str]:
    """The sentences that hold the item's words (its evidence: clauses or words, joined by
    '; ' or ', ')."""
    pieces = [p.strip(" .;,'\"").lower() for p in re.split(r"; |, ", evidence)]
    out: list[str] = []
    for p in pieces:
        if not p:
            continue
        for s in sents:
            if p in s.lower() and s not in out:
                out.append(s)
    return out


def another_time(sentence: str) -> bool:
    r = _rules()
    s = sentence.lower()
    at = [m.start() for pat in (r["time"], r["ago"]) if pat is not None for m in [pat.search(s)] if m]
    if not at:
        return False
    return not (r["ongoing"] is not None and r["ongoing"].search(s[: min(at)]))


def another_person(sentence: str) -> bool:
    pat = _rules()["person"]
    return bool(pat is not None and pat.search(sentence.lower()))


def own_care(sentence: str) -> bool:
    pat = _rules()["own_care"]
    return bool(pat is not None and pat.search(sentence.lower()))


def agreement_only(sentence: str) -> bool:
    r = _rules()
    s = sentence.lower()
    return bool(r["agreement"] is not None and r["agreement"].search(s)) and not (
        r["outcome"] is not None and r["outcome"].search(s)
    )


# a line of a conversation typed out ("She said: does your lead know."): its words after the lead
_SAID_LEAD = re.compile(r"^\s*(?:[\w'\u2019]+\s+){1,3}(?:said|asked|says|asks)\s*:\s*", re.I)


def to_do(sentence: str) -> bool:
    """A step still to take ("asked her to discuss it with the safeguarding lead this week"), said
    without what came of it: who knows now is not said."""
    r = _rules()
    s = sentence.lower()
    return bool(r["to_do"] is not None and r["to_do"].search(s)) and not (
        r["outcome"] is not None and r["outcome"].search(s)
    )


def asked(sentence: str) -> bool:
    """A question put to the writer, as a question mark or a said-line opening on a question word
    ("She said: is mum unwell."): its words ask, they answer nothing."""
    s = sentence.strip()
    if s.endswith("?"):
        return True
    lead = _SAID_LEAD.match(s)
    first = re.match(r"[a-z']+", s[lead.end() :].lower()) if lead else None
    return bool(first and first.group(0) in _words("question_openers"))


def unsure(sentence: str) -> bool:
    pat = _rules()["unsure"]
    return bool(pat is not None and pat.search(sentence.lower()))


TESTS = (
    ("another_time", another_time),
    ("another_person", another_person),
    ("own_care", own_care),
    ("agreement", agreement_only),
    ("asked", asked),
    ("to_do", to_do),
    ("unsure", unsure),
)


def only_in_labels(evidence: str, text: str) -> bool:
    """Every word of the item is found only in a form's headings, before a line's colon
    ("Response to professionals: ..."): a heading names a topic, it answers nothing."""
    pieces = [p.strip(" .;,'\"").lower() for p in re.split(r"; |, ", evidence) if p.strip(" .;,'\"")]
    if not pieces:
        return False
    lines = [ln.lower() for ln in text.splitlines()]
    labels = [ln.split(":", 1)[0] for ln in lines if ":" in ln[:LABEL_MAX]]
    rests = [ln.split(":", 1)[1] if ":" in ln[:LABEL_MAX] else ln for ln in lines]
    return all(any(p in lb for lb in labels) and not any(p in r for r in rests) for p in pieces)


LABEL_MAX = 40  # a heading before a colon is this many characters at most

_QUOTE = re.compile(r'"[^"\n]{1,200}"|\u201c[^\u201d\n]{1,200}\u201d')


def only_quoted(evidence: str, text: str) -> bool:
    """Every word of the item is found only inside quotation marks: someone's words reported
    ('every review says "some improvement"', 'she told them "grandad shouts"'), not what the
    practitioner saw of how the parents respond."""
    pieces = [p.strip(" .;,'\"").lower() for p in re.split(r"; |, ", evidence) if p.strip(" .;,'\"")]
    low = text.lower()
    quoted = [m.group(0) for m in _QUOTE.finditer(low)]
    outside = _QUOTE.sub(" ", low)
    return bool(pieces and quoted) and all(any(p in q for q in quoted) and p not in outside for p in pieces)


def why_doubted(item, sents: list[str], text: str = "") -> str | None:
    """The rule (account.doubt.kinds) that leaves an item to be asked, or None: every sentence
    the item's words come from is doubted by some rule for its question."""
    if item.value == "no":  # said not to be a worry: never doubted
        return None
    kind = item.question_id.partition("__")[0]
    if text and kind in _rules()["kinds"].get("heading", set()) and only_in_labels(item.evidence, text):
        return "heading"
    if text and kind in _rules()["kinds"].get("quoted", set()) and only_quoted(item.evidence, text):
        return "quoted"
    held = sentences_of(item.evidence, sents)
    if not held:
        return None
    kinds = _rules()["kinds"]
    why = [next((n for n, test in TESTS if kind in kinds.get(n, set()) and test(s)), None) for s in held]
    return why[0] if all(why) else None


# a self-correction ("for about six months - actually no, nearly two years", "a girl of 13 - sorry,
# she turned 14", "a CIN plan - sorry, I mean early help"): the words before it, back to the start of
# their clause, are taken back by the writer and read as never said (account.corrections)
_CLAUSE_END = re.compile(r"[.!?;:,\n]|\s[-\u2013\u2014]\s")


@lru_cache(maxsize=1)
def _corrections() -> re.Pattern | None:
    said = (settings().get("corrections") or {}) if isinstance(settings().get("corrections"), dict) else {}
    anywhere = [str(w).lower() for w in as_list(said.get("anywhere")) if str(w).strip()]
    after_dash = [str(w).lower() for w in as_list(said.get("after_dash")) if str(w).strip()]
    alts = []
    if anywhere:
        words = "|".join(re.escape(w).replace(r"\ ", r",?\s+") for w in sorted(anywhere, key=len, reverse=True))
        alts.append(rf"(?:\s[-\u2013\u2014]\s*|,\s*|\s)(?:{words})(?![a-z0-9])")
    if after_dash:
        words = "|".join(re.escape(w) for w in sorted(after_dash, key=len, reverse=True))
        alts.append(rf"\s[-\u2013\u2014]\s*(?:{words})(?![a-z0-9])")
    return re.compile("|".join(alts), re.I) if alts else None


on_reset(_corrections.cache_clear)


def without_corrected(text: str) -> str:
    """The account without what its writer took back: from the start of the clause before a
    self-correction to the end of its words (a comma after them too)."""
    pat = _corrections()
    if pat is None:
        return text
    out, last = [], 0
    for m in pat.finditer(text):
        if m.start() < last:
            continue
        ends = [e.end() for e in _CLAUSE_END.finditer(text, last, m.start())]
        start = ends[-1] if ends else last
        end = m.end()
        end += len(re.match(r"\s*[,:]?", text[end:]).group(0))
        out.append(text[last:start] + " ")
        last = end
    return "".join(out) + text[last:] if out else text


def without_doubted(items: list, text: str) -> list:
    """The items no rule of account.doubt leaves to be asked."""
    sents = sentences(text)
    return [i for i in items if why_doubted(i, sents, text) is None]
