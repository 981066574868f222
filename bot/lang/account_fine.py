"""Needs said to be met in a list (a part of bot/lang/account.py): "Food, clothes, school are all
fine", "Uniform fine", "Home is fine", "Supervision: no worries", "no worries at all about food,
school, health or home". A sentence that names the needs of the check's types, plainly and with
nothing else in its clause, and says of them together that they are fine answers "is this type a
worry?" for each of them with no, and nothing else: right by construction. A list said of a parent
("mum's health is fine"), negated ("not fine"), hedged, conceded ("fine but ...") or said as over
("fine now") says nothing. Words in knowledge/language/account_words.yml (account.fine_lists)."""

from __future__ import annotations

from functools import lru_cache

from bot.lang.answers import lexicon
from bot.lang.nlp import as_list, on_reset, segments


@lru_cache(maxsize=1)
def _rules() -> dict:
    rule = (lexicon().get("account") or {}).get("fine_lists") or {}

    def seqs(key: str) -> list[tuple[str, ...]]:
        return sorted({tuple(str(w).lower().split()) for w in as_list(rule.get(key))}, key=len, reverse=True)

    nouns = [
        (tuple(str(w).lower().split()), str(t))
        for t, words in (rule.get("nouns") or {}).items()
        for w in as_list(words)
    ]
    return {
        "nouns": sorted(nouns, key=lambda x: len(x[0]), reverse=True),
        "owners": {str(w).lower() for w in as_list(rule.get("owners"))},
        "joins": {str(w).lower() for w in as_list(rule.get("joins"))},
        "links": {str(w).lower() for w in as_list(rule.get("links"))},
        "fine": seqs("fine"),
        "no_worry": seqs("no_worry"),
        "about": {str(w).lower() for w in as_list(rule.get("about"))},
        "after_ok": {str(w).lower() for w in as_list(rule.get("after_ok"))},
        "before_ok": {str(w).lower() for w in as_list(rule.get("before_ok"))},
    }


on_reset(_rules.cache_clear)


def _at(words: list[str], i: int, seqs) -> int:
    """Length of the first of `seqs` that the words start with at i (0: none)."""
    for s in seqs:
        if tuple(words[i : i + len(s)]) == s:
            return len(s)
    return 0


def _list_at(words: list[str], i: int, r: dict) -> tuple[int, list[tuple[str, int, int]]]:
    """A list of needs starting at i ("food, clothes and school"): (end, [(type, start, end)])."""
    items: list[tuple[str, int, int]] = []
    j = i
    while j < len(words):
        k = j + 1 if words[j] in r["owners"] else j
        noun = next(((t, len(n)) for n, t in r["nouns"] if tuple(words[k : k + len(n)]) == n), None)
        if noun is None:
            break
        items.append((noun[0], j, k + noun[1]))
        j = k + noun[1]
        if j < len(words) and words[j] in r["joins"]:
            j += 1
            continue
        break
    return (items[-1][2] if items else i), items


def fine_lists(doc) -> dict[str, list]:
    """'-' + type id -> Hits for the needs a sentence says are fine, in a list said plainly."""
    from bot.lang.account_signs import _clean_words, _has_phrase, settings
    from bot.lang.answer_words import Hit

    r = _rules()
    if not r["nouns"]:
        return {}
    hedges = [_clean_words(str(w)) for w in as_list(settings().get("sign_hedges"))]
    sents, clauses = segments(doc)
    out: dict[str, list] = {}
    toks = list(doc)
    words = [t.lower_ for t in toks]
    covered: set[int] = set()
    for i, tok in enumerate(toks):
        if i in covered:
            continue
        starts_clause = i == 0 or clauses[i - 1] != clauses[i] or words[i - 1] in r["before_ok"]
        if not starts_clause:
            continue
        sentence = " ".join(w for n, w in enumerate(words) if sents[n] == sents[i])
        if _has_phrase(_clean_words(sentence), hedges):
            continue
        items: list[tuple[str, int, int]] = []
        # "no (other) worries (at all) about food, school or home"
        n = _at(words, i, r["no_worry"])
        if n:
            j = i + n
            while j < len(words) and words[j] in r["links"]:
                j += 1
            if j < len(words) and words[j] in r["about"]:
                end, items = _list_at(words, j + 1, r)
                # (the list may go on with words of no need: "... or how they are with him")
                ends = end == len(words) or not toks[end].is_alpha or words[end] in r["after_ok"] | r["joins"]
                items = items if ends else []
        else:
            # "food, clothes, school are all fine", "uniform fine", "supervision: no worries"
            end, items = _list_at(words, i, r)
            j = end
            while j < len(words) and (words[j] in r["links"] or words[j] == ":"):
                j += 1
            n = _at(words, j, r["fine"]) if items and j < len(words) else 0
            after = j + n
            if not n or not (after == len(words) or not toks[after].is_alpha or words[after] in r["after_ok"]):
                items = []
        for t, s, e in items:
            covered.update(range(s, e))
            out.setdefault("-" + t, []).append(Hit("fine:" + t, s, e, doc[s:e].text))
    return out


def with_fine_lists(doc, found: dict) -> dict:
    """The signs found, with the needs said to be fine in a list (a type not a worry) added."""
    out = {k: list(v) for k, v in found.items()}
    for key, hits in fine_lists(doc).items():
        have = out.setdefault(key, [])
        have += [h for h in hits if not any(k.start == h.start for k in have)]
    return out
