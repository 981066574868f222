"""The end-of-check summary: plain text ready to paste into a case record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.knowledge.loader import KnowledgeBase
from bot.reasoning.threshold import Assessment, Move
from bot.walks.check_plan import Plan
from bot.walks.replies import DISCLAIMER


def _moves(moves: tuple[Move, ...], label) -> list[str]:
    return [f"- if {m.question} were '{m.answer}': {label(m.level)}" for m in moves]


def check_summary(
    ref: str,
    when: dt.datetime,
    answers: Mapping[str, str],
    texts: Mapping[str, str],
    assessment: Assessment,
    kb: KnowledgeBase,
    plan: Plan,
) -> str:
    p = kb.profile

    def label(level) -> str:
        return p.level_labels.get(level.id, level.name)

    level = assessment.level
    lead = p.term("safeguarding_lead", "safeguarding lead")
    lines = [
        f"Neglect check for case {ref}, {when:%d %b %Y %H:%M} (practitioner's own reference; no names stored)",
        DISCLAIMER,
        "",
        "What you reported:",
    ]
    for q in plan.questions:
        if q.id in answers and q.id not in ("q_case_ref",):
            value = plan.label(q, answers[q.id])
            extra = texts.get(q.id)
            shown = f"{value} ({extra})" if extra and extra not in (value, "given") and q.kind != "text" else value
            if q.kind == "text":
                shown = extra or value
            lines.append(f"- {q.short}: {shown}")
    lines += [
        "",
        f"What the guidance suggests: your answers point towards {label(level)} "
        f"({level.name}). This is for you to discuss with your {lead}; it is not a decision.",
        "Why (each reason with the answers that met it):",
    ]
    raising = [fd for fd in assessment.findings if fd.raises and fd.criterion.level == assessment.level_id]
    notes = [fd for fd in assessment.findings if not fd.raises]
    for fd in raising:
        lines.append(f"- {fd.criterion.text} Your answers: {fd.because}. [{kb.cite_item(fd.criterion)}]")
    if not raising:
        lines.append("- No criterion of any level was met by your answers.")
    consent = p.term(f"consent_{level.id}", level.consent)
    if consent:
        lines.append(f"Consent: {consent}")
    if notes:
        lines.append("Also relevant:")
        for fd in notes:
            lines.append(f"- {fd.criterion.text} Your answers: {fd.because}. [{kb.cite_item(fd.criterion)}]")

    lines += ["", "What would move it:"]
    if assessment.moves_up:
        lines.append("Up, if one answer were different:")
        lines += _moves(assessment.moves_up, label)
    elif assessment.up_needs:
        lines.append("Up: " + "; or ".join(assessment.up_needs) + ".")
    if assessment.moves_down:
        lines.append("Down, if one answer were different:")
        lines += _moves(assessment.moves_down, label)
    elif level.rank > 0:
        lines.append("Down: no single answer would change it; it rests on several of your answers together.")
    if assessment.unsure:
        things = len(assessment.unsure_about) or assessment.unsure
        lines += [
            "",
            f"You were not sure about {things} {'thing' if things == 1 else 'things'}"
            + (f": {', '.join(assessment.unsure_about)}." if assessment.unsure_about else ".")
            + " 'Not sure' never raises the level by itself.",
        ]
        if assessment.could_change:
            lines.append("What would change the picture:")
            lines += _moves(assessment.could_change, label)
        lines.append(
            f"Try to find out, from the child, the family and other agencies, and talk it through with "
            f"your {lead}; the picture may change as you learn more."
        )
    lines += ["", "Suggested next steps:"]
    for n, step in enumerate(assessment.next_steps, 1):
        contact = f" Contact: {p.contacts[step.contact].describe()}." if step.contact else ""
        licensed = " (licensed tool: for trained staff)" if step.licensed else ""
        lines.append(f"{n}. {step.name}{licensed}: {step.when}{contact} [{kb.cite_item(step)}]")
    if assessment.prompts:
        lines += ["", "Questions to reflect on:"]
        for pr in assessment.prompts:
            lines.append(f"- Because {pr.because}: {pr.question} ({pr.pitfall.name}) [{kb.cite_item(pr.pitfall)}]")
    return "\n".join(lines)
