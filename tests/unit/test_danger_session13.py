"""Danger, session 13 (S13-DI12): a medical condition told as one a child HAS, in a question about
policy or provision ("pupils with anaphylaxis", "a child who has severe anaphylaxis"), is no
emergency happening now (danger.yml condition_had); an emergency in progress ("having an
anaphylactic reaction", "gone into anaphylaxis", lips swelling) or any now-word still is.
Invented wording."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger

HAS_THE_CONDITION = [
    "nursery manager: may we hold a spare adrenaline pen for any child with anaphylaxis",
    "do schools have to write a care plan for pupils with severe anaphylaxis",
    "a boy who has anaphylaxis starts in reception in January, what training should the staff get",
    "she has a history of anaphylaxis to sesame and mum keeps forgetting the auto-injector",
    "is there guidance on an injector for anaphylaxis being kept in the school office",
]

IN_PROGRESS = [
    "a pupil in my class is having an anaphylactic reaction",
    "the boy has gone into anaphylaxis after the birthday cake",
    "I think she is going into anaphylactic shock",
    "a girl with anaphylaxis ate a cereal bar and her lips are swelling",
    "child with anaphylaxis is struggling to breathe right now",
    "the toddler having anaphylaxis in the cafe, mum has no pen",
    "a pupil with anaphylaxis is in the medical room right now and the pen has not worked",
]


@pytest.mark.parametrize("text", HAS_THE_CONDITION)
def test_a_condition_a_child_has_is_no_emergency(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", IN_PROGRESS)
def test_an_emergency_in_progress_still_is(text):
    assert decide_danger(text).immediate, text
