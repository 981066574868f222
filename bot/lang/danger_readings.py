"""Readings of detect_danger()'s context (bot/lang/danger_context.py) that weigh one phrase against
another in the message: a threat reported with its condition or made as an ultimatum, a claim put
right in the next sentence, a resolution that does not settle (a sober adult elsewhere, a child only
pulled out of the water, "fine" taken back by "but" and a word of harm). Split from
bot/lang/danger_context.py; the words are in knowledge/language/danger.yml."""

from __future__ import annotations

from functools import lru_cache

from bot.lang import grammar
from bot.lang.nlp import Seq, as_list, build_matcher, load_yaml, norm_word, on_reset

NEXT_SENTENCE_REACH = 4  # a `negation_after` or `corrected` phrase this near the start of the next sentence


def drop_inside(ctx: dict, kind: str, inside: str) -> None:
    """Take out of ctx[kind] every phrase that starts inside a phrase of `inside` ("at training
    tonight" is a club, not a `framing` exercise; "like last week" is a `comparison`, not the
    `historic` time of what is told, "last time dad" included; "if anything" is no condition)."""
    if not (ctx.get(kind) and ctx.get(inside)):
        return
    ctx[kind] = [(a, b) for a, b in ctx[kind] if not any(c <= a < d for c, d in ctx[inside])]
    if not ctx[kind]:
        del ctx[kind]


def _but_a_sign(doc, span, s1: int, rules) -> bool:
    """A `resolved` phrase taken back by "but" and a word of harm after it in its sentence ("she
    seems fine but a bit sleepy", "he's ok but breathing funny"): not settled."""
    _a, b = span
    buts = [k for k in range(b, s1) if doc[k].norm_ == "but"]
    if not buts:
        return False
    return any(st > buts[0] and e <= s1 for _k, st, e in rules.acute(doc)) or any(
        st > buts[0] and e <= s1 for _k, st, e in rules.matcher(doc)
    )


@lru_cache(maxsize=1)
def _opinion_words() -> tuple[frozenset, frozenset]:
    data = load_yaml("danger.yml")
    verbs = as_list((data.get("context") or {}).get("carer_opinion"))
    carers = as_list((data.get("words") or {}).get("carer"))
    return frozenset(norm_word(str(w)) for w in verbs), frozenset(norm_word(str(w)) for w in carers)


on_reset(_opinion_words.cache_clear)


@lru_cache(maxsize=1)
def _condition_words() -> tuple[frozenset, frozenset, tuple]:
    data = load_yaml("danger.yml").get("condition_had") or {}
    words = load_yaml("danger.yml").get("words") or {}
    seqs = tuple(Seq.parse(str(t), words) for t in as_list(data.get("before")))
    return (
        frozenset(norm_word(str(w)) for w in as_list(data.get("conditions"))),
        frozenset(norm_word(str(w)) for w in as_list(data.get("qualifiers"))),
        seqs,
    )


on_reset(_condition_words.cache_clear)


def condition_had(doc, start: int, end: int, ctx=None) -> bool:
    """The match is only the name of a medical condition told as one a person has ("pupils with
    anaphylaxis", "a child who has severe anaphylaxis", "an auto-injector for anaphylaxis"): a
    condition in a question about policy or provision, no emergency now (`condition_had` in
    danger.yml). Not with a now-word in the message ("a pupil with anaphylaxis is struggling
    right now"), and never an emergency in progress ("gone into anaphylaxis", "having an
    anaphylactic reaction"): only the words right before the condition count (S13-DI12)."""
    conditions, qualifiers, before = _condition_words()
    if not conditions or (ctx and ctx.get("now")):
        return False
    if not all(doc[k].norm_ in conditions for k in range(start, end)):
        return False
    i = start
    while i > 0 and doc[i - 1].norm_ in qualifiers:
        i -= 1
    if i > 0 and doc[i - 1].lower_.endswith("ing"):  # "having an anaphylactic reaction" is now
        return False
    return any(i - len(seq.steps) >= 0 and seq.matches_at(doc, i - len(seq.steps)) for seq in before)


