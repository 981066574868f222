"""How long the worries have lasted, typed in own words (issue 19): a length of time the time
parser finds is stored only when the reader has no doubt about it. An answer asked back or hedged
is offered back ("That sounds like ..."), and an answer about two children asks which child.
Through bot.walks.check.CheckService; every case detail here is invented."""

from __future__ import annotations

from bot.walks.check import CheckService, Incoming
from tests.unit.test_check_pairs import reach, stored


def at_duration(db_url, clock, ref: str):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", ref)
    reach(svc, check_id, "q_duration", extra={"q_previous": "no"})
    return svc, check_id


def replies(step) -> str:
    return " ".join(r.text for r in step.replies)


def test_a_plain_length_of_time_is_stored_with_its_words(db_url, clock):
    svc, check_id = at_duration(db_url, clock, "dur-1")
    svc.handle(check_id, Incoming("about 8 months, getting worse"))
    assert stored(svc, check_id)["q_duration"][0] == "3_to_12m"


def test_a_length_asked_back_is_offered_not_stored(db_url, clock):
    svc, check_id = at_duration(db_url, clock, "dur-2")
    step = svc.handle(check_id, Incoming("6 months? or a year?"))
    assert "q_duration" not in stored(svc, check_id)
    assert "buttons" not in replies(step).lower()
    assert "sounds like" in " ".join(r.text for r in svc.prompt(check_id)).lower()


def test_two_children_with_two_lengths_asks_which_child(db_url, clock):
    svc, check_id = at_duration(db_url, clock, "dur-3")
    step = svc.handle(check_id, Incoming("the older one for a year, the baby since birth"))
    assert "q_duration" not in stored(svc, check_id)
    assert "which child" in replies(step).lower()
