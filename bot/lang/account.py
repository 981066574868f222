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
The words come from knowledge/language/answers.yml (options, indicators, harm) and account_words.yml (account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.lang.account_time import DURATION_SAID, how_long
from bot.lang.answers import _Phrases, _without_ages, harm_in, indicators_in, lexicon, read_answer
from bot.lang.nlp import as_list, get_nlp, on_reset, segments

# questions read from an account as a whole (the per-type ones are read type by type)
# (not the strengths: an account rarely names them all, and a part of them is a wrong answer)
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


def settings() -> dict:
    return lexicon().get("account") or {}


@lru_cache(maxsize=1)
def _voice() -> _Phrases:
    return _Phrases([("voice", str(p)) for p in as_list(settings().get("voice"))])


on_reset(_voice.cache_clear)


def _clean_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _sentence_of(doc, start: int, sents: list[int]) -> str:
    s = sents[start]
    return "".join(t.text_with_ws for t in doc if sents[t.i] == s).strip(" .;")


AGO = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|several|few|couple of|\d+)\s+(?:years?|months?|weeks?|terms?)"
    r"\s+ago\b|\b(?:a|one|two|\d+)\s+(?:years?|months?)\s+of\b",
    re.I,
)
OLD = re.compile(
    r"\(\s*\d{1,2}\s*(?:years?|yrs?|months?|mths?|weeks?)(?:,?\s*(?:and\s+)?\d{1,2}\s*(?:months?|mths?))?\s*\)|"
    r"\b\d{1,2}\s*-?\s*(?:years?|yrs?|months?|mths?|weeks?|days?)\s*-?\s*old\b|\baged\s+\d|"
    r"\b\d{1,2}\s*(?:yo|y/o)\b|\bpregnant\b|\bunborn\b",
    re.I,
)


def _masked(text: str) -> str:
    """The account without what looks like an age but is a time ("CIN for a year now", "two
    years ago", "a year of CIN") or another child's age ("a baby sister (5 months)", "her
    brother, aged 9"), for reading the child's age."""
    text = AGO.sub(" ", DURATION_SAID.sub(" ", text))
    others = [_clean_words(str(w)) for w in as_list(settings().get("other_child"))]
    out, last = [], 0
    for m in OLD.finditer(text):
        before = _clean_words(text[max(0, m.start() - 30) : m.start()])
        if any(w and (before.endswith(" " + w) or before == w) for w in others):
            out.append(text[last : m.start()] + " ")
            last = m.end()
    return "".join(out) + text[last:] if out else text


def _timeless(text: str) -> str:
    """Without ages and times past ("a 3 year old", "2 yr old", "two years ago"), which say
    nothing of how often."""
    return AGO.sub(" ", OLD.sub(" ", _without_ages(text)))


def _age(text: str):
    """The child's age: an age said as one ("8 year old", "aged 8", "32 weeks pregnant") first,
    then a school year ("Year 4", "Yr 9", "reception"), then the age reader on the account
    without its times."""
    from bot.lang.age import Age, parse_age

    masked = _masked(text)
    m = MUM_WEEKS.search(masked)
    if m and 1 <= int(m.group(1)) <= 45:  # "Mum is 20 weeks": the pregnancy, not the baby's age
        return Age("unborn", None, int(m.group(1)))
    if OLD.search(masked):
        # an age said as one ("16 yo girl") before another number elsewhere ("he's 24")
        return parse_age(masked) or next(
            (a for a in (parse_age(m.group(0)) for m in OLD.finditer(masked)) if a is not None), None
        )
    years = settings().get("school_years") or {}
    for band, pattern in years.items():
        if band in ("basis", "source"):
            continue
        if re.search(str(pattern), text, re.I):
            return Age(str(band), None, None)
    age = parse_age(masked)
    # an age said in a number ("Skye is 4") before a band word elsewhere ("her baby brother")
    m = None if age is not None and age.months is not None else IS_AGE.search(masked)
    if m and 0 < int(m.group(1)) <= 17:
        from bot.lang.age import band_for

        return Age(str(band_for(int(m.group(1)) * 12)), int(m.group(1)) * 12, None)
    return age


