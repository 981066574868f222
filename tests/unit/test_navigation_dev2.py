"""The rule layer (bot.walks.commands.read) on the second navigation dev set
(tests/data/eval/navigation_dev2.yml, issue 24): phrasings of "my cases" and "my progress"
written before the rules were read, and near-misses (case descriptions, practice questions,
answers) that must never be read as either command. This is a dev set: it may be printed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.walks import commands

ROOT = Path(__file__).resolve().parents[2]
DEV2 = ROOT / "tests" / "data" / "eval" / "navigation_dev2.yml"
TARGETS = ("my_cases", "my_progress")
FLOOR = 0.95  # per command; measured 54/55 my_cases, 52/53 my_progress


def items() -> list[dict]:
    data = yaml.safe_load(DEV2.read_text())
    assert data["split"] == "dev"
    return data["items"]


def read_name(text: str) -> str | None:
    cmd = commands.read(text)
    return cmd.name if cmd else None


def test_the_set_has_enough_of_each_kind():
    counts = {}
    for it in items():
        assert it["intent"] in TARGETS + ("none",), it
        counts[it["intent"]] = counts.get(it["intent"], 0) + 1
    assert len({it["id"] for it in items()}) == len(items())
    assert all(counts.get(k, 0) >= 50 for k in TARGETS + ("none",)), counts


@pytest.mark.parametrize("intent", TARGETS)
def test_the_rule_layer_reads_each_command_from_the_floor(intent):
    wanted = [it["text"] for it in items() if it["intent"] == intent]
    missed = [(t, read_name(t)) for t in wanted if read_name(t) != intent]
    understood = len(wanted) - len(missed)
    assert understood >= FLOOR * len(wanted), f"{intent}: {understood}/{len(wanted)}; missed:\n" + "\n".join(
        f"{t!r} -> {n}" for t, n in missed
    )


def test_no_near_miss_is_read_as_my_cases_or_my_progress():
    hits = [(it["text"], read_name(it["text"])) for it in items() if it["intent"] == "none"]
    wrong = [(t, n) for t, n in hits if n in TARGETS]
    assert not wrong, "\n".join(f"{t!r} -> {n}" for t, n in wrong)


# -- typing slips (commands.yml typed_forms.mend) ---------------------------------------------
@pytest.mark.parametrize(
    "typed, mended",
    [
        ("my casess", "my cases"),
        ("show my csaes", "show my cases"),
        ("show my progess", "show my progress"),
        ("my resluts please", "my results please"),
        ("how'm I doing", "how am I doing"),
    ],
)
def test_a_slip_in_a_command_word_is_mended(typed, mended):
    assert commands.mend(typed) == mended


@pytest.mark.parametrize(
    "text", ["the check", "the bases", "my case", "the results of the scan", "show me the referral form"]
)
def test_mending_leaves_real_words_and_singulars_alone(text):
    assert commands.mend(text) == text


def test_a_mended_message_must_still_be_wholly_a_command():
    assert read_name("my casess") == "my_cases"
    assert read_name("my casess is about a boy of 6 who is not fed") is None
    assert read_name("the familys progess has been slow") is None
