"""Routing of short typed asks (issue 18 point 2, session 21, S21-RT5), by the deterministic layers
after the classifier: the command layer (bot.walks.commands.read, words in knowledge/language/commands.yml),
which runs at the top level (rasa_ext/commands.py) and inside every walk (decide()), and the top-level
readings (bot.walks.command_top_level.read_top_level, commands.yml `top_level`), which run at the top level only.
Each class both ways, with invented texts (none from a routing set); a command is never taken from an
answer typed inside a walk, and a top-level reading never inside one."""

from __future__ import annotations

import pytest

from bot.walks import commands
from bot.walks.command_top_level import read_top_level
from bot.walks.commands import Command, read


def name(text: str) -> str | None:
    cmd = read(text)
    return cmd.name if cmd else None


# texting abbreviations of command words: prev, cont, nxt, a min, one sec; "how does that help ..."
@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("prev question", "back"),
        ("nxt q", "skip"),
        ("cont KDR-14", "resume"),
        ("hang on a mo", "pause"),
        ("one sec", "pause"),
        ("wait one minute", "pause"),
        ("how does that help the check?", "why"),
        ("how does it matter for the assessment", "why"),
    ],
)
def test_abbreviations_and_slips_of_command_words(text, command):
    assert name(text) == command


@pytest.mark.parametrize(
    "text",
    [
        "prev address was in Leeds",
        "cont. from last visit, mum tired",
        "a min of three visits a week",
        "one minute she was there and then gone",
        "good progress at school this term",
        "progress",
        "how does early help help families",
        "how does it help the child to be seen alone",
    ],
)
def test_those_abbreviations_never_take_other_words(text):
    assert read(text) is None


# a case's report asked for with its reference first or in short forms: only with the reference
@pytest.mark.parametrize(
    ("text", "command", "ref"),
    [
        ("KDR-14 overview", "summary", "KDR-14"),
        ("sum up hq-07", "summary", "HQ-07"),
        ("main points for LMB-33", "summary", "LMB-33"),
        ("pq-12 in a nutshell", "summary", "PQ-12"),
        ("overview WTS-90 please", "summary", "WTS-90"),
        ("can I have a quick recap of the check on GFE-31", "summary", "GFE-31"),
        ("the XY-21 timeline", "chronology", "XY-21"),
        ("wb-19 distance travelled", "distance_travelled", "WB-19"),
    ],
)
def test_a_cases_report_in_short_forms(text, command, ref):
    assert read(text) == Command(command, ref)


@pytest.mark.parametrize(
    "text",
    [
        "overview",
        "in brief",
        "key points",
        "sum up the guidance on neglect",
        "key points of the neglect strategy",
        "in brief, mum is struggling and the house is cold",
        "what is a chronology",
        "summary please",
    ],
)
def test_a_report_without_a_reference_is_no_command(text):
    assert read(text) is None


# top-level readings: courtesies, the assistant questioned, an ask to ask, a team view, a test
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cheers 4 this xx", "thank"),
        ("thanks so much for the steer", "thank"),
        ("much appreciated", "thank"),
        ("bye for now", "goodbye"),
        ("speak soon x", "goodbye"),
        ("logging off now", "goodbye"),
        ("goodbyee everyone", "goodbye"),
        ("am I chatting to a real person?", "bot_challenge"),
        ("is this automated", "bot_challenge"),
        ("is anybody actually reading this", "bot_challenge"),
        ("got a quick q", "ask_question"),
        ("could I ask you something", "ask_question"),
        ("qustion for u", "ask_question"),
        ("manager dashboard", "supervisor_overview"),
        ("all my team's checks", "supervisor_overview"),
        ("the nurses' cases", "supervisor_overview"),
        ("quiz me about the toxic trio", "start_training"),
        ("test my knowledge of neglect types", "start_training"),
        ("set me a few questions on neglect", "start_training"),
    ],
)
def test_top_level_readings(text, intent):
    assert read(text) is None
    assert read_top_level(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "thanks, mum was at the door when I arrived",
        "laters, thx",
        "bye the way the kids were hungry",
        "is this neglect",
        "is this a real concern for the baby",
        "is that a person I should refer to",
        "question about the TAF process",
        "can I ask about core groups",
        "test results came back for the baby",
        "all staff were worried about him",
        "team around the family",
        "good morning bot",
        "my cases",
    ],
)
def test_top_level_readings_never_take_other_words(text):
    assert read_top_level(text) is None


def test_the_component_sets_a_top_level_reading_but_never_over_danger(command_tail):
    tail = command_tail
    m = tail("ta 4 the help x", [("goodbye", 0.9), ("thank", 0.05)])
    assert m.get("intent") == {"name": "thank", "confidence": 1.0}
    assert m.get("command_rule") == "thank"
    m = tail("is this a chatbot", [("immediate_danger", 0.7), ("bot_challenge", 0.2)])
    assert m.get("intent")["name"] == "immediate_danger" and m.get("command_rule") is None


# inside a walk: a typed answer stays an answer, and a top-level reading is never a command there
@pytest.mark.parametrize(
    "answer",
    [
        "prev address was in Leeds",
        "the summary from the HV is that his weight is fine",
        "key points: dad drinks, mum low",
        "in brief, home conditions are poor",
        "one minute she was there and then gone",
        "she said thanks for coming",
        "bye bye",
        "thanks so much",
        "can I ask something",
        "test me on it",
        "all staff cases",
    ],
)
@pytest.mark.parametrize("free_text", [True, False])
def test_an_answer_inside_a_walk_is_never_taken_as_a_command(answer, free_text):
    decision = commands.decide(answer, None, 0.0, free_text, lambda: None)
    assert decision.command is None and decision.ask is None


def test_the_new_command_forms_are_commands_inside_a_walk_too():
    assert commands.decide("prev q", None, 0.0, True, lambda: None).command == Command("back")
    assert commands.decide("hang on a sec", None, 0.0, True, lambda: None).command == Command("pause")
    decision = commands.decide("KDR-14 overview", None, 0.0, True, lambda: None)
    assert decision.command == Command("summary", "KDR-14")
