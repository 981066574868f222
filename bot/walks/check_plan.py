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
from functools import cached_property
from typing import Any

from bot.knowledge import files
from bot.knowledge.age_band import AgeBand
from bot.knowledge.loader import AGE_BANDS, KnowledgeBase, KnowledgeError, NeglectType
from bot.knowledge.schema_walks import QUESTION_KINDS as KINDS  # noqa: F401  (imported from here)
from bot.knowledge.schema_walks import CheckFile, OptionSpec, QuestionSpec
from bot.knowledge.texts import say

FILE = "check.yml"
SKIPPED = "skipped"
AGE_QUESTION = "q_age"  # the question whose answer is the child's age band


def age_said(months: int) -> str:
    """An age as a practitioner says it: months under two ("20 months"), years from two ("9 years",
    "2 years 6 months"), not "108 months" for a child of 9."""
    if months < 24:
        return f"{months} month" if months == 1 else f"{months} months"
    years, rest = divmod(months, 12)
    return f"{years} years" + (f" {rest} month{'s' if rest != 1 else ''}" if rest else "")


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
        return self.text.format(type=t.name.lower(), examples="; ".join(examples) or say("check_answers.no_examples"))


@dataclass(frozen=True)
class Parsed:
    ok: bool
    value: str = ""
    detail: str = ""  # what is stored as text (e.g. months for an age), or the problem


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return " " + " ".join(re.findall(r"[a-z0-9']+|-", text)) + " "


def _option(o: OptionSpec) -> Option:
    return Option(o.value, o.label, tuple(o.words), o.exclusive)


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
        raw = kb.extra.get(FILE)
        if raw is None:
            raise KnowledgeError([f"{FILE}: missing: the guided check reads its questions from it"])
        spec = files.check_or_raise(CheckFile, raw, FILE)
        self.kb = kb
        problems: list[str] = []
        yes_no = tuple(_option(o) for o in spec.answer_sets.yes_no)
        ages = tuple(Option(b.key, b.label[:1].upper() + b.label[1:]) for b in AgeBand.all())
        self.questions: list[Question] = []
        per_type: list[tuple[QuestionSpec, dict]] = []  # consecutive for_each questions, asked type by type
        for n, q in enumerate(spec.questions):
            if q.for_each != "neglect_type" and per_type:
                self._expand_per_type(per_type, kb)
                per_type = []
            if q.why.item and q.why.item not in kb.items:
                problems.append(f"{FILE}: questions[{n}] '{q.id}': field 'why.item': no item has id '{q.why.item}'")
            options = {"yes_no": yes_no, "age": ages}.get(q.kind) or tuple(_option(o) for o in q.options)
            base = dict(
                kind=q.kind,
                text=q.text,
                options=options,
                when=q.when.dict(exclude_none=True),
                why_text=q.why.text,
                why_item=q.why.item,
                why_basis=q.why.basis,
                examples=q.examples,
                short=q.short or q.id,
            )
            if q.for_each == "neglect_type":
                per_type.append((q, base))
            else:
                self.questions.append(Question(id=q.id, **base))
        if per_type:
            self._expand_per_type(per_type, kb)
        self.by_id = {q.id: q for q in self.questions}
        for where, cond in self._all_conditions(spec):
            problems.extend(
                f"{where}: answer_in names unknown question '{qid}'"
                for qid in cond.answer_in or {}
                if qid not in self.by_id
            )
        self.next_step_plan: dict[str, list[str]] = {lv: list(steps) for lv, steps in spec.next_step_plan.items()}
        self.conditional_steps: list[dict] = [c.dict(exclude_none=True) for c in spec.conditional_steps]
        self.reflective_prompts: list[dict] = [p.dict(exclude_none=True) for p in spec.reflective_prompts]
        for lv, steps in self.next_step_plan.items():
            problems.extend(
                f"{FILE}: next_step_plan.{lv}: no next step has id '{s}'" for s in steps if s not in kb.items
            )
        problems.extend(
            f"{FILE}: conditional_steps: no next step has id '{c.step}'"
            for c in spec.conditional_steps
            if c.step not in kb.items
        )
        problems.extend(
            f"{FILE}: reflective_prompts '{p.id}': no pitfall has id '{p.pitfall}'"
            for p in spec.reflective_prompts
            if p.pitfall not in kb.items
        )
        if problems:
            raise KnowledgeError(problems)

    def _expand_per_type(self, templates: list[tuple[QuestionSpec, dict]], kb: KnowledgeBase) -> None:
        """Seen, pattern and impact of one type of neglect, then the next type."""
        for t in kb.neglect_types:
            for q, base in templates:
                fields = dict(base, short=f"{t.name} ({base['short']})")
                self.questions.append(Question(id=f"{q.id}__{t.id}", neglect_type=t, **fields))

    @staticmethod
    def _all_conditions(spec: CheckFile):
        for q in spec.questions:
            yield f"{FILE}: questions '{q.id}'.when", q.when
        for c in spec.conditional_steps:
            yield f"{FILE}: conditional_steps '{c.step}'.when", c.when
        for p in spec.reflective_prompts:
            yield f"{FILE}: reflective_prompts '{p.id}'.when", p.when

    # -- the walk ----------------------------------------------------------------------
    def holds(self, cond: Mapping[str, Any], answers: Mapping[str, str], question: Question | None = None) -> bool:
        band = answers.get(AGE_QUESTION)
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
            band = answers.get(AGE_QUESTION)
            if band == "unborn" and not question.neglect_type.indicators.get("unborn"):
                return False
        return self.holds(question.when, answers, question)

    def next_question(self, answers: Mapping[str, str]) -> Question | None:
        for q in self.questions:
            if q.id not in answers and self.applies(q, answers):
                return q
        return None

    def position(
        self, question: Question, answers: Mapping[str, str], prefilled: frozenset[str] = frozenset()
    ) -> tuple[int, int]:
        """(number of this question, questions that apply so far) for 'question 5 of about 20'.
        Questions an account pre-filled are not counted: the practitioner is not asked them, so
        after a case told in one message the count is of what is left to ask."""
        applicable = [
            q for q in self.questions if (self.applies(q, answers) or q.id in answers) and q.id not in prefilled
        ]
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
            options = " / ".join(f"'{o.label.lower()}'" for o in question.options)
            return Parsed(False, detail=say("check_answers.choose_one", options=options))
        if kind == "multi":
            hits = _match_words(text, question.options)
            if not hits:
                first, second = (o.label.lower() for o in question.options[:2])
                return Parsed(False, detail=say("check_answers.choose_some", first=first, second=second))
            chosen = [o for o in hits if not o.exclusive] or hits[:1]
            order = [o.value for o in question.options]
            return Parsed(True, ",".join(sorted({o.value for o in chosen}, key=order.index)))
        if kind == "age":
            button = _match_words(text, question.options) if len(text) < 12 else []
            age = language.parse_age(text)
            if age is not None:
                detail = (
                    age_said(age.months)
                    if age.months is not None
                    else (f"unborn, {age.unborn_weeks} weeks" if age.unborn_weeks else age.band)
                )
                return Parsed(True, age.band, detail)
            if button:
                return Parsed(True, button[0].value, button[0].label)
            return Parsed(False, detail=say("check_answers.no_age"))
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
                return Parsed(False, detail=say("check_answers.vague_duration"))
            if button:
                return Parsed(True, button[0].value)
            return Parsed(False, detail=say("check_answers.no_duration"))
        if kind == "scale":
            m = re.search(r"\b(10|[0-9])(?:\s*(?:/|out of)\s*10)?\b", text)
            if m and not re.search(r"\d{2,}", text.replace("10", "")):
                return Parsed(True, m.group(1))
            return Parsed(False, detail=say("check_answers.no_scale"))
        # free text
        if not any(ch.isalnum() for ch in text):
            return Parsed(False, detail=say("check_answers.no_words"))
        return Parsed(True, "given", text)

    @cached_property
    def topic_words(self) -> dict[str, frozenset[str]]:
        """Question id -> the words of its short name (five letters or more) that name what it
        asks about: those at most three questions' names share ("danger" of "Immediate danger
        now", "medical" of "Medical neglect (seen)", not "neglect")."""
        shorts = {q.id: set(re.findall(r"[a-z]{5,}", q.short.lower())) for q in self.questions}
        count: dict[str, int] = {}
        for words in shorts.values():
            for w in words:
                count[w] = count.get(w, 0) + 1
        return {qid: frozenset(w for w in words if count[w] <= 3) for qid, words in shorts.items()}

    def label(self, question: Question, value: str) -> str:
        """A stored value as the practitioner would read it."""
        if value == SKIPPED:
            return say("check_answers.skipped")
        if question.kind == "age":
            try:
                return AgeBand.from_key(value).label
            except ValueError:
                return value
        labels = {o.value: o.label for o in question.options}
        return ", ".join(labels.get(v, v) for v in value.split(","))


