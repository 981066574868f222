"""Answers to questions about neglect practice, looked up in knowledge/ with their source,
and an honest "not covered" when the knowledge base has nothing that fits.

Three ways a question finds its answer, in this order:
1. A description of a particular child or family is never answered with an article: it is
   handed to the check (`Decision.kind == "case"`).
2. "Tell me about <item>": a spaCy PhraseMatcher over every item's name and aliases finds the
   item the question names; it answers when the item covers most of the question's key terms.
3. The topic the ResponseSelector chose (faq/<key>), when the selector is confident enough
   and the question's key terms are found in the topic's own words (a fuzzy match only for a
   likely typo, never for a common English word), including any term that no topic knows
   ("MARAC") unless the topic accounts for nearly all the rest.
Anything else gets the fallback: "the documents I hold don't cover that", the nearest topics
as buttons, and who to ask. Thresholds, word lists and texts: knowledge/faq.yml `answering`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.knowledge import faq_topics, files
from bot.knowledge.loader import Framework, Item, KnowledgeBase, Level, NextStep, Pitfall
from bot.knowledge.schema_faq import AnsweringSpec
from bot.knowledge.texts import say
from bot.walks.replies import Button, Reply

ANSWERABLE = (
    "term",
    "pitfall",
    "concept",
    "framework",
    "next_step",
    "level",
    "neglect_type",
    "resistance_type",
    "vulnerable_group",
    "risk_factor",
    "protective_factor",
)
_WORD = re.compile(r"[a-z0-9]+")
PART = "part:"
KIND_ORDER = (
    "neglect_type",
    "level",
    "pitfall",
    "framework",
    "next_step",
    "vulnerable_group",
    "risk_factor",
    "protective_factor",
    "resistance_type",
    "concept",
    "term",
)


def _norm(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower().replace("\u2019", "'").replace("'", ""))) + " "


# -- settings (knowledge/faq.yml `answering` and `item_lists`) ------------------------------
@dataclass(frozen=True)
class Settings:
    min_confidence: float
    min_support: float
    min_item_cover: float
    fuzzy_score: float
    fuzzy_max_zipf: float
    anchor_support: float
    nearest: int
    generic: frozenset
    case_markers: tuple[str, ...]
    texts: dict
    item_lists: dict
    age_pattern: str = ""
    asking: frozenset = frozenset()
    question_openers: frozenset = frozenset()
    check_requests: tuple[str, ...] = ()
    context_question_words: int = 35


@lru_cache(maxsize=4)
def settings(kb: KnowledgeBase) -> Settings:
    raw = kb.extra.get("faq.yml") or {}
    a = files.check_or_raise(AnsweringSpec, raw.get("answering"), "faq.yml: answering")
    return Settings(
        a.min_confidence,
        a.min_support,
        a.min_item_cover,
        a.fuzzy_score,
        a.fuzzy_max_zipf,
        a.anchor_support,
        a.nearest,
        frozenset(_lemma(w) for w in a.generic_words),
        tuple(_norm(m).strip() for m in a.case_markers),
        a.texts.dict(),
        dict(raw.get("item_lists") or {}),
        a.age_pattern,
        frozenset(_lemma(w) for w in a.asking_words),
        frozenset(a.question_openers),
        tuple(a.check_requests),
        a.context_question_words,
    )


# -- words ---------------------------------------------------------------------------------
def _lemma(word: str) -> str:
    from bot.lang.nlp import norm_word

    return norm_word(word)


def key_terms(text: str, kb: KnowledgeBase) -> list[str]:
    """The words of a question that carry its topic: lemmas, without question and generic words."""
    generic = settings(kb).generic
    out = []
    for w in _WORD.findall(text.lower().replace("\u2019", "'").replace("'", "")):
        lem = _lemma(w)
        if len(w) > 1 and w not in generic and lem not in generic and not w.isdigit():
            out.append(lem)
    return out


# -- items named in a question (spaCy PhraseMatcher over names and aliases) ------------------
def _names(item: Item) -> set[str]:
    """The item's name, its aliases, and the parts of a name such as "Term (ABBR)"; a part made
    only of generic words ("neglect" of "Reactive (episodic) neglect") names nothing."""
    names = {item.name, *item.aliases, *item.typed_as}
    parts = {part.strip() for part in re.split(r"[(/),]|\band\b|\bor\b", item.name) if len(part.strip()) > 2}
    names.update(p for p in parts if p not in names and _has_own_word(p))
    return {n for n in names if len(_norm(n).strip()) >= 2}


def _has_own_word(text: str) -> bool:
    from bot.lang.nlp import norm_word

    generic = _generic_words()
    return any(w not in generic and norm_word(w) not in generic for w in _WORD.findall(text.lower()))


@lru_cache(maxsize=1)
def _generic_words() -> frozenset:
    from bot.knowledge.loader import get_kb

    return frozenset(
        str(w) for w in ((get_kb().extra.get("faq.yml") or {}).get("answering") or {}).get("generic_words") or ()
    )


@lru_cache(maxsize=4)
def _matcher(kb: KnowledgeBase):
    from spacy.matcher import PhraseMatcher

    from bot.lang.nlp import get_nlp

    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    by_key: dict[str, Item] = {}
    for item in kb.items.values():
        if item.kind not in ANSWERABLE:
            continue
        by_key[item.id] = item
        full = {item.name, *item.aliases, *item.typed_as}
        matcher.add(item.id, list(nlp.pipe(sorted(full))))
        parts = _names(item) - full
        if parts:  # a part of a name ("domestic abuse" in a longer name) yields to a full name
            by_key[PART + item.id] = item
            matcher.add(PART + item.id, list(nlp.pipe(sorted(parts))))
    return nlp, matcher, by_key


def find_items(text: str, kb: KnowledgeBase) -> list[tuple[Item, int, int]]:
    """Items the text names, longest mention first: (item, start token, end token)."""
    nlp, matcher, by_key = _matcher(kb)
    doc = nlp(text or "")
    found = []
    parts = set()
    for match_id, start, end in matcher(doc):
        key = nlp.vocab.strings[match_id]
        found.append((by_key[key], start, end))
        if key.startswith(PART):
            parts.add((by_key[key].id, start, end))
    # longest mention first; for the same words, a full name before a part of one, then the
    # more specific kind of item
    found.sort(key=lambda f: (-(f[2] - f[1]), f[1], (f[0].id, f[1], f[2]) in parts, KIND_ORDER.index(f[0].kind)))
    out, taken, seen = [], set(), set()
    for item, start, end in found:
        span = set(range(start, end))
        if span & taken or item.id in seen:
            continue
        taken |= span
        seen.add(item.id)
        out.append((item, start, end))
    return out


def find_item(text: str, kb: KnowledgeBase) -> Item | None:
    """The item the text names (the longest mention), or None."""
    found = find_items(text, kb)
    return found[0][0] if found else None


def named_item(text: str, kb: KnowledgeBase) -> Item | None:
    """The item a question is about: named, and covering most of the question's key terms."""
    found = find_items(text, kb)
    if not found:
        return None
    terms = key_terms(text, kb)
    if not terms:
        return found[0][0]
    item = found[0][0]
    covered = {_lemma(w) for n in _names(item) for w in _WORD.findall(_norm(n))}
    # words of the same question that name the item's other mentions count as covered too
    share = sum(1 for t in terms if t in covered) / len(terms)
    return item if share >= settings(kb).min_item_cover else None


