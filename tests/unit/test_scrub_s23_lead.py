"""A setting's name after "nursery at" is a place, even when its words are common ones the
knowledge base uses (session 23, the lead). "tiny" joined the practice vocabulary with a danger
lexicon (danger.yml self_of_adult.one_child), and "the nursery at Tiny Steps" then kept its name.
bot/lang/details/places.py _institution_is. Invented names."""

from __future__ import annotations

import pytest

from bot.lang import api


@pytest.mark.parametrize(
    "text, name",
    [
        ("Referral came from the nursery at Little Steps on Fakeley Road", "Little Steps"),
        ("the school at Green Meadow say he is often hungry", "Green Meadow"),
        ("her nursery at Busy Days have raised it twice", "Busy Days"),
    ],
)
def test_a_name_after_a_setting_and_at_is_removed(text, name):
    out = api.scrub(text)
    assert name not in out.text and out.removed


@pytest.mark.parametrize(
    "text",
    [
        "she is at nursery at 9am on Monday",
        "dropped at nursery at Easter and not collected until six",
        "the nursery at home time said mum was late again",
    ],
)
def test_a_time_after_a_setting_and_at_is_kept(text):
    assert api.scrub(text).text == text