def _age_said(text: str) -> bool:
    """An age said as one: "8 year old", "aged 8", "she is 2", a school year, a pregnancy."""
    masked = _masked(text)
    years = settings().get("school_years") or {}
    school = any(re.search(str(p), text, re.I) for band, p in years.items() if band not in ("basis", "source"))
    return bool(
        OLD.search(masked) or IS_AGE.search(masked) or MUM_WEEKS.search(masked) or CHILD_IS.search(masked) or school
    )


CHILD_IS = re.compile(
    r"\b(?:he|she|baby|child|son|daughter|boy|girl)\s*(?:is|'s)\s+(?:about\s+|nearly\s+|just\s+)?\d{1,2}\s*"
    r"(?:months?|mths?|weeks?|years?|yrs?)\b",
    re.I,
)


MUM_WEEKS = re.compile(
    r"\b(?:mum|mother|she)(?:\s+is|'s|\s+'s)\s+(?:about\s+|around\s+|nearly\s+)?(\d{1,2})\s*(?:weeks?|wks?)\b"
    r"(?!\s*-?\s*old)",
    re.I,
)
IS_AGE = re.compile(
    r"\b(?:is|who's|who is|turned|just turned)\s+(\d{1,2})\b(?!\s*(?:weeks?|months?|days?|%|times|"
    r"minutes|hours|[ap]m\b|o'clock|th\b|st\b|nd\b|rd\b|/|:|\.\d))",
    re.I,
)


def _sentence_words(doc, sents: list[int], i: int) -> set[str]:
    return {t.lower_ for t in doc if sents[t.i] == sents[i]} | {t.norm_ for t in doc if sents[t.i] == sents[i]}


def _in_context(qid: str, doc, sents: list[int], clauses: list[int], hit, unborn: bool) -> bool:
    """account.context: a hit counts only with one of `with` in its sentence (previous help is
    history; a parental factor is the parent's), and never with one of `not_with` in its
    clause ("mum has a learning disability" is no disability of the child's)."""
    rule = (settings().get("context") or {}).get(qid) or {}
    if rule.get("for_values") and hit.key not in {str(v) for v in as_list(rule.get("for_values"))}:
        return True
    need = {str(w).lower() for w in as_list(rule.get("with"))}
    if unborn:
        need |= {str(w).lower() for w in as_list(rule.get("with_unborn"))}
    if _conceded(doc, sents, clauses, hit.start, set()):
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


def _clauses_of(doc, hits, clauses: list[int], limit: int = 90) -> str:
    """The clauses that hold the hits: the practitioner's words beside an item."""
    out: list[str] = []
    for h in hits:
        c = clauses[h.start]
        words = "".join(t.text_with_ws for t in doc if clauses[t.i] == c).strip(" .;,:-")
        if words and words not in out:
            out.append(words if len(words) <= limit else h.words)
    return "; ".join(out)


