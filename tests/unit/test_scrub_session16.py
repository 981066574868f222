"""Session 16's changes to the personal-details scrubber (issue 20, S16-PL4), with invented
examples of the classes new writers' sets still left in, and controls that stay words:

- two capitals where a person stands are initials (span_forms.initials_as_people): after a
  relation word ("mum KQ", "Mum (SS)"), before an age, a school year, a relation in brackets,
  ", the eldest" or what only a person does ("RX was charming"), and every other time the same two
  capitals stand alone in that message; dotted initials grow over a shorter name inside them;
  practice abbreviations (MS, OT, SS, PE, PR, CB, PC) stay outside a relation's slot;
- names in capitals in a message not typed in capitals (span_forms.capital_names): a surname in
  capitals after a found name, on the same line or the next ("Tia FOSTER (7)", "KAREN\\nFAKELEDGE"),
  a first name and a surname both in capitals ("Mum is DAWN FAKEBY");
- a police log's reference with a two-digit year ("NW-26-33187"), and a number after "EHM ref"
  (the Early Help Module); a practitioner's own case label ("case ref PD-2020") stays;
- a caravan's pitch, a site's plot or a boat's berth with its number is an address with no other
  place found in the message ("on pitch 3 again"; pd_address `site_words`).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd16", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    "text, gone",
    [
        ("XJ and his mum KQ, flat 2B, no food and XJ has missed 3 weeks of school", "KQ"),
        ("XJ and his mum KQ, flat 2B, no food and XJ has missed 3 weeks of school", "XJ has"),
        ("DSL: QM (yr 9) disclosed there's no electric at home", "QM"),
        ("mum's boyfriend DZ drinks all day and sleeps on the sofa", "DZ"),
        ("Mum (SS) came to parents' evening and seemed very low", "SS"),
        ("RX (dad) has a new partner, and the lodger is known to us", "RX"),
        ("RX was charming and I nearly forgot to ask about the lodger", "RX"),
        ("only TZ, the eldest, 14, and he's hardly ever there", "TZ"),
        ("VB 9, WL 6 and the baby, all with mum", "WL"),
        ("JT (Year 4) and his sister LT (Year 1) are late; he gets LT dressed", "LT"),
        ("Initial assessment for L.M. (girl, 12) and her brother R.M. (8)", "M."),
        ("Children: Tia FOSTER (7), Kai FOSTER (4). Mother: Carly Foster.", "FOSTER"),
        ("Mum is DAWN FAKEBY, dad unknown", "FAKEBY"),
        ("yes - KAREN\nFAKELEDGE, she's the great aunt", "FAKELEDGE"),
        ("PC 4471 attended, ref NW-26-33187", "33187"),
        ("The earlier case was closed by early help under EHM ref 51298.", "51298"),
        ("kids fine she says, but the trailer at Fakegurra pitch 3 has no gas.", "pitch 3"),
        ("the Mulfakes on pitch 3 again, the baby's got no cot", "pitch 3"),
        ("neglect of health, e.g. my lad at Pitch 14 with his rotten teeth", "Pitch 14"),
    ],
)
def test_the_classes_new_writers_left_in_are_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("mum has MS and the OT is involved", "MS"),
        ("mum has MS and the OT is involved", "OT"),
        ("SS were called last year and closed it", "SS were"),
        ("PE kit missing again and the TV was on all day", "PE kit"),
        ("dad has PR and CB was stopped in May", "CB was"),
        ("dad has PR and CB was stopped in May", "PR"),
        ("the PC said the house was quiet when she called", "PC said"),
        ("the DSL is worried and the HV has visited twice", "HV has"),
        ("the PE KIT is missing and Mum said NO FOOD in the house", "NO FOOD"),
        ("MARK MY words, the kids will go into care", "MARK MY"),
        ("FOSTER CARE was mentioned at the meeting", "FOSTER CARE"),
        ("case ref PD-2020 please, carry on with case 4471", "PD-2020"),
        ("case ref PD-2020 please, carry on with case 4471", "4471"),
        ("EHM closed in 2024 after 12 weeks of support", "2024"),
        ("a 6 week gap, 26-33 hours a week of care from nan", "26-33"),
        ("the football pitch was flooded for 3 weeks", "pitch was flooded for 3"),
        ("she lost the plot 2 weeks ago and shouted at the school", "plot 2 weeks"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_the_twenty_sixth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev26.yml, written blind in session 15 and measured twice (counts only):
    # first seen 309 of 334 removed, 14 of 1578 over-scrubbed (session 14's code); 310 at session 15's
    # end; a dev set from session 16: 326 after S16-PL4's initials, names in capitals and police
    # log reference (over-scrubbed 14, unchanged).
    s = _eval_module().eval_details("personal_details_dev26.yml")
    assert s.items >= 120 and s.details >= 334
    assert s.details - len(s.leaks) >= 326, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 14, [(i, w) for i, w, _ in s.lost]


def test_the_twenty_fifth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev25.yml, written in session 15 (dev, tuned on from session 16): first seen
    # 352 of 360 removed, 9 of 1703 over-scrubbed; 353 at session 15's end; 353 and 9 after
    # S16-PL4 (no dev25 detail is in the session's classes).
    s = _eval_module().eval_details("personal_details_dev25.yml")
    assert s.items >= 140 and s.details >= 360
    assert s.details - len(s.leaks) >= 353, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 9, [(i, w) for i, w, _ in s.lost]


# a church school's dedication is part of its name in any case (span_forms.dedications, the lead,
# from personal_details_dev27: in sample +2 there, 0 over-scrubbed on every dev set)
@pytest.mark.parametrize(
    "text, gone",
    [
        ("he's in year 2 at our lady of fakewell rc primary and always hungry", "fakewell"),
        ("Her brother is at Our Lady and St Fakeby's Federation infant site", "Fakeby"),
        ("She moved to Our Lady of Fakemoor Catholic Primary in September", "Our Lady"),
        ("sacred heart rc primary in fakeford say he is never collected on time", "sacred heart"),
    ],
)
def test_a_school_s_dedication_goes_with_its_name(text, gone):
    out = scrub(text).text
    assert gone not in out and "[place]" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "the dinner lady said he was hungry again",
        "our lady at reception said mum looked unwell",
        "mum says she prays to Our Lady every night",
    ],
)
def test_a_dedication_alone_is_kept(text):
    assert scrub(text).text == text


def test_the_twenty_seventh_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev27.yml (S16-PW27, written this session; first seen with session 15's code
    # 332 of 377 removed and 8 of 1538 over-scrubbed, 349 once the labels before dates and record
    # numbers were no longer counted, ae1ce58); 354 after S16-PL4, 356 with the dedications
    s = _eval_module().eval_details("personal_details_dev27.yml")
    assert s.items >= 140 and s.details >= 377
    assert s.details - len(s.leaks) >= 356, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 8, [(i, w) for i, w, _ in s.lost]
