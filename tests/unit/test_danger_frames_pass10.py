"""Danger (issue 18), tenth pass: frames, not phrasings, each in several invented voices (a
teacher, a health visitor, a probation officer, a youth worker, a relative typing for someone),
and the structures that rule a danger out. Frames found with danger_dev10.yml and
danger_dev11.yml and with invented probes; no text here is taken from a labelled set."""

from __future__ import annotations

import pytest

from bot.lang.danger import detect_danger
from bot.lang.danger_policy import decide_danger


def _caught(text: str) -> bool:
    return decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        # an ultimatum: a threat on the condition that someone does not do as told, made now
        "youth worker: he just showed me a text, if he doesn't drop the bag tonight they'll stab his brother",
        "the 15 yr old is in my office now, she says if she doesn't go back to the flat they'll hurt her nan",
        "unless he pays up by tonight they'll batter him, he's outside the school now",
        # someone a probation licence keeps away, with the child now
        "probation: my client is on licence with no contact conditions and he's at "
        "his ex's house with the 3 year old now",
        "he's on licence, he rang me 5 mins ago, he's at the flat with the kids and says he'll take them with him",
        # a threat to kill in slang
        "the 12 yo told me her stepdad said he'll finish her off when she gets in tonight",
        "mum's partner is outside shouting he's going to finish him off",
        # a child who never arrived home
        "my 8 year old pupil never got home and it's dark now, mum is frantic",
        "the 6yo didn't arrive home after school, nobody knows where she is, it's 7pm",
        "he never made it back from the shop, that was 3 hours ago",
        # the only adult with the child is drunk or high
        "mum is out of her head and she's the only one there with the baby tonight",
        "dad is off his face on something and he's on his own with the 2 year old",
        "HV: the only adult in the flat with the twins is nan and she's absolutely wasted",
        # a carer's stroke told by its signs, the child with them
        "dad's face has dropped on one side and he can't speak, he's alone with the toddler",
        "nan's mouth is drooping on one side and she's slurring, she's got the kids",
        # nobody in with a young child
        "nobody's in with the 18 month old, mum went to the pub at 7",
        "there's no one home with the 2 year old, I can hear him crying through the door",
        # a carer not making sense, with or without a word before
        "baby is with mum who had a fit earlier and is still not making sense",
        "he's really not making any sense and the kids are with him",
        # a child just pulled out of water
        "a 6 year old has just been pulled out of the canal, coughing and shivering",
        "lifeguard has just pulled the toddler out of the pool, he's pale and quiet",
        "she's just been dragged out of the river by her friends",
        # drinks counted, a car with the engine running and the children in it
        "he's had about 8 pints and he's in the car with the engine running and the kids in the back",
        "mum has had several glasses of wine and she's put the baby in the car and is trying to drive off",
        "dad's sat in the driver's seat, engine on, two kids in the back, he's had 5 cans",
        # an adult shut in with the children against others
        "dad has barricaded himself in the flat with the kids and says nobody is taking them",
        "mum's barricaded the door, the baby is in there with her and she won't let the police in",
        # the signs of meningitis together
        "she's been sick 6 times and her neck is stiff and she hates the light",
        "school nurse: temperature of 39, stiff neck, says the lights hurt her eyes",
        # gone somewhere named for the night, a young child left
        "older brother (11) is looking after the 6 week old, mum's gone to Manchester for the night",
        "the parents have gone to a wedding in Leeds for the weekend, the 4 and 2 year old are with a 12 yr old",
        # in a car or off to a party with older lads
        "she's 14, in a car with three older lads heading to a party in another town, she's texting me scared",
        "the 13yo has just gone off with some older lads to a flat, her mum can't reach her",
        # hit by a vehicle, a fall from a height (answers typed mid-check)
        "kid's been hit by a car outside school",
        "the 6 yr old has been knocked over by a van on the estate",
        "two year old fell out the window",
        "he's fallen off the balcony, first floor",
        # a young child got into water, pulled out is not settled
        "the toddler got into the pond, pulled him out, hes not crying",
        "the 3 year old has wandered into the canal, a neighbour got her out",
        # a threat with a weapon or a belt, whoever is named
        "dad is threatening the kids with a belt",
        "her boyfriend is threatening everyone with a knife in the kitchen",
        # strangers getting a child into a vehicle
        "strangers are trying to get the 12 year old into a van",
        "two men are trying to take the 10 year old into a car at the park gates",
        # a young child run into the road, still out there
        "fyi the 2 yr old just ran out into the road and mum didn't notice, he's still out there",
        # someone convicted of offences against children moving in or minding a child now
        "mum's new fella has just been released from prison for child offences and he's moving in tonight",
        "a man on the sex offenders register is babysitting the girls right now",
        # trapped under something
        "the 8 yr old is trapped under a fallen wardrobe",
        # the only adult with the child has dementia
        "grandad has dementia and is the only one home with the 3 year old, he's wandered out and left her",
        # a ligature at the neck
        "the boy has a rope round his neck in the garage",
        "she's in the bathroom with a belt around her neck, door locked",
        # a carer dozing off from opiates, out with a baby in a pram
        "pharmacist: mum was nodding off at the counter and has walked out pushing the pram towards the main road",
        # "fine" taken back by "but" and a sign
        "scout leader: she's taken a load of her mum's tablets this afternoon, she seems fine but a bit sleepy",
        "the toddler swallowed a button battery an hour ago, he's ok but vomiting and won't eat",
        # set alight, filling with smoke
        "3yo found a lighter and set the sofa alight, flat filling with smoke",
        "the curtains are ablaze and the kids are upstairs",
        # drunk with something to hit with
        "kid's dad turned up pissed with a bat at the school gate, its home time",
        # the only adult in a coma or a hypo
        "grandma minding twins has gone into a diabetic coma, the twins are 2",
        "dad is having a hypo and not making sense, he's alone with the baby",
        # pictures of self-harm sent now
        "she's 15 and she's been sending me pics of cuts on her arms tonight and now she's stopped replying",
        # out for hours, the phone off, a young child
        "he's 11 and has been out since 3pm and his phone is off, it's now gone 11",
        # a carer dead with the children still there
        "mum has been found dead in the flat and the kids are still in there with the police not here yet",
    ],
)
def test_frames_of_a_child_in_danger_now(text):
    assert _caught(text), (text, detect_danger(text).reason)


