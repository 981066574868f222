"""The tenth to seventeenth passes of issue 20 in the order bot/lang/scrub.py runs them: each pass's
name rules after the earlier passes' names, its place rules after theirs. The later passes build
on the tenth's helpers, so the tenth must not call them: this module calls each."""

from __future__ import annotations

from bot.lang.details import (
    eleventh_pass,
    fifteenth_pass,
    fourteenth_pass,
    seventeenth_pass,
    sixteenth_pass,
    span_forms,
    tenth_pass,
    thirteenth_pass,
    twelfth_pass,
)
from bot.lang.details.word_names import (
    capitalised_words_before_places,
    towns_before_postcodes,
    unit_words_before_numbers,
    venues_after_the,
)


def names(text: str, cfg: dict, spans: list, take) -> None:
    tenth_pass.names(text, cfg, spans, take)
    eleventh_pass.names(text, cfg, spans, take)
    twelfth_pass.names(text, cfg, spans, take)
    thirteenth_pass.names(text, cfg, spans, take)
    fourteenth_pass.names(text, cfg, spans, take)
    fifteenth_pass.names(text, cfg, spans, take)
    sixteenth_pass.names(text, cfg, spans, take)
    seventeenth_pass.names(text, cfg, spans, take)
    span_forms.forms(text, cfg, spans, take)


def places(text: str, cfg: dict, spans: list, take) -> None:
    tenth_pass.places(text, cfg, spans, take)
    eleventh_pass.places(text, cfg, spans, take)
    twelfth_pass.places(text, cfg, spans, take)
    thirteenth_pass.places(text, cfg, spans, take)
    fourteenth_pass.places(text, cfg, spans, take)
    fifteenth_pass.places(text, cfg, spans, take)


def last_places(text: str, cfg: dict, spans: list, take) -> None:
    """The place forms of bot/lang/details/word_names.py, after every pass's places; then the
    sixteenth pass gives back what identifies nobody (a charity, a service, a chain's shop)."""
    for form in (towns_before_postcodes, capitalised_words_before_places, venues_after_the, unit_words_before_numbers):
        form(text, cfg, spans, take)
    sixteenth_pass.places(text, cfg, spans, take)
