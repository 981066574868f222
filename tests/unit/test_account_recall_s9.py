"""More right pre-fills, each right by construction (issue 19, bot/lang/account*.py, session 9
S9-LA8): an agreement told and then said not done (disguised compliance, no change), the child's
words told "on her own" (seen alone). Each rule has its control: the same words said otherwise
read nothing or as before. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


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


def test_the_childs_words_told_on_her_own_are_seen_alone(plan):
    base = "Teacher. Girl, 6. She is hungry most days. "
    assert answers(plan, base + "She told me on her own in the car 'nobody cares'.").get("q_seen_alone") == "yes"
    assert answers(plan, base + "She told me in the car 'nobody cares'.").get("q_seen_alone") != "yes"
