"""Pre-fills left to be asked when their words are about another time, another person or a plan
agreed without what came of it (issue 19, bot/lang/account_doubt.py, session 9 S9-LA9). Each rule
has its control: the same sign said of now, of the parents, or with what came of it still reads.
Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import Item, read_account
from bot.lang.account_doubt import (
    agreement_only,
    another_person,
    another_time,
    only_in_labels,
    own_care,
    sentences,
    why_doubted,
    without_doubted,
)

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_another_time_and_its_controls():
    assert another_time("Early help opened 14 months ago when he was out of school.")
    assert another_time("She used to come in hungry.")
    assert another_time("left a violent relationship over a year ago")
    # going on since then: now
    assert not another_time("Attendance has dropped since his sister was born five months ago.")
    assert not another_time("He comes in hungry most days.")
    # a few weeks is now
    assert not another_time("They moved in three weeks ago and the flat is bare.")


def test_another_person_and_agreement_only():
    assert another_person("The landlord won't repair the broken boiler.")
    assert own_care("She is seeing her GP about her nerves.")
    assert not another_person("She is seeing her GP about her nerves.")
    assert not another_person("Mum won't let me in.")
    assert agreement_only("Dad has agreed to everything on the plan.")
    assert not agreement_only("Dad agrees to everything but nothing changes.")
    assert not agreement_only("She agreed to the referral and has already been twice.")


def test_why_doubted_needs_every_sentence_of_the_words():
    sents = sentences("Original worry: he was dirty 10 months ago when he was in year 2. Now he is dirty again.")
    one = Item("q_seen__physical_neglect", "yes", "he was dirty 10 months ago when he was in year 2")
    both = Item(
        "q_seen__physical_neglect", "yes", "he was dirty 10 months ago when he was in year 2; Now he is dirty again"
    )
    assert why_doubted(one, sents) == "another_time"
    assert why_doubted(both, sents) is None
    # a "no" (said not to be a worry) is never doubted, nor a question the rule does not name
    assert why_doubted(Item("q_seen__physical_neglect", "no", "he was clean 10 months ago"), sents) is None
    assert why_doubted(Item("q_previous", "yes", "he was dirty 10 months ago when he was in year 2"), sents) is None
    assert without_doubted([one, both], "he was dirty 10 months ago when he was in year 2. Now he is dirty again.") == [
        both
    ]


def test_a_past_episode_is_asked_and_a_present_one_read(plan):
    past = (
        "Closing note. Boy aged 9, Year 5. Why we got involved: early help opened 10 months ago when he was "
        "missing school a lot. Now attendance is 96% and dad has a routine."
    )
    assert answers(plan, past).get("q_seen__educational_neglect") != "yes"
    now = "Boy aged 9, Year 5. He is missing school a lot, attendance 71% this term, and dad has no routine."
    assert answers(plan, now).get("q_seen__educational_neglect") == "yes"


def test_the_landlords_doing_is_asked_and_the_parents_read(plan):
    landlord = (
        "Referral note: a 2 year old boy, clean, well fed and dressed, up to date with checks. They rent "
        "privately; the flat has damp and mould and the landlord won't fix the windows."
    )
    assert answers(plan, landlord).get("q_seen__physical_neglect") != "yes"
    parents = (
        "Referral note: a 2 year old boy, often in the same dirty clothes. The flat has damp and mould "
        "and dog mess on the floor and the parents haven't cleaned it for weeks."
    )
    assert answers(plan, parents).get("q_seen__physical_neglect") == "yes"


def test_agreed_to_everything_alone_is_asked(plan):
    alone = (
        "Health visitor. Baby girl, 4 months, weight dropping from the 50th to the 9th centile, feeds missed. "
        "Mum sees me every fortnight and has agreed to everything."
    )
    assert "q_engagement" not in answers(plan, alone)
    undone = (
        "Health visitor. Baby girl, 4 months, weight dropping from the 50th to the 9th centile, feeds missed. "
        "Mum agrees to everything at every visit but nothing changes."
    )
    assert answers(plan, undone).get("q_engagement") == "no_change"


def test_words_only_in_a_heading_answer_nothing():
    text = "Response to professionals: dad swore and hung up.\nHome: tidy."
    assert only_in_labels("professionals", text)
    assert not only_in_labels("professionals", "Home: both parents are professionals and own the house.")
    sents = sentences(text)
    assert why_doubted(Item("q_material", "well_off", "professionals"), sents, text) == "heading"
    # a form's own field (seen alone) and how often are not read by this rule
    assert why_doubted(Item("q_seen_alone", "yes", "seen alone"), sents, "Seen alone: yes") is None


def test_the_parents_own_care_is_a_parental_factor_but_no_sign_in_the_child():
    sents = sentences("Mum is seeing her GP about feeling low.")
    assert own_care(sents[0])
    assert why_doubted(Item("q_seen__emotional_neglect", "yes", "feeling low"), sents) == "own_care"
    assert why_doubted(Item("q_parental_factors", "mental_ill_health", "feeling low"), sents) is None
