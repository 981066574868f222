"""detect_danger(): is a child in immediate danger now? Rules in knowledge/language/danger.yml.

A signal (a danger phrase) counts unless its context cancels it. The context is read in
the match's own part of the message (its scope, bot/lang/danger_frames.py: the clause, split
at commas, "but", "because", dashes, split again at "and", "then", "so" where a part has a
time of its own), in its clause and in its sentence:
  question      the clause opens with a question word ("what counts as ..."), or with an
                auxiliary ("is it ...", "do I ...") and the sentence ends in "?"
  hypothetical  "if", "what if", "suppose" ... before the match in its scope, or a framing
                word ("scenario") in the sentence, unless the match's part is told as now
                while the practitioner is at the scene
  negation      "no", "not", "never" ... just before the match in its clause, or "but not
                now", "no longer" after it in the sentence, or inside it ("not on his own")
  meta          talk about danger in general before the match in its scope ("concerns about")
  historic      a past-time phrase in the match's scope ("last year", "used to", "in 2022"),
                or elsewhere in the sentence unless a now-word or the present tense stands in
                the match's own scope
  told in the past tense: "was", "were" in the match's scope and nothing of now in its
                clause; the rules do not fire, but the classifier keeps its word
  habitual      it happens again and again: "often", "sometimes" in the sentence (unless a
                now-word stands in the match's own scope and the habit word elsewhere), or
                "more", "frequent" just before the match ("more seizures")
  practice      a phrase of practice overlaps the match ("child seen alone", "spoke to
                her on her own"), unless a now-word stands in the match's own clause
  resolved      dealt with after the match ("police came", "it's dressed"), unless said under
                an "if" or denied ("she hasn't come back")
  opinion       "I don't think" denies the next few words of its own part of the clause
  conditional   "would" at the match with "if" after it and no now-word ("dad would kill him
                if he found out"); a choice asked about practice after it ("... or do we assess")
  mild          "minor", "small" just before an acute word ("minor injuries")

Time phrases read with their place: a count ("twice") is the past for the match's own part
only; a day named ("on saturday") is the past unless the future stands in its clause ("being
sent abroad on saturday"); a time of day ("at night") is a habit unless its part is told as
going on (a verb in -ing, also right after the child: "5 yr old wandering the streets at
night"); a resolution in a later sentence told of another time ("it was fine last week") does
not settle a danger now; a negation word inside quoted words ("saying 'lol'") does not deny.

Read across parts and sentences: an "if" reaches the parts joined to it by "and" unless they
say now; a threat reported with its condition ("mum said if they come she will kill
herself", with a now-word) is not a hypothetical; "a history of" reaches only up to the next
verb; a clock time ("gone 10 at night") is not a habit; the present progressive ("is making
a grunting noise") is now against a habit told in another part; a danger told in the past
tense is carried on now by a `carried_on` phrase in the next sentence ("They've just driven
off"); a signal can `need` a kind of context in the message (bruising: a baby).

Quote marks at a word's edge are taken out before matching (unquote: "said 'goodbye'"), the
quoted words still known as quoted. A signal that `needs` a kind of context reads it as of now:
abuse told or a carer drunk with a past phrase right after it ("two years ago") does not count,
nor abuse by another child. An absence told in the past tense (`persists`: "wasn't collected at
6") goes on. A term asked about ("immediate danger?", "... - abuse or neglect", "..., is it
neglect") and an activity named in general at the start ("leaving children alone") are not told
as now.

The context readers (_excluded, _cancelled and their helpers) are in bot/lang/danger_context.py
(those that weigh one phrase against another, an ultimatum, a claim put right, a resolution that
does not settle, in bot/lang/danger_readings.py), imported here. decide_danger() (danger_policy.py,
imported from here) is the one policy: it combines these rules with the NLU classifier's intent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.lang.danger_context import FREQUENCY_WINDOW as FREQUENCY_WINDOW
from bot.lang.danger_context import NEGATION_WINDOW as NEGATION_WINDOW
from bot.lang.danger_context import NOT_NOW, TOLD_PAST, _cancelled, _carried_on, _excluded
from bot.lang.danger_context import OPINION_REACH as OPINION_REACH
from bot.lang.danger_frames import FrameWords, read_frames
from bot.lang.danger_nearmiss import near_miss_veto
from bot.lang.danger_readings import drop_inside
from bot.lang.danger_text import CONTEXT_KINDS, TYPO_MIN_LENGTH, _mend, _rare, _unshout, unquote
from bot.lang.nlp import Seq, as_list, build_matcher, load_yaml, nlp_doc, norm_word, on_reset, segments, span_bounds

ABUSE_PAST_REACH = 4  # words after an `abuse_told` or `intoxicated` where a past phrase makes it another time
DANGER_INTENT = "immediate_danger"
# the exclusions that clear an older child's being on their own, and only that (S17-DI17)
OLDER_ALONE = ("an older child", "an older child, for a short time")


@dataclass(frozen=True)
class Danger:
    """immediate: a child is in immediate danger now. reason: the signal and its words, or
    why a signal found does not count. mentioned: a danger signal was found at all, even
    when its context cancelled it (a question, a hypothetical, a negation, talk in general,
    the past); False when the rules found nothing, so a caller can tell "the rules heard
    danger and ruled it out" from "the rules know nothing about this message"."""

    immediate: bool
    reason: str
    mentioned: bool = False


