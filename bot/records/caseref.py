"""The case reference: the one value type for the pseudonymous label a practitioner chooses
for a case (never a name). Parsed when typed as an answer, normalised everywhere it is
looked up, and found in the words of a command ("resume ABC-12", "summary for abc - 12").

The grammar: parts of letters and digits joined by single characters from `separators`
(knowledge/language/commands.yml), 2 to `max_length` characters, at least one digit, and
not a date. The canonical form is upper case with no spaces. Whatever `parse` accepts and
echoes, `find` finds again after any command word, in any case, with or without spaces
around a separator (a dot needs a space before it to be told from a full stop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.lang.nlp import as_list, load_yaml, on_reset

DATE_RE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
SCALE_RE = re.compile(r"\d{1,2}(?:[-/]|TO)10", re.I)


@dataclass(frozen=True)
class Grammar:
    max_length: int
    separators: str
    cue_words: tuple[str, ...]
    trailing_words: tuple[str, ...]
    time_words: tuple[str, ...]
    leading_words: tuple[str, ...]
    joiner: str
    before_words: tuple[str, ...] = ()  # "the" in "resume the HLX-09 check": never a part
    after_words: tuple[str, ...] = ()  # "check" in "resume the HLX-09 check": never a part
    never_joined: tuple[str, ...] = ()  # "timeline" in "the HLX-09 timeline": another record's name

    @property
    def whole(self) -> re.Pattern:
        sep = re.escape(self.separators)
        return re.compile(rf"^[A-Z0-9]+(?:[{sep}][A-Z0-9]+)*$")

    @property
    def token(self) -> re.Pattern:
        sep = re.escape(self.separators)
        return re.compile(rf"(?<![A-Za-z0-9{sep}])[A-Za-z0-9]+(?:[{sep}][A-Za-z0-9]+)*")


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    data = load_yaml("commands.yml")["references"]
    return Grammar(
        int(data["max_length"]),
        str(data["separators"]),
        tuple(as_list(data["cue_words"])),
        tuple(as_list(data["trailing_words"])),
        tuple(as_list(data["time_words"])),
        tuple(as_list(data.get("leading_words"))),
        str(data.get("joiner", "-")),
        tuple(as_list((data.get("around_words") or {}).get("before"))),
        tuple(as_list((data.get("around_words") or {}).get("after"))),
        tuple(as_list(data.get("never_joined"))),
    )


on_reset(grammar.cache_clear)


@dataclass(frozen=True)
class ParsedRef:
    ok: bool
    value: str = ""
    problem: str = ""  # "format", "date" or "time" (a span of time or a count) when not ok


def _words_re(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def collapse(text: str) -> str:
    """Takes the spaces out around separators: 'abc - 12' -> 'abc-12', 'hv . 123' -> 'hv.123'
    ('abc. 12', a full stop and then a space, is left alone)."""
    g = grammar()
    others = re.escape(g.separators.replace(".", ""))
    text = re.sub(rf"(?<=[A-Za-z0-9])\s*([{others}])\s*(?=[A-Za-z0-9])", r"\1", text)
    if "." in g.separators:
        text = re.sub(r"(?<=[A-Za-z0-9])\s+\.\s*(?=[A-Za-z0-9])", ".", text)
    return text


def normalise(text: str) -> str:
    """The canonical spelling of a reference as stored and shown: upper case, no spaces
    around separators, no surrounding punctuation. It does not check the grammar."""
    g = grammar()
    ref = collapse(str(text or "").strip())
    ref = ref.strip(" \t\n'\"()[]{}<>,;:!?" + g.separators)
    return re.sub(r"\s+", g.joiner, ref).upper()


def is_reference(ref: str) -> bool:
    g = grammar()
    return (
        2 <= len(ref) <= g.max_length
        and bool(g.whole.match(ref))
        and any(ch.isdigit() for ch in ref)
        and not DATE_RE.fullmatch(ref)
    )


def parse(text: str) -> ParsedRef:
    """A reference typed as the answer to 'which case?': the whole message is the reference,
    perhaps after 'case' or 'it's'; spaces between its parts become the joiner."""
    g = grammar()
    t = str(text or "").strip()
    t = re.sub(rf"^(?:{_words_re(g.leading_words)})\s*[:#]?\s+", "", t, flags=re.I)
    t = re.sub(rf"\s+(?:{_words_re(g.trailing_words)})[.!]*$", "", t, flags=re.I)
    parts = collapse(t).split()
    if _time_span(g).search(t):
        return ParsedRef(False, problem="time")  # "18 months", "3 kids": a span or a count, not a reference
    parts, joinable = around(parts)
    if len(parts) < len(t.split()):
        t = " ".join(parts)
    short = len(parts) == 1 or (joinable and len(parts) <= 3 and all(len(p) <= 8 for p in parts))
    ref = normalise(t) if short else ""
    if not is_reference(ref):
        found = find(t) if len(parts) > 1 else None
        if found:
            return ParsedRef(True, found)
        if DATE_RE.fullmatch(normalise(t)):
            return ParsedRef(False, problem="date")
        return ParsedRef(False, problem="format")
    return ParsedRef(True, ref)


