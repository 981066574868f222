"""Practice questions the classifier sends to the practitioner's own views (issue 18): "my cases"
and "my training progress" are asked for in the first person, so a practice question with none
of those words ("how do I measure progress in a CIN plan?") is answered as the practice question
it is (knowledge/language/coverage.yml `requests_of`), and the first-person requests keep their
view. Invented phrasings."""

from __future__ import annotations

import pytest

from bot.knowledge.loader import get_kb
from bot.knowledge.practice_question import answered_instead


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i measure progress in a CIN plan", "my_progress"),
        ("how is progress measured on a child protection plan?", "my_progress"),
        ("how long should a case stay open to early help?", "my_cases"),
    ],
)
def test_a_practice_question_is_answered_as_one(text, intent):
    assert answered_instead(text, intent, get_kb())


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("which cases do I have", "my_cases"),
        ("what have I got open at the moment", "my_cases"),
        ("can you list the references I used", "my_cases"),
        ("how am I doing", "my_progress"),
        ("have I passed the scenarios", "my_progress"),
        ("what's my score on the practice questions", "my_progress"),
    ],
)
def test_a_first_person_request_keeps_its_view(text, intent):
    assert not answered_instead(text, intent, get_kb())
