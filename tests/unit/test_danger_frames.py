"""Danger read clause by clause (issue 18, bot/lang/danger_frames.py): each part of a long
account keeps its own frame, so ordinary history beside a danger told as now does not dilute
it, and a danger word in a part told in the past, negated or imagined does not fire.

The sentences are development examples written for these tests (invented details), not taken
from the labelled sets."""

from __future__ import annotations

import pytest

from bot.lang.danger import DANGER_INTENT, _read, _rules, detect_danger
from bot.lang.danger_policy import decide_danger


def _frames(text):
    doc, _sent, _clause, _ctx, frames = _read(text, _rules())
    return doc, frames


def _at(doc, word):
    return next(t.i for t in doc if t.lower_ == word)


# -- the reading itself ---------------------------------------------------------------------------
def test_a_clause_is_split_again_at_and_and_each_part_has_its_own_time():
    doc, frames = _frames("mum has a history of overdoses and is now not responding")
    history, responding = _at(doc, "history"), _at(doc, "responding")
    assert frames.clause[history] != frames.clause[responding]
    assert "past" in frames.times(history)
    assert {"now", "present"} <= frames.times(responding)
    assert "past" not in frames.times(responding)


def test_a_part_with_no_time_of_its_own_carries_on_the_part_before_it():
    doc, frames = _frames("if he comes home drunk and hits her")
    hits = _at(doc, "hits")
    lo, _hi = frames.scope(hits)
    assert doc[lo].lower_ == "if"


def test_punctuation_ends_a_scope():
    doc, frames = _frames("last year he was in care, she is alone")
    lo, _hi = frames.scope(_at(doc, "alone"))
    assert doc[lo].lower_ == "she"


def test_the_scene_is_read_once_for_the_message():
    assert _frames("I'm outside the flat now. Nobody is answering")[1].scene
    assert not _frames("nobody is answering the phone")[1].scene


# -- history, habit and talk in general beside danger now ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "mum has a history of overdoses and is now not responding and the 2 year old is with her in the flat",
        "we've had concerns about supervision for months and right now the 5 year old and the baby are home alone",
        "she's often drunk at weekends and right now she's passed out with the baby on the sofa",
        "closed to us last summer but the 4 year old has been found wandering the estate on his own this evening",
        "dad has a caution for assault, he's outside the house now shouting he'll kill her and the kids are inside",
    ],
)
def test_history_in_one_part_does_not_dilute_danger_told_as_now_in_another(text):
    got = detect_danger(text)
    assert got.immediate, got.reason


@pytest.mark.parametrize(
    "text",
    [
        "she was left in the car for a few minutes while mum paid for fuel",
        "the injuries were accidental in the end but I still feel uneasy about the family",
        "mum overdosed when he was a baby and he was in foster care for a year",
        "dad passed out drunk on xmas day, the kids were at their nan's, they're back with him now",
        "Nothing to say she's unsafe at home, she's just exhausted and behind with coursework",
        "the 4yo got locked out in the garden for a minute when the door blew shut, mum let her back in",
        "there was a small fire in the kitchen last march but the smoke alarm works now",
    ],
)
def test_a_danger_word_told_in_the_past_negated_or_dealt_with_does_not_fire(text):
    got = detect_danger(text)
    assert not got.immediate, got.reason


def test_the_past_tense_is_read_in_its_own_part_only():
    # the now-word is in another part: the injury part is still told in the past
    assert not detect_danger("the injuries were accidental but I still feel uneasy").immediate
    # a now-word of its own makes a past-tense part recent
    assert detect_danger("she was left in the car outside the pub an hour ago and is still there").immediate


def test_a_framing_word_does_not_frame_a_part_told_as_now_at_the_scene():
    text = (
        "went back at 3 to drop off a leaflet and nobody is answering but I can hear the baby screaming. "
        "The baby is 7 weeks old, I'm stood outside now"
    )
    assert detect_danger(text).immediate
    # without the scene, a framing word still frames its sentence
    assert not detect_danger("in the training scenario the baby is left alone with a drunk parent").immediate
    assert not detect_danger("a leaflet about babies left alone in the bath").immediate


