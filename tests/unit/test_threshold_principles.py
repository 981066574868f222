"""The principles of issue 21, each a test over many answer sets.

The answer sets are drawn at random with a fixed seed (the same every run) over every answer
the check accepts, so that a rule edited in knowledge/thresholds.yml is checked against the
principles and not only against the cases someone thought of. The oracles below are written
from the documents' wording, not from the rules:
- a risk factor alone (poverty, a parent's disability, mental ill health, a disabled child)
  never raises the level (Blackburn with Darwen: a risk factor, not a high-risk indicator;
  Kent: risk factors do not by themselves mean care is reduced);
- "not sure" never raises a level: it counts as no answer, and adds what would change the picture;
- child protection needs significant harm (a serious impact) or its likelihood (Camden);
- child in need needs a direct impact on development, or needs that help has not met
  (Camden, Blackburn with Darwen);
- early help needs signs of unmet need seen, and consent (Blackburn with Darwen).
"""

from __future__ import annotations

import random

import pytest
from test_threshold import TYPES, answers

from bot.reasoning.threshold import assess, level_of

RANK = {"universal": 0, "early_help": 1, "child_in_need": 2, "child_protection": 3, "emergency": 4}
PARENTAL = ("domestic_abuse", "substance_misuse", "mental_ill_health", "learning_disability", "own_childhood")
TRIO = {"domestic_abuse", "substance_misuse", "mental_ill_health"}
PATTERNS = ("one_off", "comes_and_goes", "persistent", "unsure")
IMPACTS = ("none_yet", "some", "serious", "unsure")


def random_answers(rng: random.Random) -> dict[str, str]:
    band = rng.choice(("unborn", "baby", "toddler", "primary", "adolescent"))
    seen, possible = {}, []
    for t in TYPES:
        r = rng.random()
        if r < 0.25:
            seen[t] = (rng.choice(PATTERNS), rng.choice(IMPACTS))
        elif r < 0.35:
            possible.append(t)
    k = rng.choice((0, 0, 1, 2))
    parental = ",".join(sorted(rng.sample(PARENTAL, k))) if k else rng.choice(("none", "unsure"))
    material = rng.choice(("struggling", "managing", "well_off", "unsure"))
    engagement = rng.choice(("changing", "no_change", "avoiding", "hostile", "no_help_yet", "unsure"))
    a = answers(
        band=band,
        seen=seen,
        possible=tuple(possible),
        danger=rng.choice(("no",) * 9 + ("yes",)),
        disability=rng.choice(("no", "yes", "unsure")),
        parental=parental,
        material=material,
        uses_support=rng.choice(("yes", "no", "unsure")) if material == "struggling" else None,
        engagement=engagement,
        dc_signs=rng.choice(("yes", "no", "unsure")) if engagement in ("no_change", "changing", "unsure") else None,
        previous=rng.choice(("none", "early_help", "social_care", "unsure")),
        duration=rng.choice(("under_3m", "3_to_12m", "over_12m", "unsure")),
    )
    if band in ("unborn", "baby"):
        a.pop("q_seen_alone")
    if band == "unborn":
        a.pop("q_disability")
    return {k: v for k, v in a.items() if v is not None}


CASES = [random_answers(random.Random(seed)) for seed in range(400)]


def seen_types(a: dict[str, str]) -> list[str]:
    return [t for t in TYPES if a.get(f"q_seen__{t}") == "yes"]


def parental(a: dict[str, str]) -> set[str]:
    return set(a.get("q_parental_factors", "").split(","))


# -- a risk factor alone never raises the level ---------------------------------------------------------
@pytest.mark.parametrize("band", ["unborn", "baby", "toddler", "primary", "adolescent"])
def test_risk_factors_without_signs_of_neglect_stay_universal(band, kb, plan):
    for k in range(len(PARENTAL) + 1):
        for factors in [",".join(PARENTAL[:k])] if k else ["none"]:
            for material, support in (("struggling", "yes"), ("struggling", "no"), ("well_off", None)):
                a = answers(
                    band=band,
                    parental=factors,
                    material=material,
                    uses_support=support,
                    disability="yes",
                    engagement="avoiding",
                    previous="social_care",
                    duration="over_12m",
                )
                assert level_of({k: v for k, v in a.items() if v is not None}, kb, plan) == "universal", a


def test_poverty_neither_raises_nor_lowers_the_level(kb, plan):
    for a in CASES:
        base = level_of(a, kb, plan)
        for material in ("struggling", "managing", "well_off"):
            alt = {**a, "q_material": material}
            alt.pop("q_uses_support", None)
            assert level_of(alt, kb, plan) == base
            if material == "struggling":
                for support in ("yes", "no"):
                    assert level_of({**alt, "q_uses_support": support}, kb, plan) == base


def test_a_parents_or_childs_disability_never_changes_the_level(kb, plan):
    for a in CASES:
        base = level_of(a, kb, plan)
        factors = parental(a) - {"none", "unsure", ""}
        with_ld = ",".join(sorted(factors | {"learning_disability"}))
        without_ld = ",".join(sorted(factors - {"learning_disability"})) or "none"
        assert level_of({**a, "q_parental_factors": with_ld}, kb, plan) == base
        assert level_of({**a, "q_parental_factors": without_ld}, kb, plan) == base
        if "q_disability" in a:
            for d in ("yes", "no"):
                assert level_of({**a, "q_disability": d}, kb, plan) == base


