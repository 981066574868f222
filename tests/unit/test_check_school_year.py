"""A school year is an age ("Year 8 girl"), never a length of time ("a year 8 months ago"); and a
reply that the check keeps for another question is never also told that nothing of it was saved
(session 19, the lead, from S19-UX1's probe). Invented texts; a temporary database and clock."""

from __future__ import annotations

import pytest

from bot.walks.check import CheckService, Incoming
from bot.walks.check_account import _age_said
from tests.unit.test_check_noted_for_later import stored


@pytest.mark.parametrize(
    "text, said",
    [
        ("Year 8 girl, 13", True),
        ("yr 10 lad, not in school much", True),
        ("she's in reception", True),
        ("y7 boy", True),
        ("about a year, getting worse", False),
        ("a year 8 months ago it started", False),
        ("over a year, worse in the last 6 months", False),
        ("13", False),
    ],
)
def test_a_school_year_is_said_as_an_age(text, said):
    assert _age_said(text) is said


def test_a_reply_kept_for_the_age_is_not_also_said_to_be_lost(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "sy-1")
    svc.handle(check_id, Incoming("no"))
    step = svc.handle(check_id, Incoming("Year 8 girl, not eating at school and losing weight"))
    text = "\n".join(r.text for r in step.replies)
    assert stored(svc, check_id)["q_age"][0] == "adolescent"
    assert "nothing from it is saved" not in text and "noted your answer to the other question" in text
    assert "case reference" in svc.prompt(check_id)[-1].text  # the question asked is asked again