def read_account(text: str, plan, today: date | None = None, correction: bool = False) -> Account:
    """`correction`: a short message correcting the understood list ("no physical neglect"),
    where a type named with a negation is not a worry."""
    from bot.lang.cues import find_cues
    from bot.walks.check_plan import AGE_QUESTION  # the plan's own id for the age question

    today = today or date.today()
    role = _role(text)
    text = _without_role(text)
    doc = get_nlp()(text)
    sents, clauses = segments(doc)
    items: list[Item] = []
    # what is said of another child is no answer for this one (help before apart): those
    # questions are read from the account without it
    whole_doc, whole_text = doc, text
    present = _present(doc, sents, clauses) if not correction else text
    present = _without_own_plan(present) if not correction else present
    if present != text:
        text, doc = present, get_nlp()(present)
        sents, clauses = segments(doc)

    # a correction says an age as one ("she is 2", "he's 7 months old"): "two years" there is how long
    age = _age(whole_text) if not correction or _age_said(whole_text) else None
    if age is not None:
        detail = (
            f"unborn, {age.unborn_weeks} weeks"
            if age.unborn_weeks
            else f"{age.months} months"
            if age.months is not None
            else age.band
        )
        items.append(Item(AGE_QUESTION, age.band, detail))

    found = indicators_in(text, doc, account=not correction)
    if not correction:
        found = _without_conceded(doc, sents, clauses, found)
    if age is not None and age.band == "unborn":  # ("she has been feeling very low": the mother)
        found = _without_states(found)
    if not correction:
        found = _care_with_worry(doc, sents, found)
    seen = [t for t in plan.kb.neglect_types if found.get(t.id)]
    not_a_worry = tuple(t.id for t in plan.kb.neglect_types if found.get("-" + t.id) and not found.get(t.id))
    serious, some = harm_in(text, doc)
    said_harm = harm_in(whole_text, whole_doc) if doc is not whole_doc else (serious, some)
    for t in plan.kb.neglect_types:
        qid = f"q_seen__{t.id}"
        if qid not in plan.by_id:
            continue
        if t in seen:
            items.append(Item(qid, "yes", _clauses_of(doc, found[t.id], clauses)))
        elif t.id in not_a_worry:
            items.append(Item(qid, "no", _clauses_of(doc, found["-" + t.id], clauses)))

    # pattern: read for each type from the sentences that describe it (without ages and times
    # past: "a 3 year old", "two years ago" say nothing of how often)
    # (or, when those sentences do not say, from the whole account: for the one type described, or
    # when it says the worry persists)
    whole = None
    for t in seen:
        part = " ".join(dict.fromkeys(_sentence_of(doc, h.start, sents) for h in found[t.id]))
        own = " ".join(dict.fromkeys(_clause_of(doc, h.start, clauses) for h in found[t.id]))
        q = plan.by_id[f"q_pattern__{t.id}"]
        pattern = read_answer(q, _timeless(part), today, account=True)
        if pattern is not None and pattern.status == "sure" and _only_near(pattern):
            # "most days", "3 times" say how often only in the sign's own clause ("comes in most
            # days hungry"), not of the rest of its sentence ("mum drinks most days and ...")
            pattern = read_answer(q, _timeless(own), today, account=True)
        if pattern is None or pattern.status != "sure":
            if whole is None:
                whole = read_answer(q, _timeless(text), today, account=True) or False
                if whole and _only_near(whole):  # ("grandma comes round most days")
                    whole = False
            pattern = (
                whole if whole and (len(seen) == 1 or (whole.value == "persistent" and not _any_near(whole))) else None
            )
        if pattern is not None and pattern.status == "sure":
            items.append(Item(f"q_pattern__{t.id}", pattern.value, pattern.evidence))

    # impact, read per type from the sentences that describe it: serious harm described there
    # ("weight dropping off the centile", "pressure sores") is shown as serious impact with its
    # words, to confirm; harm described elsewhere is asked outright; never "no clear impact"
    def distance(a, b) -> int:
        return 0 if a.start < b.end and b.start < a.end else min(abs(a.start - b.end), abs(b.start - a.end))

    owner: dict[int, str] = {}  # a harm phrase belongs to the nearest type described in its sentence
    for n, h in enumerate(serious):
        near = [(distance(h, k), t.id) for t in seen for k in found[t.id] if sents[k.start] == sents[h.start]]
        if near:
            owner[n] = min(near)[1]
    for t in seen:
        harm_here = [h for n, h in enumerate(serious) if owner.get(n) == t.id]
        if harm_here:
            items.append(Item(f"q_impact__{t.id}", "serious", ", ".join(dict.fromkeys(h.words for h in harm_here))))
            continue
        if serious:
            continue
        part = " ".join(dict.fromkeys(_sentence_of(doc, h.start, sents) for h in found[t.id]))
        impact = read_answer(plan.by_id[f"q_impact__{t.id}"], part, today, account=True)
        signs = {_clean_words(h.words) for h in found[t.id]}
        if (
            impact is not None
            and impact.status == "sure"
            and impact.value in ("some", "serious")
            and _clean_words(impact.evidence) not in signs
        ):  # the sign itself ("hungry") is no impact of it
            items.append(Item(f"q_impact__{t.id}", impact.value, impact.evidence))

    keeps = {str(q) for q in as_list(settings().get("other_child_keeps"))}
    for qid in WHOLE:
        q = plan.by_id.get(qid)
        if q is None:
            continue
        if qid in keeps and doc is not whole_doc:  # help before: the family's, other children's too
            r = read_answer(q, whole_text, today, account=True, doc=whole_doc)
            if r is None or r.status != "sure" or not r.value:
                continue
            unborn = age is not None and age.band == "unborn"
            w_sents, w_clauses = segments(whole_doc)
            chosen = r.value.split(",") if q.kind == "multi" else [r.value]
            kept = [
                v
                for v in chosen
                if any(h.key == v and _in_context(qid, whole_doc, w_sents, w_clauses, h, unborn) for h in r.hits)
            ]
            if kept:
                items.append(
                    Item(qid, ",".join(kept), ", ".join(dict.fromkeys(h.words for h in r.hits if h.key in kept)))
                )
            continue
        r = read_answer(q, text, today, account=True, doc=doc)
        if r is None or r.status != "sure" or not r.value:
            continue
        unborn = age is not None and age.band == "unborn"
        chosen = r.value.split(",") if q.kind == "multi" else [r.value]
        kept = [
            v for v in chosen if any(h.key == v and _in_context(qid, doc, sents, clauses, h, unborn) for h in r.hits)
        ]
        if kept:
            items.append(Item(qid, ",".join(kept), ", ".join(dict.fromkeys(h.words for h in r.hits if h.key in kept))))

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
    starts = [h.start for h in voice]
    if age is None or age.band != "unborn":  # words quoted after a verb of saying ('wren says "..."')
        starts += [i for i in _quoted(doc) if not _a_parents(doc, sents, i)]
    if starts:
        said = "; ".join(dict.fromkeys(_sentence_of(doc, i, sents) for i in sorted(starts)))
        items.append(Item("q_child_voice", "given", said))

    # how long: only an amount or a start said in so many words (bot/lang/account_time.py)
    said = how_long(text, age, today)
    if said is not None:
        items.append(Item("q_duration", *said))

    cues = tuple((c.kind, c.matched) for c in find_cues(whole_text) if c.kind != "parent_focus")
    return Account(tuple(items), not_a_worry, cues, tuple(h.words for h in said_harm[0] + said_harm[1]))


