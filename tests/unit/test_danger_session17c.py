"""Danger, session 17 (S17-DI18, issue 18): four classes the lead found by typing invented practitioner
messages, both ways. Invented wording, not copied from any set; no dev set has these classes' items.

(a) a young or primary-age child gone from school now is missing (danger_missing: "ran off from the
    playground", "missing from school since lunch", "left the school grounds"; "missing lessons" is not an
    exercise's lesson, context.not_framing); a child back in class or caught at the gate is dealt with.
(b) a lasting condition not taken to the GP or a doctor is medical neglect, for the check (near-miss shape
    lasting_condition_no_gp); refusing A&E or a doctor for an injury or a fever now stays an emergency.
(c) a prescription nobody collected is no child without an adult (danger_no_adult not_followed_by); a lasting
    housing hazard the landlord won't fix is for the check (near-miss shape reported_housing_hazard), a child
    touching it now is not.
(d) "no children in the house" no longer rules out a child told as there after all (context.child_here)."""

from __future__ import annotations

import pytest

from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

ACUTE = [
    # (a) a child gone from school now
    "9 year old missing from school since lunch, ran off from the playground, police not called yet",
    "missing lessons again today, and now nobody knows where she is, she's 9 and left the school grounds an hour ago",
    "he's been missing lessons all week and now the school can't find him, he left at 11 and isn't answering his phone",
    "year 3 boy ran out of school at break, staff are searching the streets now",
    "she's 7 and walked out of the school gates 20 minutes ago, school can't find her",
    "she is 5 and ran out of the nursery gates, staff can't find her",
    # (b) an injury or a fever now, help refused
    "his arm is badly swollen after he fell off the wall and mum won't take him to A&E",
    "she has a high temperature and a rash for two days, mum won't take her to the doctor",
    "the baby rolled off the bed and mum won't take her to the doctor",
    "asthma attack, he's wheezing and mum won't take him to the GP",
    "he has a rash that doesn't fade under a glass and mum won't take him to the GP",
    "his tooth abscess has made his face swell up and mum won't take him to the dentist",
    # (c) a child at the hazard now, or in need now
    "there are exposed wires in the bathroom, the landlord won't fix them, and the toddler is playing with them now",
    "her inhaler has run out, she's struggling to breathe and nobody has collected the prescription",
    "nobody has collected him from nursery and it's 6pm",
    # (d) a child there after all
    "no children in the house normally, but her 4 year old grandson is staying and she's collapsed",
    "they don't have kids but the grandchildren are staying the weekend and grandad has collapsed",
]

NOT_NOW = [
    # (a) missing school as absence, or the child back
    "he has been missing from school since September, attendance is 40%",
    "missing lessons all term, attendance officer involved",
    "she's been missing lessons again, mum says she's at home with her",
    "6 year old ran off from the playground but a teacher caught him at the gate, he's back in class",
    "ran off from school at lunch but came back after 10 minutes and is in class now",
    # (b) a lasting condition, no GP
    "parents haven't taken him to the GP about his eczema",
    "he has had a rash for weeks and mum hasn't taken him to the doctor",
    "they don't take her to the GP, her asthma is poorly controlled",
    "she has headlice and sores on her scalp, mum hasn't taken her to the GP",
    "mum refuses to take him to the GP for his bedwetting",
    "she's had a cough for months and dad won't take her to the doctors",
    # (c) a thing not collected, a hazard reported and not fixed
    "her asthma inhaler has run out again and nobody has collected the prescription",
    "there are exposed wires in the bathroom and the landlord won't fix them",
    # (d) no child there
    "adults only, children staying with paternal grandparents this week, dad is threatening to kill mum",
    "no kids in the house, the kids are staying with their dad, he has collapsed",
    "adults only - no children in the property; her son is 30. he is threatening to stab her",
]


@pytest.mark.parametrize("text", ACUTE)
def test_acute_forms_get_the_999_answer(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NOT_NOW)
def test_not_now_forms_are_for_the_check(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text, shape",
    [
        ("parents haven't taken him to the GP about his eczema", "lasting_condition_no_gp"),
        ("there are exposed wires in the bathroom and the landlord won't fix them", "reported_housing_hazard"),
    ],
)
def test_the_shapes_take_back_the_catch(text, shape):
    assert near_miss_form(text, "danger_medical" if "GP" in text else "danger_hazard") == shape
    assert "near-miss" in decide_danger(text).reason


def test_no_dev_danger_item_has_this_pass_s_shapes(danger_dev_items):
    shaped, total = [], 0
    # the dev sets up to the ones this pass read (never a set being written: danger_dev29, dev30)
    for item in danger_dev_items(28):
        if not isinstance(item, dict) or item.get("label") != "danger":
            continue
        total += 1
        if near_miss_form(item["text"]) in ("lasting_condition_no_gp", "reported_housing_hazard"):
            shaped.append(item.get("id"))
    assert total > 1000
    assert not shaped
