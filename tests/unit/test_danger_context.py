"""Danger read in context (issue 18): immediacy, negation and its scope, history, hypotheticals
and practice questions, reported speech and practice phrases; the one policy that combines the
rules with the classifier (bot.lang.danger_policy.decide_danger); and the gate on the labelled sets in
tests/data/eval/ (written apart from the rules; the held-out split is only ever scored here and in
scripts/eval_danger.py, never used to write a rule).

The sentences below are the issue's own examples and development examples written for these
tests; they are not taken from the labelled sets."""

from __future__ import annotations

import glob
import importlib.util
from pathlib import Path

import pytest
import yaml

from bot.lang.danger import DANGER_INTENT, detect_danger
from bot.lang.danger_policy import decide_danger, message_frame
from bot.walks.check import Incoming

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"


# -- the issue's examples ----------------------------------------------------------------------
ISSUE_MISSED = [  # typed after a greeting, missed before
    "my 2 year old client is alone in the bath, mum popped to the shop 20 minutes ago",
    "mum is very out of it and she's the only one with the newborn tonight",
    "5 year old's wrist looks broken, he hurt it at home, parents are on their way to collect him",
]
ISSUE_FALSE_ALARMS = [
    "Child seen alone: yes",
    "he's missing the start of phonics",
    "more seizures, more distressed behaviour in class",
    "I want to reflect on why this case isn't moving forward",
    "Family support worker. Visited today, kitchen had no food and dog mess on the floor, 2 kids under 5. "
    "Can we go through it?",
    "a toddler died after being left alone - what were the lessons for practice?",
]


@pytest.mark.parametrize("text", ISSUE_MISSED)
def test_the_issues_missed_emergencies_are_caught_by_the_rules(text):
    assert detect_danger(text).immediate, text
    # whatever the classifier says
    for intent in (None, "greet", DANGER_INTENT):
        assert decide_danger(text, intent, 0.9).immediate


@pytest.mark.parametrize("text", ISSUE_FALSE_ALARMS)
def test_the_issues_false_alarms_are_not_danger_even_when_the_classifier_says_so(text):
    assert not detect_danger(text).immediate, detect_danger(text).reason
    got = decide_danger(text, DANGER_INTENT, 0.97)
    assert not got.immediate, got.reason
    assert got.overruled


# -- each reading, on development sentences ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "the twins are on their own in the flat right now",
        "she's got a fever and stopped feeding since this morning, and she's only 6 weeks old",
        "he's raging and the kids are in the flat with him as we speak",
        "dad has just left the kids in the car outside the bookies",
        "her boyfriend is on his way round with a bat and she's got the baby",
        "the 3 year old is by himself in the bath, mum's gone to the shop",
    ],
)
def test_immediacy_makes_it_danger_now(text):
    assert detect_danger(text).immediate, text


@pytest.mark.parametrize(
    "text, why",
    [
        ("the baby is not on her own, nan is with her", "negated"),
        ("no immediate danger today, just the state of the kitchen", "negated"),
        ("none of the three children have ever gone missing", "negated"),
        ("he used to be left alone in the evenings", "in the past"),
        ("three years ago dad threatened to kill mum", "in the past"),
        ("the kids were home alone twice in 2023", "in the past"),
        ("what would I do if a toddler was found alone in a car?", "question"),
        ("in the training scenario the baby is left alone with a drunk parent", "hypothetical"),
        ("a serious case review where a baby drowned in the bath, what were the lessons?", "hypothetical"),
        ("if dad turns up drunk at pick up, who do I ring?", ""),
        ("Child seen alone: no, mum would not allow it", "practice"),
        ("I spoke to him on his own in the library at school", "practice"),
        ("missing appointments, missing school and missing the start of phonics", ""),
        ("more seizures and more time off school this term", "pattern"),
        ("she's often left on her own after school", "pattern"),
    ],
)
def test_context_cancels_a_danger_word(text, why):
    got = detect_danger(text)
    assert not got.immediate, got.reason
    if why:
        assert why in got.reason, got.reason


def test_negation_has_a_scope():
    # the negation denies its own clause, not the next one
    assert detect_danger("mum isn't answering and the baby is alone in the flat").immediate
    assert not detect_danger("the baby isn't alone, mum is there").immediate
    # a now-word elsewhere does not outweigh a past phrase in the match's own clause
    assert not detect_danger("mum was left alone as a child and now struggles to know what her kids need").immediate
    # but a past phrase elsewhere does not outweigh a now-word in the sentence
    assert detect_danger(
        "she is refusing to go home, says her brother will hurt her tonight like he did last " "week"
    ).immediate


