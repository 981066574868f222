"""Session 21 (issue 19, S21-LK14): typed answers read by class, from answers_dev21's misses (a reason
after a dash, the practitioner's doubt, lengths anchored to school years, holidays, checks and life
stages, two parental factors in slang, British slang and abbreviations): the school calendar and a
stage of the child's life as the start of a length, a later school year said as where the child is,
two worries of different lengths asked, ages said loosely or by two sources, weeks old and weeks of
40, dialect words for nothing, everyday words for each parental factor and strength, two carers read
differently at the disguised-compliance question, and an answer placed between two options. Each
class both ways; texts invented.

The dev21 floors are what was measured with `python scripts/eval_listening.py --split dev21 --no-sim`
after this work (answers_dev21 is in sample: its misses were read to find the classes)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.lang.age import parse_age
from bot.lang.answer_anchors import school_date
from bot.lang.answer_voice import spoken
from bot.lang.answers import read_answer

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 5)


def _read(plan, qid: str, text: str, today: date = TODAY) -> tuple[str, str]:
    r = read_answer(plan.by_id[qid], text, today)
    return (r.status, r.value) if r is not None else ("none", "")


# -- the school calendar as the start of a length ----------------------------------------------------
def test_a_half_term_a_term_or_a_holiday_is_a_date():
    assert school_date("since the october half term", TODAY)[0] == date(2026, 10, 26)
    assert school_date("since the start of term", TODAY)[0] == date(2026, 9, 3)
    assert school_date("since the start of term", date(2027, 2, 1))[0] == date(2027, 1, 5)
    assert school_date("since the summer hols last year", TODAY)[0] == date(2025, 7, 22)
    # controls: a term said of no date, a holiday no calendar names
    assert school_date("since the long-term plan was agreed", TODAY) is None
    assert school_date("since the camping holiday", TODAY) is None


def test_a_length_told_by_the_school_calendar(plan):
    assert _read(plan, "q_duration", "since the autumn half term") == ("sure", "under_3m")
    assert _read(plan, "q_duration", "since the start of the spring term", date(2027, 6, 1)) == ("sure", "3_to_12m")
    assert _read(plan, "q_duration", "since the easter holidays") == ("sure", "3_to_12m")
    # an amount said beside the date is the practitioner's own reckoning ("about 6 weeks")
    assert _read(plan, "q_duration", "since the October half term - about 6 weeks") == ("sure", "under_3m")
    assert _read(plan, "q_duration", "well over a year, worse since the summer term") == ("sure", "over_12m")
    # control: a season that is no term stays the season's ("since the summer" is 1 June)
    assert _read(plan, "q_duration", "since the summer") == ("sure", "3_to_12m")


def test_a_stage_of_the_childs_life_and_the_age_now(plan):
    assert _read(plan, "q_duration", "since he moved up from the baby room - he's 4 now") == ("sure", "over_12m")
    assert _read(plan, "q_duration", "since she was a toddler, she is 9") == ("sure", "over_12m")
    # the age now leaves two bands open: asked, never guessed
    assert _read(plan, "q_duration", "since she was a baby - she's 16 months now")[0] == "ask"
    # control: a length said after the stage is no age now
    assert _read(plan, "q_duration", "since he started in the baby room, 5 months back") == ("sure", "3_to_12m")


def test_a_later_school_year_said_as_where_the_child_is(plan):
    assert _read(plan, "q_duration", "since Y8 - she's in Y10") == ("sure", "over_12m")
    assert _read(plan, "q_duration", "from year 2, he's now in year 4") == ("sure", "over_12m")
    # control: the same school year then and now is this school year so far (September to December)
    assert _read(plan, "q_duration", "since Y9 - he's in Y9") == ("sure", "3_to_12m")


def test_two_worries_of_different_lengths_are_asked(plan):
    status, _ = _read(plan, "q_duration", "the lateness for two years but the dirty clothes only since half term")
    assert status == "ask"
    # control: one worry that got worse is its length
    assert _read(plan, "q_duration", "over a year but worse in the last few weeks") == ("sure", "over_12m")


# -- ages ------------------------------------------------------------------------------------------
def test_ages_said_loosely_agree_on_a_band(plan):
    assert _read(plan, "q_age", "rising 4s - so 3 and a bit") == ("sure", "toddler")
    assert _read(plan, "q_age", "rising 5s") == ("sure", "toddler")
    # two loose ages in two bands: asked
    assert _read(plan, "q_age", "rising 5s - so 5ish")[0] == "ask"


def test_two_sources_giving_ages_either_side_of_a_band_are_asked(plan):
    assert _read(plan, "q_age", "the referral says 11, mum says he turned 12 in the summer")[0] == "ask"
    # control: two sources in one band
    assert _read(plan, "q_age", "the referral says 7, mum says he's 8") == ("sure", "primary")


def test_weeks_old_are_a_baby_and_weeks_of_forty_a_pregnancy(plan):
    assert _read(plan, "q_age", "eight weeks old - her first jabs are due") == ("sure", "baby")
    assert parse_age("6 weeks old, his 8 week jabs are due next week").band == "baby"
    assert _read(plan, "q_age", "30/40 - her first baby") == ("sure", "unborn")
    # controls: weeks said of a pregnancy that is due; an age beside weeks of 40 is not the pregnancy
    assert parse_age("34 weeks, due at christmas").band == "unborn"
    assert _read(plan, "q_age", "mum is 25 weeks and due in march") == ("sure", "unborn")


# -- words -----------------------------------------------------------------------------------------
def test_dialect_words_for_nothing_are_read_as_nothing(plan):
    q = plan.by_id["q_strengths"]
    assert spoken(q, "nowt really - sorry") == "nothing really - sorry"
    assert spoken(q, "nothing really") == "nothing really"
    assert _read(plan, "q_strengths", "nowt I can think of - sorry") == ("sure", "none")
    assert _read(plan, "q_parental_factors", "nowt like that, just tired") == ("sure", "none")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bevvies most nights and he's handy with his fists", {"substance_misuse", "domestic_abuse"}),
        ("he's on the pop every weekend", {"substance_misuse"}),
        ("her head's a wreck since the baby", {"mental_ill_health"}),
        ("she's not in a good place and they're always rowing", {"mental_ill_health", "domestic_abuse"}),
        ("she reads at about a year 3 level", {"learning_disability"}),
        ("dad was in and out of care as a kid", {"own_childhood"}),
    ],
)
def test_the_parental_factors_in_more_everyday_words(plan, text, expected):
    r = read_answer(plan.by_id["q_parental_factors"], text, TODAY)
    assert r is not None and r.status == "sure" and set(r.value.split(",")) == expected, (text, r)


def test_everyday_words_that_are_no_parental_factor(plan):
    for text in ("she has the odd glass of wine, nothing more", "the kids are always fighting"):
        r = read_answer(plan.by_id["q_parental_factors"], text, TODAY)
        assert r is None or r.status != "sure" or r.value in ("none", "unsure"), (text, r)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("great-nan has them at weekends", {"supportive_adult"}),
        ("her friend from church is a lifeline", {"supportive_adult"}),
        ("dad's really affectionate with her", {"warm_relationship"}),
        ("attendance is 97% and mum is attentive", {"school_nursery", "warm_relationship"}),
    ],
)
def test_the_strengths_in_more_everyday_words(plan, text, expected):
    r = read_answer(plan.by_id["q_strengths"], text, TODAY)
    assert r is not None and r.status == "sure" and set(r.value.split(",")) == expected, (text, r)


# -- frames ----------------------------------------------------------------------------------------
def test_two_carers_read_differently_at_the_disguised_compliance_question(plan):
    assert _read(plan, "q_dc_signs", "dad yes - mum no, she's open with us")[0] == "ask"
    # control: one carer, one answer
    assert _read(plan, "q_dc_signs", "yes - says all the right things then nothing changes") == ("sure", "yes")


def test_an_answer_placed_between_two_options_is_offered_back(plan):
    assert _read(plan, "q_impact__physical_neglect", "somewhere between some and serious")[0] == "ask"
    assert _read(plan, "q_material", "somewhere in between managing and struggling")[0] == "ask"
    # controls: one option; a range of numbers is the length's own frame
    assert _read(plan, "q_impact__physical_neglect", "some - he's a bit behind with his speech") == ("sure", "some")
    assert _read(plan, "q_duration", "somewhere between 1 and 2 months") == ("sure", "under_3m")


# -- dev21, in sample ----------------------------------------------------------------------------
def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_s21", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()
# measured after this work: every kind 1.00, 235 of 235 right, none stored wrongly (before: age 0.73,
# duration 0.75, parental_factors 0.77, strengths 0.80; 218 right, 13 stored wrongly)
DEV21_FLOORS = {"q_age": 1.0, "q_duration": 1.0, "q_parental_factors": 1.0, "q_strengths": 1.0}
DEV21_MIN_RIGHT, DEV21_MAX_WRONG = 235, 0


@pytest.mark.skipif(not EVAL.load("answers_dev21"), reason="answers_dev21.yml is not in this checkout")
def test_dev21_answers_per_kind_in_sample():
    kinds, harm_none, harm_n = EVAL.eval_answers("dev21")
    low = {k: round(kinds[k].accuracy, 2) for k, f in DEV21_FLOORS.items() if kinds[k].accuracy < f - 1e-9}
    assert not low, low
    assert all(s.accuracy >= EVAL.MIN_ACCURACY for s in kinds.values()), {
        k: round(s.accuracy, 2) for k, s in kinds.items()
    }
    assert harm_n > 0 and harm_none == 0
    right = sum(s.right for s in kinds.values())
    wrong = sum(s.wrong for s in kinds.values())
    misses = [m[:2] for s in kinds.values() for m in s.misses]
    assert right >= DEV21_MIN_RIGHT and wrong <= DEV21_MAX_WRONG, misses
