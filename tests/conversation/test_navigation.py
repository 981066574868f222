"""Moving freely, through the running servers over REST (issue #24): references round-trip,
commands work at a question with buttons, 'my cases' and 'my progress' are understood in
held-out phrasings (tests/nlu/navigation_test.yml), and danger still comes first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.walks.check_plan import check_case_ref
from tests.conversation.conftest import Chat

HELD_OUT = Path(__file__).resolve().parents[1] / "nlu" / "navigation_test.yml"
# A second held-out set (session 4), written by a writer who had read no rule, training example
# or earlier set, with near-misses that must NOT open either view. Measured only.
EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
HELD_OUT_2 = EVAL / "navigation_heldout2.yml"
HELD_OUT_2_NEAR = EVAL / "navigation_heldout2_near.yml"
RESULTS = Path(__file__).resolve().parents[2] / "results" / "navigation_held_out.json"
SEEN = {
    "my_cases": ("Your cases", "You haven't saved any cases yet"),
    "my_progress": ("Your training progress", "You haven't finished a practice scenario yet"),
}


def start_check_with(chat: Chat, ref: str) -> None:
    chat.say("/start_check")
    chat.say("no")  # no child in immediate danger now
    chat.say(ref)
    assert "(3 of" in chat.text, chat.text  # the reference was taken: on to the third question


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    ref=st.sampled_from(["SECX-B2F7", "HV/123", "AB_7.C9", "FAM-2024-07", "K-9", "QX.4-R/7"]),
    spaced=st.booleans(),
    lower=st.booleans(),
)
def test_a_paused_reference_resumes_as_echoed(servers, ref, spaced, lower):
    chat = Chat(servers["url"])
    start_check_with(chat, ref)
    chat.say("pause")
    echoed = check_case_ref(ref).value
    assert f"resume {echoed}" in chat.text
    typed = echoed.replace("-", " - ").replace("/", " / ").replace(".", " . ") if spaced else echoed
    chat.say(f"resume {typed.lower() if lower else typed}")
    assert f"Welcome back to the check for {echoed}" in chat.text


def spaced_and_lowered(ref: str, n: int) -> str:
    """The echoed reference typed again: lower case on odd turns, spaces around the
    separators on every other pair of turns (a dot with a space before it)."""
    typed = ref.lower() if n % 2 else ref
    if n % 4 >= 2:
        for sep in "-/_.":
            typed = typed.replace(sep, f" {sep} ")
    return typed


RESUME_FORMS = ("resume {}", "resume ref {}", "carry on with {}", "open {}", "continue with {}")
REPORT_FORMS = ("summary for {}", "chronology of {}", "distance travelled for {}")


@pytest.mark.parametrize("typed", ["SECX-B2F7", "hv/123", "AB_7.C9", "fam 2024 07"])
def test_the_echoed_reference_round_trips_in_every_command_form(servers, typed):
    """One round trip through the running servers: the reference a paused check echoes is
    found again by every command form that names one (resume and its typed variants, the
    summary, the chronology, the distance travelled, supervision), typed in another case
    and spacing; a supervision session paused under it comes back with 'supervision for'."""
    chat = Chat(servers["url"])
    start_check_with(chat, typed)
    chat.say("pause")
    echoed = check_case_ref(typed).value
    assert f"resume {echoed}" in chat.text, chat.text
    n = 0
    for form in RESUME_FORMS:
        n += 1
        said = form.format(spaced_and_lowered(echoed, n))
        chat.say(said)
        assert f"Welcome back to the check for {echoed}" in chat.text, (said, chat.text)
        chat.say("pause")
        assert f"resume {echoed}" in chat.text, (said, chat.text)
    for form in REPORT_FORMS:
        n += 1
        said = form.format(spaced_and_lowered(echoed, n))
        chat.say(said)
        assert echoed in chat.text and "can't find" not in chat.text, (said, chat.text)
        assert "Which case do you mean" not in chat.text, (said, chat.text)
    for turn in ("start", "come back"):
        n += 1
        said = f"supervision for {spaced_and_lowered(echoed, n)}"
        chat.say(said)
        assert echoed in chat.text, (turn, said, chat.text)
        if turn == "come back":
            assert f"Welcome back to the supervision session for {echoed}" in chat.text, (said, chat.text)
        chat.say("pause")
        assert f"supervision for {echoed}" in chat.text, (turn, chat.text)


def test_commands_at_a_question_with_buttons(servers):
    chat = Chat(servers["url"])
    start_check_with(chat, "PRB-31")
    chat.say("pause")
    chat = Chat(servers["url"], chat.sender)
    start_check_with(chat, "NAV-77")
    assert chat.buttons  # the age question, with buttons
    chat.say("my cases")
    assert "PRB-31: a paused check" in chat.text and "Please choose one of the buttons" not in chat.text
    chat.say("resume PRB-31")
    assert "I've paused the check for NAV-77" in chat.text and "Welcome back to the check for PRB-31" in chat.text
    chat.say("my child is being hit right now and can't get away")
    assert "999" in chat.text
    chat.say("menu")
    assert "What would you like to do?" in chat.text and "resume PRB-31" in chat.text
    chat.say("my cases")
    assert "NAV-77: a paused check" in chat.text
    chat.click("Resume NAV-77")
    assert "Welcome back to the check for NAV-77" in chat.text


# the shared commands as typed (tests/unit/test_commands.py crosses them with every state inside a walk)
TYPED = {
    "menu": "menu",
    "pause": "pause",
    "resume": "resume prb - 9",
    "stop": "stop",
    "back": "go back",
    "skip": "skip",
    "why": "why?",
    "help": "help",
    "my_cases": "my cases",
    "my_progress": "my training progress",
    "start_again": "start again",
}
NOT_UNDERSTOOD = ("Sorry, I'm not sure what you meant", "Please choose one of the buttons")


def finish_check(chat: Chat) -> None:
    """Answers every question of the check started in `chat` (the first option where there are
    buttons, a few words or a number where there are none) until its summary."""
    for _ in range(80):
        if "Here is the summary" in chat.text:
            return
        options = [b for b in chat.buttons if not b["payload"].startswith("/")]
        if options:
            chat.say(options[0]["payload"])
            continue
        asked = chat.text
        chat.say("about 8 months")
        # not read: "Please ...", "Sorry ...", or (session 20) the 999 line a message read for no answer opens with
        not_read = ("Please", "Sorry", "If a child is in danger right now")
        if chat.text.startswith(not_read) or asked.splitlines()[-1] in chat.text.splitlines()[-1:]:
            chat.say("5")
    raise AssertionError(f"the check never reached its summary: {chat.text[-300:]}")


def at_top_level(chat: Chat, state: str) -> None:
    """A paused check PRB-9, then a second check TOP-1 left at `state`."""
    start_check_with(chat, "PRB-9")
    chat.say("pause")
    assert "resume PRB-9" in chat.text, chat.text
    start_check_with(chat, "TOP-1")
    if state == "summary":
        finish_check(chat)
    else:
        chat.say({"menu": "menu", "after_stop": "stop", "after_pause": "pause"}[state])
    assert chat.text and not any(m in chat.text for m in NOT_UNDERSTOOD), chat.text


@pytest.mark.parametrize("state", ["menu", "after_stop", "after_pause", "summary"])
def test_every_command_outside_a_walk(servers, state):
    """The states outside a walk (the menu, after stop, after pause, a finished check's
    summary) against every shared command, through the servers: each is understood and
    does what it says. Each command is typed in a new conversation that reached the state."""
    for command, words in TYPED.items():
        chat = Chat(servers["url"])
        at_top_level(chat, state)
        chat.say(words)
        shown = chat.text
        assert shown and not any(m in shown for m in NOT_UNDERSTOOD), (state, command, shown)
        if command in ("menu", "start_again"):
            assert "What would you like to do?" in shown, (state, command, shown)
        elif command == "resume":
            assert "Welcome back to the check for PRB-9" in shown, (state, command, shown)
        elif command == "my_cases":
            assert "PRB-9: a paused check" in shown and "TOP-1" in shown, (state, command, shown)
        elif command == "my_progress":
            assert any(m in shown for m in SEEN["my_progress"]), (state, command, shown)
        elif command == "help":
            assert "Here's how I can help" in shown, (state, command, shown)
        else:  # pause, stop, back, skip, why: nothing is running, and the menu is offered
            assert "There's no check or session running just now" in shown, (state, command, shown)
            assert "What would you like to do?" in shown, (state, command, shown)


def test_held_out_phrasings_of_my_cases_and_my_progress(servers):
    """Each held-out phrasing, typed as a new conversation's first message, gets the view it
    asks for. The figure is written to results/ and reported; it is not tuned to."""
    figures = {}
    for name, path in (("", HELD_OUT), ("set2 ", HELD_OUT_2)):
        for intent, phrases in _phrases(path):
            understood = sum(any(m in _first_reply(servers, t) for m in SEEN[intent]) for t in phrases)
            figures[name + intent] = {"understood": understood, "of": len(phrases)}
    near = [t for _, phrases in _phrases(HELD_OUT_2_NEAR) for t in phrases]
    views = [marker for markers in SEEN.values() for marker in markers]
    opened = sum(any(m in _first_reply(servers, t) for m in views) for t in near)
    RESULTS.parent.mkdir(exist_ok=True)
    # counts only: the missed phrasings are not written anywhere, so that reading results/
    # never spends the held-out set (they were written here until 5 Dec 2026)
    report = {"figures": figures, "set2 near-misses that opened a view": [opened, len(near)]}
    RESULTS.write_text(json.dumps(report, indent=2))
    print(json.dumps(figures), "set2 near-misses that opened a view:", opened, "of", len(near))
    # Issue 24 asks that these are understood; they are not all yet. Measured: my_cases 19 of
    # 27 and my_progress 18 of 25 on the model of the navigation work, my_cases 15 of 27 after
    # the routing examples of the same day (model-8a515d69af429e43); with the typed command forms
    # and rasa_ext.commands.CommandDetector (5 Dec 2026, model-6b4569682d4178c4) my_cases 23 of 27
    # and my_progress 19 of 25; with the fresh typed forms and examples of the same day
    # (model-5453da87cdd41ca3, the clean-clone run) my_cases 25 of 27 and my_progress 22 of 25. The
    # floor holds that line
    # (raise it as the understanding improves). The messages are never written or printed, so
    # that a failing run does not spend the held-out set.
    # Set 2 (model-9b958b6098f018f5, parsed in-process, 5 Dec 2026 session 4): my_cases 32 of 35,
    # my_progress 35 of 35, near-misses read as my_cases or my_progress 1 of 30.
    for intent, f in figures.items():
        assert f["of"] >= 25
        assert f["understood"] / f["of"] >= (0.88 if intent.startswith("set2") else 0.85), (intent, f)
    n_near = len(near)  # counts only in the message: pytest would print the list's texts
    assert n_near >= 30 and opened <= 2, (opened, n_near)


def _phrases(path: Path):
    for block in yaml.safe_load(path.read_text())["nlu"]:
        lines = [ln.strip() for ln in block["examples"].splitlines()]
        yield block["intent"], [ln[2:].strip() for ln in lines if ln.startswith("- ")]


def _first_reply(servers, text: str) -> str:
    chat = Chat(servers["url"])
    chat.say(text)
    return chat.text
