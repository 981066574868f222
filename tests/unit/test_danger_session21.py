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
