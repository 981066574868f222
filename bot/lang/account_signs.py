"""The signs an account reading keeps and those it leaves to be asked (a part of
bot/lang/account.py, split by concern): a sign in a hedged sentence, a sign taken back in its
next clause, a care topic without a worry word, a state word in an account of a pregnancy, a
sign explained away by its own clause; and the words a sign owns, which say nothing of how the
parents respond or who knows. Words in knowledge/language/account_words.yml (account)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lang.answers import _Phrases, lexicon
from bot.lang.nlp import as_list, on_reset, segments

# questions on the parents and the help they take whose words a sign of neglect owns when they
# overlap ("missed appointments", "low mood" said of the child); the child's disability and the
# family's money are often told by the same words as a sign, and keep them
SIGN_OWNS = ("q_parental_factors", "q_engagement", "q_dc_signs", "q_seen_alone", "q_previous", "q_dsl_knows")


def settings() -> dict:
    return lexicon().get("account") or {}


def _clean_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def _sentence_of(doc, start: int, sents: list[int]) -> str:
    s = sents[start]
    return "".join(t.text_with_ws for t in doc if sents[t.i] == s).strip(" .;")


def _without_hedged(doc, sents: list[int], found: dict) -> dict:
    """The signs found without those in a sentence that says it is unsure or unconfirmed
    (account.sign_hedges: "I wonder if she might be hungry", "alleged ..., not substantiated")."""
    hedges = [_clean_words(str(w)) for w in as_list(settings().get("sign_hedges"))]
    small = [_clean_words(str(w)) for w in as_list(settings().get("sign_minimisers"))]

    def played_down(h) -> bool:  # ("house a bit untidy": a sign said small, left to be asked)
        before = _clean_words(" ".join(t.text for t in doc[max(0, h.start - 3) : h.start]))
        return any(p and f" {before}".endswith(f" {p}") for p in small)

    def hedged(h) -> bool:
        return _has_phrase(_clean_words(_sentence_of(doc, h.start, sents)), hedges)

    out = {}
    for key, hits in found.items():
        kept = hits if key.startswith("-") else [h for h in hits if not hedged(h) and not played_down(h)]
        if kept:
            out[key] = kept
    # (a sign played down, "house a bit untidy", beside "clean and well dressed" may still be no)
    unhedged = {k: [h for h in v if k.startswith("-") or not hedged(h)] for k, v in found.items()}
    return _not_no_where_doubted(found, out, unhedged)


def _has_phrase(words: str, phrases: list[str]) -> bool:
    padded = f" {words} "
    return any(p and f" {p} " in padded for p in phrases)


def _a_sign(qid: str, hit, found: dict) -> bool:
    """Words read as a sign of neglect ("her review was only done after three missed
    appointments"), or as a type said to be no worry ("so no supervision worry"), say nothing of
    how the parents respond to help or who knows: the sign owns them."""
    if qid not in SIGN_OWNS:
        return False
    return any(h.start < hit.end and hit.start < h.end for hs in found.values() for h in hs)


def _named_fine(type_id: str, hits) -> bool:
    """A no-worry phrase that names the type itself ("no supervision worry", "medical: fine")."""
    name = type_id.split("_")[0].lower()
    return any(name in str(h.words).lower().split() for h in hits or ())


def _missed_many(text: str) -> str | None:
    """Care missed again and again, said as a count ("missed two of the three appointments", "3
    appts WNB", "missed most of her antenatal care"): the words, or None (account.missed_many)."""
    rule = settings().get("missed_many") or {}
    counts = "|".join(re.escape(str(w)) for w in as_list(rule.get("counts")))
    events = "|".join(re.escape(str(w)) for w in as_list(rule.get("events")))
    missed = "|".join(re.escape(str(w)) for w in as_list(rule.get("missed")))
    if not (counts and events and missed):
        return None
    m = re.search(rf"\b(?:{missed})\s+(?:\w+\s+){{0,2}}?(?:{counts})\b(?:\s+\w+){{0,4}}?\s+(?:{events})\b", text, re.I)
    m = m or re.search(rf"\b(?:{counts})\s+(?:\w+\s+){{0,2}}?(?:{events})\s+(?:{missed})\b", text, re.I)
    return m.group(0) if m else None


def _conceded(doc, sents: list[int], clauses: list[int], start: int, hits_at: set[int]) -> bool:
    """A sign taken back in the next clause of its sentence by the same person ("missed one
    appointment but rang to rearrange it", "a bit defensive but agreed to talk to school"): that
    clause opens on a word of account.concession, has no subject of its own and holds no worry
    word, negation or other sign (hits_at: where the signs start). Such a sign is left to be
    asked, neither yes nor no."""
    from bot.lang.answers import _clean

    acc = settings()
    opens = {_clean(str(w)) for w in as_list(acc.get("concession"))}
    worry = {_clean(str(w)) for w in as_list(acc.get("worry_words"))} | {
        _clean(str(w)) for w in as_list(acc.get("concession_negations"))
    }
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
    done = [_clean_words(str(w)) for w in as_list(settings().get("care_done"))]
    negations = {_clean(str(w)) for w in as_list(settings().get("concession_negations"))}
    clauses = segments(doc)[1]

    def a_worry(h) -> bool:
        # the worry word is the care's own clause's, or the sentence's when that clause does not say
        # the care was done ("weight on 75th, jabs all done, no worries at home" is none)
        own = [t for t in doc if clauses[t.i] == clauses[h.start]]
        if _has_phrase(_clean_words(" ".join(t.text for t in own)), done):
            # ("kept most of her appointments", "not done"; (S22-LC14) not a negation of what follows:
            # "kept every midwife appointment and doesn't drink")
            last = {p.split()[-1] for p in done if p}
            upto = max([h.end] + [t.i + 1 for t in own if _clean(t.text) in last])
            return bool({t.lower_ for t in own if t.i < upto} & negations)
        return bool({t.lower_ for t in doc if sents[t.i] == sents[h.start]} & worry)

    out = {}
    for key, hits in found.items():
        kept = [h for h in hits if key.startswith("-") or _clean(h.words) not in care or a_worry(h)]
        if kept:
            out[key] = kept
    return out


def _not_no_where_doubted(before: dict, after: dict, doubted_in: dict | None = None) -> dict:
    """(S22-LC14) A type whose sign was set aside as hedged, played down or asked ("Why was he in a
    nappy that hadn't been changed since the night?") is not read as no either, whatever fine
    words stand elsewhere ("the flat was clean"): the account is unsure of it, and it is asked."""
    left = after if doubted_in is None else doubted_in
    doubted = {k for k, v in before.items() if not k.startswith("-") and len(left.get(k, ())) < len(v)}
    return {k: v for k, v in after.items() if not (k.startswith("-") and k[1:] in doubted)}


def without_questions(doc, sents: list[int], found: dict) -> dict:
    """The signs found without those in a question ("Is she ever left on her own? Never."): a
    question asked is no sign seen; the answer, if given, is its own sentence."""
    out = {}
    found = _without_good_attendance(doc, sents, found)
    elders = [_clean_words(str(w)) for w in as_list(settings().get("parents_own_parent"))]
    clauses = segments(doc)[1]

    near = int(settings().get("parents_own_parent_within") or 6)

    def of_an_elder(h) -> bool:  # ("she's exhausted, caring for her own mum too": the parent's care)
        # (S20-LC12) within a few words of the sign in its clause: an unpunctuated voice note may be
        # one long clause ("... after her own mum put her out staff keep finding the baby ...")
        span = doc[max(0, h.start - near) : min(len(doc), h.end + near)]
        return _has_phrase(_clean_words(" ".join(t.text for t in span if clauses[t.i] == clauses[h.start])), elders)

    found = {k: [h for h in v if k.startswith("-") or not of_an_elder(h)] for k, v in found.items()}
    found = {k: v for k, v in found.items() if v}
    for key, hits in found.items():
        kept = hits if key.startswith("-") else [h for h in hits if not _sentence_of(doc, h.start, sents).endswith("?")]
        if kept:
            out[key] = kept
    return _not_no_where_doubted(found, out)


def _without_good_attendance(doc, sents: list[int], found: dict) -> dict:
    """An attendance named as a sign in a sentence whose figure is at or above
    account.attendance.below ("nursery attendance 95%") is no sign: the figure says it is fine."""
    rule = settings().get("attendance") or {}
    below = float(rule.get("below") or 0)

    def good(h) -> bool:
        if "attendance" not in h.words.lower():
            return False
        m = _PERCENT.search(_sentence_of(doc, h.start, sents))
        return m is not None and float(m.group(1)) >= below

    out = {}
    for key, hits in found.items():
        kept = hits if key.startswith("-") else [h for h in hits if not good(h)]
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


def _without_conceded(doc, sents: list[int], clauses: list[int], found: dict) -> tuple[dict, set[str]]:
    """The signs found without those taken back in the next clause (_conceded), and the types a
    sign was taken back of. A word that says a type is fine ("cluttered but clean") is no other
    sign: it is the taking back."""
    hits_at = {h.start for key, hits in found.items() if not key.startswith("-") for h in hits}
    out, taken_back = {}, set()
    for key, hits in found.items():
        kept = [h for h in hits if key.startswith("-") or not _conceded(doc, sents, clauses, h.start, hits_at)]
        if len(kept) < len(hits):
            taken_back.add(key)
        if kept:
            out[key] = kept
    return out, taken_back


def _without_reasons(doc, clauses: list[int], found: dict) -> dict:
    """A sign whose own clause gives a reason that explains it away (account.sign_explained_by:
    "home off school sick" is no educational neglect): left to be asked."""
    from bot.lang.answers import _clean

    by_type = settings().get("sign_explained_by") or {}
    out = {}
    for key, hits in found.items():
        # a word alone, or (S23-LC16) words joined by "+" that must all be in the clause ("i+yet": the
        # writer's own step not taken yet, "I haven't spoken to my sergeant about it yet")
        reasons = [{_clean(w) for w in str(r).split("+") if w.strip()} for r in as_list(by_type.get(key))]
        reasons = [r for r in reasons if r]

        kept = [h for h in hits if not _explained(doc, clauses, h, reasons)]
        if kept:
            out[key] = kept
    return out


def _explained(doc, clauses: list[int], h, reasons: list[set[str]]) -> bool:
    """One of the reasons (a set of words) is all in the sign's own clause."""
    said = {t.lower_ for t in doc if clauses[t.i] == clauses[h.start]}
    return any(r <= said for r in reasons)


@lru_cache(maxsize=1)
def _account_signs() -> _Phrases:
    signs = settings().get("signs") or {}
    return _Phrases([(t, str(p)) for t, words in signs.items() if t not in ("basis", "source") for p in as_list(words)])


on_reset(_account_signs.cache_clear)


def with_account_signs(doc, found: dict) -> dict:
    """The signs found, with the signs said in a way only a told case says them (account.signs:
    "found him alone downstairs", "left in the care of her 10 year old brother"), where not
    negated in their clause and not inside a sign already found."""
    from bot.lang.answer_words import negated

    clauses = segments(doc)[1]
    out = {k: list(v) for k, v in found.items()}
    taken = [h for hs in found.values() for h in hs]
    for h in [*_account_signs().find(doc), *_low_attendance(doc), *_low_attendance(doc, good=True)]:
        if negated(doc, h, clauses) or any(k.start < h.end and h.start < k.end for k in taken):
            continue
        out.setdefault(h.key, []).append(h)
        taken.append(h)
    return out


_PERCENT = re.compile(r"\b(\d{1,3})(?:\.\d+)?\s*%")


def _low_attendance(doc, good: bool = False) -> list:
    """Attendance said as a figure below account.attendance.below ("attendance 81% this year"):
    a sign of educational neglect. In a sentence about attendance, the first figure not said of a
    time past ("was 93% last year"). `good`: a figure at or above account.attendance.good
    ("attendance 97% this term"): educational neglect said not to be a worry."""
    from bot.lang.answer_words import Hit

    rule = settings().get("attendance") or {}
    below = float(rule.get("below") or 0)
    at_least = float(rule.get("good") or 101)
    past = [_clean_words(str(w)) for w in as_list(rule.get("past"))]
    out = []
    sents = segments(doc)[0]
    for n in dict.fromkeys(sents):
        toks = [t for t in doc if sents[t.i] == n]
        start = toks[0].idx
        text = doc.text[start : toks[-1].idx + len(toks[-1])]
        if "attendance" not in text.lower():
            continue
        for m in _PERCENT.finditer(text):
            after = _clean_words(text[m.end() : m.end() + 25])
            if any(after.startswith(p) for p in past if p):
                continue
            if (float(m.group(1)) >= at_least) if good else (float(m.group(1)) < below):
                span = doc.char_span(start + m.start(), start + m.end(), alignment_mode="expand")
                if span is not None:
                    key = "-educational_neglect" if good else "educational_neglect"
                    out.append(Hit(key, span.start, span.end, f"attendance {m.group(0)}"))
            break
    return out


def without_past_fine(doc, clauses: list[int], found: dict) -> dict:
    """A need said met in a time past ("his attendance was fine all last year", "attendance was
    always fine, then ...") says nothing of now: no type not a worry from its clause
    (account.fine_past)."""
    past = [_clean_words(str(w)) for w in as_list(settings().get("fine_past"))]

    def near(h) -> str:  # the words of its clause just beside it (a told case may be one long clause)
        return " ".join(t.text for t in doc[max(0, h.start - 4) : h.end + 6] if clauses[t.i] == clauses[h.start])

    out: dict = {}
    for key, hits in found.items():
        if key.startswith("-"):
            hits = [h for h in hits if not _has_phrase(_clean_words(near(h)), past)]
        if hits:
            out[key] = hits
    return out


def without_advice(doc, found: dict) -> dict:
    """The signs found without those named as advice given just before them ("we went through safe
    sleep", "talked about the stair gate"): a topic talked through is no sign seen (account.sign_advice)."""
    advice = [_clean_words(str(w)) for w in as_list(settings().get("sign_advice"))]

    def advised(h) -> bool:
        before = _clean_words(" ".join(t.text for t in doc[max(0, h.start - 4) : h.start]))
        return any(a and f" {before}".endswith(f" {a}") for a in advice)

    out = {}
    for key, hits in found.items():
        kept = hits if key.startswith("-") else [h for h in hits if not advised(h)]
        if kept:
            out[key] = kept
    return out


def of_a_parent(doc, sents: list[int], start: int, told: bool = False) -> bool:
    """The person a word is said of is a parent: the nearest person named before it in its sentence,
    where a pronoun ("she", "he") that agrees with the parent named before it is that parent ("Mum
    has MS and she's in a wheelchair"). `told`: only across a verb of saying ("mum said she's been
    tearful", account.parent_state.told), as a state said of "she" may be the child's otherwise."""
    ps = settings().get("parent_state") or {}
    parents = {str(w).lower() for w in as_list(ps.get("parents"))}
    pronouns = {str(k).lower(): {str(w).lower() for w in as_list(v)} for k, v in (ps.get("pronouns") or {}).items()}
    nouns = {str(w).lower() for w in as_list(ps.get("children"))} - set(pronouns)
    saying = {str(w).lower() for w in as_list(ps.get("told"))}
    pronoun, said = None, False
    for t in reversed([t for t in doc if sents[t.i] == sents[start] and t.i < start]):
        low = t.lower_
        if low in parents:
            return pronoun is None or (low in pronouns.get(pronoun, set()) and (said or not told))
        if low in nouns:
            return False
        if low in pronouns and pronoun is None:
            pronoun = low
        elif pronoun is not None and (low in saying or t.lemma_.lower() in saying):
            said = True
    return False


def without_parents_told(doc, sents: list[int], found: dict) -> dict:
    """The signs found without a state word said of a parent through a pronoun after a verb of
    saying ("Mum ... said she's been tearful", "mum says she's lonely"): the mother's state."""
    from bot.lang.answers import _clean

    states = {_clean(str(w)) for w in as_list((settings().get("parent_state") or {}).get("states"))}
    out = {}
    for key, hits in found.items():
        kept = (
            hits
            if key.startswith("-")
            else [h for h in hits if not (_clean(h.words) in states and of_a_parent(doc, sents, h.start, True))]
        )
        if kept:
            out[key] = kept
    return out


def parents_own(doc, sents: list[int], evidence: str) -> set[str]:
    """The parts of an impact's words that are a state word said of a parent wherever they stand
    ("Mum is tired all the time and the baby is in dirty clothes": account.parent_state): the
    parent's, no harm to the child (S19-LC11, the Monday probe)."""
    from bot.lang.answers import _clean

    states = {_clean(str(w)) for w in as_list((settings().get("parent_state") or {}).get("states"))}
    own = set()
    for part in (evidence or "").split(","):
        words = _clean(part)
        if words not in states:
            continue
        at = [t.i for t in doc if t.lower_ == words.split()[0]]
        if at and all(of_a_parent(doc, sents, i) for i in at):
            own.add(words)
    return own
