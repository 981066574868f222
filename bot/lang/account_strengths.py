"""Strengths in a case account (q_strengths, bot/lang/account.py): each kind read from what a
sentence states of a protective factor, so that the set is the account's whole list.

  supportive_adult   a supporter (account.strengths.supporters) and a word of support within a
                     few words ("her nan helps with childcare", "dad still has him every other
                     weekend", "Nan is the one protective factor")
  parent_insight     a parent who sees the problem or asks for help ("asked us for help",
                     "wants to do better", "was mortified")
  warm_relationship  warmth or a bond ("mum is gentle and responsive", "they're really close"),
                     never said of a home ("the flat is warm")
  school_nursery     attending well ("attendance 97%", "comes in every day")

A cue after a negation in its clause ("dad isn't around", "no family nearby"), in a sentence
about the past only, or in a sentence said of another child (the caller passes the account
without them) is no strength; a cue in a hedged sentence ("bonding well as far as I can tell")
leaves the whole question to be asked. The words are content: account_words.yml account.strengths.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.answer_words import lexicon
from bot.lang.nlp import as_list, on_reset

KINDS = ("supportive_adult", "parent_insight", "warm_relationship", "school_nursery")


def _rules() -> dict:
    return (lexicon().get("account") or {}).get("strengths") or {}


def _alt(words) -> str:
    return "|".join(sorted((str(w) for w in as_list(words)), key=len, reverse=True))


@lru_cache(maxsize=1)
def _compiled() -> dict:
    r = _rules()
    within = int(r.get("within") or 8)
    sup, support = _alt(r.get("supporters")), _alt(r.get("support"))
    gap = rf"(?:\W+[\w']+){{0,{within}}}?\W+"
    back = rf"(?:\W+[\w']+){{0,{int(r.get('within_before') or within // 2)}}}?\W+"
    ps = (lexicon().get("account") or {}).get("parent_state") or {}

    def words(key) -> set[str]:
        return {str(w).lower() for w in as_list(r.get(key))}

    return {
        "supportive_adult": [
            re.compile(rf"\b(?:{sup})\b{gap}(?:{support})\b"),
            re.compile(rf"\b(?:{support})\b{back}(?:{sup})\b"),
        ]
        if sup and support
        else [],
        "parent_insight": [re.compile(rf"\b(?:{_alt(r.get('insight'))})(?!\w)")] if r.get("insight") else [],
        "warm_relationship": [re.compile(rf"\b(?:{_alt(r.get('warm'))})\b")] if r.get("warm") else [],
        "school_nursery": [re.compile(rf"\b(?:{_alt(r.get('school'))})(?!\w)")] if r.get("school") else [],
        "negations": words("negations"),
        "warm_not_with": words("warm_not_with"),
        "insight_not_after": words("insight_not_after"),
        "past_only": re.compile(rf"\b(?:{_alt(r.get('past_only'))})\b") if r.get("past_only") else None,
        "unsure": re.compile(rf"\b(?:{_alt(r.get('unsure'))})\b") if r.get("unsure") else None,
        "not_insight": re.compile(rf"\b(?:{_alt(r.get('not_insight_with'))})\b") if r.get("not_insight_with") else None,
        "children": {str(w).lower() for w in as_list(ps.get("children"))} - {"he", "she", "him", "her", "they"},
        "parents": {str(w).lower() for w in as_list(ps.get("parents"))},
    }


on_reset(_compiled.cache_clear)

_CLAUSE_END = re.compile(r"[,;:()]|\s-\s|\b(?:and|but|though|although|while|whereas)\b")


def _clause_before(sentence: str, at: int) -> str:
    """The words of the match's own clause before it."""
    head = sentence[:at]
    ends = [m.end() for m in _CLAUSE_END.finditer(head)]
    return head[ends[-1] :] if ends else head


def _clause_of(sentence: str, m: re.Match) -> str:
    """The match's own clause, with the match."""
    nxt = _CLAUSE_END.search(sentence, m.end())
    return _clause_before(sentence, m.start()) + sentence[m.start() : nxt.start() if nxt else len(sentence)]


def _negated(c: dict, sentence: str, m: re.Match) -> bool:
    before = re.findall(r"[a-z']+", _clause_before(sentence, m.start()))
    inside = re.findall(r"[a-z']+", m.group(0))[1:-1]  # (between a supporter and its support)
    return any(w in c["negations"] or w.endswith("n't") for w in before + inside)


def _childs(c: dict, sentence: str, at: int) -> bool:
    """The nearest person named before the cue is the child ("the boy asked for help")."""
    for w in reversed(re.findall(r"[a-z']+", sentence[:at])):
        if w in c["parents"]:
            return False
        if w in c["children"]:
            return True
    return False


def read_strengths(sentences: list[str], unborn: bool = False) -> tuple[str, str] | None:
    """(value, words) for q_strengths from the account's sentences (another child's left out),
    or None: nothing stated, or a strength hedged (left to be asked). `unborn`: the mother is
    the account's "she", so a parent need not be named for her insight."""
    c = _compiled()
    found: dict[str, list[str]] = {}
    before = ""
    for raw in sentences:
        s = " ".join(raw.lower().replace("\u2019", "'").split())
        if not s:
            continue
        # (a parent named here or in the sentence before: "Mum said ... . She cried and said she wants help")
        named_parent = unborn or bool(set(re.findall(r"[a-z']+", before + " " + s)) & c["parents"])
        before = s
        hits: dict[str, str] = {}
        hedged = False
        for kind in KINDS:
            for rx in c[kind]:
                for m in rx.finditer(s):
                    if _negated(c, s, m):
                        continue
                    if kind == "warm_relationship" and set(re.findall(r"[a-z']+", s)) & c["warm_not_with"]:
                        clause = re.findall(r"[a-z']+", _clause_before(s, m.start()) + m.group(0))
                        if set(clause) & c["warm_not_with"]:
                            continue
                    if kind == "parent_insight":
                        prev = re.findall(r"[a-z']+", s[: m.start()])
                        if prev and prev[-1] in c["insight_not_after"]:
                            continue
                        if not named_parent or _childs(c, s, m.start()):
                            continue
                        if c["not_insight"] and c["not_insight"].search(s):
                            continue
                    hedged |= bool(c["unsure"] and c["unsure"].search(_clause_of(s, m)))
                    hits.setdefault(kind, raw.strip(" .;"))
        if not hits:
            continue
        if c["past_only"] and c["past_only"].search(s):
            continue
        if hedged:
            return None  # a strength hedged: the question is asked
        for kind, words in hits.items():
            found.setdefault(kind, []).append(words)
    if not found:
        return None
    kinds = [k for k in KINDS if k in found]
    words = "; ".join(dict.fromkeys(w for k in kinds for w in found[k]))
    return ",".join(kinds), words