@dataclass(frozen=True)
class _Rules:
    matcher: object
    unblocked: object  # the same signals with negations allowed inside them ("not on his own")
    context: object
    names: dict
    not_followed: dict
    not_preceded: dict  # signal -> sequences that, ending right before a match, cancel it ("I haven't been back")
    acute: object  # acute words (`acute` in danger.yml): danger with a now-word in their sentence
    acute_now: object
    acute_source: dict
    acute_not_followed: tuple  # words right after an acute word that show it is not one ("smoke alarm")
    lexicon: dict  # the plain words of the signals and acute words (spelling -> base form), to mend typos towards
    needs_now: frozenset  # signals that count only with a now-word in their sentence
    persists: frozenset  # absences ("wasn't collected") the past tense alone does not rule out
    needs: dict  # signal -> context kinds one of which must be in the message (`needs: [infant]`)
    supervision: frozenset  # signals about a child without an adult (adult_nearby, short_time, older)
    negations: frozenset
    negation_turned: frozenset  # "stop": after a negation, what follows goes on ("won't stop hitting")
    unrealised: frozenset  # "will", "should": a resolution only to come does not resolve
    just_merely: frozenset  # after "just": "merely", not now ("he's just a noisy baby")
    term_fillers: frozenset  # words beside a term asked about on its own ("an emergency?")
    question_words: frozenset
    question_aux: frozenset
    frame_words: FrameWords  # how a message is split into frame clauses (danger_frames.py)
    # signal -> sequences that, anywhere inside a match, show it is not the signal ("no adult
    # support at home": help missing, not an adult)
    not_containing: dict = None
    driving: dict = None  # who drives and who drank (`driving` in danger.yml; danger_context.py)
    not_settled: dict = None  # signal -> kinds of `resolved` phrase that do not settle it (`not_settled_by`)
    acute_not_preceded: tuple = ()  # words right before an acute word that tell it of before ("after a fall")
    brief: frozenset = frozenset()  # signals a few minutes rules out (`brief: true`: a car, not hot, not a young child)
    # nouns right after a match that make it the name of a document or a drill ("lost child procedure",
    # "missing child policy"): no event, for every signal (`document_after` in danger.yml)
    document_after: frozenset = frozenset()


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("danger.yml")
    words = {k: [str(w) for w in v] for k, v in (data.get("words") or {}).items()}
    ctx = data.get("context") or {}
    frames = data.get("frames") or {}
    negations = [str(x) for x in as_list(ctx.get("negation")) if " " not in str(x)]
    entries, names, not_followed, not_preceded, needs_now, supervision = [], {}, {}, {}, set(), set()
    not_containing, not_settled = {}, {}
    persists, brief = set(), set()
    needs = {}
    for sig in data.get("signals") or []:
        names[sig["id"]] = sig.get("name", sig["id"])
        if sig.get("needs"):
            needs[sig["id"]] = frozenset(str(k) for k in as_list(sig.get("needs")))
        if sig.get("needs_now"):
            needs_now.add(sig["id"])
        if sig.get("persists"):
            persists.add(sig["id"])
        if sig.get("supervision"):
            supervision.add(sig["id"])
        if sig.get("brief"):
            brief.add(sig["id"])
        not_followed[sig["id"]] = [Seq.parse(str(t), words) for t in as_list(sig.get("not_followed_by"))]
        not_preceded[sig["id"]] = [Seq.parse(str(t), words) for t in as_list(sig.get("not_preceded_by"))]
        not_containing[sig["id"]] = [Seq.parse(str(t), words) for t in as_list(sig.get("not_containing"))]
        not_settled[sig["id"]] = frozenset(str(k) for k in as_list(sig.get("not_settled_by")))
        entries.extend((sig["id"], str(p)) for p in as_list(sig.get("patterns")))
    matcher = build_matcher(entries, words, block=negations)
    unblocked = build_matcher(entries, words)
    ctx_entries = []
    for kind in CONTEXT_KINDS:
        ctx_entries.extend((kind, str(p)) for p in as_list(ctx.get(kind)))
    context = build_matcher(ctx_entries, words)
    acute_data = data.get("acute") or {}
    acute = build_matcher(
        [("acute", str(p)) for p in as_list(acute_data.get("cues"))]
        + [("acute_alone", str(p)) for p in as_list(acute_data.get("cues_alone"))],
        words,
        block=negations,
    )
    acute_now = build_matcher(
        [("now", str(p)) for p in as_list(acute_data.get("now"))]
        + [("scene", str(p)) for p in as_list(acute_data.get("scene"))],
        words,
    )
    names["acute"] = names["acute_alone"] = "An acute harm word with a now-word"
    plain = [str(p) for sig in data.get("signals") or [] for p in as_list(sig.get("patterns"))]
    plain += [str(p) for k in ("cues", "cues_alone") for p in as_list(acute_data.get(k))]
    plain += [w for ws in words.values() for w in ws]
    # and the words that say a step is only wanted or to come ("insisting", "demanding"): a
    # dictated slip in one of them ("insisiting on discharging") still reads as not done
    plain += [str(w) for w in as_list((data.get("context") or {}).get("unrealised"))]
    spellings = {w.lstrip("=").lower() for p in plain for part in p.split() for w in part.rstrip("?").split("|")}
    # sorted, so that a tie is broken the same way in every process; typed slips that are
    # patterns themselves ("=breating") are not mended towards
    lexicon = {w: norm_word(w) for w in sorted(spellings) if w.isalpha() and len(w) >= TYPO_MIN_LENGTH and not _rare(w)}
    supervision.add("acute_alone")
    return _Rules(
        matcher,
        unblocked,
        context,
        names,
        not_followed,
        not_preceded,
        acute,
        acute_now,
        acute_data.get("source") or {},
        tuple(Seq.parse(str(t), words) for t in as_list(acute_data.get("not_followed_by"))),
        lexicon,
        frozenset(needs_now),
        frozenset(persists),
        needs,
        frozenset(supervision),
        frozenset(norm_word(n) for n in negations),
        frozenset(norm_word(str(w)) for w in as_list(ctx.get("negation_turned"))),
        frozenset(norm_word(str(w)) for w in as_list(ctx.get("unrealised"))),
        frozenset(str(w).lower() for w in as_list(ctx.get("just_merely"))),
        frozenset(str(w).lower() for w in as_list(ctx.get("term_fillers"))),
        frozenset(norm_word(w) for w in as_list(ctx.get("question_words"))),
        frozenset(norm_word(w) for w in as_list(ctx.get("question_auxiliaries"))),
        FrameWords(
            frozenset(norm_word(str(w)) for w in as_list(frames.get("coordinators"))),
            frozenset(str(w).lower() for w in as_list(frames.get("present"))),
            frozenset(str(w).lower() for w in as_list(frames.get("present_after"))),
            frozenset(str(w).lower() for w in as_list(frames.get("past"))),
            frozenset(str(w).lower() for w in as_list(frames.get("examples"))),
            frozenset(str(w).lower() for w in as_list(frames.get("perfect"))),
            frozenset(str(w).lower() for w in as_list(frames.get("perfect_skip"))),
            frozenset(str(w).lower() for w in as_list(frames.get("participle_after"))),
            frozenset(str(w).lower() for w in as_list(frames.get("perfect_same"))),
        ),
        not_containing,
        {
            k: frozenset(str(w).lower() if k == "finite" else norm_word(str(w)) for w in as_list(v))
            for k, v in (data.get("driving") or {}).items()
        },
        not_settled,
        tuple(Seq.parse(str(t), words) for t in as_list(acute_data.get("not_preceded_by"))),
        frozenset(brief),
        frozenset(norm_word(str(w)) for w in as_list(ctx.get("document_after"))),
    )


