"""Routing of typed asks (issue 18 point 2, session 23, S23-RT7), by the deterministic layers after the
classifier: the command layer (bot.walks.commands.read, knowledge/language/commands.yml), the top-level
readings (bot.walks.command_top_level.read_top_level) and the question route for a practice question the
classifier read as a short answer (rasa_ext.question_route.short_answer_question, questions.yml
`short_answer_questions`). Each class both ways, with invented texts (none from a routing set)."""

from __future__ import annotations

import pytest

from bot.knowledge.loader import get_kb
from bot.walks import commands
from bot.walks.command_top_level import read_top_level
from bot.walks.commands import Command, read


def name(text: str) -> str | None:
    cmd = read(text)
    return cmd.name if cmd else None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        # help asked for a role, or how the thing works in the practitioner's own words
        ("what can a youth worker use this for", "help"),
        ("what could a school nurse use the bot for?", "help"),
        ("what can you do for a family support worker", "help"),
        ("so how does this thing actually work", "help"),
        # the menu as the list of what can be done
        ("show me the list of things I can pick", "menu"),
        ("give me the list of options I can choose from", "menu"),
        # ending the whole thing, with why
        ("stop the whole check now", "stop"),
        ("end the whole thing", "stop"),
        ("quit this, I opened it by mistake", "stop"),
        ("stop, I was just testing it out", "stop"),
        # a pause in everyday words, with why
        ("hold that thought", "pause"),
        ("hold that thought, dad at the front door", "pause"),
        ("give us five minutes, parents are arriving for the meeting", "pause"),
        # why the check asks about a thing
        ("why does the tool need the dad's job", "why"),
        ("why does it matter whether there's a garden", "why"),
        ("why ask if mum smokes", "why"),
        ("why do you need to know about the dog", "why"),
    ],
)
def test_the_new_command_forms(text, command):
    assert name(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "what can you do for a family that won't engage",
        "how does neglect actually work",
        "why do parents neglect children",
        "why does neglect matter",
        "stop, dad hit her last week",  # a reason is no account of the case
        "pause, mum drinks every night",
        "I opened it by mistake",  # a reason alone is no command
        "parents are arriving for the meeting",
        "the whole thing",
        "hold the baby",
    ],
)
def test_those_words_in_other_messages_are_no_command(text):
    assert read(text) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("right, I'm off", "goodbye"),
        ("well, that's me done for today", "goodbye"),
        ("I'm off now, my lift's waiting for me", "goodbye"),
        ("heading off, the bell's ringing for lunch", "goodbye"),
    ],
)
def test_top_level_farewells(text, intent):
    assert read(text) is None and read_top_level(text) == intent


@pytest.mark.parametrize(
    "text",
    ["right", "that's me", "the bell's ringing for lunch", "that's me done with the family, they moved", "well"],
)
def test_top_level_farewell_words_alone_or_in_other_messages_are_none(text):
    assert read_top_level(text) is None


# inside a walk: a typed answer stays an answer
@pytest.mark.parametrize(
    "answer",
    [
        "the whole thing is a mess at home",
        "dad at the front door most nights",
        "kids are arriving late for school",
        "hold the baby properly, the HV showed mum",
        "by mistake, mum says",
        "right, dad works nights",
    ],
)
@pytest.mark.parametrize("free_text", [True, False])
def test_an_answer_inside_a_walk_is_never_taken_as_a_command(answer, free_text):
    decision = commands.decide(answer, None, 0.0, free_text, lambda: None)
    assert decision.command is None and decision.ask is None


def test_the_new_forms_are_commands_inside_a_walk_too():
    assert commands.decide("hold that thought", None, 0.0, True, lambda: None).command == Command("pause")
    assert commands.decide("why ask if mum smokes", None, 0.0, True, lambda: None).command == Command("why")


@pytest.mark.parametrize(
    ("text", "intent", "routed"),
    [
        ("can a parent refuse early help?", "deny", True),
        ("does mum have to agree to a TAF meeting", "affirm", True),
        ("is a CIN plan voluntary for parents", "unsure", True),
        ("no, can we skip this one", "deny", False),  # opens with the answer
        ("not sure, is it neglect when dad works nights", "unsure", False),
        ("is that ok?", "affirm", False),  # too short, no practice word
        ("can a parent refuse early help?", "greet", False),  # not a short answer's intent
        ("can you book me a room for the meeting", "deny", False),  # no practice question
    ],
)
def test_a_practice_question_read_as_a_short_answer(text, intent, routed):
    from rasa_ext.question_route import short_answer_question

    assert short_answer_question(text, intent, get_kb()) is routed
