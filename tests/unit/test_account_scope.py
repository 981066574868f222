"""What an account's words are about (issue 19, bot/lang/account.py): money and housing only from
a sentence about them, a sign the same person takes back in the next clause, and other children
counted or grouped. A wrong pre-fill costs more than a question: each of these is left to ask.
Every case detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def test_money_and_housing_only_from_a_sentence_about_them(plan):
    got = read_account(
        "Teacher. 8 year old, comes in hungry most days. She is doing ok with her maths and loves art.", plan, TODAY
    ).answers()
    assert got["q_seen__nutritional_neglect"] == "yes" and "q_material" not in got
    got = read_account(
        "Teacher. 8 year old, comes in hungry most days. Mum has lost her job and they are in rent arrears.",
        plan,
        TODAY,
    ).answers()
    assert got["q_material"] == "struggling"


def test_a_sign_the_same_person_takes_back_is_left_to_ask(plan):
    said = "Nursery worker. 3 year old, mum missed the dentist appointment but rebooked it the same week."
    assert "q_seen__medical_neglect" not in read_account(said, plan, TODAY).answers()
    # a clause with a subject of its own takes nothing back
    said = "Nursery worker. 3 year old, mum missed the dentist appointment but she says it is rebooked."
    assert read_account(said, plan, TODAY).answers()["q_seen__medical_neglect"] == "yes"
    # nor one with a worry of its own
    said = "Nursery worker. 3 year old, mum missed the dentist appointment but also missed the next one."
    assert read_account(said, plan, TODAY).answers()["q_seen__medical_neglect"] == "yes"


def test_other_children_counted_or_grouped_say_nothing_of_this_one(plan):
    said = (
        "Midwife. Mum is 30 weeks pregnant with her fourth baby, the first three were adopted after proceedings. "
        "She drinks every day."
    )
    got = read_account(said, plan, TODAY).answers()
    assert "own_childhood" not in got.get("q_parental_factors", "")
    assert "substance_misuse" in got["q_parental_factors"]


def test_a_length_after_a_count_or_a_negation_is_no_duration():
    from bot.lang.account_time import how_long

    # how often in a window, and how long one thing has not been, say nothing of how long the worry is
    assert how_long("She has gone missing 4 times in 3 months.", None, TODAY) is None
    assert how_long("He has had three A&E visits in the last eight months.", None, TODAY) is None
    assert how_long("Dad hasnt taken her to the eye clinic for two years.", None, TODAY) is None
    assert how_long("It has got worse in the last eight months.", None, TODAY) == (
        "3_to_12m",
        "in the last eight months",
    )


def test_every_beside_a_topic_word_is_no_worry(plan):
    said = "Teacher. 6 year old, his homework is handed in every week and his reading book is signed every night."
    assert "q_seen__educational_neglect" not in read_account(said, plan, TODAY).answers()


def test_a_pregnancy_has_no_state_of_the_babys_own(plan):
    said = "Midwife. Mum is 30 weeks pregnant and says she feels tired and withdrawn all the time. No drugs."
    assert "q_seen__emotional_neglect" not in read_account(said, plan, TODAY).answers()


def test_the_same_person_taking_a_sign_back_after_a_reason(plan):
    said = "Nursery worker, a 3 year old. She missed the dentist appointment because of a funeral but she rebooked it."
    assert "q_seen__medical_neglect" not in read_account(said, plan, TODAY).answers()


def test_care_done_is_no_sign_and_an_age_beside_a_name_is_no_pattern(plan):
    said = "HV. 14 month old, her jabs are all done and noted in the red book and she is walking."
    # care done is no sign; it says the type is fine, as "jabs are up to date" does (fine_by_type)
    assert read_account(said, plan, TODAY).answers().get("q_seen__medical_neglect") == "no"
    said = "HV. Tam (3 years 2 months) comes to nursery hungry and has a sore nappy rash that is not treated."
    got = read_account(said, plan, TODAY).answers()
    assert got["q_age"] == "toddler" and "persistent" not in got.get("q_pattern__nutritional_neglect", "")


def test_the_practitioners_own_next_step_is_no_sign(plan):
    said = "Teacher. 9 year old, often late. I'm thinking a young carers referral and a chat with mum."
    got = read_account(said, plan, TODAY).answers()
    assert "q_seen__supervision_neglect" not in got and "q_seen__emotional_neglect" not in got


def test_how_long_something_good_has_lasted_is_no_duration():
    from bot.lang.account_time import how_long

    assert how_long("Dad says he has been sober for eight months now.", None, TODAY) is None
    assert how_long("This has been a worry for well over a year.", None, TODAY)[0] == "over_12m"


def test_another_childs_age_beside_them_is_not_this_childs(plan):
    said = "Nursery. Remy is 4 and lives with mum and a baby brother (6 months); Remy often comes in hungry."
    assert read_account(said, plan, TODAY).answers()["q_age"] == "toddler"


def test_a_parents_words_are_not_the_childs_voice(plan):
    said = "Teacher. 7 year old, mum told us things are fine at home and he comes in hungry most days."
    assert "q_child_voice" not in read_account(said, plan, TODAY).answers()
    said = "Teacher. 7 year old, he told us there is no food at home and he comes in hungry most days."
    assert read_account(said, plan, TODAY).answers()["q_child_voice"] == "given"


def test_words_quoted_after_a_verb_of_saying_are_the_childs_voice(plan):
    said = 'Teacher. 8 year old, often hungry. Remy says "there is never anything for tea".'
    assert read_account(said, plan, TODAY).answers()["q_child_voice"] == "given"
    said = "Teacher. 8 year old, often hungry. Mum says 'he eats plenty at home'."
    assert "q_child_voice" not in read_account(said, plan, TODAY).answers()


def test_a_sign_of_someone_else_or_explained_away_is_left_to_ask(plan):
    # shouting at an adult is no sign in the child; the words naming another child are no sign
    said = (
        "School nurse, Ash is 8. Dad shouted at the teacher at pick up. "
        "They had family support when the older boy was small."
    )
    got = read_account(said, plan, TODAY).answers()
    assert "q_seen__emotional_neglect" not in got and "q_seen__supervision_neglect" not in got
    # an absence for illness is no educational neglect
    said = "Housing officer. Ash is 9 and was home off school poorly when I visited; the flat is full of rubbish."
    got = read_account(said, plan, TODAY).answers()
    assert "q_seen__educational_neglect" not in got and got.get("q_seen__physical_neglect") == "yes"
    # a sign taken back by a word that says the type is fine is mixed: neither yes nor no
    said = "FSW. Ash is 2 and the flat is untidy but clean. Mum has low mood and the GP is involved."
    assert "q_seen__physical_neglect" not in read_account(said, plan, TODAY).answers()


def test_needs_met_in_everyday_words_are_no_worry(plan):
    said = "School nurse. Ash is 7, the fridge was full, she gets three meals a day and is doing well in school."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__nutritional_neglect") == "no" and got.get("q_seen__educational_neglect") == "no"
    said = "Ash is 7 and there was no food in the fridge; she is often hungry at school."
    assert read_account(said, plan, TODAY).answers().get("q_seen__nutritional_neglect") == "yes"


def test_about_three_months_in_weeks_and_a_change_before_a_case_closed_are_asked(plan):
    from bot.lang.account_time import how_long

    assert how_long("we have been worried for 13 weeks", None, TODAY) is None
    assert how_long("we have been worried for 6 weeks", None, TODAY)[0] == "under_3m"
    said = "DSL. Ash is 9. Early help closed last year when things improved. Attendance 80% and often hungry."
    assert "q_engagement" not in read_account(said, plan, TODAY).answers()


def test_the_practitioners_own_plan_is_no_help_before(plan):
    said = "DSL. Ash is 12 and late most days. Not known to services before. I'm thinking early help."
    assert read_account(said, plan, TODAY).answers().get("q_previous") == "none"


def test_a_forms_field_of_next_steps_is_no_fact(plan):
    said = "Concerns: Ash (6) missed school 20 days this term.\nPlan: early help assessment, CIN referral if no change."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__educational_neglect") == "yes"
    assert "q_previous" not in got and "q_engagement" not in got


def test_care_missed_three_times_or_more_is_persistent_and_twice_is_asked(plan):
    said = "Midwife. Mum is 30 weeks pregnant and has missed three antenatal appointments; no scan since 12 weeks."
    assert read_account(said, plan, TODAY).answers().get("q_pattern__medical_neglect") == "persistent"
    said = "Midwife. Mum is 30 weeks pregnant and has missed two antenatal appointments."
    got = read_account(said, plan, TODAY).answers()
    assert got.get("q_seen__medical_neglect") == "yes" and "q_pattern__medical_neglect" not in got
