"""Form-field lines in a pasted referral ("Previous involvement: none known", "Seen alone: Y"),
read by their label: the label says which question, the value is its answer (issue 19).

The labels and the values that say nothing ("N/A", "TBC") are content, in
knowledge/language/account_words.yml (account.fields). The value is read by the single-answer
reader of that question (bot/lang/answers.py) and kept only when it is sure; a plain Y or N is a
yes or no where the question has those options. A field for a text question (the child's
voice) is kept as the practitioner's words.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from bot.lang.answers import _clean, lexicon, read_answer
from bot.lang.nlp import as_list, on_reset


def _rules() -> dict:
    return (lexicon().get("account") or {}).get("fields") or {}


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str], ...]:
    """(cleaned label, question id), longest label first ("previous cp involvement" before "previous")."""
    pairs = [
        (_clean(str(label)), str(qid))
        for qid, labels in (_rules().get("labels") or {}).items()
        for label in as_list(labels)
        if _clean(str(label))
    ]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


on_reset(_labels.cache_clear)

# a field: the label, a colon (or an equals sign), the value; one a line or set apart by ";" or "|"
_FIELD = re.compile(r"^\s*(?:[-*\u2022>]+\s*)?([A-Za-z][A-Za-z0-9 '\u2019/&()-]{1,48}?)\s*[:=]\s*(\S.*?)\s*$")


def _shorts(plan) -> dict[str, str]:
    """The check's own headings (each question's short title, knowledge/check.yml) as labels: a
    practitioner who types under the headings the check shows ("Response to help: ...",
    "Physical neglect: not sure"); a type's "(seen)" heading is also the type's name alone."""
    out: dict[str, str] = {}
    for q in getattr(plan, "by_id", {}).values():
        short = str(getattr(q, "short", "") or "")
        out.setdefault(_clean(short), q.id)
        if short.endswith("(seen)"):
            out.setdefault(_clean(short[: -len("(seen)")]), q.id)
    return {k: v for k, v in out.items() if k}


def fields_in(text: str, plan=None) -> list[tuple[str, str, str]]:
    """(question id, value, the line as typed) for each labelled line the account holds (with
    the plan, the check's own headings are labels too)."""
    out: list[tuple[str, str, str]] = []
    labels = {**(_shorts(plan) if plan is not None else {}), **dict(_labels())}
    for line in re.split(r"[\n;|]", text):
        m = _FIELD.match(line)
        if not m:
            continue
        qid = labels.get(_clean(m.group(1)))
        if qid is not None:
            out.append((qid, m.group(2).strip(" .,"), line.strip(" -*\u2022>")))
    return out


# a value's first word, before a dash, comma, bracket or "but" ("none for gran (birth mum ...)")
_LEAD = re.compile(r"\s[-\u2013\u2014]\s|[,(;:]|\sbut\s")


def headed(text: str, plan) -> set[str]:
    """The questions the account gives a heading line of their own, however its value reads."""
    return {qid for qid, _, _ in fields_in(text, plan)}


def _two_answers(qid: str, said: set[str]) -> bool:
    """A line with the words of two answers of a one-answer question, which do not go together
    (account.answers_agree), says two things: as in the account's prose, it is asked (a not-sure
    word beside an answer, "autism (diagnosed), ADHD assessment pending", is no second answer)."""
    from bot.lang.account_signs import settings

    groups = as_list((settings().get("answers_agree") or {}).get(qid))
    return len(said) > 1 and not any(said <= {str(v) for v in as_list(g)} for g in groups)


def read_fields(text: str, plan, today: date | None = None) -> dict[str, tuple[str, str]]:
    """Question id -> (value, the line as typed) for the labelled lines read with confidence.
    A question labelled twice with different answers is left to be asked."""
    rules = _rules()
    empty = {_clean(str(w)) for w in as_list(rules.get("say_nothing"))}
    yes = {_clean(str(w)) for w in as_list(rules.get("yes_words"))}
    no = {_clean(str(w)) for w in as_list(rules.get("no_words"))}
    got: dict[str, tuple[str, str]] = {}
    clash: set[str] = set()
    for qid, value, line in fields_in(text, plan):
        q = plan.by_id.get(qid)
        v = _clean(value)
        if q is None or not v or v in empty:
            continue
        lead = (_clean(_LEAD.split(value, 1)[0]).split() or [""])[0]
        if q.kind == "text":
            if v in {_clean(str(w)) for w in as_list(rules.get("text_nothing"))}:
                continue
            answer = "given"
        else:
            options = {str(o.value) for o in (q.options or ())}
            if v in yes and "yes" in options:
                answer = "yes"
            elif v in no and "no" in options:
                answer = "no"
            else:
                r = read_answer(q, value, today)
                if r is None or r.status != "sure" or not r.value:
                    continue
                answer = r.value
                if q.kind != "multi" and _two_answers(qid, {h.key for h in r.hits if h.key in options} - {"unsure"}):
                    clash.add(qid)  # (S22-LC14) "Money: child benefit and UC ... "we manage"": asked
            if lead in no | {"none"} and answer not in ("no", "none"):
                clash.add(qid)  # ("none for gran (his birth mum used drugs ...)": says two things)
        if qid in got and got[qid][0] != answer:
            clash.add(qid)
        got.setdefault(qid, (answer, line))
    return {k: v for k, v in got.items() if k not in clash}