def test_an_older_child_or_an_adult_close_by_is_not_a_child_without_an_adult():
    assert not detect_danger("the baby is asleep in the cot on her own while mum has a shower").immediate
    assert not detect_danger("she's home alone right now but she's 15 and mum's back at 6").immediate
    # a young child at a hazard stays danger, adult nearby or not
    assert detect_danger("the toddler is alone in the bath while mum is in the kitchen").immediate


@pytest.mark.parametrize(
    "text",
    [
        "the baby is unconcious on the floor",
        "hes bleding from his head",
        "dads drunck and has the baby",
        "the todler is on his own rn",
    ],
)
def test_typed_slips_in_danger_words_are_mended(text):
    assert detect_danger(text).immediate, text


def test_common_words_are_not_mended_into_danger_words():
    # "along" is a common word one letter away from "alone"
    assert not detect_danger("the kids walked along the road to school with their mum").mentioned


def test_something_dealt_with_since_is_not_an_emergency():
    assert not detect_danger("he had a seizure at school this morning, mum collected him and he's fine now").immediate
    assert not detect_danger("the kids were left alone on Saturday, police came and they're with nan now").immediate


# -- the one policy -------------------------------------------------------------------------------
def test_the_rules_decide_when_they_hear_a_signal():
    got = decide_danger("the baby isn't breathing", "faq", 0.99)
    assert got.immediate and got.by == "rules"
    got = decide_danger("last year he was left home alone", DANGER_INTENT, 0.99)
    assert not got.immediate and got.overruled and "past" in got.reason


def test_the_classifier_alone_counts_unless_the_message_is_framed_as_something_else():
    plain = "the family have gone quiet and I've a horrible feeling the baby is hurt"
    assert not detect_danger(plain).mentioned
    assert decide_danger(plain, DANGER_INTENT, 0.9).immediate
    assert decide_danger(plain, DANGER_INTENT, 0.9).by == "classifier"
    assert not decide_danger(plain, "greet", 0.9).immediate
    framed = "I'd like to talk through a family that has gone quiet, can we discuss it?"
    assert message_frame(framed)
    got = decide_danger(framed, DANGER_INTENT, 0.9)
    assert not got.immediate and got.overruled
    # an immediacy word keeps the classifier's word
    assert not message_frame("can we go through it, I'm worried about the baby right now")


def test_the_button_always_counts():
    assert decide_danger("/immediate_danger", DANGER_INTENT, 1.0).immediate


def test_mid_check_the_rules_decide_through_incoming():
    # bot/walks/check.py: at a free-text question only the rule layer counts
    text = "no, and right now the kids are in the flat with him and he's raging"
    fired = decide_danger(text).by == "rules"
    assert fired
    assert Incoming(text, "inform", 0.5, danger_rule=fired).is_danger(parses_as_answer=True)


# -- the labelled sets ------------------------------------------------------------------------------
def _items(name: str) -> list[dict]:
    path = EVAL / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the danger gate has nothing to score")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("items", []) if isinstance(data, dict) else data
    return [i for i in items if i.get("label") in ("danger", "ordinary", "near_miss")]


def _figures(items: list[dict]) -> dict:
    out = {}
    for label in ("danger", "ordinary", "near_miss"):
        sel = [i for i in items if i["label"] == label]
        fired = [i["id"] for i in sel if decide_danger(i["text"]).immediate]
        out[label] = (len(sel), fired if label != "danger" else [i["id"] for i in sel if i["id"] not in fired])
    return out


@pytest.mark.parametrize(
    "split",
    ["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13"],
)
def test_danger_gate(split):
    """Every danger phrasing caught (in every context: the rules are what decides mid-check),
    false alarms at most 1% of ordinary descriptions and at most 1 in 30 near-misses."""
    figures = _figures(_items(f"danger_{split}.yml"))
    n, missed = figures["danger"]
    assert n >= 1 and missed == [], f"{split}: {len(missed)} of {n} danger phrasings missed: {missed}"
    n, alarms = figures["ordinary"]
    assert len(alarms) <= n // 100, f"{split}: false alarms on {len(alarms)} of {n} ordinary: {alarms}"
    n, alarms = figures["near_miss"]
    assert len(alarms) <= n // 30, f"{split}: false alarms on {len(alarms)} of {n} near-misses: {alarms}"


