"""Danger, session 20 (S20-DI21, issue 18): the classes danger_dev33 and dev34's misses and false alarms show,
both ways. Each class is a lexicon of the hazard, written from what practitioners say of it rather than from the
items' words, read in a frame (a child or a pronoun for one, a present state, the hazard relation) and guarded by
the project's context readings (the past, a practice question, help there, the child out or down). Invented
wording, not copied from any set (docs/safety.md, "Danger, session 20 (S20-DI21)").

Broad readings (danger.yml broad_readings), new: a child in deep water now (child_in_water_now), under or hit by a
vehicle (child_under_or_hit_by_vehicle), slipping or caught at a height (child_slipping_or_caught_at_height), an
animal attack going on (animal_attack_going_on), self-harm told in a quoted message (self_harm_told_in_a_message),
a ligature being set up (ligature_being_set_up), many tablets just taken (many_tablets_just_taken). A class may be
written as a frame of other classes ("<<name>>", bot/lang/danger_broad.py).

Near-miss shapes (danger.yml near_miss_forms), new: a joke told with a laugh (joke_told_with_a_laugh), a worry
said not to be now (said_not_now), an adult getting the child down and all fine (adult_getting_them_down);
extended: figure_of_speech (a threat shouted at a mate during a game), fire_over_no_one_hurt (the fire service put
the fire out), services_have_it and red_flags_done (the ambulance has left with the child). Rules: danger_alone is
not help that left with the child; danger_no_adult is not who lives in the home; serious_injury_now is not bleeding
that has stopped."""

from __future__ import annotations

import pytest

from bot.lang import danger_policy
from bot.lang.danger_broad import _composed, broad_reading
from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

READINGS = (
    "child_in_water_now",
    "child_under_or_hit_by_vehicle",
    "child_slipping_or_caught_at_height",
    "animal_attack_going_on",
    "self_harm_told_in_a_message",
    "ligature_being_set_up",
    "many_tablets_just_taken",
)
SHAPES = ("joke_told_with_a_laugh", "said_not_now", "adult_getting_them_down")

# told as now: the reading fires and the message gets the 999 answer
ACUTE = [
    ("she's in the river", "child_in_water_now"),
    ("the 4 year old is in the pond and I can't see mum anywhere", "child_in_water_now"),
    ("there's a pushchair upside down in the canal", "child_in_water_now"),
    ("the lad has slipped into the lock", "child_in_water_now"),
    ("the little one is face down in the paddling pool", "child_in_water_now"),
    ("he's under the wheels of the tractor", "child_under_or_hit_by_vehicle"),
    ("the car has just run her over on the drive", "child_under_or_hit_by_vehicle"),
    ("the 6 year old has been run over outside school", "child_under_or_hit_by_vehicle"),
    ("he's dangling off the edge of the flat roof", "child_slipping_or_caught_at_height"),
    ("she's got her head stuck in the balcony railings", "child_slipping_or_caught_at_height"),
    ("the dog's got hold of the baby and won't let go", "animal_attack_going_on"),
    ("the staffy is still on his leg", "animal_attack_going_on"),
    ('her snapchat says "ive taken the lot"', "self_harm_told_in_a_message"),
    ('his note says "this is goodbye"', "self_harm_told_in_a_message"),
    ('dad messaged "im taking the kids with me"', "self_harm_told_in_a_message"),
    ("he's tying a belt to the curtain pole", "ligature_being_set_up"),
    ("she's knotted a scarf round the stair rail", "ligature_being_set_up"),
    ("twenty co-codamol, about 15 mins ago", "many_tablets_just_taken"),
    ("all 40 of them, just now", "many_tablets_just_taken"),
]

# the same hazards told as the past, as the water's or the road's everyday company, handled, or asked about in
# practice: no reading of this pass, no 999 answer
NOT_NOW = [
    "he fell in the canal last summer",
    "they live on a canal boat",
    "the ambulance crew have him out of the water",
    "what should staff do if a child falls in the river on a trip?",
    "we take the nursery to feed the ducks at the pond",
    "he was in the river with his dad fishing",
    "she's in the sea with her cousins at the beach",
    "the kids are in the pool with the lifeguard",
    "the buggy is by the canal, baby is asleep in it",
    "the boy was under the lorry before the fire brigade freed him",
    "is a child hit by a car always a section 47?",
    "he's under the car with his dad fixing the brakes",
    "the ball's under the car",
    "his head got stuck in the railings last week and the fire brigade cut him free",
    "how do we assess risk from railings over the river on the school walk?",
    "he's sliding down the banister for fun, mum says stop",
    "the dog bit him in 2023, it was rehomed",
    "the dog has got hold of her sock again",
    "the dog is still on her bed",
    "should we report a dog that attacked a child last year?",
    'she texted "doing it now" about the homework',
    'mum texted "doing it now" when I asked her to book the GP appointment',
    "she texted 'taking them with me to the park'",
    'she texted "im taking them with me to nan\'s tonight"',
    'he said "ill kill myself if we lose the final" lol',
    'her text last month said "ive done it this time", she\'s had CAMHS since',
    "he tied the rope to the tree for a tyre swing",
    "she's tied the balloons to the bannister for the party",
    "what are the signs a young person may be setting up a ligature?",
    "she took 30 paracetamol last year",
    "all 30 of them went on the coach 10 mins ago",
    "we had 20 referrals an hour ago",
]