def around(parts: list[str]) -> tuple[list[str], bool]:
    """The parts of a reference typed with spaces, without the words that sit around one in a
    command ("the HLX-09 check" -> ["HLX-09"]), and whether the rest may be joined: not when a
    part names another record ("the HLX-09 timeline") or is a command's word ("check for hv/123")."""
    g = grammar()
    parts = list(parts)
    lead = set(g.before_words) | {w for w in g.leading_words if " " not in w}  # "my case abc-12"
    while len(parts) > 1 and parts[0].lower() in lead:
        parts.pop(0)
    while len(parts) > 1 and parts[-1].lower() in g.after_words:
        parts.pop()
    words = set(g.never_joined) | set(g.before_words) | set(g.after_words) | {w for w in g.cue_words if " " not in w}
    return parts, not (len(parts) > 1 and any(p.lower() in words for p in parts))


def _time_span(g: Grammar) -> re.Pattern:
    """A number, a space and a time or count word ("18 months", "2 yrs", "3 kids"); "2YRS" typed
    as one word stays a possible reference."""
    return re.compile(rf"(?<![A-Za-z0-9])\d+\s+(?:{_words_re(g.time_words)})s?\b", re.I)


def find(text: str, strict: bool = False) -> str | None:
    """The case reference in a message ('resume ABC-12', 'summary for fam - 2024 - 07').

    A reference right after a command's cue word and at the end of the message is taken as
    it is. Elsewhere a number is not a reference when it is a span of time ('for 18
    months'), a score ('7/10') or a date. With strict=True (a request in free words, such
    as 'supervision about a family I've had for 2 years') only a reference after a cue word,
    or one with letters and at least 4 characters, counts."""
    g = grammar()
    if not text or text.startswith("/"):
        return None
    t = collapse(text)
    cue = re.compile(rf"(?:^|\b)(?:{_words_re(g.cue_words)})\s*[:#]?\s*$", re.I)
    tail = re.compile(rf"^[\s.,;:!?'\")\]]*(?:(?:{_words_re(g.trailing_words)})[\s.,;:!?]*)*$", re.I)
    time = re.compile(rf"^\s*(?:{_words_re(g.time_words)})s?\b", re.I)
    chosen: str | None = None
    for m in g.token.finditer(t):
        ref = m.group(0).upper()
        if not is_reference(ref):
            continue
        after_cue = bool(cue.search(t[: m.start()]))
        if after_cue and tail.match(t[m.end() :]):
            return ref
        digits_only = not any(ch.isalpha() for ch in ref)
        if digits_only and time.match(t[m.end() :]):
            continue
        if SCALE_RE.fullmatch(ref) or re.match(r"^\s*(?:/|out of)\s*10\b", t[m.end() :], re.I):
            continue  # a score: "7/10", "7 out of 10"
        if ref == "10" and re.search(r"\d\s*(?:-|to|/|out of)\s*$", t[: m.start()], re.I):
            continue  # the end of a scale: "0 to 10"
        if re.fullmatch(rf"\d+(?:{_words_re(g.time_words)})s?", ref, re.I):
            continue  # "2yrs"
        letters = not digits_only
        if strict and not after_cue and not (letters and len(ref) >= 4 and ref.lower() in text.lower()):
            continue  # in free words, only a reference typed as one ("mum - 2 kids" is not "MUM-2")
        if strict and after_cue and digits_only and len(ref) < 3:
            continue
        if chosen is None:
            chosen = ref
    return chosen
