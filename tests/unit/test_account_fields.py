"""Form-field lines in a pasted referral read by their label (issue 19, bot/lang/account_fields.py),
and a type said not to be a worry in the account's own words (account.fine_by_type). Every case
detail here is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account
from bot.lang.account_fields import read_fields

TODAY = date(2026, 12, 5)

FORM = """Referral pasted from our system:
Child: boy, Year 4, aged 8
Concerns: comes in hungry most days, uniform dirty
Previous involvement: none known
Seen alone: Y
DSL informed: yes
Disability: none
Child's voice: says "there's never anything for tea"
"""


def test_a_labelled_line_answers_its_question(plan):
    got = read_account(FORM, plan, TODAY)
    answers = got.answers()
    assert answers["q_previous"] == "none"
    assert answers["q_seen_alone"] == "yes"
    assert answers["q_dsl_knows"] == "yes"
    assert answers["q_disability"] == "no"
    assert answers["q_child_voice"] == "given"
    # the line as typed is kept beside the answer
    assert next(i.evidence for i in got.items if i.question_id == "q_seen_alone") == "Seen alone: Y"


def test_a_value_that_says_nothing_answers_nothing(plan):
    got = read_fields("Seen alone: N/A\nDSL informed: TBC\nChild's voice: not yet\nPrevious involvement: yes", plan)
    # ("yes" to previous involvement does not say which help)
    assert got == {}


def test_fields_set_apart_on_one_line_and_a_plain_n(plan):
    got = read_fields("Seen alone: N; Previous involvement: CIN plan 2021 | Money: rent arrears", plan)
    assert got["q_seen_alone"][0] == "no"
    assert got["q_previous"][0] == "social_care"
    assert got["q_material"][0] == "struggling"


def test_a_question_labelled_twice_with_different_answers_is_asked(plan):
    assert "q_seen_alone" not in read_fields("Seen alone: Y\nchild seen alone: N", plan)


def test_a_label_inside_a_sentence_is_no_field(plan):
    # "engagement" is a label only at the start of a line, before a colon
    assert "q_engagement" not in read_fields("I am worried about engagement with school: she never comes", plan)


def test_a_type_said_not_to_be_a_worry_in_other_words(plan):
    said = (
        "Teacher. Boy, 7, Year 3. Late most mornings since Easter and homework never done. "
        "He's fed, clean and happy, no health problems, and he and mum are really close. "
        "Always collected on time, so no supervision worry."
    )
    got = read_account(said, plan, TODAY).answers()
    assert got["q_seen__educational_neglect"] == "yes"
    for t in ("nutritional", "physical", "medical", "emotional", "supervision"):
        assert got.get(f"q_seen__{t}_neglect") == "no", t
    # a need said met only now and then is no reassurance
    got = read_account("Teacher. Girl, 9. There's rarely food in the house and she is often hungry.", plan, TODAY)
    assert got.answers().get("q_seen__nutritional_neglect") != "no"
