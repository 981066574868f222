"""Danger, session 17 (S17-DI16, issue 18): the classes danger_dev27 and dev28's misses and false alarms share
with other writers' sets, both ways.

Misses read as classes (danger.yml broad_readings): a child at an open height going over it, told tersely
(child_over_open_height); a young child with nobody there and the carer gone out, told tersely or as a
mid-check answer (young_child_left_alone); a baby left in a pram, or pushed into the road, and the adult gone
(baby_left_adult_gone). Holes in older readings: a drunk carer about to drive when something else happened
"ten minutes ago" (drunk_carer_about_to_drive), a medicine named only by the question ("she took them ...
the whole box", swallowed_medicine), a child who cannot feel his legs (child_red_sign), and the ambulance that
has just taken the child (child_red_sign's help_here, the words S16-DI15 gave the near-miss shapes). A
near-miss shape: an older child on their own with a parent in touch who checked or met them, and the child
fine (parent_in_touch). The same frames told acute, or as the past, a question or a habit, are tested the
other way. Invented wording, not copied from any set."""

from __future__ import annotations

import pytest

from bot.lang.danger_broad import broad_reading
from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

READINGS = ("child_over_open_height", "young_child_left_alone", "baby_left_adult_gone")

ACUTE = [
    # child_over_open_height, told tersely
    "bus driver. little girl. open top floor window. leaning out. no adult",
    "the 3 year old is hanging out of the upstairs window at number 4 and nobody answers the door",
    "the balcony door's been left open and the toddler is crawling out onto it, there's a gap in the rail",
    # young_child_left_alone
    "nobody. dad went out at lunchtime, the twins are 3 and 5 and the chip pan is on",
    "4yo, on her own, 2 hours, mum left at 7, crying at the window",
    "right now the baby is on his own, mum's been arrested and no one has come for him",
    # baby_left_adult_gone
    "a man has pushed the buggy into the road with the baby in it and run off",
    "mum's left the baby in the pushchair outside the chemist and gone, she's not answering her phone",
    # holes in older readings
    "she took them half an hour ago, the whole packet, and now she's sleepy",
    "football coach. training ended five minutes ago. dad stinks of drink, can barely walk, and he's strapping "
    "his son into the car and starting the engine",
    "a boy of 9 fell off the wall onto his back and he says he can't move his legs",
]

NOT_NOW = [
    # a height in the past, put right, or asked about
    "last week the toddler leaned out of the open window but mum pulled him in and the council fitted restrictors",
    "what should a window cleaner do if he sees a toddler leaning out of an open window?",
    # a young child alone, with the carer back or a neighbour in, or the past
    "the 4 year old was on her own for a few minutes when mum went out to the bin, she's back now",
    "the 3 yo was alone last night when mum left for the shop, the neighbour was in with him",
    "does it count as neglect if mum leaves the 5 year old on his own while she goes out?",
    # a drive stopped long ago, a whole box of something else, a leg gone to sleep
    "dad was drunk and drove off with the kids in the car three years ago, he was banned, it's in the chronology",
    "the kids ate a whole box of cereal between them, I took them to the shop after",
]

# the near-miss shape of this pass
NEAR_MISSES = [
    "taxi driver: a girl of about 12 rode alone tonight but her dad was meeting her at the station, and he was "
    "there waiting when we got in",
    "the 14 year old is home alone today with a cold, his dad has rung to check on him and he answered the door fine",
]

# the same frames, acute
ACUTE_IN_THOSE_FRAMES = [
    "a girl of about 12 rode alone tonight, she said her dad was meeting her but he wasn't there and she's crying",
    "the 13 year old is home alone, mum rang to check on him and he's bleeding heavily from a cut and feels faint",
    "the 4 year old is home alone, mum rang to check on him and he answered the door fine",
]

# the ambulance has the child: no broad red sign (S16-DI15's words for the shapes, now in help_here)
TAKEN = "the toddler upstairs was having a fit but the ambulance has just taken her and her dad, I'm the neighbour"


@pytest.mark.parametrize("text", ACUTE)
def test_these_classes_told_now_get_the_999_answer(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", ACUTE[:8])
def test_the_new_readings_hear_them(text):
    assert any(broad_reading(text, only=name) for name in READINGS), text


@pytest.mark.parametrize("text", NOT_NOW)
def test_the_same_words_not_told_now_get_no_999_answer(text):
    assert not decide_danger(text).immediate, text


# the rules' own signals catch these two ("locked", "left the baby in the pram", left as they are); the new
# readings do not fire on them
NOT_THE_READING = NOT_NOW + [
    "the 2 year old was sitting on the window sill yesterday, the window is now locked",
    "mum left the baby in the pram outside the office for a minute and walked off to the bin, we could see him",
]


@pytest.mark.parametrize("text", NOT_THE_READING)
def test_no_new_broad_reading_fires_on_them(text):
    for name in READINGS + ("swallowed_medicine", "drunk_carer_about_to_drive", "child_red_sign"):
        assert not broad_reading(text, only=name), (name, text)


def test_the_ambulance_that_has_taken_the_child_is_help_there():
    assert not broad_reading(TAKEN, only="child_red_sign")
    assert broad_reading("the toddler upstairs is having a fit and her dad has no phone", only="child_red_sign")


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_in_this_frame_gets_no_999_answer(text):
    assert near_miss_form(text) == "parent_in_touch", text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", ACUTE_IN_THOSE_FRAMES)
def test_the_same_frame_acute_gets_the_999_answer(text):
    assert near_miss_form(text) == "", text
    assert decide_danger(text).immediate, text


# dev28's misses this pass did not read (one set each): an invented form of each, a known miss
KNOWN_MISSES = [
    "hes right up the electricity pylon behind the rec",
]


def test_a_dad_holding_a_childs_hand_to_a_hot_surface_now():
    # a known miss until S22-DL23: the learned opinion refitted on dev..dev38 (lr C 32, p >= 0.95) catches it
    assert decide_danger(
        "a dad at soft play is pressing his toddler's hand onto the hot urn to punish him, right now"
    ).immediate


@pytest.mark.xfail(
    strict=True,
    reason="a known miss (one set, danger_dev28): a child up a pylon told as an answer with no child word; "
    "not read this pass",
)
@pytest.mark.parametrize("text", KNOWN_MISSES)
def test_known_misses(text):
    assert decide_danger(text).immediate, text


# noticed writing this pass's acute counterparts (no dev set shows it), a strict xfail until S17-DI17: danger_alone's
# older-child exclusion cleared an intruder getting in to a teenager home alone; it now clears only the being alone
def test_an_older_child_home_alone_with_an_intruder_now():
    text = "the 15 year old home alone says a man is trying to kick the door in right now, his mum can't get here"
    assert decide_danger(text).immediate


def test_no_dev_danger_item_has_this_pass_s_shape(danger_dev_items):
    shaped, total = [], 0
    # the dev sets up to the ones this pass read (never a set being written: danger_dev29, dev30)
    for item in danger_dev_items(28):
        if item["label"] == "danger":
            total += 1
            if near_miss_form(item["text"]) == "parent_in_touch":
                shaped.append(item["id"])
    assert total >= 1400
    assert shaped == []
