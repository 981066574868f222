"""Table tests of the threshold reasoning, written from the guidance (see each case's note).

Each case is a set of check answers as a practitioner would give them; the expected level
is what the guidance points to, never a decision.
"""

from __future__ import annotations

import pytest

from bot.reasoning.threshold import assess

TYPES = (
    "medical_neglect",
    "nutritional_neglect",
    "emotional_neglect",
    "educational_neglect",
    "physical_neglect",
    "supervision_neglect",
)


def answers(
    band="primary",
    seen=None,
    possible=(),
    danger="no",
    disability="no",
    parental="none",
    material="managing",
    uses_support=None,
    engagement="no_help_yet",
    dc_signs="no",
    seen_alone="yes",
    duration="under_3m",
    previous="none",
    dsl="yes",
    scale="5",
):
    """seen: {type: (pattern, impact)}; possible: types answered 'not sure' (pattern and impact unsure)."""
    seen = seen or {}
    a = {
        "q_danger_now": danger,
        "q_case_ref": "TEST-1",
        "q_age": band,
        "q_disability": disability,
        "q_parental_factors": parental,
        "q_material": material,
        "q_engagement": engagement,
        "q_dc_signs": dc_signs,
        "q_seen_alone": seen_alone,
        "q_child_voice": "given",
        "q_duration": duration,
        "q_previous": previous,
        "q_dsl_knows": dsl,
        "q_scale": scale,
    }
    if uses_support:
        a["q_uses_support"] = uses_support
    for t in TYPES:
        if t in seen:
            a[f"q_seen__{t}"] = "yes"
            a[f"q_pattern__{t}"], a[f"q_impact__{t}"] = seen[t]
        elif t in possible:
            a[f"q_seen__{t}"] = "unsure"
            a[f"q_pattern__{t}"], a[f"q_impact__{t}"] = "unsure", "unsure"
        else:
            a[f"q_seen__{t}"] = "no"
    return a


