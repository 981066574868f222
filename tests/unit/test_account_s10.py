"""Account readings of session 10 (issue 19, bot/lang/account*.py, S10-LA10): needs said met in
more everyday ways; a parent's state told through "she"; a topic talked through as advice; a
parent's disability said through a pronoun; "always there" said of no person; an age said in
months after "aged" or "who's", and a brother's or sister's age. Each rule has its control. Every
case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_needs_said_met_in_everyday_ways_are_no_worry(plan):
    said = (
        "Learning mentor. Boy aged 12, mum drinks most evenings and he says he cooks his own tea. "
        "He goes to school most days and never misses a day of football. Home is fine, he's clean."
    )
    got = answers(plan, said)
    assert got.get("q_seen__educational_neglect") == "no"
    said = (
        "Early help worker, toddler aged 2, dad on his own since the split, money tight. "
        "He never lets her out of his sight and there's food at home."
    )
    got = answers(plan, said)
    assert got.get("q_seen__supervision_neglect") == "no"
    assert got.get("q_seen__nutritional_neglect") == "no"


def test_a_parents_state_told_through_she_is_hers_not_the_childs(plan):
    said = (
        "HV, new birth visit to a 3 week old boy, feeding well and gaining, flat warm. "
        "Mum did the mood questions and said she's been tearful and lonely since the birth."
    )
    assert answers(plan, said).get("q_seen__emotional_neglect") != "yes"
    # control: the child's own state, said of the child
    said = (
        "Teacher, girl aged 9, often hungry at school, wears the same clothes all week. "
        "She's withdrawn and tearful in class and sits on her own at lunch."
    )
    assert answers(plan, said).get("q_seen__emotional_neglect") == "yes"


def test_a_topic_talked_through_as_advice_is_no_sign(plan):
    said = (
        "HV, 4 week old girl Testbaby, feeding well and clean, parents lovely with her, "
        "and we went through safe sleep and I left a leaflet on smoking."
    )
    assert answers(plan, said).get("q_seen__supervision_neglect") != "yes"


def test_a_parents_disability_said_through_a_pronoun_is_no_disability_of_the_childs(plan):
    said = (
        "School nurse, girl aged 11 is a young carer. Mum has MS and she's in a wheelchair most days, "
        "so the girl does the shopping and misses school on Mondays."
    )
    assert answers(plan, said).get("q_disability") != "yes"
    # control: the child's own
    said = (
        "School nurse, girl aged 11 with cerebral palsy, she's in a wheelchair, and her hoist at home "
        "has been broken for months; mum keeps missing her physio."
    )
    assert answers(plan, said).get("q_disability") == "yes"


def test_always_there_said_of_no_person_says_nothing_of_seeing_the_child_alone(plan):
    said = (
        "DSL, Year 4 boy, tired and late most days, homework never in. Mum is depressed. "
        "His PE kit is always there and he's clean, so it isn't hygiene."
    )
    assert answers(plan, said).get("q_seen_alone") != "no"


def test_an_age_in_months_and_a_sisters_age(plan):
    said = (
        "HV, review of a boy aged 7 months, weight dropping off the centile and home cold. "
        "He's got a sister who's 5 at school who seems fine."
    )
    assert answers(plan, said).get("q_age") == "baby"
    said = (
        "HV, a little girl who's 11 months now, not crawling, left in her cot most of the day. "
        "Her brother is 6 and doing fine."
    )
    assert answers(plan, said).get("q_age") == "baby"


def test_the_practitioners_own_workplace_after_their_role_is_no_help_before(plan):
    said = (
        "I'm an outreach worker at the family hub and I met a mum of a 2 year old at stay and play; "
        "the flat is cold, no bed for him, and she says she's skint. No help before from anyone."
    )
    assert answers(plan, said).get("q_previous") != "early_help"
    # control: help before from the family hub, said as history
    said = (
        "Health visitor. Toddler aged 2, flat cold, no bed for him, mum skint. "
        "They had a family hub worker last year which closed when she stopped answering."
    )
    assert answers(plan, said).get("q_previous") == "early_help"


def test_help_before_said_plainly_as_none(plan):
    for said in (
        "Nursery manager, girl aged 3, often hungry and in the same clothes, mum says money is short. "
        "Not previously known.",
        "Teacher, boy aged 7, late most days and hungry at lunch, dad works nights. "
        "No social care or early help before, as far as we know from the file.",
    ):
        assert answers(plan, said).get("q_previous") == "none", said


def test_the_safeguarding_lead_told_by_a_call_or_the_named_nurse_told(plan):
    said = (
        "School nurse, girl aged 14, missing her insulin reviews and losing weight, mum drinks. "
        "I've rung our safeguarding lead, who is making a referral today."
    )
    assert answers(plan, said).get("q_dsl_knows") == "yes"
    said = (
        "Practice nurse, boy aged 6, three missed asthma reviews and no inhaler at school, mum low. "
        "I've spoken to our named nurse about it."
    )
    assert answers(plan, said).get("q_dsl_knows") == "yes"
    # control: a lead named as someone to tell later says nothing yet
    said = (
        "Practice nurse, boy aged 6, three missed asthma reviews and no inhaler at school, mum low. "
        "Not sure whether to ring the named nurse."
    )
    assert answers(plan, said).get("q_dsl_knows") != "yes"


def test_reassurances_about_jabs_weight_attendance_and_home_read_the_right_way_round(plan):
    said = (
        "Family support worker, two children aged 4 and 6, dad drinks and there's shouting at night. "
        "Both have had all their jabs and the home is tidy."
    )
    got = answers(plan, said)
    assert got.get("q_seen__medical_neglect") == "no"
    assert got.get("q_seen__physical_neglect") == "no"
    said = (
        "Learning mentor, girl aged 9, mum has depression and the girl does the cooking. "
        "Attendance 97% this term. Weight steady on the 50th centile."
    )
    got = answers(plan, said)
    assert got.get("q_seen__educational_neglect") == "no"
    assert got.get("q_seen__nutritional_neglect") == "no"
    # control: a low figure is still a sign
    said = (
        "Learning mentor, girl aged 9, mum has depression and the girl does the cooking. " "Attendance 78% this term."
    )
    assert answers(plan, said).get("q_seen__educational_neglect") == "yes"
