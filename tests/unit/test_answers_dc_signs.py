"""Disguised compliance in a practitioner's own words (issue 19, S8): the signs the documents
name (Kent, Disguised Compliance and Denial/Avoidance; Knowsley, pitfalls) said in other words,
genuine engagement and lasting change said as no, a phrase said under a negation read as the
other answer ("no real change": a sign; "not superficial": none), a negation that opens a phrase
of its own negating nothing after it, an answer in part, undecided answers, and the practitioner's
role said before the answer. Invented phrasings, none from an eval set."""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.answers import read_answer

TODAY = date(2026, 12, 5)


def read(plan, text, qid="q_dc_signs"):
    r = read_answer(plan.by_id[qid], text, TODAY)
    return r.status, r.value


@pytest.mark.parametrize(
    "text",
    [
        "she always seems to agree with us but it's all on the surface",
        "pays lip service to the plan",
        "going through the motions",
        "he's cancelled four home visits, each time with a different excuse",
        "visits get cut short because she suddenly has somewhere to be",
        "won't let me see the kids' bedrooms",
        "things improve for a couple of weeks and then it all slips back",
        "attendance shot up just before conference",
        "says the right thing every time",
        "talks the talk",
        "picks and chooses which workers she'll speak to",
        "the child's version and dad's contradict each other",
        "agreed to the parenting course but hasn't attended one session",
        "that's exactly them",
        "the changes never last once we step back",
        "a few of them fit, mainly the easy topics",
        "textbook",
        "they engage with the stuff they like and ignore the rest",
    ],
)
def test_a_sign_in_other_words_reads_as_yes(plan, text):
    status, value = read(plan, text)
    assert value == "yes" and status in ("sure", "ask"), (text, status, value)


@pytest.mark.parametrize(
    "text",
    [
        "genuinely engaged",
        "no, the engagement is real",
        "she's straight with us even when it's bad news",
        "the house looks the same even on unannounced visits",
        "doesn't sound like them",
        "none apply",
        # a leading no before a contracted pronoun is the answer, not a negation of what follows
        "no they're genuinely trying",
    ],
)
def test_genuine_engagement_reads_as_no(plan, text):
    status, value = read(plan, text)
    assert value == "no" and status in ("sure", "ask"), (text, status, value)


def test_a_phrase_under_a_negation_reads_as_the_other_answer_offered_back(plan):
    # "real change", "genuine" are no's words; said under a negation, a sign (asked, not stored)
    assert read(plan, "I haven't seen any real change") == ("ask", "yes")
    assert read(plan, "the improvement wasn't genuine") == ("ask", "yes")
    # "superficial" is a sign; said under a negation, none
    assert read(plan, "I wouldn't call it superficial at all")[1] == "no"


def test_a_negation_that_opens_its_own_phrase_negates_nothing_after_it(plan):
    # "never last" owns its "never": "once we step back" is still a sign
    status, value = read(plan, "it never lasts once we step back")
    assert value == "yes", (status, value)


@pytest.mark.parametrize("text", ["partly", "in part"])
def test_an_answer_in_part_is_offered_back_as_yes(plan, text):
    assert read(plan, text) == ("ask", "yes")


@pytest.mark.parametrize(
    "text", ["on the fence", "hmm, in two minds", "I'd need to think about that", "unclear at the moment"]
)
def test_undecided_is_not_sure(plan, text):
    assert read(plan, text)[1] == "unsure"


def test_the_role_said_before_the_answer_is_read_past(plan):
    assert read(plan, "As the team manager I'd say no, changes hold on unannounced visits") == ("sure", "no")
    assert read(plan, "DSL here - yes, she knows", "q_dsl_knows") == ("sure", "yes")
