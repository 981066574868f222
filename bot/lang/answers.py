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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from bot.lang.nlp import as_list, build_matcher, get_nlp, load_yaml, on_reset, segments

CHOICE_KINDS = ("yes_no", "choice", "multi", "duration", "scale", "age")
NOTATION = re.compile(r"[|?*=~@]")
FUZZY_SURE, FUZZY_ASK = 92, 80
CLASSIFIER_ASK = 0.4  # the classifier offers an answer back above this probability


@dataclass(frozen=True)
class Hit:
    key: str  # option value, "harm:serious", "harm:some" or "ind:<type id>"
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class Reading:
    status: str  # "sure", "ask" or "none"
    value: str = ""
    evidence: str = ""  # the practitioner's words that show the answer
    candidates: tuple[str, ...] = ()  # option values, nearest first
    harm: tuple[str, ...] = ()  # harm words found (impact question)
    hits: tuple[Hit, ...] = field(default=(), repr=False)


# -- the lexicon ------------------------------------------------------------------------------
def lexicon() -> dict[str, Any]:
    return load_yaml("answers.yml")


def _clean(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9&']+", text.lower().replace("\u2019", "'")))


class _Phrases:
    """Phrases under keys, compiled once into a PhraseMatcher (plain) and a Matcher (notation)."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        from spacy.matcher import PhraseMatcher

        nlp = get_nlp()
        self.phrase = PhraseMatcher(nlp.vocab, attr="NORM")
        plain: dict[str, list] = {}
        notation: list[tuple[str, str]] = []
        for key, text in entries:
            text = str(text).strip()
            if not text:
                continue
            if NOTATION.search(text) or " be " in f" {text} ":  # the notation also reads "'s" for "be"
                notation.append((key, text))
            else:
                plain.setdefault(key, []).append(nlp(text))
        for key, docs in plain.items():
            self.phrase.add(key, docs)
        self.matcher = build_matcher(notation, {}) if notation else None

    def find(self, doc) -> list[Hit]:
        vocab = doc.vocab
        spans = list(self.phrase(doc))
        if self.matcher is not None:
            spans += list(self.matcher(doc))
        out = [Hit(vocab.strings[k], s, e, doc[s:e].text) for k, s, e in spans]
        # longest first, then keep only hits not inside a longer hit of the same key
        out.sort(key=lambda h: (-(h.end - h.start), h.start))
        kept: list[Hit] = []
        for h in out:
            if not any(k.key == h.key and k.start <= h.start and h.end <= k.end for k in kept):
                kept.append(h)
        return sorted(kept, key=lambda h: h.start)


@cache
def _question_phrases(
    base: str, options: tuple[tuple[str, str, tuple[str, ...]], ...], account: bool = False, multi: bool = False
) -> _Phrases:
    """The phrases of a question's options. Inside a whole account, the short words that
    answer a button ("no", "ok", "school") say nothing and are left out (account.ignore)."""
    extra = (lexicon().get("options") or {}).get(base) or {}
    acc = lexicon().get("account") or {}
    ignore = {_clean(str(w)) for w in as_list(acc.get("ignore"))} if account else set()
    entries: list[tuple[str, str]] = []
    for value, label, words in options:
        if not account:
            entries.append((value, label))
            if value not in ("yes", "no") or len(value) > 3:
                entries.append((value, value.replace("_", " ")))
        entries.extend((value, w) for w in words)
        entries.extend((value, str(w)) for w in as_list(extra.get(value)))
    # words that hold an option's word but are no answer ("family support worker"): a hit inside
    # one gives way to it, and it answers nothing
    entries.extend(("_ignore", str(w)) for w in as_list(extra.get("_ignore")))
    if account:
        short = {w for value, _, words in options if value in ("yes", "no", "unsure") for w in words}
        # (a "none" said in several words is an answer: "no previous involvement"; not for a multi
        # question, whose "none" would stand beside what the account does name)
        entries = [
            (v, w)
            for v, w in entries
            if _clean(w) not in ignore
            and v != "unsure"
            and (v != "none" or (not multi and len(_clean(w).split()) > 1))
            and w not in short
        ]  # the yes/no words of a button answer say nothing in an account
    return _Phrases(entries)


@lru_cache(maxsize=1)
def _harm_phrases() -> _Phrases:
    harm = lexicon().get("harm") or {}
    return _Phrases(
        [("harm:serious", p) for p in as_list(harm.get("serious"))]
        + [("harm:some", p) for p in as_list(harm.get("some"))]
    )


@lru_cache(maxsize=1)
def _indicator_phrases() -> _Phrases:
    ind = lexicon().get("indicators") or {}
    return _Phrases(
        [(f"ind:{t}", p) for t, words in ind.items() if t not in ("source", "also") for p in as_list(words)]
    )


@lru_cache(maxsize=1)
def _fine_phrases() -> _Phrases:
    """account.fine_by_type: words that say a type is not a worry ("well fed", "in school every day")."""
    fine = (lexicon().get("account") or {}).get("fine_by_type") or {}
    return _Phrases(
        [(f"fine:{t}", p) for t, words in fine.items() if t not in ("basis", "source") for p in as_list(words)]
    )


@lru_cache(maxsize=1)
def _scope() -> tuple[frozenset, tuple, int]:
    from bot.lang.nlp import norm_word

    lx = lexicon()
    raw = [str(w).lower() for w in as_list(lx.get("negation"))]
    # a shortcut's base form is no negation ("dont" reads as "do", which "did it" shares)
    neg = frozenset(raw) | {norm_word(w) for w in raw if norm_word(w) not in ("do", "be", "have")}
    hedges = tuple(_clean(str(h)) for h in as_list(lx.get("hedges")))
    return neg, hedges, int(lx.get("negation_window") or 4)


def _reset() -> None:
    _question_phrases.cache_clear()
    _harm_phrases.cache_clear()
    _indicator_phrases.cache_clear()
    _fine_phrases.cache_clear()
    _scope.cache_clear()
    _lone_words.cache_clear()
    _classifier.cache_clear()


on_reset(_reset)


# -- scope ---------------------------------------------------------------------------------
def negated(
    doc, hit: Hit, clauses: list[int] | None = None, window: int | None = None, owned: frozenset[int] = frozenset()
) -> bool:
    """A negation word before the hit, in its clause, within the window. `owned`: negation
    words that open a phrase of their own ("no food" in "no food and he's alone overnight")."""
    neg, _, default = _scope()
    window = window or default
    if clauses is None:
        clauses = segments(doc)[1]
    first = doc[hit.start].norm_
    if first in neg:  # the phrase carries its own negation ("no impact", "not sitting")
        return False
    for i in range(hit.start - 1, max(-1, hit.start - window - 1), -1):
        if clauses[i] != clauses[hit.start]:
            break
        if (doc[i].norm_ in neg or doc[i].lower_ in neg) and i not in owned:
            return True
    return False


def hedged(text: str) -> bool:
    _, hedges, _ = _scope()
    t = f" {_clean(text)} "
    return any(f" {h} " in t for h in hedges if h)


def is_yes(text: str) -> bool:
    t = _clean(text)
    words = {_clean(str(w)) for w in as_list(lexicon().get("confirm_yes"))}
    return t in words or (t.split()[:1] and t.split()[0] in {"yes", "yeah", "yep", "correct"} and len(t.split()) <= 4)


def is_no(text: str) -> bool:
    t = _clean(text)
    words = {_clean(str(w)) for w in as_list(lexicon().get("confirm_no"))}
    return t in words or (bool(t.split()) and t.split()[0] in {"no", "nope", "nah"} and len(t.split()) <= 3)


# -- reading -------------------------------------------------------------------------------
AGE_PHRASE = re.compile(
    r"\b\d+(?:\s*-\s*|\s+)(?:day|week|month|year)s?(?:\s*-\s*|\s+)old\b|\baged\s+\d+\b|"
    r"\b\d+\s*-\s*(?:day|week|month|year)\b|\b\d+\s+weeks?\s+pregnant\b",
    re.I,
)


def _without_ages(text: str) -> str:
    """The account without its ages ("a 9 month old", "12-month checks"), which are no durations."""
    return AGE_PHRASE.sub(" ", text)


def base_id(question) -> str:
    return question.id.partition("__")[0]


def harm_in(text: str, doc=None) -> tuple[list[Hit], list[Hit]]:
    """(serious, some) harm phrases in the text that are not negated."""
    doc = doc if doc is not None else get_nlp()(text)
    clauses = segments(doc)[1]
    hits = [h for h in _harm_phrases().find(doc) if not negated(doc, h, clauses)]
    return [h for h in hits if h.key == "harm:serious"], [h for h in hits if h.key == "harm:some"]


def indicators_in(text: str, doc=None, account: bool = False) -> dict[str, list[Hit]]:
    """Type id -> indicator phrases found (not negated), and '-' + type id -> negated ones.
    In an account, a topic word ("weight") counts only beside a worry word in its clause, and
    nothing counts in a clause with a reassuring word ("the baby's weight is ok")."""
    doc = doc if doc is not None else get_nlp()(text)
    clauses = segments(doc)[1]
    acc = lexicon().get("account") or {}
    topics = {_clean(str(w)) for w in as_list(acc.get("topic_words"))}
    worry = {_clean(str(w)) for w in as_list(acc.get("worry_words"))}
    calm = [_clean(str(w)) for w in as_list(acc.get("reassuring_words"))]
    fine = [_clean(str(w)) for w in as_list(acc.get("not_a_worry"))]
    sents = segments(doc)[0]
    out: dict[str, list[Hit]] = {}
    found = _indicator_hits(doc)
    fine_hits = [h for h in _fine_phrases().find(doc) if not negated(doc, h, clauses)]
    # a word inside what says a need is met is no worry ("attendance" in "attendance is fine")
    found = [h for h in found if not any(f.start <= h.start and h.end <= f.end for f in fine_hits)]
    ignore = [h for h in found if h.key == "ind:_ignore"]  # "health visitor" is no health worry
    owned = frozenset(k.start for k in found if k.key != "ind:_ignore")
    for h in found:
        key = h.key[4:]
        if key == "_ignore" or any(i.start <= h.start and h.end <= i.end for i in ignore):
            continue
        if any(
            k.key != h.key and k.start <= h.start and h.end <= k.end and (k.end - k.start) > (h.end - h.start)
            for k in found
        ):  # "missing" inside "missing college" is no missing child
            continue
        if account and _parents_state(doc, h, sents):  # "mum v tired, low mood": the mother's
            continue
        if account:
            clause = [tok for tok in doc if clauses[tok.i] == clauses[h.start]]
            words = f" {_clean(' '.join(tok.text for tok in clause))} "
            words = re.sub(r" (?:no|not|never) \w+", " ", words)  # "no clean bedding" reassures nobody
            sentence = f" {_clean(' '.join(tok.text for tok in doc if sents[tok.i] == sents[h.start]))} "
            lowers = {tok.lower_ for tok in clause} | {tok.norm_ for tok in clause}
            no_worry = any(f" {c} " in sentence for c in fine)
            if negated(doc, h, sents, 12, owned):
                if no_worry:  # "no concerns about his health"
                    out.setdefault("-" + key, []).append(h)
                continue  # "hasn't been in school": not read either way
            if any(f" {c} " in words for c in calm):  # "the baby's weight is ok"
                out.setdefault("-" + key, []).append(h)
                continue
            if _clean(h.words) in topics and not (lowers & worry):
                continue
        out.setdefault(("-" + key) if negated(doc, h, clauses) else key, []).append(h)
    for h in fine_hits:  # in an account a type not a worry; in an answer, "ok:" + type
        out.setdefault(("-" if account else "ok:") + h.key[5:], []).append(h)
    return out


def _indicator_hits(doc) -> list[Hit]:
    """The indicator phrases of a doc, found once per doc (an account is read for many questions)."""
    hits = doc.user_data.get("indicator_hits")
    if hits is None:
        hits = doc.user_data["indicator_hits"] = _indicator_phrases().find(doc)
    return hits


def _parents_state(doc, hit: Hit, sents: list[int]) -> bool:
    """A state word ("low mood", "tearful") said of a parent: the nearest person before it in
    its sentence is a parent (account.parent_state)."""
    rule = (lexicon().get("account") or {}).get("parent_state") or {}
    if _clean(hit.words) not in {_clean(str(w)) for w in as_list(rule.get("states"))}:
        return False
    parents = {str(w).lower() for w in as_list(rule.get("parents"))}
    children = {str(w).lower() for w in as_list(rule.get("children"))}
    for i in range(hit.start - 1, -1, -1):
        if sents[i] != sents[hit.start]:
            break
        if doc[i].lower_ in parents:
            return True
        if doc[i].lower_ in children:
            return False
    return False


def _evidence(hits: Iterable[Hit]) -> str:
    seen: list[str] = []
    for h in hits:
        if h.words.lower() not in (s.lower() for s in seen):
            seen.append(h.words)
    return ", ".join(seen)


def _fuzzy(text: str, question) -> list[tuple[str, float]]:
    """Option values by similarity of the typed text to their label and words (typos)."""
    from rapidfuzz import fuzz

    t = _clean(text)
    scores: dict[str, float] = {}
    for o in question.options:
        best = 0.0
        for w in (o.label, o.value.replace("_", " "), *o.words):
            w = _clean(w)
            if not w or (len(w) < 4 and w != t):
                continue
            best = max(best, fuzz.ratio(t, w), fuzz.partial_ratio(t, w) if len(t) >= len(w) >= 5 else 0.0)
        scores[o.value] = best
    return sorted(scores.items(), key=lambda kv: -kv[1])


def read_answer(question, text: str, today: date | None = None, account: bool = False, doc=None) -> Reading | None:
    """The reading of a typed answer, or None for a kind this module does not read (age,
    case reference, scale, free text: bot.walks.check_plan reads those). `account`: the text is a
    whole case account (bot/lang/account.py), not an answer to this question."""
    if question.kind not in CHOICE_KINDS or not question.options:
        return None
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return None
    values = [o.value for o in question.options]
    labels = {o.value: o.label for o in question.options}
    t = _clean(text)
    for o in question.options:  # a button's title, typed
        if not account and t in (_clean(o.label), _clean(o.value.replace("_", " "))):
            return Reading("sure", o.value, "", (o.value,))
    if question.kind == "scale":
        return None if account else _scale(text)
    if question.kind == "age":
        return None if account else read_age(text)
    base = base_id(question)
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
    scope = segments(doc)[0] if account else clauses  # in an account: the sentence ("no X, Y or Z")
    found_all = phrases.find(doc)
    hits = [h for h in found_all if not negated(doc, h, scope, 12 if account else None)]
    if account and len(hits) < len(found_all):
        # in an account, a negation that opens a phrase of its own ("No food in, electric off")
        # negates nothing after it
        owned = frozenset(h.start for h in found_all + _indicator_hits(doc))
        hits = [h for h in found_all if not negated(doc, h, scope, 12, owned)]
    # a hit inside a longer hit of another option gives way ("not yet" inside "not yet sitting")
    hits = [
        h
        for h in hits
        if not any(
            k is not h and k.start <= h.start and h.end <= k.end and (k.end - k.start) > (h.end - h.start) for k in hits
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
    if base == "q_pattern" and not account:
        from bot.lang.when import parse_duration

        d = parse_duration(_without_ages(text), today or date.today())
        if d is not None and d.months is not None and d.months >= 3 and "one_off" not in score:
            score["persistent"] = score.get("persistent", 0.0) + 1.5
            why.setdefault("persistent", []).append(Hit("persistent", 0, 0, f"about {d.months:.0f} months"))
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
        if own and why.get("no"):  # "hasn't" inside "hasn't been in school" is the worry, not a no
            kept = [h for h in why["no"] if not any(o.start <= h.start and h.end <= o.end for o in own)]
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
            # a worry of another kind: probably yes to this one too, but ask
            # a worry of another kind, or a description: probably yes to this one too, but ask
            other = [h for k, v in found.items() if not k.startswith(("-", "ok:")) for h in v]
            return Reading("ask", "yes", _evidence(other), ("yes", "no", "unsure"), (), tuple(other))

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
    if clear and not hedge:
        return Reading("sure", top, evidence, candidates, tuple(h.words for h in harm_serious + harm_some), tuple(hits))
    _ = labels
    return Reading("ask", top, evidence, candidates, tuple(h.words for h in harm_serious + harm_some), tuple(hits))


def _option_first(question, doc, clauses: list[int]) -> str | None:
    """The option an answer names as its whole first clause, before what it goes on to say
    ("some, he's behind in reading"): that word is the answer, the rest is evidence."""
    if question.kind not in ("yes_no", "choice") or not len(doc) or clauses[-1] == clauses[0]:
        return None  # (a multi answer names several: "domestic violence, drugs and depression")
    end = next(tok.i for tok in doc if clauses[tok.i] != clauses[0])
    first = _clean(doc[:end].text)
    if not first or hedged(first):
        return None
    words = {_clean(str(w)) for w in as_list((lexicon().get("option_first") or {}).get("never"))}
    if first in words:
        return None
    found = {
        o.value
        for o in question.options
        if first in {_clean(o.label), _clean(o.value.replace("_", " ")), *(_clean(w) for w in o.words)}
    }
    return next(iter(found)) if len(found) == 1 else None


@lru_cache(maxsize=1)
def _lone_words() -> frozenset:
    words = {
        "never",
        "none",
        "nothing",
        "some",
        "sometimes",
        "n",
        "y",
        "no",
        "yes",
        "not",
        "always",
        "fine",
        "ok",
        "okay",
        "bit",
    }
    for phrases in (lexicon().get("openings") or {}).values():
        words.update(_clean(str(p)) for p in as_list(phrases) if len(_clean(str(p)).split()) == 1)
    return frozenset(words)


def _opening(doc, clauses: list[int], values: list[str]) -> str | None:
    """The value an answer's first clause decides ("not really, ..." is no), when it is a
    plain yes, no or not-sure phrase and the question has that option."""
    if not len(doc):
        return None
    end = next((tok.i for tok in doc if clauses[tok.i] != clauses[0]), len(doc))
    first = _clean(doc[:end].text)
    whole = _clean(doc.text)
    toks = whole.split()
    if len(toks) > 1:  # "yes she is out till late", "no, she's fine" (not "no breakfast most days")
        lead = None
        if toks[0] in ("yes", "yeah", "yep", "yup"):
            lead = "yes"
        elif toks[0] in ("no", "nope", "nah") and (toks[1] in LEAD_NO or first in ("no", "nope", "nah")):
            lead = "no"
        if lead in values:
            return lead
    for value, phrases in (lexicon().get("openings") or {}).items():
        value = str(value)
        target = (
            value
            if value in values
            else ("none" if value == "no" and "none" in values and "yes" not in values else None)
        )
        if target is None:
            continue
        for ph in as_list(phrases):
            ph = _clean(str(ph))
            if first == ph or whole == ph or (first.startswith(ph + " ") and first.split()[-1] in LOOSE):
                return target
    return None


LEAD_NO = {
    "she",
    "he",
    "they",
    "i",
    "it",
    "not",
    "never",
    "mum",
    "dad",
    "that",
    "nothing",
    "none",
    "we",
    "there",
    "the",
    "parents",
    "both",
    "neither",
    "thankfully",
    "luckily",
    "all",
}
LOOSE = {"really", "tbh", "though", "sadly", "unfortunately", "honestly", "no", "yet", "not"}
_LOOSE_AGE = re.compile(
    r"\b(?:just turned|turned|nearly|almost|about|around)?\s*(\d{1,2})\s*(?:and a bit|and a half|ish|\+|"
    r"nearly \d{1,2}|going on \d{1,2})?\b"
)


def read_age(text: str) -> Reading | None:
    """Ages the age reader leaves open or misreads: an unborn baby in other words, a number
    of months said with "she's", and loose ages ("just turned 1", "16 nearly 17")."""
    from bot.lang.age import band_for

    lx = lexicon().get("age") or {}
    t = f" {_clean(text)} "
    if any(f" {_clean(str(w))} " in t for w in as_list(lx.get("unborn"))):
        return Reading("sure", "unborn", "", ("unborn",))
    m = re.search(r"\b(\d{1,2})\s*(?:months?|mths?|mo)\b(?!\s*(?:gone|pregnant))", t)
    if m and not re.search(r"\b\d{1,2}\s*(?:years?|yrs?|yo)\b", t):
        months = int(m.group(1))
        return Reading("sure", band_for(months) if months < 216 else "", "", ())
    if any(f" {_clean(str(w))} " in t for w in as_list(lx.get("baby"))):
        return Reading("sure", "baby", "", ("baby",))
    m = re.fullmatch(
        r"\s*(?:just turned|turned|nearly|almost)?\s*(\d{1,2})\s*(?:and a bit|ish|nearly \d{1,2}|"
        r"going on \d{1,2})\b.*",
        t,
    ) or re.fullmatch(r"\s*just turned (\d{1,2})\b.*", t)
    if m and int(m.group(1)) <= 17:
        return Reading("sure", band_for(int(m.group(1)) * 12), "", ())
    return None


def _scale(text: str) -> Reading | None:
    """0 to 10 in digits or words: one number is the answer, two are asked about."""
    nums = lexicon().get("numbers") or {}
    found: list[str] = []
    for w in re.findall(r"[a-z]+|\d+", text.lower()):
        n = int(w) if w.isdigit() else nums.get(w)
        if n is not None and 0 <= int(n) <= 10 and str(n) not in found:
            found.append(str(n))
    found = [f for f in found if not (f == "10" and re.search(r"(out of|/)\s*(10|ten)\b", text.lower()))] or found
    if len(found) == 1:
        return Reading("sure", found[0], "", (found[0],))
    if len(found) > 1:
        return Reading("ask", found[0], "", tuple(found[:4]))
    return None


@cache
def _classifier(base: str, options: tuple[tuple[str, str, tuple[str, ...]], ...]):
    """Where the rules don't reach: a small scikit-learn model per question, trained on the
    option labels and phrases above (word and character n-grams, so that a new wording of a
    known phrase is still near it). It only ever offers an answer back, never stores one."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    extra = (lexicon().get("options") or {}).get(base) or {}
    texts: list[str] = []
    labels: list[str] = []
    for value, label, words in options:
        phrases = [label, *words, *(str(w) for w in as_list(extra.get(value)))]
        for ph in phrases:
            for alt in _expand(ph):
                texts.append(alt)
                labels.append(value)
    if len(set(labels)) < 2:
        return None
    model = make_pipeline(
        FeatureUnion(
            [("w", TfidfVectorizer(ngram_range=(1, 2))), ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4)))]
        ),
        LogisticRegression(max_iter=500, C=5.0),
    )
    model.fit(texts, labels)
    return model


