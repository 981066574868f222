"""Danger in context, twelfth pass (S9-DI7): the shapes of a near-miss told as a whole
(bot/lang/danger_nearmiss.py, `near_miss_forms` in knowledge/language/danger.yml), and three
misses found with invented phrasings in S9-DI6: a violent or arrested adult with the child now
despite a past word, a child of 12 or under minding children overnight, a carer's opinion given
as if it were a safe sign. Every phrasing here is invented (never a dev item's words)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.lang.danger import detect_danger
from bot.lang.danger_nearmiss import near_miss_form
from tests.unit.test_danger_frames_pass11 import ACUTE_BESIDE_NEAR_MISS_WORDS
from tests.unit.test_danger_frames_pass11 import DANGER as PASS11_DANGER

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
# the dev sets only: never the held-out, never the blind set (scripts/eval_danger.py BLIND)
DEV_SETS = ["danger_dev.yml"] + [f"danger_dev{n}.yml" for n in range(2, 14)]

# invented near-misses, one or two per shape, each with its shape
NEAR_MISS_SHAPES = [
    ("my 4 year old nephew has a fever of 38.5, his mum phoned 111, he is still eating and playing", "help_sought"),
    ("she has a small lump on her forehead from the slide, calpol given and she's fine", "help_sought"),
    ("we found the 8 year old behind the sports hall after ten minutes, he is fine", "acted_and_fine"),
    ("dad smelled of drink at pick up but his sister drove the kids home", "safe_adult_present"),
    ("the girl said her mum will murder her for losing her coat, she laughed about it", "figure_of_speech"),
    ("mum was very low yesterday and drank a lot, she is settled today and at the centre", "past_and_fine_now"),
    ("just asking for next time, what should I do when a toddler is alone at a visit", "hypothetical_next_time"),
]

# invented dangers told beside the words of a shape (help sought, someone there, "lol", found):
# the catch stays (a red sign, help refused or not reached, or a danger the shape does not speak to)
DANGER_BESIDE_A_SHAPE = [
    "the baby fell down the stairs and has a big lump, mum won't take him to the doctor",
    "toddler fell out of the first floor window, we're waiting for the GP to call back",
    "she fell off the climbing frame and her wrist looks broken, the first aider is with her, parents on their way",
    "the baby has a fever and isn't feeding, mum refuses to ring 111",
    "the 2 year old fell and hit his head, he's confused and not making sense, mum is calling the doctor",
    "my 6 yr old fell off the trampoline and can't move his legs, GP is closed",
    "the baby is 5 weeks old and has a temp of 38, mum is monitoring",
    "dad will kill him he said, and he meant it, he's got him in the car now",
    "we found him on the roof of the garage, he's fine but he's threatening to jump",
    "the 3 year old fell from the balcony, mum is taking him to the gp",
    "dad is drunk and his partner drove off and left the kids with him",
    "the 14 year old went missing last night and she's with him now, the man from the CSE meeting",
    "his sister is with him now but he's taken 30 paracetamol",
]

# the same shapes with a red sign in them: the catch stays
RED_SIGN_BESIDE_A_SHAPE = [
    "the baby has a temperature of 39 and mum rang 111 but now she is floppy and won't wake",
    "we found him by the canal, he's fine but his lips are blue and he's shivering",
    "her partner is with her now and he is hitting her, the kids are in the room",
    "the boy said dad will kill him lol, but dad has a knife and is shouting at him right now",
    "he bumped his head this morning and the GP said monitor, now he keeps being sick and is drowsy",
]


@pytest.mark.parametrize("text,shape", NEAR_MISS_SHAPES)
def test_a_near_miss_told_whole_has_its_shape(text, shape):
    assert near_miss_form(text) == shape
    assert not detect_danger(text).immediate, detect_danger(text).reason


@pytest.mark.parametrize("text", RED_SIGN_BESIDE_A_SHAPE)
def test_a_red_sign_keeps_the_catch_whatever_the_shape(text):
    assert near_miss_form(text) == ""
    assert detect_danger(text).immediate, text


@pytest.mark.parametrize("text", DANGER_BESIDE_A_SHAPE)
def test_danger_beside_the_words_of_a_shape_stays_caught(text):
    assert detect_danger(text).immediate, text


def test_a_shape_takes_back_only_the_kind_of_danger_it_speaks_to():
    text = "her sister is with her now and staying the night"
    assert near_miss_form(text) == "safe_adult_present"
    assert near_miss_form(text, "danger_alone") == "safe_adult_present"
    assert near_miss_form(text, "danger_self_harm") == ""


@pytest.mark.parametrize("text", PASS11_DANGER + ACUTE_BESIDE_NEAR_MISS_WORDS)
def test_no_invented_danger_has_a_near_miss_shape(text):
    assert near_miss_form(text) == "", text
    assert detect_danger(text).immediate, text


def test_no_dev_danger_item_has_a_near_miss_shape():
    shaped, total = [], 0
    for name in DEV_SETS:
        items = yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
        items = items.get("items", items) if isinstance(items, dict) else items
        for item in items:
            if item["label"] == "danger":
                total += 1
                if near_miss_form(item["text"]):
                    shaped.append(item["id"])
    assert total > 900
    assert not shaped, f"dev danger items with a near-miss shape: {shaped}"


# a violent or arrested adult with the child, told as now, whatever the arrest's date
PERSON_NOW = [
    "her violent ex got arrested back in March, he's out on bail and in the house with the kids right now",
    "the abusive boyfriend was charged last month and he is in the flat with the baby now",
    "mum's partner came out of prison in the summer and he's inside the house with the twins right now",
]
PERSON_NOT_NOW = [
    "her ex was arrested in March and he is on remand now",
    "the boyfriend was charged last month, he's staying at his brother's now and has no contact",
    "the 15 year old was arrested last night and he is in the house now with his mum",
    "her violent ex was in the flat with the kids in March but he's been arrested since",
]

# a child of 12 or under in charge of younger children overnight
MINDING_NOW = [
    "an 11 year old has been left looking after his two baby sisters overnight, both parents are abroad",
    "mum went to Ibiza and left her 10 yr old in charge of the toddlers all night",
    "the 12 yr old is minding the three little ones overnight again, nobody else is at the flat",
]
MINDING_NOT_NOW = [
    "the 15 year old is minding her little brother overnight while mum works, nan is next door",
    "the 12 year old used to babysit her brothers overnight when mum did nights, that stopped in 2024",
    "the 11 year old stayed overnight at his aunt's while mum was away",
    "at what age can a 12 year old look after younger children overnight?",
]

# a carer's opinion is not a safe sign; the practitioner's or a doctor's is
OPINION_NOW = [
    "the 2 yr old swallowed some bleach twenty minutes ago, his mum thinks he's ok",
    "toddler got into the dishwasher tablets and ate one, dad reckons she's fine",
]
OPINION_SETTLED = [
    "the 2 yr old swallowed some bleach twenty minutes ago, I think he's ok, he's been checked at a&e",
    "the toddler swallowed a dishwasher tablet, the GP saw her and thinks she's fine",
    "the 2 yr old drank bleach last year, his mum thinks he's fine now",
]


@pytest.mark.parametrize("text", PERSON_NOW + MINDING_NOW + OPINION_NOW)
def test_the_three_misses_are_caught(text):
    assert detect_danger(text).immediate, text


@pytest.mark.parametrize("text", PERSON_NOT_NOW + MINDING_NOT_NOW + OPINION_SETTLED)
def test_their_controls_stay_no_emergency(text):
    found = detect_danger(text)
    assert not found.immediate, f"{text}: {found.reason}"
