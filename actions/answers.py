"""Answers to practice questions, and the honest fallback when the guidance does not cover one.

What to say is decided by bot.knowledge.answers.decide() from the message, the FAQ selector's
choice and its confidence, then checked against what the guidance does not cover
(knowledge/language/coverage.yml, `answer_or_not_covered`): an article is never given to a
question on a subject none of the documents or knowledge items discusses (FGM, court orders,
MARAC...), nor to a question that asks for a timescale or an age the article does not give, nor to one
with a rare word that no knowledge item or topic example uses ("cafcass", "cuckooing"), nor to
one no topic really claims (the FaqSelector's decision values: `unclaimed`), nor to one the
selector does not claim for its topic that uses a rare word the topic's own examples and answer
items never use (`foreign_words`), nor to one the selector claims weakly whose key terms the
topic's words account for weakly too (`weakly_claimed`). For a question set
in a case, these checks read its question, and the whole message too when the selector does not
firmly claim its topic (`claimed`). Each gets the honest fallback naming what is not covered where
it can, the nearest topics as buttons (the topic the article was from first) and who to ask. The
other way round, a question the selector claims firmly (`firmly_claimed`, coverage.yml's
selector_firm) gets its topic's article even when decide() found too few of its words in the
topic's own words; the checks above still follow. scripts/eval_answers.py measures through the
same function.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_text, send
from bot.knowledge import faq_topics
from bot.knowledge.answers import Decision, decide, is_invitation, not_covered, settings, topic_label, topic_payload
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.loader import KnowledgeBase, get_kb
from bot.knowledge.practice_question import is_practice_question as reads_as_practice_question
from bot.knowledge.texts import say
from bot.lang.questions import is_practice_question
from bot.walks.menu import ask_question_reply
from bot.walks.replies import Button, Reply


def selected_faq(tracker: Tracker) -> tuple[str | None, float, list[dict]]:
    """The selector's topic key, its confidence and its ranking for the latest message."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    return (
        response.get("intent_response_key"),
        float(response.get("confidence") or 0.0),
        list(selector.get("ranking") or []),
    )


COVERAGE = "language/coverage.yml"
FIGURES = ("timescale", "age")  # a question may ask for one; an answer without it does not answer
_WORDS = re.compile(r"[a-z0-9&]+")


def _words(text: str) -> str:
    """Lower case, apostrophes dropped, one space between words ("Clare's law" -> "clares law")."""
    return " ".join(_WORDS.findall((text or "").lower().replace("\u2019", "").replace("'", "")))


def _phrase(words: str) -> str:
    """A pattern for a phrase as whole words, a final s or es allowed."""
    return r"(?<![a-z0-9&])" + " ".join(map(re.escape, _words(words).split())) + r"(?:s|es)?(?![a-z0-9&])"


@dataclasses.dataclass(frozen=True)
class Coverage:
    subjects: tuple[tuple[str, re.Pattern], ...]  # (subject, its words as one pattern)
    figures: tuple[tuple[str, re.Pattern, re.Pattern], ...]  # (timescale or age, asked by, given by)
    unknown_word_max_zipf: float
    claim_min_score: float  # the selector's topic is kept back below this decision value ...
    claim_min_lead: float  # ... when it leads the next topic by less than this
    firm: tuple[float, float, float] | None = None  # selector_firm: (min_score, min_lead, min_support)
    topic_max_zipf: float = 0.0  # topic_words: a word rarer than this that the topic never uses ...
    topic_below_score: float = -99.0  # ... keeps its article back when its decision value is below this
    weak: tuple[float, float] | None = None  # weak_claim: (below_score, below_support)


