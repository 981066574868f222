"""Routing of typed asks (issue 18 point 2, session 22, S22-RT6), by the deterministic layers after the
classifier: the command layer (bot.walks.commands.read, knowledge/language/commands.yml), at the top level
(rasa_ext/commands.py) and inside every walk (decide()), and the top-level readings
(bot.walks.command_top_level.read_top_level), at the top level only. Each class both ways, with invented
texts (none from a routing set); a reason given with a command counts only beside the command, and a
command is never taken from an answer typed inside a walk."""

from __future__ import annotations

import pytest

from bot.walks import commands
from bot.walks.command_top_level import read_top_level
from bot.walks.commands import Command, read


def name(text: str) -> str | None:
    cmd = read(text)
    return cmd.name if cmd else None


# a reason given with a command: why the question can't be answered, why someone has to step away
@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("skip this one, not a clue", "skip"),
        ("dunno, next question", "skip"),
        ("pass on this one - it doesn't apply to a foster carer", "skip"),
        ("skip it, not relevant for a nursery", "skip"),
        ("next q, we don't see the grandparents", "skip"),
        ("pause, the toddler needs feeding", "pause"),
        ("hang on a sec, someone at the door", "pause"),
        ("pause this please, my manager is calling", "pause"),
        ("can we pause, I've got a meeting at 2", "pause"),
    ],
)
def test_a_command_with_its_reason(text, command):
    assert name(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "no clue",
        "it doesn't apply to this family",
        "the baby needs changing a lot, mum says",
        "someone at the door shouting",
        "we don't see dad much",
        "skip, dad hit her last week",  # a reason is no account of the case
        "pause, mum drinks every night",
        "not relevant",
    ],
)
def test_a_reason_alone_or_a_command_beside_an_account_is_no_command(text):
    assert read(text) is None


# the plain words for stopping and going back; a slip in a report asked with its reference
@pytest.mark.parametrize(
    ("text", "command", "ref"),
    [
        ("finish", "stop", None),
        ("ok, stop it there", "stop", None),
        ("end this check here", "stop", None),
        ("previous question again", "back", None),
        ("last q again please", "back", None),
        ("jump past this question", "skip", None),
        ("hello again, show my saved cases", "my_cases", None),
        ("chronolgy for PQT-51", "chronology", "PQT-51"),
        ("timeline PQT-51", "chronology", "PQT-51"),
        ("what has been recorded over time for PQT-51", "chronology", "PQT-51"),
    ],
)
def test_stop_back_and_reports(text, command, ref):
    assert read(text) == Command(command, ref)


@pytest.mark.parametrize(
    "text",
    [
        "finish the referral form by friday",
        "last question was hard",
        "hi again, mum was drunk at the door",
        "the chronology shows drift over time",
        "what has been recorded over time in neglect cases",
        "timeline",
    ],
)
def test_those_words_in_other_messages_are_no_command(text):
    assert read(text) is None


# top-level readings: greetings with where they come from, farewells with a reason, thanks for a time,
# the assistant questioned about a person, a supervisor asking which staff have open work
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ay up", "greet"),
        ("morning, early help hub here", "greet"),
        ("hiya from the school nursing team", "greet"),
        ("hello all", "greet"),
        ("cheerio", "goodbye"),
        ("heading off now, bye", "goodbye"),
        ("bye for now, my next visit's due", "goodbye"),
        ("thanks a bunch for today", "thank"),
        ("thank you for your time", "thank"),
        ("are you a person from the council", "bot_challenge"),
        ("so you're not a real practitioner?", "bot_challenge"),
        ("which of our staff have open cases", "supervisor_overview"),
        ("what checks have my workers run", "supervisor_overview"),
    ],
)
def test_top_level_readings(text, intent):
    assert read_top_level(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "morning, dad was shouting at the kids",
        "hello from the MASH, can you help with a referral",
        "mum is here",
        "taxi's here",
        "going to the house now",
        "bye, dad left the baby alone",
        "thanks for nothing, the school never rang",
        "are you a person who works nights",
        "which of my staff is best at neglect",
    ],
)
def test_top_level_readings_never_take_other_words(text):
    assert read_top_level(text) is None


def test_the_component_reads_them_but_never_over_danger(command_tail):
    tail = command_tail
    m = tail("skip this one, not a clue", [("unsure", 0.6), ("skip", 0.3)])
    assert m.get("intent") == {"name": "skip", "confidence": 1.0}
    m = tail("ay up", [("faq", 0.5), ("greet", 0.2)])
    assert m.get("intent") == {"name": "greet", "confidence": 1.0}
    m = tail("pause, the toddler needs feeding", [("immediate_danger", 0.7), ("pause", 0.2)])
    assert m.get("intent")["name"] == "immediate_danger" and m.get("command_rule") is None


# inside a walk: a typed answer stays an answer
@pytest.mark.parametrize(
    "answer",
    [
        "no idea",
        "it doesn't apply to them, they live with nan",
        "the baby needs changing more often than mum manages",
        "someone at the door most nights, dad says",
        "finish times at school vary",
        "last question about dad: he works nights",
        "hi again, mum",
        "ay up",
        "cheerio",
        "thanks for your time, the HV said",
        "which of my staff have open cases",
        "the night duty team here were called twice",
    ],
)
@pytest.mark.parametrize("free_text", [True, False])
def test_an_answer_inside_a_walk_is_never_taken_as_a_command(answer, free_text):
    decision = commands.decide(answer, None, 0.0, free_text, lambda: None)
    assert decision.command is None and decision.ask is None


def test_the_new_forms_are_commands_inside_a_walk_too():
    assert commands.decide("skip this one, not a clue", None, 0.0, True, lambda: None).command == Command("skip")
    decision = commands.decide("pause, the toddler needs feeding", None, 0.0, True, lambda: None)
    assert decision.command == Command("pause")
    assert commands.decide("finish", None, 0.0, True, lambda: None).command == Command("stop")
    # at a question with options, a skip whose reason also chooses an option is asked about, never guessed
    decision = commands.decide("skip it, dunno", None, 0.0, False, lambda: "Don't know")
    assert decision.command is None and decision.ask is not None