def test_a_parents_mental_health_or_drinking_alone_never_raises(kb, plan):
    """Without signs of neglect affecting the child persistently, a toxic-trio factor changes nothing."""
    for a in CASES:
        persistent_effect = any(
            a.get(f"q_pattern__{t}") == "persistent" and a.get(f"q_impact__{t}") in ("some", "serious")
            for t in seen_types(a)
        )
        if persistent_effect:
            continue
        base = level_of(a, kb, plan)
        for f in TRIO:
            assert level_of({**a, "q_parental_factors": f}, kb, plan) == base
        assert level_of({**a, "q_parental_factors": "none"}, kb, plan) == base


# -- "not sure" never raises a level -----------------------------------------------------------------------
def test_not_sure_counts_as_no_answer_and_never_above_a_definite_answer(kb, plan):
    for a in CASES[:120]:
        for qid in list(a):
            q = plan.by_id.get(qid)
            if q is None or not any(o.value == "unsure" for o in q.options):
                continue
            unsure = level_of({**a, qid: "unsure"}, kb, plan)
            assert unsure == level_of({k: v for k, v in a.items() if k != qid}, kb, plan), (qid, a)
            if qid.startswith("q_pattern__"):
                # not knowing whether it was a one-off does not bring the lower reading of a crisis
                assert RANK[unsure] <= RANK[level_of({**a, qid: "persistent"}, kb, plan)]
                continue
            for o in q.options:
                if o.value != "unsure" and not o.exclusive:
                    assert RANK[unsure] <= RANK[level_of({**a, qid: o.value}, kb, plan)], (qid, o.value, a)


def test_only_not_sure_about_every_type_stays_universal_and_says_what_would_change_it(kb, plan):
    a = answers(
        band="baby",
        parental="learning_disability",
        possible=TYPES,
        engagement="no_change",
        previous="early_help",
        duration="over_12m",
    )
    a.pop("q_seen_alone")
    result = assess(a, kb, plan)
    assert result.level_id == "universal"
    assert result.unsure >= 18 and len(result.unsure_about) == 18
    assert result.could_change and all(m.level.rank > 0 for m in result.could_change)
    assert any("threshold_uncertainty" == p.pitfall.id for p in result.prompts)


# -- what each level needs -------------------------------------------------------------------------------
HEALTH_AND_SAFETY = ("nutritional_neglect", "medical_neglect", "physical_neglect", "supervision_neglect")


def significant_harm_or_likely(a: dict[str, str]) -> bool:
    """Issue 21's list in the documents' terms: persistent (or recurring) neglect with a serious
    impact, failure to thrive or avoidable illness, a seriously unsafe home or supervision,
    the likelihood of significant harm Camden describes, or the pre-birth risk."""
    seen = seen_types(a)
    for t in seen:
        if a.get(f"q_impact__{t}") == "serious" and (
            t in HEALTH_AND_SAFETY or a.get(f"q_pattern__{t}") in ("persistent", "comes_and_goes")
        ):
            return True
    persistent_effect = any(
        a.get(f"q_pattern__{t}") == "persistent" and a.get(f"q_impact__{t}") == "some" for t in seen
    )
    if persistent_effect and parental(a) & TRIO and a.get("q_engagement") in ("avoiding", "hostile"):
        return True
    return (
        a.get("q_age") == "unborn"
        and a.get("q_previous") == "social_care"
        and a.get("q_engagement") in ("no_change", "avoiding", "hostile", "no_help_yet")  # nothing has changed
        and any(a.get(f"q_pattern__{t}") == "persistent" for t in seen)
    )


def direct_impact_or_unmet_after_help(a: dict[str, str]) -> bool:
    seen = seen_types(a)
    # a one-off lapse in a crisis with some effect is reactive neglect (Kent), not a direct impact on development
    if any(
        a.get(f"q_impact__{t}") == "serious"
        or (a.get(f"q_impact__{t}") == "some" and a.get(f"q_pattern__{t}") != "one_off")
        for t in seen
    ):
        return True
    return (
        a.get("q_previous") in ("early_help", "social_care")
        and a.get("q_engagement") == "no_change"
        and any(a.get(f"q_pattern__{t}") in ("persistent", "comes_and_goes") for t in seen)
    )


def test_each_level_needs_what_the_documents_ask_for(kb, plan):
    counts = dict.fromkeys(RANK, 0)
    for a in CASES:
        result = assess(a, kb, plan, what_ifs=False)
        lv = result.level_id
        counts[lv] += 1
        assert (lv == "emergency") == (a["q_danger_now"] == "yes")
        if lv == "child_protection":
            assert significant_harm_or_likely(a), a
        if lv == "child_in_need":
            assert direct_impact_or_unmet_after_help(a) and not significant_harm_or_likely(a), a
        if lv == "early_help":
            assert seen_types(a) and not direct_impact_or_unmet_after_help(a), a
            notes = {f.criterion.id for f in result.findings if not f.raises}
            if a.get("q_engagement") in ("avoiding", "hostile"):
                assert "eh_consent_withheld" in notes
        if lv == "universal":
            assert not seen_types(a)
        # each reason names the answers that met it
        for f in result.findings:
            assert f.answers and f.because, f.criterion.id
            assert all(q in a for q in f.answers)
    assert all(n >= 10 for n in counts.values()), counts


def test_significant_harm_is_never_pointed_below_child_protection(kb, plan):
    for a in CASES:
        if a["q_danger_now"] != "yes" and significant_harm_or_likely(a):
            assert level_of(a, kb, plan) == "child_protection", a
