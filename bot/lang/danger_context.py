"""The context readers of detect_danger() (bot/lang/danger.py): does a danger signal found in a
message stand, or does its context cancel it (a question, a hypothetical, a negation, talk in
general, the past, a habit, practice, something resolved)? See bot/lang/danger.py's docstring
for each reading. The words are data: the `context` section of knowledge/language/danger.yml
(read by danger.py into its rules) and the function words of knowledge/language/grammar.yml.
Imported by bot/lang/danger.py, which re-exports these names; imports nothing of it."""

from __future__ import annotations

from bot.lang import grammar
from bot.lang.danger_frames import Frames
from bot.lang.danger_readings import (
    NEXT_SENTENCE_REACH,
    _but_a_sign,
    _carer_opinion,
    _corrected,
    _reported_threat,
    _rescue_only,
    _said_of_adult,
    _self_of_adult,
    _sober_elsewhere,
    _ultimatum,
    _undone,
    condition_had,
)
from bot.lang.nlp import span_bounds

NEGATION_WINDOW = 4
OPINION_REACH = 6  # words after "I don't think" that it denies
FREQUENCY_WINDOW = 2
UNREALISED_REACH = 4  # words before a `resolved` phrase where "will", "going" make it only to come
TOLD_PAST = "told in the past tense"
NOT_NOW = "not happening now"  # a signal that needs a now-word and has none


def _excluded(doc, sig, start, end, rules, ctx=None) -> bool:
    """The words right after the match (`not_followed_by`: "missing school") or right before
    it (`not_preceded_by`: "I haven't been back") show it is not the signal; or the signal
    `needs` a kind of context the message does not hold (bruising: an infant)."""
    if ctx is not None and sig in rules.needs and not any(ctx.get(k) for k in rules.needs[sig]):
        return True
    if any(seq.matches_at(doc, end) for seq in rules.not_followed[sig]):
        return True
    # the name of a document or a drill ("our lost child procedure", "the missing child policy")
    if end < len(doc) and doc[end].norm_ in rules.document_after:
        return True
    # words inside the match that show it is not the signal ("no adult support at home")
    if any(seq.matches_at(doc, i) for seq in (rules.not_containing or {}).get(sig, ()) for i in range(start, end)):
        return True
    # a condition a child has ("pupils with anaphylaxis"), not one happening now (S13-DI12)
    if condition_had(doc, start, end, ctx):
        return True
    return any(
        start - len(seq.steps) >= 0 and seq.matches_at(doc, start - len(seq.steps))
        for seq in rules.not_preceded.get(sig, ())
    )


def _person(doc, i: int, lo: int, drv: dict) -> str:
    """The adult a word at i is said of: the nearest adult named before it in the sentence (from
    lo); "he"/"him" and "she"/"her" stand for the nearest adult of that kind before them
    (`driving` in danger.yml: `he`, `she`, `either`)."""
    adults = drv["he"] | drv["she"] | drv["either"]
    pronoun = ""
    for j in range(i - 1, lo - 1, -1):
        w = doc[j].norm_
        if not pronoun and w in adults:
            return w
        if not pronoun and w in ("he", "him", "she", "her"):
            pronoun = "he" if w in ("he", "him") else "she"
        elif pronoun and w in (drv[pronoun] | drv["either"]):
            return w
    return pronoun


def _adult_after(doc, i: int, hi: int, drv: dict) -> str:
    """The adult named within a few words after i ("the kids are with their dad")."""
    adults = drv["he"] | drv["she"] | drv["either"]
    return next((doc[j].norm_ for j in range(i + 1, min(i + 4, hi)) if doc[j].norm_ in adults), "")


