"""read_account(): a case told in the practitioner's own words, read for what the check asks.

An account is read for the child's age band (and weeks for an unborn baby), disability,
each of Horwath's six types (seen, with the words that show it; said not to be a worry; not
mentioned), pattern and duration, impact, parental factors, money and housing, strengths,
how the parents respond (with signs of disguised compliance), help before, whether the child
was seen alone, the child's voice, and the practitioner's own stance (cues for the
reflective prompts, bot/lang/cues.py). Each item keeps the words that show it.

Only what is read with confidence is an item; anything hedged or mixed is left for the check
to ask. Harm described is never read as "no clear impact": when an account describes harm,
the impact question is left to be asked outright (bot/lang/answers.py).
The words come from knowledge/language/answers.yml (options, indicators, harm, account).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.lang.answers import _Phrases, _without_ages, harm_in, indicators_in, lexicon, read_answer
from bot.lang.nlp import as_list, get_nlp, on_reset, segments

# questions read from an account as a whole (the per-type ones are read type by type)
# (not the strengths: an account rarely names them all, and a part of them is a wrong answer)
WHOLE = ("q_disability", "q_parental_factors", "q_material", "q_engagement", "q_dc_signs",
         "q_seen_alone", "q_previous", "q_dsl_knows")


@dataclass(frozen=True)
class Item:
    question_id: str
    value: str
    evidence: str   # the practitioner's words


@dataclass(frozen=True)
class Account:
    items: tuple[Item, ...]
    not_a_worry: tuple[str, ...]   # neglect type ids the account says are not a worry
    cues: tuple[tuple[str, str], ...]  # (cue kind, words): the practitioner's stance
    harm: tuple[str, ...]          # harm words: the impact questions are asked outright

    def answers(self) -> dict[str, str]:
        return {i.question_id: i.value for i in self.items}


def settings() -> dict:
    return lexicon().get("account") or {}


@lru_cache(maxsize=1)
def _voice() -> _Phrases:
    return _Phrases([("voice", str(p)) for p in as_list(settings().get("voice"))])


on_reset(_voice.cache_clear)


def _sentence_of(doc, start: int, sents: list[int]) -> str:
    s = sents[start]
    return " ".join(t.text for t in doc if sents[t.i] == s).strip(" .;")


DURATION_SAID = re.compile(r"\b(?:for|over|in|since)\s+(?:the\s+)?(?:last|past)?\s*(?:about|around|nearly|almost|over|"
                           r"more than)?\s*(?:\w+\s+)?(?:weeks?|months?|years?|terms?)\b|\bsince\s+(?:last\s+)?"
                           r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                           r"christmas|easter|the summer|summer|spring|autumn|winter|half term)\b", re.I)


def _clauses_of(doc, hits, clauses: list[int], limit: int = 90) -> str:
    """The clauses that hold the hits: the practitioner's words beside an item."""
    out: list[str] = []
    for h in hits:
        c = clauses[h.start]
        words = " ".join(t.text for t in doc if clauses[t.i] == c).strip(" .;,:-")
        if words and words not in out:
            out.append(words if len(words) <= limit else h.words)
    return "; ".join(out)


def read_account(text: str, plan, today: date | None = None, correction: bool = False) -> Account:
    """`correction`: a short message correcting the understood list ("no physical neglect"),
    where a type named with a negation is not a worry."""
    from bot.lang.age import parse_age
    from bot.lang.cues import find_cues
    from bot.lang.when import parse_duration

    today = today or date.today()
    doc = get_nlp()(text)
    sents, clauses = segments(doc)
    items: list[Item] = []

    age = parse_age(text)
    if age is not None:
        detail = (f"unborn, {age.unborn_weeks} weeks" if age.unborn_weeks else
                  f"{age.months} months" if age.months is not None else age.band)
        items.append(Item("q_age", age.band, detail))

    found = indicators_in(text, doc, account=not correction)
    seen = [t for t in plan.kb.neglect_types if found.get(t.id)]
    not_a_worry = tuple(t.id for t in plan.kb.neglect_types if found.get("-" + t.id) and not found.get(t.id))
    serious, some = harm_in(text, doc)
    for t in plan.kb.neglect_types:
        qid = f"q_seen__{t.id}"
        if qid not in plan.by_id:
            continue
        if t in seen:
            items.append(Item(qid, "yes", _clauses_of(doc, found[t.id], clauses)))
        elif t.id in not_a_worry:
            items.append(Item(qid, "no", _clauses_of(doc, found["-" + t.id], clauses)))

    # pattern: one reading of the whole account, for each type it describes
    if seen:
        pattern = read_answer(plan.by_id[f"q_pattern__{seen[0].id}"], text, today, account=True, doc=doc)
        if pattern is not None and pattern.status == "sure":
            for t in seen:
                items.append(Item(f"q_pattern__{t.id}", pattern.value, pattern.evidence))
        # impact: only when no harm is described (harm is asked outright), and read per type
        # from the sentences that describe it
        if not serious:
            for t in seen:
                where = {sents[h.start] for h in found[t.id]}
                part = " ".join(_sentence_of(doc, h.start, sents) for h in found[t.id]
                                if sents[h.start] in where)
                impact = read_answer(plan.by_id[f"q_impact__{t.id}"], part, today, account=True)
                if impact is not None and impact.status == "sure" and impact.value in ("some", "serious"):
                    items.append(Item(f"q_impact__{t.id}", impact.value, impact.evidence))

    for qid in WHOLE:
        q = plan.by_id.get(qid)
        if q is None:
            continue
        r = read_answer(q, text, today, account=True, doc=doc)
        if r is not None and r.status == "sure" and r.value:
            items.append(Item(qid, r.value, r.evidence))

    voice = [h for h in _voice().find(doc)]
    if voice:
        said = "; ".join(dict.fromkeys(_sentence_of(doc, h.start, sents) for h in voice))
        items.append(Item("q_child_voice", "given", said))

    # how long: only an amount or a start said in so many words ("for 8 months", "since September")
    said = DURATION_SAID.search(_without_ages(text))
    d = parse_duration(said.group(0), today) if said else None
    if d is not None and d.months is not None and not d.vague:
        over = re.search(r"\b(?:over|more than)\b", said.group(0), re.I) is not None
        value = "under_3m" if d.months < 3 else ("3_to_12m" if d.months < 12 or (d.months == 12 and not over)
                                                 else "over_12m")
        items.append(Item("q_duration", value, said.group(0).strip()))

    cues = tuple((c.kind, c.matched) for c in find_cues(text) if c.kind != "parent_focus")
    return Account(tuple(items), not_a_worry, cues, tuple(h.words for h in serious + some))


def is_account(text: str, account: Account | None = None) -> bool:
    """A message long enough to be a case told in words, or one that fills several answers."""
    words = len(text.split())
    if words >= int(settings().get("min_words") or 18):
        return True
    return account is not None and len(account.items) >= int(settings().get("min_items") or 3)


def is_confirmation(text: str) -> bool:
    from bot.lang.answers import _clean

    t = _clean(text)
    return t in {_clean(str(w)) for w in as_list(settings().get("confirm"))}
