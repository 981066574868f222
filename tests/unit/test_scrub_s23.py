"""Session 23's changes to the personal-details scrubber (issue 20, S23-PL11): the over-scrubbing and misses
personal_details_dev39 and dev40 showed, as classes (bot/lang/details/span_forms23.py, data in
knowledge/language/personal_details.yml `span_forms.session23`; the letters of Latin Extended Additional
in bot/lang/details/lexicon.py), with invented examples both ways, and floors for the two sets:

- found: a name typed with Vietnamese letters, in any case; the surname of a name found in the same
  message after another first name or an initial, in any case; a nickname where someone is called so;
  a kept word found as a first name, again; a judge's title; a badge number; a second reading of the
  day of a date of birth;
- kept: breeds; programmes and games; football clubs in a football frame; things named after a person;
  an organisation before its service; a court's or a service's kind after a town; the first word of a
  role phrase; a relation's word before a name; "case" after a family's name.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd23", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a name typed with Vietnamese letters is one word, capitalised or in lower case
        ("the nail bar owner, Mrs Trần Thị Hương, says the girl is her niece", "Hương"),
        ("the nail bar owner, Mrs Trần Thị Hương, says the girl is her niece", "Thị"),
        ("they came from Đà Nẵng last spring", "Nẵng"),
        ("new boy is phạm văn long, no school place yet", "phạm"),
        ("new boy is phạm văn long, no school place yet", "văn"),
        # the surname of a name found in the message, after another first name or an initial
        ("dad is Darren Fakewell and mum is Kerry Fakewell, both drinking", "Kerry"),
        ("Pupil: Kerry FAKEWELL. Mother: Joanne Fakewell. Often late.", "FAKEWELL"),
        ("Form signed: J Fakewell. Parent: Joanne Fakewell", "J Fakewell"),
        ("Children: Oakley Fakewell (born 2019) and Willow Fakewell (born 2021)", "Willow"),
        # a nickname where someone is called so
        ("her brother, who the kids call Little Dee, is never home", "Little Dee"),
        ("a man they call Big Fakey comes round at night", "Big Fakey"),
        ("the Ferret - that's what the lads call him - was there", "Ferret"),
        ("mum says the dad is 'Big K' and nothing else", "Big K"),
        ("he hangs about with a lad known as 'Fast T'", "Fast T"),
        # a kept word found as a first name is a name again
        ("Client: Ms Shona FAKEHILL. Shona came in crying", "Shona came"),
        # a judge's title, a badge number
        ("the order was made by HHJ Fakeworthy on Monday", "HHJ"),
        ("Enforcement officer, badge 4471, called by a neighbour", "4471"),
        ("PCSO on shift, collar number 5512, found them", "5512"),
        # a second reading of the day of a date of birth
        ("dob 3rd March 2017 or maybe the 13th, mum wasn't sure", "13th"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # breeds, with "cross" after them
        ("they keep two Rottweilers in the yard and the baby plays there", "Rottweilers"),
        ("a Labrador cross and a Pug, dog mess everywhere", "Labrador cross"),
        ("an American Bully and a Husky in a one bed flat", "American Bully"),
        ("their Jack Russell bit the toddler last week", "Jack Russell"),
        # programmes and games, in their case or in lower case
        ("she's on Roblox till midnight and Peppa Pig for the little one", "Roblox"),
        ("she's on Roblox till midnight and Peppa Pig for the little one", "Peppa Pig"),
        ("kids watching bluey all morning, no breakfast", "bluey"),
        ("Emmerdale on loud, baby crying upstairs", "Emmerdale"),
        # football clubs in a football frame
        ("he supports Arsenal and has no other interests", "Arsenal"),
        ("wearing a filthy Newcastle shirt for a week", "Newcastle"),
        ("grandad watches Millwall with him on Saturdays", "Millwall"),
        # things named after a person
        ("nothing in the cupboards but a bag of Maris Piper potatoes", "Maris Piper"),
        ("the baby sleeps in a Moses basket by the fire", "Moses basket"),
        # an organisation before its service
        ("I've referred her to the Brook clinic for advice", "Brook clinic"),
        ("they had a Relate counsellor last year", "Relate"),
        # a court's or a service's kind after a town
        ("his hearing is at Fakeham Youth Court next week", "Youth Court"),
        ("sleeping rough behind Fakeham leisure centre", "leisure centre"),
        # the first word of a role phrase
        ("Family support worker. The house is cold and bare", "Family support worker"),
        # a relation's word before a name, "case" after a family's name
        ("she brings her stepdaughter Fakemi to the group", "stepdaughter"),
        ("in the Fakeswamy case the older sister did all the caring", "case"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_the_names_beside_kept_words_are_still_found():
    # a breed's word before a capitalised name is part of the name ("Boxer Fakeley")
    assert "Fakeley" not in scrub("her uncle Boxer Fakeley has moved in").text
    # a club that is a first name too is a person after "watches"
    assert "Chelsea" not in scrub("nan watches Chelsea after school most days").text
    # a town before a kept court's kind is still found
    assert "Fakeham" not in scrub("his hearing is at Fakeham Youth Court next week").text
    # the name after a relation's word is still found
    assert "Fakemi" not in scrub("she brings her stepdaughter Fakemi to the group").text
    # a language's word is kept where it is a language
    assert "Shona" in scrub("Client: Ms Shona FAKEHILL. She speaks Shona at home").text.split("speaks")[1]


def test_who_one_calls_for_help_is_no_nickname():
    for text in ("they call the Police every weekend", "she calls MASH when she is worried", "we call him back"):
        got = scrub(text).text
        assert "[" not in got, got


def test_the_thirty_ninth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev39.yml (S22-PW39): first seen at session 22's end at 462 of 476 removed and 9 of
    # 1769 over-scrubbed (the same at session 23's start); 471 and 0 after S23-PL11's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev39.yml")
    assert s.items >= 140 and s.details >= 476
    assert s.details - len(s.leaks) >= 471, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 0, [(i, w) for i, w, _ in s.lost]


def test_the_fortieth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev40.yml (session 22's blind set, measured twice, counts only; a dev set from
    # session 23): 394 of 415 removed and 22 of 1552 over-scrubbed at session 22's end and session 23's
    # start; 406 and 4 after S23-PL11's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev40.yml")
    assert s.items >= 120 and s.details >= 415
    assert s.details - len(s.leaks) >= 406, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 4, [(i, w) for i, w, _ in s.lost]
