"""Danger, session 14 (S14-DI13, issue 18): a parent's drug use told as a habit in the simple present
("mum injects", "both parents inject"), as a practice or support question (needle exchange, sharps
bins, hepatitis C testing) or as a pattern over years or months is no emergency happening now
(danger.yml danger_carer_unable, context.habitual "for years|months"); drug use told as done or
going on now, a carer collapsed or unrousable after using with a child there, or a child who has
swallowed drugs still is. Invented wording."""

from __future__ import annotations

import pytest

from bot.lang.danger_policy import decide_danger

A_PATTERN_OR_A_PRACTICE_QUESTION = [
    "dad injects heroin most days; where can I find a family support service for children of drug users?",
    "mum injects and keeps her works in a locked box, is a sharps bin from the pharmacy enough?",
    "both carers inject. how do I talk to the children about blood-borne viruses?",
    "parents who inject drugs - what does the guidance say about needle storage in homes with toddlers?",
    "mum is injecting again, she told me at the visit. what support is there for the children?",
    "mum has injected for years, how do I assess the impact on the kids?",
    "dad has been injecting for years and the kids are 4 and 6, which drug service works with families?",
    "a dad who injects wants to know if his children can be tested for hepatitis B",
    "mum has been drinking for months and the kids get themselves up for school",
]

IN_PROGRESS = [
    "mum has injected something and is unresponsive on the sofa, the 3 year old is with her now",
    "dad is injecting heroin in the living room right now with the baby next to him",
    "the toddler has swallowed some of mum's methadone and won't wake up",
    "mum injected about ten minutes ago and collapsed, the kids are on their own with her",
    "mum injects and she's gone blue on the bathroom floor, the 5 year old rang me",
    "dad just injected and he's passed out, the baby is in the cot",
    "he's been injecting for years and tonight he's collapsed with the baby on the sofa",
    "mum has been drinking for years and she's passed out now with the baby alone",
]