def _another_adult_drove(doc, start, end, s0, s1, rules) -> bool:
    """A drink or a drug in the match, and in its sentence another adult drives or has the
    children ("grandad drove them home as mum had had a few drinks", "dad had been drinking so
    his partner drove", "mum's drunk but nan has the kids"): the one who drank is not the one at
    the wheel or with the child. Not when an adult who drank drives or has a child ("mum had a
    few drinks and she drove them home", "dad's hammered and has the kids on his own"), nor when
    one is not said to drive ("asked him not to drive"), nor for a match that names a child and
    no driving ("drunk and alone with the baby" stands whoever drove)."""
    drv = rules.driving or {}
    if not drv:
        return False
    in_match = range(start, end)
    if not any(doc[k].norm_ in drv["intoxication"] for k in in_match):
        return False
    if not any(doc[k].lower_ in drv["finite"] for k in in_match) and any(
        doc[k].norm_ in drv["child"] for k in in_match
    ):
        return False
    drinkers = {
        _person(doc, k, s0, drv)
        for k in range(s0, s1)
        if doc[k].norm_ in drv["intoxication"] and not (k > 0 and doc[k - 1].norm_ in drv["not_before"])
    }
    if not drinkers or "" in drinkers:
        return False
    others = [
        _person(doc, k, s0, drv)
        for k in range(s0, s1)
        if doc[k].lower_ in drv["finite"] and not (k > 0 and doc[k - 1].norm_ in drv["not_before"])
    ]
    for k in range(s0, s1):
        if doc[k].norm_ not in drv["child"]:
            continue
        if any(doc[j].norm_ in drv["keeping"] for j in range(max(s0, k - 3), k)):
            others.append(_person(doc, k, s0, drv))
        with_at = next((j for j in range(k + 1, min(k + 4, s1)) if doc[j].norm_ == "with"), None)
        if with_at is not None and _adult_after(doc, with_at, s1, drv):
            others.append(_adult_after(doc, with_at, s1, drv))
    return bool(others) and all(d and d not in drinkers for d in others)


