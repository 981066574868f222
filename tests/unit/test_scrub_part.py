"""A part of a message kept beside one answer is scrubbed with what the whole message shows
(issue 20; bot/lang/scrub.scrub_part): a name the rules find only from the whole message's
context (after "the child is") is removed from the part too, and so from the stored evidence
of an account's pre-filled answers. Invented details only."""

from __future__ import annotations

from bot.lang.scrub import scrub, scrub_part
from bot.records import store as records
from bot.walks.check import CheckService

WHOLE = "The child is Summer Brook, aged 6. Summer Brook comes to school hungry most days and her coat is too small."
PART = "Summer Brook comes to school hungry most days"


def test_the_part_alone_keeps_the_name_but_scrubbed_with_the_whole_it_goes():
    assert "Summer Brook" in scrub(PART).text  # two everyday words: only context shows a name
    got = scrub_part(PART, WHOLE)
    assert "Summer" not in got.text and "Brook" not in got.text
    assert got.text.endswith("comes to school hungry most days")
    assert got.removed == ("name",)


def test_a_part_equal_to_the_whole_or_with_nothing_found_is_scrubbed_as_ever():
    assert scrub_part(WHOLE, WHOLE) == scrub(WHOLE)
    plain = "mum is struggling with money and the flat is cold"
    assert scrub_part(plain, plain + " since the summer").text == plain


def test_an_account_stores_no_name_beside_its_answers(db_url, clock):
    account = (
        "The child is Summer Brook, she is 6 and in year 1. Summer Brook comes to school hungry most "
        "days, her uniform is dirty and too small, and mum says there is no money for food until payday."
    )
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("pd-part", "pd-part-user", account=account)
    with records.session_scope(svc.db_url) as s:
        texts = [a.text or "" for a in s.get(records.Check, check_id).answers]
    assert texts and any("hungry" in t for t in texts)  # the account was read and its words kept
    assert not any("Summer" in t or "Brook" in t for t in texts)
