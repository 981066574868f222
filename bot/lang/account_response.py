"""How the parents respond to help (q_engagement), from a case account's own cues, where the
question's option words (bot/lang/answers.py) read no answer or the weaker one
(bot/lang/account.py):

  hostile    a parent shouting or swearing at the practitioner or staff, telling them to get
             out or to stop ("he shouts at me to get out", "told me to stop interfering"): read
             over "avoiding" (the same parent keeping help out, and more)
  changing   a parent's own act of change in response ("booked the follow up", "fitted them
             that week", "mum now has a routine"), only where nothing else was read

A cue after a negation in its clause is none; a cue needs a parent named in its sentence or the
one before (or a pregnancy). Words: account_words.yml account.response.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_strengths import _negated
from bot.lang.answer_words import lexicon
from bot.lang.nlp import as_list, on_reset


def _rules() -> dict:
    return (lexicon().get("account") or {}).get("response") or {}


@lru_cache(maxsize=1)
def _compiled() -> dict:
    r = _rules()
    ps = (lexicon().get("account") or {}).get("parent_state") or {}

    def rx(key):
        words = sorted((str(w) for w in as_list(r.get(key))), key=len, reverse=True)
        return re.compile(rf"\b(?:{'|'.join(words)})(?!\w)") if words else None

    strengths = (lexicon().get("account") or {}).get("strengths") or {}
    negations = {str(w).lower() for w in as_list(strengths.get("negations"))}
    return {
        "hostile": rx("hostile"),
        "changing": rx("changing"),
        "negations": negations,
        "parents": {str(w).lower() for w in as_list(ps.get("parents"))},
    }


on_reset(_compiled.cache_clear)


def read_response(sentences: list[str], current: str | None, unborn: bool = False) -> tuple[str, str] | None:
    """(value, words) for q_engagement that stands for `current` (the option words' reading, or
    None), or None to keep it."""
    if current not in (None, "avoiding") or (current == "avoiding" and not _rules().get("hostile")):
        return None
    c = _compiled()
    before = ""
    for kind in ("hostile", "changing"):
        if kind == "changing" and current is not None:
            continue
        before = ""
        for raw in sentences:
            s = " ".join(raw.lower().replace("\u2019", "'").split())
            named = unborn or bool(set(re.findall(r"[a-z']+", before + " " + s)) & c["parents"])
            before = s
            if not named or c[kind] is None:
                continue
            for m in c[kind].finditer(s):
                if not _negated(c, s, m):
                    return kind, raw.strip(" .;")
    return None