@lru_cache(maxsize=4)
def coverage(kb: KnowledgeBase) -> Coverage:
    """knowledge/language/coverage.yml, checked: KnowledgeError names every problem."""
    raw = kb.extra.get(COVERAGE)
    problems = []
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{COVERAGE}: missing or not a mapping"])
    subjects = []
    for n, entry in enumerate(raw.get("subjects") or []):
        ok = isinstance(entry, dict) and isinstance(entry.get("subject"), str) and entry["subject"].strip()
        words = entry.get("words") if isinstance(entry, dict) else None
        if (
            not ok
            or not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and _words(w) for w in words)
        ):
            problems.append(f"{COVERAGE}: subjects[{n}]: needs a 'subject' and a non-empty list of 'words'")
            continue
        subjects.append((entry["subject"].strip(), re.compile("|".join(_phrase(w) for w in words))))
    if not subjects:
        problems.append(f"{COVERAGE}: no subjects")
    figures = []
    for kind in FIGURES:
        asks = raw.get(f"{kind}_questions")
        if not isinstance(asks, list) or not asks or not all(isinstance(w, str) and _words(w) for w in asks):
            problems.append(f"{COVERAGE}: '{kind}_questions' must be a non-empty list of phrases")
            continue
        try:
            given = re.compile(str(raw.get(f"{kind}_in_answer") or ""))
            if not given.pattern:
                raise re.error("empty")
        except re.error as e:
            problems.append(f"{COVERAGE}: '{kind}_in_answer' is not a regular expression ({e})")
            continue
        figures.append((kind, re.compile("|".join(_phrase(w) for w in asks)), given))
    zipf = raw.get("unknown_word_max_zipf")
    if isinstance(zipf, bool) or not isinstance(zipf, (int, float)) or not 0 <= zipf <= 8:
        problems.append(f"{COVERAGE}: 'unknown_word_max_zipf' must be a number from 0 to 8")
        zipf = 0.0
    claim = raw.get("selector_claim")
    numbers = [claim.get(k) for k in ("min_score", "min_lead")] if isinstance(claim, dict) else []
    if len(numbers) != 2 or any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in numbers):
        problems.append(f"{COVERAGE}: 'selector_claim' needs the numbers min_score and min_lead")
        numbers = [0.0, 0.0]
    firm_raw = raw.get("selector_firm")
    firm = None
    if firm_raw is not None:
        values = (
            [firm_raw.get(k) for k in ("min_score", "min_lead", "min_support")] if isinstance(firm_raw, dict) else []
        )
        if len(values) != 3 or any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in values):
            problems.append(f"{COVERAGE}: 'selector_firm' needs the numbers min_score, min_lead and min_support")
        else:
            firm = (float(values[0]), float(values[1]), float(values[2]))
    topic_raw = raw.get("topic_words")
    topic = [topic_raw.get(k) for k in ("max_zipf", "below_score")] if isinstance(topic_raw, dict) else []
    if len(topic) != 2 or any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in topic):
        problems.append(f"{COVERAGE}: 'topic_words' needs the numbers max_zipf and below_score")
        topic = [0.0, -99.0]
    weak_raw = raw.get("weak_claim")
    weak = None
    if weak_raw is not None:
        values = [weak_raw.get(k) for k in ("below_score", "below_support")] if isinstance(weak_raw, dict) else []
        if len(values) != 2 or any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in values):
            problems.append(f"{COVERAGE}: 'weak_claim' needs the numbers below_score and below_support")
        else:
            weak = (float(values[0]), float(values[1]))
    if problems:
        raise KnowledgeError(problems)
    return Coverage(
        tuple(subjects),
        tuple(figures),
        float(zipf),
        float(numbers[0]),
        float(numbers[1]),
        firm,
        float(topic[0]),
        float(topic[1]),
        weak,
    )


_CONTRACTION = re.compile(r"\b[a-z]+['\u2019](?:ve|ll|re|d|m|s|t)\b")


@lru_cache(maxsize=4)
def _vocabulary(kb: KnowledgeBase) -> tuple[frozenset, dict[int, tuple[str, ...]]]:
    """Every word the knowledge items (names, aliases, typed words, texts) and the topics'
    examples use, as typed and as its base form, with the generic words; and the same by length."""
    from bot.lang.nlp import norm_word

    words = set(settings(kb).generic)
    texts = [" ".join([i.name, *i.aliases, *i.typed_as, i.text]) for i in kb.items.values()]
    texts += [e for t in faq_topics.topics(kb) for e in t.examples]
    for text in texts:
        for w in _words(text).split():
            words.update((w, norm_word(w)))
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(w)
    return frozenset(words), {n: tuple(ws) for n, ws in by_length.items()}


