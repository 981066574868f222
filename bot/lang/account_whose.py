"""Whose words they are, in a case account (bot/lang/account.py): what is said of another child
(account.other_child), the practitioner's own next steps (account.own_plan) and role
(account.roles), a parent's words rather than the child's (account.parent_state), and words
quoted after a verb of saying (account.voice_quote_verbs)."""

from __future__ import annotations

import re

from bot.lang.answer_words import lexicon
from bot.lang.nlp import as_list


def settings() -> dict:
    return lexicon().get("account") or {}


def _determiners() -> frozenset:
    """Words skipped after a sign when reading whom it is about (account_words.yml account.determiners)."""
    return frozenset(str(w).lower() for w in as_list((lexicon().get("account") or {}).get("determiners")))


def _clean_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


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


def _a_services(doc, sents: list[int], start: int, end: int) -> bool:
    """A voice phrase with no subject of its own ("told me", not "he told me") whose nearest person
    or service named before it in its sentence is a professional or a service (account.voice_not_from):
    "School tell me ...", "the HV told me ..." is no child's voice. A verb of saying between them
    leaves it the child's ("nursery say she told them ...")."""
    from bot.lang.answers import _clean

    ps = settings().get("parent_state") or {}
    children = {_clean(str(w)) for w in as_list(ps.get("children"))}
    services = {_clean(str(w)) for w in as_list(settings().get("voice_not_from"))}
    told = {_clean(str(w)) for w in as_list(ps.get("told"))}
    if any(t.lower_ in children or t.norm_ in children for t in doc[start:end]):
        return False  # ("he told me", "the child said": its own subject)
    for t in reversed([t for t in doc if sents[t.i] == sents[start] and t.i < start]):
        if t.lower_ in services or t.norm_ in services:
            return True
        if t.lower_ in children or t.norm_ in children or t.lower_ in told or t.lemma_.lower() in told:
            return False
    return False


def _without_own_plan(text: str) -> str:
    """The account without the practitioner's own next steps ("I'm thinking a young carers
    referral", "I'm going to ask about early help"): a plan is no sign in the child
    (account.own_plan, at the start of a sentence), nor a form's field of next steps ("Actions:
    refer to early help", account.plan_labels before a colon)."""
    from bot.lang.answers import _clean

    plans = sorted({_clean(str(w)) for w in as_list(settings().get("own_plan"))}, key=len, reverse=True)
    labels = {_clean_words(str(w)) for w in as_list(settings().get("plan_labels"))}
    parts = re.split(r"(?<=[.!?\n])\s+", text)
    kept = [
        p
        for p in parts
        if not any(_clean(p).startswith(w + " ") for w in plans if w)
        and not (":" in p and _clean_words(p.lstrip(" -*\u2022").split(":", 1)[0]) in labels)
    ]
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
                # (and the practitioner's own workplace just after it: "outreach worker at the family hub")
                place = WORKPLACE.match(text, at + len(role))
                return text[:at] + "Practitioner" + text[place.end() if place else at + len(role) :]
    return text


# a workplace said just after the practitioner's role ("at the family hub", "from our children's centre")
WORKPLACE = re.compile(
    r"\s+(?:at|from|in|based at)\s+(?:the|our|a|an)\s+(?:[\w'\u2019-]+\s+){0,2}?[\w'\u2019-]+"
    r"(?=\s+(?:and|but|so|who|where|i|we)\b|\s*[,.;:!?(]|\s*$)",
    re.I,
)


def _signs_of_others(doc, found: dict) -> dict:
    """The signs found without those that are another person's: words that only name another
    child ("the older boy" read as "older boys"), and a sign aimed at an adult ("shouted at the
    SENCO", account.sign_aimed_at: at, then perhaps a determiner, then one of these)."""
    others = {_clean_words(str(w)) for w in as_list(settings().get("other_child"))}
    adults = {_clean_words(str(w)) for w in as_list(settings().get("sign_aimed_at"))}
    out = {}
    for key, hits in found.items():
        kept = []
        for h in hits:
            if _clean_words(h.words) in others:
                continue
            after = [t.lower_ for t in doc[h.end : h.end + 4] if t.lower_ not in _determiners()]
            if h.words.lower().split()[-1:] == ["at"]:
                after = ["at"] + after
            # (one word may name which: "shouted at the diabetes nurse")
            if not key.startswith("-") and len(after) >= 2 and after[0] == "at" and adults & set(after[1:3]):
                continue
            kept.append(h)
        if kept:
            out[key] = kept
    return out
