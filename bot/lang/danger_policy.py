"""decide_danger(): the one danger policy, the rules of bot/lang/danger.py with the NLU
classifier's intent. Imported by callers from bot.lang.danger (it re-exports these names).

The rules decide whenever they hear a danger signal; the classifier's `immediate_danger`
counts on its own only when the whole message is not framed as a question, a hypothetical,
the past, a pattern over time or a request to think a case through (or when an immediacy word
such as "now" or "tonight" is in it), and a word of harm ("bleeding", "alone", "knife" ...)
stands in it, not cancelled by its context. Read part by part (bot/lang/danger_frames.py), a
word of harm with a now-word in its own part keeps the classifier's word even when another
part of a long account is the past, a request or a signal the rules ruled out.

A broad reading (bot/lang/danger_broad.py: a class of situations from word classes, such as the
only adult there unable to care for a young child) adds a catch the rules did not make.

A learned second opinion (bot/lang/danger_learned.py, thresholds in danger_examples.yml) adds
an emergency the rules did not catch when its probability is high (also where they ruled a signal
out, when its settings say `ruled_out`, but never over an exclusion of its `guard`: an older child, a
safe adult, the danger dealt with; danger_learned.may_overturn, S14-DI13); a veto of a rule hit at a
very low probability with no acute word standing exists (`low`) and is off: the combination that
leave-one-set-out over the dev sets chose (scripts/danger_loso.py --learners).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.lang.danger import DANGER_INTENT, _cancelled, _excluded, _read, _rules, detect_danger
from bot.lang.danger_broad import broad_reading
from bot.lang.danger_learned import danger_probability, may_overturn, settings
from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.nlp import load_yaml, nlp_doc, on_reset, segments


@dataclass(frozen=True)
class DangerDecision:
    """The one danger policy's answer. immediate: give the 999 answer. by: "rules" or
    "classifier" (who heard danger), "" when not immediate. reason: why. overruled: the
    classifier said immediate_danger and the context reading overruled it."""

    immediate: bool
    by: str
    reason: str
    overruled: bool = False


def acute_word(text: str, told_now: bool = False) -> str:
    """The first acute word (`acute` in danger.yml) whose context does not cancel it, with
    or without a now-word; "" when there is none. The classifier's `immediate_danger` needs
    one to stand on its own: a message with no word of harm in it is not an emergency on the
    classifier's word alone.

    told_now: only an acute word whose own part of the message (danger_frames.py) is told as
    now (a now-word, or the present tense with the practitioner at the scene) and holds no
    danger signal the rules ruled out."""
    if not text or not text.strip():
        return ""
    rules = _rules()
    doc, sent_ids, clause_ids, ctx, frames = _read(text, rules)
    ruled_out = set()
    if told_now:
        for key, start, end in rules.matcher(doc):
            sig = doc.vocab.strings[key]
            if not _excluded(doc, sig, start, end, rules, ctx):
                ruled_out.add(frames.scope(start))
    for key, start, end in sorted(rules.acute(doc), key=lambda m: (m[1], -m[2])):
        kind = doc.vocab.strings[key]
        if any(seq.matches_at(doc, end) for seq in rules.acute_not_followed):
            continue
        times = frames.times(start)
        if told_now and (
            frames.scope(start) in ruled_out or not ("now" in times or (frames.scene and "present" in times))
        ):
            continue
        if not _cancelled(doc, kind, start, end, sent_ids, clause_ids, ctx, rules, frames, tense=False):
            return doc[start:end].text
    return ""


@lru_cache(maxsize=1)
def _habitual_present() -> tuple:
    return tuple(re.compile(str(rx)) for rx in load_yaml("danger.yml").get("habitual_present") or [])


on_reset(_habitual_present.cache_clear)


def message_frame(text: str) -> str:
    """Why the whole message reads as something other than an emergency now (a question, a
    hypothetical or exercise, the past, a pattern over time, a request to think a case
    through), or "" when it does not, or when an immediacy word ("now", "tonight") is in it."""
    if not text or not text.strip():
        return ""
    rules = _rules()
    doc = nlp_doc(text)
    kinds = {doc.vocab.strings[key] for key, _s, _e in rules.context(doc)}
    if "immediate" in kinds:
        return ""
    low = text.replace("\u2019", "'").lower()
    if any(rx.search(low) for rx in _habitual_present()):
        kinds.add("habitual")  # "his brother hits him": a habit told in the present (S12-DI11)
    for kind, why in (
        ("hypothetical", "hypothetical"),
        ("framing", "hypothetical"),
        ("historic", "in the past"),
        ("repeated", "in the past"),
        ("background", "in the past"),
        ("habitual", "a pattern over time, not now"),
        ("request", "a request to think the case through"),
        ("meta", "talked about in general"),
        ("safe_told", "a child said to feel safe"),
        ("safe_adult", "another adult is caring for the child"),
    ):
        if kind in kinds:
            return why
    sent_ids, _clause_ids = segments(doc)
    words = [t for t in doc if not t.is_punct]
    if words and (words[0].norm_ in rules.question_words or text.rstrip().endswith("?")):
        return "asked as a question"
    return ""


def decide_danger(text: str, intent: str | None = None, confidence: float = 0.0) -> DangerDecision:
    """The one danger policy, for every caller (NLU component, walkthroughs, channels).

    The rules decide when they hear a danger signal: immediate when its context leaves it
    standing, not immediate when the context cancels it (whatever the classifier says).
    When the rules hear nothing, the classifier's `immediate_danger` (intent, confidence)
    stands only when the message as a whole is not framed as something else (message_frame)
    and a word of harm stands in it (acute_word)."""
    found = detect_danger(text or "")
    learned = None if (text or "").startswith("/") else danger_probability(text or "")
    limits = settings() if learned is not None else {}
    if found.immediate:
        # a rule catch is taken back only when the settings hold a veto (`low`, chosen by
        # leave-one-set-out), the probability is that low and no acute word stands in the message
        low = limits.get("low")
        if low is not None and learned <= low and not acute_word(text or ""):
            return DangerDecision(False, "", f"{found.reason}, taken back by the learned reading ({learned:.2f})")
        return DangerDecision(True, "rules", found.reason)
    broad = broad_reading(text or "")
    if broad and not near_miss_form(text or ""):
        # a class of situation read whole (danger_broad.py): it stands even where a rule's context
        # ruled its own signal out, as its word classes carry their own time and frame
        return DangerDecision(True, "rules", f"the broad reading: {broad.replace('_', ' ')}")
    if (
        limits.get("high") is not None
        and learned >= limits["high"]
        and may_overturn(found.mentioned, found.reason, limits, text or "")
    ):
        # where the rules heard nothing; where they heard a signal and ruled it out (a question,
        # the past, a pattern) only when the settings say `ruled_out: true`, and never over an
        # exclusion of the settings' `guard` (an older child, a safe adult, the danger dealt with),
        # nor, in a short message, of its `short_guard` (talked about in general, S22-DL23)
        return DangerDecision(True, "learned", f"the learned reading ({learned:.2f})")
    said = intent == DANGER_INTENT
    if said and not (text or "").startswith("/") and (found.mentioned or message_frame(text or "")):
        # a long account read part by part: a signal ruled out or a frame (the past, a request
        # ...) in one part does not overrule the classifier when a word of harm stands in
        # another part told as now ("a history of overdoses, she is not breathing right now")
        word = acute_word(text or "", told_now=True)
        if word:
            return DangerDecision(True, "classifier", f"the classifier (confidence {confidence:.2f}), '{word}' now")
    if found.mentioned:
        return DangerDecision(False, "", found.reason, overruled=said)
    if not said:
        return DangerDecision(False, "", "")
    if (text or "").startswith("/"):
        return DangerDecision(True, "classifier", "the emergency button")
    frame = message_frame(text or "")
    if frame:
        return DangerDecision(False, "", f"the classifier heard danger but the message is {frame}", overruled=True)
    word = acute_word(text or "")
    if not word:
        return DangerDecision(
            False, "", "the classifier heard danger but no word of harm stands in the message", overruled=True
        )
    return DangerDecision(True, "classifier", f"the classifier (confidence {confidence:.2f}), '{word}'")
