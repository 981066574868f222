"""(S20-LC12) Types an account says are not a worry as a whole, not type by type (a part of
bot/lang/account.py, split by concern):

- a list of everyday topics said to be fine ("Food, clothes and health are all fine"; "no other
  worries at all about food, school, health or home"): each topic's type is no worry;
- the rest said fine beside one worry ("Everything else is fine: ...", "My one worry is his
  learning", "The one thing I'm worried about is food"): every type the account does not
  describe is no worry, and the one worry's own type, named by its topic, is seen.

A type with any sign in the account is never made "no" here (the caller passes the types with
signs), a hedged sentence or a question says nothing, and a time past ("my one worry was") is no
frame. Words in knowledge/language/account_words.yml (account.rest_fine)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_signs import _clean_words, _has_phrase, settings
from bot.lang.nlp import as_list, on_reset


@lru_cache(maxsize=1)
def _rule() -> dict:
    rule = settings().get("rest_fine") or {}
    topics = {
        _clean_words(str(w)): str(t)
        for t, words in (rule.get("topics") or {}).items()
        if t != "basis"
        for w in as_list(words)
    }
    glue = {_clean_words(str(w)) for w in as_list(rule.get("list_glue"))}

    def alts(key: str) -> list[str]:
        return sorted({_clean_words(str(w)) for w in as_list(rule.get(key))}, key=len, reverse=True)

    return {
        "topics": topics,
        "glue": glue,
        "fine_after": alts("fine_after"),
        "fine_before": alts("fine_before"),
        "one_worry": alts("one_worry"),
        "rest": alts("rest"),
        "not_after": {_clean_words(str(w)) for w in as_list(rule.get("not_after_one_worry"))},
        "not_topics": {_clean_words(str(w)) for w in as_list(rule.get("not_topics"))},
        "owners": {_clean_words(str(w)) for w in as_list(rule.get("owners"))},
    }


on_reset(_rule.cache_clear)


def _sentences(doc, sents: list[int]) -> list[str]:
    out: dict[int, list[str]] = {}
    for t in doc:
        out.setdefault(sents[t.i], []).append(t.text_with_ws)
    return ["".join(ws) for _, ws in sorted(out.items())]


def _topic_at(words: list[str], i: int, topics: dict) -> tuple[str | None, int]:
    """The type of a topic of one or two words starting at words[i], and its length."""
    if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in topics:
        return topics[f"{words[i]} {words[i + 1]}"], 2
    return topics.get(words[i]), 1


def _list_types(words: list[str], rule: dict, backwards: bool) -> set[str]:
    """The types of a run of topics joined by list words ("food, clothes and health"), read
    away from the frame; it ends at the first word that is neither."""
    found: set[str] = set()
    seq = list(reversed(words)) if backwards else words
    i = 0
    while i < len(seq):
        if backwards and i + 1 < len(seq):
            two = f"{seq[i + 1]} {seq[i]}"
            if two in rule["not_topics"]:
                break  # ("mental health"): a parent's, no topic of the child
            if two in rule["topics"]:
                found.add(rule["topics"][two])
                i += 2
                continue
        if not backwards and i + 1 < len(seq) and f"{seq[i]} {seq[i + 1]}" in rule["not_topics"]:
            break
        t, n = (rule["topics"].get(seq[i]), 1) if backwards else _topic_at(seq, i, rule["topics"])
        if t is not None:
            owner = seq[i + 1] if backwards and i + 1 < len(seq) else (seq[i - 1] if not backwards and i else "")
            if owner in rule["owners"]:
                break  # ("mum's health"): the parent's
            found.add(t)
            i += n
        elif seq[i] in rule["glue"]:
            i += 1
        else:
            break
    return found


def _find(words: str, phrase: str) -> list[int]:
    """Word offsets where the phrase starts in the words."""
    padded = f" {words} "
    out = []
    for m in re.finditer(re.escape(f" {phrase} "), padded):
        out.append(len(padded[: m.start() + 1].split()))
    return out


def rest_fine(doc, sents: list[int]) -> tuple[dict[str, str], dict[str, str], str]:
    """(type -> the sentence that lists it as fine, type -> the sentence that names it as the one
    worry, the sentence that says the rest is fine or "")."""
    rule = _rule()
    hedges = [_clean_words(str(w)) for w in as_list(settings().get("sign_hedges"))]
    fine: dict[str, str] = {}
    one: dict[str, str] = {}
    rest = rest_said = ""
    for sentence in _sentences(doc, sents):
        if "?" in sentence:
            continue
        words = _clean_words(sentence)
        if not words or _has_phrase(words, hedges):
            continue
        said = sentence.strip(" .;")
        tokens = words.split()
        for phrase in rule["fine_after"]:  # "<food, clothes and health> are all fine"
            for at in _find(words, phrase):
                for t in _list_types(tokens[:at], rule, backwards=True):
                    fine.setdefault(t, said)
        for phrase in rule["fine_before"]:  # "no other worries at all about <food, school, ...>"
            for at in _find(words, phrase):
                for t in _list_types(tokens[at + len(phrase.split()) :], rule, backwards=False):
                    fine.setdefault(t, said)
        if not rest_said and any(_find(words, phrase) for phrase in rule["rest"]):  # "everything else is fine"
            rest_said = said
        for phrase in rule["one_worry"]:  # "my one worry is <his learning>"
            for at in _find(words, phrase):
                after = tokens[at + len(phrase.split()) :]
                if after and after[0] in rule["not_after"]:
                    continue  # ("my one worry is whether I'm too comfortable"): no topic named
                for i in range(min(len(after), 4)):
                    t, _ = _topic_at(after, i, rule["topics"])
                    if t is not None:
                        one.setdefault(t, said)
                        rest = rest or said
                        break
    return fine, one, rest_said or rest


def fine_and_one_worry(
    doc, sents: list[int], plan, signed: set[str], held: set[str], seen_ids: set[str], no_or_mixed: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(types said fine -> the words that said it, the one worry's type -> its words) for
    read_account: `signed` are the types with any sign, `held` those the account already settles
    (signed, taken back, said no worry type by type or mixed: `no_or_mixed`): none is made "no" here,
    and the one worry is never a type seen already, said no worry or mixed."""
    listed, one, rest = rest_fine(doc, sents)
    one = {t: w for t, w in one.items() if t not in signed or t in seen_ids}
    fine_said = {
        t.id: listed.get(t.id) or rest
        for t in plan.kb.neglect_types
        if t.id not in held and t.id not in one and (t.id in listed or rest)
    }
    one_worry = {t: w for t, w in one.items() if t not in fine_said and t not in no_or_mixed and t not in seen_ids}
    return fine_said, one_worry
