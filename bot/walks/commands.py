"""The shared commands of every walkthrough (check, supervision, training), in one place:
what counts as a command (the one command rule), and the moves that leave a walk or look
outside it (menu, resume <ref>, start again, help, my cases, my progress, and a case's
summary, chronology or distance travelled asked for with its reference).

The words are content: knowledge/language/commands.yml. `read()` is the rule layer: a
message is a command when, without its polite words, it is one of a command's phrases, or
when one of the command's typed forms (spaCy Matcher patterns) covers all of its words. The
same layer runs mid-walk (`decide()`) and at the top level (rasa_ext/commands.py sets the
intent from it). The walkthrough engine (bot/walks/engine.py) reads a command with
`decide()` and gives the ones that stay inside a walk (why, skip, back, pause, stop) to the
walk's handlers; it hands the others back in `Step.follow`, and `Walks.turn()` (or the older
`Walks.handle()`, bot/walks/moves.py) carries them out after the walk's own turn is saved.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.lang.nlp import PatternError, as_list, build_matcher, load_yaml, nlp_doc, norm_word, on_reset
from bot.records import caseref
from bot.walks.command_parts import REASON, match_parts
from bot.walks.command_reports import report_asked
from bot.walks.command_slips import OneWord, build_one_word, nearest_command
from bot.walks.replies import Button, Reply

# NLU intents that mean a command, and the command's name here
INTENTS = {
    "why_asking": "why",
    "skip": "skip",
    "go_back": "back",
    "pause": "pause",
    "stop": "stop",
    "menu": "menu",
    "help": "help",
    "my_cases": "my_cases",
    "my_progress": "my_progress",
    "resume": "resume",
    # requests that name a case, read by the rule layer at the top level only (not walk commands)
    "case_summary": "summary",
    "show_chronology": "chronology",
    "distance_travelled": "distance_travelled",
    "start_supervision": "supervision",
}
# the payload a button sends for each command (start again has no intent: its words are sent)
PAYLOADS = {
    "why": "/why_asking",
    "skip": "/skip",
    "back": "/go_back",
    "pause": "/pause",
    "stop": "/stop",
    "menu": "/menu",
    "help": "/help",
    "my_cases": "/my_cases",
    "my_progress": "/my_progress",
    "start_again": "start again",
}
# the command of each NLU intent, the other way round (start again has no intent)
INTENT_OF = {name: intent for intent, name in INTENTS.items()}
INSIDE = ("why", "skip", "back", "pause", "stop")  # handled by the walk itself (bot/walks/engine.py)
# a case's report asked for mid-walk: only with its reference ("chronology for ABC-12"), shown
# and the walk's question asked again, as "my cases" is
CASE_REPORTS = ("summary", "chronology", "distance_travelled")
OUTSIDE = ("menu", "resume", "start_again", "help", "my_cases", "my_progress") + CASE_REPORTS  # carried out by Walks
COMMAND_CONFIDENCE = 0.6  # an NLU command intent counts from here
FREE_TEXT_CONFIDENCE = 0.8  # at a free-text question, only a short command this sure counts
FREE_TEXT_WORDS = 6


@dataclass(frozen=True)
class Command:
    name: str
    ref: str | None = None

    @property
    def payload(self) -> str:
        if self.ref and self.name in INTENT_OF:
            return "/" + INTENT_OF[self.name] + json.dumps({"case_ref": self.ref})
        return PAYLOADS[self.name]


@dataclass(frozen=True)
class Decision:
    command: Command | None = None
    ask: Reply | None = None  # the words were both an answer and a command: ask which


@dataclass(frozen=True)
class Grammar:
    polite: tuple[str, ...]
    phrases: dict[str, tuple[str, ...]]
    replies: dict[str, Any]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    data = load_yaml("commands.yml")
    phrases = {
        name: tuple(_norm(p) if "{ref}" not in p else p.lower() for p in as_list(spec.get("phrases")))
        for name, spec in (data.get("commands") or {}).items()
    }
    return Grammar(tuple(as_list(data.get("polite_words"))), phrases, dict(data.get("replies") or {}))


on_reset(grammar.cache_clear)


def text(key: str, **values: Any) -> str:
    """A reply text from commands.yml; dotted keys reach into groups ('activity.check_paused')."""
    node: Any = grammar().replies
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values)


def _norm(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^\w\s'{}]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _strip_polite(s: str) -> str:
    words = sorted(grammar().polite, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    prev = None
    while prev != s:
        prev = s
        s = re.sub(rf"^(?:{alt})\s+", "", s)
        s = re.sub(rf"\s+(?:{alt})$", "", s)
    return s


def read(message: str) -> Command | None:
    """The command in typed words, when the whole message is one ('menu', 'can we pause',
    'resume SECX-B2F7 please', 'can I see the cases I've saved?', 'how am I getting on in
    training'); None for anything else (a case description, an answer, a question)."""
    if not message or message.startswith("/"):
        return None
    return read_phrase(message) or read_typed(message) or read_slip(message)


def read_phrase(message: str) -> Command | None:
    """The command whose phrase (commands.yml `phrases`) is the whole message, polite words
    taken off."""
    if not message or message.startswith("/"):
        return None
    g = grammar()
    plain = _norm(message)
    candidates = [plain, _strip_polite(plain)]
    for name, phrases in g.phrases.items():
        # the longest command words first: "continue with {ref}" before "continue {ref}"
        for p in sorted(phrases, key=lambda p: -len(p) if "{ref}" in p else 0):
            if "{ref}" in p:
                lead = _norm(p.replace("{ref}", ""))
                for c in candidates:
                    if c.startswith(lead + " "):
                        ref = _ref_after(message, lead)
                        if ref:
                            return Command(name, ref)
            elif p in candidates:
                return Command(name)
    return None


# -- typed forms: patterns that must cover the whole message ------------------------------
REF_WORD = "xref"  # stands for the case reference in a typed form ("resume =xref")
# the commands whose typed forms may hold the reference: resume, and a case's report asked for with
# its reference before the word or in short forms ("ZNL-26 overview", "key points TCW-63": session 21)
REF_FORMS = ("resume",) + CASE_REPORTS


@dataclass(frozen=True)
class TypedForms:
    max_words: int
    order: tuple[str, ...]  # the commands, in the order they are tried
    matcher: Any
    polite: tuple[tuple[str, ...], ...]  # the polite words, as sequences of token norms
    slips: dict[str, str] = field(default_factory=dict)  # a typed word -> what it is mended to


def expand(pattern: str, words: dict[str, list[str]]) -> str:
    """A typed form with its @lists written out ("@my @cases" -> "my|our|=mine =cases|...");
    list items keep their own notation (=word), so the result is the notation of
    bot.lang.nlp.compile_pattern."""
    out = []
    for part in pattern.split():
        optional = part.endswith("?") and len(part) > 1
        body = part[:-1] if optional else part
        alts: list[str] = []
        for alt in body.split("|"):
            if alt.startswith("@"):
                if alt[1:] not in words:
                    raise PatternError(f"unknown word list {alt!r} in {pattern!r}")
                for w in words[alt[1:]]:
                    if not w or any(ch.isspace() or ch in "|?@" for ch in w):
                        raise PatternError(f"list {alt!r}: {w!r} is not one word")
                    alts.append(w)
            elif alt:
                alts.append(alt)
            else:
                raise PatternError(f"empty alternative in {pattern!r}")
        out.append("|".join(alts) + ("?" if optional else ""))
    return " ".join(out)


@lru_cache(maxsize=1)
def typed_forms() -> TypedForms:
    data = load_yaml("commands.yml").get("typed_forms") or {}
    words = {k: [str(w) for w in as_list(v)] for k, v in (data.get("words") or {}).items()}
    order = tuple(grammar().phrases)
    for name in (set(data.get("patterns") or {}) | set(data.get("reasons") or {})) - set(order):
        raise PatternError(f"typed_forms: {name!r} is not a command")
    reports = data.get("report_patterns") or {}
    for name in set(reports) - set(CASE_REPORTS):
        raise PatternError(f"typed_forms.report_patterns: {name!r} is not a case's report")
    for ps in reports.values():
        for p in as_list(ps):
            if "=" + REF_WORD not in str(p).split():
                raise PatternError(f"typed_forms.report_patterns: {p!r} holds no ={REF_WORD}")
    entries = [
        (name, expand(str(p), words))
        for group in (data.get("patterns") or {}, reports)
        for name, ps in group.items()
        for p in as_list(ps)
    ]
    # a reason given with a command ("skip this one, no idea"): counts only beside its command's form
    reasons = data.get("reasons") or {}
    entries += [(REASON + n, expand(str(p), words)) for n, ps in reasons.items() for p in as_list(ps)]
    matcher = build_matcher(entries, {})
    polite = {tuple(t.norm_ for t in nlp_doc(w.replace("’", "'")) if not t.is_punct) for w in grammar().polite}
    return TypedForms(
        int(data.get("max_words", 14)),
        order,
        matcher,
        tuple(sorted(filter(None, polite), key=len, reverse=True)),
        _slip_table(data.get("mend") or {}) | one_word().real_word_slips,  # "paws the check"
    )


def _slip_table(mend: dict) -> dict[str, str]:
    """The shortcuts, and each word of min_length letters or more one slip (a letter added, dropped, changed,
    two swapped) from one spelling word alone, unless the lemma table knows it ("bases"; "check" for "checks")."""
    spelling, near = [str(w).lower() for w in as_list(mend.get("spelling"))], {}
    for w in spelling:
        cut = [(w[:i], w[i:]) for i in range(len(w) + 1)]
        for v in (
            {a + b[1:] for a, b in cut if b}
            | {a + b[1] + b[0] + b[2:] for a, b in cut if len(b) > 1}
            | {a + c + b[k:] for a, b in cut for c in string.ascii_lowercase for k in (0, 1) if k <= len(b)}
        ):
            near.setdefault(v, set()).add(w)
    table = {
        v: next(iter(ws))
        for v, ws in near.items()
        if len(ws) == 1
        and len(v) >= int(mend.get("min_length", 5))
        and v not in spelling
        and norm_word(v) == v
        and norm_word(next(iter(ws))) != v
    }
    return table | {str(k).lower(): str(v) for k, v in (mend.get("shortcuts") or {}).items()}


on_reset(typed_forms.cache_clear)


def read_typed(message: str) -> Command | None:
    """The command one of whose typed forms covers the whole message (punctuation and polite
    words at either end aside). A case reference in the message is read by bot.records.caseref and
    stands as one word for the patterns of 'resume'. Failing that, slips are mended (`mend()`)."""
    if not message or message.startswith("/"):
        return None
    if len(re.findall(r"\w+", message)) > 2 * typed_forms().max_words:
        return None  # far too long to be a command: spare the parse
    ref = caseref.find(message)
    if ref:
        stood_in = _stand_in_ref(message, ref)
        for typed in (stood_in, mend(stood_in)) if stood_in is not None else ():
            name = _match_typed(typed)
            if name in REF_FORMS:
                return Command(name, ref)
    name = _match_typed(message) or _match_typed(mend(message))
    # a case's report is a command only with its reference ("rq-35 in brief", "sum up fj-48")
    return Command(name) if name and name not in CASE_REPORTS else None


def mend(message: str) -> str:
    """The message with typing slips mended (commands.yml typed_forms.mend; see _slip_table)."""
    return re.sub(
        r"[\w’']+", lambda m: typed_forms().slips.get(m.group(0).lower().replace("’", "'"), m.group(0)), message
    )


def _stand_in_ref(message: str, ref: str) -> str | None:
    """The message with the reference (its last spelling in the words) replaced by REF_WORD."""
    text = caseref.collapse(message.replace("’", "'"))
    spots = [m for m in caseref.grammar().token.finditer(text) if m.group(0).upper() == ref]
    if not spots:
        return None
    m = spots[-1]
    return f"{text[:m.start()]} {REF_WORD} {text[m.end():]}"


def _match_typed(text: str) -> str | None:
    """The command whose typed forms cover the message. Punctuation splits it into parts
    ('I need to go, save this for later'): each part is polite words only, or wholly a form
    of the same command."""
    forms = typed_forms()
    return match_parts(text, forms.matcher, forms.order, forms.polite, forms.max_words)


def _ref_after(message: str, lead: str) -> str | None:
    """The reference after the command words, read from the original text (its separators
    are punctuation that _norm drops). The rest of the message must be the reference alone,
    perhaps after 'case' or 'ref' and before polite words ('resume case abc - 12 please'),
    as commands.yml says: 'Case summary for supervision: single mum, ...' names no case."""
    words = lead.split()
    # after any polite words ("can I have the summary for ABC-12")
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"\b(.*)$"
    m = re.search(pattern, message.replace("’", "'"), re.I | re.S)
    rest = m.group(1) if m else ""
    if not rest.strip():
        return None
    found = caseref.find(" ".join(words[-1:] + [rest.strip()]))
    if found and _only_ref(rest, found):
        return found
    parsed = caseref.parse(rest.strip(" \t\n.,;:!?"))
    return parsed.value if parsed.ok and _only_ref(rest, parsed.value) else None


def _only_ref(rest: str, ref: str) -> bool:
    """True when `rest` is the reference `ref` as typed (any case, spaces around its
    separators, a space for the joiner), with only cue words before it and punctuation or
    polite words after it."""
    g = caseref.grammar()
    spelled = "".join(
        re.escape(ch)
        if ch.isalnum()
        else rf"(?:\s*{re.escape(ch)}\s*|\s+)"
        if ch == g.joiner
        else rf"\s*{re.escape(ch)}\s*"
        for ch in ref
    )
    cue = "|".join(re.escape(w) for w in sorted(g.cue_words + g.leading_words, key=len, reverse=True))
    tail = "|".join(re.escape(w) for w in sorted(g.trailing_words, key=len, reverse=True))
    det = "|".join(re.escape(w) for w in g.before_words) or "(?!)"
    obj = "|".join(re.escape(w) for w in g.after_words) or "(?!)"
    before = rf"[\s:#'\"(]*(?:(?:{cue}|{det})\s*[:#]?\s+)*"
    after = rf"(?:\s+(?:{obj})\b)?(?:[\s.,;:!?'\")\]]+|(?:{tail})\b)*"
    whole = rf"{before}(?<![A-Za-z0-9]){spelled}(?![A-Za-z0-9]){after}"
    return re.fullmatch(whole, rest.replace("’", "'"), re.I) is not None


def read_this_case(message: str) -> str | None:
    """The report ('summary', 'chronology', 'distance_travelled') a message asks for without a
    reference, meaning the case of the walk it is typed in ('can I see the chronology for this
    case?', 'show me the chronology', 'chronology please'); None for anything else ('what is a
    chronology?')."""
    if not message or message.startswith("/"):
        return None
    plain = _norm(message)
    return report_asked(plain, _strip_polite(plain))


def from_payload(message: str, intent: str | None) -> Command | None:
    """A button: '/stop', '/resume{"case_ref": "ABC-12"}'."""
    if not message.startswith("/"):
        return None
    m = re.match(r"^/(\w+)(\{.*\})?\s*$", message, re.S)
    name = INTENTS.get(m.group(1)) if m else None
    if name is None:
        return None
    ref = None
    if m.group(2):
        try:
            data = json.loads(m.group(2))
        except ValueError:
            data = {}
        if isinstance(data, dict) and data.get("case_ref"):
            ref = caseref.normalise(str(data["case_ref"]))
    return Command(name, ref)


def decide(
    message: str,
    intent: str | None,
    confidence: float,
    free_text: bool,
    answer: Callable[[], str | None],
    allowed: tuple[str, ...] = INSIDE + OUTSIDE,
    this_case: str | None = None,
) -> Decision:
    """The one command rule of every walk.

    - A button payload is always a command.
    - Words that are a command by the rule layer (`read()`: a phrase or a typed form of
      commands.yml, the same layer as at the top level) are a command; at a question with
      options, when the same words also choose an option, ask which was meant.
    - Otherwise an NLU command intent counts from COMMAND_CONFIDENCE; at a free-text question
      only when short and at least FREE_TEXT_CONFIDENCE sure (any text answers there), and at
      a question with options only when the words choose no option.
    - A case's report asked for without a reference (`read_this_case`) is the walk's own case's
      (`this_case`, its reference), when the walk has one.
    `answer()` gives the option the words choose (its label), or None."""
    cmd = from_payload(message, intent)
    if cmd is not None:
        if cmd.name in CASE_REPORTS and not cmd.ref and this_case:
            cmd = Command(cmd.name, this_case)
        return Decision(cmd if cmd.name in allowed and (cmd.ref or cmd.name not in CASE_REPORTS) else None)
    cmd = read(message)
    if cmd is None and this_case:
        report = read_this_case(message)
        cmd = Command(report, this_case) if report else None
    if cmd is not None and cmd.name in allowed and (cmd.ref or cmd.name not in CASE_REPORTS):
        if not free_text:
            label = answer()
            if label:
                return Decision(ask=ask_which(label, cmd))
        return Decision(cmd)
    name = INTENTS.get(intent or "")
    if name is None or name not in allowed or confidence < COMMAND_CONFIDENCE:
        return Decision()
    if name == "resume" or name in CASE_REPORTS:
        ref = caseref.find(message)
        if ref is None:
            return Decision()
        cmd = Command(name, ref)
    else:
        cmd = Command(name)
    if free_text:
        ok = len(message.split()) <= FREE_TEXT_WORDS and confidence >= FREE_TEXT_CONFIDENCE
        return Decision(cmd if ok else None)
    if answer():
        return Decision()  # "don't know, skip" style answers that choose an option are answers
    return Decision(cmd)


def ask_which(label: str, cmd: Command) -> Reply:
    shown = cmd.name.replace("_", " ") + (f" {cmd.ref}" if cmd.ref else "")
    mine = text("ask_which_answer_button", answer=label)
    return Reply(
        text("ask_which", answer=label, command=shown),
        (Button(mine, mine), Button(text("ask_which_command_button", command=shown.capitalize()), cmd.payload)),
    )


def menu_buttons() -> tuple[Button, ...]:
    from bot.walks.menu import MENU, intent_button

    return tuple(intent_button(n) for n in MENU) + (
        intent_button("my_cases"),
        intent_button("my_progress"),
    )


@lru_cache(maxsize=1)
def one_word() -> OneWord:
    """The one-word command words and their limits (bot/walks/command_slips.py)."""
    return build_one_word(grammar().phrases)


on_reset(one_word.cache_clear)


def read_slip(message: str) -> Command | None:
    """A one-word command typed with a slip ("pasue", "mneu", "hlep"), polite words aside
    (bot/walks/command_slips.py nearest_command)."""
    if not message or message.startswith("/"):
        return None
    name = nearest_command(_strip_polite(_norm(message)), message, one_word(), frozenset(INTENTS))
    return Command(name) if name else None
