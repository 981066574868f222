"""The threshold rules are data: knowledge/thresholds.yml is validated, and a YAML edit changes behaviour."""

from __future__ import annotations

import copy
import dataclasses

import pytest
import yaml
from test_threshold import answers

from bot.knowledge.loader import KnowledgeError
from bot.reasoning.threshold import FILE, Rules, impact_guide, level_of, rules_for
from bot.settings import get_settings

RAW = yaml.safe_load((get_settings().knowledge_dir / FILE).read_text(encoding="utf-8"))


def criterion(raw: dict, cid: str) -> dict:
    return next(c for lv in raw["levels"] for c in lv["criteria"] if c["id"] == cid)


def rules_with(kb, plan, edit) -> Rules:
    raw = copy.deepcopy(RAW)
    edit(raw)
    return Rules(dataclasses.replace(kb, extra={**kb.extra, FILE: raw}), plan, raw)


def problems(kb, plan, edit) -> str:
    with pytest.raises(KnowledgeError) as exc:
        rules_with(kb, plan, edit)
    return "\n".join(exc.value.problems)


def test_the_rules_in_knowledge_load_and_every_raising_rule_has_a_condition_and_a_source(kb, plan):
    rules = rules_for(kb, plan)
    raising = [r for r in rules.rules.values() if r.raises]
    assert {r.criterion.level for r in raising} == {
        "universal",
        "early_help",
        "child_in_need",
        "child_protection",
        "emergency",
    }
    for r in raising:
        assert r.when and r.short
        assert kb.cite_item(r.criterion)
        assert r.criterion.source.doc in kb.documents


@pytest.mark.parametrize(
    "edit,message",
    [
        (
            lambda raw: criterion(raw, "cin_direct_impact_on_development")["when"]["any_type"]["answer_in"].update(
                {"q_seen": ["yes", "unsure"]}
            ),
            "a raising rule may not be met by 'not sure'",
        ),
        (
            lambda raw: criterion(raw, "cp_persistent_significant_harm")["when"]["any_type"]["answer_in"].update(
                {"q_impact": ["very_serious"]}
            ),
            "'very_serious' is not an answer to that question",
        ),
        (
            lambda raw: criterion(raw, "em_immediate_danger_now")["when"].update({"answer_in": {"q_danger": ["yes"]}}),
            "unknown question 'q_danger'",
        ),
        (
            lambda raw: criterion(raw, "em_immediate_danger_now")["when"].update(
                {"answer_in": {"q_impact": ["serious"]}}
            ),
            "use it inside any_type",
        ),
        (
            lambda raw: criterion(raw, "em_immediate_danger_now")["when"].update(
                {"answer_is": {"q_danger_now": ["yes"]}}
            ),
            "field 'when.answer_is': extra fields not permitted",
        ),
        (
            lambda raw: criterion(raw, "em_immediate_danger_now")["when"].update({"band_in": ["infant"]}),
            "unknown age band 'infant'",
        ),
        (
            lambda raw: criterion(raw, "cin_inconsistent_care_poor_home")["when"]["any_type"].update(
                {"types": ["hygiene_neglect"]}
            ),
            "unknown type of neglect 'hygiene_neglect'",
        ),
        (
            lambda raw: criterion(raw, "eh_emerging_needs")["when"].update(
                {"criterion": "eh_parents_engaging_consent"}
            ),
            "depends on itself",
        ),
        (lambda raw: criterion(raw, "eh_reactive_neglect").pop("short"), "needs 'short'"),
        (
            lambda raw: criterion(raw, "eh_reactive_neglect")["when"].update({"unsure_at_least": 2}),
            "may not rest on 'not sure' answers",
        ),
    ],
)
def test_a_broken_rule_is_reported_with_its_file_criterion_and_field(edit, message, kb, plan):
    text = problems(kb, plan, edit)
    assert message in text and "thresholds.yml: levels '" in text


def test_changing_a_rule_is_a_yaml_edit(kb, plan):
    case = answers(seen={"educational_neglect": ("comes_and_goes", "some")})
    assert level_of(case, kb, plan) == "child_in_need"

    def serious_only(raw):
        criterion(raw, "cin_direct_impact_on_development")["when"] = {
            "any_type": {"answer_in": {"q_seen": ["yes"], "q_impact": ["serious"]}}
        }

    stricter = rules_with(kb, plan, serious_only)
    assert stricter.level_for(case).id == "early_help"


def test_a_reason_lists_the_answers_that_met_it(kb, plan):
    rules = rules_for(kb, plan)
    case = answers(engagement="avoiding", seen={"physical_neglect": ("persistent", "serious")})
    met = rules.evaluate(case)
    assert "q_impact__physical_neglect" in met["cp_persistent_significant_harm"]
    assert "q_pattern__physical_neglect" in met["cp_persistent_significant_harm"]
    assert "q_engagement" in met["cp_non_engaging_or_hostile"]
    assert not any(q.endswith("__medical_neglect") for q in met["cp_persistent_significant_harm"])
    universal = rules.evaluate(answers())["universal_needs_met_good_enough"]
    assert "q_seen__medical_neglect" in universal and "q_danger_now" in universal


@pytest.mark.parametrize("band", ["unborn", "baby", "toddler", "primary", "adolescent"])
def test_the_impact_question_has_a_sourced_guide_for_every_age_band(band, kb):
    guide = impact_guide(kb, band)
    assert guide and "serious impact (significant harm)" in guide and "As some impact" in guide
    assert "Source:" in guide
    disabled = impact_guide(kb, band, disabled=True)
    assert len(disabled) > len(guide) and "disabled child" in disabled


def test_the_impact_question_says_what_serious_and_some_mean(plan):
    text = plan.by_id["q_impact__nutritional_neglect"].render("baby", False)
    assert "significant harm" in text and "Some impact means" in text


def test_threshold_texts_never_copy_eight_words_from_a_document(kb):
    """Own words everywhere except the short citation phrases (rules, impact guide, consent words, vignettes)."""
    from bot.knowledge.loader import _norm

    seeds = get_settings().seeds_dir
    grams: set[str] = set()
    for d in kb.documents.values():
        if d.file and (seeds / d.file).is_file():
            words = _norm((seeds / d.file).read_text(encoding="utf-8", errors="replace")).split()
            grams.update(" ".join(words[i : i + 8]) for i in range(len(words) - 7))
    assert grams

    def texts(node, key=None):
        if isinstance(node, str) and key not in ("phrase", "section", "doc"):
            yield node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from texts(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from texts(v, key)

    root = get_settings().knowledge_dir
    impact = next(q for q in kb.extra["check.yml"]["questions"] if q["id"] == "q_impact")
    sources = [
        RAW,
        impact,
        yaml.safe_load((root / "profiles" / "bwd.yml").read_text(encoding="utf-8")),
        yaml.safe_load((root.parent / "tests" / "data" / "vignettes.yml").read_text(encoding="utf-8")),
    ]
    copied = []
    for data in sources:
        for text in texts(data):
            words = _norm(text).split()
            copied += [" ".join(words[i : i + 8]) for i in range(len(words) - 7) if " ".join(words[i : i + 8]) in grams]
    assert copied == []
