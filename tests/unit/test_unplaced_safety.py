"""A typed message the check reads for no answer opens with "call 999" (session 20, the lead): the
danger rules read every message first, but an emergency told in words they do not know ("he's in
the canal", "dog's still on her arm", typed at a question) is read for no answer by the check and
must still meet the 999 line first. A message read as an answer gets no such line. Invented texts;
a temporary database and clock."""

from __future__ import annotations

import pytest

from bot.knowledge.texts import say
from bot.walks.check import CheckService, Incoming

SAFETY = say("check.unplaced_safety")


def _at_age(db_url, clock, ref: str) -> tuple[CheckService, int]:
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", ref)
    svc.handle(check_id, Incoming("no"))  # no child in immediate danger
    svc.handle(check_id, Incoming(ref))  # the case reference
    assert "old" in svc.prompt(check_id)[-1].text.lower()  # the age question is asked now
    return svc, check_id


@pytest.mark.parametrize(
    "text", ["he's in the canal", "dog's still on her arm", "kid's under the lorry", "all 30 of them, 10 mins ago"]
)
def test_a_message_read_for_no_answer_opens_with_999(db_url, clock, text):
    svc, check_id = _at_age(db_url, clock, "UNP-1")
    step = svc.handle(check_id, Incoming(text))
    assert step.replies and step.replies[0].text.startswith(SAFETY), step.replies[0].text
    assert "999" in SAFETY


@pytest.mark.parametrize("text", ["7", "she's 7", "about 8 months"])
def test_an_answer_read_gets_no_999_line(db_url, clock, text):
    svc, check_id = _at_age(db_url, clock, "UNP-2")
    step = svc.handle(check_id, Incoming(text))
    assert all(SAFETY not in r.text for r in step.replies)


def test_a_long_message_read_for_no_answer_says_nothing_is_saved_after_the_999_line(db_url, clock):
    svc, check_id = _at_age(db_url, clock, "UNP-3")
    step = svc.handle(
        check_id, Incoming("typing this from the car park outside the office before my next meeting starts")
    )
    first = step.replies[0].text
    assert first.startswith(SAFETY) and "nothing from it is saved" in first
