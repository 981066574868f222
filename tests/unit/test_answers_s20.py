"""Session 20 (issue 19, S20-LK13): typed answers said aloud (voice-to-text, no punctuation), read by
class: an opener or hesitation before the answer, numbers as words where a number is read, a value
corrected in the same breath (the last one stands), a yes, no or not-sure opening run straight into
its clause, a scale point then and now, two ages either side of a band's line, school years then and
now as a length, a check or scan at an age then and the age now, and everyday words for the
parental factors. Each class both ways; texts invented.

The dev20 floors are what was measured with `python scripts/eval_listening.py --split dev20 --no-sim`
after this work (answers_dev20 is in sample: its misses were read to find the classes)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.lang.answer_numbers import length_frame
from bot.lang.answer_voice import in_digits, spoken
from bot.lang.answers import read_answer

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 6)


def _read(plan, qid: str, text: str) -> tuple[str, str]:
    r = read_answer(plan.by_id[qid], text, TODAY)
    return (r.status, r.value) if r is not None else ("none", "")


# -- an opener before the answer, no break ---------------------------------------------------------
def test_an_opener_said_before_a_yes_or_no_is_read_past(plan):
    assert _read(plan, "q_dsl_knows", "so yes i told him at lunch") == ("sure", "yes")
    assert _read(plan, "q_seen_alone", "um so no nan is always in the room") == ("sure", "no")
    # control: "so far" is no opener
    q = plan.by_id["q_scale"]
    assert spoken(q, "so far so good i'd say 7") == "so far so good i'd say 7"


def test_a_hesitation_inside_the_answer_is_dropped(plan):
    q = plan.by_id["q_age"]
    assert spoken(q, "she's um 7") == "she's 7"
    assert spoken(q, "she's 7") == "she's 7"


# -- numbers as words ------------------------------------------------------------------------------
def test_numbers_as_words_are_read_where_a_number_is_read(plan):
    assert in_digits("thirty four weeks") == "34 weeks"
    assert in_digits("twenty-one months") == "21 months"
    assert in_digits("since year nine") == "since year 9"
    # a number word that counts no time stays ("there's two": two children)
    assert in_digits("there's two of them") == "there's two of them"
    assert _read(plan, "q_age", "twenty two months") == ("sure", "toddler")
    assert _read(plan, "q_age", "eleven months") == ("sure", "baby")


def test_weeks_of_a_pregnancy_then_and_now_in_words(plan):
    text = "from her scan at eleven weeks and she's twenty nine weeks now"
    assert _read(plan, "q_duration", text) == ("sure", "3_to_12m")
    # control: a few weeks between
    assert _read(plan, "q_duration", "from booking at twenty weeks she's twenty six weeks now") == ("sure", "under_3m")


# -- a value corrected in the same breath: the last one stands ---------------------------------------
def test_a_yes_or_no_corrected_without_a_break_keeps_the_last(plan):
    assert _read(plan, "q_disability", "yes well actually no the assessment came back clear") == ("sure", "no")
    assert _read(plan, "q_uses_support", "no well mostly yes the vouchers went on food") == ("sure", "yes")
    # control: "no" then more about the no is no
    assert _read(plan, "q_uses_support", "no she won't go near the food bank") == ("sure", "no")


def test_a_number_corrected_without_a_break_keeps_the_last(plan):
    assert _read(plan, "q_scale", "six no actually five") == ("sure", "5")
    assert _read(plan, "q_scale", "eight no seven") == ("sure", "7")
    assert _read(plan, "q_age", "ten months no wait fourteen months") == ("sure", "toddler")
    # control: two numbers with no correction between are asked about
    assert _read(plan, "q_scale", "six or seven") == ("ask", "6")


def test_a_choice_corrected_without_a_break_keeps_the_last(plan):
    assert _read(plan, "q_material", "well off no actually they're struggling since he lost his job") == (
        "sure",
        "struggling",
    )
    # control: no correction, the option said first
    assert _read(plan, "q_material", "struggling since he lost his job") == ("sure", "struggling")


# -- an opening run straight into its clause ----------------------------------------------------------
def test_an_opening_said_straight_into_its_clause_is_the_answer(plan):
    assert _read(plan, "q_dc_signs", "no things really have moved on the nursery sees it too") == ("sure", "no")
    assert _read(plan, "q_duration", "i don't know the notes only start this term") == ("sure", "unsure")
    # control: a hedge after the opening stays the opening's ("yes i think so" is no clause of its own)
    q = plan.by_id["q_uses_support"]
    assert spoken(q, "yes i think so the cupboards were full") == "yes i think so the cupboards were full"


# -- a scale point then and now -------------------------------------------------------------------
def test_a_scale_point_then_and_now_is_the_one_now(plan):
    assert _read(plan, "q_scale", "it was a three in the summer now it's a six") == ("sure", "6")
    # control: two points with no then and now are asked about
    assert _read(plan, "q_scale", "three or six") == ("ask", "3")


# -- two ages either side of a band's line ---------------------------------------------------------
def test_two_ages_either_side_of_a_band_are_asked(plan):
    assert _read(plan, "q_age", "four or five not sure which")[0] == "ask"
    assert _read(plan, "q_age", "8 or 9")[0:2] == ("sure", "primary")
    # control: a school year range is no age ("year 2 or 3" with the age said)
    assert _read(plan, "q_age", "seven, year 2 or 3") == ("sure", "primary")


# -- school years then and now as a length ----------------------------------------------------------
def test_school_years_then_and_now_are_a_length(plan):
    assert _read(plan, "q_duration", "since he went into year seven and he's in year nine now") == (
        "sure",
        "over_12m",
    )
    # control: the same school year, since September
    assert _read(plan, "q_duration", "since the start of year 4 and she's still in year 4 now") == (
        "sure",
        "3_to_12m",
    )


# -- a check or scan at an age then, the age now: the time between ---------------------------------
def test_a_check_then_and_the_age_now_are_a_length(plan):
    assert _read(plan, "q_duration", "since her 8 month check, she's 15 months now") == ("sure", "3_to_12m")
    assert _read(plan, "q_duration", "from the 16 week scan, mum's 21 weeks now") == ("sure", "under_3m")
    assert _read(plan, "q_duration", "since the one year check, he's 3 and a half now") == ("sure", "over_12m")
    # control: a check with no age now is no frame of its own (a length said after it is read as before)
    assert length_frame("since the 8 month check, about 6 weeks ago", TODAY) is None
    assert length_frame("since the 2 year check", TODAY) is None


# -- the parental factors in everyday words ----------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("the bloke batters her", {"domestic_abuse"}),
        ("he's off his face most nights", {"substance_misuse"}),
        ("she's in a bad way, can't get out of bed", {"mental_ill_health"}),
        ("she can't read or write", {"learning_disability"}),
        ("she was brought up in care", {"own_childhood"}),
        ("on the lash every weekend and the fella knocks her about", {"substance_misuse", "domestic_abuse"}),
    ],
)
def test_the_parental_factors_in_everyday_words(plan, text, expected):
    r = read_answer(plan.by_id["q_parental_factors"], text, TODAY)
    assert r is not None and r.status == "sure" and set(r.value.split(",")) == expected, (text, r)


def test_everyday_words_for_a_parent_stay_out_of_accounts(plan):
    # "in a bad way" said of the child in an account is no parental factor (answers only)
    r = read_answer(plan.by_id["q_parental_factors"], "the baby is in a bad way", TODAY, account=True)
    assert r is None or "mental_ill_health" not in (r.value or "")


# -- dev20, in sample ----------------------------------------------------------------------------
def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_s20", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()
# measured after this work: age 1.0, dc_signs 1.0, duration 0.94, material 0.94 (15 of 16), scale 1.0
# (before: age 0.87, dc_signs 0.83, duration 0.78, material 0.88, scale 0.77)
DEV20_FLOORS = {"q_age": 1.0, "q_dc_signs": 1.0, "q_duration": 0.94, "q_material": 0.93, "q_scale": 1.0}
DEV20_MIN_RIGHT, DEV20_MAX_WRONG = 245, 4


@pytest.mark.skipif(not EVAL.load("answers_dev20"), reason="answers_dev20.yml is not in this checkout")
def test_dev20_answers_per_kind_in_sample():
    kinds, harm_none, harm_n = EVAL.eval_answers("dev20")
    low = {k: round(kinds[k].accuracy, 2) for k, f in DEV20_FLOORS.items() if kinds[k].accuracy < f - 1e-9}
    assert not low, low
    assert all(s.accuracy >= EVAL.MIN_ACCURACY for s in kinds.values()), {
        k: round(s.accuracy, 2) for k, s in kinds.items()
    }
    assert harm_n > 0 and harm_none == 0
    right = sum(s.right for s in kinds.values())
    wrong = sum(s.wrong for s in kinds.values())
    misses = [m[:2] for s in kinds.values() for m in s.misses]
    assert right >= DEV20_MIN_RIGHT and wrong <= DEV20_MAX_WRONG, misses