# The held-out split against the issue's figures (0 missed, false alarms at most 1% of ordinary
# and 1 in 30 near-misses) is NOT met: measured on 5 December 2026 with the rule layer after the
# clause-by-clause reading (bot/lang/danger_frames.py; scripts/eval_danger.py: 70 of 87 caught by
# the rules, 75 of 87 with the trained model model-5453da87cdd41ca3; false alarms 6 of 190
# ordinary, 5 of 24 near-misses by the rules; before it: 69 of 87, 8 of 190, 7 of 24; the lead
# decides on the hard gate, see the issue 18 report). Until it is met this test keeps the
# measured figures from getting worse: lower a ceiling when the rules get better, never raise one
# to let a run pass, and never write a rule from this split. Fourth pass (S4-DI, tuned on
# danger_dev4.yml and invented probes, 5 December 2026): 73 of 87 caught by the rules, false
# alarms 6 of 190 ordinary and 4 of 24 near-misses (before it: 70 of 87, 6 of 190, 5 of 24).
# Fifth pass (S5-DI, tuned on danger_dev5.yml, measured first at 65 of 80, 2 of 90, 4 of 30, and on
# invented probes, 5 December 2026): 74 of 87 caught by the rules, false alarms 5 of 190 ordinary
# and 3 of 24 near-misses. Sixth pass (S6-DI, general structures from invented probes and the
# training examples of other intents, then tuned on danger_dev6.yml, measured first at 68 of 80,
# 2 of 90, 2 of 30): 76 of 87 caught by the rules, false alarms 4 of 190 ordinary and 3 of 24
# near-misses (with the model model-1a9a793462b4cc20: 78 of 87, 5 of 190, 3 of 24). Seventh pass
# (S6-DI2, tuned on danger_dev7.yml, measured first at 64 of 80, 0 of 90, 8 of 30 by the rules and
# 65 of 80, 0 of 90, 8 of 30 with the model, and on invented probes): 77 of 87 caught by the rules,
# false alarms 4 of 190 ordinary and 3 of 24 near-misses (with the model: 79 of 87, 5 of 190, 3 of 24).
# Eighth pass (S6-DI3, invented probes on who did the risky act, then tuned on danger_dev8.yml,
# measured first at 43 of 50, 3 of 80, 5 of 30 by the rules and 43 of 50, 4 of 80, 6 of 30 with the
# model): held-out unchanged, 77 of 87, 4 of 190, 3 of 24 (model 79 of 87, 5 of 190, 3 of 24).
# Ninth pass (S7-DI4, frames from invented probes, then tuned on danger_dev9.yml, measured first at
# 62 of 70, 5 of 90, 3 of 40 by the rules and 63 of 70, 5 of 90, 4 of 40 with the model
# model-086c332859b0a91f): 78 of 87 caught by the rules, false alarms 4 of 190 and 3 of 24.
# Tenth pass (S8-DI5, frames from danger_dev10.yml, danger_dev11.yml (first seen 57 of 60, 5 of 90,
# 2 of 30, the same with the model) and invented probes): held-out unchanged, 78 of 87 caught by the
# rules, false alarms 4 of 190 and 3 of 24 (model-6382a93faf26e180: 79 of 87, 5 of 190, 3 of 24).
# Learned second opinion (S8-DC1, chosen by leave-one-set-out over dev4..dev11: +39 of 550 caught
# as first seen, ordinary false alarms 21 -> 17; the lead then took out its veto and let it add a
# catch only where the rules heard no signal): 80 of 87 caught, 4 of 190 and 3 of 24 (with the model
# model-d9d659551592fed1: 80 of 87, 5 of 190, 3 of 24). Eleventh pass (S9-DI6, frames from
# danger_dev12.yml and danger_dev13.yml (first seen 45 of 50, 1 of 70, 0 of 30, the same with the
# model), a fever alone an emergency under 3 months only): held-out unchanged, 80 of 87, 4 of 190,
# 3 of 24 (model-d9d659551592fed1: 80 of 87, 5 of 190, 3 of 24). Twelfth pass (S10-DI8, readings
# from danger_dev14.yml and danger_dev15.yml (first seen 46 of 50, 2 of 70, 1 of 30, the same with
# model-8b082eed1c5e2e27)): 81 of 87 caught by the rules, false alarms 3 of 190 and 3 of 24.
HELDOUT_MEASURED = {"danger_missed": 6, "ordinary_false_alarms": 3, "near_miss_false_alarms": 3}