def _near(word: str, by_length: dict[int, tuple[str, ...]]) -> bool:
    """Whether a word of about the same length is at least 0.8 similar (difflib): a likely typo."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None)
    matcher.set_seq2(word)  # difflib caches the second sequence
    for n in range(len(word) - 2, len(word) + 3):
        for v in by_length.get(n, ()):
            matcher.set_seq1(v)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                return True
    return False


def _rare_unseen(text: str, vocabulary, by_length, limit: float) -> list[str]:
    """The words of a text (as typed) of 4+ letters, without a digit, not a contraction, not in
    `vocabulary` nor a likely typo of a word there, and rarer in English than `limit` (Zipf)."""
    from bot.knowledge.answers import _zipf
    from bot.lang.nlp import norm_word

    out = []
    for w in dict.fromkeys(_words(_CONTRACTION.sub(" ", (text or "").lower())).split()):
        base = norm_word(w)
        if len(w) < 4 or any(c.isdigit() for c in w) or w in vocabulary or base in vocabulary:
            continue
        if max(_zipf(w), _zipf(base)) >= limit:
            continue
        if not _near(w, by_length):
            out.append(w)
    return out


def unknown_words(text: str, kb: KnowledgeBase) -> list[str]:
    """The words of the message (as typed) that the guidance held here never uses: in no knowledge
    item or topic example, not a likely typo of a word there (similarity 0.8, words of 4+
    letters), without a digit, not a contraction, and rarer in English than unknown_word_max_zipf."""
    vocabulary, by_length = _vocabulary(kb)
    limit = coverage(kb).unknown_word_max_zipf
    return _rare_unseen(text, vocabulary, by_length, limit)


def uncovered_subject(text: str, kb: KnowledgeBase) -> str | None:
    """The subject of coverage.yml the message names (the earliest mention), or None."""
    words = _words(text)
    found = [(m.start(), subject) for subject, pattern in coverage(kb).subjects if (m := pattern.search(words))]
    return min(found)[1] if found else None


def _answered_items(found: Decision, kb: KnowledgeBase) -> list:
    if found.kind == "item":
        return [kb.items[found.key]]
    topic = next((t for t in faq_topics.topics(kb) if t.key == found.key), None)
    return [kb.items[a] for a in topic.answer] if topic else []


def _item_words(item) -> str:
    return _words(" ".join([item.name, *item.aliases, *item.typed_as, item.text]))


def _related_topics(found: Decision, kb: KnowledgeBase) -> list[str]:
    """The topic keys of an article that was not given: its own topic, or the topics answered by
    its item (none for the fallback itself)."""
    if found.kind == "topic":
        return [found.key]
    if found.kind != "item":
        return []
    return [t.key for t in faq_topics.topics(kb) if found.key in t.answer]


def _honest(text: str, first_line: str, found: Decision, kb: KnowledgeBase, ranking: list[dict]) -> Decision:
    """The fallback (nearest topics, who to ask) with its own first line; the topic the article was
    from comes first among the buttons (the practitioner may still want it), and a button the
    article carried (start a check, for a question set in a case) is kept."""
    base = not_covered(text, kb, ranking)
    keys = list(dict.fromkeys([*_related_topics(found, kb), *base.nearest]))[: max(len(base.nearest), 1)]
    lines = base.reply.text.split("\n")
    nearest_line = settings(kb).texts["nearest"]
    if keys and nearest_line not in lines:
        lines.insert(1, nearest_line)
    lines[0] = first_line
    buttons = tuple(Button(topic_label(k, kb), topic_payload(k, kb)) for k in keys)
    if found.kind in ("item", "topic"):
        buttons += tuple(b for b in found.reply.buttons if b not in buttons)
    return Decision(
        "not_covered", dataclasses.replace(base.reply, text="\n".join(lines), buttons=buttons), None, tuple(keys)
    )


def answer_or_not_covered(
    text: str, kb: KnowledgeBase, key: str | None, confidence: float, ranking: list[dict]
) -> Decision:
    """decide(), then the coverage check of an article: a question on a subject the guidance does
    not cover, asking for a timescale or an age the article does not give, with a rare word the
    guidance never uses, or that no topic really claims, gets the honest fallback; a fallback
    decide() gave names the uncovered subject when the question has one."""
    found = decide(text, kb, key, confidence, ranking)
    if found.kind == "not_covered":
        found = firmly_claimed(text, kb, key, confidence, ranking) or found
    if found.kind not in ("item", "topic", "not_covered"):
        return found
    asked = question_part(text, kb)
    subject = uncovered_subject(asked, kb)
    if found.kind == "not_covered":  # already the fallback: it names the subject when it can
        return (
            _honest(text, say("answers.not_covered_subject", subject=subject), found, kb, ranking) if subject else found
        )
    items = _answered_items(found, kb)
    if subject is None and asked != text and not claimed(ranking, kb):
        # a question set in a case whose topic the selector does not firmly claim: what the rest
        # names is the subject after all ("parents want to appeal to <a tribunal>, what's the
        # deadline?"), not the family's circumstances
        subject = uncovered_subject(text, kb)
        asked = text if subject is not None or unknown_words(text, kb) else asked
    if subject is not None:
        pattern = dict(coverage(kb).subjects)[subject]
        if not any(pattern.search(_item_words(i)) for i in items):
            return _honest(text, say("answers.not_covered_subject", subject=subject), found, kb, ranking)
    for kind, asks, given in coverage(kb).figures:
        if asks.search(_words(asked)) and not given.search(found.reply.text.lower()):
            line = say("answers.not_covered_timescale") if kind == "timescale" else say("answers.not_covered_age")
            return _honest(text, line, found, kb, ranking)
    unknown = unknown_words(asked, kb)
    if unknown:
        return _honest(text, say("answers.not_covered_word", word=unknown[0]), found, kb, ranking)
    if found.kind == "topic" and (
        unclaimed(ranking, kb)
        or (not_claimed(ranking, kb) and foreign_words(asked, found.key, kb))
        or weakly_claimed(text, asked, found.key, ranking, kb)
    ):
        return _honest(text, settings(kb).texts["not_covered"], found, kb, ranking)
    return found


def weakly_claimed(text: str, asked: str, key: str | None, ranking: list[dict], kb: KnowledgeBase) -> bool:
    """Whether the topic's article rests on a weak claim both ways: the FaqSelector's decision value
    for its top topic below weak_claim's below_score, and the topic's own words accounting for less
    than below_support of the question's key terms (bot.knowledge.answers.support, the whole message
    or its question part). False without scores or without weak_claim."""
    from bot.knowledge.answers import support

    weak = coverage(kb).weak
    top = ranking[0].get("score") if ranking else None
    if weak is None or not key or not isinstance(top, (int, float)) or isinstance(top, bool) or top >= weak[0]:
        return False
    return max(support(t, key, kb) for t in {text, asked}) < weak[1]


@lru_cache(maxsize=256)
def _topic_vocabulary(key: str, kb: KnowledgeBase) -> tuple[frozenset, dict[int, tuple[str, ...]]]:
    """Every word the topic's own examples and answer items use, as typed and as its base form,
    with the generic words; and the same by length."""
    from bot.lang.nlp import norm_word

    topic = next((t for t in faq_topics.topics(kb) if t.key == key), None)
    words = set(settings(kb).generic)
    texts = [*topic.examples, *(_item_words(kb.items[a]) for a in topic.answer)] if topic else []
    for text in texts:
        for w in _words(text).split():
            words.update((w, norm_word(w)))
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(w)
    return frozenset(words), {n: tuple(ws) for n, ws in by_length.items()}


def foreign_words(text: str, key: str | None, kb: KnowledgeBase) -> list[str]:
    """The words of the question that the topic's own examples and answer items never use (nor a
    likely typo of one), of 4+ letters, without a digit, not a contraction, and rarer in English
    than topic_words' max_zipf: what the question is about that the article does not mention."""
    if not key:
        return []
    vocabulary, by_length = _topic_vocabulary(key, kb)
    limit = coverage(kb).topic_max_zipf
    return _rare_unseen(text, vocabulary, by_length, limit)


