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


def test_an_agreement_said_before_and_a_promise_never_kept(plan):
    base = "EWO. Girl aged 7, missed nearly half of this term, dog mess on the floor, no food in the fridge. "
    said = base + "Every time mum says it'll be sorted by next week and it never is."
    assert answers(plan, said).get("q_dc_signs") == "yes"
    said = base + "Mum agreed to a parenting course, but she's said that twice before."
    assert answers(plan, said).get("q_dc_signs") == "yes"
    # control: an agreement with nothing said after it
    assert answers(plan, base + "Mum agreed to a parenting course.").get("q_dc_signs") != "yes"


def test_a_young_carers_referral_is_help_not_a_sign(plan):
    base = "Head of year. Girl aged 15, attendance 52%, she is at home with her mum who has MS. "
    got = answers(plan, base + "Mum agreed to a young carers referral.")
    assert got.get("q_seen__supervision_neglect") != "yes"
    assert got.get("q_seen__emotional_neglect") != "yes"
    # control: the sign said of the child still reads
    assert answers(plan, base + "She is a young carer for her mum.").get("q_seen__emotional_neglect") == "yes"


def test_no_one_involved_before_and_the_lead_referring(plan):
    base = "Nursery manager. Girl of 8 months, often in a very full nappy on arrival. "
    assert answers(plan, base + "No one has ever been involved with the family before.").get("q_previous") == "none"
    assert answers(plan, base + "Our DSL has made a referral today.").get("q_dsl_knows") == "yes"
    assert answers(plan, base + "A referral was made today.").get("q_dsl_knows") != "yes"


def test_help_acted_on_at_once_is_a_change(plan):
    base = "School nurse. Boy aged 6, head lice for a few weeks and shoes falling apart. "
    assert answers(plan, base + "I spoke to mum and she treated them that week.").get("q_engagement") == "changing"
    said = base + "Mum agreed to an early help assessment and has already done a week of breakfast club with him."
    assert answers(plan, said).get("q_engagement") == "changing"
    # control: help offered, nothing said of what was done with it
    assert answers(plan, base + "I spoke to mum about it.").get("q_engagement") != "changing"


def test_a_need_met_in_a_time_past_is_no_reassurance_now(plan):
    base = "Head of year. Boy aged 13, he refuses to get up and mum cannot make him. "
    said = base + "His attendance was fine all last year."
    assert answers(plan, said).get("q_seen__educational_neglect") != "no"
    # control: said of now, it reassures
    assert answers(plan, base + "His attendance is fine.").get("q_seen__educational_neglect") == "no"


def test_another_childs_age_and_how_often_are_no_age(plan):
    said = (
        "Nursery manager about Kit. His attendance has dropped to about two days a week this term and he "
        "comes in hungry. His little sister is 6 months and seems well looked after."
    )
    assert answers(plan, said).get("q_age") != "baby"
    # control: the child's own age said as theirs
    assert answers(plan, "Health visitor. The baby is 6 months old and often hungry.").get("q_age") == "baby"


def test_an_appointment_booked_is_care_arranged(plan):
    base = "School nurse. Girl aged 10, skipping lunch and says she feels fat. "
    said = base + "Mum came in when I called, was really concerned and has booked her a GP appointment."
    assert answers(plan, said).get("q_seen__medical_neglect") != "yes"
    # control: an appointment missed is a sign
    said = base + "Mum was really concerned but she has missed two GP appointments for her."
    assert answers(plan, said).get("q_seen__medical_neglect") == "yes"


def test_matted_hair_fed_and_no_emotional_worries(plan):
    base = "Nursery manager. Boy aged 2, attendance dropped this term. "
    assert answers(plan, base + "His hair is matted.").get("q_seen__physical_neglect") == "yes"
    got = answers(plan, base + "She's fed, and I've no worries about how mum is with him emotionally.")
    assert got.get("q_seen__nutritional_neglect") == "no"
    assert got.get("q_seen__emotional_neglect") == "no"
    # control: a worry said of how mum is with him emotionally
    said = base + "I have worries about how mum is with him emotionally."
    assert answers(plan, said).get("q_seen__emotional_neglect") != "no"


def test_a_booking_made_again_and_not_kept_before(plan):
    base = "School nurse. Girl aged 6, teeth badly decayed, the extraction appointment missed twice. "
    said = base + "Mum booked the dental appointment again while I was on the phone, but she's done that before."
    assert answers(plan, said).get("q_dc_signs") == "yes"
    said = base + "Mum booked the dental appointment again while I was on the phone."
    assert answers(plan, said).get("q_dc_signs") != "yes"