def _conceded(doc, sents: list[int], clauses: list[int], start: int, hits_at: set[int]) -> bool:
    """A sign taken back in the next clause of its sentence by the same person ("missed one
    appointment but rang to rearrange it", "a bit defensive but agreed to talk to school"): that
    clause opens on a word of account.concession, has no subject of its own and holds no worry
    word, negation or other sign (hits_at: where the signs start). Such a sign is left to be
    asked, neither yes nor no."""
    from bot.lang.answers import _clean

    acc = settings()
    opens = {_clean(str(w)) for w in as_list(acc.get("concession"))}
    worry = {_clean(str(w)) for w in as_list(acc.get("worry_words"))} | {"not", "n't", "no", "never", "nothing"}
    c = clauses[start]
    later = sorted({clauses[t.i] for t in doc if clauses[t.i] > c and sents[t.i] == sents[start]})
    # the next clause, or the first that opens on a concession after a reason ("because of the move")
    for k in later[:2]:
        nxt = [t for t in doc if clauses[t.i] == k]
        if nxt and nxt[0].lower_ in opens:
            break
    else:
        return False
    # the same person takes it back: a clause with a subject of its own ("but she finds it hard
    # to say much", "but it closed") adds something else and takes nothing back
    ps = acc.get("parent_state") or {}
    subjects = {_clean(str(w)) for w in as_list(acc.get("concession_subjects"))}
    subjects |= {_clean(str(w)) for w in as_list(ps.get("parents")) + as_list(ps.get("children"))}
    if len(nxt) < 2:
        return False
    # (the subject of the sign's own clause named again takes it back all the same: "she missed one
    # appointment but she rang and rebooked it")
    own = next((t for t in doc if clauses[t.i] == c and not t.is_punct), None)
    same = own is not None and nxt[1].lower_ == own.lower_ and own.lower_ in subjects
    if not same and (nxt[1].lower_ in subjects or nxt[1].norm_ in subjects):
        return False
    words = {t.lower_ for t in nxt} | {t.norm_ for t in nxt}
    return not (words & worry) and not any(t.i in hits_at for t in nxt)