def not_claimed(ranking: list[dict], kb: KnowledgeBase) -> bool:
    """Whether the FaqSelector's decision value for its top topic is below topic_words'
    below_score (0: the SVM's own line between claiming a message and not). False without scores."""
    top = ranking[0].get("score") if ranking else None
    return isinstance(top, (int, float)) and not isinstance(top, bool) and top < coverage(kb).topic_below_score


def question_part(text: str, kb: KnowledgeBase) -> str:
    """What the message asks: for a question set in a case ("dad was just sent to prison, what
    does non-engagement mean for the plan?"), its last clause, as decide() reads it (the case's
    names, places and circumstances are context, not the subject); else the whole message."""
    from bot.knowledge.answers import context_question, is_case_description

    question = context_question(text, kb)
    return question if question and is_case_description(text, kb) else text


def unclaimed(ranking: list[dict], kb: KnowledgeBase) -> bool:
    """Whether no topic really claims the message: the FaqSelector's decision value for its top
    topic (`score`, rasa_ext/faq_selector.py) is low and barely above the next one's. A softmax
    can be confident about such a message; the decision values are not. False without scores."""
    scores = [r.get("score") for r in ranking[:2]]
    if len(scores) < 2 or not all(isinstance(x, (int, float)) for x in scores):
        return False
    cov = coverage(kb)
    return scores[0] < cov.claim_min_score and scores[0] - scores[1] < cov.claim_min_lead


