"""Is a message the classifier read as out_of_scope a practice question after all (issue 18, point 3)?

A practice question the knowledge base does not cover gets the honest fallback ("the documents I
hold don't cover that", the nearest topics, who to ask), whichever intent the classifier gave it;
small talk and other work tasks keep the polite "not something I can help with". The words and
the rules are data: knowledge/language/coverage.yml, `practice_question`. No Rasa here: the action
(actions/answers.py, ActionOutOfScope) and scripts/eval_answers.py both call `is_practice_question`.

A message is a practice question when
  - it reads as a question: a "?" anywhere, or a clause that opens like one
    (bot/lang/questions.py: "what is", "can I", "is there", "how long"; `question_openers`:
    "what's the ..."), the whole message passing bot/lang/questions.is_practice_question counting too;
  - it names someone or something of children's services practice (`words`) or a child's age
    (`child_age`), and nothing of the practitioner's own working life, an adult's care or a
    building's logistics (`not_practice`: "is there parking at the family centre");
  - and no clause asks the assistant to do a piece of work (`request_openers` then `task_verbs`,
    or a clause that opens with a task verb: "can you write my court statement", "fill in my
    expenses for home visits").

The same reading decides whether a message the classifier routed to start a check, help or a
case's chronology is a practice question after all (`answered_instead`): then it is answered as
one, unless it is a case description or one of its words asks for what that intent does
(`requests_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.loader import KnowledgeBase

COVERAGE = "language/coverage.yml"
KEY = "practice_question"
_WORD = re.compile(r"[a-z0-9&/]+")
_CLAUSES = re.compile(r"[,;:.!?()\n]+|\s[-\u2013\u2014]\s")


def _words(text: str) -> str:
    """Lower case, apostrophes dropped, one space between words ("children's" -> "childrens")."""
    return " ".join(_WORD.findall((text or "").lower().replace("\u2019", "").replace("'", "")))


def _phrase(words: str) -> str:
    return r"(?<![a-z0-9&])" + " ".join(map(re.escape, _words(words).split())) + r"(?:s|es)?(?![a-z0-9&])"


def _any(phrases: list[str]) -> str:
    # the longest first, so that "fill in" is preferred to "fill"
    return "|".join(" ".join(map(re.escape, _words(p).split())) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class Rules:
    words: re.Pattern
    child_age: re.Pattern
    task: re.Pattern  # a clause that asks the assistant to do something
    not_practice: re.Pattern  # the practitioner's own working life, an adult's care, a building
    question: re.Pattern  # a clause that opens with one of these is a question ("what's the ...")
    requests: dict[str, re.Pattern]  # requests_of: per intent, the words that ask for it
    unless_asked: dict[str, re.Pattern]  # requests_unless_asked: the same, unless it opens as a question
    not_requests: re.Pattern | None  # not_requests: read past before those ("dbs check")
    doubt: tuple[frozenset[str], re.Pattern, re.Pattern, re.Pattern] | None  # threshold_doubt


def _phrase_list(raw: dict, key: str, problems: list[str], within: str = "") -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and _words(w) for w in value):
        problems.append(f"{COVERAGE}: {KEY}.{within}{key} must be a non-empty list of phrases")
        return []
    return value


@lru_cache(maxsize=4)
def rules(kb: KnowledgeBase) -> Rules:
    """coverage.yml's `practice_question`, checked: KnowledgeError names every problem."""
    raw = (kb.extra.get(COVERAGE) or {}).get(KEY)
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{COVERAGE}: '{KEY}' missing or not a mapping"])
    problems: list[str] = []
    words = _phrase_list(raw, "words", problems)
    openers = _phrase_list(raw, "request_openers", problems)
    verbs = _phrase_list(raw, "task_verbs", problems)
    after = _phrase_list(raw, "task_verbs_after_an_opener", problems)
    everyday = _phrase_list(raw, "not_practice", problems)
    asking = _phrase_list(raw, "question_openers", problems)
    age = None
    try:
        age = re.compile(str(raw.get("child_age") or ""))
        if not age.pattern:
            raise re.error("empty")
    except re.error as e:
        problems.append(f"{COVERAGE}: {KEY}.child_age is not a regular expression ({e})")
    requests = {}
    asked = raw.get("requests_of")
    if not isinstance(asked, dict) or not asked:
        problems.append(f"{COVERAGE}: {KEY}.requests_of must map intents to lists of phrases")
    else:
        for intent in asked:
            phrases = _phrase_list(asked, intent, problems, "requests_of.")
            requests[str(intent)] = re.compile("|".join(_phrase(w) for w in phrases)) if phrases else None
    unless_asked = {}
    for intent, phrases in (raw.get("requests_unless_asked") or {}).items():
        if str(intent) not in requests:
            problems.append(f"{COVERAGE}: {KEY}.requests_unless_asked.{intent} is not an intent of requests_of")
        elif _phrase_list(raw["requests_unless_asked"], intent, problems, "requests_unless_asked."):
            unless_asked[str(intent)] = re.compile("|".join(_phrase(w) for w in phrases))
    not_requests = None
    if raw.get("not_requests") is not None:
        phrases = _phrase_list(raw, "not_requests", problems)
        not_requests = re.compile("|".join(_phrase(w) for w in phrases)) if phrases else None
    doubt = _threshold_doubt(raw, problems)
    if problems:
        raise KnowledgeError(problems)
    opener = rf"(?:(?:{_any(openers)})\s+)"
    task = re.compile(rf"^{opener}*(?:{_any(verbs)})(?![a-z0-9&])|^{opener}+(?:{_any(after)})(?![a-z0-9&])")
    return Rules(
        re.compile("|".join(_phrase(w) for w in words)),
        age,
        task,
        re.compile("|".join(_phrase(w) for w in everyday)),
        re.compile(rf"^(?:{_any(asking)})(?![a-z0-9&])"),
        requests,
        unless_asked,
        not_requests,
        doubt,
    )