def _expand(phrase: str) -> list[str]:
    """A phrase in the pattern notation as plain text: each position's first alternative."""
    words = []
    for part in str(phrase).split():
        if re.fullmatch(r"\*\d", part):
            continue
        part = part.lstrip("=~").rstrip("?")
        words.append(part.split("|")[0])
    return [" ".join(words)] if words else []


def _nothing(question, text: str) -> Reading:
    ranked = _fuzzy(text, question)
    if question.kind in ("choice", "yes_no", "multi") and len(_clean(text).split()) >= 3:
        model = _classifier(base_id(question), tuple((o.value, o.label, o.words) for o in question.options))
        if model is not None:
            probs = sorted(zip(model.classes_, model.predict_proba([text])[0], strict=False), key=lambda kv: -kv[1])
            if probs[0][1] >= CLASSIFIER_ASK and probs[0][0] != "none_yet":
                order = [str(v) for v, _ in probs]
                return Reading("ask", order[0], "", tuple(order[:4]))
    if ranked and len(_clean(text).split()) <= 4:
        value, sc = ranked[0]
        if sc >= FUZZY_SURE:
            return Reading("sure", value, "", tuple(v for v, _ in ranked))
        if sc >= FUZZY_ASK:
            return Reading("ask", value, "", tuple(v for v, _ in ranked)[:4])
    return Reading("none", "", "", tuple(v for v, _ in ranked)[:4])