def _care_with_worry(doc, sents: list[int], found: dict) -> dict:
    """A care topic ("jabs", "red book") is a sign only with a worry word in its sentence
    (account.care_topics)."""
    from bot.lang.answers import _clean

    care = {_clean(str(w)) for w in as_list(settings().get("care_topics"))}
    worry = {_clean(str(w)) for w in as_list(settings().get("worry_words"))} | {"n't"}
    out = {}
    for key, hits in found.items():
        kept = [
            h
            for h in hits
            if key.startswith("-")
            or _clean(h.words) not in care
            or {t.lower_ for t in doc if sents[t.i] == sents[h.start]} & worry
        ]
        if kept:
            out[key] = kept
    return out


def _without_states(found: dict) -> dict:
    """An unborn baby shows no state of its own: a state word ("low", "tired", "withdrawn") in an
    account of a pregnancy is the mother's (account.parent_state.states), no sign in the child."""
    from bot.lang.answers import _clean

    states = {_clean(str(w)) for w in as_list((settings().get("parent_state") or {}).get("states"))}
    out = {}
    for key, hits in found.items():
        kept = [h for h in hits if _clean(h.words) not in states]
        if kept:
            out[key] = kept
    return out


def _without_conceded(doc, sents: list[int], clauses: list[int], found: dict) -> dict:
    """The signs found without those taken back in the next clause (_conceded)."""
    hits_at = {h.start for hits in found.values() for h in hits}
    out = {}
    for key, hits in found.items():
        kept = [h for h in hits if key.startswith("-") or not _conceded(doc, sents, clauses, h.start, hits_at)]
        if kept:
            out[key] = kept
    return out


def _quoted(doc) -> list[int]:
    """Where a verb of saying (account.voice_quote_verbs) is followed, within a few words, by
    words in quotation marks ('Remy says "no one cares"', "told his worker 'mummy sleeps'")."""
    from bot.lang.answers import _clean

    verbs = {_clean(str(w)) for w in as_list(settings().get("voice_quote_verbs"))}
    out = []
    for t in doc:
        if t.lower_ in verbs:
            ahead = doc[t.i + 1 : t.i + 6]
            for k in ahead:
                if k.text in ('"', "\u201c", "\u2018", "'", "''") and k.i + 1 < len(doc) and doc[k.i + 1].is_alpha:
                    out.append(t.i)
                    break
                if k.is_punct and k.text in ".;":
                    break
    return out


