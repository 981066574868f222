"""A question of the whole account read sentence by sentence (a part of bot/lang/account.py):
where the whole account gives no sure answer to a question with one answer (help before, money
and housing, seen alone, ...), because words of other questions stand beside the words that
answer it ("She's never had any services before. I think an early help conversation might be
enough"), each sentence is read on its own by the single-answer reader (bot/lang/answers.py),
as an answer typed at that question would be. The answer is kept only when the sentences that
answer it all say the same and none of the others is left unsure of it."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from bot.lang.answers import _Phrases, lexicon, read_answer
from bot.lang.nlp import as_list, get_nlp, on_reset, segments


@lru_cache(maxsize=32)
def _topic(qid: str) -> _Phrases | None:
    words = as_list(((lexicon().get("account") or {}).get("on_topic") or {}).get(qid))
    return _Phrases([("topic", str(w)) for w in words]) if words else None


on_reset(_topic.cache_clear)


def _sentences(doc, sents: list[int]) -> list[tuple[int, str]]:
    """(character offset, text) of each sentence of the doc."""
    out: list[tuple[int, str]] = []
    for s in dict.fromkeys(sents):
        toks = [t for t in doc if sents[t.i] == s]
        text = "".join(t.text_with_ws for t in toks).strip()
        if text:
            out.append((toks[0].idx, text))
    return out


def by_sentence(q, doc, sents: list[int], keep, today: date, settings: dict):
    """(value, the words that show it) for a question read sentence by sentence, or None.
    `keep(sdoc, ssents, sclauses, hit, offset)`: whether a hit of a sentence counts (the same
    context rules as the whole account's reading)."""
    only = {str(k) for k in as_list(settings.get("by_sentence"))}
    if q.id not in only or q.kind == "multi":
        return None
    nlp = get_nlp()
    said: dict[str, list[str]] = {}
    for offset, text in _sentences(doc, sents):
        sdoc = nlp(text)
        r = read_answer(q, text, today, account=True, doc=sdoc)
        if r is None or not r.value or r.status not in ("sure", "ask"):
            continue
        ssents, sclauses = segments(sdoc)
        hits = [h for h in r.hits if keep(sdoc, ssents, sclauses, h, offset)]
        if r.status == "ask" and hits:
            return None  # a sentence that might say otherwise, in context: left to be asked
        hits = [h for h in hits if h.key == r.value]
        if hits:
            said.setdefault(r.value, []).extend(h.words for h in hits)
    if not said:
        said = _typed_on_topic(q, doc, sents, today, settings)
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
    nlp = get_nlp()
    said: dict[str, list[str]] = {}
    for _, text in _sentences(doc, sents):
        if not topic.find(nlp(text)):
            continue
        r = read_answer(q, text, today)
        if r is None or not r.value or r.status == "none":
            continue
        if r.status != "sure" or r.value == "unsure":
            return {}
        said.setdefault(r.value, []).append(r.evidence or text)
    return said
