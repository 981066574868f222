"""The end-of-check summary: plain text ready to paste into a case record."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.texts import say
from bot.reasoning.threshold import Assessment, Move
from bot.walks.check_plan import Plan
from bot.walks.replies import disclaimer


def _moves(moves: tuple[Move, ...], label) -> list[str]:
    return [say("reports.summary.move", question=m.question, answer=m.answer, level=label(m.level)) for m in moves]


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower().replace("_", " ")))


def _repeats(extra: str, label: str, value: str) -> bool:
    """The words beside an answer only repeat it ('no' beside 'No', 'Yes.' beside 'Yes'), or say
    nothing ('given'): they are not shown beside it."""
    return _plain(extra) in {_plain(label), _plain(value), "given", ""}


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
        say("reports.summary.title", ref=ref, when=f"{when:%d %b %Y %H:%M}"),
        disclaimer(),
        "",
        say("reports.summary.reported"),
    ]
    for q in plan.questions:
        if q.id in answers and q.id not in ("q_case_ref",):
            value = plan.label(q, answers[q.id])
            extra = texts.get(q.id)
            beside = extra and not _repeats(extra, value, answers[q.id]) and q.kind != "text"
            shown = f"{value} ({extra})" if beside else value
            if q.kind == "text":
                shown = extra or value
            lines.append(say("reports.summary.reported_line", question=q.short, shown=shown))
    lines += [
        "",
        say("reports.summary.suggests", label=label(level), level=level.name, lead=lead),
        say("reports.summary.why"),
    ]
    raising = [fd for fd in assessment.findings if fd.raises and fd.criterion.level == assessment.level_id]
    notes = [fd for fd in assessment.findings if not fd.raises]

    def finding(fd) -> str:
        return say(
            "reports.summary.finding",
            criterion=fd.criterion.text,
            because=fd.because,
            source=kb.cite_item(fd.criterion),
        )

    for fd in raising:
        lines.append(finding(fd))
    if not raising:
        lines.append(say("reports.summary.no_criterion"))
    consent = p.term(f"consent_{level.id}", level.consent)
    if consent:
        lines.append(say("reports.summary.consent", consent=consent))
    if notes:
        lines.append(say("reports.summary.also_relevant"))
        for fd in notes:
            lines.append(finding(fd))

    lines += ["", say("reports.summary.would_move")]
    if assessment.moves_up:
        lines.append(say("reports.summary.up_moves"))
        lines += _moves(assessment.moves_up, label)
    elif assessment.up_needs:
        lines.append(
            say("reports.summary.up_needs", needs=say("reports.summary.up_needs_join").join(assessment.up_needs))
        )
    if assessment.moves_down:
        lines.append(say("reports.summary.down_moves"))
        lines += _moves(assessment.moves_down, label)
    elif level.rank > 0:
        lines.append(say("reports.summary.down_none"))
    if assessment.unsure:
        things = len(assessment.unsure_about) or assessment.unsure
        about = (
            say("reports.summary.unsure_about", things=", ".join(assessment.unsure_about))
            if assessment.unsure_about
            else say("reports.summary.unsure_end")
        )
        unsure = say("reports.summary.unsure_one" if things == 1 else "reports.summary.unsure_many", n=things)
        lines += ["", unsure + about + say("reports.summary.unsure_never_raises")]
        if assessment.could_change:
            lines.append(say("reports.summary.could_change"))
            lines += _moves(assessment.could_change, label)
        lines.append(say("reports.summary.find_out", lead=lead))
    lines += ["", say("reports.summary.next_steps")]
    for n, step in enumerate(assessment.next_steps, 1):
        contact = say("reports.summary.contact", contact=p.contacts[step.contact].describe()) if step.contact else ""
        licensed = say("reports.summary.licensed") if step.licensed else ""
        lines.append(
            say(
                "reports.summary.next_step",
                n=n,
                name=step.name,
                licensed=licensed,
                when=step.when,
                contact=contact,
                source=kb.cite_item(step),
            )
        )
    if assessment.prompts:
        lines += ["", say("reports.summary.reflect")]
        for pr in assessment.prompts:
            lines.append(
                say(
                    "reports.summary.prompt",
                    because=pr.because,
                    question=pr.question,
                    pitfall=pr.pitfall.name,
                    source=kb.cite_item(pr.pitfall),
                )
            )
    return "\n".join(lines)
