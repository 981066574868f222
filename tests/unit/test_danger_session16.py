"""Danger, session 16 (S16-DI15, issue 18): the classes new writers' sets showed, both ways.

Misses read as classes (danger.yml broad_readings): a farewell, or a child at the edge, at a place to fall or
drown from (farewell_at_a_drop); a child gone under water or sinking and not come up (gone_under_water); a
young child alone by traffic (young_child_alone_by_traffic); a fresh
inflicted injury with the carer who did it collecting within minutes, told with a count in words or a
cigarette burn (threat_then_back). Near-miss false alarms read as classes (near_miss_forms): a sign of
illness or a small injury treated there and then and the child well again now (treated_and_well_now); the
emergency handed to the ambulance told as "has just taken" or "gone off in the ambulance", a parent gone with
the child or a relative come for the others (services_have_it); a child thought gone who was with an adult,
or in an adult's sight, the whole time (there_the_whole_time). The same frames told acute, or told as the
past, a question or a habit, are tested the other way. Invented wording, not copied from any set."""

from __future__ import annotations

import pytest

from bot.lang.danger_broad import broad_reading
from bot.lang.danger_nearmiss import near_miss_form
from bot.lang.danger_policy import decide_danger

ACUTE = [
    # farewell_at_a_drop
    "the 14 yo I work with has just messaged 'sorry for everything' and her location is on the railway bridge",
    "15 year old on the roof of the multi-storey in town right now, she texted her mum goodbye on whatsapp",
    "my foster son is standing at the edge of the platform at the station, on the phone to me saying he'll step off",
    "she's climbed over the railings on the footbridge over the dual carriageway and is hanging on, I'm below",
    "a girl of about 9 sitting on the parapet of the footbridge over the railway, by herself, right now",
    # gone_under_water
    "the 6 year old jumped in the quarry pool and has gone under, none of the lads can see him",
    "my neighbour's boy is stuck in the mud on the estuary, chest deep and sinking, the tide's coming in",
    # young_child_alone_by_traffic
    "there's a toddler in a nappy walking along the dual carriageway, no adult anywhere, I've pulled over",
    "a little boy of about 4 on his own at the roundabout by the retail park, crying for his mum, it's getting dark",
    # threat_then_back
    "7 year old with a cigarette burn on her arm, fresh, she says mum's boyfriend did it and he's collecting her in "
    "twenty minutes",
    "fingertip bruises on the baby's arms this morning and dad is picking him up in five minutes",
]

NOT_NOW = [
    # a farewell or a height told as a question, the past, found safe, or a goodbye at a station
    "what should I do if a young person sends a goodbye message from a bridge?",
    "last year she sent 'im done' from the car park roof; she has done well since, can we plan the review",
    "the police found her on the bridge after her goodbye texts and brought her home, she's safe with mum now",
    "we said goodbye to the foster family at the train platform and the 6 year old cried all the way home",
    # under the water briefly and pulled out, or asked about
    "the 4 year old went under at the pool for a second and his dad pulled him up straight away, he coughed, fine",
    "what should the lifeguard rota say if a child goes under and doesn't come up?",
    "the family are sinking under debt and the river flooded their garden last winter",
    # a young child by a road with an adult there, as a habit or a question, or in the past
    "the 5 year old walks along the main road on his own to school every morning, is that neglect?",
    "a 3 year old was wandering by the main road last week, a neighbour brought him back",
    # a burn from long ago, with a parent collecting
    "cigarette burn on his arm from two years ago, he's fine now and dad is picking him up in 10 minutes",
]

# the rules' own danger_alone catches this one ("toddler on his own", left as it is); the new reading does not fire
NOT_THE_READING = NOT_NOW + ["toddler on his own in the car park for a moment, his dad was a few steps behind him"]

# the near-miss shapes of this pass
SHAPES = ("treated_and_well_now", "services_have_it", "there_the_whole_time")
NEAR_MISSES = [
    "at the park a 9 year old had an asthma attack, his dad gave him his inhaler and he's breathing normally now",
    "a girl of 8 fainted in assembly, the first aider sat her down and she came round straight away, mum's coming",
    "he caught his knee on the slide and it bled a bit, the TA put a plaster on it and he's playing again",
    "the ambulance has just taken the 3 year old who fell down the stairs, dad went with him, the baby is with nan",
    "mum had a seizure at soft play and has gone off in the ambulance, her brother has come to collect the kids",
    "the 5 year old wandered off in the shop but his dad could see him the whole time, no harm done",
    "we thought the 6 year old had gone missing at the beach but she was with her auntie the whole time",
]

# the same frames, acute
ACUTE_IN_THOSE_FRAMES = [
    "asthma attack, mum gave him his inhaler but he's still struggling to breathe and his lips are going blue",
    "she fainted in PE, the first aider is with her but she hasn't come round",
    "he cut his hand on glass, I've put pressure on it but it's still bleeding a lot and he's gone grey",
    "mum has gone off in the ambulance and nobody has come for the kids, they're 2 and 5 and alone in the flat",
    "the ambulance has just taken dad after he collapsed and the baby is on her own in the flat",
    "mum says she was watching him the whole time but the 2 year old is missing and we can't find him",
    "nan was with him the whole time but the 4 year old is missing from the park and it's getting dark",
]


@pytest.mark.parametrize("text", ACUTE)
def test_these_classes_told_now_get_the_999_answer(text):
    assert decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NOT_NOW)
def test_the_same_words_not_told_now_get_no_999_answer(text):
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NOT_THE_READING)
def test_no_new_broad_reading_fires_on_them(text):
    for name in ("farewell_at_a_drop", "young_child_alone_by_traffic", "threat_then_back", "gone_under_water"):
        assert not broad_reading(text, only=name), (name, text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_in_these_frames_gets_no_999_answer(text):
    assert near_miss_form(text) in SHAPES, text
    assert not decide_danger(text).immediate, text


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_the_learned_opinion_leaves_these_near_misses_alone(text, monkeypatch):
    from bot.lang import danger_policy

    real = danger_policy.settings
    monkeypatch.setattr(danger_policy, "settings", lambda: {**real(), "ruled_out": True})
    assert not danger_policy.decide_danger(text).immediate, text


@pytest.mark.parametrize("text", ACUTE_IN_THOSE_FRAMES)
def test_the_same_frames_acute_get_the_999_answer(text):
    assert near_miss_form(text) == "", text
    assert decide_danger(text).immediate, text


def test_a_blue_inhaler_is_no_blue_lips():
    treated = "mum gave him his blue inhaler and he's breathing normally now after the asthma attack"
    assert near_miss_form(treated) == "treated_and_well_now"
    assert near_miss_form("asthma attack, he's gone blue, mum gave him his inhaler and he's breathing fine") == ""


def test_no_dev_danger_item_has_this_pass_s_shapes(danger_dev_items):
    shaped, total = [], 0
    # the dev sets up to the ones this pass read (never a blind set being written: danger_dev27, dev28)
    for item in danger_dev_items(26):
        if item["label"] == "danger":
            total += 1
            if near_miss_form(item["text"]) in SHAPES:
                shaped.append(item["id"])
    assert total >= 1300
    assert shaped == []