def _threshold_doubt(
    raw: dict, problems: list[str]
) -> tuple[frozenset[str], re.Pattern, re.Pattern, re.Pattern] | None:
    """`threshold_doubt`: (its intents, the doubt, threshold and asks-for-the-check patterns); None without it."""
    spec = raw.get("threshold_doubt")
    if spec is None:
        return None
    if not isinstance(spec, dict):
        problems.append(f"{COVERAGE}: {KEY}.threshold_doubt must be a mapping")
        return None
    intents = _phrase_list(spec, "intents", problems, "threshold_doubt.")
    doubt = _phrase_list(spec, "doubt", problems, "threshold_doubt.")
    threshold = _phrase_list(spec, "threshold", problems, "threshold_doubt.")
    asks = _phrase_list(spec, "asks_for_the_check", problems, "threshold_doubt.")
    if not (intents and doubt and threshold and asks):
        return None
    return (frozenset(intents), *(re.compile("|".join(_phrase(w) for w in p)) for p in (doubt, threshold, asks)))


def _clauses(text: str) -> list[str]:
    return [c for c in (_words(part) for part in _CLAUSES.split(text or "")) if c]


def reads_as_a_question(text: str, kb: KnowledgeBase) -> bool:
    """A "?" anywhere, the whole message read as a question at a walkthrough's free-text question,
    or a clause that opens like a question ("..., is there a guide I can point her to", "...,
    what's the threshold": `question_openers`)."""
    from bot.lang.questions import is_practice_question as question_at_a_prompt
    from bot.lang.questions import opens_like_a_question

    if "?" in (text or "") or question_at_a_prompt(text):
        return True
    asking = rules(kb).question
    return any(opens_like_a_question(c) or asking.search(c) for c in _clauses(text))


