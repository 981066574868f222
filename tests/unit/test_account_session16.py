"""Accounts, session 16 (S16-LC4, issue 19). Every case detail is invented.

1. A professional or a service telling the practitioner is no child's voice ("School tell me ...",
   "Nursery tells me ...", "the HV told me ..."): account.voice_not_from; the child telling is still
   read ("he told me", "she tells me she's hungry"), and so is the child's telling reported by a
   service ("nursery say she told them ...").
2. Readings that were wrong far more often than right on writers' sets they were not made from
   (scripts/account_firstseen.py --loso-words) are asked, not pre-filled: account.not_from_account.
3. Words of two answers that the writers of other sets answered one way (scripts/account_loso.py
   --agree): no change beside avoiding is no change; no help before beside social care is none.
4. (S16-LC5) "not in" alone (a child not in school, a hearing aid not in) is no avoiding of workers:
   account.not_from_account; a parent's act on the other parent ("had punched mum in the face", "a
   serious assault by her partner", "keeps her bank card and pushed her over") is domestic abuse,
   added beside the factors named (account.factor_acts); a child pushed over by another child, or an
   act negated, is not.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.lang.account import Item, _not_from_account, read_account, words_only

TODAY = date(2026, 12, 5)


def voice(plan, said: str) -> str | None:
    return read_account(said, plan, TODAY).answers().get("q_child_voice")


@pytest.mark.parametrize(
    "said",
    [
        "School tell me he's been late most days this term and his PE kit is never washed.",
        "Nursery tells me she arrives hungry every morning and her nappy is soaked through.",
        "Primary age boy. The teacher told me he has no coat and his shoes are split.",
        "GP tells me the baby has missed both sets of jabs and two weight checks.",
        "Police told me the flat was filthy when they attended, dog mess on the floor.",
        "Baby of 7 months. The health visitor tells me she has dropped two centiles since the summer.",
        "The school nurse told us his teeth are badly decayed and nothing has been booked.",
        'Girl aged 6. School said "she is always the last one collected, often after 5".',
    ],
)
def test_a_service_telling_the_practitioner_is_no_childs_voice(plan, said):
    assert voice(plan, said) is None


@pytest.mark.parametrize(
    "said",
    [
        "Boy aged 9. He told me he is hungry most nights and there is nothing in the cupboards.",
        "Girl aged 12. She tells me she's hungry when she gets home and mum is asleep.",
        "Nursery say she told them there is no food at home and she sleeps on the sofa.",
        "School tell me he told his teacher that nobody gets him up in the mornings.",
        'Boy aged 8. He said "mummy sleeps all day" when I asked about breakfast.',
        "Girl aged 14. I saw her on her own and she told me she does all the cooking for her brothers.",
    ],
)
def test_the_child_telling_is_still_the_childs_voice(plan, said):
    assert voice(plan, said) == "given"


def test_a_parent_telling_stays_no_childs_voice(plan):
    assert voice(plan, "Boy aged 4. Mum told me she can't cope and the house is a mess.") is None


def test_words_only_reads_a_number_for_the_hash():
    assert words_only(["for # years"], "for two years")
    assert words_only(["for # years"], "for 3 years")
    assert not words_only(["for # years"], "for nearly two years")
    assert not words_only(["for # years"], "for two years, since the birth")
    assert not words_only([], "for two years")


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_foster_care_alone_is_no_parents_own_childhood(plan):
    said = (
        "Girl aged 4, head lice and dirty clothes most days. She spent a month in foster care last year "
        "while mum was in hospital."
    )
    assert "own_childhood" not in (answers(plan, said).get("q_parental_factors") or "").split(",")


def test_a_parent_in_care_as_a_child_still_reads(plan):
    said = (
        "Toddler aged 2, nappy rash and no cot, sleeps on the sofa. Mum is a care leaver and was in care "
        "herself from the age of 9, she has no family nearby."
    )
    assert "own_childhood" in (answers(plan, said).get("q_parental_factors") or "").split(",")


@pytest.mark.parametrize(
    ("qid", "value", "evidence", "gated"),
    [
        ("q_duration", "over_12m", "for two years", False),
        ("q_parental_factors", "own_childhood", "foster care", True),
        ("q_parental_factors", "own_childhood", "care leaver, foster", False),
        ("q_parental_factors", "substance_misuse", "foster care", False),
    ],
)
def test_not_from_account_gates_only_the_words_found_wrong_elsewhere(qid, value, evidence, gated):
    assert _not_from_account(Item(qid, value, evidence)) is gated


@pytest.mark.parametrize(
    "said",
    [
        "Girl aged 6, comes to school unwashed and hungry most days. Mum says all the right things at every "
        "meeting and nothing changes, and she cancelled two of my last three home visits.",
        "Boy aged 3, nappy rash and underweight. Dad agrees to everything at the TAF and then nothing shifts; "
        "he has cancelled the last two visits.",
    ],
)
def test_no_change_beside_avoiding_is_no_change(plan, said):
    assert answers(plan, said).get("q_engagement") == "no_change"


def test_shouting_beside_avoiding_stays_hostile(plan):
    said = "Toddler aged 2, dirty and hungry. Mum shouted at me on the doorstep and has cancelled every visit since."
    assert answers(plan, said).get("q_engagement") == "hostile"


def test_no_previous_involvement_with_social_care_is_none(plan):
    said = (
        "Baby of 5 months, dropping centiles. No previous involvement with children's services, first "
        "referral, mum accepted the feeding plan straight away."
    )
    assert answers(plan, said).get("q_previous") == "none"


def test_a_plan_before_is_still_help_before(plan):
    said = "Girl aged 9, hungry at school. The family had a CIN plan two years ago and the TAF is open now."
    assert answers(plan, said).get("q_previous") == "social_care"


def factors(plan, said: str) -> list[str]:
    return (answers(plan, said).get("q_parental_factors") or "").split(",")


@pytest.mark.parametrize(
    ("evidence", "gated"),
    [("not in", True), ("not in, cancelled", False), ("cancelled", False), ("never in", False)],
)
def test_not_in_alone_is_no_avoiding(evidence, gated):
    assert _not_from_account(Item("q_engagement", "avoiding", evidence)) is gated


def test_aids_not_in_is_no_avoiding_of_workers(plan):
    said = (
        "Boy aged 4 with a hearing loss, his hearing aids are often not in at nursery and the last "
        "audiology review was missed. Mum is warm with him and has bought the clips I showed her."
    )
    assert answers(plan, said).get("q_engagement") != "avoiding"


@pytest.mark.parametrize(
    "said",
    [
        "Girl aged 3, nappy soaked and nothing in the fridge. Dad was drunk last night and had punched mum "
        "in the face; police were called.",
        "Mum is 30 weeks pregnant and came to us after a serious assault by her partner. She is very anxious "
        "and on a waiting list for counselling for her mental health.",
        "Mum is 24 weeks pregnant and has missed two midwife appointments. Her partner checks her phone, keeps "
        "her bank card and pushed her over in the kitchen last month.",
    ],
)
def test_a_partners_act_on_a_parent_is_domestic_abuse(plan, said):
    assert "domestic_abuse" in factors(plan, said)


def test_the_act_is_added_beside_a_factor_named(plan):
    said = (
        "Boy aged 2, bottle of old milk in the cot and a soaked nappy. Dad was drunk and had punched mum "
        "in the face, empty cans everywhere."
    )
    got = factors(plan, said)
    assert "domestic_abuse" in got and "substance_misuse" in got


@pytest.mark.parametrize(
    "said",
    [
        "Girl aged 6, hungry at school most days. Her brother pushed her over in the playground and mum "
        "was not there to collect her.",
        "Boy aged 5, dirty clothes and head lice. Dad has never punched mum or anyone, they are calm "
        "together, the worry is the hygiene.",
    ],
)
def test_a_childs_fall_or_an_act_denied_is_no_domestic_abuse(plan, said):
    assert "domestic_abuse" not in factors(plan, said)


# 5. (S16-LC6) serious harm counts as a type's impact only when said in that type's own clause:
# harm in another clause of the sentence ("because his dad couldn't walk him there", ", and she's
# self-harming") is no impact of that type, left to be asked (never "no clear impact")


@pytest.mark.parametrize(
    "said",
    [
        "Year 5 boy. He has missed six days of school this half term because his dad couldn't walk him there.",
        "She is 14. She's missed a lot of school, about two days a week, and she's self-harming, cutting her arms.",
    ],
)
def test_harm_in_another_clause_is_no_impact_of_that_type(plan, said):
    acc = read_account(said, plan, TODAY)
    answers = acc.answers()
    assert answers.get("q_seen__educational_neglect") == "yes"
    assert "q_impact__educational_neglect" not in answers  # asked outright
    assert acc.harm  # the harm is still described, so no impact is never "none"


def test_harm_in_the_types_own_clause_is_its_impact(plan):
    said = "She is 3. She is always hungry at nursery and her weight is dropping off the centile."
    assert read_account(said, plan, TODAY).answers().get("q_impact__nutritional_neglect") == "serious"
