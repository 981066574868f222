"""Readable labels for what a user may have meant, and the main menu's choices."""

from __future__ import annotations

from bot.walks.replies import Button, Reply

# What each intent means to a user, and the payload that asks for it again.
INTENT_LABELS = {
    "start_check": ("Check my concerns about a child", "/start_check"),
    "resume": ("Carry on with a paused check", "/resume"),
    "start_supervision": ("Reflective supervision", "/start_supervision"),
    "start_training": ("Practise with a training scenario", "/start_training"),
    "ask_question": ("Ask a question about neglect practice", "/ask_question"),
    "immediate_danger": ("A child is in immediate danger now", "/immediate_danger"),
    "help": ("What can you do?", "/help"),
    "menu": ("Main menu", "/menu"),
    "my_cases": ("My cases", "/my_cases"),
    "my_progress": ("My training progress", "/my_progress"),
}
MENU = ("start_check", "start_supervision", "start_training", "ask_question")


def clarify(ranking: list[dict], most: int = 3) -> Reply:
    options = []
    for r in ranking:
        name = r.get("name")
        if name in INTENT_LABELS and name not in options:
            options.append(name)
        if len(options) == most:
            break
    for name in MENU:
        if len(options) >= most:
            break
        if name not in options:
            options.append(name)
    buttons = tuple(Button(*INTENT_LABELS[n]) for n in options) + (Button("Something else", "/menu"),)
    return Reply("Sorry, I'm not sure what you meant. Did you mean one of these?", buttons)


def not_in_flow() -> Reply:
    return Reply(
        "There's no check or session running just now, so there's nothing to skip, pause or go back to. "
        "What would you like to do?",
        tuple(Button(*INTENT_LABELS[n]) for n in MENU),
    )


def ask_question_reply() -> Reply:
    return Reply(
        "What would you like to know about neglect practice? Ask in your own words, for example "
        "'what is disguised compliance?' or 'what is a chronology?'."
    )


def fallback_reply() -> Reply:
    return Reply(
        "Sorry, I didn't understand that. Could you put it another way, or choose from the menu?",
        (Button("Main menu", "/menu"), Button(*INTENT_LABELS["start_check"])),
    )
