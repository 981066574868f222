"""More right pre-fills, each right by construction (issue 19, bot/lang/account*.py, session 9
S9-LA8): needs said fine in a list ("food, clothes, school are all fine"), "nothing has changed" at
the engagement question, "on each of my four visits" as persistent. Each rule has its control: the
same words said otherwise read nothing or as before. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_fine import fine_lists
from bot.lang.nlp import get_nlp

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def fine(text: str) -> set[str]:
    return {k[1:] for k in fine_lists(get_nlp()(text))}


def test_needs_said_fine_in_a_list_are_no_worry():
    assert fine("Food, clothes, school are all fine, she's doing well.") == {
        "nutritional_neglect",
        "physical_neglect",
        "educational_neglect",
    }
    assert fine("Uniform fine, he's at breakfast club.") == {"physical_neglect"}
    assert fine("Supervision: no worries, one of them is always with her.") == {"supervision_neglect"}
    assert fine("No other worries at all about school, health or how they are with him.") == {
        "educational_neglect",
        "medical_neglect",
    }


def test_a_list_said_otherwise_says_nothing():
    assert fine("Mum's health is fine.") == set()  # the parent's
    assert fine("Food fine but he's hungry most mornings.") == set()  # conceded
    assert fine("Food fine now.") == set()  # over now: it was a worry
    assert fine("His school is not fine.") == set()  # negated
    assert fine("I think school is fine.") == set()  # hedged
    assert fine("He is fine at school.") == set()  # no need named as the subject


def test_a_list_said_fine_answers_its_types_in_an_account(plan):
    said = (
        "Pastoral lead. Girl aged 14, cutting her arms since the autumn, parents cancel her appointments. "
        "Food, clothes, school are all fine."
    )
    got = answers(plan, said)
    assert got.get("q_seen__nutritional_neglect") == "no"
    assert got.get("q_seen__physical_neglect") == "no"
    assert got.get("q_seen__educational_neglect") == "no"
    # control: a type with a sign of its own stays a worry
    said = (
        "Pastoral lead. Girl aged 14, cutting her arms since the autumn, parents cancel her appointments. "
        "Food, school are all fine. She comes in hungry most days."
    )
    assert answers(plan, said).get("q_seen__nutritional_neglect") != "no"


def test_nothing_has_changed_is_no_change(plan):
    said = (
        "Health visitor. Baby of 7 months, weight dropping, flat dirty. At my last two visits mum agreed "
        "to book the GP, but nothing has changed."
    )
    assert answers(plan, said).get("q_engagement") == "no_change"
    said = "Health visitor. Baby of 7 months, weight dropping, flat dirty. Mum is working with the GP."
    assert answers(plan, said).get("q_engagement") != "no_change"


def test_each_of_my_visits_is_persistent_in_its_own_clause(plan):
    said = (
        "Housing officer. Boy aged 6 in temporary accommodation, the room is filthy, mattress on the floor, "
        "and it's been like that on each of my four visits."
    )
    assert answers(plan, said).get("q_pattern__physical_neglect") == "persistent"


def test_an_agreement_undone_is_disguised_compliance_and_no_change(plan):
    said = (
        "Health visitor, 2 year review for a boy of 3. Only about 10 words, front teeth decayed, never seen "
        "a dentist. Mum agreed to the nursery place and the dentist at the review six weeks ago but "
        "neither has happened."
    )
    got = answers(plan, said)
    assert got.get("q_dc_signs") == "yes"
    assert got.get("q_engagement") == "no_change"
    # controls: an agreement kept, and one never given, say neither
    kept = said.replace("but neither has happened", "and both have started")
    assert answers(plan, kept).get("q_dc_signs") != "yes"
    refused = said.replace("Mum agreed to", "Mum didn't agree to").replace(" but neither has happened", "")
    assert answers(plan, refused).get("q_dc_signs") != "yes"


def test_no_help_before_and_seen_alone_said_plainly(plan):
    base = "Teacher. Girl, 6. She is hungry most days. "
    assert answers(plan, base + "No services ever.").get("q_previous") == "none"
    assert answers(plan, base + "Nothing before this.").get("q_previous") == "none"
    assert answers(plan, base + "\n- first time any service has been involved").get("q_previous") == "none"
    # control: help before told beside it is not read as none
    assert answers(plan, base + "They had early help last year.").get("q_previous") != "none"
    assert answers(plan, base + "She told me on her own in the car 'nobody cares'.").get("q_seen_alone") == "yes"
    assert answers(plan, base + "She told me in the car 'nobody cares'.").get("q_seen_alone") != "yes"
