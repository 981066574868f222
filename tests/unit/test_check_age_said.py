"""An age is shown as a practitioner says it (the probe of session 20 saw "108 months" for "he's 9")."""

from __future__ import annotations

import pytest

from bot.walks.check_plan import age_said


@pytest.mark.parametrize(
    "months, said",
    [
        (1, "1 month"),
        (7, "7 months"),
        (23, "23 months"),
        (24, "2 years"),
        (30, "2 years 6 months"),
        (37, "3 years 1 month"),
        (108, "9 years"),
    ],
)
def test_age_said(months, said):
    assert age_said(months) == said


def test_a_typed_age_is_stored_in_years(plan):
    parsed = plan.parse(plan.by_id["q_age"], "he's 9")
    assert (parsed.ok, parsed.value, parsed.detail) == (True, "primary", "9 years")
    parsed = plan.parse(plan.by_id["q_age"], "20 months")
    assert (parsed.ok, parsed.value, parsed.detail) == (True, "toddler", "20 months")
