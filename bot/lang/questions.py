"""is_practice_question(): at a free-text question of a walkthrough, is this message a
question about practice (to answer, then ask again) rather than the answer (to store)?

Rules and word lists in knowledge/language/questions.yml: a message is a question when it
ends with "?", or when it opens like one ("what is ...", "can I ...") and holds no answer
content (a reporting word such as "said", or a personal detail). Anything else typed at a
free-text question is the answer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.nlp import as_list, load_yaml, on_reset

_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")
KEYS = ("question_words", "auxiliaries", "question_verbs", "subjects", "reporting_words")


@lru_cache(maxsize=1)
def _rules() -> dict[str, frozenset]:
    data = load_yaml("questions.yml")
    return {key: frozenset(str(w).lower().replace("\u2019", "'") for w in as_list(data.get(key))) for key in KEYS}


on_reset(_rules.cache_clear)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def opens_like_a_question(text: str) -> bool:
    rules = _rules()
    words = _words(text)
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first in rules["question_words"]:
        return second in rules["auxiliaries"] or second in rules["question_verbs"]
    if first in rules["auxiliaries"]:
        return second in rules["subjects"]
    return False


def has_answer_content(text: str) -> bool:
    from bot.lang.scrub import scrub

    rules = _rules()
    if any(w in rules["reporting_words"] for w in _words(text)):
        return True
    return bool(scrub(text).removed)


def is_practice_question(text: str) -> bool:
    """True when the message is a question about practice rather than an answer."""
    text = (text or "").strip()
    if not text:
        return False
    if text.endswith("?"):
        return True
    return opens_like_a_question(text) and not has_answer_content(text)
