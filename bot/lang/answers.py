"""read_answer(): a typed answer at a question of the guided check, mapped onto its options.

The words come from two places: each option's label and `words` in knowledge/check.yml, and
the practitioner phrasings, harm words and indicator words of knowledge/language/answers.yml.
Phrases are matched with spaCy's PhraseMatcher (plain phrases) and Matcher (the pattern
notation of bot/lang/nlp.py) on the base form of each word, so "dropped off the centile"
and "drop off centiles" both match. A phrase after a negation in its clause ("no weight
loss") does not count; a hedge ("I think", "maybe") makes any reading one to ask about.

The result is a Reading:
  sure   one option fits and nothing speaks against it: store it, with the words as evidence
  ask    an option is likely but not certain: "That sounds like <option>, is that right?",
         with the nearest options (`candidates`, nearest first)
  none   nothing fits: ask which option is closest, never "please choose a button" again

Safety at the impact question: harm described (faltering growth, dropping centiles,
developmental delay, injury, untreated conditions, missed medication, self-harm, going
missing, exploitation) is never read as "no clear impact": the serious question is asked.

Split by concern: the words and their matching in bot/lang/answer_words.py, ages and the 0-10
scale in bot/lang/answer_numbers.py, typos and new wordings in bot/lang/answer_fallback.py;
this module reads a choice answer and keeps the names its callers import.
"""

from __future__ import annotations

import re
from datetime import date

from bot.lang.answer_fallback import _nothing
from bot.lang.answer_frames import (
    _has,
    about_two_children,
    all_but,
    but_value,
    doubt,
    empty_answer,
    fine_but,
    in_part,
    of_the_list,
    over_now,
    per_carer,
    yes_after_no,
)
from bot.lang.answer_negation import _after_its_own_clause, _button_words, _negated_reads, _own_negations, _unheard
from bot.lang.answer_numbers import QUALIFIED, _scale, _too_young, length_frame, qualified, read_age
from bot.lang.answer_openings import (
    _lone_words,
    _multiword_hedges,
    _negators,
    _opening,
    _option_first,
    _reassured,
    asks,
    corrected,
    cut_short,
    fine_first,
    form_field,
    says_no,
    without_filler,
)
from bot.lang.answer_voice import spoken
from bot.lang.answer_words import (
    Hit,
    Reading,
    _clean,
    _evidence,
    _indicator_hits,
    _Phrases,
    _question_phrases,
    _without_ages,
    account_scope,
    base_id,
    harm_in,
    hedged,
    indicators_in,
    is_no,
    is_yes,
    lexicon,
    negated,
)
from bot.lang.nlp import as_list, get_nlp, segments

# the names callers import from here (bot/walks/check*.py, bot/lang/account.py, scripts/)
__all__ = [
    "CHOICE_KINDS",
    "Hit",
    "Reading",
    "_Phrases",
    "_clean",
    "_without_ages",
    "harm_in",
    "indicators_in",
    "is_no",
    "is_yes",
    "lexicon",
    "read_age",
    "read_answer",
    "about_two_children",
    "warm_up",
]

CHOICE_KINDS = ("yes_no", "choice", "multi", "duration", "scale", "age")


def read_answer(question, text: str, today: date | None = None, account: bool = False, doc=None) -> Reading | None:
    """The reading of a typed answer, or None for a kind this module does not read (age,
    case reference, scale, free text: bot.walks.check_plan reads those). `account`: the text is a
    whole case account (bot/lang/account.py), not an answer to this question.

    An answer is read in its frame first, the same way at every question (answers.yml
    `frames`): two children in one answer is asked again; "nah nothing" is the question's no;
    a fine answer that goes on "but ..." and a worry told in the past and over now are offered
    back, never stored."""
    if question.kind not in CHOICE_KINDS or not question.options:
        return None
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return None
    values = [o.value for o in question.options]
    t = _clean(text)
    for o in question.options:  # a button's title, typed
        if not account and t in (_clean(o.label), _clean(o.value.replace("_", " "))):
            return Reading("sure", o.value, "", (o.value,))
    if account:
        return _read(question, text, today, account, doc)
    plain = without_filler(spoken(question, text))  # said aloud: "so no ...", "ten no nine" (answer_voice.py)
    field = form_field(question, plain)
    if field and field != plain:  # "Previous involvement: none known": the value, for its question
        return read_answer(question, field, today)
    asked = asks(plain) if question.kind not in ("age", "scale") else None  # ("4?", "6? maybe 5")
    if asked == "question":  # "what counts as mental health here?": a practice question, no answer
        return Reading("none", "", "", tuple(values[:4]))
    reading = _typed(question, text, today, plain)
    if asked == "query" and reading is not None and reading.status == "sure":
        # "some? maybe serious? ...", "... - is that comes and goes?": asked back, never stored
        return Reading("ask", reading.value, reading.evidence, reading.candidates, reading.harm, reading.hits)
    return reading