def test_a_child_alone_with_the_water_running_is_still_alone():
    assert detect_danger("the 14 month old is upstairs in the bath on her own with the water still running").immediate
    assert not detect_danger("mum's on her own with the kids since dad left").immediate


def test_a_parent_obeying_voices_tonight_is_danger():
    assert detect_danger("she says god has told her to take the kids to the water tonight").immediate


# -- the one policy ------------------------------------------------------------------------------
def test_the_past_tense_keeps_the_rules_quiet_but_does_not_overrule_the_classifier():
    text = "she was left in the car in the freezing cold"
    assert not detect_danger(text).immediate
    assert not detect_danger(text).mentioned
    assert decide_danger(text, DANGER_INTENT, 0.95).immediate
    assert not decide_danger(text).immediate
    # a time phrase of the past is a strong reading: it overrules the classifier
    past = "she was left in the car in the freezing cold last winter"
    assert detect_danger(past).mentioned
    assert not decide_danger(past, DANGER_INTENT, 0.95).immediate


def test_the_classifier_stands_on_a_word_of_harm_told_as_now_beside_a_signal_ruled_out():
    text = "dad was convicted of assault in 2019, mum is screaming and the kids are terrified right now"
    got = decide_danger(text, DANGER_INTENT, 0.9)
    assert got.immediate, got.reason
    # the same message with no classifier: it stands or falls on the rules
    ruled = "dad was convicted of assault in 2019 and has had no contact since"
    assert not decide_danger(ruled, DANGER_INTENT, 0.9).immediate


# -- what nearly happened -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "if nan hadn't walked in she could have drowned in that bath, mum was only gone a minute",
        "the baby might have choked on the grape but mum was right there and fished it out",
        "the toddler was nearly hit by a car on the way to nursery this morning, mum had hold of the buggy",
    ],
)
def test_what_nearly_happened_and_did_not_is_not_danger_now(text):
    got = detect_danger(text)
    assert not got.immediate, got.reason


@pytest.mark.parametrize(
    "text",
    [
        "she's nearly unconscious and mum is passed out",
        "the baby is almost not breathing, lips going blue",
        "he nearly drowned in the bath 10 minutes ago and is now very drowsy and floppy",
        "she may have swallowed some of mums tablets, she's very sleepy now",
    ],
)
def test_a_state_nearly_reached_or_a_guess_about_now_is_still_danger(text):
    got = detect_danger(text)
    assert got.immediate, got.reason


# -- issue 18, fourth pass (S4-DI): structure found with danger_dev4.yml and invented probes ------
def test_a_clock_time_at_night_is_a_time_not_a_habit():
    # "at night" alone is a habit ("he wanders at night"); "10 at night" is when it is now
    assert detect_danger("locked out on the step with no coat, it's gone 11 at night and freezing").immediate
    assert not detect_danger("she gets locked out at night sometimes when mum forgets").immediate


def test_the_present_progressive_is_now_against_a_habit_in_another_part():
    doc, frames = _frames("the baby is making a wheezing noise and dad says she always does")
    assert "progressive" in frames.times(_at(doc, "wheezing"))
    assert detect_danger("the baby is wheezing and going grey and dad says she always does that").immediate
    # the habit in the danger's own part still makes it a pattern
    assert not detect_danger("the baby always goes a bit grey round the lips when she feeds, GP aware").immediate


def test_a_danger_told_in_the_past_is_carried_on_by_the_next_sentence():
    text = "At pick up gran was slurring and put the boy in her car. They've just driven off."
    assert detect_danger(text).immediate
    # the next sentence says nothing of it going on now: the past tense stands
    assert not detect_danger("At pick up gran was slurring. She has since stopped drinking.").immediate


def test_a_background_phrase_reaches_only_up_to_the_next_verb():
    text = "the uncle who has a history of violence has broken his bail and is at the flat with the twins right now"
    assert detect_danger(text).immediate
    assert not detect_danger("dad has a history of violence including hitting mum, no contact since 2023").immediate


