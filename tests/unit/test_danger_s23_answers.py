"""S23-DL24 (issue 18): classes behind danger_dev39 and danger_dev40's misses, many of them typed as
answers mid-check (short, no greeting, often no time word):
- danger_at_height: a child outside a window or a balcony ("hanging out of the bedroom window", "on the
  outside of the balcony railings", "still on the roof"); not washing, a lock, or an adult at the window;
- danger_stuck_in_water: in water and unable to get out, or still under it ("can't get out");
- danger_animal_attack: a dog holding or attacking a child now ("won't let go"); not a dog's things;
- `young`: a guessed age after a child word ("a girl about 2"), so a short time no longer clears a young
  child alone; shaking a child is an acute word;
- a thing kept locked in (`danger_unsafe_home` not_preceded_by) and a child's thing missing
  (`danger_missing` not_containing) are no child shut in or missing.
Phrasings are invented."""

from __future__ import annotations

import pytest

from bot.lang.danger import detect_danger


@pytest.mark.parametrize(
    "text,signal",
    [
        ("a 4 yr old is hanging out of the bedroom window on the second floor", "danger_at_height"),
        ("she's on the outside of the balcony railings, 6th floor", "danger_at_height"),
        ("still on the roof", "danger_at_height"),
        ("toddler sat on the outside window ledge above the shop", "danger_at_height"),
        ("he's in the river up to his waist and can't get out", "danger_stuck_in_water"),
        ("the toddler is still under the water in the pond", "danger_stuck_in_water"),
        ("the neighbours' dog has got the little girl by the leg and won't let go", "danger_animal_attack"),
        ("a staffy's got a 5 year old pinned by the swings", "danger_animal_attack"),
        ("a girl about 2 on her own by the bins on the high street for the last half hour", "danger_alone"),
    ],
)
def test_the_new_readings_catch(text, signal):
    d = detect_danger(text)
    assert d.immediate and d.reason.startswith(signal), d.reason


def test_shaking_a_child_now_is_acute():
    assert detect_danger("right now he's shaking the baby").immediate
    assert not detect_danger("he was shaking the baby last year, it's in the chronology").immediate


@pytest.mark.parametrize(
    "text",
    [
        "mum was hanging washing off the balcony",
        "mum is hanging out of the window having a smoke",
        "the flat has window restrictors, dad fitted a lock on the balcony door",
        "he fell in the pond last summer and couldn't get out, nan pulled him out",
        "she can't get out of the house much since the baby",
        "the dog has her own bed in the kitchen",
        "the dog's got a new lead and the kids walk him",
        "she keeps her tablets locked in a box on top of the fridge",
        "dad keeps the methadone locked in a box in his room",
        "the baby's stair gate is missing",
        "the toddler's bike has gone missing from the shed",
        "a boy of 4 at the school gate waiting for mum",
    ],
)
def test_the_controls_stay_quiet(text):
    assert not detect_danger(text).immediate, detect_danger(text).reason


@pytest.mark.parametrize(
    "text",
    [
        "the 4 year old is missing from the park",
        "dad has locked the kids in the bedroom and gone out",
        "my son's friend is missing since last night",
    ],
)
def test_a_child_missing_or_shut_in_still_fires(text):
    assert detect_danger(text).immediate
