"""Readings of an account that are right by construction (issue 19, session 8): supervision signs
said the way a told case says them (account.signs), a type named with a no-worry frame
(fine_by_type), a sign that counts itself keeps its own how often (account.own_count), impact read
from a sign's own clause, and a question with one answer read sentence by sentence where the
whole account is unsure (bot/lang/account_sentences.py). Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def test_a_child_found_alone_is_a_supervision_sign(plan):
    said = "Health visitor. Baby is 5 months. I found him alone downstairs in his bouncer while mum was upstairs."
    assert read_account(said, plan, TODAY).answers()["q_seen__supervision_neglect"] == "yes"
    said = "Duty SW. 11 month old left in the care of her 10 year old brother on three evenings while mum goes out."
    assert read_account(said, plan, TODAY).answers()["q_seen__supervision_neglect"] == "yes"
    # negated in its clause: no sign
    said = "Health visitor. Baby is 5 months, gaining weight well. He is never left alone in the room with the dog."
    assert read_account(said, plan, TODAY).answers().get("q_seen__supervision_neglect") != "yes"


def test_a_type_named_with_a_no_worry_frame_is_no_worry(plan):
    said = (
        "School nurse. Girl aged 13, skipping lunch most days, lost weight. No emotional worries. "
        "Supervision not an issue."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got["q_seen__emotional_neglect"] == "no"
    assert got["q_seen__supervision_neglect"] == "no"


def test_a_sign_that_counts_itself_keeps_its_own_how_often(plan):
    said = (
        "HV. Baby boy, 5 months. Twice now I've found him alone downstairs while mum was upstairs. "
        "He's in dirty clothes most visits and the flat smells."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got["q_seen__supervision_neglect"] == "yes"
    assert got.get("q_pattern__supervision_neglect") != "persistent"


def test_impact_is_read_from_the_signs_own_clause(plan):
    said = (
        "Duty SW. 11 month old left in the care of her 10 year old brother while mum goes out, "
        "reported by the school after he fell asleep in class."
    )
    assert "q_impact__supervision_neglect" not in read_account(said, plan, TODAY).answers()


def test_help_before_read_sentence_by_sentence(plan):
    # the whole account is unsure (early help named as the plan from here, hedged); its one
    # sentence about help before says what it was
    said = (
        "Teacher. Year 4 boy, comes in hungry most days and his uniform is dirty. "
        "She's never had any services before. I think an early help conversation might be enough."
    )
    assert read_account(said, plan, TODAY).answers()["q_previous"] == "none"
    said = (
        "Youth worker. Boy aged 14, out most nights. Social care closed a CIN plan on him in 2023. "
        "I think early help might be an option."
    )
    assert read_account(said, plan, TODAY).answers()["q_previous"] == "social_care"
    # two sentences that say different things in context: left to be asked
    said = (
        "Teacher. Year 4 boy, comes in hungry most days. They had early help last year. "
        "She's never had any services before, mum says."
    )
    assert "q_previous" not in read_account(said, plan, TODAY).answers()


def test_two_answers_of_a_one_answer_question_are_asked_unless_they_go_together(plan):
    # early help before and none before: the account says two things
    said = (
        "Teacher. Year 4 boy, comes in hungry most days. They had early help last year. "
        "She's never had any services before, mum says."
    )
    assert "q_previous" not in read_account(said, plan, TODAY).answers()
    # a negated answer's words are no second answer ("never been known to children's services")
    said = "YOT worker. 16 yr old lad, not in education since year 11. He's never been known to childrens services."
    assert read_account(said, plan, TODAY).answers()["q_previous"] == "none"
    # a parent who threatens and avoids: hostile, the first of answers_agree
    said = (
        "Housing support. 15 year old girl, not at school since Easter. Dad screamed at me and "
        "threatened to report us, won't let anyone in."
    )
    assert read_account(said, plan, TODAY).answers()["q_engagement"] == "hostile"


def test_an_age_said_before_another_child_is_theirs(plan):
    said = "HV handover, baby boy 5 months. His 11 year old sister was left in charge while mum was upstairs."
    assert read_account(said, plan, TODAY).answers()["q_age"] == "baby"
    said = "Housing support. The boy I'm worried about is 6. He was alone in the room with his 2 year old sister."
    assert read_account(said, plan, TODAY).answers()["q_age"] == "primary"


def test_a_stage_of_a_pregnancy_is_no_length_of_its_own(plan):
    said = "Midwife. Unborn, 31 weeks. The room she rents has been damp with mould since 20 weeks, nothing bought yet."
    assert read_account(said, plan, TODAY).answers()["q_duration"] == "under_3m"


def test_a_sentence_on_the_questions_own_subject_is_read_as_a_typed_answer(plan):
    said = (
        "Family support worker. 7 year old, comes to school hungry most days. "
        "She still struggles with money and the electric meter runs out sometimes."
    )
    assert read_account(said, plan, TODAY).answers()["q_material"] == "struggling"
    said = "Teacher. Year 3 boy, often arrives late on his own and hungry. DSL at school aware."
    assert read_account(said, plan, TODAY).answers()["q_dsl_knows"] == "yes"
    # a sentence on another subject is not read for it ("house" is no housing, a glucose meter no money)
    said = (
        "Youth worker. remy is 14, comes to the youth club most nights and asks for food. "
        "Dad works long shifts so she doesn't like going home to an empty house."
    )
    assert "q_material" not in read_account(said, plan, TODAY).answers()


def test_a_list_of_what_is_fine_is_no_sign(plan):
    said = (
        "HV. Toddler, 18 months, family in one room in temporary accommodation. He's well cared for: clean, fed, "
        "weight fine, jabs done, mum and dad both attentive, never leave him on his own."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__nutritional_neglect") != "yes"
    assert got["q_seen__medical_neglect"] == "no"


def test_the_age_said_first_and_a_mothers_age_beside_her_weeks(plan):
    said = "Hi both, update on the Year 8 girl. Attendance is 54%. There was a TAF in Year 6 that closed."
    assert read_account(said, plan, TODAY).answers()["q_age"] == "adolescent"
    said = "antenatal contact done today she's 17 and 34 weeks first baby, living in a supported flat"
    assert read_account(said, plan, TODAY).answers()["q_age"] == "unborn"


def test_a_sign_the_practitioner_only_thinks_is_left_to_ask(plan):
    said = "Attendance officer. Year 8 girl, attendance 54%. Mum has MS and I think she's a young carer."
    assert "q_seen__supervision_neglect" not in read_account(said, plan, TODAY).answers()


def test_seen_alone_and_the_lead_said_plainly(plan):
    said = (
        "CAMHS worker. 12 year old boy, his medication hasn't been collected since February. "
        "I saw the boy alone at school."
    )
    assert read_account(said, plan, TODAY).answers()["q_seen_alone"] == "yes"
    said = "Midwife. Mum 26, 28 weeks pregnant, booked late at 24 weeks. Our named midwife for safeguarding knows."
    assert read_account(said, plan, TODAY).answers()["q_dsl_knows"] == "yes"
    # negated in its clause: no
    said = "Teacher. Year 3 boy, often arrives hungry and late. I haven't spoken to him on his own yet."
    assert read_account(said, plan, TODAY).answers()["q_seen_alone"] == "no"


def test_not_able_to_see_the_child_alone_is_asked(plan):
    said = "Nursery. Boy aged 3, often hungry at drop off. I've not been able to see him on his own, he's non-verbal."
    assert "q_seen_alone" not in read_account(said, plan, TODAY).answers()


def test_attendance_said_as_a_figure_below_ninety_is_a_sign(plan):
    said = "Year 4 boy, 8.\n- attendance 81% this year, was 93% last year\n- late 3 or 4 mornings a week"
    assert read_account(said, plan, TODAY).answers()["q_seen__educational_neglect"] == "yes"
    # a figure of a time past is not today's; a figure above it is no sign
    said = "Year 4 boy, 8, comes in hungry most days. His attendance was 81% last year and is 97% now."
    assert read_account(said, plan, TODAY).answers().get("q_seen__educational_neglect") != "yes"


def test_food_said_to_be_there_is_no_worry(plan):
    said = "Teacher. Year 5 boy, uniform dirty and smelly most days. Money is tight but he always has lunch."
    assert read_account(said, plan, TODAY).answers()["q_seen__nutritional_neglect"] == "no"
    said = "School. Year 6 girl, often late. There is no sign she's going hungry."
    assert read_account(said, plan, TODAY).answers()["q_seen__nutritional_neglect"] == "no"


def test_no_help_before_said_plainly(plan):
    said = "Nursery. Boy of 3, often hungry at drop off and in the same clothes. Never known to services before."
    assert read_account(said, plan, TODAY).answers()["q_previous"] == "none"
