"""Two danger classes of session 22 (the lead; knowledge/language/danger.yml). Every text is invented.

- A child's colour told with a pronoun (danger_medical): "he is blue", "hes purple", "she's going grey" are
  999 signs (NHS: blue, grey or blotchy skin or lips), told of the child word for word; a colour of temper, of
  clothes or of a badge, or one in the past, is not.
- A child dragged or bundled TO a car or van, not only into it (danger_missing): "she is being dragged to his
  car"; dragging bins or one's feet to the car, or a child taken to a car boot sale, is not."""

from __future__ import annotations

import pytest

from bot.lang import danger_policy
from bot.lang.danger_policy import decide_danger


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch):
    # the rules alone: the learned second opinion is measured apart (scripts/danger_loso.py)
    monkeypatch.setattr(danger_policy, "danger_probability", lambda text: None)


@pytest.mark.parametrize(
    "text",
    [
        "he is blue",
        "hes purple and not crying",
        "she's going grey, what do I do",
        "they look blue to me, both of them, the little ones",
        "the toddler's cord got caught on the climbing frame and he's purple",
    ],
)
def test_a_child_s_colour_now_is_danger(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "he went purple with rage when I said no to the tablet",
        "she goes blue in the face shouting at her brother",
        "she is a blue badge holder",
        "his school jumper is blue",
        "he was blue when they found him last year, he has been fine since",
        "if he goes blue call 999",
    ],
)
def test_a_colour_of_temper_clothes_or_the_past_is_not(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "she is being dragged to his car, shes 13",
        "a man is dragging a girl towards a white van by the shops",
        "he's bundling her to the van now",
    ],
)
def test_a_child_dragged_to_a_car_now_is_danger(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        "dad dragged the bins to the car park",
        "mum dragged her feet getting to the car this morning",
        "they dragged him to the car boot sale every sunday",
        "he dragged her to the car last year and police were called",
        "what if a child is dragged to a car",
        # the practice phrase with a slip: "seing" is not mended towards "being" (no exact "=being" in the class)
        "seing child alone next week at school",
    ],
)
def test_bins_feet_a_boot_sale_the_past_or_a_question_is_not(text):
    assert not decide_danger(text).immediate, text