def _cancelled(doc, sig, start, end, sent_ids, clause_ids, ctx, rules, frames: Frames, tense: bool = True) -> str:
    c0, c1 = span_bounds(clause_ids, start)
    s0, s1 = span_bounds(sent_ids, start)
    if ctx.get("no_child") and not ctx.get("child_here"):
        return "no child in it"
    if _another_adult_drove(doc, start, end, s0, s1, rules):
        return "another adult drives or has the child"
    if _said_of_adult(doc, sig, start, end, rules.driving):
        return "said of an adult who has left"
    if _self_of_adult(doc, sig, start, end, c0):
        return "said of an adult doing it themselves"
    # a signal that needs a carer drunk or high, the carer said to be sober in its sentence
    if "intoxicated" in rules.needs.get(sig, ()) and any(
        s0 <= a < s1 and not (a > 0 and doc[a - 1].norm_ in rules.negations) and not _undone(doc, (a, b))
        for a, b in ctx.get("sober", ())
    ):
        return "the carer is sober"
    # the match's own scope (danger_frames.py): its frame clause and those it carries on
    f0, f1 = frames.scope(start)
    own = frames.times(start)

    def found(kind, lo, hi, inside_ok=False):
        for a, b in ctx.get(kind, ()):
            if a >= lo and b <= hi and (inside_ok or b <= start or a >= end):
                return True
        return False

    # question: skip a procedural opening ("what do I do") and look at the first word
    # (and a joining word before it: "..., and can parents do it by themselves?")
    q = c0
    for a, b in ctx.get("question_joiner", ()):
        if a == q:
            q = b
    for a, b in ctx.get("procedural", ()):
        if a == q:
            q = b
    # "in what situations would ...": the question word after a leading preposition
    if any(a == q for a, _b in ctx.get("question_lead", ())):
        q += 1
    while q < start and doc[q].is_punct:
        q += 1
    if q < start:
        first = doc[q].norm_
        ends_q = doc[s1 - 1].text.endswith("?")
        second = doc[q + 1].norm_ if q + 1 < len(doc) else ""
        subordinate = not ends_q and second in grammar.words("subjects")  # "when I arrived", "what she told me"
        if (first in rules.question_words and not subordinate) or (first in rules.question_aux and ends_q):
            return "asked as a question"
        # "should I see the child on their own", "do I need to ...": a practitioner asking
        # about practice, unless something is happening now ("should I ring 999, she's alone now")
        second = doc[q + 1].norm_ if q + 1 < len(doc) else ""
        asker = second in ("i", "we") or any(a == q + 1 for a, _b in ctx.get("practice_subject", ()))
        if first in rules.question_aux and asker and not found("now", c0, c1, inside_ok=True):
            return "asked as a question"
    # a term asked about: the sentence is the term alone with a question mark ("immediate
    # danger?"), or the term then a question about it ("unresponsive parent - abuse or neglect",
    # "... - what does it mean"), nothing of the term's part told as now or present
    if doc[s1 - 1].text.endswith("?") and all(
        start <= k < end or doc[k].is_punct or doc[k].lower_ in rules.term_fillers for k in range(s0, s1)
    ):
        return "asked as a question"
    if (
        found("term_question", end, s1)
        and not own & {"now", "present", "progressive"}
        and not found("now", s0, s1, inside_ok=True)
    ):
        return "asked as a question"
    # an activity named in general at the start of the message ("leaving children alone",
    # "leaving a baby in the car - how long is ok"): a topic, no one doing it now
    if any(a == 0 and a <= start for a, _b in ctx.get("generic_activity", ())) and not found(
        "now", s0, s1, inside_ok=True
    ):
        return "talked about in general"
    # a choice asked ("call 999 or the front door?"), with or without the question mark ("... is
    # she a housing case or do we have to assess"), nothing told as now
    if doc[s1 - 1].text.endswith("?") and any(t.norm_ == "or" for t in doc[end:s1]):
        return "asked as a question"
    if found("choice_question", end, s1) and not found("now", s0, s1, inside_ok=True):
        return "asked as a question"
    # a framing word ("scenario", "leaflet") frames its sentence, but not a part told as now
    # while the practitioner is at the scene ("dropped off a leaflet and nobody is answering.
    # ... I'm stood outside now")
    framed = found("framing", f0, f1, inside_ok=True) or (
        found("framing", s0, s1, inside_ok=True) and not (frames.scene and own & {"now", "present"})
    )
    # asking for guidance frames an acute word (never a signal), with no now-word in the sentence
    framed = framed or (
        not sig.startswith("danger_")
        and found("asks_guidance", s0, s1, inside_ok=True)
        and not found("now", s0, s1, inside_ok=True)
    )
    # an "if" reaches the parts joined to it by "and" in its clause ("what do I do if I arrive
    # and a toddler is alone"), unless a now-word stands in the match's own part
    if_reach = f0 if "now" in own else min(f0, c0)
    if (
        found("hypothetical", if_reach, start)
        and not _reported_threat(doc, start, end, if_reach, s0, s1, ctx)
        and not _ultimatum(doc, start, end, s0, s1, ctx)
    ) or framed:
        return "hypothetical"
    # (the fear's words may run into the match: "worried the baby might be left alone")
    if any(if_reach <= a < start for a, _b in ctx.get("feared", ())) and not found("now", s0, s1, inside_ok=True):
        return "hypothetical"
    if found("modal", max(c0, start - 2), start) and any(t.norm_ == "if" for t in doc[end:s1]):
        return "hypothetical"
    # "dad would kill him if he found out": a threat under a condition, nothing happening now
    if (
        any(max(c0, start - 2) <= a <= start for a, _b in ctx.get("conditional_modal", ()))
        and any(t.norm_ == "if" for t in doc[end:s1])
        and not found("now", s0, s1, inside_ok=True)
    ):
        return "hypothetical"
    # what nearly happened and did not: "nearly hit by a car", "could have drowned if nan
    # hadn't walked in", "might have choked but mum was right there"
    if any(max(f0, start - 2) <= a <= start for a, _b in ctx.get("near_miss", ())):
        return "a near miss, not happening"
    if found("counterfactual", max(f0, start - 3), start, inside_ok=True) and found("averted", s0, s1, inside_ok=True):
        return "a near miss, not happening"
    # a small harm ("minor injuries", "a little bump"): for an acute word, not for a signal
    if sig in ("acute", "acute_alone") and found("mild", max(c0, start - 2), start):
        return "a minor harm"
    # the children are at school or nursery: an acute word in the sentence is not a harm to them now
    if sig in ("acute", "acute_alone") and found("child_elsewhere", s0, s1):
        return "the children are elsewhere"
    if found("negation_clause", f0, start):
        return "negated"
    # negation just before the match, within its clause
    i = start - 1
    while i >= max(c0, start - NEGATION_WINDOW):
        n = doc[i].norm_
        if n in grammar.words("negation_stops"):
            break
        if n in rules.negations and any(a <= i < b <= start for a, b in ctx.get("ultimatum", ())):
            break  # the condition's own "not" ("if he doesn't they'll hurt his mum") denies the condition
        if n in rules.negations:
            # "no, I don't know where she is", "no she's on her own": the answer "no" before a
            # statement (a subject or a comma right after it) denies the question, not the match
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if doc[i].lower_ == "no" and nxt is not None and (nxt.is_punct or nxt.norm_ in grammar.words("subjects")):
                i -= 1
                continue
            # "he won't stop hitting her": a negated "stop" is going on, not denied
            if any(t.norm_ in rules.negation_turned for t in doc[i + 1 : start]):
                break
            return "negated"
        i -= 1
    # (not inside someone's words quoted after it: "saying 'babysitting for the night lol'")
    if any(a >= end and b <= s1 and not _quoted(doc, s0, a) for a, b in ctx.get("negation_after", ())):
        return "negated"
    # or a joke told at the start of the next sentence (`negation_next`: "... said my dad will
    # kill me. she laughed after", "he said he'd kill her. He was joking"); not every
    # `negation_after` ("she's unconscious. No longer breathing")
    # (only for words someone said: "the kids said ... will kill me", not "dad has a knife.
    # She is laughing at him")
    if s1 < len(doc) and any(s0 <= a and b <= start for a, b in ctx.get("saying", ())):
        n0, _n1 = span_bounds(sent_ids, s1)
        if any(n0 <= a < n0 + NEXT_SENTENCE_REACH for a, _b in ctx.get("negation_next", ())):
            return "negated"
    # a claim put right in the next sentence ("... left a child 'alone'. Turns out the staff member
    # was at the door the whole time"): a correction at its start, with an adult watching the child
    # or the child well in it
    if s1 < len(doc) and _corrected(sent_ids, s1, ctx):
        return "put right in the next sentence"
    # "I don't think the kids are at risk tonight": a denied opinion reaches a few words into
    # its own frame clause (not the parts after "and")
    b0, _b1 = frames.bounds(start)
    if any(a >= b0 and b <= start and start - b <= OPINION_REACH for a, b in ctx.get("opinion_negation", ())):
        return "negated"
    if found("meta", f0, start):
        return "talked about in general"
    if any(a < end and b > start for a, b in ctx.get("practice", ()) if a >= s0 and b <= s1):
        return "a phrase of practice"
    # what was done after it, not said under a condition ("if the police come in") nor denied
    # ("she hasn't come back"), nor told of another time in a later sentence ("we visited last
    # week and it was fine then")
    # (not a court order: "he's on bail with conditions not to contact them" is why his coming is
    # danger, not its settling)
    orders = ctx.get("court_order", ())
    if any(
        a >= end
        and not any(o0 <= a < o1 for o0, o1 in orders)
        and not _conditional(doc, clause_ids, a)
        and not _denied(doc, a, rules)
        and not _of_another_time(sent_ids, start, a, ctx, frames)
        # an arrest settles a harm by the one arrested, not a child left without an adult
        # ("the 5 year old is alone at home, mum's been arrested")
        # and a discharge from hospital settles a harm treated, not a child leaving with someone
        # (`not_settled_by: [discharge]`)
        # (a sober adult settles nothing when the child was taken away by the unfit one: who is
        # WITH the child decides, "dad drove off with the kids drunk, mum is sober at home")
        for a, _b in [
            r
            for r in ctx.get("resolved", ())
            if not _sober_elsewhere(doc, r, s0, s1, ctx)
            and not _rescue_only(r, sig, ctx, rules)
            and not _but_a_sign(doc, r, s1, rules)
            and not _carer_opinion(doc, r)
            and not _undone(doc, r)
        ]
        + ([] if sig in rules.supervision else list(ctx.get("arrest", ())))
        + ([] if "discharge" in (rules.not_settled or {}).get(sig, ()) else list(ctx.get("discharge", ())))
    ):
        return "dealt with since"
    # settled, told before the harm in its sentence (`settled_before`: "the kids are with their
    # grandad now and safe, police took mum to hospital after she overdosed"); not for a child
    # without an adult (an adult taken away leaves the child alone)
    if sig not in rules.supervision and any(
        s0 <= a and b <= start and not _conditional(doc, clause_ids, a) and not _denied(doc, a, rules)
        for a, b in ctx.get("settled_before", ())
    ):
        return "dealt with before it is told"
    now_here = _now_near(doc, start, end, c0, c1, ctx)
    now_in_sentence = found("now", s0, s1, inside_ok=True)
    if sig in rules.needs_now and not now_in_sentence and not found("present", s0, s1, inside_ok=True):
        return NOT_NOW
    # a background phrase ("a history of violence") speaks of a person, not of when things
    # happen: it counts only for the words it reaches
    background_here = any(f0 <= a and b <= f1 and _reaches(doc, b, start) for a, b in ctx.get("background", ()))
    # a count ("twice") is the past for the match's own part only
    repeated_here = found("repeated", f0, f1, inside_ok=True)
    if (found("historic", s0, s1, inside_ok=True) or background_here or repeated_here) and not now_here:
        # a past phrase in another clause does not outweigh a now-word in the sentence
        # ("refusing to go home, says he will hurt her tonight like he did last week"), nor a
        # present tense in the match's own scope ("a history of overdoses and is now ...")
        if (
            found("historic", f0, f1, inside_ok=True)
            or background_here
            or repeated_here
            or not (now_in_sentence or own & {"now", "present"})
        ):
            return "in the past"
    # told in the past tense ("she was left in the car for a few minutes"), nothing of now
    told_past = "told_past" in own and not own & {"now", "present", "perfect"} and sig not in rules.persists
    # (a now-word in its clause counts: "she was left in the car an hour ago and is still there";
    # one in another clause does not: "the injuries were accidental but I still feel uneasy")
    if tense and told_past and not found("now", c0, c1, inside_ok=True) and not _recent(doc, c0, c1, rules):
        return TOLD_PAST
    # "drunk most nights now": a now-word right after a habit means "these days"
    habit_ends = {b for a, b in ctx.get("habitual", ())}
    # "currently drinking most days": a habit in the match's own part keeps it a pattern
    fb0, fb1 = frames.bounds(start)
    habit_in_part = any(fb0 <= a and b <= fb1 for a, b in ctx.get("habitual", ()))
    now_not_habit = (
        any(a not in habit_ends and a - 1 not in habit_ends for a, _b in ctx.get("now", ()) if c0 <= a < c1)
        and now_here
        and not habit_in_part
    )
    # a habit in another part of the sentence does not outweigh a now-word in the match's own
    # scope ("she's often drunk at weekends and right now she's passed out with the baby")
    # ("the baby is making a grunting noise ... mum saying he always does that"): the
    # present progressive in the match's own scope is now as well
    habit_elsewhere = not found("habitual", f0, f1, inside_ok=True) and bool(
        own & {"now", "progressive", "present", "perfect"}
    )
    if not now_not_habit and (
        (found("habitual", s0, s1, inside_ok=True) and not habit_elsewhere)
        or found("frequency", max(c0, start - FREQUENCY_WINDOW), start)
        or any(end <= a <= end + FREQUENCY_WINDOW and b <= c1 for a, b in ctx.get("frequency_after", ()))
    ):
        return "a pattern over time, not now"
    # a few minutes, not hot, not a young child (`brief`: "kids in the car for 5 mins while mum
    # ran in with the PE kit")
    if (
        sig in rules.brief
        and found("brief", s0, s1, inside_ok=True)
        and not ctx.get("young")
        and not found("heat", s0, s1, inside_ok=True)
    ):
        return "a few minutes"
    if sig in rules.supervision:
        young = bool(ctx.get("young"))
        place = found("hazard_place", s0, s1, inside_ok=True)
        hazard = place or found("hazard_time", s0, s1, inside_ok=True)
        if ctx.get("older") and not young and not place:
            return "an older child"
        # an older child minding a young one for a short time ("the 15 year old looked after
        # the toddler for an hour")
        if ctx.get("older") and not place and found("short_time", s0, s1, inside_ok=True):
            return "an older child, for a short time"
        # an adult watching over the child, even at night ("mum is keeping an eye on him overnight")
        if found("watched", s0, s1, inside_ok=True):
            return "an adult watching the child"
        if found("adult_nearby", s0, s1, inside_ok=True) and not hazard:
            return "an adult close by"
        if found("short_time", s0, s1, inside_ok=True) and not young and not hazard:
            return "a short time"
    return ""


