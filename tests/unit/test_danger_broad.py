"""Broad readings of danger (S11-DI10, bot/lang/danger_broad.py): classes of situations read from
word classes, each with invented phrasings it must catch and look-alikes it must not."""

from __future__ import annotations

import pytest

from bot.lang.danger_broad import broad_reading, reading_names
from bot.lang.danger_policy import decide_danger

CATCH = [
    # S18-DI19 (session 18): one invented text per reading, each checked to fire by its writer
    ("child_with_unknown_man", "a girl of 12 has just gone off with a man about 40 she doesn't know"),
    ("held_to_heat_now", "dad is holding her hand on the hob right now"),
    ("fire_with_child_there", "the shed is alight and he's inside"),
    ("stuck_as_tide_or_train_comes", "a boy is stuck in the mud and the tide is coming in"),
    ("swallowed_and_frothing", "she swallowed it and is frothing at the mouth"),
    ("held_by_live_wire", "the baby is stuck to the bare cable and can't let go"),
    ("girl_cut_today", "they are cutting her sister today"),
    ("sole_carer_cannot_care", "grandad has passed out in the chair, he's the only adult home with the twins"),
    ("sole_carer_cannot_care", "Bea Testcase's mum is not making sense, nobody else is there with the baby"),
    ("sole_carer_cannot_care", "dad on heroin again, only one in with the 18 month old"),
    ("child_red_sign", "the toddler's lips are going blue and he keeps going to sleep on me"),
    ("child_red_sign", "my 4 month old is floppy and hard to wake"),
    ("child_red_sign", "baby's breathing is really fast and noisy and she's a funny colour"),
    ("swallowed_medicine", "the 13 yo says she swallowed a whole packet of her dad's co-codamol after tea"),
    ("swallowed_medicine", "toddler has eaten some of nan's heart tablets off the side"),
    ("swallowed_medicine", "as she left she said she'd taken about 15 ibuprofen at lunch"),
    ("young_child_gone_near_water", "the 3 yr old slipped off at the picnic, the lake is there and we can't see her"),
    ("threat_then_back", "a 7 yr old said her uncle hits her with a belt, and he's collecting her in 20 mins"),
    ("threat_then_back", "she told me stepdad said he'll kill her and she's going home to him tonight"),
    ("errand_tonight", "the 13 yr old says older boys told him he owes them and has to run a 'drop' at 8pm"),
    ("young_child_gone_a_while", "can't find the 4 yr old anywhere, she's been gone about 25 mins"),
    ("young_child_gone_a_while", "the toddler wandered off at the fair and it's getting dark"),
    ("serious_injury_now", "the 6 year old fell on glass and there's a lot of blood from his hand"),
    ("serious_injury_now", "the 10 yr old came off his bike onto the railings and is bleeding heavily from his leg"),
    ("serious_injury_now", "toddler pulled the kettle over, her skin is coming off on her arm"),
    ("cold_on_a_child", "the 6 yo is locked out on the step in his pyjamas, it's 11pm and icy"),
    ("cold_on_a_child", "no heating in the flat tonight and frost on the inside of the windows, baby is 3 weeks"),
    ("carer_delusion", "dad says his son is possessed and he has to cleanse him, the boy is with him now"),
    # session 12 (S12-DI11)
    ("young_child_in_hot_car", "there's a 3 year old left in a car outside the shop, it's boiling and he's sweating"),
    ("drunk_carer_about_to_drive", "mum is hammered and trying to drive off with the kids in the back"),
    ("out_of_cold_water", "the 7 yr old went through the ice on the lake, they got him out, he's blue and shivering"),
    ("kept_there_plied", "the 15 year old is at a party, the older lads gave her drugs and won't let her leave"),
    # session 16 (S16-DI15; both ways in test_danger_session16.py)
    ("farewell_at_a_drop", "the 16 yo sent her mum 'sorry for everything' from the top floor of the car park"),
    ("young_child_alone_by_traffic", "a toddler on her own by the roundabout outside the retail park, crying"),
    ("gone_under_water", "the 10 year old jumped off the jetty into the lake and hasn't come back up"),
    # session 17 (S17-DI16; both ways in test_danger_session17.py)
    ("child_over_open_height", "postman. toddler. open upstairs window. hanging out. no one answering"),
    ("young_child_left_alone", "no one. dad went out at teatime, the kids are 3 and 5 and crying"),
    ("baby_left_adult_gone", "a woman pushed the pram into the road outside the bakery and walked off"),
    # session 19 (S19-DI20; both ways in test_danger_session19.py)
    ("young_child_in_water_alone", "no adult. the 4 yr old is in the garden pond"),
    ("autocorrected_red_sign", "my son is not breeding properly"),
    ("harm_being_done_now", "the dad is kicking him on the floor"),
    ("stabbed_told_now", "her cousin. knifed. in the alley now"),
    ("barred_adult_inside_with_kids", "the ex broke in, the children are in the bedroom"),
    ("children_left_with_harmer", "it was mum who scalded him and the baby is still at home with her"),
    ("child_lying_in_road", "a boy of 9 is lying in the road by the school gates"),
    # session 20 (S20-DI21; both ways in test_danger_session20.py)
    ("child_in_water_now", "the toddler's in the canal by the lock gates"),
    ("child_under_or_hit_by_vehicle", "the little girl is trapped under the van"),
    ("child_slipping_or_caught_at_height", "the boy's slipping off the edge of the garage roof"),
    ("animal_attack_going_on", "the dog's still got hold of his leg"),
    ("self_harm_told_in_a_message", 'her mum just messaged "ive taken them all, sorry"'),
    ("ligature_being_set_up", "she's tying her dressing gown cord to the bunk bed"),
    ("many_tablets_just_taken", "about 25 paracetamol, 20 minutes ago"),
    # session 21 (S21-DI22; both ways in test_danger_session21.py)
    ("young_child_no_one_with", "nobody, he's 2"),
    ("gone_under_not_come_up", "slipped under, never resurfaced"),
    ("child_face_down_now", "shes face down and not moving"),
    ("gas_or_fumes_with_child_inside", "CO alarm beeping, baby asleep upstairs"),
    ("stuck_as_water_rises", "still stranded, water getting higher"),
    ("young_child_alone_in_road", "toddler in the middle of the road, no adult"),
    ("child_swallowed_household_poison", "toddler just swallowed a laundry pod"),
    ("online_contact_waiting_now", "a man she met on snapchat is outside in a car waiting for her"),
    ("sibling_with_adult_who_hurt", "her sister is at home with the stepdad who said she'll get the same"),
    ("still_there_when_i_arrive", "if she's still on her own when i get there what do i do? she's 3"),
    ("young_child_in_road_short", "hes 3, hes in the road"),
    ("someone_hurting_child_now", "a man has followed her into the toilets and is hitting her"),
    ("threat_to_destroy_with_kids_in_it", "she says she's going to drive into the river with the baby in the car"),
]