def test_a_resolution_said_as_a_condition_does_not_resolve():
    assert detect_danger(
        "he has barricaded the door and is threatening to set fire to the flat if police come in"
    ).immediate
    assert not detect_danger("there was a fire in the kitchen and police came and it was put out").immediate


def test_a_clause_of_examples_carries_on_the_clause_before():
    text = "what are the signs a teen is at risk of exploitation, like going off with older men"
    doc, frames = _frames(text)
    lo, _hi = frames.scope(_at(doc, "going"))
    assert lo < _at(doc, "risk")
    assert not detect_danger(text).immediate


def test_a_reported_threat_with_its_condition_is_not_a_hypothetical():
    assert detect_danger("dad said if anyone comes near he will stab the kids, he has them in the van now").immediate
    assert not detect_danger("what if dad stabs someone").immediate
    assert not detect_danger("if he ever hurt the kids I would call the police").immediate


def test_bruising_is_an_emergency_on_a_baby_only():
    assert detect_danger("the 7 week old has bruising on her cheek and nobody can say how").immediate
    assert not detect_danger("the 9 year old has a bruise on his arm from rugby").immediate
    assert not detect_danger("we had a s47 in 2021 about bruising to the baby, NFA").immediate


def test_missing_with_no_subject_beside_it():
    assert detect_danger("the 13 year old my colleague works with has gone missing since last night").immediate
    assert detect_danger("the toddler slipped out of the garden and is missing, the river is close").immediate
    assert not detect_danger("his phone has gone missing again and mum is cross").immediate


def test_a_negated_stop_goes_on_and_stopping_drinking_is_good_news():
    assert detect_danger("he won't stop kicking her and the kids are in the room right now").immediate
    assert not detect_danger("he is not kicking her now, he has calmed down and gone").immediate
    assert not detect_danger("dad has stopped drinking and the kids are home with him now").immediate
    assert detect_danger("dad is drinking and the kids are home with him now").immediate


def test_what_resolves_must_have_happened():
    # a resolution denied or only hoped for does not resolve
    assert detect_danger("the 3 year old is alone in the flat and mum has not come back since lunch").immediate
    assert not detect_danger(
        "mum left the 9 year old alone for 15 minutes to get bread and came straight back"
    ).immediate
    assert not detect_danger("the toddler climbed onto the windowsill and mum grabbed him straight away").immediate


def test_a_feared_future_and_a_sober_adult_are_not_an_emergency_now():
    assert not detect_danger("dad is worried mum won't bring the kids back after the holiday").immediate
    assert not detect_danger("mum sounded drunk on the phone tonight but her partner is there and sober").immediate
    assert detect_danger("mum is drunk tonight and nobody else is there with the kids").immediate


def test_a_knife_put_away_is_not_a_weapon():
    assert not detect_danger(
        "there is a knife block on the counter and a knife collection in the locked loft"
    ).immediate
    assert detect_danger("dad is waving a knife around in the kitchen right now").immediate


def test_a_denied_opinion_reaches_its_own_part_only():
    assert not detect_danger("I don't think the twins are at risk tonight, but I want to talk it through").immediate
    assert detect_danger("yes there is a risk right now, he knows where she is staying").immediate
    assert detect_danger("I don't think she's coping and dad has a knife in his hand now").immediate


def test_more_ways_of_saying_it_is_happening():
    assert detect_danger("her partner has got her by the throat and the baby is in the room").immediate
    assert detect_danger("the kids are with dad who is on a massive bender and he has them in the car").immediate
    assert detect_danger(
        "I think the 11 year old has taken something, her pupils are huge and she is confused"
    ).immediate
    assert detect_danger("mum has just text saying this is the last time we will see the kids").immediate
    assert not detect_danger("the last time I visited the flat was clean and the kids were fine").immediate


def test_an_if_reaches_the_parts_joined_to_it_unless_they_say_now():
    assert not detect_danger("what should I do if I knock and a baby is alone in the flat and nobody answers").immediate
    assert detect_danger(
        "if mum isn't back soon I'll call the police and right now the baby is alone in the flat"
    ).immediate
    assert not detect_danger(
        "dad asked whether it's fine to leave the baby asleep in the car at the petrol station"
    ).immediate


