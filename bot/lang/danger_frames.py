"""Frames of the clauses of a message: is each part told as happening now, or as the past, a
habit, a hypothetical, talk in general? Read by bot/lang/danger.py (words in the `frames`
section of knowledge/language/danger.yml).

A long account mixes frames: "known to us since 2021 for neglect, mum has a history of
overdoses and is now not responding and the 2 year old is with her". Read a sentence at a
time, the history dilutes the present: a past phrase anywhere in the sentence makes a danger
word in it "the past". Read a clause at a time, each part keeps its own frame:

  frame clause   a clause (split at punctuation, "but", "because" ...) is split again at a
                 coordinator ("and", "then", "so"): "... for months | and right now the
                 kids are home alone"
  own time       the time words inside the frame clause itself: `now` (a now-word, or a
                 present-tense "is", "are", "she's"), `past` (a past phrase), `habit`
                 (a habit word); `progressive` too for a present "be" with a verb in -ing
                 after it ("is making")
  scope          a frame clause with no time of its own carries on the one before it in
                 the same clause ("if he comes home drunk | and hits her": still "if"); a
                 frame clause with a time of its own starts a scope of its own

So a danger word is read against the frame words of its own scope; a past or habit phrase
in another part of the sentence counts only when the danger's own scope says nothing of
its own time (then the sentence's frame is the best reading there is).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FrameWords:
    coordinators: frozenset  # norms that open a new frame clause ("and", "then", "so")
    present: frozenset  # lower-case spellings of a present-tense "be" ("is", "are", "'re")
    present_after: frozenset  # "'s" is "is" after these words ("she's", "there's")
    past: frozenset  # lower-case spellings of a past-tense "be" ("was", "were")
    examples: frozenset = frozenset()  # a clause opening with these carries on the one before ("like")
    perfect: frozenset = frozenset()  # "has", "have", "'ve": with a participle, the present perfect
    perfect_skip: frozenset = frozenset()  # words between ("just", "now", "still", "already")
    participle_after: frozenset = frozenset()  # "boy cutting his arms": a bare -ing after these is going on
    perfect_same: frozenset = frozenset()  # participles spelt as their base ("hasn't come back")


@dataclass(frozen=True)
class Frames:
    """Per token: the frame clause it is in and where its scope starts; per frame clause:
    its own time words (a set of "now", "present", "past", "habit")."""

    clause: tuple[int, ...]
    scope_start: tuple[int, ...]  # the first token of the scope of each token's frame clause
    own: dict
    scene: bool = False  # the practitioner is at the scene now ("I'm stood outside now")

    def bounds(self, i: int) -> tuple[int, int]:
        """First and one-past-last token of the frame clause holding token i."""
        c = self.clause[i]
        lo = i
        while lo > 0 and self.clause[lo - 1] == c:
            lo -= 1
        hi = i
        while hi < len(self.clause) and self.clause[hi] == c:
            hi += 1
        return lo, hi

    def scope(self, i: int) -> tuple[int, int]:
        """The scope of token i: from the start of the first frame clause it carries on,
        to the end of its own frame clause."""
        _lo, hi = self.bounds(i)
        return self.scope_start[i], hi

    def times(self, i: int) -> set:
        """The time words of token i's scope (its own frame clause and those it carries on)."""
        lo, hi = self.scope(i)
        out: set = set()
        for c in {self.clause[k] for k in range(lo, hi)}:
            out |= self.own.get(c, set())
        return out


def _perfect_follows(doc, i: int, clause: list, words: FrameWords) -> bool:
    """A participle within two words after "has" / "have" in the same frame clause ("has
    just driven", "have been"): an inflected verb (its base form differs: "driven" -> drive),
    not a noun ("has a history")."""
    for k in range(i + 1, min(i + 4, len(doc))):
        tok = doc[k]
        if clause[k] != clause[i] or tok.is_punct:
            return False
        if tok.lower_ in words.perfect_skip:
            continue
        return tok.is_alpha and (
            tok.lower_ in ("been", *words.perfect_same) or (tok.norm_ != tok.lower_ and not tok.lower_.endswith("ing"))
        )
    return False


def tok_lower(doc, i: int) -> str:
    return doc[i].lower_


def read_frames(doc, clause_ids: list[int], ctx: dict, words: FrameWords, scene: bool = False) -> Frames:
    """The frames of a parsed message. clause_ids: the clause of each token (nlp.segments);
    ctx: the context phrases found, kind -> [(start, end)] (`now`, `historic`, `habitual`)."""
    n = len(doc)
    clause: list[int] = []
    c = 0
    for i, tok in enumerate(doc):
        if i > 0 and (clause_ids[i] != clause_ids[i - 1] or (tok.norm_ in words.coordinators and not tok.is_punct)):
            c += 1
        clause.append(c)
    own: dict[int, set] = {}

    def mark(kind: str, spans):
        for a, b in spans:
            if a < n and clause[a] == clause[max(a, b - 1)]:
                own.setdefault(clause[a], set()).add(kind)

    mark("now", ctx.get("now", ()))
    mark("past", ctx.get("historic", ()))
    mark("past", ctx.get("repeated", ()))
    mark("past", ctx.get("background", ()))
    mark("habit", ctx.get("habitual", ()))
    for i, tok in enumerate(doc):
        low = tok.lower_.replace("\u2019", "'")
        if low == "am" and i > 0 and (doc[i - 1].like_num or doc[i - 1].lower_[:1].isdigit()):
            continue  # "2 am" is a time, not "I am"
        if low in words.present or (low in ("'s", "s") and i > 0 and doc[i - 1].lower_ in words.present_after):
            own.setdefault(clause[i], set()).add("present")
            # the present progressive ("is making", "are still screaming"): a verb in -ing
            # (its base form differs: not "nothing", "morning") within two words after
            for k in range(i + 1, min(i + 3, n)):
                nxt = doc[k]
                if clause[k] != clause[i]:
                    break
                if nxt.lower_.endswith("ing") and nxt.is_alpha and nxt.norm_ != nxt.lower_:
                    own[clause[i]].add("progressive")
                    break
        elif low in words.past:
            own.setdefault(clause[i], set()).add("told_past")
        elif (
            i > 0
            and low.endswith("ing")
            and tok.is_alpha
            and tok.norm_ != low
            and doc[i - 1].lower_ in words.participle_after
            and clause[i - 1] == clause[i]
        ):
            # "5 yr old wandering the high street": told as going on, with no "is"
            own.setdefault(clause[i], set()).add("progressive")
        elif low in words.perfect and _perfect_follows(doc, i, clause, words):
            # "has been found wandering", "has driven off with him": the present perfect, a
            # past that reaches now (beside a "was" in a clause inside it: "who was staggering")
            own.setdefault(clause[i], set()).add("perfect")

    timed = ("now", "present", "past", "habit", "told_past")
    scope_start: list[int] = [0] * n
    start_of: dict[int, int] = {}
    for i in range(n):
        cl = clause[i]
        if cl in start_of:
            scope_start[i] = start_of[cl]
            continue
        # the first token of a new frame clause: carry on the scope before it, or start one
        # joined by a coordinator, not punctuation; or a clause of examples after a comma
        # ("at risk of exploitation, like going off with older men")
        joined = clause_ids[i] == clause_ids[i - 1] or tok_lower(doc, i) in words.examples
        carries = i > 0 and joined and not (own.get(cl, set()) & set(timed))
        start_of[cl] = scope_start[i - 1] if carries else i
        scope_start[i] = start_of[cl]
    return Frames(tuple(clause), tuple(scope_start), own, scene)
