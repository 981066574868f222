"""Routing of short messages and of asks wrapped in a greeting or thanks (issue 18 point 2, session 20,
S20-RT4), by the command layer (bot.walks.commands.read, words in knowledge/language/commands.yml), which
runs after the classifier at the top level (rasa_ext/commands.py) and inside every walk (decide()).
Each class both ways, with invented texts (none from a routing set); a command is never taken from an
answer typed inside a walk."""

from __future__ import annotations

import pytest

from bot.walks import commands
from bot.walks.commands import Command, read


def name(text: str) -> str | None:
    cmd = read(text)
    return cmd.name if cmd else None


# a greeting or thanks wrapped round a command is the command
@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("good afternoon! can I pause this", "pause"),
        ("evening - what can you do?", "help"),
        ("hiya, main menu please", "menu"),
        ("morning, my cases", "my_cases"),
        ("hi there - skip this one", "skip"),
        ("many thanks, stop the check", "stop"),
        ("quick question: how do I use this app?", "help"),
        ("good morning, resume KLM-42", "resume"),
    ],
)
def test_a_greeting_or_thanks_round_a_command_is_the_command(text, command):
    assert name(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "good morning",
        "morning!",
        "hiya",
        "thanks so much",
        "morning visit went ok, mum was calm",
        "good afternoon, I visited a family of four today",
        "evening meal is usually crisps",
        "quick question about core groups",
        "many thanks, what does a TAF involve?",
    ],
)
def test_a_greeting_or_thanks_alone_or_round_other_words_is_no_command(text):
    assert read(text) is None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("whole menu", "menu"),
        ("the complete list", "menu"),
        ("what's the list of options I can choose from", "menu"),
        ("give me 5 mins", "pause"),
        ("give us a sec", "pause"),
        ("give me a couple of minutes", "pause"),
        ("puase", "pause"),
        ("that's enough for today", "stop"),
        ("end there", "stop"),
        ("let's get past this one", "skip"),
        ("move beyond this question", "skip"),
        ("show me my training so far", "my_progress"),
        ("my practice to date", "my_progress"),
        ("quick overview of RTW-31", "summary"),
        ("brief summary for case hq-07", "summary"),
    ],
)
def test_short_forms_of_commands(text, command):
    assert name(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "the menu at home is mostly takeaways",
        "what's the list of agencies involved",
        "give me the number for the front door",
        "give me a minute by minute account",
        "mum said that's enough when he asked for food",
        "that's enough food for the week",
        "end there meaning the bus stop",
        "he can't get past the front door without help",
        "show me my training certificate options",
        "overview of neglect types",
        "brief summary of the Graded Care Profile",
    ],
)
def test_those_forms_never_take_other_words(text):
    assert read(text) is None


# inside a walk: a typed answer at a free-text question or a question with options stays an answer
@pytest.mark.parametrize(
    "answer",
    [
        "morning visits are chaotic, nobody up",
        "evening",
        "give me a call if anything changes, mum said",
        "that's enough said by dad when I asked about meals",
        "finish the home visit checklist",
        "moved past the school gates without a coat",
        "my training as a HV says otherwise",
    ],
)
def test_an_answer_inside_a_walk_is_never_taken_as_a_command(answer):
    decision = commands.decide(answer, None, 0.0, True, lambda: None)
    assert decision.command is None and decision.ask is None


def test_the_new_forms_are_commands_inside_a_walk_too():
    decision = commands.decide("morning! give me ten mins", None, 0.0, True, lambda: None)
    assert decision.command == Command("pause")
    decision = commands.decide("thanks - move past this question", None, 0.0, False, lambda: None)
    assert decision.command == Command("skip")
