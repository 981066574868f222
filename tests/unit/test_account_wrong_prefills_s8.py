"""Wrong pre-fills left unfilled (issue 19, bot/lang/account*.py, session 8 S8-LA7): a sign asked
as a question, care said done, a good attendance figure, a sign played down, a course named beside
a parent's factor, the practitioner's own involvement as a length, a relative who has died as a
support. Each rule has its control: the same sign said plainly still reads. Every case detail is
invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_a_sign_asked_as_a_question_is_no_sign_seen(plan):
    said = (
        "Family support worker. Boy aged 8, parents separating and both blame each other in front of him. "
        "Is he ever left on his own? No, never. He says he hates the shouting."
    )
    assert "q_seen__supervision_neglect" not in answers(plan, said)
    said = (
        "Family support worker. Boy aged 8, parents separating and both blame each other in front of him. "
        "He is left on his own most evenings. He says he hates the shouting."
    )
    assert answers(plan, said).get("q_seen__supervision_neglect") == "yes"


def test_care_said_done_is_no_sign_beside_a_worry_word_elsewhere(plan):
    said = (
        "HV visit to a 9 month old girl, home warm and tidy, weight on the 50th, immunisations all done, "
        "no worries about feeding. Mum said money is tight this month."
    )
    assert answers(plan, said).get("q_seen__medical_neglect") != "yes"
    said = (
        "HV visit to a 9 month old girl, home warm and tidy, weight on the 50th, immunisations missed twice, "
        "no worries about feeding. Mum said money is tight this month."
    )
    assert answers(plan, said).get("q_seen__medical_neglect") == "yes"


def test_appointments_kept_are_no_sign(plan):
    said = "Midwife. Mum is 30 weeks, drinking most evenings. Positives: she has kept most of her midwife appointments."
    assert answers(plan, said).get("q_seen__medical_neglect") != "yes"
    said = (
        "Midwife. Mum is 30 weeks, drinking most evenings, partner smashed the TV last month. "
        "She has missed most of her midwife appointments."
    )
    assert answers(plan, said).get("q_seen__medical_neglect") == "yes"


def test_a_good_attendance_figure_is_no_sign(plan):
    said = (
        "Nursery manager, girl aged 4. Comes in hungry most mornings and in the same clothes all week. "
        "Nursery attendance 97%. Dad works away."
    )
    got = answers(plan, said)
    assert got.get("q_seen__educational_neglect") != "yes"
    assert got.get("q_seen__nutritional_neglect") == "yes"
    said = (
        "Nursery manager, girl aged 4. Comes in hungry most mornings and in the same clothes all week. "
        "Nursery attendance 62%. Dad works away."
    )
    assert answers(plan, said).get("q_seen__educational_neglect") == "yes"


def test_a_sign_played_down_is_left_to_ask(plan):
    said = (
        "Community midwife, day 5 visit, baby boy, mum is 22. Flat a bit untidy, baby feeding well "
        "and gaining, mum coping."
    )
    assert "q_seen__physical_neglect" not in answers(plan, said)
    said = (
        "Community midwife, day 5 visit, baby boy, mum is 22. Flat filthy with dog mess on the floor, "
        "baby feeding well and gaining, mum coping."
    )
    assert answers(plan, said).get("q_seen__physical_neglect") == "yes"


def test_a_course_named_beside_a_factor_is_help_not_the_factor(plan):
    said = (
        "School counsellor. 10 year old girl, worried about moving up to secondary, sleeping badly. "
        "Parents come to every meeting and mum has finished the parenting anxiety course."
    )
    assert "mental_ill_health" not in answers(plan, said).get("q_parental_factors", "")
    said = (
        "School counsellor. 10 year old girl, sleeping badly, often late. "
        "Mum has severe anxiety and rarely leaves the house."
    )
    assert "mental_ill_health" in answers(plan, said).get("q_parental_factors", "")


def test_the_practitioners_own_involvement_is_no_length_of_the_worry(plan):
    said = (
        "Youth worker. Young person aged 15, dad won't speak to them, no food in the house most weekends. "
        "It has been the same over the four months I've been involved."
    )
    assert "q_duration" not in answers(plan, said)
    said = (
        "Youth worker. Young person aged 15, dad won't speak to them, no food in the house most weekends, "
        "and it's been like that for two months."
    )
    assert answers(plan, said).get("q_duration") == "under_3m"


def test_a_relative_who_has_died_is_no_support(plan):
    said = (
        "Head of year. Boy aged 13, attendance always fine, 96 plus, then his nan died in March and it "
        "has dropped to 70%. Mum is grieving and off work with depression."
    )
    assert "supportive_adult" not in answers(plan, said).get("q_strengths", "")
    # strengths are no longer pre-filled from an account's prose (S19-LC10's gate, account_words.yml
    # not_from_prose): asked; a heading line of its own still fills them
    said = said.replace("died", "moved away")
    assert "q_strengths" not in answers(plan, said)
    assert "supportive_adult" in answers(plan, said + "\nStrengths: his nan helps every day").get("q_strengths", "")


def test_a_sign_said_of_the_parents_own_parent_is_not_the_childs(plan):
    said = (
        "Teaching assistant. Boy aged 6 with autism, mum is warm with him. "
        "She is exhausted, caring for her own mum too, and her wages just about cover things."
    )
    assert answers(plan, said).get("q_seen__emotional_neglect") != "yes"
    said = said.replace("She is exhausted, caring for her own mum", "He is exhausted, caring for his mum")
    assert answers(plan, said).get("q_seen__emotional_neglect") == "yes"
