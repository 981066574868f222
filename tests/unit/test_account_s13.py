"""Account readings that did not carry to a new writer's set (issue 19, session 13 S13-LC1, found
with scripts/account_firstseen.py): 'no help offered yet' is not read from the case's history
('the first time anyone has raised it') nor from something that has not started; said plainly
('nothing has been offered yet') it still reads. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def engagement(plan, said: str) -> str | None:
    return read_account(said, plan, TODAY).answers().get("q_engagement")


def test_the_first_time_anyone_raised_it_is_no_help_not_yet_offered(plan):
    said = (
        "Nursery manager. Girl aged 3, comes in hungry most mornings and in the same clothes all week. "
        "First time anyone has raised it with the family. Mum took the food bank voucher and the "
        "breakfast club place the same day."
    )
    assert engagement(plan, said) != "no_help_yet"


def test_something_that_has_not_started_is_no_help_not_yet_offered(plan):
    said = (
        "School nurse. Boy aged 11, teeth badly decayed and missed two dentist appointments. "
        "Dad has agreed to the parenting course but it hasn't started yet, and he has rebooked the dentist."
    )
    assert engagement(plan, said) != "no_help_yet"


def test_help_said_not_offered_yet_still_reads(plan):
    said = (
        "Health visitor. Baby of 4 months, weight dropping from the 50th to the 9th centile, bottles made "
        "too weak. Nothing has been offered to the family yet, this is my first visit."
    )
    assert engagement(plan, said) == "no_help_yet"