@pytest.mark.parametrize(
    "text",
    [
        # an ultimatum in the past or as talk
        "last year dad said if she didn't come back he'd take the kids with him, he's had no contact since",
        "the 14 year old said if he doesn't get the new phone he'll kill his brother, typical teenager stuff",
        "what if the dealers say if he doesn't pay they'll hurt him, what do we do",
        # a licence kept to
        "he's on licence and the no contact condition is being kept to, he lives in another town",
        # the past, settled
        "nan had a stroke last year, her face dropped on one side, she's recovered and helps with the school run",
        "mum used to get out of her head at weekends when the kids were with their dad, she's been sober 2 years",
        "he never got home before 6 when he was at his old school, now he's picked up by nan",
        "collapsed at the club in March, since then her plan is followed and she's had no more episodes",
        "he was pulled out of the pool by a lifeguard last summer and has had swimming lessons since",
        # a signal named as a document or a drill
        "our missing child procedure needs updating, can you help?",
        "we ran a lost child drill at nursery today",
        "we're writing a chapter on children left alone for the training pack",
        # at training (a club's session), not an exercise: no frame either way
        "at training tonight the coach said he's doing really well",
        # blood tests, a crisis service
        "the baby had bloods taken this morning and is settled on the ward with mum",
        "dad's partner is under the crisis team now, the kids are with their mum",
        # whenever it is so: a plan
        "mum has epilepsy so she only does sponge baths when alone, as the nurse advised",
        # a child cared for now; an adult watching overnight
        "no gas since Saturday but they've got heaters from the council, the baby is warm and fed",
        "bumped his head on the table today, cried straight away, eating and playing "
        "now, mum is keeping an eye on him overnight",
        # a claim put right in the next sentence
        "a parent complained that staff left a child alone in the soft play. Turns out "
        "a staff member was there the whole time.",
        # a memory, with "2am" as a time
        "I still think about a job I had years ago: a toddler found on a road at "
        "3am. How do I train staff to spot risk?",
        # drinks, no child, nobody driving
        "dad had a few pints at the barbecue, mum drove everyone home",
        # a strain with its cause, a sign said to be absent
        "the lad had a stiff neck from sleeping funny, no temperature, he's at school today",
        # a harm to the home, the children at school
        "we've had no electricity since this morning but the power company is on the way, kids are at school",
        # the past, an adult there
        "dad barricaded the door against the bailiffs last year, he's since been rehoused",
        "mum went to Manchester for the night and the kids stayed with their nan, all fine",
        "last month he was in a car with older boys, police returned him home the same night",
        "the toddler fell in the pond last summer, dad pulled him out straight away, he was fine",
        "he was hit by a car in 2022 and still has a limp",
        "the removal men in the van took the furniture while the kids were at school",
        "my client was threatened with a belt by his father as a child",
        "what do I do if a toddler falls into a pond on a home visit?",
        "the 4 year old was in the pool with his dad at the leisure centre",
        "mum's partner has a conviction for child offences from 2010, he moved in "
        "last year and there's a written agreement",
        "we're doing a risk assessment because a man with sexual offences wants to move in with the family next month",
        "grandad has dementia and lives in a care home, the kids visit him on sundays with mum",
        "the 15 year old wears a scarf round her neck to hide marks, we've referred to CAMHS",
        "his car got trapped behind a bin lorry so he was late",
        "what is a ligature risk in a children's home?",
        # everyone well after it; the children taken somewhere safe by the police
        "Foster carer: the 9 year old had a tantrum and threatened to stab me with a "
        "fork, he calmed down in 5 mins, we're all fine",
        "I've called 999 and the police have taken the children to a place of safety, what do I write up?",
        # the carer sober; "fine" with no sign after "but"
        "dad had a few drinks last night but this morning he was sober and carrying the baby around happily",
        "the baby seems fine but mum is worried about her weight",
        "the kids set the bonfire alight at the scout camp with the leaders last night",
        "the candles are alight on the birthday cake, what a lovely visit",
        "he turned up with a baseball bat for the school rounders match",
        "grandad went into a diabetic coma in 2019 and now manages his diabetes well",
        # borderline, not an emergency
        "nursery: dad was 20 minutes late collecting, staff stayed with her, he's here now and apologised",
        "mum is drunk tonight but dad is sober and looking after the kids",
        "the baby's temperature is 37.9, she's alert and feeding, mum gave calpol",
        "the 15 yr old has been out since 3pm at her mate's, mum knows where she is, phone is dead",
        "mum's phone is off a lot so I text instead",
        "she showed me old pics of cuts from when she was 12, she's doing well now",
        "dad was found dead last year and the kids are still struggling with grief",
        "the 10 year old has been out since school, he's at the youth club with staff",
    ],
)
def test_what_rules_a_danger_out(text):
    assert not _caught(text), (text, detect_danger(text).reason)


def test_an_ultimatum_is_a_threat_only_with_a_now_word():
    now = "the lad has just shown me a message: if he doesn't go to the flat tonight they'll hurt his mum"
    then = "when he was 13 the older boys told him if he didn't carry for them they'd hurt his mum"
    assert _caught(now)
    assert not _caught(then)


def test_two_am_is_a_time_not_i_am():
    # the clause after the colon has no time of its own: the years-ago memory frames it
    assert not detect_danger("a call I had years ago: a 2 year old found alone on a road at 2am").immediate
    assert detect_danger("a 2 year old is alone on a road right now, it's 2am").immediate