@pytest.mark.parametrize("text", A_PATTERN_OR_A_PRACTICE_QUESTION)
def test_drug_use_as_a_pattern_or_a_practice_question_is_no_emergency(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", IN_PROGRESS)
def test_an_emergency_in_progress_still_is(text):
    assert decide_danger(text).immediate, text


def test_a_count_typed_as_for_is_not_a_pattern():
    # "for year old" is "four year old": "for years" is a pattern only in its own words
    assert decide_danger("for year old wandering the estate a loan in his pyjamas at midnight").immediate


# The learned opinion over the rules' exclusions (S14-DI13): messages the rules rule out for a reason
# that keeps the child safe (an older child whose whereabouts are known or who is with a named adult,
# a sober adult there, a plan in place, an emergency that has ended, police or an ambulance already
# there and the child safe). Written before the leave-one-set-out table was looked at.
RULED_OUT_NEAR_MISSES = [
    "16 yr old out since 4pm at his mate's house, dad has spoken to the mate's mum and he's staying over",
    "the 13 year old missed the bus home, her aunt has gone to pick her up and she's waiting at the library",
    "the 17 yr old went out after a row and is at his girlfriend's, his mum has rung there and he's fine",
    "the 15 yr old has been out since 3pm at her mate's, mum knows where she is, phone is dead",
    "mum has had a few drinks at the party but her partner is sober and driving the children home",
    "mum was drunk when I visited yesterday but her sister moved in to look after the kids and stays sober",
    "she took an overdose on Saturday, was treated in A&E, is home with a safety plan and CAMHS see her tomorrow",
    "the baby stopped breathing for a moment at nursery last week, was checked at hospital and given the all clear",
    "the toddler swallowed a button last month, the hospital x-rayed him and it passed, he's fine",
    "the teenager ran off from the unit this morning but the staff found her at the bus station and she's back now",
    "the 12 year old self harms sometimes; she has a safety plan with school and her mum checks on her",
    "14 yr old stays home alone after school for an hour until mum gets back from work, she has a key and a phone",
    "dad kicked off at contact earlier, the police came, he's been arrested and the kids are safe with mum",
    "a fire in the kitchen this afternoon, the fire brigade put it out and the family are at nan's, everyone's fine",
    "police are at the house now with the children, mum's ex has been taken away and the kids are unhurt",
    "dad threatened mum with a knife on Friday, he's in custody now and there is a safety plan with the refuge",
    "16 year old out at a festival with her friend's parents, mum's had a text from them tonight saying all good",
    "the baby's dad turned up drunk at the door but the police have already removed him and the baby is asleep",
    "the 15 year old is at her boyfriend's flat, his dad is there and her mum knows, she'll be home by ten",
    "the 15 year old is staying at her dad's this weekend, he rang to say she's arrived safely",
    "mum was out of it last night but she's sober this morning and her partner has the kids",
    "the 2 year old was left in the car for a minute while mum paid for petrol, she could see him the whole time",
    "the baby was found alone in the flat on Tuesday, police took her to nan's where she's staying and she's fine",
]

# Near-misses of the same kinds that the rules themselves still give the 999 answer (found writing
# the list above, S14-DI13; not the learned opinion's doing): kept here as known false alarms
RULES_STILL_ALARM = [
    "the 14 year old hasn't come home from school yet, she texted mum she's at her friend Polly's, back for tea",
    "15 year old not back yet, she's at the cinema with her older cousin, mum has the cousin's number",
    "dad is drunk tonight but nan is here, sober, and putting the kids to bed",
    "mum is high but the foster carer collected the baby an hour ago and he's settled with her",
    "the 3 year old got out of the garden earlier, the neighbour brought him straight back and the gate is now locked",
    "ambulance is already here with the girl, paramedics are looking after her and mum is with her, I'm writing it up",
]

ACUTE_THE_RULES_MISS = [
    "16 year old at her friend's, the friend's dad is giving her vodka and won't let her leave",
]

# The same frames, acute: the exclusion does not hold (a stranger, pills taken, the only adult drunk,
# harm going on now, the plan failed, the danger back, help not there yet).
ACUTE_IN_THOSE_FRAMES = [
    "the 14 year old hasn't come home, she texted that a man she doesn't know is making her get in his car",
    "15 yr old is at a mate's house, she's just rung me crying saying she's taken a load of pills and can't stay awake",
    "dad is drunk and the only adult home with the 2 year old, nan has left",
    "mum's partner is sober but he's hitting the kids with a belt right now",
    "there was a safety plan but she's on the bridge right now saying she'll jump",
    "the police came earlier and left, now dad is back kicking the door in with the kids inside",
    "the ambulance hasn't arrived and the baby has stopped breathing",
    "the 3 year old got out of the garden again and is on the main road now",
    "the toddler swallowed a battery about ten minutes ago and is being sick",
    "mum has a plan with the refuge but he's outside the house right now with a knife",
    "the 13 year old was found last night but she's gone missing again tonight and she's with the men from the flat",
]


@pytest.mark.parametrize("text", RULED_OUT_NEAR_MISSES)
def test_a_near_miss_the_rules_rule_out_gets_no_999_answer(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", RULED_OUT_NEAR_MISSES)
def test_the_learned_opinion_over_the_exclusions_leaves_a_safe_exclusion_alone(text, monkeypatch):
    # with the learned opinion speaking where the rules ruled a signal out (a+), its guard keeps
    # these without the 999 answer whatever its probability
    from bot.lang import danger_policy

    real = danger_policy.settings
    monkeypatch.setattr(danger_policy, "settings", lambda: {**real(), "ruled_out": True})
    assert not danger_policy.decide_danger(text).immediate, text


@pytest.mark.parametrize("text", ACUTE_IN_THOSE_FRAMES)
def test_the_same_frames_acute_get_the_999_answer(text):
    assert decide_danger(text).immediate, text


# read right since S15-DI14 (near_miss_forms whereabouts_known, sober_adult_has_them, back_with_a_parent,
# services_have_it): no longer xfail
@pytest.mark.parametrize("text", RULES_STILL_ALARM)
def test_known_rule_false_alarms_on_near_misses(text):
    assert not decide_danger(text).immediate, text


# read since S15-DI14 (broad reading kept_there_plied: an adult keeping a child there, with drink or drugs or
# threats): no longer xfail
@pytest.mark.parametrize("text", ACUTE_THE_RULES_MISS)
def test_known_misses_in_those_frames(text):
    assert decide_danger(text).immediate, text


# From danger_dev22's false alarms, as classes (S14-DI13): an age in brackets after the child is the
# child's age ("our kid (14)"), and "months of it" after a want of care is a pattern, as "for months" is
OLDER_OR_A_PATTERN = [
    "my daughter (15) is home alone tonight, she has her phone and nan is next door",
    "my son (14) walks home alone from school and lets himself in",
    "no heating, damp on the walls, 3 kids, weeks of it. how do I evidence neglect?",
]

STILL_DANGER = [
    "my son (4) is home alone and I'm stuck on the motorway",
    "no food in the flat for the baby since yesterday and mum has gone",
    "the boy (15) has been stabbed and is bleeding on the stairs right now",
]


@pytest.mark.parametrize("text", OLDER_OR_A_PATTERN)
def test_an_age_in_brackets_or_months_of_it_is_no_emergency(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", STILL_DANGER)
def test_a_young_child_in_brackets_or_harm_now_still_is(text):
    assert decide_danger(text).immediate, text
