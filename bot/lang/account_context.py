"""The context an account's readings are checked in (bot/lang/account.py): the sentence and
clause a hit stands in (account.context: `with`, `not_with`, the parent's), whether it is negated,
the clauses that are the practitioner's words beside an item, the words that count only in a sign's
own clause (account.pattern_in_clause) and the words an item was read from alone (words_only).
Split from account.py (session 16) so that each module holds one concern."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.account_signs import _clean_words, _conceded, of_a_parent, settings
from bot.lang.answers import _Phrases
from bot.lang.nlp import as_list, get_nlp, on_reset


def _sentence_words(doc, sents: list[int], i: int) -> set[str]:
    return {t.lower_ for t in doc if sents[t.i] == sents[i]} | {t.norm_ for t in doc if sents[t.i] == sents[i]}


def _weak_alone(rule: dict, doc, sents: list[int], hit) -> bool:
    """(S21-LC13) account.context <q>.weak: words that tell the answer only beside a second cue in
    their sentence ("shouts" is hostility to help only where the sentence speaks of the workers or
    the help: "dad shouts at me to get out", not "he hides behind the sofa when they shout")."""
    weak = rule.get("weak") or {}
    if not weak or _clean_words(hit.words) not in {_clean_words(str(w)) for w in as_list(weak.get("words"))}:
        return False
    return not (_sentence_words(doc, sents, hit.start) & {str(w).lower() for w in as_list(weak.get("with"))})


def _said_by_another(rule: dict, doc, hit) -> bool:
    """(S21-LC13) account.context <q>.not_after: words said by someone other than the practitioner,
    told by the word just before them ("she told my wife": not the practitioner telling a lead)."""
    before = {str(w).lower() for w in as_list(rule.get("not_after"))}
    return bool(before) and hit.start > 0 and doc[hit.start - 1].lower_ in before


def _in_context(qid: str, doc, sents: list[int], clauses: list[int], hit, unborn: bool, strict: bool = False) -> bool:
    """account.context: a hit counts only with one of `with` in its sentence (previous help is
    history; a parental factor is the parent's), and never with one of `not_with` in its
    clause ("mum has a learning disability" is no disability of the child's)."""
    rule = (settings().get("context") or {}).get(qid) or {}
    if _weak_alone(rule, doc, sents, hit) or _said_by_another(rule, doc, hit):
        return False
    if not strict and rule.get("for_values") and hit.key not in {str(v) for v in as_list(rule.get("for_values"))}:
        return True
    need = {str(w).lower() for w in as_list(rule.get("with"))}
    if unborn:
        need |= {str(w).lower() for w in as_list(rule.get("with_unborn"))}
    if _conceded(doc, sents, clauses, hit.start, set()):
        return False
    if rule.get("not_of_parent") and of_a_parent(doc, sents, hit.start):
        return False
    avoid = {str(w).lower() for w in as_list(rule.get("not_with"))}
    if need and not (_sentence_words(doc, sents, hit.start) & need):
        return False
    if avoid:
        clause = {t.lower_ for t in doc if clauses[t.i] == clauses[hit.start]}
        if clause & avoid:
            return False
    return True


def _clause_of(doc, start: int, clauses: list[int]) -> str:
    c = clauses[start]
    return "".join(t.text_with_ws for t in doc if clauses[t.i] == c).strip(" .;,")


@lru_cache(maxsize=1)
def _near() -> _Phrases:
    return _Phrases([("near", str(p)) for p in as_list(settings().get("pattern_in_clause"))])


on_reset(_near.cache_clear)


def _only_near(reading) -> bool:
    """Every word a pattern was read from is one that counts only in the sign's own clause."""
    nlp = get_nlp()
    return bool(reading.hits) and all(
        any(h.end - h.start == len(d) for h in _near().find(d)) for d in (nlp(x.words) for x in reading.hits)
    )


def _any_near(reading) -> bool:
    """Some word a pattern was read from counts only in a sign's own clause ("several times")."""
    nlp = get_nlp()
    return any(any(h.end - h.start == len(d) for h in _near().find(d)) for d in (nlp(x.words) for x in reading.hits))


def _counts(qid: str, doc, sents: list[int], clauses: list[int], hit, unborn: bool) -> bool:
    """Words of another answer that say it (a contradiction): in context, whatever answer they
    are of ("asks loads of questions" is no money), and not negated ("never known to children's
    services")."""
    from bot.lang.answer_words import negated

    return _in_context(qid, doc, sents, clauses, hit, unborn, strict=True) and not negated(doc, hit, clauses)


def _negated(doc, hit, clauses: list[int]) -> bool:
    from bot.lang.answer_words import negated

    return negated(doc, hit, clauses) or _negated_after(doc, hit)


def _negated_after(doc, hit) -> bool:
    """(S18-LC9) A yes said as a verb and negated straight after it: "I have" in "I haven't taken
    it to my manager" (spaCy splits "haven't" into "have" and "n't") is no yes
    (account.negated_after)."""
    words = {str(w).lower() for w in as_list(settings().get("negated_after"))}
    shortcuts = {str(w).lower() for w in as_list(settings().get("negation_shortcuts"))}
    if doc[hit.end - 1].lower_ in shortcuts:  # typed without its apostrophe ("I havent")
        return True
    return hit.end < len(doc) and doc[hit.end].lower_ in words


def not_yet_able(doc, start: int, clauses: list[int]) -> bool:
    """(S19-LC10) A yes phrase after a negation and a word of being able in its own clause, the
    negation first ("I haven't had the chance to take it to my manager", "haven't been able to tell
    the DSL"): what could not be done yet, neither yes nor a plain no (account.plain_unable)."""
    unable = {str(w).lower() for w in as_list(settings().get("plain_unable"))}
    shortcuts = {str(w).lower() for w in as_list(settings().get("negation_shortcuts"))}
    negations = {str(w).lower() for w in as_list(settings().get("negated_after"))} | shortcuts
    before = [t for t in doc[:start] if clauses[t.i] == clauses[start]]
    at = next((n for n, t in enumerate(before) if t.lower_ in negations), None)
    return at is not None and any(t.lemma_.lower() in unable for t in before[at + 1 :])


def _own_count(part: str) -> bool:
    """The sentences of a sign count it themselves ("twice now I've found him alone"): how often is
    theirs to say, not the rest of the account's (account.own_count)."""
    counts = {str(w).lower() for w in as_list(settings().get("own_count"))}
    return bool(counts & set(_clean_words(part).split()))


def _clauses_of(doc, hits, clauses: list[int], limit: int = 90) -> str:
    """The clauses that hold the hits: the practitioner's words beside an item."""
    out: list[str] = []
    for h in hits:
        c = clauses[h.start]
        words = "".join(t.text_with_ws for t in doc if clauses[t.i] == c).strip(" .;,:-")
        if words and words not in out:
            out.append(words if len(words) <= limit else h.words)
    return "; ".join(out)


# "#" in a word of account.not_from_account stands for a number said in figures or words ("for # years")
NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def words_only(words, evidence: str) -> bool:
    """Every part of an item's evidence (", " between the words it was read from) holds one of
    `words` ("#" a number): the item was read from those words alone."""
    words = [str(w).lower() for w in as_list(words) if str(w).strip()]
    if not words:
        return False
    alts = "|".join(re.escape(w).replace("\\#", NUMBER).replace("#", NUMBER) for w in words)
    pattern = re.compile(r"\b(" + alts + r")\b")
    return all(pattern.search(part.lower()) for part in evidence.split(", "))


@lru_cache(maxsize=1)
def _hints() -> dict[str, _Phrases]:
    """account.factor_hints: question -> the phrases that hint at each answer without naming it."""
    hints = settings().get("factor_hints") or {}
    return {
        str(qid): _Phrases([(str(v), str(w)) for v, ws in (by_value or {}).items() for w in as_list(ws)])
        for qid, by_value in hints.items()
    }


on_reset(_hints.cache_clear)


def hinted_short(qid: str, value: str, doc, sents: list[int], clauses: list[int], unborn: bool) -> bool:
    """(S21-LC13) A multi answer read short: the account hints at another of its answers, in context and
    not negated ("her partner checks her phone" beside "mum drinks": domestic abuse not named), so the
    answer read is asked rather than pre-filled without it (account.factor_hints)."""
    phrases = _hints().get(qid)
    have = set(value.split(","))
    return phrases is not None and any(
        h.key not in have and _in_context(qid, doc, sents, clauses, h, unborn) and not _negated(doc, h, clauses)
        for h in phrases.find(doc)
    )