def _typed(question, text: str, today: date | None, plain: str) -> Reading | None:
    """read_answer() for a typed answer (not a whole account), in its frames."""
    values = [o.value for o in question.options]
    t = _clean(text)
    if plain != text:  # "honestly can't tell, ...": the answer without its filler
        return read_answer(question, plain, today)
    correction = corrected(text)
    if correction is not None:  # "yes - sorry no, that was the family before": the words after it
        rest, said = correction
        if said is not None and said in values:
            return Reading("sure", said, text, (said, *[v for v in values if v != said])[:4])
        if rest:
            again = read_answer(question, rest, today)
            if again is not None:
                return again
    if "yes" in values:  # "ye", "def, we did a walk and talk": the word written out
        longer = cut_short(text)
        if longer != text:
            return read_answer(question, longer, today)
    frames = lexicon().get("frames") or {}
    family = {str(q) for q in as_list(frames.get("family_questions"))}  # about the family, not one child
    if base_id(question) not in family and about_two_children(text, question):  # which child?
        return Reading("none", "", "", tuple(values[:4]))
    nothing = "none" if "none" in values else ("no" if "no" in values else None)
    if nothing and question.kind in ("yes_no", "choice", "multi") and empty_answer(text):
        return Reading("sure", nothing, text, (nothing,))
    if "none_yet" in values and empty_answer(text):  # "nothing obvious yet": offered back
        return Reading("ask", "none_yet", text, ("none_yet", "some", "serious", "unsure"))
    left_out = all_but(question, text, lambda words: _read(question, words, today, False, None))
    if left_out is not None:  # "all of them except LD": every other answer, offered back
        return left_out
    young = _too_young(question, text)
    if young:  # "she's 8 months old", "hes 2, so not really": too young to be seen alone
        return Reading("ask", young, text, (young, *[v for v in values if v != young])[:4])
    reading = _read(question, text, today, False, None)
    if reading is not None and reading.status == "none" and "none_yet" in values and says_no(text):
        if not any(harm_in(text)):  # "not that i can tell, he plays happily": offered back
            return Reading("ask", "none_yet", text, ("none_yet", "some", "serious", "unsure"))
    if reading is not None and base_id(question) == "q_impact" and reading.value in ("unsure", "none_yet"):
        hdoc = get_nlp()(text)
        # ("won't talk about it" is a topic refused, not a child who does not talk)
        serious, some = (
            [h for h in hs if not (h.end < len(hdoc) and hdoc[h.end].lower_ == "about")] for hs in harm_in(text, hdoc)
        )
        if serious or some:  # "no idea, but his weight has dropped": harm is never not sure or none
            value = "serious" if serious else "some"
            said = tuple(h.words for h in serious + some)
            return Reading("ask", value, ", ".join(said), ("serious", "some"), said, reading.hits)
    if (
        reading is not None
        and reading.status in ("sure", "ask")
        and reading.value not in ("unsure", "serious")
        and not reading.harm  # harm described is never offered back as not sure
        and "unsure" in values
        and len(t.split()) > 2
        and doubt(text)
    ):  # "dunno only been once", "might have but i'm not certain": not sure offered first
        order = ("unsure", reading.value, *[v for v in values if v not in ("unsure", reading.value)])
        return Reading("ask", "unsure", reading.evidence, order[:4], reading.harm, reading.hits)
    turned = yes_after_no(question, text, reading, lambda words: _read(question, words, today, False, None))
    if turned is not None:  # "no, I am the lead": a no that answers something else, then a yes: offered back
        return turned
    listed = of_the_list(question, text, reading) or per_carer(question, text, reading, today, _read)  # "some, yes"
    if listed is not None:
        return listed
    if reading is not None and reading.status == "none" and question.kind == "yes_no" and "yes" in values:
        if _has(t, frames.get("partly")):  # "partly", "in part": some of it fits, offered back as yes
            return Reading("ask", "yes", "", ("yes", *[v for v in values if v != "yes"])[:4])
    if reading is not None and reading.status == "none" and question.kind in ("yes_no", "choice"):
        # nothing fits, but the words say all is well ("seems fine in himself tbh"): the
        # question's all-is-well option is offered back, never stored (none where harm is described)
        calm = next((v for v in ("none_yet", "managing") if v in values), None)
        calm = calm or ("no" if base_id(question) == "q_seen" and "no" in values else None)
        if calm and _reassured(t) and not any(harm_in(text)):
            return Reading("ask", calm, "", (calm, *[v for v in values if v != calm])[:4])
    if reading is not None and reading.status == "ask" and reading.value == "yes" and question.kind == "yes_no":
        if over_now(text, base_id(question)) and "no" in values:  # offered back as over now
            return Reading("ask", "no", reading.evidence, ("no", "yes", "unsure"), reading.harm, reading.hits)
    if reading is None or reading.status != "sure" or question.kind in ("age", "scale", "duration"):
        return reading
    base = base_id(question)
    said = _clean(reading.evidence)
    spoken = [h for h in _multiword_hedges() if f" {h} " in f" {t} " and h not in said]
    if spoken and reading.value != "unsure":  # "sometimes persistent sometimes one off, cant decide"
        return Reading("ask", reading.value, reading.evidence, reading.candidates, reading.harm, reading.hits)
    fine = {"no", "none", "managing", "none_yet"}
    if (
        reading.value in fine
        and len(t.split()) > 2
        and fine_but(text, reading.evidence)
        and not _no_conceded(question, text)
    ):
        # "not that i know of but school querying ADHD": more than a no, asked
        value = but_value(question, text, reading.value, fine, lambda w: _read(question, w, today, False, None))
        return Reading("ask", value, reading.evidence, (value, *[v for v in values if v != value])[:4], reading.harm)
    worry = reading.value not in fine and reading.value != "unsure"
    if worry and len(t.split()) > 3 and fine_first(question, text, reading, fine):
        # "not that we know of but nursery wonder about autism": a no, then more: asked
        value = "unsure" if question.kind == "yes_no" and "unsure" in values else reading.value
        return Reading("ask", value, reading.evidence, (value, *[v for v in values if v != value])[:4], reading.harm)
    if worry and over_now(text, base):  # "was last year, not now": offered back as over
        # (at a choice question, its all-is-well option: "used to struggle, ok now" is managing)
        value = next((v for v in ("no", "managing", "none") if v in values), reading.value)
        return Reading("ask", value, reading.evidence, (value, *[v for v in values if v != value])[:4], reading.harm)
    return in_part(question, text, reading)  # "some of it"; "some impact" at a seen question: offered back


