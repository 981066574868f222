"""Danger, session 18 (S18-DI19, issue 18): the classes danger_dev29 and dev30's misses and false alarms show, both
ways. Invented wording, not copied from any set (docs/safety.md, "Danger, session 18 (S18-DI19)").

Broad readings (danger.yml broad_readings): a child gone or taken with a man nobody knows or a much older man
(child_with_unknown_man); an adult holding a child's hand to something hot (held_to_heat_now); fire or fuel with a
child inside or held (fire_with_child_there); a child stuck where the tide or a train is coming
(stuck_as_tide_or_train_comes); and three narrow ones of one item each (swallowed_and_frothing, held_by_live_wire,
girl_cut_today).

Near-miss shapes (danger.yml near_miss_forms): a question about a setting's policy, rule or plan
(policy_or_plan_question); a case review or reflective log (case_review_or_reflective_log); the emergency services
already with them (services_with_them_now); and four narrow ones (last_year_and_gone_now, sober_sitter_has_them,
adult_seizure_over, past_and_sorted)."""

from __future__ import annotations

import pytest

from bot.lang.danger_broad import broad_reading
from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

READINGS = (
    "child_with_unknown_man",
    "held_to_heat_now",
    "fire_with_child_there",
    "stuck_as_tide_or_train_comes",
    "swallowed_and_frothing",
    "held_by_live_wire",
    "girl_cut_today",
)
SHAPES = (
    "policy_or_plan_question",
    "case_review_or_reflective_log",
    "services_with_them_now",
    "last_year_and_gone_now",
    "sober_sitter_has_them",
    "adult_seizure_over",
    "past_and_sorted",
)

# (text, the reading that reads it)
ACUTE = [
    (
        "youth worker. a girl from our group, 14, has just gone off with a man about 35 in a silver car, "
        "she doesn't know him",
        "child_with_unknown_man",
    ),
    (
        "my 12 yr old niece says she's meeting an older man from an app at the station at 8, "
        "she's already left the house",
        "child_with_unknown_man",
    ),
    (
        "swim teacher. a man I've never seen before has just taken a boy of about 5 out of the fire exit with him",
        "child_with_unknown_man",
    ),
    (
        "nursery worker, mum's new partner is holding the toddler's hand on the hob to teach him a lesson",
        "held_to_heat_now",
    ),
    ("through the window I can see dad pressing his son's arm against the hot iron", "held_to_heat_now"),
    ("the caravan is on fire and the kids are still inside", "fire_with_child_there"),
    ("he's poured petrol on the doorstep and the children are inside with the baby", "fire_with_child_there"),
    ("she's got the baby and a lighter and she's screaming at us", "fire_with_child_there"),
    ("the lad is stuck in the sand by the pier and the tide is coming in fast", "stuck_as_tide_or_train_comes"),
    (
        "two boys are on the tracks by the crossing and the next train is due in 5 minutes",
        "stuck_as_tide_or_train_comes",
    ),
    ("she drank some of the bleach and she's foaming at the mouth", "swallowed_and_frothing"),
    ("the 3 year old bit through a live cable and can't let go", "held_by_live_wire"),
    ("the girl said 'the woman is cutting my cousin today at nan's house'", "girl_cut_today"),
]

# told as the past, as a habit, with help there, or with nothing to fear
NOT_NOW = [
    (
        "last year a girl from our group went off with a man about 35, police found her the same night, "
        "she's in foster care now"
    ),
    "she was seen meeting an older man in 2022, there's a CSE plan and she's at school today",
    "dad's new girlfriend is 30 and the kids have met her, they seem to like her",
    "he held his hand on the radiator to warm it up, he'd been out in the snow",
    "the chip pan was on fire last week but mum put it out and everyone is fine",
    "we had a fire drill today and the kids all went out with their coats on",
    "the kids love watching the trains go past the bottom of the garden",
    "we went to the beach and got stuck in the traffic coming home",
    "he drank the milk at 6 and is settled in his cot now",
    "the landlord left bare cables in the hallway, I've reported it to environmental health",
    "my sister is cutting my little sister's hair today",
    "the council is cutting our funding for the young carers group",
]

# (text, the shape that takes the catch back)
SHAPED = [
    (
        "swimming club. our rule is under 9s need a parent poolside, a dad keeps dropping his 8 yr old "
        "and going to the gym. safeguarding issue or just our policy?",
        "policy_or_plan_question",
    ),
    (
        "are bus drivers expected to report children travelling alone? an 11 yr old gets the 42 "
        "on his own every morning",
        "policy_or_plan_question",
    ),
    (
        "what should coaches do if a child collapses on the pitch? we're writing our club emergency action plan",
        "policy_or_plan_question",
    ),
    (
        "in the Marbury review the toddler was left alone with a drunk uncle, "
        "what was the learning for health visitors?",
        "case_review_or_reflective_log",
    ),
    ("the paramedics are already with them", "services_with_them_now"),
    ("the flat fire is out and everyone's outside with the fire crew", "services_with_them_now"),
    (
        "she told me last summer her ex threatened the kids, he's gone now. what do I do with that?",
        "last_year_and_gone_now",
    ),
    ("dad's drunk but the childminder is there and sober", "sober_sitter_has_them"),
    (
        "dad had a seizure, it stopped after a minute, he's in the recovery position "
        "and his 16 year old knows his plan",
        "adult_seizure_over",
    ),
    (
        "yesterday a mum turned up drunk at pick up, another mum took her daughter home and dad was in. "
        "it's all sorted, should I log it?",
        "past_and_sorted",
    ),
]

# the same frames with the danger now: the shapes' `unless` or a red sign keeps the catch
SHAPE_ACUTE = [
    "what's our policy? right now a 6 year old is alone in the deep end and nobody is watching",
    "the fire crew are here but the baby is still inside",
    "mum had a seizure, it stopped, but now the toddler isn't breathing",
    "the babysitter is sober but she's passed out too and the 2 year old is alone",
]


@pytest.mark.parametrize("text, reading", ACUTE)
def test_acute_forms_get_the_999_answer(text, reading):
    assert broad_reading(text, only=reading) == reading, text
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NOT_NOW)
def test_not_now_forms_are_no_reading_of_this_pass(text):
    assert not any(broad_reading(text, only=r) for r in READINGS), text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text, shape", SHAPED)
def test_the_shapes_take_back_the_catch(text, shape):
    assert near_miss_form(text) == shape, text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", SHAPE_ACUTE)
def test_the_shapes_keep_the_acute_form(text):
    assert near_miss_form(text) not in SHAPES, text
    assert decide_danger(text).immediate, text


def test_no_dev_danger_item_has_this_pass_s_shapes(danger_pass):
    # the dev sets this pass read, dev..dev30 (never a set being written then)
    shaped, total = danger_pass.shaped(30, SHAPES)
    assert total > 1700
    assert not shaped


def test_no_dev_ordinary_or_near_miss_item_has_this_pass_s_readings(danger_pass):
    assert not danger_pass.read(30, READINGS)


# floors: danger_dev29 and dev30 as measured at the end of this pass (decide_danger; docs/safety.md)
@pytest.mark.parametrize(
    "name, caught, ordinary, near_miss",
    [
        ("danger_dev29.yml", 50, 0, 0),
        ("danger_dev30.yml", 50, 0, 1),
    ],
)
def test_dev29_and_dev30_stay_at_this_pass_s_figures(danger_pass, name, caught, ordinary, near_miss):
    danger_pass.floor(name, caught, ordinary, near_miss, learned=True)