def _a_parents(doc, sents: list[int], start: int) -> bool:
    """The nearest person named before a word in its sentence is a parent (account.parent_state
    lists): "mum wants to", "parent sees the problem and wants to change" are the parent's words."""
    from bot.lang.answers import _clean

    ps = settings().get("parent_state") or {}
    parents = {_clean(str(w)) for w in as_list(ps.get("parents"))}
    children = {_clean(str(w)) for w in as_list(ps.get("children"))}
    for t in reversed([t for t in doc if sents[t.i] == sents[start] and t.i < start]):
        if t.lower_ in parents or t.norm_ in parents:
            return True
        if t.lower_ in children or t.norm_ in children:
            return False
    return False


def _without_own_plan(text: str) -> str:
    """The account without the practitioner's own next steps ("I'm thinking a young carers
    referral", "I'm going to ask about early help"): a plan is no sign in the child
    (account.own_plan, at the start of a sentence)."""
    from bot.lang.answers import _clean

    plans = sorted({_clean(str(w)) for w in as_list(settings().get("own_plan"))}, key=len, reverse=True)
    parts = re.split(r"(?<=[.!?\n])\s+", text)
    kept = [p for p in parts if not any(_clean(p).startswith(w + " ") for w in plans if w)]
    return " ".join(kept) if len(kept) != len(parts) else text


def _present(doc, sents: list[int], clauses: list[int]) -> str:
    """The account without what it says of another child: a clause that opens on another child
    ("the older boy had early help", "her first child was removed and adopted") and the rest of
    its sentence (account.other_child)."""
    words = sorted({_clean_words(str(w)) for w in as_list(settings().get("other_child"))}, key=len, reverse=True)
    within = int(settings().get("other_child_within") or 4)
    maybe_this = {_clean_words(str(w)) for w in as_list(settings().get("other_child_as_subject"))}
    drop: set[int] = set()
    for i in range(len(doc)):
        if i in drop or (i > 0 and clauses[i] == clauses[i - 1] and i - _clause_start(clauses, i) >= within):
            continue
        start = _clause_start(clauses, i)
        if i - start >= within:
            continue
        if doc[i].is_punct:
            continue
        ahead = _clean_words(" ".join(t.text for t in doc[i : i + 3]))
        said = [w for w in words if w and (ahead == w or ahead.startswith(w + " "))]
        # "first baby" is another child only as the clause's subject ("her first child was
        # removed"), not set apart by a comma ("mum is 19, first baby, living with ...": this baby)
        after = i + len(said[0].split()) if said else len(doc)
        if said and said[0] in maybe_this and (after >= len(doc) or doc[after].is_punct):
            continue
        if said:
            drop |= {k for k in range(start, len(doc)) if sents[k] == sents[i]}
    if not drop:
        return doc.text
    ends = {t.i for t in doc if t.is_punct and (t.i + 1 == len(doc) or sents[t.i + 1] != sents[t.i])}
    return "".join(t.text_with_ws for t in doc if t.i not in drop or t.i in ends)


def _clause_start(clauses: list[int], i: int) -> int:
    while i > 0 and clauses[i - 1] == clauses[i]:
        i -= 1
    return i


def _role(text: str) -> str | None:
    """The practitioner's own role named at the start of an account, as typed."""
    head = " ".join(text.split()[:6]).lower()
    for role in sorted((str(r) for r in as_list(settings().get("roles"))), key=len, reverse=True):
        m = re.search(rf"\b{re.escape(role.lower())}\b", head)
        if m:
            at = text.lower().find(role.lower())
            return text[at : at + len(role)] if at >= 0 else None
    return None


def _without_role(text: str) -> str:
    """The account without the practitioner's own role at its start ("Family support worker.",
    "HV here -", "i'm a midwife,"): a role is no answer ("family support" is early help)."""
    head = " ".join(text.split()[:6]).lower()
    for role in sorted((str(r) for r in as_list(settings().get("roles"))), key=len, reverse=True):
        m = re.search(rf"\b{re.escape(role.lower())}\b", head)
        if m:
            at = text.lower().find(role.lower())
            if at >= 0:
                return text[:at] + "Practitioner" + text[at + len(role) :]
    return text


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