def test_months_or_years_of_it_are_a_pattern_and_a_plan_followed_resolves():
    assert not detect_danger("year 10 girl self harming for a year, CAMHS know, no thoughts of suicide").immediate
    assert not detect_danger(
        "he had a seizure in class today, staff followed his care plan and mum collected him"
    ).immediate
    assert detect_danger("he is having a seizure in class right now and it has gone on for 6 minutes").immediate


def test_a_case_the_practitioner_had_is_the_past_but_a_child_they_have_with_them_is_not():
    assert not detect_danger("I had a case where a child was locked out overnight, how do I learn from it").immediate
    assert detect_danger("I have a boy in my office who says dad has a gun and will shoot mum tonight").immediate


def test_a_resolution_only_to_come_resolves_nothing():
    assert detect_danger(
        "the baby is freezing right now, the landlord says the boiler will be fixed next week"
    ).immediate
    assert not detect_danger(
        "the flat had no electric when I got there but mum topped up the meter and the heating is on now"
    ).immediate
    assert not detect_danger(
        "she climbed onto the garage roof but her dad was right there and lifted her down"
    ).immediate


def test_the_present_perfect_reaches_now_past_a_was_inside_the_part():
    text = "the 4 year old they sent home because he was poorly has been found wandering by the river"
    assert detect_danger(text).immediate
    text = "the twins were collected by their gran who staff say was staggering and has driven off with them"
    assert detect_danger(text).immediate
    assert not detect_danger("the 4 year old was found wandering by the river last summer and is fine").immediate


def test_a_history_of_speaks_of_a_person_not_of_when():
    text = "dad has taken the kids and said mum will never see them again and he has a history of violence"
    assert detect_danger(text).immediate
    assert detect_danger("the baby is coughing and blue round the mouth").immediate


def test_blood_tests_are_not_blood():
    assert not detect_danger("the baby was pale at the review, bloods normal, now on a feeding plan").immediate
    assert detect_danger("there is blood everywhere and he is not waking up now").immediate


def test_nobody_hurt_and_back_to_normal_since():
    assert not detect_danger(
        "dad threw a plate at the wall this morning, nobody was hurt, he has gone to work"
    ).immediate
    assert not detect_danger(
        "she bumped her head on the table at lunch, was sick once and is now playing happily"
    ).immediate
    assert detect_danger("she bumped her head and has been sick three times and is really drowsy now").immediate


def test_a_plaster_a_fear_of_later_and_just_as_merely():
    assert not detect_danger("she grazed her knee at the park, mum cleaned it and put a plaster on").immediate
    assert detect_danger("mum is plastered and has the baby on her own tonight").immediate
    assert not detect_danger(
        "mum is afraid dad won't bring the kids back after contact, there is a court order"
    ).immediate
    assert detect_danger("she is terrified he will kill her tonight, he is outside the house").immediate
    assert not detect_danger("nan says the baby screams at bath time, he's just a noisy baby").immediate


def test_talking_a_case_through_and_a_wish_for_later():
    assert not detect_danger("can I think through a case where dad leaves the kids alone, they are 8 and 11").immediate
    assert not detect_danger("he says he wants to hurt his stepdad when he is bigger, he is 6").immediate
    assert detect_danger("he says he wants to hurt his stepdad and has a knife in his bag now").immediate


def test_hours_ago_and_hardly_feeding_are_now():
    assert detect_danger(
        "the 5 month old was left in his cot in a freezing flat with no heating and dad went out hours ago"
    ).immediate
    assert detect_danger("the baby is 3 weeks old, has barely fed in 24 hours and is very sleepy").immediate
    assert not detect_danger(
        "the baby rolled off the bed a few hours ago, no marks, feeding well and settled"
    ).immediate


