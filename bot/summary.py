"""The end-of-check summary: plain text ready to paste into a case record."""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from bot.check_plan import Plan
from bot.knowledge import KnowledgeBase
from bot.replies import DISCLAIMER
from bot.threshold import Assessment


def check_summary(ref: str, when: dt.datetime, answers: Mapping[str, str], texts: Mapping[str, str],
                  assessment: Assessment, kb: KnowledgeBase, plan: Plan) -> str:
    p = kb.profile
    label = p.level_labels.get(assessment.level_id, assessment.level.name)
    lead = p.term("safeguarding_lead", "safeguarding lead")
    lines = [f"Neglect check for case {ref}, {when:%d %b %Y %H:%M} (practitioner's own reference; no names stored)",
             DISCLAIMER, "", "What you reported:"]
    for q in plan.questions:
        if q.id in answers and q.id not in ("q_case_ref",):
            value = plan.label(q, answers[q.id])
            extra = texts.get(q.id)
            shown = f"{value} ({extra})" if extra and extra not in (value, "given") and q.kind != "text" else value
            if q.kind == "text":
                shown = extra or value
            lines.append(f"- {q.short}: {shown}")
    lines += ["", f"What the guidance suggests: your answers point towards {label} "
                  f"({assessment.level.name}). This is for you to discuss with your {lead}; it is not a decision.",
              "Why:"]
    raising = [fd for fd in assessment.findings if fd.raises and fd.criterion.level == assessment.level_id]
    notes = [fd for fd in assessment.findings if not fd.raises or fd.criterion.level != assessment.level_id]
    for fd in raising:
        lines.append(f"- {fd.criterion.text} Because {fd.because}. [{kb.cite_item(fd.criterion)}]")
    if not raising:
        lines.append("- No criterion above universal services was met by your answers.")
    if notes:
        lines.append("Also relevant:")
        for fd in notes:
            lines.append(f"- {fd.criterion.text} Because {fd.because}. [{kb.cite_item(fd.criterion)}]")
    if assessment.unsure:
        lines.append(f"You answered 'not sure' {assessment.unsure} time(s): the picture may change as you find out more.")
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
