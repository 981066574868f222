"""The rule-based language layer: ages, durations, due dates, scrubbing, danger, cues.

Plain Python on a blank spaCy English pipeline with a lookup lemmatizer; no trained model
and no Rasa. The rules (phrases, patterns, word lists, follow-up questions) live in
knowledge/language/*.yml; the code is split over bot/lang/:

    parse_age(text) -> Age | None                       bot/lang/age.py
    parse_duration(text, today) -> Duration | None      bot/lang/when.py
    parse_due_date(text, today) -> date | None          bot/lang/when.py
    scrub(text) -> Scrubbed                             bot/lang/scrub.py
    scrub_part(part, whole) -> Scrubbed                 bot/lang/scrub.py
    detect_danger(text) -> Danger                       bot/lang/danger.py
    find_cues(text) -> tuple[Cue, ...]                  bot/lang/cues.py
    is_practice_question(text) -> bool                  bot/lang/questions.py

The spaCy pipeline is built once, on the first call that needs it (detect_danger,
find_cues), never at import; `warm_up()` builds it ahead of time (e.g. when the action
server starts) and `reload_rules()` rereads knowledge/language/ after an edit.
"""

from __future__ import annotations

from bot.lang.age import Age, band_for, parse_age
from bot.lang.cues import Cue, CueKind, cue_kinds, find_cues
from bot.lang.danger import Danger, detect_danger
from bot.lang.nlp import get_nlp, reset_caches
from bot.lang.questions import is_practice_question
from bot.lang.scrub import Scrubbed, scrub, scrub_part
from bot.lang.when import Duration, parse_due_date, parse_duration

__all__ = [
    "Age",
    "Duration",
    "Scrubbed",
    "Danger",
    "Cue",
    "CueKind",
    "parse_age",
    "parse_duration",
    "parse_due_date",
    "scrub",
    "scrub_part",
    "detect_danger",
    "find_cues",
    "is_practice_question",
    "cue_kinds",
    "band_for",
    "warm_up",
    "reload_rules",
]


def warm_up() -> None:
    """Build the pipeline and compile every rule now rather than on the first message."""
    get_nlp()
    detect_danger("warm up")
    find_cues("warm up")
    scrub("warm up")


def reload_rules() -> None:
    """Forget the compiled rules so that the next call rereads knowledge/language/."""
    reset_caches()