def _of_another_time(sent_ids, start: int, a: int, ctx, frames: Frames | None = None) -> bool:
    """A `resolved` phrase at token a in a sentence after the match's that holds a past-time
    phrase of its own ("we did a joint visit last week and it was fine then"): it tells how
    things were then, so it does not settle a danger told now. Not when the phrase's own part
    is told in the present ("... separated 6 months ago and dad has no contact. child is fine")."""
    here = sent_ids[a]
    if frames is not None and frames.times(a) & {"now", "present"} and "told_past" not in frames.times(a):
        return False
    return here != sent_ids[start] and any(sent_ids[h] == here for h, _e in ctx.get("historic", ()))


QUOTES = ("'", '"', "\u2018", "\u2019", "\u201c", "\u201d")


def _quoted(doc, s0: int, a: int) -> bool:
    """Token a stands inside quotation marks opened in its sentence (an odd number of quote
    marks standing alone between the sentence's start and it, or, with the marks blanked by
    bot/lang/danger.py unquote, among the tokens it read as quoted): someone else's words."""
    if a in doc.user_data.get("quoted", ()):
        return True
    return sum(1 for t in doc[s0:a] if t.text in QUOTES) % 2 == 1


def _reaches(doc, b: int, start: int) -> bool:
    """A background phrase ending at b ("a history of") reaches a match at `start` when no
    verb of its own stands between them ("has", "is", "was": "who has a history of violence
    has broken ...")."""
    if start < b:
        return True
    return not any(t.norm_ in grammar.words("background_verbs") for t in doc[b:start])


