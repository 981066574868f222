"""The guided check's question plan, read from knowledge/check.yml.

`Plan.next_question(answers)` gives the first question that applies and has no answer yet:
the position in a check is derived from the stored answers, never kept separately.
`Plan.parse(question, text)` turns a button payload or free text into a stored value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.knowledge.loader import AGE_BANDS, KnowledgeBase, KnowledgeError, NeglectType

KINDS = ("yes_no", "choice", "multi", "age", "case_ref", "duration", "scale", "text")
SKIPPED = "skipped"
BAND_LABELS = {
    "unborn": "unborn",
    "baby": "under 1",
    "toddler": "1 to 4",
    "primary": "5 to 11",
    "adolescent": "12 to 17",
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    words: tuple[str, ...] = ()
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    options: tuple[Option, ...]
    when: Mapping[str, Any]
    why_text: str
    why_item: str | None
    why_basis: str | None
    short: str = ""  # how the summary names the question
    neglect_type: NeglectType | None = None
    examples: int = 0

    def render(self, band: str | None, disabled: bool) -> str:
        if self.neglect_type is None:
            return self.text
        t = self.neglect_type
        examples: list[str] = []
        if self.examples:
            examples = list(t.indicators.get(band if band in AGE_BANDS else "primary", ()))[: self.examples]
            if disabled and t.indicators.get("disabled"):
                examples.append(t.indicators["disabled"][0])
        return self.text.format(type=t.name.lower(), examples="; ".join(examples) or "no examples for this age")


@dataclass(frozen=True)
class Parsed:
    ok: bool
    value: str = ""
    detail: str = ""  # what is stored as text (e.g. months for an age), or the problem


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return " " + " ".join(re.findall(r"[a-z0-9']+|-", text)) + " "


def _match_words(text: str, options: tuple[Option, ...]) -> list[Option]:
    """Options whose label, value or a synonym occurs in the text, longest match first."""
    norm = _norm(text)
    hits: list[tuple[int, int, Option]] = []
    for n, opt in enumerate(options):
        best = 0
        for w in (opt.label, opt.value.replace("_", " "), *opt.words):
            w_norm = _norm(w).strip()
            if w_norm and f" {w_norm} " in norm:
                best = max(best, len(w_norm))
        if best:
            hits.append((best, n, opt))
    hits.sort(key=lambda h: (-h[0], h[1]))
    return [h[2] for h in hits]


class Plan:
    def __init__(self, kb: KnowledgeBase):
        raw = kb.extra.get("check.yml")
        if not isinstance(raw, dict):
            raise KnowledgeError(["check.yml: missing or not a mapping"])
        self.kb = kb
        problems: list[str] = []
        yes_no = tuple(self._options(raw.get("answer_sets", {}).get("yes_no") or [], "answer_sets.yes_no", problems))
        self.questions: list[Question] = []
        per_type: list[tuple[dict, dict]] = []  # consecutive for_each questions, asked type by type
        for n, q in enumerate(raw.get("questions") or []):
            if q.get("for_each") != "neglect_type" and per_type:
                self._expand_per_type(per_type, kb)
                per_type = []
            where = f"check.yml: questions[{n}] '{q.get('id')}'"
            if q.get("kind") not in KINDS:
                problems.append(f"{where}: field 'kind' must be one of {', '.join(KINDS)}")
                continue
            why = q.get("why") or {}
            if not why.get("text") or not (why.get("item") or why.get("basis")):
                problems.append(f"{where}: field 'why' needs text and an item (or a basis)")
            if why.get("item") and why["item"] not in kb.items:
                problems.append(f"{where}: field 'why.item': no item has id '{why['item']}'")
            opts = yes_no if q["kind"] == "yes_no" else tuple(self._options(q.get("options") or [], where, problems))
            if q["kind"] in ("choice", "multi") and not opts:
                problems.append(f"{where}: a {q['kind']} question needs options")
            base = dict(
                kind=q["kind"],
                text=str(q.get("text") or ""),
                options=opts,
                when=q.get("when") or {},
                why_text=str(why.get("text") or ""),
                why_item=why.get("item"),
                why_basis=why.get("basis"),
                examples=int(q.get("examples") or 0),
                short=str(q.get("short") or q.get("id")),
            )
            if q.get("for_each") == "neglect_type":
                per_type.append((q, base))
            else:
                self.questions.append(Question(id=str(q["id"]), **base))
        if per_type:
            self._expand_per_type(per_type, kb)
        self.by_id = {q.id: q for q in self.questions}
        for where, cond in self._all_conditions(raw):
            problems.extend(f"{where}: {p}" for p in self._check_condition(cond))
        self.next_step_plan: dict[str, list[str]] = raw.get("next_step_plan") or {}
        self.conditional_steps: list[dict] = raw.get("conditional_steps") or []
        self.reflective_prompts: list[dict] = raw.get("reflective_prompts") or []
        for lv, steps in self.next_step_plan.items():
            problems.extend(
                f"check.yml: next_step_plan.{lv}: no next step has id '{s}'" for s in steps if s not in kb.items
            )
        problems.extend(
            f"check.yml: conditional_steps: no next step has id '{c.get('step')}'"
            for c in self.conditional_steps
            if c.get("step") not in kb.items
        )
        problems.extend(
            f"check.yml: reflective_prompts '{p.get('id')}': no pitfall has id '{p.get('pitfall')}'"
            for p in self.reflective_prompts
            if p.get("pitfall") not in kb.items
        )
        if problems:
            raise KnowledgeError(problems)

    def _expand_per_type(self, templates: list[tuple[dict, dict]], kb: KnowledgeBase) -> None:
        """Seen, pattern and impact of one type of neglect, then the next type."""
        for t in kb.neglect_types:
            for q, base in templates:
                fields = dict(base, short=f"{t.name} ({base['short']})")
                self.questions.append(Question(id=f"{q['id']}__{t.id}", neglect_type=t, **fields))

    @staticmethod
    def _options(raw: list, where: str, problems: list[str]) -> list[Option]:
        out = []
        for o in raw:
            if not isinstance(o, dict) or not o.get("value") or not o.get("label"):
                problems.append(f"{where}: every option needs a value and a label")
                continue
            out.append(
                Option(
                    str(o["value"]),
                    str(o["label"]),
                    tuple(str(w) for w in o.get("words") or ()),
                    bool(o.get("exclusive", False)),
                )
            )
        return out

    def _all_conditions(self, raw: dict):
        for q in raw.get("questions") or []:
            if q.get("when"):
                yield f"check.yml: questions '{q.get('id')}'.when", q["when"]
        for key in ("conditional_steps", "reflective_prompts"):
            for item in raw.get(key) or []:
                yield f"check.yml: {key} '{item.get('id') or item.get('step')}'.when", item.get("when") or {}

    def _check_condition(self, cond: Mapping[str, Any]) -> list[str]:
        out = []
        for key, val in cond.items():
            if key in ("band_in", "band_not_in"):
                out.extend(f"unknown age band '{b}'" for b in val if b not in AGE_BANDS)
            elif key == "answer_in":
                out.extend(f"answer_in names unknown question '{qid}'" for qid in val if qid not in self.by_id)
            elif key not in ("type_seen", "unsure_at_least"):
                out.append(f"unknown condition '{key}'")
        return out

    # -- the walk ----------------------------------------------------------------------
    def holds(self, cond: Mapping[str, Any], answers: Mapping[str, str], question: Question | None = None) -> bool:
        band = answers.get("q_age")
        for key, val in cond.items():
            if key == "band_in" and band not in val:
                return False
            if key == "band_not_in" and band in val:
                return False
            if key == "answer_in":
                for qid, allowed in val.items():
                    given = set((answers.get(qid) or "").split(","))
                    if not given & {str(a) for a in allowed}:
                        return False
            if key == "type_seen" and question is not None and question.neglect_type is not None:
                seen = answers.get(f"q_seen__{question.neglect_type.id}")
                if (seen in ("yes", "unsure")) != bool(val):
                    return False
            if key == "unsure_at_least" and sum(1 for v in answers.values() if v == "unsure") < int(val):
                return False
        return True

    def applies(self, question: Question, answers: Mapping[str, str]) -> bool:
        if question.neglect_type is not None and question.examples:
            band = answers.get("q_age")
            if band == "unborn" and not question.neglect_type.indicators.get("unborn"):
                return False
        return self.holds(question.when, answers, question)

    def next_question(self, answers: Mapping[str, str]) -> Question | None:
        for q in self.questions:
            if q.id not in answers and self.applies(q, answers):
                return q
        return None

    def position(self, question: Question, answers: Mapping[str, str]) -> tuple[int, int]:
        """(number of this question, questions that apply so far) for 'question 5 of about 20'."""
        applicable = [q for q in self.questions if self.applies(q, answers) or q.id in answers]
        idx = next((i for i, q in enumerate(applicable) if q.id == question.id), len(applicable) - 1)
        return idx + 1, len(applicable)

    # -- answers ---------------------------------------------------------------------
    def parse(self, question: Question, text: str, today: date | None = None) -> Parsed:
        from bot.lang import api as language  # spaCy rules, loaded on first use

        text = text.strip()
        kind = question.kind
        if kind in ("yes_no", "choice"):
            hits = _match_words(text, question.options)
            if hits:
                return Parsed(True, hits[0].value)
            if kind == "choice" and text.isdigit() and 1 <= int(text) <= len(question.options):
                return Parsed(True, question.options[int(text) - 1].value)
            return Parsed(
                False,
                detail="Please choose one of the buttons, or type "
                + " / ".join(f"'{o.label.lower()}'" for o in question.options)
                + ".",
            )
        if kind == "multi":
            hits = _match_words(text, question.options)
            if not hits:
                return Parsed(
                    False,
                    detail="Please choose a button, or type the ones that apply, for example '"
                    + question.options[0].label.lower()
                    + " and "
                    + question.options[1].label.lower()
                    + "'.",
                )
            chosen = [o for o in hits if not o.exclusive] or hits[:1]
            order = [o.value for o in question.options]
            return Parsed(True, ",".join(sorted({o.value for o in chosen}, key=order.index)))
        if kind == "age":
            button = _match_words(text, question.options) if len(text) < 12 else []
            age = language.parse_age(text)
            if age is not None:
                detail = (
                    f"{age.months} months"
                    if age.months is not None
                    else (f"unborn, {age.unborn_weeks} weeks" if age.unborn_weeks else age.band)
                )
                return Parsed(True, age.band, detail)
            if button:
                return Parsed(True, button[0].value, button[0].label)
            return Parsed(
                False,
                detail="I couldn't read an age there. Try something like '7 months', '14', "
                "'2 and a half' or 'unborn, 30 weeks' (children up to 17).",
            )
        if kind == "case_ref":
            return check_case_ref(text)
        if kind == "duration":
            button = _match_words(text, question.options)
            if button and len(text) <= len(button[0].label) + 2:
                return Parsed(True, button[0].value)
            d = language.parse_duration(text, today or date.today())
            if d is not None and d.months is not None:
                value = "under_3m" if d.months < 3 else ("3_to_12m" if d.months <= 12 else "over_12m")
                return Parsed(True, value, f"about {d.months:.0f} months" if d.months >= 1 else "under a month")
            if d is not None and d.vague:
                return Parsed(
                    False,
                    detail="Roughly how long is that? A month or a date helps, for example "
                    "'since September' or 'about 8 months'.",
                )
            if button:
                return Parsed(True, button[0].value)
            return Parsed(
                False, detail="Please choose a button, or type something like 'since September' or " "'about 8 months'."
            )
        if kind == "scale":
            m = re.search(r"\b(10|[0-9])(?:\s*(?:/|out of)\s*10)?\b", text)
            if m and not re.search(r"\d{2,}", text.replace("10", "")):
                return Parsed(True, m.group(1))
            return Parsed(False, detail="Please give a whole number from 0 to 10.")
        # free text
        if not any(ch.isalnum() for ch in text):
            return Parsed(False, detail="Please type a few words, or 'nothing yet'.")
        return Parsed(True, "given", text)

    def label(self, question: Question, value: str) -> str:
        """A stored value as the practitioner would read it."""
        if value == SKIPPED:
            return "skipped"
        if question.kind == "age":
            return BAND_LABELS.get(value, value)
        labels = {o.value: o.label for o in question.options}
        return ", ".join(labels.get(v, v) for v in value.split(","))


def check_case_ref(text: str) -> Parsed:
    """A reference the practitioner chooses: short, with a number, and nothing that identifies
    a child. The grammar is bot.records.caseref's; this adds the check for personal details."""
    from bot.lang import api as language
    from bot.records import caseref

    scrubbed = language.scrub(text)
    if scrubbed.removed:
        return Parsed(
            False,
            detail="That looks like it contains "
            + ", ".join(scrubbed.removed)
            + ". Please use your own reference instead, such as ABC-12, so that no child can be "
            "identified from what is stored here.",
        )
    parsed = caseref.parse(text)
    if parsed.problem == "date":
        return Parsed(
            False,
            detail="That looks like a date, which could be a date of birth. Please use your own "
            "reference instead, such as ABC-12.",
        )
    if not parsed.ok:
        return Parsed(
            False,
            detail="Please use a short reference with at least one number and no spaces, such as "
            "ABC-12 or FAM-0042. Don't use the child's name, date of birth or address: the "
            "reference is all this assistant keeps.",
        )
    return Parsed(True, parsed.value)


def find_reference(text: str) -> str | None:
    """The case reference in a message such as 'resume ABC-12' or 'carry on with case 4471'
    (bot.records.caseref.find)."""
    from bot.records import caseref

    return caseref.find(text)
