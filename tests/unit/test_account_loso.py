"""scripts/account_loso.py (S15-LC3, issue 19): the learned gap-filler's leave-one-set-out judge.
Invented rows only; no eval set is read here."""

from __future__ import annotations

import scripts.account_loso as loso
import scripts.eval_listening as ev


def _row(expected=None, facts=None, also=None, not_given=(), got=None, set_="dev"):
    return {
        "set": set_,
        "id": "x",
        "text": "Invented account.",
        "expected": {k: ev.values(v) for k, v in (expected or {}).items()},
        "facts": {k: ev.values(v) for k, v in (facts or {}).items()},
        "also": {k: {ev.values(a) for a in v} for k, v in (also or {}).items()},
        "not_given": set(not_given),
        "got": dict(got or {}),
    }


def test_label_is_the_expected_value_or_none():
    r = _row(expected={"q_dsl_knows": "yes", "q_strengths": ["parent_insight", "warm_relationship"]})
    assert loso.label(r, "q_dsl_knows") == "yes"
    assert loso.label(r, "q_strengths") is None  # several values: left out of training
    assert loso.label(r, "q_previous") == loso.NONE


def test_label_leaves_out_an_also_ok_only_question():
    r = _row(also={"q_material": ["struggling", "ask"]})
    assert loso.label(r, "q_material") is None


def test_judge_counts_as_eval_listening_does():
    r = _row(
        expected={"q_dsl_knows": "yes"},
        facts={"q_previous": "none"},
        also={"q_material": ["struggling"]},
        not_given=["q_engagement", "q_material"],
    )
    assert loso.judge(r, "q_dsl_knows", "yes") == "right"
    assert loso.judge(r, "q_dsl_knows", "no") == "wrong"
    assert loso.judge(r, "q_previous", "none") == "fine"  # a case fact: pre-filled, not an expected answer
    assert loso.judge(r, "q_previous", "early_help") == "wrong"
    assert loso.judge(r, "q_engagement", "changing") == "wrong"  # the account does not give it
    assert loso.judge(r, "q_material", "struggling") == "fine"
    assert loso.judge(r, "q_uses_support", "yes") == "fine"  # no truth either way


def test_score_of_the_rule_reader():
    r = _row(expected={"q_dsl_knows": "yes", "q_previous": "none"}, not_given=["q_engagement"])
    r["got"] = {"q_dsl_knows": "yes", "q_engagement": "changing"}
    assert loso._score([r]) == [1, 2, 1, 2]


def test_no_impact_is_never_filled():
    assert not loso._allowed("q_impact__medical_neglect", "none_yet")
    assert not loso._allowed("q_dsl_knows", loso.NONE)
    assert loso._allowed("q_dsl_knows", "yes")


def test_the_loso_sets_are_dev_sets_up_to_dev22():
    assert loso.LOSO_SETS[0] == "dev" and loso.LOSO_SETS[-1] == "dev22"
    assert all(s.startswith("dev") for s in loso.dev_splits())