def test_heldout_danger_figures_do_not_get_worse():
    figures = _figures(_items("danger_heldout.yml"))
    # counts only: no held-out id or text in a failure message
    n, missed = figures["danger"]
    assert n >= 80 and len(missed) <= HELDOUT_MEASURED["danger_missed"], f"missed {len(missed)} of {n}"
    n, alarms = figures["ordinary"]
    assert len(alarms) <= HELDOUT_MEASURED["ordinary_false_alarms"], f"{len(alarms)} of {n}"
    n, alarms = figures["near_miss"]
    assert len(alarms) <= HELDOUT_MEASURED["near_miss_false_alarms"], f"{len(alarms)} of {n}"


def _blind_uncovered() -> tuple[str, ...]:
    """The uncovered sets written blind this session (scripts/eval_danger.py BLIND_UNCOVERED): the
    lead measures them once at the end for counts only, so no gate is run on them until a later
    session makes them dev sets."""
    spec = importlib.util.spec_from_file_location("eval_danger_blind", EVAL.parents[2] / "scripts" / "eval_danger.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return tuple(mod.BLIND_UNCOVERED)


def test_uncovered_practice_questions_never_get_the_999_answer():
    blind = _blind_uncovered()
    paths = [p for p in sorted(glob.glob(str(EVAL / "uncovered_*.yml"))) if Path(p).stem not in blind]
    assert paths
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        items = data.get("items", []) if isinstance(data, dict) else data
        # an item marked also_999 (with its reason) is a practice question about a live case that the
        # danger rules read as immediate by their own standard: at most one a set, never a held-out one
        live = [i for i in items if isinstance(i, dict) and i.get("also_999")]
        assert len(live) <= 1 and not (live and "heldout" in Path(path).name), Path(path).name
        texts = [i["text"] if isinstance(i, dict) else str(i) for i in items if i not in live]
        fired = [t for t in texts if decide_danger(t).immediate]
        assert all(decide_danger(i["text"]).immediate for i in live), f"{Path(path).name}: also_999 no longer read"
        # a held-out file's texts stay out of the failure message (counts only)
        shown = f"{len(fired)} of {len(texts)}" if "heldout" in Path(path).name else fired
        assert fired == [], f"{Path(path).name}: {shown}"


def test_a_parent_smoking_cannabis_in_the_flat_is_a_worry_not_smoke_filling_it():
    # issue 19's opening account: a case to check, not an emergency
    account = (
        "HV here - concerned about a 9 month old, home conditions poor and weight dropping off the "
        "centile, mum is depressed and her partner smokes cannabis in the flat"
    )
    assert not detect_danger(account).mentioned
    assert detect_danger("there is smoke in the flat and the kids are inside").immediate


def test_saying_goodbye_to_the_assistant_is_not_a_farewell_in_crisis():
    assert not detect_danger("goodbye for now").mentioned
    assert detect_danger("she texted me goodbye and said she can't do it anymore, now not answering").immediate


# -- issue 18, second pass (H5): phrasings found with danger_dev2.yml and probes ---------------------
def test_a_child_not_home_is_danger_but_the_practitioner_not_going_back_is_not():
    assert detect_danger("she hasn't come home from school and it's now 10pm").immediate
    assert not detect_danger("maybe, I haven't been back since").immediate


def test_an_acute_word_counts_even_when_a_signal_in_another_sentence_was_the_past():
    text = (
        "SW, CIN case. Mum has a history of overdoses. She has just texted me saying goodbye. "
        "The kids are 4 and 6 and she's alone with them."
    )
    assert detect_danger(text).immediate
    assert not detect_danger(
        "Mum's drinking has reduced. He's seen alone on every visit and says mum " "drinks only a bit now."
    ).immediate


def test_an_older_child_overnight_is_for_the_check_a_young_one_is_not():
    assert not detect_danger("the 16 year old looked after her siblings overnight while mum was at a party").immediate
    assert detect_danger("the 3 year old is home alone overnight").immediate


def test_a_question_starting_with_does_is_a_question():
    assert not detect_danger("does the toolkit say anything about kids left in cars?").immediate
    assert detect_danger("the kids are left in the car outside the pub right now").immediate


def test_missing_a_lesson_is_not_a_missing_child():
    assert not detect_danger("he has been missing PE because he has no kit").immediate
    assert detect_danger("still missing, 7 years old, since 5pm").immediate


def test_a_high_temperature_is_not_a_parent_who_is_high():
    assert not detect_danger("the baby has a high temperature and mum has taken her to the GP this afternoon").immediate
    assert detect_danger("mum is high as a kite and has the baby tonight").immediate


def test_an_acute_word_in_the_sentence_of_a_past_signal_stays_in_the_past():
    # test_safety's near-miss: the fire was last March, the smoke alarm works now
    assert not detect_danger("there was a small fire in the kitchen last march but the smoke alarm works now").immediate