def test_mid_check_answers_told_in_the_present():
    assert detect_danger("right now the toddler is in the bath and dad has gone downstairs").immediate
    assert detect_danger("no one is looking after them tonight, mum is in custody").immediate
    assert detect_danger("she's been sick 5 times and is floppy, mum won't take her to hospital").immediate
    assert not detect_danger("she gets tummy aches a few times a term and is fine after a rest").immediate


def test_a_fever_coming_down_is_dealt_with():
    assert not detect_danger("she has a temperature but it's coming down with calpol").immediate
    assert detect_danger("she has a temperature of 40 and is floppy and not responding now").immediate


def test_someone_forcing_into_a_childs_room():
    text = "the 15 year old says her stepdad is trying to get into her room and she has barricaded the door"
    assert detect_danger(text).immediate


def test_a_habit_in_the_same_part_as_a_now_word_is_still_a_habit():
    assert not detect_danger("dad is currently drinking most days and the kids are often late for school").immediate
    assert detect_danger("dad is drunk right now and has the kids on his own").immediate
    assert not detect_danger("she still has nightmares about the fire at their old house").immediate


def test_short_notes_about_a_rule_or_a_behaviour_are_not_an_emergency():
    assert not detect_danger("home alone policy").immediate
    assert not detect_danger("fire setting behaviour").immediate
    assert not detect_danger("running away threats").immediate
    assert not detect_danger("fell and hit his head at nursery, first aid given").immediate
    assert not detect_danger("left with grandparents overnight").immediate
    assert not detect_danger("knife in the kitchen drawer").immediate
    assert detect_danger("her partner has got her by the throat in the kitchen and the kids are watching").immediate
    assert detect_danger("the 2 year old is home alone overnight right now").immediate


def test_a_choice_asked_and_tobacco_smoke():
    assert not detect_danger("call 999 or the front door?").immediate
    assert not detect_danger("the flat is full of smoke from dad's cigarettes").immediate
    assert detect_danger("the flat is full of smoke and the kids are inside").immediate


# -- issue 18, fifth pass (S5-DI): structures found with danger_dev5.yml, on invented sentences --
def test_a_resolution_told_of_another_time_does_not_settle_a_danger_now():
    text = (
        "the 4 month old is with his 12 year old sister, mum has just gone out and his breathing is "
        "rattly and fast. The GP saw him last month and he was fine then."
    )
    assert detect_danger(text).immediate
    # told in the same sentence, a resolution still settles it
    assert not detect_danger("he fell off the sofa and bumped his head, the GP checked him and he was fine").immediate


def test_a_question_word_after_a_preposition_and_practice_questions_without_a_question_mark():
    assert not detect_danger("at what point would a school ring the police about a child alone").immediate
    assert not detect_danger("can staff take a knife off a pupil without calling his parents").immediate
    assert not detect_danger("a 17 yr old has been thrown out by dad, is he a housing case or do we assess").immediate
    assert detect_danger("dad has a knife and is threatening mum right now").immediate


def test_a_threat_under_a_condition_is_not_harm_now_unless_something_is_happening_now():
    assert not detect_danger("she said her nan would kill her if she failed her exams").immediate
    assert detect_danger("he said he would kill her if she rang the police, he's in the house now").immediate


def test_frequency_told_after_the_match_and_every_few_months():
    assert not detect_danger("her fits have become more frequent since she changed school").immediate
    assert not detect_danger("dad has a seizure every few months and there is a plan").immediate
    assert detect_danger("the baby is fitting right now and mum can't wake her").immediate


def test_advice_already_sought_settles_a_temperature():
    assert not detect_danger("the toddler has a temperature of 39 and dad has phoned 111, they said calpol").immediate
    assert detect_danger("the toddler has a temperature of 40 and is floppy, dad won't ring anyone").immediate


def test_a_count_inside_one_scene_is_not_history():
    text = (
        "mum arrived at nursery to collect, reeking of alcohol, she could hardly stand and fell over "
        "twice. She is insisting on taking the baby and her car is outside."
    )
    assert detect_danger(text).immediate
    assert not detect_danger("mum was drunk at pick up twice last term").immediate


