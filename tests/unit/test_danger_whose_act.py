"""Issue 18, third pass on false alarms (S6-DI3): who did the risky act, and help missing rather
than an adult missing. Invented probes only (no dev or held-out wording)."""

import pytest

from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        "grandad drove them home as mum had had a few drinks",
        "dad had been drinking so his partner drove the kids back, she was sober",
        "mum had a few drinks at the party so grandad drove everyone home",
        "mum turned up at nursery smelling of drink but her sister was with her and she drove, they've left now",
    ],
)
def test_another_adult_at_the_wheel_is_no_drink_driving(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "mum has had a few drinks and is driving the kids home now",
        "dad is drunk and about to drive with the baby in the car",
        "mum had a few drinks and she drove the kids home just now, she's still in the car with them",
        "dad has had loads to drink, mum asked him not to drive but he's got the kids in the car",
        "mum is drunk and alone with the baby, grandad drove off an hour ago",
    ],
)
def test_the_one_who_drank_at_the_wheel_or_alone_with_a_child_still_counts(text):
    assert decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "no adult support at home",
        "there is no adult family support nearby, mum is isolated",
        "mum says she has no adult help at home in the evenings",
    ],
)
def test_help_missing_is_not_an_adult_missing(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "no adult at home with the 4 year old right now",
        "police at the flat, no adult in the property, toddler inside",
        "there is no adult in the house and the baby is screaming",
    ],
)
def test_no_adult_with_a_child_still_counts(text):
    assert decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "dad is drunk right now but mum is home and she's sober and has the kids",
        "mum's drunk but grandma is there with the kids now",
        "mum is drunk, the kids are with their dad this weekend",
    ],
)
def test_a_sober_adult_who_has_the_children_now(text):
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "mum passed out drunk, her partner is there but he's drunk too",
        "dad's hammered and has the kids on his own tonight",
        "dad is drunk and mum has left him with the kids",
        "the kids are alone with mum who is drunk",
        "mum is drunk and the baby is with her",
    ],
)
def test_the_adult_who_drank_has_the_children(text):
    assert decide_danger(text).immediate


# -- general structures found with danger_dev8.yml (invented probes, not its wording) -----------
@pytest.mark.parametrize(
    "text",
    [
        "the 3 year old is home alone since lunchtime, dad's been arrested",
        "dad's collapsed on the sofa, he's foaming at the mouth and the toddler is with him",
        "carer mentioned the baby stopped breathing for a bit earlier and is now floppy and hard to wake",
        "the 4 year old is playing in the road on his own",
    ],
)
def test_dev8_structures_still_caught(text):
    assert decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        "we're topping up their emergency credit for the gas meter today",
        "I dropped a food parcel off to the family this afternoon",
        "police came after dad smashed a plate, he's moved out, mum changed the locks",
        "toddler has a temperature, dad gave calpol and called 111, they advised to monitor",
        "yes he's alone for about an hour after school but he's 15 and has a phone and his gran round the corner",
        "the guidance mentions children left alone but I'm asking in general",
    ],
)
def test_dev8_false_alarm_structures(text):
    assert not decide_danger(text).immediate


def test_a_child_who_told_of_abuse_collected_soon_by_the_one_named():
    told = "8 yr old told her teacher that mum's boyfriend does things to her, he's picking her up in 20 mins"
    assert decide_danger(told).immediate
    warned = "the 14 yr old is being collected in half an hour by a 25 yr old man the police have warned off"
    assert decide_danger(warned).immediate
    # a discharge is why she leaves, not the harm settled
    assert decide_danger(warned + ", she's been discharged so the ward can't keep her").immediate
    assert not decide_danger("the 14 yr old is being collected in half an hour by her aunt").immediate


def test_giving_up_then_heading_for_water_or_a_railway():
    assert decide_danger(
        "mum gave me the baby, told me she can't do it anymore and walked off towards the railway"
    ).immediate
    assert not decide_danger(
        "we walked to the canal for a picnic, mum said she can't do this school run anymore"
    ).immediate
    assert not decide_danger(
        "mum said she can't do this anymore so she went to the GP and got some help, she's doing better"
    ).immediate


def test_a_harm_to_an_adult_with_no_child_in_it():
    assert not decide_danger(
        "asking for a friend: her husband overdosed last night and is threatening to do it again, "
        "they don't have any children"
    ).immediate
    assert decide_danger("dad is threatening to kill mum right now, the kids are in the next room").immediate


def test_a_harm_named_as_what_came_before_is_not_now():
    assert not decide_danger(
        "gran has been admitted this morning after a fall, grandad is looking after the boys today and the school knows"
    ).immediate
    assert decide_danger("the baby is not breathing after a fall down the stairs").immediate


def test_going_on_since_a_time_of_day_is_now():
    assert decide_danger(
        "the 13 yr old has been sat in the station since 9pm, wont go home, says mum's partner will batter her"
    ).immediate
    assert not decide_danger("he has been in foster care since 2019 and wont go home for contact").immediate


def test_a_child_said_to_feel_safe_lowers_the_classifier_alone():
    from bot.lang.danger_policy import message_frame

    told = "frightened? no, he told me he feels safe at home, it's the bus he's frightened of"
    assert message_frame(told)
    assert not decide_danger(told, "immediate_danger", 0.9).immediate
    worried = "she said she doesn't feel safe at home and is scared to go back tonight"
    assert not message_frame(worried)
    assert decide_danger(worried, "immediate_danger", 0.9).immediate