# near-miss shapes: the rule catch is taken back
SHAPED = [
    ('the boys were yelling "im gonna kill you" at their mates during football, do I log it?', "figure_of_speech"),
    ("the fire crew have put out the fire in the shed, the kids were at school", "fire_over_no_one_hurt"),
    ("the ambulance has just left with her after she fell off the wall, a broken arm, dad went with her", ""),
    ("lol the lad said he was literally dying after cross country smh", "joke_told_with_a_laugh"),
    ("the 10 year old is home alone a lot, not now, just generally", "said_not_now"),
    ("there's a boy on the garage roof, his mum is getting him down now, all fine", "adult_getting_them_down"),
]

# the same frames with the danger now: the shapes' `unless` or a red sign keeps the catch
SHAPE_ACUTE = [
    "lol no seriously the kid isnt breathing",
    "there's a boy on the roof, his mum is getting him down but he's slipping",
    "the ambulance has just left with her but her brother is not breathing",
    "the boys were yelling 'im gonna kill you' during football and one has a knife now",
    "home alone a lot, not now, just generally, but right now the baby is alone in the flat",
]


@pytest.mark.parametrize("text, reading", ACUTE)
def test_acute_forms_get_the_999_answer(text, reading):
    assert broad_reading(text, only=reading) == reading, text
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NOT_NOW)
def test_not_now_forms_are_no_reading_of_this_pass(text, monkeypatch):
    assert not any(broad_reading(text, only=r) for r in READINGS), text
    monkeypatch.setattr(danger_policy, "danger_probability", lambda text: None)
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text, shape", SHAPED)
def test_the_shapes_take_back_the_catch(text, shape):
    if shape:
        assert near_miss_form(text) == shape, text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", SHAPE_ACUTE)
def test_the_shapes_keep_the_acute_form(text):
    assert near_miss_form(text) not in SHAPES, text
    assert decide_danger(text).immediate, text


def test_help_that_left_with_the_child_is_no_child_left():
    assert not decide_danger("police have just left with the boy").immediate
    assert decide_danger("mum has just left with the 8 year old in charge of the baby").immediate


def test_who_lives_in_the_home_is_not_who_is_there_now():
    assert not decide_danger("no one else lives there").immediate
    assert decide_danger("no one is home with the 2 year old").immediate
    assert decide_danger("no one else lives there and nobody is home with the baby now").immediate


def test_bleeding_that_has_stopped_is_no_serious_injury_now():
    assert not broad_reading("loads of blood from his knee at first but it's stopped now", only="serious_injury_now")
    assert broad_reading("there's loads of blood from his knee and it won't stop", only="serious_injury_now")


def test_a_class_can_be_a_frame_of_other_classes():
    raw = {"who": "(he|she)", "water": "(canal|river)", "frame": "<<who>>'s in the <<water>>"}
    assert _composed(raw["frame"], raw) == "(?:(he|she))'s in the (?:(canal|river))"
    with pytest.raises(ValueError):
        _composed("<<a>>", {"a": "<<a>>"})


def test_no_dev_danger_item_has_this_pass_s_shapes(danger_pass):
    # the dev sets this pass read, dev..dev34 (never a set being written then)
    shaped, total = danger_pass.shaped(34, SHAPES)
    assert total > 1900
    assert not shaped


def test_no_dev_ordinary_or_near_miss_item_has_this_pass_s_readings(danger_pass):
    assert not danger_pass.read(34, READINGS)


# floors: danger_dev33 and dev34 as measured at the end of this pass, the rules with the learned opinion off (a
# refit of the learned opinion moves neither way here; with the learned opinion as committed both sets are 50/50,
# 0/70, 0/30); docs/safety.md
@pytest.mark.parametrize(
    "name, caught, ordinary, near_miss",
    [
        ("danger_dev33.yml", 46, 0, 0),
        ("danger_dev34.yml", 44, 0, 0),
    ],
)
def test_dev33_and_dev34_stay_at_this_pass_s_figures(danger_pass, name, caught, ordinary, near_miss):
    danger_pass.floor(name, caught, ordinary, near_miss)


# -- (the lead, from S20-UX3's probe) a kind of appointment between "missing" and "appointments" ---------------


@pytest.mark.parametrize(
    "text, immediate",
    [
        ("he's been missing dental appointments", False),
        ("she keeps missing hospital appointments for the baby", False),
        ("mum has been missing antenatal appointments", False),
        ("he's been missing since this morning", True),
        ("she's missing, hospital security are looking for her", True),
    ],
)
def test_missing_a_kind_of_appointment_is_no_missing_child(text, immediate):
    assert decide_danger(text).immediate is immediate
