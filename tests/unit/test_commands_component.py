"""The command NLU component (rasa_ext/commands.py): a message that is wholly a command gets
the command's intent at the top level, whatever the classifier thought, and the danger and
fallback components after it cannot turn it into a clarifying question; it never overrides
`immediate_danger`, and 'resume <ref>' carries the reference as the payload's `case_ref`
entity does (issue 24)."""

from pathlib import Path

import pytest
import yaml
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message

from bot.walks import commands
from rasa_ext.commands import CommandDetector, ref_span
from rasa_ext.danger import DangerDetector

ROOT = Path(__file__).resolve().parents[2]


def message(text: str, ranking: list[tuple[str, float]]) -> Message:
    m = Message(data={"text": text})
    m.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    m.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return m


def fallback_config() -> dict:
    """The fallback classifier's thresholds as config.yml sets them."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    spec = next(c for c in pipeline if c["name"] == "FallbackClassifier")
    return {k: spec[k] for k in ("threshold", "ambiguity_threshold")}


def run(m: Message) -> Message:
    """The tail of the pipeline, in config.yml's order."""
    CommandDetector().process([m])
    DangerDetector().process([m])
    FallbackClassifier(fallback_config()).process([m])
    return m


def intent(m: Message) -> str:
    return m.get("intent")["name"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my cases", "my_cases"),
        ("Can I see the cases I've saved?", "my_cases"),
        ("what's on my caseload", "my_cases"),
        ("what is my progress", "my_progress"),
        ("how am I getting on with the scenarios?", "my_progress"),
        ("take me back to the main menu", "menu"),
        ("why do you need to know that", "why_asking"),
        ("go back a step", "go_back"),
        ("I need to go, save this for later", "pause"),
    ],
)
def test_a_command_gets_its_intent_over_a_confident_classifier(text, expected):
    # the classifier was sure of something else (the article on distance travelled, say)
    m = run(message(text, [("faq", 0.93), ("ask_question", 0.05), (expected, 0.02)]))
    assert intent(m) == expected
    assert m.get("intent")["confidence"] == 1.0
    assert m.get("command_rule") == commands.INTENTS[expected]
    ranking = m.get("intent_ranking")
    assert ranking[0]["name"] == expected
    assert [r["name"] for r in ranking].count(expected) == 1
    assert all(r["confidence"] <= 0.5 for r in ranking[1:])


def test_a_weak_classifier_is_not_sent_to_the_fallback():
    # without the rule the fallback classifier would ask what was meant
    m = run(message("show me my training results", [("ask_question", 0.3), ("faq", 0.28), ("my_progress", 0.2)]))
    assert intent(m) == "my_progress"


@pytest.mark.parametrize(
    "text",
    [
        "my case is a 3 year old who is often hungry",
        "what cases go to MASH?",
        "how is my child doing at school",
        "the family's progress has stalled",
        "show me the referral form",
    ],
)
def test_descriptions_and_questions_keep_the_classifiers_intent(text):
    m = run(message(text, [("ask_question", 0.8), ("faq", 0.15), ("my_cases", 0.05)]))
    assert intent(m) == "ask_question"
    assert m.get("command_rule") is None


def test_the_classifiers_danger_is_never_overridden():
    m = message("help me", [("immediate_danger", 0.9), ("help", 0.08), ("faq", 0.02)])
    CommandDetector().process([m])
    assert intent(m) == "immediate_danger"
    assert m.get("command_rule") is None


def test_the_danger_rules_after_it_still_win():
    # not a command: the danger rules set immediate_danger whatever the classifier said
    m = run(message("help, the baby has been left home alone right now", [("help", 0.9), ("faq", 0.1)]))
    assert intent(m) == "immediate_danger"


def test_start_again_has_no_intent_and_is_left_alone():
    assert commands.read("start over") == commands.Command("start_again")
    m = run(message("start over", [("start_check", 0.7), ("faq", 0.3)]))
    assert intent(m) == "start_check"


@pytest.mark.parametrize(
    "text, ref",
    [
        ("resume SECX-B2F7", "SECX-B2F7"),
        ("can I carry on with case abc - 12 please", "ABC-12"),
        ("go back to the check for hv/123", "HV/123"),
    ],
)
def test_resume_carries_the_reference_as_the_payload_does(text, ref):
    m = run(message(text, [("start_check", 0.6), ("resume", 0.3), ("faq", 0.1)]))
    assert intent(m) == "resume"
    refs = [e for e in m.get("entities") if e["entity"] == "case_ref"]
    assert len(refs) == 1 and refs[0]["value"] == ref
    # the span is where the reference was typed
    assert commands.caseref.normalise(text[refs[0]["start"] : refs[0]["end"]]) == ref


def test_resume_without_a_reference_has_no_entity():
    m = run(message("carry on with my paused check", [("start_check", 0.6), ("faq", 0.4)]))
    assert intent(m) == "resume"
    assert not [e for e in m.get("entities") or [] if e["entity"] == "case_ref"]


def test_a_button_payload_is_left_to_rasa():
    m = message('/resume{"case_ref": "ABC-12"}', [("resume", 1.0)])
    CommandDetector().process([m])
    assert m.get("command_rule") is None and not m.get("entities")


def test_other_entities_are_kept():
    m = message("resume ABC-12", [("resume", 0.9), ("faq", 0.1)])
    m.set("entities", [{"entity": "age", "value": "3", "start": 0, "end": 1}])
    CommandDetector().process([m])
    assert [e["entity"] for e in m.get("entities")] == ["age", "case_ref"]


def test_ref_span_finds_the_last_typed_spelling():
    assert ref_span("resume abc - 12", "ABC-12") == (7, 15)
    assert ref_span("nothing here", "ABC-12") == (0, len("nothing here"))


def test_it_runs_after_the_response_selector_and_before_the_danger_component():
    names = [c["name"] for c in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    assert "rasa_ext.commands.CommandDetector" in names
    here = names.index("rasa_ext.commands.CommandDetector")
    assert names.index("rasa_ext.faq_selector.FaqSelector") < here < names.index("rasa_ext.danger.DangerDetector")
    assert here < names.index("FallbackClassifier")
