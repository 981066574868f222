"""Session 20's changes to the personal-details scrubber (issue 20, S20-PL8): dates of birth as a class,
and the over-scrubbing and misses personal_details_dev33 and dev34 showed (bot/lang/details/
span_forms20.py, data in knowledge/language/personal_details.yml `span_forms.session20`, pd_date_of_birth
`forms_with_their_word` and pd_handle `handle_shapes`), with invented examples both ways, and floors for
the two sets:

- a date of birth or a due date in every written form a practitioner uses: figures with / . - and
  spaces, ISO, words with ordinals and short months, a two-digit year, the month and year alone, the
  day alone ("born on the 4th", "born on the 2nd of this month"), after DOB, d.o.b, D.O.B., date of
  birth, born, b., EDD, with or without a colon, a space or a dot; and what is no date of birth stays
  (visit dates, scores, fractions of a week, times, school years, "24/7", "born 2nd" as an order, "the
  12th floor", "32/40");
- sayings, drinks, characters and brands with a name's word stay, in their case;
- a job title after a found name and a comma stays ("..., Tenancy Officer");
- medicines and "madrassa" found alone as names stay; a record system's number still goes;
- a floor right after a flat's number is part of the address;
- a name spelt out with hyphens is a name; a found place "on" a found street is one place;
- a user name by its shape ("xbox name Fake_GG2014", "fake.lbk on Instagram", "fake.dk_x").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd20", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


# a date of birth or a due date, and the part of it that must go
DATES = [
    ("Tia Fakeley dob 12/3/18, mum worried", "12/3/18"),
    ("DOB 12.03.2018 for the baby", "12.03.2018"),
    ("dob: 12-03-18 per the form", "12-03-18"),
    ("date of birth 2018-03-12", "2018-03-12"),
    ("dob 12 03 2018 on the letter", "12 03 2018"),
    ("born 12th March 2018 at home", "12th March 2018"),
    ("d.o.b 12 Mar 18", "12 Mar 18"),
    ("b. March 12th 2018", "March 12th"),
    ("born on March 12th", "March 12th"),
    ("DOB:12/03/2018", "12/03/2018"),
    ("D.O.B. 12/3/18", "12/3/18"),
    ("D.O.B.12/3/18 on the form", "12/3/18"),
    ("b.12/3/18", "12/3/18"),
    ("DOB -12/3/18", "12/3/18"),
    ("dob12/3/18 on file", "12/3/18"),
    ("Date of Birth: 12th of March 2018", "12th of March"),
    ("born 2nd Feb '19", "2nd Feb"),
    ("born 12th of March, 2018", "2018"),
    ("born March 2018, no checks since", "March 2018"),
    ("born in Sept 2019", "Sept 2019"),
    ("born on the 12th, she's tiny", "12th"),
    ("born on the 3rd of this month at home", "3rd of this month"),
    ("born on the 9th of last month, no midwife", "9th of last month"),
    ("born early on the 22nd, so only 9 days old", "22nd"),
    ("born at home on the 9th, no midwife", "9th"),
    ("born on Tuesday the 4th", "4th"),
    ("born on the twelfth of March", "twelfth"),
    ("his birthday is the 12th", "12th"),
    ("dob 12th", "12th"),
    ("EDD: 14th", "14th"),
    ("EDD 14/08/2025", "14/08/2025"),
    ("she's due on the 14th", "14th"),
    ("her due date is 14 Aug", "14 Aug"),
]

# dates and numbers that are no date of birth
NOT_DATES = [
    "seen on 12/3 for a review",
    "score 12/20 on the scale",
    "off school 3/4 days a week",
    "visit at 10.30",
    "mum works 24/7",
    "aged 5, school year 2023-24",
    "for 3-4 weeks",
    "the 12th floor flat",
    "meeting on the 12th",
    "CP plan since 12th March",
    "seen 12 Mar 18 at clinic",
    "due a review on the 14th",
    "the meeting is due on the 14th",
    "the 2/52 check",
    "32/40 pregnant",
    "at 5.30pm",
    "born 2nd of 3 children",
    "twins, born 2nd, smaller",
    "born on the 12th floor of the hospital",
    "born premature at 32 weeks",
]


@pytest.mark.parametrize("text, gone", DATES)
def test_a_date_of_birth_goes_in_every_written_form(text, gone):
    out = scrub(text)
    assert gone not in out.text, out.text
    assert "date of birth" in out.removed, out


@pytest.mark.parametrize("text", NOT_DATES)
def test_what_is_no_date_of_birth_stays(text):
    assert scrub(text).text == text, scrub(text).text


@pytest.mark.parametrize(
    "text, gone",
    [
        ("the landlord, a Mr Fakeworth, has served a section 21", "Fakeworth"),
        ("Mrs Zephyrine Fakeley won't come to parents' evening", "Zephyrine Fakeley"),
        ("Regards, Tamsin Fakeworth, Tenancy Officer, Fakedale Homes.", "Tamsin Fakeworth"),
        ("Regards, Tamsin Fakeworth, Tenancy Officer, Fakedale Homes.", "Fakedale"),
        ("she lives at Flat 9, 4th floor, Fakenet House, the one by the precinct", "4th floor"),
        ("they're at flat 6, top floor of Fakewren House", "top floor"),
        ("I'll spell it, Z-E-P-H-Y-R. She's 6", "Z-E-P-H-Y-R"),
        ("they live in a room above Fakeden Garden on Fakewater Lane", "Fakeden Garden on"),
        ("xbox name Fakeo_GG2014, on it all night", "Fakeo_GG2014"),
        ("Kai uses the name fakeo.lbk on Instagram", "fakeo.lbk"),
        ("She has a Snapchat account, fakejsi.dk_x, which she uses", "fakejsi.dk_x"),
        ("from Snapchat, username fakeace.k_official. She said", "fakeace.k_official"),
        ("Jack Fakeley rang, Jack Daniel's on his breath", "Fakeley"),
        ("Keppra 4471182 is her record number", "4471182"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Regards, Tamsin Fakeworth, Tenancy Officer, Fakedale Homes.", "Tenancy Officer"),
        ("Kind regards, Tamsin Fakeworth, Caseworker.'", "Caseworker"),
        ("Jack Daniel's and Johnnie Walker bottles in the recycling", "Jack Daniel's and Johnnie Walker"),
        ("Mary Poppins she is not, says the school", "Mary Poppins"),
        ("Earl Grey and toast for tea every night", "Earl Grey"),
        ("Mr Muscle and bleach under the sink, no lock", "Mr Muscle"),
        ("A Morris Minor on bricks in the garden", "Morris Minor"),
        ("Robin Hood pyjamas and a Ben 10 hoodie", "Robin Hood pyjamas and a Ben 10"),
        ("the Flying Start worker to go with mum", "Flying Start"),
        ("dad has epilepsy controlled on Keppra", "Keppra"),
        ("The label read 'Amoxicillin 250mg/5ml oral suspension'", "Amoxicillin 250mg"),
        ("he's on Oramorph and lansoprazole after the surgery", "Oramorph and lansoprazole"),
        ("Madrassa teacher, ringing the helpline", "Madrassa teacher"),
        ("27b Fake Terrace, top floor, no lift", "top floor, no lift"),
        ("Fakeley Tower, 9th floor, flat 903", "9th floor"),
        ("the A-B-C chart is filled in", "A-B-C"),
        ("the Golden Fakedragon takeaway on Fake Street till midnight", "takeaway"),
        ("saved as report_final.docx on the drive", "report_final.docx"),
        ("went home.she said", "home.she"),
        ("her insta is private", "private"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_a_saying_is_kept_only_in_its_own_case():
    # "earl grey" in lower case may be a man called Earl Grey typed fast: the list holds the case
    assert "grey" not in scrub("spoke to earl grey, the dad, about the rent").text


def test_the_thirty_third_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev33.yml (S19-PW33): first seen 438 of 469 removed and 30 of 2214 over-scrubbed
    # (session 19's start), 29 at session 19's end; 451 and 17 after S20-PL8's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev33.yml")
    assert s.items >= 140 and s.details >= 469
    assert s.details - len(s.leaks) >= 451, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 17, [(i, w) for i, w, _ in s.lost]


def test_the_thirty_fourth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev34.yml (session 19's blind set, measured once, counts only; a dev set from
    # session 20): first seen 391 of 408 removed and 42 of 1967 over-scrubbed; 397 and 18 after
    # S20-PL8's readings (in sample)
    s = _eval_module().eval_details("personal_details_dev34.yml")
    assert s.items >= 120 and s.details >= 408
    assert s.details - len(s.leaks) >= 397, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 18, [(i, w) for i, w, _ in s.lost]