on_reset(_rules.cache_clear)


def _doc(text: str, rules: _Rules):
    """The parsed message with typed slips in danger words mended: a word that is rare in
    English (wordfreq) and one edit away from a word of the rules ("unconcious", "bleding",
    "screming") is read as that word (rapidfuzz), so the patterns match it. Quote marks at a
    word's edge are taken out (unquote); the tokens that stood inside quotes are in
    doc.user_data["quoted"]."""
    plain, spans = unquote(text)
    doc = nlp_doc(_unshout(plain))
    doc.user_data["quoted"] = frozenset(t.i for t in doc if any(a <= t.idx < b for a, b in spans))
    for tok in doc:
        low = tok.lower_
        if len(low) < TYPO_MIN_LENGTH or not low.isalpha() or low in rules.lexicon:
            continue
        fixed = _mend(low, rules.lexicon)
        if fixed:
            tok.norm_ = fixed
    return doc


def _read(text: str, rules: _Rules):
    """The parsed message, its sentences and clauses, the context phrases found in it
    (kind -> [(start, end)]) and the frames of its clauses (danger_frames.py)."""
    doc = _doc(text, rules)
    sent_ids, clause_ids = segments(doc)
    ctx: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in rules.context(doc):
        ctx.setdefault(doc.vocab.strings[key], []).append((start, end))
    # a clock time is a time, not a habit: "it's gone 10 at night" is not "at night"
    # abuse told, or a carer drunk, at another time ("touched her two years ago", "drunk at
    # contact last month": a past phrase right after it) is not what a signal that `needs` it
    # asks for; nor abuse by another child ("his brother hit him")
    peers = frozenset(norm_word(str(w)) for w in as_list(load_yaml("danger.yml").get("context", {}).get("peers")))
    for kind in ("abuse_told", "intoxicated"):
        if not ctx.get(kind):
            continue
        ctx[kind] = [
            (a, b)
            for a, b in ctx[kind]
            if not any(b <= h <= b + ABUSE_PAST_REACH for h, _e in ctx.get("historic", ()))
            and not (kind == "abuse_told" and any(t.norm_ in peers for t in doc[max(a, b - 3) : b - 1]))
        ]
        if not ctx[kind]:
            del ctx[kind]
    # "now that dad has left" is a reason, not a time (also for the signals' now-words)
    if ctx.get("now"):
        ctx["now"] = [
            (a, b) for a, b in ctx["now"] if not (b < len(doc) and doc[b - 1].norm_ == "now" and doc[b].norm_ == "that")
        ]
        if not ctx["now"]:
            del ctx["now"]
    # "at training tonight": a club's session; "like last week": a comparison; "if anything": no condition
    # "hold him still": the way a body is held, not a time (S23-DL24)
    for kind, inside in (
        ("framing", "not_framing"),
        ("historic", "comparison"),
        ("hypothetical", "not_hypothetical"),
        ("now", "not_now"),
        ("immediate", "not_now"),
    ):
        drop_inside(ctx, kind, inside)
    clocks = ctx.get("clock", ())
    if clocks and ctx.get("habitual"):
        ctx["habitual"] = [(a, b) for a, b in ctx["habitual"] if not any(c <= a and b <= d for c, d in clocks)]
    scene = any(doc.vocab.strings[k] == "scene" for k, _s, _e in rules.acute_now(doc))
    # a day named ("on saturday") is the past, unless the future is told in its clause
    for a, b in ctx.pop("weekday", []):
        if not any(clause_ids[f] == clause_ids[a] for f, _e in ctx.get("future", ())):
            ctx.setdefault("historic", []).append((a, b))
    # a time of day ("at night") is a habit, except in a part told as going on ("wandering the
    # high street alone at night")
    times_of_day = ctx.pop("time_of_day", [])
    if times_of_day:
        first = read_frames(doc, clause_ids, ctx, rules.frame_words, scene)
        habits = [
            (a, b)
            for a, b in times_of_day
            if "progressive" not in first.times(a) and not any(c <= a and b <= d for c, d in clocks)
        ]
        if habits:
            ctx["habitual"] = sorted(ctx.get("habitual", []) + habits)
    return doc, sent_ids, clause_ids, ctx, read_frames(doc, clause_ids, ctx, rules.frame_words, scene)


