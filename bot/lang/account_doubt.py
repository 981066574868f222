"""Pre-fills left to be asked (bot/lang/account.py): an item whose words come only from sentences
about another time ("9 months ago when she was missing school"), another person ("the landlord
won't let them"), or a plan agreed without what came of it ("has agreed to everything") is not
filled in; the check asks it. A structural safeguard, whatever sign or answer words were read:
the words are account_words.yml account.doubt."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_whose import settings
from bot.lang.nlp import as_list, on_reset


def _words(key: str) -> list[str]:
    return [str(w).lower() for w in as_list((settings().get("doubt") or {}).get(key)) if str(w).strip()]


def _any_of(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])")


@lru_cache(maxsize=1)
def _rules() -> dict:
    units = "|".join(re.escape(w) for w in _words("time_units"))
    past = "|".join(re.escape(w) for w in _words("time_past"))
    ago = re.compile(rf"(?<![a-z0-9])(?:{units})\s+(?:{past})(?![a-z0-9])") if units and past else None
    kinds = (settings().get("doubt") or {}).get("kinds") or {}
    return {
        "time": _any_of(_words("another_time")),
        "ago": ago,
        "ongoing": _any_of(_words("ongoing")),
        "person": _any_of(_words("another_person")),
        "agreement": _any_of(_words("agreement")),
        "outcome": re.compile(
            "|".join(
                rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])" if w.replace(" ", "").isalpha() else re.escape(w)
                for w in _words("outcome")
            )
        )
        if _words("outcome")
        else None,
        "kinds": {k: {str(q) for q in as_list(v)} for k, v in kinds.items()},
    }


on_reset(_rules.cache_clear)


def sentences(text: str) -> list[str]:
    """The account cut where a sentence, a clause after a semicolon or a line ends."""
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def sentences_of(evidence: str, sents: list[str]) -> list[str]:
    """The sentences that hold the item's words (its evidence: clauses or words, joined by
    '; ' or ', ')."""
    pieces = [p.strip(" .;,'\"").lower() for p in re.split(r"; |, ", evidence)]
    out: list[str] = []
    for p in pieces:
        if not p:
            continue
        for s in sents:
            if p in s.lower() and s not in out:
                out.append(s)
    return out


def another_time(sentence: str) -> bool:
    r = _rules()
    s = sentence.lower()
    at = [m.start() for pat in (r["time"], r["ago"]) if pat is not None for m in [pat.search(s)] if m]
    if not at:
        return False
    return not (r["ongoing"] is not None and r["ongoing"].search(s[: min(at)]))


def another_person(sentence: str) -> bool:
    pat = _rules()["person"]
    return bool(pat is not None and pat.search(sentence.lower()))


def agreement_only(sentence: str) -> bool:
    r = _rules()
    s = sentence.lower()
    return bool(r["agreement"] is not None and r["agreement"].search(s)) and not (
        r["outcome"] is not None and r["outcome"].search(s)
    )


TESTS = (("another_time", another_time), ("another_person", another_person), ("agreement", agreement_only))


def why_doubted(item, sents: list[str]) -> str | None:
    """The rule (account.doubt.kinds) that leaves an item to be asked, or None."""
    if item.value == "no":  # said not to be a worry: never doubted
        return None
    kind = item.question_id.partition("__")[0]
    held = sentences_of(item.evidence, sents)
    if not held:
        return None
    for name, test in TESTS:
        if kind in _rules()["kinds"].get(name, set()) and all(test(s) for s in held):
            return name
    return None


def without_doubted(items: list, text: str) -> list:
    """The items no rule of account.doubt leaves to be asked."""
    sents = sentences(text)
    return [i for i in items if why_doubted(i, sents) is None]