OPINION_BEFORE = 3  # words before a `resolved` phrase where a carer's "thinks" makes it an opinion


def _carer_opinion(doc, span) -> bool:
    """A `resolved` phrase told as a carer's opinion ("mum thinks he's fine", "dad reckons she's ok"
    after a child drank bleach): what the carer thinks is not a safe sign. The practitioner's own
    ("I think he's fine") and a professional's ("the GP thinks") still are (`carer_opinion`)."""
    verbs, carers = _opinion_words()
    a, _b = span
    for k in range(max(0, a - OPINION_BEFORE), a):
        if doc[k].norm_ in verbs and any(doc[j].norm_ in carers for j in range(max(0, k - 3), k)):
            return True
    return False


def _rescue_only(span, sig, ctx, rules) -> bool:
    """A `resolved` phrase that only tells the child got out ("pulled him out"), for a signal that
    a rescue does not settle (`not_settled_by: [rescue]`: a child out of the water needs checking)."""
    if "rescue" not in (rules.not_settled or {}).get(sig, ()):
        return False
    a, b = span
    return any(x <= a and b <= y for x, y in ctx.get("rescue", ()))


def _sober_elsewhere(doc, span, s0: int, s1: int, ctx) -> bool:
    """A `resolved` phrase of a sober adult, in a sentence that tells the child taken away
    (`taken_away`: "drove off with the kids"): the sober adult is not where the child is."""
    a, b = span
    return any(t.lower_ == "sober" for t in doc[a:b]) and any(s0 <= x and y <= s1 for x, y in ctx.get("taken_away", ()))


@lru_cache(maxsize=1)
def _undone_matcher():
    data = load_yaml("danger.yml")
    words = {k: [str(w) for w in v] for k, v in (data.get("words") or {}).items()}
    entries = [("undone", str(p)) for p in as_list((data.get("context") or {}).get("undone"))]
    return build_matcher(entries, words) if entries else None


on_reset(_undone_matcher.cache_clear)


def _undone(doc, span) -> bool:
    """A `resolved` or `sober` phrase taken back right after it (`undone`: "nan is sober but she's
    not here", "police came but they've left"): the safe adult or the help is not there now (S15-DI14)."""
    _a, b = span
    matcher = _undone_matcher()
    return bool(matcher) and any(b <= x <= b + 1 for _k, x, _y in matcher(doc))


def _corrected(sent_ids, n0: int, ctx) -> bool:
    """The sentence starting at token n0 opens with a correction (`corrected`: "turns out",
    "actually") and holds an adult watching the child (`watched`) or the child well (`resolved`)."""
    here = sent_ids[n0]
    if not any(n0 <= a < n0 + NEXT_SENTENCE_REACH for a, _b in ctx.get("corrected", ())):
        return False
    return any(sent_ids[a] == here for kind in ("watched", "resolved") for a, _b in ctx.get(kind, ()))


def _ultimatum(doc, start, end, s0, s1, ctx) -> bool:
    """A threat on the condition that someone does not do as told ("a message saying he has to go
    to a flat tonight and if he doesn't they'll hurt his mum"), the condition ended before the
    match and the threat told in the future between them or in it ("'ll", "will", "gonna"), with
    a now-word in the sentence: a threat made now, not the practitioner imagining."""
    conds = [b for a, b in ctx.get("ultimatum", ()) if s0 <= a and b <= start]
    if not conds or not any(s0 <= a and b <= s1 for a, b in ctx.get("now", ())):
        return False
    return any(t.lower_ in grammar.words("threat_future") for t in doc[max(conds) : end]) or any(
        max(conds) <= a < end for a, _b in ctx.get("future_typed", ())
    )


