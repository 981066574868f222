"""Accounts, session 21 (S21-LC13, issue 19): fewer wrong pre-fills where a class of reading is unreliable.
Every case detail below is invented.

- How the parents take help read from a word that says it only beside the help or the workers
  (account.context q_engagement.weak): "shouting", "not changed", "cancelled", ... said of the
  child, another adult or an incident ("the neighbours have reported shouting", "her nappy is not
  changed") is no answer: asked. Beside a word of the help or the workers ("dad shouted at me", "mum has
  cancelled our last two visits") it is read as before.
- A parental factor answer read short of domestic abuse the account hints at without naming it
  (account.factor_hints: a split lip, shouting and banging, checking her phone, ... in the parent's
  sentence and not negated): asked rather than pre-filled without it.

dev33 and dev34 are held to what this session measured (floors: right may only rise, wrong only fall).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)


def answers(plan, said: str) -> dict[str, str]:
    return read_account(said, plan, TODAY).answers()


# -- how the parents take help: a weak word needs the help or the workers beside it ----------------


@pytest.mark.parametrize(
    "said",
    [
        "Boy of 7, mum is 30. The neighbours have reported shouting and banging most weekends. He comes to "
        "school hungry most days and in dirty clothes.",
        "Baby of 5 months, mum is 22. Her nappy is not changed from morning till night and her cot sheets "
        "are filthy.",
    ],
)
def test_a_weak_word_said_of_something_else_is_no_response_to_help(plan, said):
    assert "q_engagement" not in answers(plan, said)


@pytest.mark.parametrize(
    ("said", "value"),
    [
        (
            "Boy of 7, mum is 30. He comes to school hungry most days and in dirty clothes. Dad shouted at me "
            "to get out when I visited on Monday.",
            "hostile",
        ),
        (
            "Girl of 4, mum is 24. She comes in hungry and in the same clothes most days. Mum has cancelled our "
            "last two visits.",
            "avoiding",
        ),
    ],
)
def test_the_same_word_beside_the_help_is_read(plan, said, value):
    assert answers(plan, said).get("q_engagement") == value


# -- a parental factor answer short of domestic abuse the account hints at --------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Boy of 8, mum is 35. Mum drinks most nights and he gets himself to school. Mum says the neighbours "
        "complain about the shouting and banging at weekends.",
        "Girl of 2. Mum has been smoking cannabis every day and the girl is often in a dirty nappy. Mum had a "
        "split lip at the last visit and said she walked into a door.",
    ],
)
def test_a_factor_answer_short_of_a_hinted_factor_is_asked(plan, said):
    assert "q_parental_factors" not in answers(plan, said)


@pytest.mark.parametrize(
    "said",
    [
        "Boy of 8, mum is 35. Mum drinks most nights and he gets himself to school.",
        # the hint negated is no hint
        "Boy of 8, mum is 35. Mum drinks most nights and he gets himself to school. Her partner is not "
        "violent as far as anyone knows.",
    ],
)
def test_without_a_hint_the_factor_is_read(plan, said):
    assert answers(plan, said).get("q_parental_factors") == "substance_misuse"


# -- dev33 and dev34 held to what this session measured -------------------------------------------


# split: (expected answers, at least right, at most pre-filled wrongly); this session's start (c77743e,
# account_firstseen.py --now): dev33 71 right 22 wrong, dev34 75 right 11 wrong; after S21-LC13 71/18, 75/11
GATES = {"dev33": (120, 71, 18), "dev34": (125, 75, 11)}


@pytest.mark.parametrize("split", sorted(GATES))
def test_dev33_and_dev34_hold_what_was_measured(account_floor, split):
    account_floor(split, *GATES[split])
