"""The words a typed answer is read with (knowledge/language/answers.yml): the lexicon, the
phrase matchers, negation and hedges, yes and no, and the harm and indicator words found in an
answer or a whole account. bot/lang/answers.py reads an answer with them; bot/lang/account.py
reads a whole account. Phrases are matched with spaCy's PhraseMatcher and Matcher (the pattern
notation of bot/lang/nlp.py) on the base form of each word; see bot/lang/answers.py for scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from bot.lang import grammar
from bot.lang.nlp import as_list, build_matcher, get_nlp, load_yaml, on_reset, segments

NOTATION = re.compile(r"[|?*=~@]")


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
    """answers.yml (single answers) and account_words.yml (accounts, the walk after them), as one."""
    return _lexicon()


@cache
def _lexicon() -> dict[str, Any]:
    merged = dict(load_yaml("answers.yml"))
    for key, value in load_yaml("account_words.yml").items():
        if key in merged:
            raise ValueError(f"knowledge/language: '{key}' is in both answers.yml and account_words.yml")
        merged[key] = value
    return merged


on_reset(_lexicon.cache_clear)


_WORD = re.compile(r"[a-z0-9&']+")


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    """Lower-case words only (cached: the same word lists and sentences are cleaned many times
    over when an account is read)."""
    return " ".join(_WORD.findall(text.lower().replace("\u2019", "'")))


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
        out = [Hit(vocab.strings[k], s, e, _typed(doc, s, e)) for k, s, e in spans]
        # longest first, then keep only hits not inside a longer hit of the same key
        out.sort(key=lambda h: (-(h.end - h.start), h.start))
        kept: list[Hit] = []
        for h in out:
            if not any(k.key == h.key and k.start <= h.start and h.end <= k.end for k in kept):
                kept.append(h)
        return sorted(kept, key=lambda h: h.start)


def _typed(doc, start: int, end: int) -> str:
    """A hit's words as typed: a hit that opens inside a word ("n't been in school" in "hasn't
    been in school") is shown from the word's start."""
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct:
        start -= 1
    return doc[start:end].text


