"""Session 19's changes to the personal-details scrubber (issue 20, S19-PL7): the over-scrubbing and
misses personal_details_dev31 and dev32 showed (bot/lang/details/span_forms19.py, data in
knowledge/language/personal_details.yml `span_forms.session19`; a postcode's inward letters in
bot/lang/details/patterns.py), with invented examples both ways, and floors for the two sets:

- sayings, children's characters, foods and brands with a name's word in them stay ("happy as
  Larry", "a Good Samaritan", "Postman Pat", "Angel Delight"), in their own case; a span running
  past one is cut; a person beside one is still found;
- a condition named after a person stays ("Marfan syndrome", "Scarlet fever"); a child's fever
  after their name is still the child's name;
- a lower-case everyday word found alone as a name stays ("for over a year", "Fakeley, teeth");
  lower-case names that are words ("will", "river", "reign") are still found;
- a register's and a court form's labels stay ("Unauth 27", "First Respondent:");
- a capital's initial and a dot before a found surname is part of the name ("K. Fakeley"); not
  after "block", "option" ...;
- capitalised words before a kind of business are its name ("Fakestar Cars", "the Fakeview B&B");
- a flat's number and letter alone after "at" is an address ("round the corner at 12a");
- "BS3 4nd" is a postcode (no ordinal ends "4nd"); "s47 2nd" is not.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import detail_spans, scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd19", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _found(text: str) -> list[str]:
    return [text[a:b] for a, b, _label in detail_spans(text)]


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Child Q. Fakelmaz, 6, always in the same jumper", "Q."),
        ("that's V. Fakeur, lives with her nan on Fakecote Street", "V."),
        ("dad drives for a taxi firm, Fakestar Cars, nights", "Fakestar Cars"),
        ("the manager of the Fakeview B&B rang about the kids", "Fakeview B&B"),
        ("he does deliveries for Fakel's Cash & Carry all day", "Fakel's Cash & Carry"),
        ("her nan lives round the corner at 12a and does the washing", "12a"),
        ("I think they're at 14c. Mum was hungover", "14c"),
        ("The aunt's address she gave is 9 Fake Lane, ZX3 4nd.", "4nd"),
        ("Zephyrine Fakeley says the kids are happy as Larry", "Zephyrine"),
        ("Fakeley's fever was 39 and nobody took her to the GP", "Fakeley"),
        ("worried about will and river, both under 5", "river"),
        ("rocky is 3 and not talking yet", "rocky"),
        ("hv visit to baby reign (reign fakeah-lewis) at 3 fake close", "reign"),
        ("Bramwell Fakeby is in Y7, teeth rotten, smells of smoke", "Bramwell"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Happy as Larry, he said, as long as he has his tablet", "Happy as Larry"),
        ("She says her PA is 'happy as Larry' with how things are", "happy as Larry"),
        ("Can a Good Samaritan neighbour feeding the kids be a protective factor?", "Good Samaritan"),
        ("the toddler in a Fireman Sam T-shirt, a Postman Pat video on a loop", "Postman Pat"),
        ("Angel Delight and Jammie Dodgers in for tea, Lucozade for breakfast", "Angel Delight and Jammie Dodgers"),
        ("Staying Put ended at Easter. The Virtual School is still involved", "Easter. The Virtual School"),
        ("cleaning at the Premier Inn. They rent one room", "Premier Inn. They"),
        ("Toddler with Marfan syndrome, and mum misses every cardiology appointment", "Marfan syndrome"),
        ("Scarlet fever in a 4 year old, not taken to GP for 10 days", "Scarlet fever"),
        ("Dad has Huntington's disease in the family", "Huntington's disease"),
        ("worried for over a year. CIN plan since June", "over a year"),
        ("Girl called Fakyra, surname Fakeley, teeth rotten", "teeth rotten"),
        ("Auth abs 9  Unauth 27  Att% 71.0", "Unauth 27"),
        ("First Respondent: Fakemide Fakande. Second Respondent: Fakunde Fakewole.", "Second Respondent:"),
        ("the panel chose option A. Fakeley said she would sign it", "option A."),
        ("section s47 2nd time this year", "2nd"),
        ("the appointment is at 9am and the meeting at 3pm", "at 9am"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_a_saying_is_kept_only_in_its_own_case():
    # "postman pat" in lower case could be a man called Pat typed fast; the list holds the case
    assert "pat" not in scrub("the postman pat fakeley said the kids were alone").text


def test_an_initial_and_a_surname_are_one_name():
    assert _found("Y7 girl Q. Fakeriaz asking other kids for food")[0] == "Q. Fakeriaz"


def test_the_thirty_first_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev31.yml (S18-PW31): first seen 434 of 450 removed and 30 of 1709 over-scrubbed
    # (session 18's start); 441 and 6 after S19-PL7's forms (in sample)
    s = _eval_module().eval_details("personal_details_dev31.yml")
    assert s.items >= 140 and s.details >= 450
    assert s.details - len(s.leaks) >= 441, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 6, [(i, w) for i, w, _ in s.lost]


def test_the_thirty_second_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev32.yml (session 18's blind set, measured once, counts only; a dev set from
    # session 19): first seen 339 of 349 removed and 47 of 1460 over-scrubbed; 343 and 6 after S19-PL7's
    # forms (in sample)
    s = _eval_module().eval_details("personal_details_dev32.yml")
    assert s.items >= 120 and s.details >= 349
    assert s.details - len(s.leaks) >= 343, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 6, [(i, w) for i, w, _ in s.lost]