def _inside(h: Hit, k: Hit) -> bool:
    return k.start <= h.start and h.end <= k.end and k.end - k.start > h.end - h.start


def _no_conceded(question, text: str) -> bool:
    """A no going on "but ..." reading as nothing else ("no - they don't agree to much, but ..."): no stands."""
    if not says_no(text):
        return False
    low = text.lower()
    cut = re.search(r"\b(?:but|although|though|however)\b", low)
    rest = _read(question, text[cut.end() :], None, False, None) if cut else None
    return rest is not None and (rest.status == "none" or rest.value == "no")


def _read(question, text: str, today: date | None, account: bool, doc) -> Reading | None:
    values = [o.value for o in question.options]
    if question.kind == "scale":
        return None if account else _scale(text)
    if question.kind == "age":
        return None if account else read_age(text)
    base = base_id(question)
    if base == "q_duration" and not account:
        # a part about another child ("the older sibling was on a plan 4 years ago but the worries
        # about this one are only a few weeks old") says nothing of how long for this one
        pieces = re.split(r"[,;]|\bbut\b", text)
        mine = [x for x in pieces if not _has(_clean(x), (lexicon().get("frames") or {}).get("other_child"))]
        if mine and len(mine) < len(pieces):
            return _read(question, ", ".join(x.strip() for x in mine), today, account, None)
    doc = doc if doc is not None else get_nlp()(text)
    clauses = segments(doc)[1]
    opening = None if account else _opening(doc, clauses, values)
    if opening is not None:
        first = " ".join(tok.text for tok in doc if clauses[tok.i] == clauses[0])
        return Reading("sure", opening, first if first.strip() != text.strip() else "", (opening,))
    lead = None if account else _option_first(question, doc, clauses)
    if lead == "none_yet" and any(harm_in(text, doc)):
        lead = None  # "none yet, but her weight is dropping": harm is never "no clear impact"
    if lead is not None:  # "some, he's behind in reading", "managing, dad gets benefits"
        first = " ".join(tok.text for tok in doc if clauses[tok.i] == clauses[0])
        return Reading("sure", lead, first, (lead,))
    phrases = _question_phrases(
        base, tuple((o.value, o.label, o.words) for o in question.options), account, question.kind == "multi"
    )
    # in an account a negation covers its clause ("no concerns about drugs, drink, DV or mental health")
    scope = account_scope(doc) if account else clauses  # in an account: the sentence ("no X, Y or Z")
    found_all = [h for h in phrases.find(doc) if account or not _unheard(doc, h, clauses, question.kind, base)]
    # a negation that opens a phrase of this file of its own ("no real change despite months of
    # support") negates nothing after it; the buttons' short words ("not seen") own nothing
    own = frozenset() if account else _own_negations(doc, found_all, _button_words(question))
    hits = [h for h in found_all if not negated(doc, h, scope, 12 if account else None, own)]
    if not account:  # a negation said of its own verb negates no clause after it ("never lasts once we step back")
        hits += [h for h in found_all if h not in hits and _after_its_own_clause(doc, h)]
        hits.sort(key=lambda h: (h.start, h.end))
    # a phrase of one answer said under a negation reads as the other ("no real change", "the
    # changes haven't lasted", "not superficial"; answers.yml negated_reads): offered back, never stored
    turn = {} if account else _negated_reads(base)
    turned = [Hit(turn[h.key], h.start, h.end, h.words) for h in found_all if h.key in turn and h not in hits]
    hits += turned
    if account and len(hits) < len(found_all):
        # in an account, a negation that opens a phrase of its own ("No food in, electric off")
        # negates nothing after it
        owned = frozenset(h.start for h in found_all + _indicator_hits(doc))
        hits = [h for h in found_all if not negated(doc, h, scope, 12, owned)]
    if not account:  # a word inside a longer phrase under a negation is negated too ("can't cope and asked for help")
        hits = [h for h in hits if not any(k not in hits and _inside(h, k) for k in found_all)]
    # a hit inside a longer hit of another option gives way ("not yet" inside "not yet sitting")
    hits = [h for h in hits if not any(k is not h and _inside(h, k) for k in hits)]
    # a phrase that opens on its own negation owns the words it shares with a later hit ("never
    # been known to" + "known to social care": no help before)
    neg_words = _negators()
    hits = [
        h
        for h in hits
        if not any(
            k.key != h.key and k.start < h.start < k.end and doc[k.start].norm_ in neg_words for k in hits if k is not h
        )
    ]
    if question.kind in ("yes_no", "choice") and len(doc) > 3:
        # "no breakfast", "never in school": a lone yes or no word inside a description is not the answer
        lone = _lone_words()
        hits = [h for h in hits if (h.end - h.start) > 1 or _clean(h.words) not in lone]
    score: dict[str, float] = {}
    why: dict[str, list[Hit]] = {}
    for h in hits:
        score[h.key] = score.get(h.key, 0.0) + (h.end - h.start)
        why.setdefault(h.key, []).append(h)
    inside = {i for h in hits for i in range(h.start, h.end)}
    outside = " ".join(tok.text for i, tok in enumerate(doc) if i not in inside)
    hedge = hedged(outside) and "unsure" not in score  # "seem to engage" is an option, not a hedge
    if account and hedge:  # in an account, only a hedge just before a hit counts ("maybe drinking")
        hedge = any(
            hedged(
                " ".join(tok.text for tok in doc[max(0, h.start - 3) : h.start])
                .replace("seems", "")
                .replace("seem", "")
            )
            for h in hits
        )

    harm_serious: list[Hit] = []
    harm_some: list[Hit] = []
    if base == "q_impact":
        harm_serious, harm_some = harm_in(text, doc)
        if harm_serious or harm_some:
            score.pop("none_yet", None)
            if "serious" not in score and "some" not in score and "unsure" not in score:
                if harm_serious:
                    # the serious question asked outright: never guessed, never "no clear impact"
                    return Reading(
                        "ask",
                        "serious",
                        _evidence(harm_serious + harm_some),
                        ("serious", "some"),
                        tuple(h.words for h in harm_serious + harm_some),
                        tuple(hits),
                    )
                score["some"] = sum(h.end - h.start for h in harm_some)
                why["some"] = harm_some
            elif harm_serious and "serious" not in score:
                return Reading(
                    "ask",
                    "serious",
                    _evidence(harm_serious + why.get("some", [])),
                    ("serious", "some"),
                    tuple(h.words for h in harm_serious),
                    tuple(hits),
                )
            elif harm_serious:  # serious said, with serious harm told: the milder words describe that harm
                score.pop("some", None)
                score["serious"] += sum(h.end - h.start for h in harm_serious)
                why["serious"] = why.get("serious", []) + harm_serious
    if base == "q_pattern" and not account:
        from bot.lang.when import parse_duration

        d = parse_duration(_without_ages(text), today or date.today())
        if d is not None and d.months is not None and d.months >= 3 and "one_off" not in score:
            score["persistent"] = score.get("persistent", 0.0) + 1.5
            why.setdefault("persistent", []).append(Hit("persistent", 0, 0, f"about {d.months:.0f} months"))
    if base == "q_duration" and not account and not hedge:
        from bot.lang.when import GESTATION, parse_duration

        framed = length_frame(text, today or date.today())
        if framed is not None:  # "either 2 months or a year", "between ...": asked; "from 12 weeks, now 36": stored
            return framed
        # the first part of the answer that says how long ("well over a yr, worse since the spring")
        parts = [parse_duration(_without_ages(part), today or date.today()) for part in re.split(r"[,;]", text)]
        # (a part that says how long in so many words before a vague one: "since nursery flagged it
        # in the summer term, about five months ago")
        d = next((x for x in parts if x is not None and x.months is not None and not x.vague), None)
        if GESTATION.search(text.lower()):  # weeks of a pregnancy then and now, across the parts
            d = parse_duration(text, today or date.today())
        d = d or next((x for x in parts if x is not None), None)
        if d is not None and d.months is not None and not d.vague:
            # a number of months, weeks or terms decides ("a couple of months", "half a term"); a
            # qualifier moves it off the boundary ("over a year", "nearly 3 months", "just over 3 months")
            q = QUALIFIED.search(text.lower())
            if q is not None:  # the amount the qualifier is said of
                said = re.split(r"[,;]", text[q.start() :])[0]
                d = parse_duration(_without_ages(said), today or date.today()) or d
            months = (d.months or 0) + qualified(q)
            value = "under_3m" if months < 3 else ("3_to_12m" if months <= 12 else "over_12m")
            return Reading("sure", value, text, (value,))
    if base == "q_duration" and re.search(
        r"\bsince (?:the )?birth\b|\bsince (?:he|she|they) (?:was|were) born\b", text.lower()
    ):
        from bot.lang.age import parse_age

        age = parse_age(_clean(re.sub(r"(?i)since (?:the )?birth|since (?:he|she|they) (?:was|were) born", " ", text)))
        if age is not None and age.months is not None:
            value = "under_3m" if age.months < 3 else ("3_to_12m" if age.months <= 12 else "over_12m")
            return Reading("sure", value, text, (value,))
    if base == "q_seen" and question.neglect_type is not None:
        found = indicators_in(text, doc)
        own = found.get(question.neglect_type.id, [])
        fine = found.get("ok:" + question.neglect_type.id, [])
        if own and why.get("no"):  # "hasn't" in "hasn't been in school" is the worry's, not a no
            # (a no word that shares a word with a sign belongs to the sign; "no concerns about
            # school" holds no sign: "school" alone is none)
            kept = [h for h in why["no"] if not any(o.start < h.end and h.start < o.end for o in own)]
            if kept:
                why["no"], score["no"] = kept, float(sum(h.end - h.start for h in kept))
            else:
                why.pop("no"), score.pop("no")
        if fine and not own and "yes" not in score:  # "attendance is fine, 97%"
            score["no"] = score.get("no", 0.0) + 2 * len(fine)
            why.setdefault("no", []).extend(fine)
        elif own and "no" not in score:
            score["yes"] = score.get("yes", 0.0) + 2 * len(own)
            why.setdefault("yes", []).extend(own)
        elif found.get("-" + question.neglect_type.id) and "yes" not in score and not account and "no" not in score:
            # "inhaler never in school", "hasn't been in school since October": a worry, but asked
            neg = found["-" + question.neglect_type.id]
            return Reading("ask", "yes", _evidence(neg), ("yes", "no", "unsure"), (), tuple(neg))
        elif found.get("-" + question.neglect_type.id) and "yes" not in score:
            score["no"] = score.get("no", 0.0) + 1
            why.setdefault("no", []).extend(found["-" + question.neglect_type.id])
        elif not score and not account and (any(not k.startswith(("-", "ok:")) for k in found) or len(doc) >= 5):
            # a worry of another kind, or a description: probably yes to this one too, but ask
            other = [h for k, v in found.items() if not k.startswith(("-", "ok:")) for h in v]
            return Reading("ask", "yes", _evidence(other), ("yes", "no", "unsure"), (), tuple(other))

    if question.kind == "multi" and not account:
        # "none of those, drugs, drink and DV have all been asked about": the exclusive option said
        # as the whole first clause is offered back, never outweighed by the words after it
        first = _clean(" ".join(tok.text for tok in doc if clauses[tok.i] == clauses[0]))
        extra = (lexicon().get("options") or {}).get(base) or {}
        lead = next(
            (
                o.value
                for o in question.options
                if o.exclusive
                and first in {_clean(o.label), *(_clean(w) for w in (*o.words, *as_list(extra.get(o.value))))}
                and clauses[-1] != clauses[0]
            ),
            None,
        )
        if lead is not None and first not in _lone_words():
            return Reading("ask", lead, first, (lead, *[v for v in values if v != lead])[:4], (), tuple(hits))
    if question.kind == "multi":
        chosen = [v for v in values if v in score]
        if not chosen:
            return Reading("none") if account else _nothing(question, text)
        plain = [v for v in chosen if not next(o for o in question.options if o.value == v).exclusive]
        chosen = plain or chosen[:1]
        value = ",".join(chosen)
        evidence = _evidence(h for v in chosen for h in why.get(v, []))
        return Reading("ask" if hedge else "sure", value, evidence, (value,), (), tuple(hits))

    if not score:
        return Reading("none") if account else _nothing(question, text)
    ranked = sorted(score, key=lambda v: (-score[v], values.index(v) if v in values else 99))
    ranked = [v for v in ranked if v in values]
    if not ranked:  # only words that are no answer ("children's services have been told")
        return Reading("none") if account else _nothing(question, text)
    top = ranked[0]
    rest = [v for v in values if v not in ranked]
    if harm_serious or harm_some:
        rest = [v for v in rest if v != "none_yet"]
    candidates = tuple(ranked + rest)[:4]
    evidence = _evidence(why.get(top, []))
    clear = len(ranked) == 1 or score[top] >= 2 * score[ranked[1]]
    if clear and not hedge and not any(h in turned for h in why.get(top, [])):
        return Reading("sure", top, evidence, candidates, tuple(h.words for h in harm_serious + harm_some), tuple(hits))
    return Reading("ask", top, evidence, candidates, tuple(h.words for h in harm_serious + harm_some), tuple(hits))


def warm_up(questions) -> None:
    """Read one answer that fits nothing at each question now, so that its phrases are compiled
    and its fallback classifier trained (150-800 ms each) before the first practitioner answers
    it (called once where the action server starts, actions/__init__.py)."""
    for question in questions:
        if question.kind in CHOICE_KINDS and question.options:
            read_answer(question, "warm up answer")