CONTROLS = [
    # the past, told as the past
    "grandad passed out in the chair last year when he was the only adult home with the twins",
    "the baby went blue once when he was 3 weeks old, he's thriving now",
    "she took 20 paracetamol 2 years ago and has had CAMHS since",
    "the toddler went missing at the fair for 20 mins last year, found by security",
    "the 4 yr old gets out of the house sometimes, mum has fitted a chain",
    "he broke his arm falling off the trampoline and it was in a cast for weeks",
    "the flat was freezing with ice on the inside of the windows when we visited in january, kids now rehoused",
    "if the power is cut off again this winter will the baby be ok?",
    "we took the 4 yr old to the canal to feed the ducks and she loved it",
    "the boy's nosebleed was bleeding heavily at break, it stopped after 10 minutes and he was fine",
    # help is with the child, or the child is well
    "there's a lot of blood from his knee, the paramedics are here with him",
    "baby is floppy so the ambulance is here with us",
    "child keeps falling asleep in class and comes in hungry",
    # practice and hypotheticals
    "if a baby stopped breathing on a home visit what would I do first?",
    "what guidance is there on children said to be possessed?",
    "we're updating our policy on children who take an overdose of tablets",
    # the same words, no danger
    "mum takes her tablets every morning and is well",
    "his brother was exploited by county lines when he was 14, he's 20 now",
    "dad's partner threatened to kill himself last week, he's with the crisis team now",
    # session 12 (S12-DI11): the same words, no danger now
    "the family are flying to Spain on holiday today, the kids are excited",
    "dad was caught drunk driving with the baby in the car last year and is banned",
    "the 4 year old was left in the car for 5 minutes last summer, mum apologised",
    "the landlord fixed the exposed wires in the toddler's room last month",
    "he fell in the pond when he was 5 and the paramedics took him to hospital",
]


@pytest.mark.parametrize("name,text", CATCH)
def test_a_broad_reading_catches_its_class(name, text):
    assert broad_reading(text) == name
    decision = decide_danger(text)
    assert decision.immediate, (text, decision)


@pytest.mark.parametrize("text", CONTROLS)
def test_a_look_alike_is_no_broad_reading(text):
    assert broad_reading(text) == "", text


def test_every_reading_is_tested_and_a_command_is_never_read():
    assert {name for name, _text in CATCH} == set(reading_names())
    assert broad_reading("/immediate_danger") == ""
    assert broad_reading("") == ""


def test_a_near_miss_shape_keeps_a_broad_reading_back():
    # a mild fever with help sought is a near-miss shape; the broad reading does not fire on it
    text = "baby has a temperature of 38, mum has rung 111 and they said to monitor, he's feeding"
    assert not decide_danger(text).immediate