def _reported_threat(doc, start, end, f0, s0, s1, ctx) -> bool:
    """A threat someone made, told with its condition ("mum said if social services come she
    will kill herself and the baby"), while something is happening now in the sentence ("she's
    got the baby with her now"): the "if" is their condition, not the practitioner imagining."""
    said = [b for a, b in ctx.get("reported_threat", ()) if f0 <= a and b <= start]
    if not said or not any(s0 <= a and b <= s1 for a, b in ctx.get("now", ())):
        return False
    # ("hell kill me": "he'll" dictated, `future_typed`)
    return any(t.lower_ in grammar.words("threat_future") for t in doc[max(said) : end]) or any(
        max(said) <= a < end for a, _b in ctx.get("future_typed", ())
    )


@lru_cache(maxsize=1)
def _adult_gone_words() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    data = (load_yaml("danger.yml").get("said_of_adult")) or {}
    words = load_yaml("danger.yml").get("words") or {}
    norm = lambda xs: frozenset(norm_word(str(w)) for w in as_list(xs))  # noqa: E731
    return (
        frozenset(str(s) for s in as_list(data.get("signals"))),
        frozenset(str(w).lower() for w in as_list(data.get("words"))),
        norm(data.get("adults")),
        norm(words.get("child")) - norm(data.get("not_child")),
    )


on_reset(_adult_gone_words.cache_clear)


def _said_of_adult(doc, sig, start, end, drv: dict) -> bool:
    """A child's absence told by "he"/"she" ("he's gone now", "she's been gone ages") when the
    person the pronoun stands for is an adult: the nearest person of its kind named before it in
    the message is a carer, a partner or an abuser ("my dad used to hit my mum but he's gone now",
    "historic DA, he's been gone ages": an adult who left), not a child (`said_of_adult`)."""
    signals, words, adults, children = _adult_gone_words()
    if sig not in signals or not drv or not any(t.lower_ in words for t in doc[start:end]):
        return False
    pronoun = doc[start].lower_
    if pronoun not in ("he", "she"):
        return False
    kind = (drv["he"] if pronoun == "he" else drv["she"]) | drv["either"] | adults
    for j in range(start - 1, -1, -1):
        w = doc[j].norm_
        if w in children:
            return False
        # (an adult's things are not the adult: "with his dad's phone, he's been gone ages")
        if w in kind and not (j + 1 < len(doc) and doc[j + 1].lower_ in ("'s", "s", "'")):
            return True
    return False


@lru_cache(maxsize=1)
def _self_words() -> dict:
    data = load_yaml("danger.yml").get("self_of_adult") or {}
    words = load_yaml("danger.yml").get("words") or {}
    norm = lambda xs: frozenset(norm_word(str(w)) for w in as_list(xs))  # noqa: E731
    out = {k: norm(data.get(k)) for k in ("marks", "adults", "one_child", "leaving", "pronouns")}
    out["signals"] = frozenset(str(s) for s in as_list(data.get("signals")))
    out["child"] = norm(words.get("child")) - {"one"}
    return out


on_reset(_self_words.cache_clear)


def _self_of_adult(doc, sig, start, end, c0: int) -> bool:
    """A "by themselves", "on their own" told of an adult doing a task ("can parents do the online one by
    themselves", `self_of_adult` in danger.yml): reading back from the mark in the match's clause (from
    c0), the nearest person named is an adult, with no child word, pronoun or leaving word first; "one" is
    a child only after a word of `one_child` ("the little one")."""
    w = _self_words()
    if sig not in w["signals"]:
        return False
    mark = next((k for k in range(end - 2, start - 1, -1) if doc[k].norm_ in w["marks"]), None)
    if mark is None:
        return False
    for j in range(mark - 1, c0 - 1, -1):
        n = doc[j].norm_
        if n == "one":
            if j > 0 and doc[j - 1].norm_ in w["one_child"]:
                return False
            continue
        if n in w["leaving"] or n in w["child"] or n in w["pronouns"]:
            return False
        if n in w["adults"]:
            return True
    return False
