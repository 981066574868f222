"""The check summary beside the level: its reasons with the answers, what would move it, and the uncertainty."""

from __future__ import annotations

import datetime as dt

import pytest
from test_threshold import answers

from bot.knowledge.loader import load
from bot.reasoning.threshold import assess
from bot.reports.summary import check_summary
from bot.walks.check_plan import Plan

WHEN = dt.datetime(2026, 11, 23, 9, 30)


def summary(given, kb, plan) -> str:
    return check_summary("TEST-1", WHEN, given, {}, assess(given, kb, plan), kb, plan)


@pytest.fixture(scope="module")
def bwd():
    kb = load(profile="bwd")
    return kb, Plan(kb)


def test_reasons_list_the_answers_that_met_them(kb, plan):
    text = summary(answers(seen={"physical_neglect": ("persistent", "serious")}), kb, plan)
    assert "point towards Child protection" in text
    why = text.split("Why")[1].split("What would move it")[0]
    assert (
        "Your answers: Physical neglect (seen): yes; Physical neglect (pattern): persistent, most of the time; "
        "Physical neglect (impact): serious impact or harm." in why
    )


def test_the_summary_says_what_would_move_the_level_up_and_down(kb, plan):
    text = summary(answers(seen={"educational_neglect": ("comes_and_goes", "some")}), kb, plan)
    assert "point towards Child in need" in text
    moves = text.split("What would move it:")[1].split("Suggested next steps")[0]
    assert "Up, if one answer were different:" in moves
    assert "- if Educational neglect (impact) were 'serious impact or harm': Child protection" in moves
    assert "Down, if one answer were different:" in moves
    assert "- if Educational neglect (impact) were 'no clear impact yet': Early help" in moves


def test_the_summary_counts_what_you_were_not_sure_about_and_what_finding_out_would_change(kb, plan):
    given = answers(seen={"physical_neglect": ("comes_and_goes", "none_yet")}, possible=("emotional_neglect",))
    text = summary(given, kb, plan)
    assert "point towards Early help" in text
    assert (
        "You were not sure about 3 things: Emotional neglect (seen), Emotional neglect (pattern), "
        "Emotional neglect (impact)." in text
    )
    assert "'Not sure' never raises the level by itself." in text
    change = text.split("What would change the picture:")[1].split("Try to find out")[0]
    assert "Emotional neglect (seen) and Emotional neglect (impact) were 'yes, some impact': Child in need" in change


def test_blackburn_with_darwen_shows_its_levels_and_consent_at_levels_2_and_3(bwd):
    kb, plan = bwd
    eh = summary(answers(seen={"nutritional_neglect": ("comes_and_goes", "none_yet")}), kb, plan)
    assert "point towards Level 2 of the CoNR" in eh
    assert "Consent: At level 2 of the CoNR help can only be given with the parents' consent" in eh
    cin = summary(answers(seen={"nutritional_neglect": ("comes_and_goes", "some")}), kb, plan)
    assert "point towards Level 3 of the CoNR" in cin
    assert "Consent: Level 3 of the CoNR also needs the parents' consent" in cin
    assert "- if Nutritional neglect (impact) were 'serious impact or harm': Level 4 of the CoNR" in cin
    cp = summary(answers(seen={"nutritional_neglect": ("persistent", "serious")}), kb, plan)
    assert "point towards Level 4 of the CoNR" in cp and "does not wait for it" in cp


def test_a_withheld_consent_at_early_help_is_named(kb, plan):
    text = summary(answers(engagement="hostile", seen={"supervision_neglect": ("persistent", "none_yet")}), kb, plan)
    assert "point towards Early help" in text
    assert "they are avoiding or refusing it" in text
