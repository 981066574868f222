"""Readable labels for what a user may have meant, and the main menu's choices."""

from __future__ import annotations

from bot.knowledge.texts import say
from bot.walks.replies import Button, Reply

# The intents a user may have meant, each with the payload that asks for it again; what each
# means to a user is its label in knowledge/language/replies/menu.yml (`intents`).
INTENT_PAYLOADS = {
    name: f"/{name}"
    for name in (
        "start_check",
        "resume",
        "start_supervision",
        "start_training",
        "ask_question",
        "immediate_danger",
        "help",
        "menu",
        "my_cases",
        "my_progress",
    )
}
MENU = ("start_check", "start_supervision", "start_training", "ask_question")


def intent_button(name: str) -> Button:
    """The button that asks for this intent, titled with what it means to a user."""
    return Button(say(f"menu.intents.{name}"), INTENT_PAYLOADS[name])


def clarify(ranking: list[dict], most: int = 3) -> Reply:
    options = []
    for r in ranking:
        name = r.get("name")
        if name in INTENT_PAYLOADS and name not in options:
            options.append(name)
        if len(options) == most:
            break
    for name in MENU:
        if len(options) >= most:
            break
        if name not in options:
            options.append(name)
    buttons = tuple(intent_button(n) for n in options) + (Button(say("menu.something_else"), "/menu"),)
    return Reply(say("menu.clarify"), buttons)


def not_in_flow() -> Reply:
    return Reply(say("menu.not_in_flow"), tuple(intent_button(n) for n in MENU))


def ask_question_reply() -> Reply:
    return Reply(say("menu.ask_question"))


def fallback_reply() -> Reply:
    return Reply(say("menu.fallback"), (intent_button("menu"), intent_button("start_check")))