def firmly_claimed(
    text: str, kb: KnowledgeBase, key: str | None, confidence: float, ranking: list[dict]
) -> Decision | None:
    """The selector's topic, when decide() found the question's words too few in the topic's own
    words but the FaqSelector claims the message firmly (its top decision value at least
    selector_firm's min_score, that far ahead of the next topic's by min_lead, and some of the
    question's key terms in the topic's words: min_support). The coverage checks still follow."""
    from bot.knowledge.answers import answer_text, case_handoff, support

    firm = coverage(kb).firm
    key = (key or "").split("/", 1)[-1] or None
    scores = [r.get("score") for r in ranking[:2]]
    if firm is None or key is None or len(scores) < 2 or not all(isinstance(x, (int, float)) for x in scores):
        return None
    if str(ranking[0].get("intent_response_key") or "").split("/", 1)[-1] != key:
        return None
    if confidence < settings(kb).min_confidence or scores[0] < firm[0] or scores[0] - scores[1] < firm[1]:
        return None
    asked = question_part(text, kb)
    if max(support(t, key, kb) for t in {text, asked}) < firm[2]:
        return None
    found = answer_text(key, kb)
    if not found:
        return None
    extra = case_handoff(kb).reply.buttons[:1] if asked != text else ()
    return Decision("topic", Reply(found, extra), key)


def claimed(ranking: list[dict], kb: KnowledgeBase) -> bool:
    """Whether the FaqSelector's decision value for its top topic (`score`) firmly claims the
    message (at least selector_claim's min_score). True without scores (Rasa's own selector):
    nothing then says the claim is weak."""
    top = ranking[0].get("score") if ranking else None
    if not isinstance(top, (int, float)):
        return True
    return top >= coverage(kb).claim_min_score


def decision_for(tracker: Tracker) -> Decision | None:
    """What to answer to the latest message; None when it only asks to ask a question."""
    kb = get_kb()
    text = latest_text(tracker)
    if is_invitation(text, kb):
        return None
    key, confidence, ranking = selected_faq(tracker)
    return _nearest_last(answer_or_not_covered(text, kb, key, confidence, ranking), kb)


def _nearest_last(found: Decision, kb: KnowledgeBase) -> Decision:
    """The honest fallback's "The nearest topics I can answer from the guidance:" as its last line,
    just above the topics' buttons it introduces (it stood before the line on whom to ask, its
    colon leading to that line: S20-UX3)."""
    nearest = settings(kb).texts["nearest"]
    lines = found.reply.text.split("\n")
    if found.kind != "not_covered" or nearest not in lines or not found.reply.buttons:
        return found
    lines = [ln for ln in lines if ln != nearest] + [nearest]
    return dataclasses.replace(found, reply=dataclasses.replace(found.reply, text="\n".join(lines)))