@cache
def _question_phrases(
    base: str, options: tuple[tuple[str, str, tuple[str, ...]], ...], account: bool = False, multi: bool = False
) -> _Phrases:
    """The phrases of a question's options. Inside a whole account, the short words that
    answer a button ("no", "ok", "school") say nothing and are left out (account.ignore)."""
    extra = (lexicon().get("options") or {}).get(base) or {}
    acc = lexicon().get("account") or {}
    ignore = {_clean(str(w)) for w in as_list(acc.get("ignore"))} if account else set()
    ignore -= {_clean(str(w)) for w in as_list((acc.get("ignore_except") or {}).get(base))}
    keep_unsure = account and base in {str(q) for q in as_list(acc.get("keep_unsure"))}
    own_unsure = {str(w) for w in as_list(extra.get("unsure"))}  # this file's phrases, not the buttons' words
    entries: list[tuple[str, str]] = []
    # "haven't asked", at every question with not sure
    unknown = as_list((lexicon().get("frames") or {}).get("unknown"))
    for value, label, words in options:
        if not account:
            entries.append((value, label))
            if value not in ("yes", "no") or len(value) > 3:
                entries.append((value, value.replace("_", " ")))
        entries.extend((value, w) for w in words)
        entries.extend((value, str(w)) for w in as_list(extra.get(value)))
        # words read in a typed answer only, never in a whole account ("defensive", "won't let")
        more = as_list((extra.get("_answer_only") or {}).get(value)) + (unknown if value == "unsure" else [])
        entries.extend((value, str(w)) for w in ([] if account else more))
    # words that hold an option's word but are no answer ("family support worker"): a hit inside
    # one gives way to it, and it answers nothing
    entries.extend(("_ignore", str(w)) for w in as_list(extra.get("_ignore")))
    if account:
        short = {w for value, _, words in options if value in ("yes", "no", "unsure") for w in words}
        # (a "none" said in several words is an answer: "no previous involvement"; not for a multi
        # question, whose "none" would stand beside what the account does name)
        # a not-sure phrase of this file ("not diagnosed but concerned about autism") is no answer
        # in an account, and the words inside it ("autism") answer nothing either
        entries += [("_ignore", w) for v, w in entries if v == "unsure" and w in own_unsure and not keep_unsure]
        entries = [
            (v, w)
            for v, w in entries
            if _clean(w) not in ignore
            and (v != "unsure" or (keep_unsure and w in own_unsure))
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
    neg = frozenset(raw) | {norm_word(w) for w in raw if norm_word(w) not in grammar.words("shortcut_bases")}
    hedges = tuple(_clean(str(h)) for h in as_list(lx.get("hedges")))
    return neg, hedges, int(lx.get("negation_window") or 4)


def _reset() -> None:
    _question_phrases.cache_clear()
    _harm_phrases.cache_clear()
    _indicator_phrases.cache_clear()
    _fine_phrases.cache_clear()
    _scope.cache_clear()


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
            # a negation said of a word of lack before the hit ("never missed a day at nursery")
            # is said of that word: the hit stands (answers.yml negation_of_lack)
            lack = _lack_words()
            return not any(doc[j].lemma_.lower() in lack or doc[j].lower_ in lack for j in range(i + 1, hit.start))
    return False


@lru_cache(maxsize=1)
def _lack_words() -> frozenset:
    return frozenset(_clean(str(w)) for w in as_list(lexicon().get("negation_of_lack")))


on_reset(_lack_words.cache_clear)


def hedged(text: str) -> bool:
    _, hedges, _ = _scope()
    t = f" {_clean(text)} "
    return any(f" {h} " in t for h in hedges if h)


def is_yes(text: str) -> bool:
    t = _clean(text)
    words = {_clean(str(w)) for w in as_list(lexicon().get("confirm_yes"))}
    return t in words or (t.split()[:1] and t.split()[0] in grammar.words("yes_first") and len(t.split()) <= 4)


def is_no(text: str) -> bool:
    t = _clean(text)
    words = {_clean(str(w)) for w in as_list(lexicon().get("confirm_no"))}
    return t in words or (bool(t.split()) and t.split()[0] in grammar.words("no_first") and len(t.split()) <= 3)


# -- ages inside an answer, the question's base id ----------------------------------------------
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


# -- harm and indicator words --------------------------------------------------------------
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
    # (S22-LC14) worry words that only negate or say how often (account.worry_not_beside_calm)
    plain = {_clean(str(w)) for w in as_list(acc.get("worry_not_beside_calm"))}
    calm = [_clean(str(w)) for w in as_list(acc.get("reassuring_words"))]
    fine = [_clean(str(w)) for w in as_list(acc.get("not_a_worry"))]
    sents = segments(doc)[0]
    out: dict[str, list[Hit]] = {}
    found = _indicator_hits(doc)
    concede = [_clean(str(w)) for w in as_list(acc.get("concede"))]
    fine_hits = [
        h
        for h in _fine_phrases().find(doc)
        if not negated(doc, h, clauses) and not (account and _clause_has(doc, clauses, h.start, concede))
    ]  # "nursery attendance otherwise good" concedes a worry: no reassurance in an account
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
            if any(f" {c} " in words for c in concede if c) and any(f" {c} " in words for c in calm):
                continue  # "attendance otherwise good": a worry conceded, read neither way
            if any(f" {c} " in words for c in calm) and _said_of_parent(doc, h, sents):
                continue  # "mum ... is well now and off medication": the parent's, read neither way
            if any(f" {c} " in words for c in calm):  # "the baby's weight is ok"
                if _clean(h.words) not in topics or not (lowers & worry) - plain:
                    out.setdefault("-" + key, []).append(h)
                continue  # (S22-LC14) "lost weight ... grades are good": a worry and a calm word, asked
            if _clean(h.words) in topics and not (lowers & worry):
                continue
        elif _clean(h.words) in calm and not negated(doc, h, clauses) and not _limited(doc, h):
            # in an answer, an indicator that is itself a reassuring word said plainly reassures
            # ("beds made and clean"); "not clean" is still read as a worry
            out.setdefault("ok:" + key, []).append(h)
            continue
        out.setdefault(("-" + key) if negated(doc, h, clauses) else key, []).append(h)
    for h in fine_hits:  # in an account a type not a worry; in an answer, "ok:" + type
        out.setdefault(("-" if account else "ok:") + h.key[5:], []).append(h)
    return out


def _limited(doc, h: Hit) -> bool:
    """A word just before the hit limits it ("only clean when we visit"; reassurance_limiters)."""
    before = f" {_clean(' '.join(tok.text for tok in doc[max(0, h.start - 3) : h.start]))} "
    return any(f" {_clean(str(w))} " in before for w in as_list(lexicon().get("reassurance_limiters")))


def account_scope(doc) -> list[int]:
    """The scope of a negation in an account: its sentence ("no concerns about drugs, drink, DV
    or mental health"), but a clause that opens with a person of its own ("..., her partner
    smokes cannabis") is a new statement the negation before it does not reach."""
    sents, clauses = segments(doc)
    rule = (lexicon().get("account") or {}).get("parent_state") or {}
    people = {str(w).lower() for w in as_list(rule.get("parents")) + as_list(rule.get("children"))}
    people -= {"her", "him"}  # ("..., her partner" opens with "her"; "not feeding her" does not)
    people |= {str(w).lower().split()[-1] for w in as_list((lexicon().get("account") or {}).get("other_child"))}
    owners = grammar.words("person_owners")
    out: list[int] = []
    extra = 0
    for i, tok in enumerate(doc):
        opens = i > 0 and clauses[i] != clauses[i - 1] and sents[i] == sents[i - 1]
        if opens:
            j = i + (1 if tok.is_punct or tok.lower_ in grammar.words("person_clause_joiners") else 0)
            while j < min(len(doc), i + 4) and doc[j].lower_ in owners:
                j += 1
            # (a person set apart by commas opens a statement too: "..., and mum, who uses crack, ...")
            if (
                j < len(doc)
                and doc[j].lower_ in people
                and j + 1 < len(doc)
                and (not doc[j + 1].is_punct or doc[j + 1].text == ",")
            ):
                extra += 1
        out.append(sents[i] * 1000 + extra)
    return out


def _clause_has(doc, clauses: list[int], i: int, phrases: list[str]) -> bool:
    words = f" {_clean(' '.join(t.text for t in doc if clauses[t.i] == clauses[i]))} "
    return any(p and f" {p} " in words for p in phrases)


def _indicator_hits(doc) -> list[Hit]:
    """The indicator phrases of a doc, found once per doc (an account is read for many questions)."""
    hits = doc.user_data.get("indicator_hits")
    if hits is None:
        hits = doc.user_data["indicator_hits"] = _indicator_phrases().find(doc)
    return hits


def _said_of_parent(doc, hit: Hit, sents: list[int]) -> bool:
    """The nearest person named before the hit in its sentence is a parent (account.parent_state)."""
    rule = (lexicon().get("account") or {}).get("parent_state") or {}
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


def _parents_state(doc, hit: Hit, sents: list[int]) -> bool:
    """A state word ("low mood", "tearful") said of a parent: the nearest person before it in
    its sentence is a parent (account.parent_state)."""
    rule = (lexicon().get("account") or {}).get("parent_state") or {}
    if _clean(hit.words) not in {_clean(str(w)) for w in as_list(rule.get("states"))}:
        return False
    return _said_of_parent(doc, hit, sents)


def _evidence(hits: Iterable[Hit]) -> str:
    seen: list[str] = []
    for h in hits:
        if h.words.lower() not in (s.lower() for s in seen):
            seen.append(h.words)
    return ", ".join(seen)
