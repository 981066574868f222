"""read_account(): a case told in the practitioner's own words, read for what the check asks.

An account is read for the child's age band (and weeks for an unborn baby), disability,
each of Horwath's six types (seen, with the words that show it; said not to be a worry; not
mentioned), pattern and duration, impact, parental factors, money and housing, strengths,
how the parents respond (with signs of disguised compliance), help before, whether the child
was seen alone, the child's voice, and the practitioner's own stance (cues for the
reflective prompts, bot/lang/cues.py). Each item keeps the words that show it.

Only what is read with confidence is an item; anything hedged or mixed is left for the check to ask. Harm
described is never "no clear impact": when an account describes harm, impact is asked outright (answers.py).
The words come from knowledge/language/answers.yml (options, indicators, harm) and account_words.yml (account).
The age and how long: bot/lang/account_time.py; whose words they are (another child, a parent,
the practitioner's own role and plan, quoted words): bot/lang/account_whose.py; the context a
reading is checked in (its sentence and clause, negation, the words beside an item): bot/lang/account_context.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.lang.account_context import (
    _any_near,
    _clause_of,
    _clauses_of,
    _counts,
    _in_context,
    _negated,
    _only_near,
    _own_count,
    hinted_short,
    not_yet_able,
    words_only,
)
from bot.lang.account_doubt import without_corrected, without_doubted
from bot.lang.account_fields import headed, read_fields
from bot.lang.account_notes import with_stops
from bot.lang.account_rest import fine_and_one_worry
from bot.lang.account_sentences import agreed, by_sentence
from bot.lang.account_signs import (
    _a_sign,
    _care_with_worry,
    _clean_words,
    _missed_many,
    _named_fine,
    _sentence_of,
    _without_conceded,
    _without_hedged,
    _without_reasons,
    _without_states,
    parents_own,
    settings,
    with_account_signs,
    without_advice,
    without_parents_told,
    without_past_fine,
    without_questions,
)
from bot.lang.account_strengths import strengths_in
from bot.lang.account_time import _age, _age_said, _timeless, how_long
from bot.lang.account_whose import (
    _a_parents,
    _a_services,
    _present,
    _quoted,
    _role,
    _signs_of_others,
    _without_own_plan,
    _without_role,
)
from bot.lang.answers import _Phrases, harm_in, indicators_in, read_answer
from bot.lang.nlp import as_list, get_nlp, on_reset, segments

# questions read from an account as a whole (per-type ones type by type; strengths: account_strengths.py)
WHOLE = (
    "q_disability",
    "q_parental_factors",
    "q_material",
    "q_engagement",
    "q_dc_signs",
    "q_seen_alone",
    "q_previous",
    "q_dsl_knows",
)


@dataclass(frozen=True)
class Item:
    question_id: str
    value: str
    evidence: str  # the practitioner's words


@dataclass(frozen=True)
class Account:
    items: tuple[Item, ...]
    not_a_worry: tuple[str, ...]  # neglect type ids the account says are not a worry
    cues: tuple[tuple[str, str], ...]  # (cue kind, words): the practitioner's stance
    harm: tuple[str, ...]  # harm words: the impact questions are asked outright

    def answers(self) -> dict[str, str]:
        return {i.question_id: i.value for i in self.items}


@lru_cache(maxsize=1)
def _voice() -> _Phrases:
    return _Phrases([("voice", str(p)) for p in as_list(settings().get("voice"))])


on_reset(_voice.cache_clear)


@lru_cache(maxsize=1)
def _acts() -> dict[str, _Phrases]:
    """account.factor_acts: question -> the phrases of each answer told as an act, not a name."""
    acts = settings().get("factor_acts") or {}
    return {
        str(qid): _Phrases([(str(v), str(w)) for v, ws in (by_value or {}).items() for w in as_list(ws)])
        for qid, by_value in acts.items()
    }


on_reset(_acts.cache_clear)


def _with_acts(items: list[Item], plan, doc, sents: list[int], clauses: list[int], unborn: bool) -> list[Item]:
    """A multi answer told as what a parent did ("dad had punched mum in the face", "a serious
    assault by her partner"; account.factor_acts): the answer is added where its words are in
    context (the parent's, account.context) and not negated in their clause."""
    for qid, phrases in _acts().items():
        q = plan.by_id.get(qid)
        if q is None or q.kind != "multi":
            continue
        said: dict[str, list[str]] = {}
        for h in phrases.find(doc):
            if _in_context(qid, doc, sents, clauses, h, unborn) and not _negated(doc, h, clauses):
                said.setdefault(h.key, []).append(h.words)
        if not said:
            continue
        old = next((i for i in items if i.question_id == qid), None)
        values = old.value.split(",") if old is not None else []
        if "none" in values:
            continue
        new = [v for v in said if v not in values]
        if not new:
            continue
        words = [old.evidence] if old is not None else []
        words += [w for v in new for w in dict.fromkeys(said[v])]
        item = Item(qid, ",".join(values + new), ", ".join(words))
        items = [item if i is old else i for i in items] if old is not None else [*items, item]
    return [i for i in items if not hinted_short(i.question_id, i.value, doc, sents, clauses, unborn)]


def _settled(q, reading, doc, sents: list[int], clauses: list[int], unborn: bool, found: dict | None) -> str | None:
    """The answer of a question with one answer, or None where the reading holds, in context
    the words of another of its answers ("they had early help last year" beside "never
    had any services"): the account says two things, left to be asked. Answers that go together
    are no contradiction, the first of them kept (account.answers_agree: a CIN plan and early help
    before are help before, the plan kept; hostile and avoiding, hostile kept)."""
    if q.kind == "multi":
        return reading.value
    values = {str(o.value) for o in q.options or ()}
    said = {reading.value} | {
        h.key
        for h in reading.hits
        if h.key in values
        and _counts(q.id, doc, sents, clauses, h, unborn)
        and not (found is not None and _a_sign(q.id, h, found))
    }
    if len(said) == 1:
        return reading.value
    for group in as_list((settings().get("answers_agree") or {}).get(q.id)):
        order = [str(v) for v in as_list(group)]
        if said <= set(order):
            return next(v for v in order if v in said)
    return None


def _not_yet_no(qid: str, doc, h, clauses: list[int]) -> bool:
    """(S19-LC11) A no said with a negation and a word of being able in its own words ("I haven't had
    the chance to tell my manager", the typed answer's no since the Monday probe): in an account it
    stays asked at the questions account.plain_unable_asked names, as S19-LC10 left it."""
    asked = {str(q) for q in as_list(settings().get("plain_unable_asked"))}
    return h.key == "no" and qid in asked and not_yet_able(doc, h.end - 1, clauses)


def _by_sentence(q, doc, found: dict, unborn: bool, today: date, whole: bool = False, hits=()):
    """A question the whole account leaves unsure, read sentence by sentence
    (bot/lang/account_sentences.py), with the same context rules as the whole reading."""
    by_char = {t.idx: t.i for t in doc}

    def keep(sdoc, ssents, sclauses, h, offset) -> bool:
        if not _in_context(q.id, sdoc, ssents, sclauses, h, unborn) or (h.key == "yes" and _negated(sdoc, h, sclauses)):
            return False
        if h.key == "yes" and not_yet_able(sdoc, h.start, sclauses):  # (S19-LC10) not done yet: asked
            return False
        if _not_yet_no(q.id, sdoc, h, sclauses):
            return False
        if whole:
            return True
        at = by_char.get(sdoc[h.start].idx + offset)
        if at is None:
            return False
        moved = type(h)(h.key, at, at + (h.end - h.start), h.words)
        return not _a_sign(q.id, moved, found)

    return by_sentence(q, doc, segments(doc)[0], keep, today, settings(), hits)


def _not_from_account(item: Item) -> bool:
    """account.not_from_account: an answer read only from words that do not tell it in an account;
    account.not_from_prose: an answer never pre-filled from an account's prose, whatever its words, nor a
    multi answer with one of them (asked instead; a heading line of its own still fills it)."""
    prose = (settings().get("not_from_prose") or {}).get(item.question_id.partition("__")[0])
    if set(item.value.split(",")) & {str(v) for v in as_list(prose)}:
        return True
    words = ((settings().get("not_from_account") or {}).get(item.question_id) or {}).get(item.value)
    return words_only(words, item.evidence)


def read_account(text: str, plan, today: date | None = None, correction: bool = False) -> Account:
    """`correction`: a short message correcting the understood list ("no physical neglect"),
    where a type named with a negation is not a worry."""
    from bot.lang.cues import find_cues
    from bot.walks.check_plan import AGE_QUESTION, age_said  # the plan's own id; an age as said

    today = today or date.today()
    typed, role = text, _role(text)
    # (told: as typed, read for the practitioner's stance; what the writer took back is never said)
    text = told = _without_role(text if correction else without_corrected(text))
    if not correction:  # the practitioner's own next steps are no fact, for any question
        # (S17-LC7: an unpunctuated voice note read as sentences, split where the talk turns)
        text = with_stops(_without_own_plan(text))
    doc = get_nlp()(text)
    sents, clauses = segments(doc)
    items: list[Item] = []
    # what is said of another child is no answer for this one (help before apart): those
    # questions are read from the account without it
    whole_doc, whole_text = doc, text
    present = _present(doc, sents, clauses) if not correction else text
    if present != text:
        text, doc = present, get_nlp()(present)
        sents, clauses = segments(doc)

    # a correction says an age as one ("she is 2", "he's 7 months old"): "two years" there is how long
    age = _age(whole_text) if not correction or _age_said(whole_text) else None
    if age is not None:
        detail = (
            f"unborn, {age.unborn_weeks} weeks"
            if age.unborn_weeks
            else age_said(age.months)
            if age.months is not None
            else age.band
        )
        items.append(Item(AGE_QUESTION, age.band, detail))

    found = indicators_in(text, doc, account=not correction)
    if not correction:
        found = without_parents_told(doc, sents, without_advice(doc, with_account_signs(doc, found)))
    taken_back: set[str] = set()
    # (S20-LC12) the types with any sign before the context rules: never made "no" by the rest said fine
    signed = {k for k, v in found.items() if v and not k.startswith("-")}
    if not correction:
        found, taken_back = _without_conceded(doc, sents, clauses, found)
        found = _without_reasons(doc, clauses, _signs_of_others(doc, found))
    if age is not None and age.band == "unborn":  # ("she has been feeling very low": the mother)
        found = _without_states(found)
    if not correction:
        found = _care_with_worry(doc, sents, found)
        found = without_questions(doc, sents, _without_hedged(doc, sents, found))
        found = without_past_fine(doc, clauses, found)  # ("attendance was fine all last year")
    # a type that has signs and that the account also names as no worry ("not a supervision
    # worry" beside "young carers referral made") is mixed: neither yes nor no, left to be asked
    mixed = {t.id for t in plan.kb.neglect_types if found.get(t.id) and _named_fine(t.id, found.get("-" + t.id))}
    seen = [t for t in plan.kb.neglect_types if found.get(t.id) and t.id not in mixed]
    # (a sign taken back, "cluttered but clean", is mixed: neither yes nor no, left to be asked)
    not_a_worry = tuple(
        t.id for t in plan.kb.neglect_types if found.get("-" + t.id) and not found.get(t.id) and t.id not in taken_back
    )
    one_worry: dict[str, str] = {}
    fine_said: dict[str, str] = {}
    if not correction:  # (S20-LC12) a list said fine, or the rest said fine beside one worry
        no_or_mixed = set(not_a_worry) | set(mixed)
        held = signed | taken_back | no_or_mixed
        fine_said, one_worry = fine_and_one_worry(doc, sents, plan, signed, held, {x.id for x in seen}, no_or_mixed)
        not_a_worry += tuple(fine_said)
    serious, some = harm_in(text, doc)
    said_harm = harm_in(whole_text, whole_doc) if doc is not whole_doc else (serious, some)
    for t in plan.kb.neglect_types:
        qid = f"q_seen__{t.id}"
        if qid not in plan.by_id:
            continue
        if t in seen:
            items.append(Item(qid, "yes", _clauses_of(doc, found[t.id], clauses)))
        elif t.id in not_a_worry and found.get("-" + t.id):
            items.append(Item(qid, "no", _clauses_of(doc, found["-" + t.id], clauses)))
        elif t.id in not_a_worry:
            items.append(Item(qid, "no", fine_said[t.id]))
        elif t.id in one_worry:
            items.append(Item(qid, "yes", one_worry[t.id]))

    # pattern: read for each type from the sentences that describe it (without ages and times
    # past: "a 3 year old", "two years ago" say nothing of how often)
    # (or, when those sentences do not say, from the whole account: for the one type described, or
    # when it says the worry persists)
    def _sign_alone(t, part: str) -> bool:
        """The sentences a type's signs are in hold no sign of another type and no parent's factor."""
        others = [k for k in found if k != t.id and not k.startswith("-") and k in {x.id for x in seen}]
        if any(_sentence_of(doc, h.start, sents) in part for k in others for h in found[k]):
            return False
        pf = plan.by_id.get("q_parental_factors")
        r = read_answer(pf, part, today, account=True) if pf is not None else None
        return r is None or r.status == "none" or not r.value

    whole = None
    for t in seen:
        part = " ".join(dict.fromkeys(_sentence_of(doc, h.start, sents) for h in found[t.id]))
        own = " ".join(dict.fromkeys(_clause_of(doc, h.start, clauses) for h in found[t.id]))
        q = plan.by_id[f"q_pattern__{t.id}"]
        pattern = read_answer(q, _timeless(part), today, account=True)
        if pattern is not None and pattern.status == "sure" and _only_near(pattern) and not _sign_alone(t, part):
            # "most days", "3 times" say how often only in the sign's own clause ("comes in most
            # days hungry"), not of the rest of its sentence ("mum drinks most days and ..."),
            # unless the sentence speaks of this sign alone ("out until 4am most nights, mum
            # doesn't know where he is")
            pattern = read_answer(q, _timeless(own), today, account=True)
        if pattern is None or pattern.status != "sure":
            if whole is None:
                whole = read_answer(q, _timeless(text), today, account=True) or False
                if whole and _only_near(whole):  # ("grandma comes round most days")
                    whole = False
            pattern = (
                whole
                if whole
                and (len(seen) == 1 or (whole.value == "persistent" and not _any_near(whole)))
                and not _own_count(part)
                else None
            )
        if pattern is not None and pattern.status == "sure":
            items.append(Item(f"q_pattern__{t.id}", pattern.value, pattern.evidence))
        elif (many := _missed_many(part)) is not None:  # "missed three antenatal appointments"
            items.append(Item(f"q_pattern__{t.id}", "persistent", many))

    # impact, read per type from the sentences that describe it: serious harm described there
    # ("weight dropping off the centile", "pressure sores") is shown as serious impact with its
    # words, to confirm; harm described elsewhere is asked outright; never "no clear impact"
    def distance(a, b) -> int:
        return 0 if a.start < b.end and b.start < a.end else min(abs(a.start - b.end), abs(b.start - a.end))

    # a harm phrase belongs to the nearest type described in its own clause: harm said in
    # another clause ("missed school because she couldn't walk him there", "..., and she's
    # self-harming") is no impact of that type and is asked outright (S16-LC6)
    owner: dict[int, str] = {}
    for n, h in enumerate(serious):
        near = [(distance(h, k), t.id) for t in seen for k in found[t.id] if clauses[k.start] == clauses[h.start]]
        if near:
            owner[n] = min(near)[1]
    for t in seen:
        harm_here = [h for n, h in enumerate(serious) if owner.get(n) == t.id]
        if harm_here:
            items.append(Item(f"q_impact__{t.id}", "serious", ", ".join(dict.fromkeys(h.words for h in harm_here))))
            continue
        if serious:
            continue
        part = " ".join(dict.fromkeys(_clause_of(doc, h.start, clauses) for h in found[t.id]))
        impact = read_answer(plan.by_id[f"q_impact__{t.id}"], part, today, account=True)
        signs = {_clean_words(h.words) for h in found[t.id]}
        # (a parent's own state, "mum is tired", is no impact on the child: S19-LC11)
        words = impact.evidence if impact is not None else ""
        own = parents_own(doc, sents, words)
        said = ", ".join(w.strip() for w in words.split(",") if _clean_words(w) not in own)
        if (
            impact is not None
            and impact.status == "sure"
            and impact.value in ("some", "serious")
            and said
            and _clean_words(said) not in signs
        ):  # the sign itself ("hungry") is no impact of it
            items.append(Item(f"q_impact__{t.id}", impact.value, said))

    keeps = {str(q) for q in as_list(settings().get("other_child_keeps"))}
    for qid in WHOLE:
        q = plan.by_id.get(qid)
        if q is None:
            continue
        unborn = age is not None and age.band == "unborn"
        if qid in keeps and doc is not whole_doc:  # help before: the family's, other children's too
            r = read_answer(q, whole_text, today, account=True, doc=whole_doc)
            if r is None or r.status != "sure" or not r.value:
                if (one := _by_sentence(q, whole_doc, found, unborn, today, True, r.hits if r else ())) is not None:
                    items.append(Item(qid, *one))
                continue
            w_sents, w_clauses = segments(whole_doc)
            chosen = r.value.split(",") if q.kind == "multi" else [r.value]
            kept = [
                v
                for v in chosen
                if any(h.key == v and _in_context(qid, whole_doc, w_sents, w_clauses, h, unborn) for h in r.hits)
            ]
            if kept and q.kind != "multi":
                kept = [v for v in [_settled(q, r, whole_doc, w_sents, w_clauses, unborn, None)] if v]
            if kept:
                items.append(
                    Item(qid, ",".join(kept), ", ".join(dict.fromkeys(h.words for h in r.hits if h.key in kept)))
                )
            continue
        r = agreed(q, read_answer(q, text, today, account=True, doc=doc))  # (hostile and avoiding: hostile)
        if r is None or r.status != "sure" or not r.value:
            if (one := _by_sentence(q, doc, found, unborn, today, False, r.hits if r else ())) is not None:
                items.append(Item(qid, *one))
            continue
        chosen = r.value.split(",") if q.kind == "multi" else [r.value]
        kept = [
            v
            for v in chosen
            if any(
                h.key == v
                and _in_context(qid, doc, sents, clauses, h, unborn)
                and not _a_sign(qid, h, found)
                and not (v == "yes" and _negated(doc, h, clauses))  # ("haven't spoken to him on his own")
                and not (v == "yes" and not_yet_able(doc, h.start, clauses))  # ("haven't had the chance to tell")
                and not _not_yet_no(qid, doc, h, clauses)  # (S19-LC11) nor the typed answer's no for it
                for h in r.hits
            )
        ]
        if kept and q.kind != "multi":
            kept = [v for v in [_settled(q, r, doc, sents, clauses, unborn, found)] if v]
        if kept:
            items.append(Item(qid, ",".join(kept), ", ".join(dict.fromkeys(h.words for h in r.hits if h.key in kept))))
        elif q.kind != "multi" and (one := _by_sentence(q, doc, found, unborn, today, False, r.hits)) is not None:
            items.append(Item(qid, *one))  # (a yes read from words negated in their clause: read again)

    if not correction:
        items = _with_acts(items, plan, doc, sents, clauses, age is not None and age.band == "unborn")
        if "q_strengths" in plan.by_id and (strong := strengths_in(doc, sents, clauses)) is not None:
            items.append(Item("q_strengths", *strong))

    knows = {str(r).lower() for r in as_list(settings().get("roles_that_know"))}
    if (
        role
        and role.lower() in knows
        and "q_dsl_knows" in plan.by_id
        and not any(i.question_id == "q_dsl_knows" for i in items)
    ):  # the practitioner is the safeguarding lead ("DSL at a primary. ...")
        items.append(Item("q_dsl_knows", "yes", role))

    # (an unborn baby has no words of its own: "wants to keep this baby" is the mother's)
    voice = [] if age is not None and age.band == "unborn" else [h for h in _voice().find(doc)]
    voice = [h for h in voice if not _a_parents(doc, sents, h.start)]  # ("mum wants to change": hers)
    voice = [h for h in voice if not _a_services(doc, sents, h.start, h.end)]  # ("School tell me ...")
    starts = [h.start for h in voice]
    if age is None or age.band != "unborn":  # words quoted after a verb of saying ('wren says "..."')
        starts += [i for i in _quoted(doc) if not _a_parents(doc, sents, i) and not _a_services(doc, sents, i, i + 1)]
    if starts:
        said = "; ".join(dict.fromkeys(_sentence_of(doc, i, sents) for i in sorted(starts)))
        items.append(Item("q_child_voice", "given", said))

    # how long: only an amount or a start said in so many words (bot/lang/account_time.py)
    said = how_long(text, age, today)
    if said is not None:
        items.append(Item("q_duration", *said))

    # form-field lines ("Seen alone: Y"): the label says which question, the value its answer;
    # they stand for what the rest of the account was read to say of the same question
    if not correction:  # words about another time, person or a plan agreed: asked (account.doubt)
        items = [i for i in without_doubted(items, typed) if not _not_from_account(i)]
        fields = read_fields(typed, plan, today)
        # a question with a heading line of its own is answered by that line alone: read elsewhere
        # ("refusing" under Educational neglect, no Response to help) it is asked; and a type its
        # own heading does not say yes to has no how-often or impact from elsewhere
        own = {q for q in headed(typed, plan) if q in (*WHOLE, "q_strengths") or q.startswith("q_seen__")}
        off = {q.partition("__")[2] for q in own if q.startswith("q_seen__") and fields.get(q, ("",))[0] != "yes"}
        items = [
            i
            for i in items
            if i.question_id not in fields
            and i.question_id not in own
            and not (i.question_id.startswith(("q_pattern__", "q_impact__")) and i.question_id.split("__")[1] in off)
        ]
        items += [Item(qid, value, line) for qid, (value, line) in fields.items()]

    cues = tuple((c.kind, c.matched) for c in find_cues(told) if c.kind != "parent_focus")
    return Account(tuple(items), not_a_worry, cues, tuple(h.words for h in said_harm[0] + said_harm[1]))


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
