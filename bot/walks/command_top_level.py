"""Top-level readings (issue 18, session 21, S21-RT5): intents that are no command of a walk.

A message that is wholly a courtesy, a question about the assistant, an ask to ask, a supervisor's
team view or a request to be tested (knowledge/language/commands.yml `top_level`) gets that intent at
the top level (rasa_ext/commands.py) when no command reads it. Never inside a walk: decide() does not
read them, and their intents are no command there. Read part by part as the typed forms are
(bot.walks.command_parts.match_parts), with slips mended."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.lang.nlp import as_list, build_matcher, load_yaml, nlp_doc, on_reset
from bot.walks.command_parts import REASON, match_parts
from bot.walks.commands import expand, mend


@dataclass(frozen=True)
class TopLevel:
    max_words: int
    order: tuple[str, ...]  # the intents, in the order they are tried
    matcher: Any
    polite: tuple[tuple[str, ...], ...]  # words a part may hold besides a form ("pls", "x")


@lru_cache(maxsize=1)
def top_level_forms() -> TopLevel:
    data = load_yaml("commands.yml")
    spec = data.get("top_level") or {}
    words = {k: [str(w) for w in as_list(v)] for k, v in ((data.get("typed_forms") or {}).get("words") or {}).items()}
    words |= {k: [str(w) for w in as_list(v)] for k, v in (spec.get("words") or {}).items()}
    patterns = spec.get("patterns") or {}
    entries = [(name, expand(str(p), words)) for name, ps in patterns.items() for p in as_list(ps)]
    # a reason given with a courtesy ("going now, taxi's here, bye"): only beside the intent's own form
    reasons = spec.get("reasons") or {}
    entries += [(REASON + n, expand(str(p), words)) for n, ps in reasons.items() for p in as_list(ps)]
    polite = {tuple(t.norm_ for t in nlp_doc(str(w)) if not t.is_punct) for w in as_list(spec.get("polite"))}
    return TopLevel(
        int(spec.get("max_words", 12)),
        tuple(patterns),
        build_matcher(entries, {}),
        tuple(sorted(filter(None, polite), key=len, reverse=True)),
    )


on_reset(top_level_forms.cache_clear)


def read_top_level(message: str) -> str | None:
    """The intent of a message wholly one of commands.yml's `top_level` forms ("ta 4 that x",
    "goodbye all", "is this a chatbot", "can I ask something", "all staff cases", "test me on WNB"),
    part by part, with slips mended as for the typed forms; None for anything else."""
    if not message or message.startswith("/"):
        return None
    forms = top_level_forms()
    # "&" and a plural's apostrophe join words, they do not end a part ("my officers' checks")
    plain = re.sub(r"(?<=s)['’](?=\s|$)", "", message.replace("&", " and "))
    if len(re.findall(r"\w+", plain)) > 2 * forms.max_words:
        return None
    for text in (plain, mend(plain)):
        name = match_parts(text, forms.matcher, forms.order, forms.polite, forms.max_words)
        if name:
            return name
    return None
