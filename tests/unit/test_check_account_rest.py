"""After an account, the types of neglect it did not mention are asked together (issue 19,
bot/walks/check_account.py): only the types a reply speaks of are stored, each read in its own
part of the reply; the others are asked again, never stored as "no"; a reply that speaks of
none of them is no answer to the first of them."""

from __future__ import annotations

import pytest

from bot.records import store as records
from bot.walks.check import CheckService, Incoming

# an invented case: a baby, home conditions and weight (physical and nutritional neglect)
ACCOUNT = (
    "HV here - concerned about a 9 month old, home conditions poor and weight dropping off the centile, "
    "mum is depressed and her partner smokes cannabis in the flat"
)
LEFT = ("medical_neglect", "emotional_neglect", "educational_neglect", "supervision_neglect")


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: (a.value, a.text) for a in s.get(records.Check, check_id).answers if not a.superseded}


def at_the_rest(db_url, clock, user):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", user, account=ACCOUNT)
    for text in ("no", "FAKE-4", "no"):
        svc.handle(check_id, Incoming(text))
    asked = svc.prompt(check_id)[0].text
    assert "You didn't mention" in asked, asked
    return svc, check_id


def seen(svc, check_id):
    got = stored(svc, check_id)
    return {t: got.get(f"q_seen__{t}", (None,))[0] for t in LEFT}


def test_none_of_these_is_no_for_each_and_not_sure_is_not_sure(db_url, clock):
    svc, check_id = at_the_rest(db_url, clock, "rest-1")
    svc.handle(check_id, Incoming("none of these"))
    assert set(seen(svc, check_id).values()) == {"no"}
    svc, check_id = at_the_rest(db_url, clock, "rest-2")
    svc.handle(check_id, Incoming("not sure"))
    assert set(seen(svc, check_id).values()) == {"unsure"}


def test_a_reply_naming_some_stores_those_and_asks_the_others_again(db_url, clock):
    svc, check_id = at_the_rest(db_url, clock, "rest-3")
    svc.handle(check_id, Incoming("medical, she has missed her jabs"))
    got = seen(svc, check_id)
    assert got["medical_neglect"] == "yes"
    assert {got[t] for t in LEFT[1:]} == {None}  # never "no"
    # the walk goes on with the medical neglect's questions, then asks the two left together
    for _ in range(6):
        asked = svc.prompt(check_id)[0].text
        if "is any of these a worry too" in asked:
            break
        svc.handle(check_id, Incoming("/skip", "skip", 1.0))
    assert "emotional neglect, educational neglect or lack of supervision" in asked, asked
    assert "You didn't mention" not in asked and "medical" not in asked
    svc.handle(check_id, Incoming("none of these"))
    assert seen(svc, check_id) == {"medical_neglect": "yes", **{t: "no" for t in LEFT[1:]}}


@pytest.mark.parametrize(
    "reply, want",
    [
        ("no emotional neglect, but supervision yes", {"emotional_neglect": "no", "supervision_neglect": "yes"}),
        ("not sure about emotional", {"emotional_neglect": "unsure"}),
        ("Medical neglect; maybe emotional", {"medical_neglect": "yes", "emotional_neglect": "unsure"}),
    ],
)
def test_each_type_is_read_in_its_own_part_of_the_reply(db_url, clock, reply, want):
    svc, check_id = at_the_rest(db_url, clock, f"rest-{reply[:12]}")
    svc.handle(check_id, Incoming(reply))
    got = seen(svc, check_id)
    assert {t: v for t, v in got.items() if v is not None} == want


def test_a_reply_that_speaks_of_none_of_them_answers_none_and_each_is_asked_alone(db_url, clock):
    svc, check_id = at_the_rest(db_url, clock, "rest-4")
    step = svc.handle(check_id, Incoming("yes, the thing we talked about"))
    assert "each one on its own" in step.replies[0].text
    assert set(seen(svc, check_id).values()) == {None}  # "yes" is not the first type's answer
    asked = svc.prompt(check_id)[0].text
    assert "Have you seen signs of medical neglect" in asked and "is any of these" not in asked


def test_a_long_reply_naming_several_types_is_an_answer_not_a_new_account(db_url, clock):
    svc, check_id = at_the_rest(db_url, clock, "rest-5")
    step = svc.handle(
        check_id,
        Incoming("she's missed all her jabs and the hearing check; not sure about emotional; no supervision worries"),
    )
    assert not any(r.text.startswith("Here is what I understood") for r in step.replies)
    got = seen(svc, check_id)
    assert got["medical_neglect"] == "yes" and got["emotional_neglect"] == "unsure"
    assert got["supervision_neglect"] == "no" and got["educational_neglect"] is None


def test_a_length_under_the_understood_list_is_no_correction_of_the_age(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "rest-6", account=ACCOUNT)
    svc.handle(check_id, Incoming("two years, getting worse"))
    assert stored(svc, check_id)["q_age"][0] == "baby"  # "two years" is how long, not her age
    # an age said as one is a correction
    svc2 = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc2.start("rest", "rest-7", account=ACCOUNT)
    svc2.handle(check_id, Incoming("she's 14 months actually"))
    assert stored(svc2, check_id)["q_age"][0] == "toddler"