P, C, O = "persistent", "comes_and_goes", "one_off"  # noqa: E741 (the pattern answers P, C, O)
CASES = [
    # (name, answers, expected level, criteria that must be among the reasons)
    ("no concerns at all, primary child", answers(), "universal", ["universal_needs_met_good_enough"]),
    ("no concerns, adolescent", answers(band="adolescent"), "universal", []),
    (
        "risk factors but care is good",
        answers(parental="mental_ill_health"),
        "universal",
        ["universal_risk_factors_care_good"],
    ),
    (
        "poverty alone with no signs of neglect",
        answers(material="struggling", uses_support="yes"),
        "universal",
        ["universal_risk_factors_care_good", "eh_poverty_alone_support"],
    ),
    (
        "emerging hunger, no impact yet",
        answers(seen={"nutritional_neglect": (C, "none_yet")}),
        "early_help",
        ["eh_emerging_needs"],
    ),
    (
        "reactive neglect after a bereavement",
        answers(seen={"physical_neglect": (O, "none_yet")}),
        "early_help",
        ["eh_reactive_neglect"],
    ),
    # "not sure" never raises the level by itself (issue 21): it adds what finding out would change
    (
        "not sure about emotional neglect",
        answers(possible=("emotional_neglect",)),
        "universal",
        ["universal_needs_met_good_enough"],
    ),
    (
        "poverty: struggling, uses help, some signs without impact",
        answers(material="struggling", uses_support="yes", seen={"physical_neglect": (C, "none_yet")}),
        "early_help",
        ["eh_poverty_alone_support"],
    ),
    (
        "engaging and changing, emerging needs, toddler",
        answers(band="toddler", engagement="changing", seen={"educational_neglect": (C, "none_yet")}),
        "early_help",
        ["eh_parents_engaging_consent"],
    ),
    (
        "unborn baby, mother missing antenatal care, no impact yet",
        answers(band="unborn", seen={"medical_neglect": (O, "none_yet")}, seen_alone=None),
        "early_help",
        [],
    ),
    (
        "school attendance dropping with some impact",
        answers(seen={"educational_neglect": (C, "some")}),
        "child_in_need",
        ["cin_direct_impact_on_development"],
    ),
    # Camden's child-in-need test asks for a direct impact on development (issue 21)
    (
        "persistent poor hygiene without clear impact",
        answers(seen={"physical_neglect": (P, "none_yet")}),
        "early_help",
        ["eh_emerging_needs"],
    ),
    (
        "persistent poor hygiene after early help that changed nothing",
        answers(previous="early_help", engagement="no_change", seen={"physical_neglect": (P, "none_yet")}),
        "child_in_need",
        ["cin_needs_unmet_without_services"],
    ),
    (
        "disabled child, unmet health needs, some impact",
        answers(disability="yes", seen={"medical_neglect": (C, "some")}),
        "child_in_need",
        ["cin_direct_impact_on_development"],
    ),
    (
        "affluent family, emotional neglect with some impact",
        answers(material="well_off", seen={"emotional_neglect": (C, "some")}),
        "child_in_need",
        ["cin_affluent_families_neglect_too", "cin_direct_impact_on_development"],
    ),
    (
        "affluent family, persistent emotional unavailability, no clear impact yet",
        answers(material="well_off", seen={"emotional_neglect": (P, "none_yet")}),
        "early_help",
        ["cin_affluent_families_neglect_too", "eh_emerging_needs"],
    ),
    (
        "parental substance misuse affecting care, some impact",
        answers(parental="substance_misuse", seen={"supervision_neglect": (C, "some")}),
        "child_in_need",
        ["cin_capacity_supervision_risk"],
    ),
    (
        "home in a poor state, recurring, some impact",
        answers(seen={"physical_neglect": (C, "some")}),
        "child_in_need",
        ["cin_inconsistent_care_poor_home"],
    ),
    (
        "early help tried, seeming engagement, nothing changes",
        answers(previous="early_help", engagement="no_change", seen={"nutritional_neglect": (C, "none_yet")}),
        "child_in_need",
        ["cin_needs_unmet_without_services"],
    ),
    (
        "adolescent left to fend for themselves, some impact",
        answers(band="adolescent", seen={"supervision_neglect": (C, "some")}),
        "child_in_need",
        [],
    ),
    (
        "poverty with neglect: struggling, help not used, persistent some impact",
        answers(material="struggling", uses_support="no", seen={"nutritional_neglect": (P, "some")}),
        "child_in_need",
        ["cin_direct_impact_on_development"],
    ),
    (
        "persistent neglect with serious impact, toddler",
        answers(band="toddler", seen={"physical_neglect": (P, "serious")}),
        "child_protection",
        ["cp_persistent_significant_harm", "cp_unsafe_home_or_supervision"],
    ),
    (
        "baby failing to thrive",
        answers(band="baby", seen={"nutritional_neglect": (C, "serious")}),
        "child_protection",
        ["cp_basic_needs_failure_to_thrive"],
    ),
    (
        "untreated medical condition with serious impact",
        answers(seen={"medical_neglect": (O, "serious")}),
        "child_protection",
        ["cp_basic_needs_failure_to_thrive"],
    ),
    (
        "toxic trio with serious impact",
        answers(parental="domestic_abuse,substance_misuse", seen={"emotional_neglect": (C, "serious")}),
        "child_protection",
        ["cp_parenting_absent_or_compromised"],
    ),
    # a parent's difficulty alongside some impact is child in need; child protection needs
    # significant harm or its likelihood (Camden, 'Child protection cases'; issue 21)
    (
        "baby, parental mental ill health, persistent concerns with some impact",
        answers(band="baby", parental="mental_ill_health", seen={"emotional_neglect": (P, "some")}),
        "child_in_need",
        ["cin_capacity_supervision_risk"],
    ),
    (
        "baby, parental mental ill health and drink, persistent neglect, help avoided",
        answers(
            band="baby",
            parental="mental_ill_health,substance_misuse",
            engagement="avoiding",
            seen={"emotional_neglect": (P, "some")},
        ),
        "child_protection",
        ["cp_likely_significant_harm"],
    ),
    # disguised-compliance signs are signs, not a threshold: they call for a capacity-to-change assessment
    (
        "revolving door: CP before, persistent, disguised compliance",
        answers(
            previous="social_care",
            engagement="no_change",
            dc_signs="yes",
            duration="over_12m",
            seen={"physical_neglect": (P, "some")},
        ),
        "child_in_need",
        ["cp_parents_unable_or_unwilling_to_change", "cin_needs_unmet_without_services"],
    ),
    (
        "hostile parents and persistent neglect affecting the child",
        answers(engagement="hostile", seen={"supervision_neglect": (P, "some")}),
        "child_in_need",
        ["cin_direct_impact_on_development"],
    ),
    (
        "pre-birth: older children had social care for the same concerns, unchanged",
        answers(
            band="unborn",
            parental="substance_misuse",
            previous="social_care",
            seen_alone=None,
            seen={"medical_neglect": (P, "some")},
        ),
        "child_protection",
        ["cp_prebirth_same_concerns"],
    ),
    (
        "avoiding help while a serious impact",
        answers(engagement="avoiding", seen={"emotional_neglect": (C, "serious")}),
        "child_protection",
        ["cp_non_engaging_or_hostile"],
    ),
    (
        "affluent family, serious emotional neglect of an adolescent",
        answers(band="adolescent", material="well_off", seen={"emotional_neglect": (P, "serious")}),
        "child_protection",
        ["cp_persistent_significant_harm", "cin_affluent_families_neglect_too"],
    ),
    (
        "poverty does not lower a serious persistent harm",
        answers(material="struggling", uses_support="yes", seen={"nutritional_neglect": (P, "serious")}),
        "child_protection",
        ["cp_persistent_significant_harm", "eh_poverty_alone_support"],
    ),
    (
        "disabled child, supervision so poor the child is hurt",
        answers(disability="yes", seen={"supervision_neglect": (C, "serious")}),
        "child_protection",
        ["cp_unsafe_home_or_supervision"],
    ),
    ("immediate danger now, no other answers", answers(danger="yes"), "emergency", ["em_immediate_danger_now"]),
    (
        "immediate danger with chronic neglect too",
        answers(danger="yes", seen={"supervision_neglect": (P, "serious")}),
        "emergency",
        ["em_immediate_danger_now", "cp_persistent_significant_harm"],
    ),
    (
        "unborn, immediate danger (mother collapsed)",
        answers(band="unborn", danger="yes", seen_alone=None),
        "emergency",
        [],
    ),
]