def _nearest_named(found: Decision, kb: KnowledgeBase) -> str:
    """The fallback's text inside a walkthrough, where its buttons are not shown (the walk's
    question has its own): the nearest topics named in the line that introduces them."""
    nearest = settings(kb).texts["nearest"]
    titles = [b.title for b in found.reply.buttons if not b.payload.startswith("/")]
    named = f"{nearest} {'; '.join(titles)}." if titles else ""
    lines = [named if ln == nearest else ln for ln in found.reply.text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def answer_text_for(tracker: Tracker, covered_only: bool = False) -> str | None:
    """An aside in the middle of a walkthrough: the sourced answer or the honest "not covered",
    never the hand-over of a case (the walkthrough reads that message as an answer). With
    covered_only, only a sourced answer: a message that merely looks like a question (it ends
    with "?") is an answer unless the knowledge base has something on it (A8, H10)."""
    found = decision_for(tracker)
    if found is None or found.kind == "case" or (covered_only and found.kind == "not_covered"):
        return None
    return _nearest_named(found, get_kb()) if found.kind == "not_covered" else found.reply.text


def clarify_reply(tracker: Tracker) -> Reply | None:
    """At low confidence: the answer when the message names an item or is a practice question
    (sourced, or honestly not covered), the check for a case description, else None."""
    found = decision_for(tracker)
    if found is None:
        return None
    question = is_practice_question(latest_text(tracker))
    if found.kind == "topic" and not question and faq_confidence(tracker) < MIN_FAQ_FOR_A_TOPIC:
        # The FAQ selector ranks topics for every message, and a vague one ("check thing
        # please") can find a topic sharing a word with it; at low confidence, with the
        # classifier not reading it as a practice question either, asking beats guessing.
        return None
    if found.kind in ("item", "topic", "case") or question:
        return found.reply
    return None


MIN_FAQ_FOR_A_TOPIC = 0.3


def faq_confidence(tracker: Tracker) -> float:
    """The classifier's confidence that the latest message is a practice question (faq)."""
    for entry in tracker.latest_message.get("intent_ranking") or ():
        if entry.get("name") == "faq":
            return float(entry.get("confidence") or 0.0)
    return 0.0


class ActionAnswerQuestion(Action):
    """A practice question: the sourced answer, the item it names, or "the documents I hold
    don't cover that" with the nearest topics and who to ask. A case description is handed to
    the check instead."""

    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        found = decision_for(tracker)
        send(dispatcher, [found.reply if found is not None else ask_question_reply()])
        return []


def out_of_scope_decision(text: str, kb: KnowledgeBase, ranking: list[dict]) -> Decision | None:
    """For a message the classifier read as out_of_scope: the honest fallback ("the documents I
    hold don't cover that", naming the uncovered subject the question asks about where it can, the
    nearest topics as buttons, who to ask) when it is a practice question after all
    (bot/knowledge/practice_question.py); None for small talk and other work tasks, which keep
    utter_out_of_scope. Never an article: the classifier did not read it as a practice question,
    so nothing here is confident enough to answer it."""
    if not reads_as_practice_question(text, kb):
        return None
    found = not_covered(text, kb, ranking)
    subject = uncovered_subject(question_part(text, kb), kb)
    return _honest(text, say("answers.not_covered_subject", subject=subject), found, kb, ranking) if subject else found


class ActionOutOfScope(Action):
    """out_of_scope: "not something I can help with" (the domain's utter_out_of_scope) for small
    talk and other work tasks; the honest fallback for a practice question the classifier put
    there (issue 18, point 3). Called by the out_of_scope rule, outside a walkthrough only (in
    one, the walkthrough's form takes the message as its answer)."""

    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        _, _, ranking = selected_faq(tracker)
        found = out_of_scope_decision(latest_text(tracker), get_kb(), ranking)
        if found is None:
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            send(dispatcher, [found.reply])
        return []


def warm_up() -> None:
    """Load what the first practice question would otherwise wait for (the knowledge base, the
    coverage lists, the vocabulary of the guidance and wordfreq's English word list)."""
    kb = get_kb()
    coverage(kb)
    _vocabulary(kb)
    question = next((e for t in faq_topics.topics(kb) for e in t.examples), "")  # a topic's own example
    answer_or_not_covered(question, kb, None, 0.0, [])
    unknown_words(question, kb)
    reads_as_practice_question(question, kb)
