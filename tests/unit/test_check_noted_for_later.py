"""A reply that answers another question still to come is kept for it (session 18): the
practitioner told it, so it is not lost and not asked again, and the question asked is asked
again. Invented texts; the check over a temporary database with an injected clock."""

from __future__ import annotations

from bot.records import store as records
from bot.walks.check import CheckService, Incoming


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: (a.value, a.text) for a in s.get(records.Check, check_id).answers if not a.superseded}


def at_medical_neglect(svc, sender):
    check_id, _ = svc.start("rest", sender)
    for a in ("no", "NFL-41", "7", "no"):
        svc.handle(check_id, Incoming(a))
    assert "medical neglect" in svc.prompt(check_id)[-1].text
    return check_id


def at_age(svc, sender):
    check_id, _ = svc.start("rest", sender)
    for a in ("no", "NFL-40"):
        svc.handle(check_id, Incoming(a))
    assert "How old is the child" in svc.prompt(check_id)[-1].text
    return check_id


def test_parental_factors_told_at_the_age_question_are_kept_for_their_question(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id = at_age(svc, "nfl-1")
    step = svc.handle(check_id, Incoming("dad drinks every night and mum has depression"))
    text = "\n".join(r.text for r in step.replies)
    assert "kept it for a later one" in text and "Drugs or alcohol" in text and '("drinks, depression")' in text
    got = stored(svc, check_id)
    assert got["q_parental_factors"][0] == "substance_misuse,mental_ill_health" and "q_age" not in got
    assert "How old is the child" in svc.prompt(check_id)[-1].text  # asked again
    svc.handle(check_id, Incoming("7"))  # the answer to the question asked is taken as before
    assert stored(svc, check_id)["q_age"][0] == "primary"


def test_a_length_of_time_is_no_age_and_an_answer_to_the_question_is_taken_as_before(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id = at_medical_neglect(svc, "nfl-2")
    svc.handle(check_id, Incoming("about 8 months, getting worse"))
    assert stored(svc, check_id)["q_age"][0] == "primary"
    check_id = at_medical_neglect(svc, "nfl-3")
    svc.handle(check_id, Incoming("no, his health needs are met, GP and dentist up to date"))
    got = stored(svc, check_id)
    assert got["q_seen__medical_neglect"][0] == "no" and "q_parental_factors" not in got


def test_a_reply_that_tells_nothing_else_gets_the_question_s_own_help(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "nfl-4")
    for a in ("no", "NFL-44"):
        svc.handle(check_id, Incoming(a))
    step = svc.handle(check_id, Incoming("I'm honestly not sure what to put here"))
    text = "\n".join(r.text for r in step.replies)
    assert "kept it for a later one" not in text and "age" in text.lower()