def _denied(doc, a: int, rules) -> bool:
    """A negation in the two words before token a ("has not come back", "never came"), or a
    word of what is only to come in the four before it ("it will be fixed next week", "she'll
    just put a plaster on it")."""
    return any(t.norm_ in rules.negations for t in doc[max(0, a - 2) : a]) or any(
        t.norm_ in rules.unrealised for t in doc[max(0, a - UNREALISED_REACH) : a]
    )


def _conditional(doc, clause_ids, a: int) -> bool:
    """An "if" or "unless" before token a in its clause: what follows is a condition."""
    c0, _c1 = span_bounds(clause_ids, a)
    return any(t.norm_ in ("if", "unless") for t in doc[c0:a])


def _carried_on(sent_ids, start, ctx) -> bool:
    """The rest of the match's sentence, or the sentence right after it, tells that what it
    told goes on now, with the child ("he was staggering and put her in the car. They've just
    driven off"): a `carried_on` phrase there (a past tense alone is the weakest reading of
    the past)."""
    here = sent_ids[start]
    return any(sent_ids[a] == here + 1 or (sent_ids[a] == here and a > start) for a, _b in ctx.get("carried_on", ()))


def _recent(doc, s0, s1, rules) -> bool:
    """An acute now-word between s0 and s1 ("an hour ago", "has just", "on the way")."""
    return any(a >= s0 and b <= s1 for _k, a, b in rules.acute_now(doc))


def _now_near(doc, start, end, c0, c1, ctx) -> bool:
    """A now-word in the match's clause with no conjunction between them ("left alone as a
    child and now struggles" is not left alone now), not one that times a telling before the
    match ("told staff today ...": when it was told, not when it happened; S10-DI8)."""
    # the time of a telling ("told staff today he was left alone for days when he was 6"), when
    # nothing else in the message is told as now
    tellings = {
        a
        for a, _b in ctx.get("now", ())
        if any(a - 3 <= e <= a for k in ("saying", "disclosure") for _s, e in ctx.get(k, ()))
    }
    only_tellings = len(tellings) == len(ctx.get("now", ()))
    for a, b in ctx.get("now", ()):
        if a < c0 or b > c1 or (only_tellings and a in tellings and a < start):
            continue
        lo, hi = (end, a) if a >= end else (b, start)
        if not any(t.norm_ in grammar.words("conjunctions") for t in doc[lo:hi]):
            return True
    return False
