"""How the parents respond, from an account's own cues (issue 19, bot/lang/account_response.py):
a parent turning on the practitioner is hostile (over avoiding), a parent's own act of change is
changing where nothing else was read. Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_response import read_response

TODAY = date(2026, 12, 5)


def test_a_parent_shouting_at_the_practitioner_is_hostile(plan):
    said = (
        "HV. Baby Ori is 10 months and has dropped two centiles. The flat stinks of mould. They cancel most "
        "of my visits and when I do get in dad shouts at me to get out."
    )
    assert read_account(said, plan, TODAY).answers().get("q_engagement") == "hostile"


def test_a_child_shouted_at_is_no_response_to_help():
    assert read_response(["Mum's partner says he gets shouted at all the time"], None) is None


def test_a_parents_own_act_of_change_is_changing(plan):
    said = (
        "Dental nurse. 18 month old with tooth decay on her front teeth, she goes to bed with a bottle of juice. "
        "Mum was upset and has already swapped to water and booked the follow up."
    )
    assert read_account(said, plan, TODAY).answers().get("q_engagement") == "changing"


def test_change_does_not_stand_for_another_reading_or_a_negation():
    assert read_response(["Mum booked the dentist"], "no_change") is None
    assert read_response(["Mum still hasn't booked the dentist"], None) is None
