"""Readings left for answers.yml by S10-LA10 and S10-LK8 (issue 19, S10-LK9): an antidepressant by
name is a parent's mental ill health; a partner's grabbing or pushing, and taking her phone so she
cannot ring anyone, is domestic abuse; an appointment that "was cancelled" says nobody's doing, a
child not in nursery is no parent avoiding, and "never in" is avoidance only in a typed answer at
the question; a parent's own mother who "was an alcoholic" is her childhood, not a factor now.
Texts invented for these tests, none from an eval set."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.answers import read_answer

TODAY = date(2026, 12, 6)


def status_value(plan, qid, text):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return None if r is None else (r.status, r.value)


def account(plan, text):
    return read_account(text, plan, TODAY).answers()


# -- mental ill health ---------------------------------------------------------------------------
def test_an_antidepressant_by_name_is_mental_ill_health(plan):
    assert status_value(plan, "q_parental_factors", "dad came off his citalopram in the spring") == (
        "sure",
        "mental_ill_health",
    )


def test_stopped_sertraline_in_an_account(plan):
    got = account(
        plan,
        "Health visitor. Baby Zed Testcase is 5 months. Mum is flat and tired and says she stopped her sertraline.",
    )
    assert got.get("q_parental_factors") == "mental_ill_health"


# -- domestic abuse ------------------------------------------------------------------------------
def test_a_partner_grabbing_her_is_domestic_abuse(plan):
    assert status_value(plan, "q_parental_factors", "her husband grabbed her by the arm last week") == (
        "sure",
        "domestic_abuse",
    )


def test_taking_her_phone_so_she_cannot_ring_anyone_is_domestic_abuse(plan):
    assert status_value(plan, "q_parental_factors", "he hides her phone so she can't call her sister") == (
        "sure",
        "domestic_abuse",
    )


def test_a_partner_pushing_her_is_domestic_abuse(plan):
    assert status_value(plan, "q_parental_factors", "her partner shoved her into the wall on saturday") == (
        "sure",
        "domestic_abuse",
    )


def test_control_a_brother_pushing_her_is_not_stored_as_domestic_abuse(plan):
    assert status_value(plan, "q_parental_factors", "her brother pushed her into a door") != ("sure", "domestic_abuse")


def test_control_a_sibling_pushing_the_child_is_no_domestic_abuse(plan):
    text = (
        "Childminder. Pip Madeup is 3. "
        "Her big brother pushed her into a door at the weekend and she has a bruise on her cheek."
    )
    assert "domestic_abuse" not in str(account(plan, text).get("q_parental_factors"))


# -- avoiding ------------------------------------------------------------------------------------
def test_a_passive_cancelled_appointment_is_not_stored_as_avoiding(plan):
    assert status_value(plan, "q_engagement", "the dentist appointment was cancelled") != ("sure", "avoiding")


def test_control_an_active_cancellation_is_avoiding(plan):
    assert status_value(plan, "q_engagement", "she cancels every home visit the day before") == ("sure", "avoiding")


def test_control_cancelled_by_mum_is_still_read(plan):
    r = read_answer(plan.by_id["q_engagement"], "the last two visits were cancelled by mum", TODAY)
    assert r is not None and r.value == "avoiding"


def test_never_in_typed_at_the_question_is_avoiding(plan):
    assert status_value(plan, "q_engagement", "door never answered, they're never in") == ("sure", "avoiding")


def test_never_in_in_an_account_is_not_avoiding(plan):
    text = (
        "School nurse. Kit Notreal is 15 and comes to clinic alone; "
        "he says his parents are never in because they work late. "
        "He is doing well at school."
    )
    assert account(plan, text).get("q_engagement") != "avoiding"


def test_a_child_not_in_nursery_is_no_parent_avoiding(plan):
    text = (
        "Outreach worker. Dad looks after Bo Placeholder, 2, on his own. "
        "She's not in nursery yet and he has applied for a place. He's very warm with her."
    )
    assert account(plan, text).get("q_engagement") != "avoiding"


# -- whose: the parent's own mother --------------------------------------------------------------
def test_her_mum_was_an_alcoholic_is_her_childhood(plan):
    assert status_value(plan, "q_parental_factors", "she grew up with a lot, her mum was an alcoholic") == (
        "sure",
        "own_childhood",
    )


def test_control_her_mum_is_an_alcoholic_now_is_substance_misuse(plan):
    r = read_answer(plan.by_id["q_parental_factors"], "his mum is an alcoholic", TODAY)
    assert r is not None and "substance_misuse" in r.value