# -- rendering -----------------------------------------------------------------------------
def render(item: Item, kb: KnowledgeBase, shown: set[str] | None = None) -> str:
    """An item's answer: its text, its own field, the items it lists and its sources. `shown`
    holds what the reply already lists (items' texts, sources): those are not listed again
    (a "See also" after the main answer), and what this one lists is added to it."""
    shown = set() if shown is None else shown
    t = settings(kb).texts
    parts = [f"{item.name}: {item.text}"]
    if isinstance(item, Pitfall):
        parts.append(t["what_helps"].format(text=item.mitigation))
    elif isinstance(item, Framework):
        parts.append(t["how_to_use"].format(text=item.how_to_use))
    elif isinstance(item, NextStep):
        parts.append(t["when"].format(text=item.when))
        if item.contact:
            parts.append(t["contact"].format(contact=kb.profile.contacts[item.contact].describe()))
    elif isinstance(item, Level) and item.criteria:
        parts.append(t["level_criteria"])
        parts.extend(f"- {c.text}" for c in item.criteria)
    listed = [i for kind in settings(kb).item_lists.get(item.id, ()) for i in kb.of_kind(kind)]
    fresh = [i for i in listed if "item:" + i.text not in shown]
    if fresh:
        parts.append(t["signs"] if "sign" in fresh[0].kind else t["questions"])
        parts.extend(f"- {i.text}" for i in fresh)
    cites = [kb.cite(s) for i in (item, *fresh) for s in (i.source, *i.also)]
    cites = [c for c in dict.fromkeys(cites) if "cite:" + c not in shown]
    shown.update({"item:" + i.text for i in listed} | {"cite:" + c for c in cites})
    if cites:
        parts.append(t["cited"].format(sources="; ".join(cites)))
    return "\n".join(parts)


def answer_text(key: str, kb: KnowledgeBase) -> str | None:
    """The answer for a retrieval key such as 'faq/drift' or 'drift'."""
    key = key.split("/", 1)[-1]
    topic = next((t for t in faq_topics.topics(kb) if t.key == key), None)
    if topic is None:
        return None
    main, *more = (kb.items[a] for a in topic.answer)
    shown: set[str] = set()  # no item or source listed twice in one reply
    parts = [render(main, kb, shown)]
    parts.extend(f"See also - {render(item, kb, shown)}" for item in more)
    return "\n\n".join(parts)


