"""Session 22's changes to the personal-details scrubber (issue 20, S22-PL10): the over-scrubbing and misses
personal_details_dev37 and dev38 showed, as classes (bot/lang/details/span_forms22.py, data in
knowledge/language/personal_details.yml `span_forms.session22`), with invented examples both ways, and
floors for the two sets:

- found: a Home Office reference by its shape; first names in lower case after "the kids" joined by
  "and", a lower-case first name before a found lower-case surname at a message's start; a name in quotes
  after "goes by", "calling him", "his cousin" and a name after "call me"; an initial after an opening
  quote; a country's, a language's or a practice word beside a found name in a name's shape; a full date
  after a found name and "is"; "Baby Boy" before a found surname; "Mr and Mrs" before one; a club's
  letters or kind after its name ("Fakewood ABC", name_words.yml institution_words);
- kept: sayings with a name's word in any case; makes, foods and organisations in their case; a country
  after "in", "to", "from"; roles, a form's labels and a school year's word alone or at a name's start; a
  faith's words; everyday words for a parent or a grandparent; lower-case kinds at a place's end; an
  adverb before "high"; a verb's form after a name; a letter after "<letter> and"; languages joined by a
  hyphen; a council's name with its title.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd22", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a Home Office reference by its shape
        ("his Home Office ref is Q7654321/2 and he has no recourse", "Q7654321/2"),
        # first names in lower case after a word for the children, and at a message's start
        ("the kids jasmine and tallulah, place is a tip", "tallulah"),
        ("her children, poppy and jasmine. no heating", "jasmine"),
        # a name in quotes after a naming phrase, and after "call me"
        ("older lad goes by 'Tiny' round the estate, real name Fakey Fakeson", "Tiny"),
        ("his cousin 'Peanut' is about 6 and never in school", "Peanut"),
        ("brought in by her nan Fakeena Fakeley ('call me Pat')", "Pat"),
        # an initial after an opening quote
        ("she signed for the parcel as 'R. Fakeworth' and shut the door", "R."),
        # a kept word beside a found name in a name's shape
        ("Mali Fakesby, year 3, comes in hungry every day", "Mali"),
        ("Mum, Shona Fakesley, missed the meeting", "Shona"),
        ("Female, Daria Moldovan, 26, had a cut lip", "Moldovan"),
        # a full date after a found name and "is"
        ("twins? no - Zsofika is 11/06/2014 and Fakebence 02-01-2016", "11/06/2014"),
        # a club a child trains or plays at (name_words.yml institution_words)
        ("Boxing coach at Fakewood ABC. One of my juniors is 13", "Fakewood"),
        ("he plays for Fakeley Juniors FC on Sundays", "Fakeley"),
        # a hospital's name for a newborn, and a couple by their titles
        ("Baby Girl Fakenagy, hospital number RX0000001, went home", "Baby Girl"),
        ("in foster care with Mr and Mrs Fakehill since March", "Mr and"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # sayings with a name's word, in any case
        ("nosy parker neighbour keeps ringing the council", "nosy parker"),
        ("doubting Thomas here, I can't see it as neglect", "doubting Thomas"),
        ("he's a steady Eddie, the older brother", "steady Eddie"),
        ("mum plays Lady Muck at conference", "Lady Muck"),
        ("the dog's a peeping Tom at the window", "peeping Tom"),
        ("yes the Sally Army and the baby bank", "Sally Army"),
        # makes, foods and organisations in their case
        ("the house was cold, the Rayburn out", "Rayburn"),
        ("Rich Tea biscuits for tea most nights", "Rich Tea"),
        ("I've told our safeguarding lead at Girlguiding", "Girlguiding"),
        # a country after a word of place
        ("his mum is 'in India' and he has a key round his neck", "India"),
        ("they came via Syria two years ago", "Syria"),
        # roles, a form's labels and a school year's word
        ("Claimant Fakesmina Fakeseini, sanctioned last month", "Claimant"),
        ("Postie on the round, I didn't know who else to ask", "Postie"),
        ("Referrer: Mr F. Fakonjo, Fakewick Academy", "Referrer"),
        ("Fakeon Fakees, blwyddyn 2, comes in with nits", "blwyddyn 2"),
        # a faith's words
        ("Gurdwara langar volunteer here, a boy comes every day", "Gurdwara langar"),
        ("the family is part of our sangat", "sangat"),
        # everyday words for a parent or a grandparent
        ("He said 'Mammy's friend' lives with them now", "Mammy"),
        # lower-case kinds at a place's end
        ("I'm a volunteer at the Fakeslow Cross community centre", "community centre"),
        # an adverb is no school's name
        ("her HbA1c is dangerously high; she says", "dangerously high"),
        # a verb's form after a name, a letter after "<letter> and"
        ("Daria breastfeeds but is very thin", "breastfeeds"),
        ("a friend, Fakipo, babysits at night", "babysits"),
        ("past the six week limit for a B and B. Fakela is thin", "B and B."),
        # a club's letters with no name before them
        ("the ABC of neglect is food, warmth and safety", "ABC"),
        # languages joined by a hyphen, a council's name with its title
        ("she told me in Tigrinya-English that they are left", "Tigrinya-English"),
        ("Social worker in the Royal Borough of Greenwich", "Royal Borough of Greenwich"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_a_name_beside_a_kept_word_is_still_found():
    # a saying's word before a name, a country with a name after it, a name after a role
    got = scrub("doubting Thomas Fakeley rang again").text
    assert "Fakeley" not in got
    got = scrub("she went back to Jordan Fakeham's flat").text
    assert "Fakeham" not in got
    got = scrub("Claimant Fakesmina Fakeseini, sanctioned last month").text
    assert "Fakesmina" not in got and "Fakeseini" not in got
    # the kept parts of a place go back, its name does not
    got = scrub("I'm a volunteer at the Fakeslow Cross community centre").text
    assert "Fakeslow" not in got
    # a verb's form goes back only after a first name or a surname of the lists
    assert "Daria" not in scrub("Daria breastfeeds but is very thin").text
    # nor a plural after a place's name ("Fakeside moorings, Bridge 47": no first name or surname before it)
    assert "moorings" not in scrub("living on a narrowboat at Fakeside moorings, Bridge 47").text


def test_words_that_are_not_names_after_the_kids_stay():
    # everyday words after "the kids" are no names
    got = scrub("the kids hungry and cold, place is a tip").text
    assert "hungry and cold" in got


def test_the_thirty_seventh_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev37.yml (S21-PW37): first seen 399 of 414 removed and 17 of 1779 over-scrubbed
    # (session 21's start), 400 and 16 at session 21's end; 408 and 10 after S22-PL10's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev37.yml")
    assert s.items >= 140 and s.details >= 414
    assert s.details - len(s.leaks) >= 408, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 10, [(i, w) for i, w, _ in s.lost]


def test_the_thirty_eighth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev38.yml (session 21's blind set, measured twice, counts only; a dev set from
    # session 22): first seen 350 of 362 removed and 32 of 1568 over-scrubbed (session 21's start and end);
    # 358 and 3 after S22-PL10's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev38.yml")
    assert s.items >= 120 and s.details >= 362
    assert s.details - len(s.leaks) >= 358, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 3, [(i, w) for i, w, _ in s.lost]
