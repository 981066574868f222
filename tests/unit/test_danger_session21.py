"""Danger readings of session 21 (issue 18): each both ways, invented texts."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "where do we refer for a hearing test? the parents don't want to go via the GP",
        "mum would rather not go through the GP for the speech therapy referral",
    ],
)
def test_a_referral_route_is_no_help_refused(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "he's bleeding badly from his head and mum won't go to hospital",
        "the baby is floppy and dad won't go near a doctor",
        "she can't breathe properly and they're not going to A&E",
    ],
)
def test_help_refused_with_a_sign_is_still_immediate(text):
    assert decide_danger(text).immediate


# -- S21-DI22 (issue 18): the misses and false alarms of danger_dev35 and dev36 by class -----------------------
# Each class is a lexicon of the hazard in the words practitioners use for it across writers, read in a frame (a
# child, a bare age or a pronoun; the hazard; a present state or a short message with no time word), guarded by the
# context readings (the past, a practice question, help there, an adult present, the hazard made safe). Invented
# wording, not copied from any set (docs/safety.md, "Danger, session 21 (S21-DI22)").

from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from bot.lang.danger_broad import broad_reading  # noqa: E402
from bot.lang.danger_nearmiss import near_miss_form  # noqa: E402

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"

READINGS = (
    "young_child_no_one_with",
    "gone_under_not_come_up",
    "child_face_down_now",
    "gas_or_fumes_with_child_inside",
    "stuck_as_water_rises",
    "young_child_alone_in_road",
    "child_swallowed_household_poison",
    "online_contact_waiting_now",
    "sibling_with_adult_who_hurt",
    "still_there_when_i_arrive",
    "young_child_in_road_short",
    "someone_hurting_child_now",
    "threat_to_destroy_with_kids_in_it",
)
SHAPES = (
    "visit_no_answer",
    "adult_turned_out_to_be_there",
    "hazard_made_safe_and_fine",
    "parent_coming_for_mild_illness",
)

CAUGHT = [
    ("young_child_no_one_with", "nobody, he's 2"),
    ("young_child_no_one_with", "no one with her, shes 10 months"),
    ("young_child_no_one_with", "alone, toddler, been like that all morning"),
    ("gone_under_not_come_up", "she went under and hasn't come back up"),
    ("gone_under_not_come_up", "slipped under, never resurfaced"),
    ("child_face_down_now", "shes face down and not moving"),
    ("child_face_down_now", "the toddler is floating face down"),
    ("child_face_down_now", "right now hes face down"),
    ("gas_or_fumes_with_child_inside", "the house stinks of gas and the kids are still inside"),
    ("gas_or_fumes_with_child_inside", "CO alarm beeping, baby asleep upstairs"),
    ("gas_or_fumes_with_child_inside", "flat filling with smoke, toddler in there"),
    ("stuck_as_water_rises", "still stranded, water getting higher"),
    ("stuck_as_water_rises", "she's cut off on the sandbar, tide coming in fast"),
    ("young_child_alone_in_road", "toddler in the middle of the road, no adult"),
    ("young_child_alone_in_road", "a little boy about 3 running between parked cars on his own"),
    ("child_swallowed_household_poison", "the 2yo has drunk some turps"),
    ("child_swallowed_household_poison", "toddler just swallowed a laundry pod"),
    ("child_swallowed_household_poison", "she's eaten slug pellets, shes 4"),
    ("online_contact_waiting_now", "a man she met on snapchat is outside in a car waiting for her"),
    ("online_contact_waiting_now", "the 12 year old says his online friend is on his way to pick him up now"),
    (
        "sibling_with_adult_who_hurt",
        "he says mum burnt him with the iron and his little brother is still at home with mum",
    ),
    ("sibling_with_adult_who_hurt", "her sister is at home with the stepdad who said she'll get the same"),
    ("still_there_when_i_arrive", "if she's still on her own when i get there what do i do? she's 3"),
    ("still_there_when_i_arrive", "if he's still on the ledge when the police arrive should i talk to him?"),
    ("young_child_in_road_short", "hes 3, hes in the road"),
    ("young_child_in_road_short", "she's 18 months and sitting in the street"),
    ("someone_hurting_child_now", "a man has followed her into the toilets and is hitting her"),
    ("someone_hurting_child_now", "her stepdad came home drunk and is kicking him in the hallway now"),
    ("threat_to_destroy_with_kids_in_it", "she says she's going to drive into the river with the baby in the car"),
    ("threat_to_destroy_with_kids_in_it", "he's messaging that he'll crash the car with them both in it"),
]


@pytest.mark.parametrize("name, text", CAUGHT)
def test_a_session21_class_is_caught(name, text):
    assert broad_reading(text, only=name) == name
    assert decide_danger(text).immediate


# controls per class: history, handled, an adult present, practice questions naming the hazard
NOT_READ = [
    ("young_child_no_one_with", "nobody, she's 2 and lives with her mum"),
    ("young_child_no_one_with", "no one, he's 2, mum's with him"),
    ("young_child_no_one_with", "no one knows, she's 2"),
    ("young_child_no_one_with", "no one, she's 15"),
    ("young_child_no_one_with", "nobody at the door, the baby's nan answered later, all fine, she's 2"),
    ("gone_under_not_come_up", "last summer he went under at the pool and didn't come up for a few seconds"),
    (
        "gone_under_not_come_up",
        "what does the guidance say if a child has gone under and not come up at a swimming lesson?",
    ),
    ("gone_under_not_come_up", "she went under and hasn't come up, the lifeguard pulled her out and she's fine"),
    ("child_face_down_now", "she's asleep face down in her cot, is that ok?"),
    ("child_face_down_now", "baby sleeps face down, how do I talk to mum about safe sleep"),
    ("child_face_down_now", "he lay face down on the floor having a tantrum"),
    ("child_face_down_now", "she was face down in the bath last year, the paramedics got her breathing"),
    ("gas_or_fumes_with_child_inside", "the gas engineer turned it off and everyone's fine, the kids were inside"),
    ("gas_or_fumes_with_child_inside", "the flat has no carbon monoxide alarm and a baby lives there"),
    ("gas_or_fumes_with_child_inside", "what are the signs of carbon monoxide poisoning in children?"),
    (
        "stuck_as_water_rises",
        "they were stuck on the sandbank when the tide came in last year, the coastguard got them",
    ),
    ("stuck_as_water_rises", "what should we do if a child is stuck on the mudflats and the tide is rising?"),
    ("young_child_alone_in_road", "a toddler was in the road last week with no adult, mum has been spoken to"),
    ("young_child_alone_in_road", "what should we do if a small child is in the road with no adult?"),
    ("young_child_alone_in_road", "toddler in the road, no adult at first, but mum's with him now"),
    ("child_swallowed_household_poison", "drank bleach as a toddler, years ago"),
    ("child_swallowed_household_poison", "when she was 2 she swallowed a button battery"),
    ("child_swallowed_household_poison", "he nearly drank the white spirit but dad grabbed it"),
    ("child_swallowed_household_poison", "the paramedics are here, she drank some bleach, she's breathing"),
    ("child_swallowed_household_poison", "what should you do if a child drinks bleach?"),
    ("child_swallowed_household_poison", "the 3yo licked a dishwasher tablet, 111 said she'll be fine, just monitor"),
    ("online_contact_waiting_now", "he met a man on roblox last year, police were involved"),
    (
        "online_contact_waiting_now",
        "how do I talk to a 12 year old about people they meet online waiting outside school?",
    ),
    ("online_contact_waiting_now", "a man she met on tiktok was outside school, police have him and she's safe"),
    ("sibling_with_adult_who_hurt", "his sister is at home with dad, dad is lovely"),
    ("sibling_with_adult_who_hurt", "the baby was at home with dad who hit him last year, police dealt with it"),
    ("still_there_when_i_arrive", "what would you do if a child is still alone when you get there?"),
    (
        "still_there_when_i_arrive",
        "if he's still on the ledge when the police arrive? no, they got him down, he's home",
    ),
    ("young_child_in_road_short", "hes 3, lives in the road behind the school"),
    ("young_child_in_road_short", "hes 3, hes in the road with his mum"),
    ("young_child_in_road_short", "she's 2 and was in the road last week"),
    ("young_child_in_road_short", "what if a 2 year old is in the road?"),
    ("someone_hurting_child_now", "a man came in last year and was hitting her, police dealt with it"),
    ("someone_hurting_child_now", "his dad who is hitting him every weekend, what do we do?"),
    (
        "threat_to_destroy_with_kids_in_it",
        "he said last year he'd burn the house down with the kids in it, he's in prison now",
    ),
    ("threat_to_destroy_with_kids_in_it", "how do we assess a dad who says he'll crash the car with the kids in it?"),
    ("threat_to_destroy_with_kids_in_it", "dad will drive the kids into town"),
]


@pytest.mark.parametrize("name, text", NOT_READ)
def test_a_session21_class_keeps_its_controls(name, text):
    assert broad_reading(text, only=name) == ""


@pytest.mark.parametrize(
    "text",
    [
        "drank bleach as a toddler, years ago",
        "he nearly drank the white spirit but dad grabbed it",
        "no one, he's 2, mum's with him",
        "baby sleeps face down, how do I talk to mum about safe sleep",
        "the gas engineer turned it off and everyone's fine, the kids were inside",
        "what should you do if a child drinks bleach?",
        "how do I talk to a 12 year old about people they meet online waiting outside school?",
        "what would you do if a child is still alone when you get there?",
    ],
)
def test_a_session21_control_gets_no_999_answer(text):
    assert not decide_danger(text).immediate


# the false alarms by class: a home visit with no answer, an adult who turned out to be there, a hazard made safe
# and everyone fine, a mild illness with a parent coming, the cold over, a teenager's whereabouts known
@pytest.mark.parametrize(
    "text",
    [
        "nobody in, left a calling card",
        "no one home, will go back on Tuesday",
        "nobody answered, I'll ring mum later",
        "saw a girl up the climbing frame roof, turned out her mum was right beside her holding her",
        "smell of burning from the oven, mum switched it off, opened the windows, everyone fine",
        "a boy has a temperature and a sore throat, we phoned dad and he's on his way to collect him",
        "came in soaked from the rain in just a t-shirt, we lent him a jumper and he's warm in class now",
        "15yo not come home yet but her dad got a message from her mate's mum, she's there and being driven home",
    ],
)
def test_a_session21_false_alarm_class_is_no_emergency(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "nobody home but the baby is crying inside, left a card",
        "no one answered, I can hear the toddler screaming, will try again",
        "turned out his dad was helping him but now he's stuck on the roof and dad's fallen",
        "smell of gas, I turned it off but the kids are still dizzy",
        "temp of 39.5 and she's really drowsy, we rang mum and she's coming",
        "13yo not come home, mum had a text from a man saying she's with him",
    ],
)
def test_a_session21_false_alarm_class_keeps_the_danger(text):
    assert decide_danger(text).immediate


def test_a_conditional_about_now_is_no_hypothetical_but_a_question_still_is():
    assert broad_reading(
        "if the toddler's still on his own when i get there, what then? mum left at 6", only="still_there_when_i_arrive"
    )
    assert not broad_reading("what would you do if a baby is on her own?", only="still_there_when_i_arrive")


def _items(name: str) -> list[dict]:
    data = yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))
    return [i for i in data["items"] if i.get("label") in ("danger", "ordinary", "near_miss")]


def test_no_dev_danger_item_has_this_pass_s_shapes(danger_dev_items):
    # the dev sets this pass read, dev..dev36 (never a set being written: danger_dev37, dev38)
    shaped = [
        i.get("id")
        for i in danger_dev_items(36)
        if isinstance(i, dict) and i.get("label") == "danger" and near_miss_form(i["text"]) in SHAPES
    ]
    assert not shaped


def test_no_dev_ordinary_or_near_miss_item_has_this_pass_s_readings(danger_dev_items):
    read = [
        i.get("id")
        for i in danger_dev_items(36)
        if isinstance(i, dict)
        and i.get("label") in ("ordinary", "near_miss")
        and any(broad_reading(i["text"], only=r) for r in READINGS)
    ]
    assert not read


# floors: danger_dev35 and dev36 as measured at the end of this pass, the rules with the learned opinion off (a refit
# of the learned opinion moves neither way here; with the learned opinion as committed at e0791e6 both sets are
# 50/50, 0/70, 0/30); docs/safety.md
FLOORS = {
    "danger_dev35.yml": {"caught": 45, "ordinary": 0, "near_miss": 0},
    "danger_dev36.yml": {"caught": 47, "ordinary": 0, "near_miss": 0},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_dev35_and_dev36_stay_at_this_pass_s_figures(name, monkeypatch):
    from bot.lang import danger_policy

    monkeypatch.setattr(danger_policy, "danger_probability", lambda text: None)
    items = _items(name)
    caught = sum(decide_danger(i["text"]).immediate for i in items if i["label"] == "danger")
    ordinary = [i["id"] for i in items if i["label"] == "ordinary" and decide_danger(i["text"]).immediate]
    near = [i["id"] for i in items if i["label"] == "near_miss" and decide_danger(i["text"]).immediate]
    floor = FLOORS[name]
    assert caught >= floor["caught"], f"{name}: caught {caught}"
    assert len(ordinary) <= floor["ordinary"], f"{name}: ordinary false alarms {ordinary}"
    assert len(near) <= floor["near_miss"], f"{name}: near-miss false alarms {near}"
