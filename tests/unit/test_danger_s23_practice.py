"""S23-DL24 (issue 18): questions about a procedure, a policy or a course are not emergencies, and
"by themselves" said of adults doing a task is no child alone. Three readings of danger.yml:
- `asks_guidance` also opens with what a named body of guidance says ("what's the policy on ...",
  "what does the procedure say about ..."): an acute word in that sentence is asked about;
- `not_now`: "still" as the way a body is held ("hold him still for the injection") is no now-word;
- `question_joiner`: a question word or auxiliary after a joining word at a clause's start ("..., and
  should a 6 year old ...?") opens a question;
- `self_of_adult`: "by themselves", "on their own" with an adult the nearest person named before it
  ("carers can do the refresher one by themselves").
Phrasings are invented; the controls are emergencies that must still fire."""

from __future__ import annotations

import pytest

from bot.lang.danger import _read, _rules, detect_danger
from bot.lang.danger_policy import decide_danger


@pytest.mark.parametrize(
    "text",
    [
        # asked about guidance, an acute word inside
        "what is the policy on restraint - how far can nursery staff hold a 4 year old still for a nappy "
        "change when she is screaming?",
        "what does the procedure say about holding a toddler still for a jab while he is screaming the place down?",
        "whats our protocol when a child on the ward is screaming and won't keep still for bloods",
        # a question after a joining word
        "we have a lone working policy, and should a 6 year old ever be left alone in the car while staff pay "
        "for fuel?",
        "that's what the handbook says, but can a 9 year old walk home by himself from after school club?",
        # adults doing a task by themselves
        "the parents would rather do the online one by themselves than come to the group",
        "foster carers can book the refresher one by themselves through the portal",
        "most staff complete the yearly one on their own in the quiet room",
    ],
)
def test_a_question_about_practice_or_adults_by_themselves_is_not_999(text):
    assert not detect_danger(text).immediate
    assert not decide_danger(text).immediate


@pytest.mark.parametrize(
    "text",
    [
        # a child alone, whoever is named first
        "mum has gone to the pub and left the little one by herself",
        "parents went out at 8 and the 2 year old is by himself in the flat",
        "dad is drunk and the baby is on her own upstairs right now",
        # a question to us, with the emergency told as now
        "what do I do, the 3 year old is screaming and nobody is answering the door right now",
        "what's the guidance - the baby is floppy and not breathing right now",
        # "still" as a time keeps its now
        "keep him there, he is still bleeding from his head and mum has passed out",
        "I'm on the visit now, and the 3 year old is alone in the flat",
    ],
)
def test_an_emergency_beside_these_words_still_fires(text):
    assert detect_danger(text).immediate


def _now_words(text):
    doc, _s, _c, ctx, _f = _read(text, _rules())
    return [doc[a:b].text for a, b in ctx.get("now", ())]


def test_still_as_the_way_a_body_is_held_is_no_now_word():
    assert _now_words("the nurses held her still for the cannula") == []
    assert _now_words("he would not sit still, and the teacher asked him twice") == []
    assert _now_words("she can't keep still") == []
    # a time: the word after it is no end of the phrase
    assert _now_words("keep him there, he is still bleeding") == ["still"]
    assert _now_words("the baby is still not feeding") == ["still"]