def test_the_practitioner_at_the_door_or_on_the_way_is_at_the_scene():
    assert detect_danger("dad is psychotic and says the devil is inside the baby, I'm outside the flat").immediate
    assert detect_danger("she says her son is possessed and must be cleansed, I'm 10 minutes away").immediate
    assert not detect_danger("I'm outside the house for a planned visit, what should I ask about routines?").immediate


def test_a_verb_in_ing_after_the_child_is_going_on_and_a_time_of_day_is_otherwise_a_habit():
    assert detect_danger("3 yr old roaming the streets alone at night").immediate
    assert detect_danger("girl slashing her arms in the changing rooms right now").immediate
    assert not detect_danger("she goes out at night and leaves the 7 year old on his own").immediate


def test_a_carer_gone_away_with_a_young_child_but_not_when_another_adult_has_them():
    assert detect_danger("the 2 year old is screaming next door, the parents have gone away for the weekend").immediate
    assert not detect_danger("mum has gone away for the weekend and the toddler is with nan").immediate
    assert not detect_danger("dad has gone away for the week, the 15 year old is with mum").immediate


def test_a_child_who_disclosed_going_home_to_the_person_named():
    assert detect_danger("she disclosed that her uncle abuses her and she is going back to him tonight").immediate
    assert detect_danger("the boy disclosed at school today and the alleged abuser lives at the address").immediate
    assert not detect_danger("the alleged perpetrator no longer lives at the address").immediate
    assert not detect_danger("she's going home to mum tonight, no concerns").immediate


def test_a_young_child_out_on_a_road_or_picked_up_by_a_stranger():
    assert detect_danger("the 3 year old has got out the back gate and is on a busy road").immediate
    assert detect_danger(
        "a 12 year old has been picked up by an older man outside school, they've driven off"
    ).immediate
    assert not detect_danger("mum is on the road to recovery and the toddler is thriving").immediate


def test_quoted_words_do_not_deny_and_drink_in_hand_with_a_baby():
    text = "dad posted 5 mins ago holding a can of lager with the baby on his knee, captioned 'daddy daycare lol'"
    assert detect_danger(text).immediate
    assert not detect_danger("he said he'd kill his brother for eating his chips lol").immediate


def test_a_carer_slurring_now_who_cannot_stand_straight():
    assert detect_danger(
        "dad is slurring and can't stand straight and the baby is in his arms, he wants to drive"
    ).immediate
    assert not detect_danger("dad was slurring at the meeting last year").immediate


def test_a_fear_running_into_the_match_is_a_feared_future():
    assert not detect_danger("I'm worried the toddler might be left alone when dad starts nights").immediate
    assert detect_danger("the toddler is alone in the flat right now").immediate


def test_the_classifier_alone_does_not_make_an_emergency_of_small_explained_or_recorded_harm():
    # invented sentences: a word of harm that a note, a count of records, "minor" or "accidental" settles
    from bot.lang.danger import DANGER_INTENT
    from bot.lang.danger_policy import decide_danger

    for text in (
        "bruises: none seen on the body map",
        "the 6 year old has had 2 minor injuries this half term, both explained",
        "nursery have sent 3 logs about hunger this month, nothing urgent",
        "the injuries were accidental, the paediatrician agreed",
        "he came off his bike and grazed his elbow, school cleaned it up",
        "dad smokes on the balcony, the HV gave advice about second hand smoke",
        "the stair gate was fitted last week",
    ):
        got = decide_danger(text, DANGER_INTENT, 0.95)
        assert not got.immediate, (text, got.reason)
    assert decide_danger("the baby has had 2 fits since lunch and is still drowsy now", DANGER_INTENT, 0.95).immediate


def test_a_day_named_with_the_future_is_not_the_past_and_a_child_at_a_carers_drugs():
    assert detect_danger("she says she's being sent to bangladesh on friday to be married, she's 15").immediate
    assert not detect_danger("he was sent home on friday after the fight at school").immediate
    assert detect_danger("mum's tablets are out on the side and the 2 year old has been chewing them").immediate
    assert not detect_danger("mum keeps her tablets in a locked cupboard").immediate
    assert detect_danger("a rash on her tummy that doesn't fade under a glass and she's floppy").immediate
    assert detect_danger("dad at the front desk with the baby saying he is going to leave her here").immediate