def answer_question(text: str, kb: KnowledgeBase) -> Reply | None:
    item = named_item(text, kb) or find_item(text, kb)
    return Reply(render(item, kb)) if item else None


# -- topics and support --------------------------------------------------------------------
@lru_cache(maxsize=4)
def _topic_words(kb: KnowledgeBase) -> dict[str, frozenset]:
    out = {}
    for t in faq_topics.topics(kb):
        words = set()
        for text in (*t.examples, *(n for a in t.answer for n in _names(kb.items[a]))):
            words.update(key_terms(text, kb))
        out[t.key] = frozenset(words)
    return out


@lru_cache(maxsize=20000)
def _zipf(word: str) -> float:
    """How common the word is in English (wordfreq's Zipf scale: 0 unknown, 3 a word met once in
    a million, 6 "the"-like)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _found(term: str, words: frozenset, score: float, max_zipf: float = 99.0) -> bool:
    """The term is among the topic's words, or is a likely typo of one: a fuzzy match counts only
    for a term that is not itself a common English word ("drfit" for drift, but not "county"
    for "count", nor "treat" for "threat")."""
    if term in words:
        return True
    if len(term) < 5 or _zipf(term) >= max_zipf:
        return False
    from difflib import SequenceMatcher

    return any(SequenceMatcher(None, term, w).ratio() * 100 >= score for w in words if abs(len(w) - len(term)) <= 2)


@lru_cache(maxsize=4)
def _topic_counts(kb: KnowledgeBase) -> dict[str, int]:
    """In how many topics' words each word occurs."""
    counts: dict[str, int] = {}
    for words in _topic_words(kb).values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return counts


def _support(text: str, key: str, kb: KnowledgeBase) -> tuple[float, bool]:
    """(share, anchored): the rarity-weighted share of the question's key terms the topic's words
    account for, and whether they account for its rarest term."""
    words = _topic_words(kb).get(key.split("/", 1)[-1])
    if words is None:
        return 0.0, False
    terms = key_terms(text, kb)
    if not terms:
        return 1.0, True
    s = settings(kb)
    counts, n = _topic_counts(kb), len(_topic_words(kb))
    weights = [math.log((n + 1) / (counts.get(t, 0) + 1)) for t in terms]
    hits = [_found(t, words, s.fuzzy_score, s.fuzzy_max_zipf) for t in terms]
    total = sum(weights)
    share = sum(w for w, hit in zip(weights, hits, strict=False) if hit) / total if total else 1.0
    # a term no topic knows at all is what the question is about, unless a topic has a likely typo of it
    unknown = [hit for t, hit in zip(terms, hits, strict=False) if counts.get(t, 0) == 0]
    return share, all(unknown)


def support(text: str, key: str, kb: KnowledgeBase) -> float:
    """How much of the question the topic's own words account for, from 0 to 1 (1 when the
    question has no key terms). Each key term weighs by how rare it is across topics (inverse
    document frequency), so "MARAC" in "what is a MARAC and when do I refer" outweighs "refer"."""
    return _support(text, key, kb)[0]


def supports(text: str, key: str, kb: KnowledgeBase) -> bool:
    """Whether the topic answers the question: it accounts for min_support of its key terms and
    for its rarest one, the word the question is about ("MARAC", "GDPR", the "order" of
    "emergency protection order"); a topic that lacks that word passes only from anchor_support."""
    s = settings(kb)
    share, anchored = _support(text, key, kb)
    return share >= s.min_support and (anchored or share >= s.anchor_support)


def nearest_topics(text: str, kb: KnowledgeBase, ranking: list[dict] | None = None) -> list[str]:
    """Topic keys closest to the question: by shared key terms, then by the selector's ranking."""
    terms = key_terms(text, kb)
    words = _topic_words(kb)
    scored = sorted(((sum(1 for t in terms if t in w), k) for k, w in words.items()), key=lambda p: -p[0])
    out = [k for n, k in scored if n > 0]
    for r in ranking or ():
        key = str(r.get("intent_response_key") or "").split("/", 1)[-1]
        if key in words and key not in out:
            out.append(key)
    return out[: settings(kb).nearest]


# -- case descriptions ---------------------------------------------------------------------
def is_case_description(text: str, kb: KnowledgeBase) -> bool:
    from bot.lang.questions import opens_like_a_question

    norm = _norm(re.sub(r"['\u2019]s\b", "", text))  # "the baby's" reads as "the baby"
    markers = sum(1 for m in settings(kb).case_markers if f" {m} " in norm)
    has_age = bool(settings(kb).age_pattern and re.search(settings(kb).age_pattern, text.lower()))
    long_account = len(norm.split()) > 12 and not opens_like_a_question(text)
    return markers >= 2 or (markers >= 1 and (has_age or long_account)) or (has_age and long_account)


