"""Accounts by new writers (issue 19, bot/lang/account*.py, S12-LA13): how sure the reader must be
before it pre-fills. Words the writer takes back ("- sorry, I mean"), an age said as "a boy of 9"
or at a pregnancy booking, a school year of a time past or of another child, a question put to the
writer, a sentence the writer is not sure of, a sign aimed at a named professional. Each rule has
its control. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_doubt import asked, unsure, without_corrected
from bot.lang.account_time import _age

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_words_taken_back_are_never_said():
    said = without_corrected("Boy of 8. Late most days for about two months - actually no, it's been over a year.")
    assert "two months" not in said and "over a year" in said
    said = without_corrected("Zib lives with his uncle, who's 15 - sorry, he's 19 - and is out a lot.")
    assert "15" not in said and "he's 19" in said and "Zib lives with his uncle" in said
    # controls: a dash that takes nothing back, and "sorry" said of something else
    for text in ("No breakfast - no packed lunch either.", "Mum said she was sorry about the mess."):
        assert without_corrected(text) == text


def test_a_length_taken_back_is_not_read(plan):
    got = answers(plan, "Boy of 8. Late most days for about two months - actually no, it's been longer.")
    assert got.get("q_duration") != "under_3m"
    # control: a length said once is read
    assert answers(plan, "Boy of 8. Late most days for about two months.").get("q_duration") == "under_3m"


def test_an_age_said_as_a_child_of_n_or_a_booking():
    assert _age("A boy of 9, attendance 68%. It has been like this for nearly two years.").band == "primary"
    assert _age("A girl of 12 - sorry, she turned 13 last month.").band in ("primary", "adolescent")
    assert _age("Booking at 11 weeks, third baby. Her eldest, 6, is doing well.").band == "unborn"
    # controls: a percentage is no age; a booked appointment in weeks' time is no pregnancy stage
    assert _age("A boy of 7 with attendance of 80%.").band == "primary"


def test_a_school_year_of_a_time_past_or_of_another_child():
    assert _age("Girl, 14. The school did an EHA when she was in Year 5.").band == "adolescent"
    assert _age("I work with the older sister in Year 3. Her little brother, who's 2, is often hungry.").band == (
        "toddler"
    )
    # control: the child's own school year is read
    assert _age("Zib is in Year 4 and often hungry.").band == "primary"


def test_an_age_in_years_said_before_another_childs_in_months():
    assert _age("I saw her brother, who's 3: he is often hungry. The new baby, who's 5 months, is well.").band == (
        "toddler"
    )
    # control: a parent's age before the child's months
    assert _age("Mum, who's 17, and the baby, who's 4 months, live with nan.").band == "baby"


def test_a_question_put_to_the_writer_answers_nothing(plan):
    assert asked("She said: does your safeguarding lead know.")
    assert asked("Has the DSL been told?")
    # controls: a said-line that tells, and a statement
    assert not asked("I said: she's had anxiety for years.")
    assert not asked("The DSL knows and agrees.")
    got = answers(plan, "Call with the named nurse. She said: does your lead know. I said: not yet.")
    assert got.get("q_dsl_knows") != "yes"


def test_the_writers_doubt_leaves_how_often_to_be_asked(plan):
    assert unsure("I'm not sure if the rash needs a doctor, or whether the cold bottle was a one-off.")
    assert not unsure("The cold bottle was a one-off.")
    got = answers(plan, "Girl, 2. Same nappy all afternoon. I'm not sure whether the nappy was a one-off.")
    assert got.get("q_pattern__physical_neglect") != "one_off"


def test_a_sign_aimed_at_a_named_professional(plan):
    got = answers(plan, "Girl, 6. Mum shouted at the diabetes nurse and refused the visits.")
    assert got.get("q_seen__emotional_neglect") != "yes"
    # control: shouting at the child is still a sign
    got = answers(plan, "Girl, 6. Mum shouted at her all through the visit and called her stupid.")
    assert got.get("q_seen__emotional_neglect") == "yes"


def test_hostile_and_avoiding_together_read_as_hostile(plan):
    got = answers(plan, "Boy, 7. Dad swore at the health visitor and has refused every home visit since.")
    assert got.get("q_engagement") == "hostile"
    got = answers(plan, "Girl, 5. Mum shouts at the school staff and cancels every meeting.")
    assert got.get("q_engagement") == "hostile"
    # controls: avoiding alone stays avoiding; help before that may be either is still asked
    assert answers(plan, "Girl, 5. Mum cancels every meeting.").get("q_engagement") == "avoiding"
    from bot.lang.account_sentences import agreed
    from bot.lang.answer_words import Reading

    before = Reading("ask", "social_care")
    assert agreed(plan.by_id["q_previous"], before) is before


def test_a_length_of_something_well_is_not_the_worrys(plan):
    got = answers(plan, "Booking at 12 weeks. Mum had depression after her first but has been well for three years.")
    assert got.get("q_duration") != "over_12m"
    got = answers(plan, "Boy, 4. His nan, who has been off heroin for five years, helps. Dirty clothes most days.")
    assert got.get("q_duration") != "over_12m"
    # control: a worry said with a length is read
    got = answers(plan, "Boy, 4. Dirty clothes and no coat most days, for over a year now.")
    assert got.get("q_duration") == "over_12m"


def test_a_step_still_to_take_says_nobody_knows_yet(plan):
    from bot.lang.account_doubt import to_do

    assert to_do("My manager asked me to discuss it with the safeguarding lead this week.")
    # controls: a step said with what came of it, and the lead told already
    assert not to_do("I was going to tell the DSL but she already knew.")
    assert not to_do("The DSL knows and has seen the chronology.")
    got = answers(plan, "Boy, 6, often hungry. My manager asked me to discuss it with the DSL this week.")
    assert got.get("q_dsl_knows") != "yes"


def test_a_type_said_no_worry_in_a_list_or_as_nil_concerns(plan):
    # (S12-LA14) "food and clothes aren't a worry" and "nil concerns re food" say no, not yes
    got = answers(plan, "Boy of 6. Food and clothes aren't a worry, but he is left alone in the evenings.")
    assert got.get("q_seen__nutritional_neglect") == "no" and got.get("q_seen__physical_neglect") == "no"
    got = answers(plan, "Boy of 6. Nil concerns re food. He is left alone in the evenings.")
    assert got.get("q_seen__nutritional_neglect") == "no"
    # controls: food said to be a worry is still a sign
    got = answers(plan, "Boy of 6. Food is a worry, he comes in hungry and is left alone in the evenings.")
    assert got.get("q_seen__nutritional_neglect") == "yes"
    got = answers(plan, "Boy of 6. Real concerns re food, he is hungry every morning.")
    assert got.get("q_seen__nutritional_neglect") == "yes"
