"""Danger, session 17 (S17-DI17, issue 18): ordinary descriptions the rules as first seen read as danger, as
classes other writers wrote too, both ways.

Near-miss shapes (danger.yml near_miss_forms): an adult's danger with no child in it (no_child_in_it), a
practitioner reflecting on a case of their own from the past (reflecting_on_a_past_case), an adult's harm told
as history with the adult gone now (history_and_gone_now), a child "missing" a lesson, a class or the register
(missing_a_lesson). The same frames told with a child in danger now get the 999 answer. And an older child on
their own is ordinary, but an older child on their own with a threat told now is not: the older-child exclusion
clears the being alone, not a threat told beside it (bot/lang/danger.py OLDER_ALONE). Invented wording, not
copied from any set."""

from __future__ import annotations

import pytest

from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

ORDINARY = [
    # no_child_in_it
    (
        "no_child_in_it",
        "about adults only: my neighbour's husband said he'd kill himself last weekend, they don't have kids. "
        "who do I tell?",
    ),
    (
        "no_child_in_it",
        "outreach worker. a 70 year old woman is living with no heating and no food, no children in the flat. "
        "is this one for adult social care?",
    ),
    ("no_child_in_it", "mum's boyfriend threatened to kill his own brother on friday, the kids weren't there"),
    # reflecting_on_a_past_case
    (
        "reflecting_on_a_past_case",
        "i had a case where a baby was left alone in the bath and i missed it, still thinking about it. "
        "how do i learn from it?",
    ),
    (
        "reflecting_on_a_past_case",
        "a family I had years ago, a toddler found wandering by the canal at night. I want to teach new staff "
        "the warning signs",
    ),
    # history_and_gone_now
    (
        "history_and_gone_now",
        "a mum told me her ex used to hit her in front of the kids but they separated years ago and he's in "
        "prison now. how do I record it?",
    ),
    (
        "history_and_gone_now",
        "historic DV, dad threatened to kill her, he's been gone three years, no contact since. mum is asking "
        "about counselling",
    ),
    (
        "history_and_gone_now",
        "the girl said her stepdad used to lock her in the shed but he's gone now, mum split up with him in 2022",
    ),
    # missing_a_lesson
    (
        "missing_a_lesson",
        "year 5 teacher. the boy keeps missing school and missing lessons on fridays, mum says he's poorly",
    ),
    ("missing_a_lesson", "she's been missing madrasah for weeks, her dad says she's busy. is that neglect?"),
]

ACUTE_IN_THOSE_FRAMES = [
    # no_child_in_it
    "the kids weren't there last time, but the children are home with him tonight and he's threatening to kill them",
    # reflecting_on_a_past_case
    "i had a case where this happened, still thinking about it. i'm at the house now and the 2 year old is on "
    "his own",
    # history_and_gone_now
    "her ex used to hit her and they separated, but he's outside the house now banging on the door and the kids "
    "are in there",
    "dad used to beat the kids, they split up years ago, but he turned up tonight drunk and has taken the baby",
    "historic DA, he's been gone ages, but he came back this afternoon and he's threatening to kill her and the kids",
    # missing_a_lesson
    "she's been missing school and now she's missing from home, nobody knows where she is since last night",
    "she was missing school this afternoon and now she is missing, nobody has seen her since 2pm and she is 7",
]

# an older child on their own with a threat told now (the older-child exclusion clears only the being alone)
OLDER_ALONE_THREAT_NOW = [
    "the 16 year old is home on her own and says her mum's ex is trying to climb in through the window right now",
    "14 yr old home alone, a man is banging on the door right now shouting he'll kill him",
]
OLDER_ALONE_ORDINARY = [
    "the 15 year old is home alone after school till mum gets in at 6, she's fine",
    "the 15 year old was home alone last year when a man tried to kick the door in, the police came",
    "our 16 year old is home on his own tonight while we're at a wedding, nan is next door",
]


@pytest.mark.parametrize("shape,text", ORDINARY)
def test_an_ordinary_description_in_this_frame_gets_no_999_answer(shape, text):
    assert near_miss_form(text) == shape, text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", ACUTE_IN_THOSE_FRAMES)
def test_the_same_frame_with_a_child_in_danger_now_gets_the_999_answer(text):
    assert near_miss_form(text) not in {s for s, _t in ORDINARY}, text
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", OLDER_ALONE_THREAT_NOW)
def test_an_older_child_alone_with_a_threat_now_gets_the_999_answer(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", OLDER_ALONE_ORDINARY)
def test_an_older_child_alone_with_no_threat_now_gets_no_999_answer(text):
    assert not decide_danger(text).immediate, text


# a known miss noticed writing this pass's counterparts (no dev set shows it): the context's no_child exclusion
# ('no children in the house') read the whole message, so a young child told after it was cleared too; fixed by
# S17-DI18 (danger.yml context.child_here)
@pytest.mark.parametrize(
    "text",
    [
        "no children in the house normally, but her 4 year old grandson is staying and she's collapsed on the floor",
        "about adults only at first, but now her toddler is in the flat with him and he's threatening to kill them",
    ],
)
def test_a_child_told_after_no_children_in_the_house(text):
    assert decide_danger(text).immediate


def test_no_dev_danger_or_near_miss_item_has_this_pass_s_shapes(danger_dev_items):
    shaped, total = [], 0
    # the dev sets up to the ones this pass read (never a set being written: danger_dev29, dev30)
    for item in danger_dev_items(28):
        if item["label"] != "ordinary":
            total += 1
            if near_miss_form(item["text"]) in {s for s, _t in ORDINARY}:
                shaped.append(item["id"])
    assert total >= 2500
    assert shaped == []
