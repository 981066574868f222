"""Danger readings of session 10's second pass (S10-DI9, issue 18), found on danger_dev16's misses
and on two figures of speech from the routing sets; every text here is invented, with controls."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        # a child of any age in open water now, not only a young one
        "my 12 year old slipped into the canal by the lock and she's still in the water",
        "the lad is being swept away by the river now",
        # fuel burnt indoors: fumes where the children are
        "dad's using a charcoal barbecue indoors to keep the flat warm, the twins are asleep",
        "they're running a generator in the bedroom because the power's off",
        # a young child heading for an open height
        "window's wide open and the toddler is climbing onto the sill",
        # shut out of the home, told with "back in" as re-entering
        "boy shut out in the freezing cold in his pyjamas, step-dad won't let him back in",
        # drowning said of a child
        "the toddler is drowning in the paddling pool",
        "child drowning in the river",
    ],
)
def test_dangers_of_pass2_readings(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize(
    "text",
    [
        # figures of speech of the practitioner's work
        "the child has disappeared from the plan, we only talk about mum's housing",
        "the baby seems to have got lost in the assessment",
        "I'm drowning in it, three new referrals today",
        "our team is drowning in paperwork this month",
        "drowning in the caseload since the restructure",
        # gone somewhere ordinary at home
        "mum's had a glass of wine, dad is sober and has the children, she's gone to bed",
        # a generator kept, not run, in the house; the past in open water; a swim
        "they keep a generator in the shed for power cuts",
        "he fell in the river on holiday last summer, no harm done",
        "my son goes for a swim in the lake with his dad on Sundays",
        "back in 2019 she was left alone for an evening",
    ],
)
def test_controls_of_pass2_readings(text):
    assert not decide_danger(text).immediate, text