def context_question(text: str, kb: KnowledgeBase) -> str | None:
    """The question of a short message that sets a case as context for a practice question
    ("a 12 year old looks after his disabled mum, is he a young carer?"): its last clause,
    when that opens like a question and the message is short. None otherwise."""
    s = settings(kb)
    norm = _norm(re.sub(r"['\u2019]s\b", "", text))
    if any(f" {_norm(r).strip()} " in norm for r in s.check_requests):
        return None
    sentences = [x for x in re.split(r"[.!?]+(?:\s|$)", text.strip()) if x.strip()]
    clauses = [c.strip() for c in re.split(r"[,;:.!?]+|\s-\s", text) if c.strip()]
    if len(sentences) > 2 or len(norm.split()) > s.context_question_words or len(clauses) < 2:
        return None
    last = clauses[-1]
    first = (_WORD.findall(last.lower()) or [""])[0]
    return last if first in s.question_openers and key_terms(last, kb) else None


def is_invitation(text: str, kb: KnowledgeBase) -> bool:
    """ "Can I ask a question?": no words of a topic at all, only asking words."""
    asking = settings(kb).asking
    return not find_items(text, kb) and all(t in asking for t in key_terms(text, kb))


# -- the decision --------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    kind: str  # "case", "item", "topic" or "not_covered"
    reply: Reply
    key: str | None = None  # the topic key or item id answered
    nearest: tuple[str, ...] = field(default_factory=tuple)


def topic_label(key: str, kb: KnowledgeBase) -> str:
    topic = next(t for t in faq_topics.topics(kb) if t.key == key)
    return kb.items[topic.answer[0]].name


def topic_payload(key: str, kb: KnowledgeBase) -> str:
    """A button's payload: a question naming the topic's main item, answered by the item route."""
    return say("answers.topic_payload", topic=topic_label(key, kb).lower())


def not_covered(text: str, kb: KnowledgeBase, ranking: list[dict] | None = None) -> Decision:
    s = settings(kb)
    profile = kb.profile
    lead = profile.term("safeguarding_lead", say("answers.default_lead"))
    lead = lead if lead.lower().startswith(("your ", "the ")) else say("answers.your_lead", lead=lead)
    consultation = (
        profile.contacts["consultation_line"].describe()
        if "consultation_line" in profile.contacts
        else say("answers.default_consultation")
    )
    keys = nearest_topics(text, kb, ranking)
    lines = [s.texts["not_covered"]]
    if keys:
        lines.append(s.texts["nearest"])
    lines.append(s.texts["who_to_ask"].format(lead=lead, consultation=consultation))
    buttons = tuple(Button(topic_label(k, kb), topic_payload(k, kb)) for k in keys)
    return Decision("not_covered", Reply("\n".join(lines), buttons), None, tuple(keys))


def case_handoff(kb: KnowledgeBase) -> Decision:
    t = settings(kb).texts
    return Decision(
        "case",
        Reply(
            t["case"],
            (
                Button(t["start_check_button"], "/start_check"),
                Button(t["general_question_button"], "/ask_question"),
            ),
        ),
    )


def decide(
    text: str,
    kb: KnowledgeBase,
    selected_key: str | None = None,
    confidence: float = 0.0,
    ranking: list[dict] | None = None,
) -> Decision:
    """What to say to a message routed to the answers: see the module docstring."""
    question = context_question(text, kb)
    is_case = is_case_description(text, kb)
    if question is None and is_case:
        return case_handoff(kb)
    # A question set in a case is answered, with the check offered beside the answer; its last
    # clause alone may find the topic, because the rest tells of a family. When the rest is not
    # a case, it is part of the question (a subject named first, then "what support can we give
    # them?") and the whole message must find the topic.
    if question and not is_case:
        question = None
    asked = [text] + ([question] if question else [])
    extra = case_handoff(kb).reply.buttons[:1] if question else ()
    item = next((i for i in (named_item(t, kb) for t in asked) if i is not None), None)
    key = (selected_key or "").split("/", 1)[-1] or None
    s = settings(kb)
    if item is not None:
        topic = next((t for t in faq_topics.topics(kb) if t.key == key), None) if key else None
        if topic is not None and item.id in topic.answer:
            return Decision("topic", Reply(answer_text(key, kb) or render(item, kb), extra), key)
        return Decision("item", Reply(render(item, kb), extra), item.id)
    if key and confidence >= s.min_confidence and any(supports(t, key, kb) for t in asked):
        found = answer_text(key, kb)
        if found:
            return Decision("topic", Reply(found, extra), key)
    return not_covered(text, kb, ranking)
