"""Session 21's changes to the personal-details scrubber (issue 20, S21-PL9): the over-scrubbing and misses
personal_details_dev35 and dev36 showed, as classes (bot/lang/details/span_forms21.py, data in
knowledge/language/personal_details.yml `span_forms.session21`), with invented examples both ways, and
floors for the two sets:

- found: a house number or "on"/"at" and a capital "The" with a street's word ("6 The Fakery" is not one,
  "6 The Green" is); a street's kind the address pass did not list ("Fakeley Approach") and "Old"
  before a found street; a record's number by its shape (a check letter, a year and letters, spaced
  groups, a sort code and an account); a surname in capitals before a comma and a found first name, a
  first name and a surname both in capitals, "BABY" on a wristband; a council's word after a found
  first name or a police rank, a weekday before a found name (not "on Sunday"); a nickname in quotes
  inside a name and its word elsewhere; a first name and a surname's initial;
- kept: brands, characters, hotel chains, sayings and legal terms in their case; words for a relative
  in a family's own language; a form's abbreviations, practice acronyms in the plural, weekday ranges;
  conditions named after people and medicines; a month alone after "born in"; lower-case everyday
  words at a found name's start.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd21", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # streets named with "The"
        ("nobody answered at 14 The Crescent when I knocked", "Crescent"),
        ("the family moved to 3a The Avenue last month", "Avenue"),
        ("she lives in the end house on The Green near the shop", "Green"),
        # a street's kind the address pass did not list, and "Old" before a found street
        ("staying at his nan's on Station Approach most nights", "Station Approach"),
        ("2 Fakeham Cottages, Old Fakemill Lane, no phone", "Old"),
        # a record's number by its shape
        ("the UC ref is UC-1234-5678-X and payments stopped", "UC-1234-5678-X"),
        ("PNC 26/0012345Z on the letter", "26/0012345Z"),
        ("occurrence 26-55512-Q from the night shift", "26-55512-Q"),
        ("the driver's report number is 2026-ZZ-40404.", "2026-ZZ-40404"),
        ("benefit letter reference ZXB 11 222 333 Q was on the table", "222 333"),
        ("the statement shows 00-11-22 / 12345678 going out", "00-11-22"),
        # names in capitals
        ("register printout: HUNTER, Zofia  Y3  Att 71%", "HUNTER"),
        ("JORDAN PICKLES was seen at the front desk", "PICKLES"),
        ("the wristband says BABY PHAN  MRN K0000001", "BABY"),
        # council's and weekdays' words beside names, after a rank
        ("her stepdad, I think it's Declan Kent, never comes", "Kent"),
        ("present DS Kent (police) and the HV", "DS"),
        ("her sister, Sunday Fakeley, aged 6, missed the dentist", "Sunday"),
        # a nickname in quotes inside a name, and its word elsewhere
        ("father Dean 'Big Tel' Fakeson, not present. money goes on Tel's debts", "Tel"),
        # a first name and a surname's initial
        ("logged by the TA: 'Faith Z. (Rec) said she was hungry'", "Faith"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # brands, characters, chains, sayings and legal terms, in their case
        ("a Humpty Dumpty lunchbox and a packet of Hula Hoops", "Humpty Dumpty"),
        ("a packet of Hula Hoops and nothing else", "Hula Hoops"),
        ("they're in a Travelodge room by the ring road", "Travelodge room"),
        ("mum sells the kids' clothes on Gumtree", "Gumtree"),
        ("a Robinson Crusoe sort of life", "Robinson Crusoe"),
        ("Assured Shorthold Tenancy, landlord won't fix the damp", "Assured Shorthold Tenancy"),
        ("Weetabix with water most mornings", "Weetabix"),
        # a relative in a family's own language
        ("they live with an old man they call periappa", "periappa"),
        ("her mother-in-law, who she calls Ammi ji, left after a row", "Ammi"),
        ("the kids call her Babcia and she has them after school", "Babcia"),
        # a form's abbreviations, acronyms in the plural, weekday ranges
        ("cpoms entry 04/12 09:10 - Zofia Z (Yr 2) came in with no coat again", "Yr 2"),
        ("Two RCPCs, core group every 6 weeks", "RCPCs"),
        ("works away Mon-Fri on the rigs", "Mon-Fri"),
        ("in with a chest infection, wristband says FAKEY FAKESON  DOB 19/06/24  Hosp no H0000001", "wristband"),
        # conditions named after people and medicines
        ("mum has Hashimoto's and is exhausted", "Hashimoto"),
        ("a dad with Klinefelter, 4 kids", "Klinefelter"),
        ("Oilatum and Dermol never collected", "Dermol"),
        # a month alone after "born in"
        ("the baby was born in October in the trailer", "October"),
        # lower-case everyday words at a name's start
        ("she told my lunchtime lady Pauline about the beds", "lady"),
        ("Shyla told the poolside helper, Callum, she has no towel", "helper"),
        # a weekday after "on" is a day, and "Fakewood Rec" keeps its "Rec" inside the place
        ("On Sunday Fakeley came in late", "On Sunday"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_a_name_beside_a_kept_word_is_still_found():
    # the kept word goes back, the name beside it does not
    got = scrub("the Travelodge room Zofia Fakowska was in").text
    assert "Fakowska" not in got and "Travelodge" in got
    got = scrub("the poolside helper, Callum, said so").text
    assert "Callum" not in got
    # a brand in lower case may be a name typed fast: the list holds the case
    assert "ribena" not in scrub("spoke to ribena fakeley, the mum").text.lower()


def test_a_month_with_a_year_is_still_a_date_of_birth():
    got = scrub("Fakey was born in March 2018 at home").text
    assert "2018" not in got


def test_a_recreation_ground_keeps_its_capitalised_word_inside_the_place():
    got = scrub("the boys hang around the pitch at Fakewood Rec all morning").text
    assert "Fakewood" not in got and "Rec all" not in got


def test_the_thirty_fifth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev35.yml (S20-PW35): first seen 448 of 479 removed and 34 of 1863 over-scrubbed
    # (session 20's start), 451 and 28 at session 20's end; 463 and 4 after S21-PL9's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev35.yml")
    assert s.items >= 140 and s.details >= 479
    assert s.details - len(s.leaks) >= 463, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 4, [(i, w) for i, w, _ in s.lost]


def test_the_thirty_sixth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev36.yml (session 20's blind set, measured twice, counts only; a dev set from
    # session 21): first seen 395 of 419 removed and 29 of 1808 over-scrubbed; 397 and 28 at session 21's
    # start; 410 and 1 after S21-PL9's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev36.yml")
    assert s.items >= 120 and s.details >= 419
    assert s.details - len(s.leaks) >= 410, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 1, [(i, w) for i, w, _ in s.lost]