def check_case_ref(text: str) -> Parsed:
    """A reference the practitioner chooses: short, with a number, and nothing that identifies
    a child. The grammar is bot.records.caseref's; this adds the check for personal details."""
    from bot.lang import api as language
    from bot.records import caseref

    scrubbed = language.scrub(text)
    if scrubbed.removed:
        return Parsed(False, detail=say("check_answers.ref_has_details", details=", ".join(scrubbed.removed)))
    parsed = caseref.parse(text)
    if parsed.ok and parsed.value != text.strip():
        # the reference is stored and echoed as parsed (upper case, joined): that form is checked too,
        # so that what is accepted once is accepted again when it is typed back ("A.a.0" -> "A.A.0",
        # which reads as initials)
        echoed = language.scrub(parsed.value)
        if echoed.removed:
            return Parsed(False, detail=say("check_answers.ref_has_details", details=", ".join(echoed.removed)))
    if parsed.problem == "date":
        return Parsed(False, detail=say("check_answers.ref_is_date"))
    if parsed.problem == "time":
        return Parsed(False, detail=say("check_answers.ref_is_time"))
    if not parsed.ok:
        return Parsed(False, detail=say("check_answers.ref_malformed"))
    return Parsed(True, parsed.value)


def find_reference(text: str) -> str | None:
    """The case reference in a message such as 'resume ABC-12' or 'carry on with case 4471'
    (bot.records.caseref.find)."""
    from bot.records import caseref

    return caseref.find(text)