@pytest.mark.parametrize("name,given,level,criteria", CASES, ids=[c[0] for c in CASES])
def test_level_and_reasons(name, given, level, criteria, kb, plan):
    given = {k: v for k, v in given.items() if v is not None}
    result = assess(given, kb, plan)
    assert result.level_id == level, [f.criterion.id for f in result.findings]
    found = {f.criterion.id for f in result.findings}
    for c in criteria:
        assert c in found


def test_there_are_at_least_30_cases_covering_every_level_and_band():
    assert len(CASES) >= 30
    assert {c[2] for c in CASES} == {"universal", "early_help", "child_in_need", "child_protection", "emergency"}
    assert {c[1]["q_age"] for c in CASES} >= {"unborn", "baby", "toddler", "primary", "adolescent"}
    assert {c[1]["q_engagement"] for c in CASES} >= {"changing", "no_change", "avoiding", "hostile", "no_help_yet"}


def test_every_reason_has_a_source_and_the_level_never_comes_without_next_steps(kb, plan):
    for _, given, _, _ in CASES:
        result = assess({k: v for k, v in given.items() if v is not None}, kb, plan)
        assert result.next_steps, "every level has next steps"
        for f in result.findings:
            assert kb.cite_item(f.criterion)
        assert all(s.id in kb.items for s in result.next_steps)


def test_emergency_next_steps_start_with_999(kb, plan):
    result = assess(answers(danger="yes"), kb, plan)
    assert result.next_steps[0].id == "call_999"


def test_prompts_follow_the_answers(kb, plan):
    result = assess(
        answers(engagement="no_change", seen_alone="no", duration="over_12m", seen={"physical_neglect": (P, "some")}),
        kb,
        plan,
    )
    pitfalls = {p.pitfall.id for p in result.prompts}
    assert {"disguised_compliance", "invisible_child", "drift"} <= pitfalls
    doubt = assess(answers(possible=("emotional_neglect", "physical_neglect")), kb, plan)
    assert "threshold_uncertainty" in {p.pitfall.id for p in doubt.prompts}


def test_next_steps_add_seeing_the_child_alone_when_not_seen(kb, plan):
    ids = [s.id for s in assess(answers(seen_alone="no", seen={"emotional_neglect": (C, "some")}), kb, plan).next_steps]
    assert "see_child_alone" in ids and ids[0] == "talk_to_dsl"
