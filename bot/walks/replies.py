"""What the core says back: plain text with optional buttons, for any channel."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.texts import say


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    image: str | None = None

    def as_dict(self) -> dict:
        out: dict = {"text": self.text}
        if self.buttons:
            out["buttons"] = [{"title": b.title, "payload": b.payload} for b in self.buttons]
        if self.image:
            out["image"] = self.image
        return out


def disclaimer() -> str:
    """ "This is decision support, not a decision: ..." (knowledge/language/replies/common.yml)."""
    return say("common.disclaimer")


def first_use_statement(with_disclaimer: bool = True) -> str:
    """What the assistant is and is not, and what it keeps (docs/what_this_is.md in short),
    shown once when a conversation opens: on REST after the answer to its first message, in
    the web widget when a new session opens, in Teams after the welcome (or, when there was no
    welcome, placed among the replies to the first message as on REST: first_use_place).
    `with_disclaimer=False` when the replies
    just before it already said "decision support"."""
    from bot.settings import get_settings

    days = get_settings().retention_days
    period = say("common.first_use.days", days=days)
    if days >= 730:
        period += say("common.first_use.years", years=round(days / 365))
    return say(
        "common.first_use.statement",
        opening=say("common.first_use.opening"),
        disclaimer=disclaimer() + " " if with_disclaimer else "",
        period=period,
    )


def first_use_place(replies: list[str], walk_started: bool) -> int:
    """Where the first-use statement goes among the replies to a conversation's first message:
    after them, so that a 999 answer always comes first; but when that message started a walk,
    before the walk's own messages (after any 999 answer), so that the walk's first question is
    the last thing shown and is not followed by the statement (session 19)."""
    if not walk_started:
        return len(replies)
    lead = say("common.emergency", front="", edt="", source="").strip().splitlines()[0].strip()
    at = 0
    while at < len(replies) and replies[at].strip().startswith(lead):
        at += 1
    return at


def first_use_after(replies: list[str]) -> str:
    """The first-use statement shown after these replies: without the disclaimer when they
    already said "decision support" (the greeting does)."""
    return first_use_statement("decision support" not in " ".join(replies))
