"""A question of the whole account read sentence by sentence (a part of bot/lang/account.py):
where the whole account gives no sure answer to a question with one answer (help before, money
and housing, seen alone, ...), because words of other questions stand beside the words that
answer it ("She's never had any services before. I think an early help conversation might be
enough"), each sentence is read on its own by the single-answer reader (bot/lang/answers.py),
as an answer typed at that question would be. The answer is kept only when the sentences that
answer it all say the same and none of the others is left unsure of it."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from bot.lang.answers import _Phrases, lexicon, read_answer
from bot.lang.nlp import as_list, get_nlp, on_reset, segments


def _yes_negated(text: str, evidence: str | None, settings: dict) -> bool:
    """A yes read from words negated straight after them (account.negated_after): "I have" in
    "I haven't had the chance to take it to my manager"."""
    after = {str(w).lower() for w in as_list(settings.get("negated_after"))}
    doc, ev = _parsed(text), _parsed(evidence or "")
    n = len(ev)
    if not n:
        return False
    for i in range(len(doc) - n):
        if [t.lower_ for t in doc[i : i + n]] == [t.lower_ for t in ev] and doc[i + n].lower_ in after:
            return True
    return False


def _spelt_out(text: str) -> str:
    """The sentence with "n't" said as "not" ("I haven't told" -> "I have not told")."""
    text = re.sub(r"\bcan(?:'|\u2019)t\b", "cannot", text, flags=re.I)
    text = re.sub(r"\bwon(?:'|\u2019)t\b", "will not", text, flags=re.I)
    return re.sub(r"n(?:'|\u2019)t\b", " not", text)


@lru_cache(maxsize=32)
def _topic(qid: str) -> _Phrases | None:
    words = as_list(((lexicon().get("account") or {}).get("on_topic") or {}).get(qid))
    return _Phrases([("topic", str(w)) for w in words]) if words else None


on_reset(_topic.cache_clear)


@lru_cache(maxsize=512)
def _parsed(text: str):
    """A sentence parsed once: an account is read sentence by sentence for several questions."""
    return get_nlp()(text)


on_reset(_parsed.cache_clear)


def _sentences(doc, sents: list[int], only: set[int] | None = None) -> list[tuple[int, str]]:
    """(character offset, text) of each sentence of the doc (`only`: of these sentence numbers)."""
    toks: dict[int, list] = {}
    for t in doc:
        if only is None or sents[t.i] in only:
            toks.setdefault(sents[t.i], []).append(t)
    out: list[tuple[int, str]] = []
    for group in toks.values():
        text = "".join(t.text_with_ws for t in group).strip()
        if text:
            out.append((group[0].idx, text))
    return out


def by_sentence(q, doc, sents: list[int], keep, today: date, settings: dict, hits=()):
    """(value, the words that show it) for a question read sentence by sentence, or None.
    `keep(sdoc, ssents, sclauses, hit, offset)`: whether a hit of a sentence counts (the same
    context rules as the whole account's reading); `hits`: the whole account's reading's, whose
    sentences are the ones read again as an account."""
    only = {str(k) for k in as_list(settings.get("by_sentence"))}
    if q.id not in only or q.kind == "multi":
        return None
    values = {str(o.value) for o in q.options or ()}
    said: dict[str, list[str]] = {}
    for offset, text in _sentences(doc, sents, {sents[h.start] for h in hits}):
        sdoc = _parsed(text)
        r = read_answer(q, text, today, account=True, doc=sdoc)
        if r is None or not r.value or r.status not in ("sure", "ask"):
            continue
        ssents, sclauses = segments(sdoc)
        hits = [h for h in r.hits if keep(sdoc, ssents, sclauses, h, offset)]
        if r.status == "ask" and hits:
            return None  # a sentence that might say otherwise, in context: left to be asked
        if any(h.key != r.value and h.key in values for h in hits):
            return None  # ("not been able to see him on his own, he's non-verbal": no, or not possible?)
        hits = [h for h in hits if h.key == r.value]
        if hits:
            said.setdefault(r.value, []).extend(h.words for h in hits)
    if not said:
        said = _typed_on_topic(q, doc, sents, today, settings)
    if not said:
        said = plainly(q, doc, sents, settings)
    if not said:
        said = agreed_undone(q, doc, sents, settings)
    if len(said) != 1:
        return None
    value, words = next(iter(said.items()))
    return value, ", ".join(dict.fromkeys(words))


def _typed_on_topic(q, doc, sents: list[int], today: date, settings: dict) -> dict[str, list[str]]:
    """Value -> words, from the sentences that name the question's own subject (account.on_topic:
    money or housing, the safeguarding lead, seeing the child alone), each read as an answer typed
    at that question is read. A sentence read as unsure or as offered back leaves it to be asked."""
    topic = _topic(q.id)
    if topic is None:
        return {}
    said: dict[str, list[str]] = {}
    for _, text in _sentences(doc, sents):
        if not topic.find(_parsed(text)):
            continue
        r = read_answer(q, text, today)
        if r is not None and r.value == "yes" and _not_yet(text, r.evidence):
            return {}  # (S19-LC10) "I haven't had the chance to tell my manager": not yet, asked
        if r is not None and r.value == "yes" and _yes_negated(text, r.evidence, settings):
            # (S18-LC9) "I haven't gone to my manager": the opening "I have" is no yes; the
            # sentence is read again with its negation said in full, or left to be asked
            r = read_answer(q, _spelt_out(text), today)
            if r is not None and r.value == "yes":
                continue
        if r is None or not r.value or r.status == "none":
            continue
        if r.status != "sure" or r.value == "unsure" or (r.value == "no" and _unable(text, settings)):
            return {}  # (a no beside "able": not yet, or not possible? asked)
        said.setdefault(r.value, []).append(r.evidence or text)
    return said


@lru_cache(maxsize=32)
def _plain(qid: str) -> _Phrases | None:
    said = ((lexicon().get("account") or {}).get("said_plainly") or {}).get(qid)
    # a list is the question's yes; a mapping gives each answer its words
    pairs = [(str(v), str(w)) for v, ws in said.items() for w in as_list(ws)] if isinstance(said, dict) else []
    pairs += [("yes", str(w)) for w in as_list(said)] if not isinstance(said, dict) else []
    return _Phrases(pairs) if pairs else None


on_reset(_plain.cache_clear)


def plainly(q, doc, sents: list[int], settings: dict) -> dict[str, list[str]]:
    """Value -> words for a yes/no question said plainly in a sentence (account.said_plainly: "I saw
    the boy alone at school", "our named midwife for safeguarding knows"): yes, or no when the
    phrase is negated in its clause ("I haven't seen him on his own"); a hedged sentence says
    neither."""
    from bot.lang.account_context import not_yet_able
    from bot.lang.account_signs import _clean_words, _has_phrase
    from bot.lang.answer_words import negated

    plain = _plain(q.id)
    values = {str(o.value) for o in q.options or ()}
    if plain is None:
        return {}
    hedges = [_clean_words(str(w)) for w in as_list(settings.get("sign_hedges"))]
    unable = {str(w).lower() for w in as_list(settings.get("plain_unable"))}
    said: dict[str, list[str]] = {}
    for _, text in _sentences(doc, sents):
        sdoc = _parsed(text)
        hits = plain.find(sdoc)
        if not hits or _has_phrase(_clean_words(text), hedges):
            continue
        clauses = segments(sdoc)[1]
        for h in hits:
            if h.key not in values:
                continue
            if h.key == "yes" and not_yet_able(sdoc, h.start, clauses):
                continue  # (S19-LC10) "I haven't had the chance to tell my manager": not yet, asked
            # (S17-LC7) a phrase of an answer other than yes says its own negation ("no social care
            # history", "never known to services"): its "no" is the phrase's, not a negation of it
            if h.key != "yes" or not negated(sdoc, h, clauses):
                said.setdefault(h.key, []).append(h.words)
            elif (
                h.key == "yes"
                and "no" in values
                and not unable & {t.lemma_.lower() for t in sdoc if clauses[t.i] == clauses[h.start]}
            ):
                said.setdefault("no", []).append(h.words)
            # ("haven't been able to see him on his own": no, or not possible? asked)
    return said


def _not_yet(text: str, evidence: str | None) -> bool:
    """The words a yes was read from follow, in their clause, a negation and a word of being able
    ("I haven't had the chance to tell my manager"): account_context.not_yet_able."""
    from bot.lang.account_context import not_yet_able

    sdoc, ev = _parsed(text), [t.lower_ for t in _parsed(evidence or "")]
    clauses = segments(sdoc)[1]
    for i in range(len(sdoc) - len(ev) + 1 if ev else 0):
        if [t.lower_ for t in sdoc[i : i + len(ev)]] == ev:
            return not_yet_able(sdoc, i, clauses)
    return False


def _unable(text: str, settings: dict) -> bool:
    """The sentence says something could not be done (account.plain_unable, base forms)."""
    unable = {str(w).lower() for w in as_list(settings.get("plain_unable"))}
    return bool(unable & {t.lemma_.lower() for t in _parsed(text)})


def agreed_undone(q, doc, sents: list[int], settings: dict) -> dict[str, list[str]]:
    """Value -> words for a sentence that tells an agreement and, after it, that it was not done
    ("Mum agreed to the nursery place and the dentist at the review but neither has happened"):
    account.agreed_undone gives each question its answer (disguised compliance: yes; how the
    parents respond: no change). A hedged sentence, or one whose agreement is negated ("didn't
    agree"), says neither."""
    from bot.lang.account_signs import _clean_words, _has_phrase

    rule = settings.get("agreed_undone") or {}
    value = (rule.get("answers") or {}).get(q.id)
    if value is None:
        return {}
    agree = [_clean_words(str(w)) for w in as_list(rule.get("agree"))]
    undone = [_clean_words(str(w)) for w in as_list(rule.get("undone"))]
    negations = {_clean_words(str(w)) for w in as_list(rule.get("not_agreed"))}
    hedges = [_clean_words(str(w)) for w in as_list(settings.get("sign_hedges"))]
    said: dict[str, list[str]] = {}
    for _, text in _sentences(doc, sents):
        words = f" {_clean_words(text)} "
        if _has_phrase(words.strip(), hedges):
            continue
        at = [words.find(f" {a} ") for a in agree if a and f" {a} " in words]
        if not at:
            continue
        first = min(at)
        if set(words[:first].split()[-2:]) & negations:
            continue  # ("she didn't agree to ...")
        if any(u and f" {u} " in words[first:] for u in undone):
            said.setdefault(str(value), []).append(text.strip(" .;"))
    return said


def agreed(q, reading):
    """A reading left unsure only because it holds words of answers that go together (account.
    answers_agree: "shouted at the nurse ... refused the visits" is hostile and avoiding, hostile
    kept): the first of them, as a sure reading; else the reading as it was."""
    from dataclasses import replace

    settings = lexicon().get("account") or {}
    only = {str(x) for x in as_list(settings.get("agree_when_unsure"))}
    # (or only some of a question's pairings: account.agree_when_unsure_groups)
    groups = as_list((settings.get("agree_when_unsure_groups") or {}).get(q.id))
    if q.id in only:
        groups = as_list((settings.get("answers_agree") or {}).get(q.id)) + groups
    if reading is None or reading.status != "ask" or q.kind == "multi" or not groups:
        return reading
    values = {str(o.value) for o in q.options or ()}
    said = {h.key for h in reading.hits if h.key in values}
    for group in groups:
        order = [str(v) for v in as_list(group)]
        if len(said) > 1 and said <= set(order):
            first = next(v for v in order if v in said)
            return replace(reading, status="sure", value=first)
    return reading