def names_practice(text: str, kb: KnowledgeBase) -> bool:
    """A word of children's services practice, or a child's age, and no word of the practitioner's
    own working life, an adult's care or a building's logistics (`not_practice`)."""
    r = rules(kb)
    if r.not_practice.search(_words(text)):
        return False
    return bool(r.words.search(_words(text)) or r.child_age.search((text or "").lower()))


def asks_for_a_task(text: str, kb: KnowledgeBase) -> bool:
    """A clause that asks the assistant to do a piece of work ("can you write my court statement")."""
    task = rules(kb).task
    return any(task.search(c) for c in _clauses(text))


def is_practice_question(text: str, kb: KnowledgeBase) -> bool:
    """Whether a message the classifier read as out_of_scope should get the honest fallback."""
    return reads_as_a_question(text, kb) and names_practice(text, kb) and not asks_for_a_task(text, kb)


def routed_intents(kb: KnowledgeBase) -> frozenset[str]:
    """The intents whose messages may be answered as practice questions instead (`requests_of`)."""
    return frozenset(rules(kb).requests)


def answered_instead(text: str, intent: str | None, kb: KnowledgeBase) -> bool:
    """Whether a message the classifier routed to one of `requests_of`'s intents (start a check,
    help, a case's chronology) is a practice question after all, to be answered as one (the
    sourced article or the honest fallback): it reads as a practice question, as above, none of
    its words asks for what the intent does (`requests_of`: "start", "check", "what can you do",
    "chronology"; `requests_unless_asked`, "worried about", only when it does not open as a
    question; `not_requests` read past: "a DBS check" asks for no check), and it is not a case
    description (that starts a check) unless it opens as a question ("what is the guidance for a
    14 yr old whose mum ...": the case is the question's example, not a case told)."""
    r = rules(kb)
    if threshold_doubt(text, intent, kb):
        return True
    request = r.requests.get(intent or "")
    words = r.not_requests.sub(" ", _words(text)) if r.not_requests else _words(text)
    if request is None or request.search(words) or not is_practice_question(text, kb):
        return False
    from bot.knowledge.answers import is_case_description

    opens_as_a_question = _opens_as_a_question(text, kb)
    unless_asked = r.unless_asked.get(intent or "")
    if unless_asked is not None and not opens_as_a_question and unless_asked.search(words):
        return False
    return opens_as_a_question or not is_case_description(text, kb)


def threshold_doubt(text: str, intent: str | None, kb: KnowledgeBase) -> bool:
    """The practitioner's own doubt whether a worry meets the threshold, sent to one of
    `threshold_doubt.intents` ("not sure it meets threshold, what should I do"): a practice question
    (what to do when unsure, who to ask), unless it asks for the check ("can we check if it meets
    threshold") or tells a case (two case markers, or one and a child's age: knowledge/faq.yml)."""
    spec = rules(kb).doubt
    if spec is None or intent not in spec[0]:
        return False
    intents, doubt, threshold, asks = spec
    r = rules(kb)
    words = r.not_requests.sub(" ", _words(text)) if r.not_requests else _words(text)
    if not (doubt.search(words) and threshold.search(words)) or asks.search(words):
        return False
    unless_asked = r.unless_asked.get(intent or "")
    if unless_asked is not None and unless_asked.search(words) and not _opens_as_a_question(text, kb):
        return False  # "I'm worried about a family, not sure if it meets threshold": a worry told, to check
    from bot.knowledge.answers import settings

    s = settings(kb)
    norm = f" {words} "
    markers = sum(1 for m in s.case_markers if f" {m} " in norm)
    age = bool(s.age_pattern and re.search(s.age_pattern, (text or "").lower()))
    return markers < 2 and not (markers and age)


def _opens_as_a_question(text: str, kb: KnowledgeBase) -> bool:
    """Whether the message's first clause opens like a question ("what is", "how do I", "what's")."""
    from bot.lang.questions import opens_like_a_question

    first = next(iter(_clauses(text)), "")
    return opens_like_a_question(first) or bool(rules(kb).question.search(first))
