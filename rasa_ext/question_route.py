"""Practice questions the intent classifier routed to a request (issue 18, point 2), as an NLU component.

It runs after the danger component and before the fallback classifier. When the classifier's
top intent is one whose messages may be practice questions after all (start a check, help, a
case's chronology, pause, goodbye: knowledge/language/coverage.yml, `practice_question.requests_of`) and
bot.knowledge.practice_question.answered_instead reads the message as a practice question with
no sign of that request and no case told, the intent becomes `faq` with the same confidence, so
that the practice-question rule answers it: the sourced article or the honest fallback
(actions/answers.py). In the ranking the classifier's intent takes the confidence it gave `faq`
(the two swap places, so the fallback classifier's ambiguity check reads the ranking as it read
the classifier's own); `question_route` in the parse data names the classifier's intent.

A message the classifier sent to `faq` that names a case reference in the shape the checks are given
(letters, a dash, two or three digits: 'SNV-27', 'lw-46'; never a term such as 'ASQ-3', 'GCP2' or 's47')
asks about that case's record, not about practice: it takes the best-ranked of the record intents
(`case_summary`, `show_chronology`, `distance_travelled`), the two swapping places in the same way;
`record_route` in the parse data names the classifier's intent.

A practice question framed as a claim to confirm ("is it true (that) X", "am I right that X": the
`truth_frames` of knowledge/language/questions.yml) that the classifier read as one of the short
answers or courtesies the frames name (affirm, thank, pause, ...: "true" and "right" are words of
affirm) asks about X: it becomes `faq` in the same way; `question_route` names the classifier's intent.

A practice question that opens as a question ("can a parent refuse early help?") and that the classifier
read as a short answer (affirm, deny, unsure: `short_answer_questions` of knowledge/language/questions.yml;
"no" and "not sure" are their words) asks its question: it becomes `faq` in the same way (session 23).

It never touches `immediate_danger` (not an intent of `requests_of`), nor a message the danger
rules read as danger (`danger_rule`), nor a command the command component read (`command_rule`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.lang.nlp import as_list, load_yaml, on_reset
from rasa_ext.component_base import RuleComponent

QUESTION_INTENT = "faq"
RECORD_INTENTS = ("case_summary", "show_chronology", "distance_travelled")
CASE_REFERENCE = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z]{2,4}-\d{2,3}(?![A-Za-z0-9-])")


def swap(message: Message, name: str, to: str, key: str) -> None:
    """`to` takes the confidence the classifier gave `name`, and `name` the one it gave `to`."""
    intent = message.get(INTENT) or {}
    ranking = list(message.get(INTENT_RANKING_KEY) or [])
    confidence = float(intent.get("confidence") or 0.0)
    was = next((float(r.get("confidence") or 0.0) for r in ranking if r.get("name") == to), 0.0)
    routed = {"name": to, "confidence": confidence}
    # the two swap places: the fallback classifier's ambiguity check then reads the ranking as it
    # read the classifier's own (the two tied at the top would make every routed message ambiguous)
    others = [r for r in ranking if r.get("name") not in (to, name)]
    ranking = sorted([routed, {"name": name, "confidence": was}, *others], key=lambda r: -r["confidence"])
    message.set(INTENT, routed, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    message.set(key, name, add_to_output=True)


@lru_cache(maxsize=1)
def _truth_frames() -> tuple[re.Pattern | None, int, frozenset[str]]:
    spec = load_yaml("questions.yml").get("truth_frames") or {}
    frames = sorted((str(f).lower() for f in as_list(spec.get("frames"))), key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in frames)
    pattern = re.compile(rf"^\W*(?:{alternatives})\b") if frames else None
    return pattern, int(spec.get("min_claim_words", 3)), frozenset(as_list(spec.get("intents")))


on_reset(_truth_frames.cache_clear)


def truth_frame_question(text: str, name: str | None) -> bool:
    """A claim to confirm ("is it true the core group meets monthly"), read by the classifier as
    one of the frames' intents (affirm, thank, ...), asks about its claim: a practice question."""
    pattern, min_claim_words, intents = _truth_frames()
    if pattern is None or name not in intents:
        return False
    lowered = (text or "").lower().replace("\u2019", "'")
    found = pattern.match(lowered)
    return bool(found) and len(re.findall(r"[a-z0-9']+", lowered[found.end() :])) >= min_claim_words


@lru_cache(maxsize=1)
def _short_answer_spec() -> tuple[frozenset[str], int]:
    spec = load_yaml("questions.yml").get("short_answer_questions") or {}
    return frozenset(as_list(spec.get("intents"))), int(spec.get("min_words", 5))


on_reset(_short_answer_spec.cache_clear)


def short_answer_question(text: str, name: str | None, kb) -> bool:
    """A practice question that opens as a question, read by the classifier as a short answer
    ("can a family say no to early help?" as deny): questions.yml `short_answer_questions`."""
    from bot.knowledge.practice_question import is_practice_question
    from bot.lang.questions import opens_like_a_question

    intents, min_words = _short_answer_spec()
    if name not in intents or len(re.findall(r"[A-Za-z0-9']+", text or "")) < min_words:
        return False
    first = re.split(r"[,.;:!?]|\s[-\u2013]\s", (text or "").strip(), maxsplit=1)[0]
    return opens_like_a_question(first) and is_practice_question(text, kb)


def record_intent(text: str, name: str, ranking: list[dict]) -> str | None:
    """The record intent a `faq` message naming a case reference asks for: the best ranked."""
    if name != QUESTION_INTENT or not CASE_REFERENCE.search(text):
        return None
    return next((r["name"] for r in ranking if r.get("name") in RECORD_INTENTS), None)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class QuestionRoute(RuleComponent):
    def process_text(self, message: Message, text: str) -> None:
        from bot.knowledge.loader import get_kb
        from bot.knowledge.practice_question import answered_instead

        intent = message.get(INTENT) or {}
        name = intent.get("name")
        if not name or message.get("command_rule") or message.get("danger_rule"):
            return
        record = record_intent(text, name, list(message.get(INTENT_RANKING_KEY) or []))
        if record:
            swap(message, name, record, "record_route")
        elif (
            truth_frame_question(text, name)
            or answered_instead(text, name, get_kb())
            or short_answer_question(text, name, get_kb())
        ):
            swap(message, name, QUESTION_INTENT, "question_route")