def _detect(text: str) -> Danger:
    if not text or not text.strip():
        return Danger(False, "")
    rules = _rules()
    doc, sent_ids, clause_ids, ctx, frames = _read(text, rules)
    matches = sorted(rules.matcher(doc), key=lambda m: (m[1], -m[2]))
    first_reason = ""
    cancelled_sents = set()  # sentences where a signal was heard and ruled out
    cancelled_scopes = set()  # and the scopes (danger_frames.py) of those signals
    told_past = set()  # signals told in the past tense, neither standing nor ruled out
    for key, start, end in matches:
        sig = doc.vocab.strings[key]
        if _excluded(doc, sig, start, end, rules, ctx):
            continue
        why = _cancelled(doc, sig, start, end, sent_ids, clause_ids, ctx, rules, frames)
        quote = doc[start:end].text
        if not why:
            return Danger(True, f"{sig}: {rules.names[sig]} ('{quote}')", mentioned=True)
        if why == TOLD_PAST and _carried_on(sent_ids, start, ctx):
            return Danger(True, f"{sig}: {rules.names[sig]} ('{quote}'), told in the past and carried on now", True)
        if why == TOLD_PAST:
            # the weakest reading (a tense, no time phrase): the rules do not fire, but they
            # do not overrule the classifier either
            told_past.add((start, end))
            continue
        # (a signal that needs a now-word and has none is not ruled out: an acute word in its sentence is read)
        # (nor an older child on their own: that clears the being alone, not a threat told beside it, "the
        # 15 year old home alone says a man is kicking the door in right now"; S17-DI17)
        if why not in (NOT_NOW, *OLDER_ALONE):
            cancelled_sents.add(sent_ids[start])
            cancelled_scopes.add(frames.scope(start))
        if not first_reason:
            first_reason = f"{sig} mentioned but {why} ('{quote}')"
    # no signal that stands: an acute word with a now-word in its sentence ("he's raging and the
    # kids are in the flat right now"), read in context like a signal; also when a signal in
    # another sentence was cancelled ("a history of overdoses. She has just texted me goodbye");
    # not in a sentence where one was ("a small fire last march but the smoke alarm works now"),
    # unless the acute word's own scope is told as now, apart from the cancelled signal's ("mum
    # has a history of overdoses and is now not responding")
    # "now that dad has left" is a reason, not a time
    now_spans, scene = [], False
    for k, s, e in rules.acute_now(doc):
        if e < len(doc) and doc[e - 1].norm_ == "now" and doc[e].norm_ == "that":
            continue
        # "mum had just been paid": the past perfect is not now
        if s > 0 and doc[s - 1].lower_ in ("had", "'d"):
            continue
        # "he's just a noisy baby": "just" is "merely" here
        if doc[e - 1].lower_ == "just" and e < len(doc) and doc[e].lower_ in rules.just_merely:
            continue
        if doc.vocab.strings[k] == "scene":
            scene = True
        now_spans.append((s, e))
    # not an acute word when the words after it show it is not one ("the smoke alarm", "a fire
    # door", "a knife collection"), nor as the second acute word of a sentence
    acute = [
        m
        for m in sorted(rules.acute(doc), key=lambda m: (m[1], -m[2]))
        if not any(seq.matches_at(doc, m[2]) for seq in rules.acute_not_followed)
        and not any(
            m[1] - len(seq.steps) >= 0 and seq.matches_at(doc, m[1] - len(seq.steps))
            for seq in rules.acute_not_preceded
        )
    ]
    for key, start, end in acute:
        kind = doc.vocab.strings[key]
        scope = frames.scope(start)
        if sent_ids[start] in cancelled_sents and (scope in cancelled_scopes or "now" not in frames.times(start)):
            continue
        s0, s1 = span_bounds(sent_ids, start)
        # a now-word in the sentence, the scene, or another acute word in the sentence
        # ("freezing cold and not waking properly")
        # (another word: "the balcony ... the balcony" is one)
        # (the same word in another form is not another: "smoking ... smoke free homes")
        quote_low = [t.norm_ for t in doc[start:end]]
        # (and one its own context rules out does not count: "... advice about second hand smoke")
        others = any(
            a2 >= s0
            and b2 <= s1
            and (b2 <= start or a2 >= end)
            and [t.norm_ for t in doc[a2:b2]] != quote_low
            and _cancelled(doc, doc.vocab.strings[k2], a2, b2, sent_ids, clause_ids, ctx, rules, frames, tense=False)
            in ("", TOLD_PAST)
            for k2, a2, b2 in acute
        )
        carried = _carried_on(sent_ids, start, ctx)
        # a now-word that is not the acute word itself ("overnight" is both)
        if (
            not scene
            and not others
            and not carried
            and not any(a >= s0 and b <= s1 and not (a >= start and b <= end) for a, b in now_spans)
        ):
            continue
        why = _cancelled(doc, kind, start, end, sent_ids, clause_ids, ctx, rules, frames)
        quote = doc[start:end].text
        if not why or (why == TOLD_PAST and carried):
            return Danger(True, f"{kind}: {rules.names[kind]} ('{quote}')", mentioned=True)
        if not first_reason and why != TOLD_PAST:
            first_reason = f"{kind} mentioned but {why} ('{quote}')"
    if not first_reason:
        # a signal that matches only with a negation inside it ("he's not on his own") is a
        # danger signal, negated
        for key, start, end in sorted(rules.unblocked(doc), key=lambda m: (m[1], -m[2])):
            sig = doc.vocab.strings[key]
            if (start, end) not in told_past and not _excluded(doc, sig, start, end, rules, ctx):
                return Danger(False, f"{sig} mentioned but negated ('{doc[start:end].text}')", mentioned=True)
    return Danger(False, first_reason, mentioned=bool(first_reason))


def detect_danger(text: str) -> Danger:
    """Danger(True, reason): a child in immediate danger now, unless a near-miss's shape (danger_nearmiss.py);
    Danger(False, why, mentioned=True): a signal there but cancelled. The policy: danger_policy.py."""
    return near_miss_veto(text, _detect(text))
