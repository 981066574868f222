"""(S23-LC15, issue 19) Strengths read from an account's prose by class (bot/lang/account_strengths.py,
knowledge/language/account_strengths.yml), with controls each reading must not fire on; and the
account.not_from_prose gate read value by value for a multi answer. Invented phrasings only."""

from __future__ import annotations

import pytest

from bot.lang.account import Item, _not_from_account
from bot.lang.account_strengths import strengths_in
from bot.lang.nlp import get_nlp, segments


@pytest.fixture(autouse=True)
def lifted(monkeypatch):
    """The readings with account.not_from_prose lifted for the four classes (as committed every value is
    gated, and nothing is read: test_nothing_is_read_while_every_class_is_gated)."""
    from bot.lang import account_signs

    gate = {**(account_signs.settings().get("not_from_prose") or {}), "q_strengths": ["none", "unsure"]}
    monkeypatch.setitem(account_signs.settings(), "not_from_prose", gate)


def read(text: str):
    doc = get_nlp()(text)
    got = strengths_in(doc, *segments(doc))
    return got[0] if got else None


@pytest.mark.parametrize(
    "text, value",
    [
        # another adult who helps now
        ("Her gran has the kids every Friday night so mum can rest.", "supportive_adult"),
        ("The little one's great-gran, 80, pops round most mornings.", "supportive_adult"),
        ("An uncle does the school run on Tuesdays.", "supportive_adult"),
        # a parent who names the problem or asks for help
        ("Dad asked the school for help with the mornings himself.", "parent_insight"),
        ("Mum self-referred to the parenting course last month.", "parent_insight"),
        # warmth between parent and child
        ("Dad is really patient and tender with her at bath time.", "warm_relationship"),
        ("He ran to his mum at the end of the session.", "warm_relationship"),
        # the child at school or nursery regularly
        ("His attendance is 98% this year.", "school_nursery"),
        ("She never misses a session at playgroup or nursery.", "school_nursery"),
    ],
)
def test_each_class_is_read(text, value):
    assert read(text) == value


@pytest.mark.parametrize(
    "text",
    [
        # another time or mood, or negated
        "Her gran used to have them but she moved to Spain.",
        "Nan would have him if she could, but she is unwell.",
        "The aunt doesn't help at all.",
        # someone else's doing, or words only
        "I asked mum about money and she walked off.",
        "Mum says all the right things but nothing changes.",
        "Dad hardly talks to him.",
        "His foster carer is loving with him.",
        # attendance that is falling, or another child's
        "Attendance has dropped to 91% this term.",
        "His older brother's attendance is good.",
    ],
)
def test_controls_are_not_read(text):
    assert read(text) is None


def test_two_classes_read_together():
    assert read("Mum is gentle with him and his nan has him every weekend.") == "supportive_adult,warm_relationship"


def test_a_hinted_strength_not_read_leaves_it_asked():
    # "aunt" is a strength's word (answers.yml) that no reading here takes: the answer may be short of it
    assert read("Mum is loving with her, and her aunt is about.") is None


def test_the_gate_reads_a_multi_answer_value_by_value(monkeypatch):
    from bot.lang import account_signs

    gate = {"q_strengths": ["school_nursery", "none", "unsure"]}
    monkeypatch.setitem(account_signs.settings(), "not_from_prose", gate)
    assert _not_from_account(Item("q_strengths", "warm_relationship,school_nursery", "x"))
    assert not _not_from_account(Item("q_strengths", "supportive_adult,warm_relationship", "x"))


def test_nothing_is_read_while_every_class_is_gated(monkeypatch):
    from bot.lang import account_signs

    every = ["supportive_adult", "parent_insight", "warm_relationship", "school_nursery", "none", "unsure"]
    monkeypatch.setitem(account_signs.settings(), "not_from_prose", {"q_strengths": every})
    assert read("Mum is gentle with him and his nan has him every weekend.") is None
