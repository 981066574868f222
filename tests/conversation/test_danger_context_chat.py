"""Danger read in context (issue 18), through the running servers over REST: a sample of the
labelled dev set (tests/data/eval/danger_dev.yml, written apart from the rules) in the context
each item was written for: as the first message of a conversation, after a greeting, and as an
answer in the middle of a check. Danger gets the 999 answer first, and mid-check the same
question is asked again; an ordinary message or a near-miss does not get it.

The whole sets are scored in-process by scripts/eval_danger.py and gated by
tests/unit/test_danger_context.py; this file proves the running assistant does what those
figures say, on a sample small enough to run in about two minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

EMERGENCY = "If a child is in immediate danger, call 999 now."  # bot/walks/safety.py
DEV = Path(__file__).resolve().parents[1] / "data" / "eval" / "danger_dev.yml"
PER_GROUP = 6  # items of each label in each context
FREE_TEXT = "What does the child say"  # the check's free-text question: any text is an answer there


def _sample(label: str, context: str, n: int = PER_GROUP) -> list[str]:
    items = [
        i
        for i in yaml.safe_load(DEV.read_text(encoding="utf-8"))["items"]
        if i["label"] == label and i["context"] == context
    ]
    if not items:
        return []
    step = max(1, len(items) // n)
    return [i["text"] for i in items[::step][:n]]


def _emergency_first(chat) -> bool:
    return bool(chat.last) and (chat.last[0].get("text") or "").startswith(EMERGENCY)


def question_line(chat) -> str:
    """The current question of the check, '(n of about m) ...', from the last replies."""
    for m in reversed(chat.last):
        t = m.get("text") or ""
        if re.match(r"\(\d+ of about \d+\)", t):
            return t
    return ""


def start_check(chat, ref: str) -> None:
    chat.say("/start_check")
    chat.click("No")  # no immediate danger at the start
    chat.say(ref)
    assert "How old is the child" in chat.text, chat.text


def skip_to(chat, marker: str, limit: int = 40) -> None:
    for _ in range(limit):
        if marker in chat.text:
            return
        chat.say("/skip")
    raise AssertionError(f"never reached '{marker}'; last: {chat.text}")


def test_the_dev_set_has_every_context():
    for context in ("opening", "after_greeting", "answer"):
        assert _sample("danger", context), context


@pytest.mark.parametrize("context", ["opening", "after_greeting"])
def test_danger_gets_999_first_in_a_new_conversation_and_after_a_greeting(new_chat, context):
    missed = []
    for text in _sample("danger", context):
        chat = new_chat()
        if context == "after_greeting":
            chat.say("hello")
            assert not _emergency_first(chat)
        chat.say(text)
        if not _emergency_first(chat):
            missed.append(text)
    assert not missed, missed


@pytest.mark.parametrize("context", ["opening", "after_greeting"])
def test_ordinary_messages_and_near_misses_do_not_get_999(new_chat, context):
    alarms = []
    for label in ("ordinary", "near_miss"):
        for text in _sample(label, context):
            chat = new_chat()
            if context == "after_greeting":
                chat.say("hello")
            chat.say(text)
            if _emergency_first(chat):
                alarms.append(text)
    assert not alarms, alarms


def test_danger_typed_as_an_answer_mid_check_gets_999_first_then_the_same_question(chat):
    start_check(chat, "DCX-118")
    chat.say("3")
    skip_to(chat, FREE_TEXT)
    for text in _sample("danger", "answer"):
        asked = question_line(chat)
        chat.say(text)
        assert _emergency_first(chat), (text, chat.text)
        assert question_line(chat) == asked, (text, chat.text)


def test_ordinary_answers_mid_check_are_taken_as_answers(new_chat):
    for n, text in enumerate(_sample("ordinary", "answer", 3) + _sample("near_miss", "answer", 2)):
        chat = new_chat()
        start_check(chat, f"DCX-2{n:02d}")
        chat.say("6")
        skip_to(chat, FREE_TEXT)
        if "And: " + FREE_TEXT in question_line(chat):
            # asked with "seen alone?" (a paired prompt, issue 19): an answer that fits neither is
            # rightly not guessed into "seen alone", so the first half is answered first and the
            # free-text question, where any words are an answer, is asked on its own
            chat.say("no")
        asked = question_line(chat)
        assert FREE_TEXT in asked and "And: " not in asked, chat.text
        chat.say(text)
        assert not _emergency_first(chat), (text, chat.text)
        assert question_line(chat) != asked, (text, chat.text)  # taken as the answer: the check moved on
