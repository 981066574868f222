"""Session 17's changes to the personal-details scrubber (issue 20, S17-PL5): the classes
personal_details_dev27 and dev28 left in (bot/lang/details/span_forms17.py), with invented examples
both ways, and floors for the two sets:

- a short form right before the full name in brackets ("for fern (Fern Fakeworth)", "lil K
  (Kestrel)", "'Big Del' (Derek Fakeley)"); a relation or role before the brackets stays;
- a found place and the found street it stands on are one place ("the Golden Dragon on Fakeley Road");
- a record system's label of letters, a dash and three or four digits inside an account that names
  a person or a place ("Fakeshire's ref was CP-3107", "EHM ref EH-5521, closed when Kayla Fakeley
  ..."); what the check reads as the practitioner's own case label stays (a label in a message with
  no other detail, as in the commands "what actions have been agreed on HV-302", a short message,
  the label after "case", "ref is", "it's", "carry on with"), and the check's case-reference
  question still accepts it;
- the initials of a found hyphenated first name ("A-M" for "Aoife-Marie");
- in lower case, a rare word after a found name before the end of its phrase ("maybe jordan
  fakeheap"), a rare word before a found listed surname, a listed first name and surname after a
  relation word; not a verb's form ("reggie hoarded food");
- a found first name and "boy" before a lower-case word ("jonny boy hes four");
- a month's short form after a day's number is a month ("Next meeting 14 Jan.");
- a site word and one capital letter ("pitch B");
- a team's name with its number or part of the area ("Assessment Team 3");
- a capitalised word with letters beyond ASCII right before a found name ("Đỗ Thị Fakelan");
- in lower case, a house number, a word or two and "hill" or "house" ("9a fakeley hill").
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd17", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    "text, gone",
    [
        ("ASQ today for fern (Fern Fakeworth-Lyle), no words yet", "fern ("),
        ("worried about lil K (Kestrel) age 8, out till late", "lil K"),
        ("Mum's partner 'Big Del' (Derek Fakeley), 41, drinks", "Big Del"),
        ("they were at the Golden Dragon on Fakeley Road till midnight", " on "),
        ("Fakeshire's ref was CP-3107 and the old SW has left, no visits since June", "3107"),
        ("Known to early help, EHM ref EH-5521, closed when Kayla Fakeley did not engage.", "5521"),
        ("mum tanya fakeley's got a cp hx herself as a kid (cp-0482?), seems v low", "0482"),
        ("CP-0933 under the old system, now LCS 4500999", "0933"),
        ("Child: Aoife-Marie Fakeley (4). A-M was found in the bin again", "A-M"),
        ("mum's partner is called jordan something, maybe jordan fakeheap", "fakeheap"),
        ("referral about zephyrine mendoza yr 2, mum works", "zephyrine"),
        ("dad sonny fakeworth is out of prison and mum says hes not staying", "sonny"),
        ("the little lad is jonny boy hes four", "boy"),
        ("Next meeting 14 Jan. Jan Fakeley (mum) came", "Jan Fakeley"),
        ("lives on the Fakeley site, pitch B. All in a trailer on pitch B next to gran.", "pitch B"),
        ("Lorraine Fakeley (SW, Assessment Team 3) was there", "Team 3"),
        ("Fakeley Child in Need Team 2 | 07700 900961", "Need Team 2"),
        ("Shirin Fakeley (SW, Family Safeguarding Team East)", "Team East"),
        ("Mum (Đỗ Thị Fakelan) speaks little English", "Đỗ"),
        ("they live at 9a fakeley hill, no heating", "fakeley hill"),
        ("nan is at flat 4 fakemill house, near the shops", "fakemill"),
    ],
)
def test_the_classes_new_writers_left_in_are_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("mum (Marisol Fakeley) is low and the HV (Helen Fakeby) came", "mum ("),
        ("mum (Marisol Fakeley) is low and the HV (Helen Fakeby) came", "HV ("),
        ("his sister (Sophie Fakeley) brought him in", "sister ("),
        ("she was on Fakeley Road when Kayden Fakeley came on Fakeley Road", "came on"),
        ("ref is CP-4471", "CP-4471"),
        ("CP ref PD-2020", "PD-2020"),
        ("case ref for this family is CP-2207 from my notes, thanks a lot", "CP-2207"),
        ("carry on with case PD-2020 from yesterday please, the one with the dog", "PD-2020"),
        ("it's CP-2207, the one from last week with the two boys", "CP-2207"),
        ("the CIN ref is CP-2207 for this family and the one before", "CP-2207"),
        ("Next review Jan-2027 for Kai Fakeley and his sister at the school", "Jan-2027"),
        ("can you list everything recorded on HV-302 by date", "HV-302"),
        ("what actions have been agreed on HV-302 over time", "HV-302"),
        ("Known to early help, EHM ref EH-5521, closed in the spring for non-engagement.", "EH-5521"),
        ("the C-A section is closed", "C-A"),
        ("dad tommy said no and mum sarah lol", "said no"),
        ("a boy called reggie hoarded food under his bed", "hoarded"),
        ("holly wreath still on the door from last christmas", "wreath"),
        ("dad tommy said no and mum sarah lol", "lol"),
        ("the Fakeley boy was there and her little boy is 4", "boy was"),
        ("the Fakeley boy was there and her little boy is 4", "little boy is 4"),
        ("Next meeting 14 Jan. Review on 3 Feb, then 2 Mar.", "14 Jan"),
        ("Next meeting 14 Jan. Review on 3 Feb, then 2 Mar.", "2 Mar"),
        ("Plan B is for mum to engage, and they played on the pitch. A coach saw", "Plan B"),
        ("Plan B is for mum to engage, and they played on the pitch. A coach saw", "pitch. A"),
        ("the Duty Team rang, Team Around the Family meeting, the Duty Team 2 weeks ago said no", "Team 2 weeks"),
        ("the Duty Team rang, Team Around the Family meeting, the Duty Team 2 weeks ago said no", "Duty Team rang"),
        ("Mum took the kids to the Café at 3 and they had nothing to eat", "Café"),
        ("they live in a 2 bed house with 5 kids, a 3 bedroom house", "2 bed house"),
        ("they live in a 2 bed house with 5 kids, a 3 bedroom house", "3 bedroom house"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "answer, value",
    [
        ("CP-2207", "CP-2207"),
        ("ref is CP-0916", "CP-0916"),
        ("it's CP-2207, the one from last week with the two boys", "CP-2207"),
        ("case ref for this family is CP-2207 from my notes, thanks a lot", "CP-2207"),
    ],
)
def test_the_check_still_takes_a_practitioner_s_own_case_label(answer, value):
    from bot.walks.check_plan import check_case_ref

    parsed = check_case_ref(answer)
    assert parsed.ok and parsed.value == value, parsed


def test_the_twenty_eighth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev28.yml (session 16's blind set, measured twice, counts only; a dev set from
    # session 17): first seen 270 of 295 removed and 16 of 1503 over-scrubbed (session 15's code,
    # current scoring), unchanged by session 16; 284 and 15 after S17-PL5's span forms (in sample)
    s = _eval_module().eval_details("personal_details_dev28.yml")
    assert s.items >= 120 and s.details >= 295
    assert s.details - len(s.leaks) >= 284, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 15, [(i, w) for i, w, _ in s.lost]


def test_the_twenty_seventh_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev27.yml (S16-PW27): 356 of 377 removed, 8 of 1538 over-scrubbed at session 16's
    # end; 367 and 8 after S17-PL5's span forms and the police log's "CAD" number (in sample)
    s = _eval_module().eval_details("personal_details_dev27.yml")
    assert s.items >= 140 and s.details >= 377
    assert s.details - len(s.leaks) >= 367, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 8, [(i, w) for i, w, _ in s.lost]