def test_a_knife_put_away_safely_is_not_a_weapon_in_use():
    assert not detect_danger("she keeps the knives in a locked drawer").immediate
    assert not detect_danger("the knives are kept in a locked cupboard now").immediate
    assert detect_danger("dad is waving a knife at the kids right now").immediate
    assert detect_danger("the 3 year old is locked in a cupboard now").immediate


def test_a_baby_with_a_swollen_head_whose_parents_will_not_go_and_a_parent_shouting_he_will_take_her():
    assert detect_danger("6 week old, swollen head and being sick, mum won't go to the hospital").immediate
    assert detect_danger("dad is at the nursery door now yelling that he's grabbing her").immediate
    assert not detect_danger("mum is taking her to the GP this afternoon about the rash").immediate


def test_a_door_broken_down_now_and_pills_in_hand_with_a_plan():
    text = (
        "mum's ex has a history of violence and they separated last year. She rang at 8 to say he's "
        "kicked the back door in and is inside now with her and the baby."
    )
    assert detect_danger(text).immediate
    assert detect_danger(
        "he has a packet of paracetamol in his blazer and is planning to take them all at lunch"
    ).immediate
    assert not detect_danger("the landlord kicked the door in during the eviction in 2022").immediate


def test_a_farewell_just_posted_and_a_bruise_assessed_as_accidental():
    assert detect_danger("the 14 year old has messaged her friends saying goodbye and she isn't answering").immediate
    assert not detect_danger("a small bruise on the 4 month old, the paediatrician assessed it as accidental").immediate
    assert detect_danger("a 4 month old with a bruise on his ear, nobody can explain it").immediate


def test_a_reply_not_come_back_is_not_a_child_not_home_and_tell_me_about_is_general():
    assert not detect_danger("not sure, the school haven't got back to me yet").immediate
    assert detect_danger("the 14 year old hasn't come back to her foster carers since last night").immediate
    assert not detect_danger("tell me about men who pose a risk to children").immediate


def test_a_carer_gone_from_a_pool_drink_said_another_way_and_a_vape_got_hold_of():
    assert detect_danger("the 2 year old is in the pond in the garden and mum has popped out").immediate
    assert detect_danger("he has had a few to drink tonight and has the kids on his own").immediate
    assert not detect_danger("mum had too much to drink at christmas last year").immediate
    assert detect_danger("the toddler got hold of mum's vape and chewed it").immediate
    assert not decide_danger(
        "she cut her foot on glass, nan took her to the minor injuries unit", DANGER_INTENT, 0.9
    ).immediate


def test_looking_fine_since_a_gp_who_knows_and_a_habit_after_feeds_settle_the_classifier():
    for text in (
        "the toddler fell off the sofa this morning, he seems fine and is playing",
        "the baby is sick after most feeds, the GP is aware and has prescribed gaviscon",
    ):
        got = decide_danger(text, DANGER_INTENT, 0.95)
        assert not got.immediate, (text, got.reason)
    got = decide_danger(
        "the baby fell off the bed, she seemed fine but now she's floppy and vomiting", DANGER_INTENT, 0.95
    )
    assert got.immediate


def test_a_child_not_collected_a_handprint_with_the_carer_coming_and_pain_on_handling():
    assert detect_danger("childminder: dad hasn't collected his 18 month old, I shut 20 mins ago, no answer").immediate
    assert not detect_danger("mum hasn't picked up the baby's prescription yet").immediate
    assert not detect_danger("dad hasn't collected the 12 year old from football, he walked home").immediate
    assert detect_danger(
        "7 yr old has a slap mark on his cheek and says mum did it, mum is collecting after school"
    ).immediate
    assert detect_danger("the 5 month old screams when her leg is moved and nobody knows how it happened").immediate
    text = "Dad texted me saying he has the kids in the van and is going to end everything. That was 10 mins ago."
    assert detect_danger(text).immediate
