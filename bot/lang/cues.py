"""find_cues(): language in a reflection that points to a trap of neglect work.

Phrases and follow-up questions live in knowledge/language/cues.yml. A phrase match is
dropped when "not", "no" or "never" stands in the two words before it in the same clause
("the baby is not doing well" is no optimism); phrases that begin with a negation ("not
that bad") keep it. parent_focus is decided over the whole text, as described in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.lang import grammar
from bot.lang.nlp import as_list, build_matcher, get_nlp, load_yaml, nlp_doc, norm_word, on_reset, segments

KINDS = ("optimism", "normalising", "vague_time", "parent_focus")


@dataclass(frozen=True)
class Cue:
    kind: str
    matched: str


@dataclass(frozen=True)
class CueKind:
    id: str
    kind: str
    name: str
    follow_up: str
    pitfall: str
    source_doc: str
    source_section: str


@dataclass(frozen=True)
class _Rules:
    matcher: object
    kinds: dict
    child: frozenset
    parent: frozenset
    female: frozenset
    male: frozenset
    he: frozenset
    she: frozenset
    child_phrases: tuple
    not_child: tuple


def _phrase_norms(phrases) -> tuple:
    nlp = get_nlp()
    return tuple(tuple(t.norm_ for t in nlp(str(p))) for p in phrases)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("cues.yml")
    words = {k: [str(w) for w in v] for k, v in (data.get("words") or {}).items()}
    entries, kinds = [], {}
    for item in data.get("cues") or []:
        src = item.get("source") or {}
        kinds[item["kind"]] = CueKind(
            item["id"],
            item["kind"],
            item.get("name", ""),
            " ".join(str(item.get("follow_up", "")).split()),
            item.get("pitfall", ""),
            src.get("doc", ""),
            src.get("section", ""),
        )
        entries.extend((item["kind"], str(p)) for p in as_list(item.get("patterns")))

    def normset(key):
        return frozenset(norm_word(w) for w in words.get(key, ()))

    return _Rules(
        build_matcher(entries, words),
        kinds,
        normset("child"),
        normset("parent"),
        normset("parent_female"),
        normset("parent_male"),
        normset("pronoun_he"),
        normset("pronoun_she"),
        _phrase_norms(words.get("child_phrases", ())),
        _phrase_norms(words.get("not_child", ())),
    )


on_reset(_rules.cache_clear)


def cue_kinds() -> dict[str, CueKind]:
    """Each cue kind with its id, name, follow-up question, pitfall id and source."""
    return dict(_rules().kinds)


def find_cues(text: str) -> tuple[Cue, ...]:
    """Cues in text order; at most one per (kind, matched text)."""
    if not text or not text.strip():
        return ()
    rules = _rules()
    doc = nlp_doc(text)
    _, clause_ids = segments(doc)
    found: list[tuple[int, Cue]] = []
    spans = sorted(rules.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    taken: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in spans:
        kind = doc.vocab.strings[key]
        if any(a < end and start < b for a, b in taken.get(kind, ())):
            continue
        if doc[start].norm_ not in grammar.words("cue_negators") and _negated(doc, start, clause_ids):
            continue
        taken.setdefault(kind, []).append((start, end))
        found.append((start, Cue(kind, doc[start:end].text)))
    pf = _parent_focus(doc, rules)
    if pf is not None:
        found.append(pf)
    seen, out = set(), []
    for _, cue in sorted(found, key=lambda x: x[0]):
        if cue not in seen:
            seen.add(cue)
            out.append(cue)
    return tuple(out)


def _negated(doc, start: int, clause_ids) -> bool:
    for i in range(max(0, start - 2), start):
        if clause_ids[i] == clause_ids[start] and doc[i].norm_ in grammar.words("cue_negators"):
            return True
    return False


def _covered(norms: list[str], phrases) -> set[int]:
    """Token positions inside any of the phrases."""
    out: set[int] = set()
    for ph in phrases:
        n = len(ph)
        for i in range(len(norms) - n + 1):
            if tuple(norms[i : i + n]) == ph:
                out.update(range(i, i + n))
    return out


def _parent_focus(doc, rules: _Rules):
    norms = [t.norm_ for t in doc]
    lowers = [t.lower_ for t in doc]
    skip = _covered(norms, rules.not_child) | _covered(lowers, rules.not_child)
    if _covered(norms, rules.child_phrases) | _covered(lowers, rules.child_phrases):
        return None
    parents = [i for i, n in enumerate(norms) if n in rules.parent and i not in skip]
    if not parents:
        return None
    if any(n in rules.child for i, n in enumerate(norms) if i not in skip):
        return None
    named = {norms[i] for i in parents}
    if named <= rules.female and any(n in rules.he for n in lowers):
        return None
    if named <= rules.male and any(n in rules.she for n in lowers):
        return None
    first = parents[0]
    return first, Cue("parent_focus", doc[first].text)
