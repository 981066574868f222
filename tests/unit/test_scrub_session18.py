"""Session 18's changes to the personal-details scrubber (issue 20, S18-PL6): the over-scrubbing and
misses personal_details_dev29 and dev30 showed (bot/lang/details/span_forms18.py, data in
knowledge/language/personal_details.yml `span_forms.session18`), with invented examples both ways,
and floors for the two sets:

- a title, two or three dotted initials and a surname are one name ("Mr R.J. Fakeley");
- sayings, products and brands with a name's word in them stay ("Tom and Jerry on a loop", "Mr
  Kipling cakes", "Heath Robinson plan"), in their own case; a person with such a name is still found;
- one word naming a service, a record system, a medicine or a shop stays ("Audiology",
  "SystmOne", "Ventolin"); not a record system's name before its number;
- a form's field label after a name and before a colon is no part of it ("... Tel: 07700 ...");
- a country on a first-name list after a word of moving stays ("gone to India"); a person so
  named after other words is still found;
- a lower-case everyday word after "a"/"the" is no name ("a man's flat", "since the autumn"); a
  family's name before "children" is still found;
- "the children are fed and love their parents" lists no names; "kids are ruby and finn" does;
- a lower-case "-ing" verb is no part of the name after it ("just flagging Osian Fakeley");
- "shes called georgia", "hes called river": "'s" typed without its apostrophe.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.lang.scrub import detail_spans, scrub

ROOT = Path(__file__).resolve().parents[2]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_language_pd18", ROOT / "scripts" / "eval_language.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _found(text: str) -> list[str]:
    return [text[a:b] for a, b, _label in detail_spans(text)]


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Mr R.J. Fakeley rang re his grandchildren, says their mum leaves them alone", "R.J."),
        ("Mrs T.A. Fakeran, the gran, is the emergency contact", "T.A."),
        ("Dr K.L. Fakewood-Price saw him in clinic", "K.L."),
        ("Parent: Mrs Zenobia Fakeworth Tel: 07700 900123", "Zenobia"),
        ("kids r tahmisa n rafek, mum sez dad gone, house v cold", "tahmisa"),
        ("kids are ruby and finn fakeley, at the flat", "ruby"),
        ("the children are Ruby and Finn", "Ruby"),
        ("Hi both, just flagging Osian Fakellwyd again", "Osian"),
        ("the girl says shes called georgia and her brother is kai", "georgia"),
        ("hes called river and he is 6", "river"),
        ("Tom Fakeley and Jerry Fakeman are the twins, both 9", "Tom"),
        ("India Fakeworth is 14 and sofa surfing", "India"),
        ("CareFirst 209117, and there's an old Early Help file", "209117"),
    ],
)
def test_each_class_is_removed(text, gone):
    assert gone not in scrub(text).text, scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Tom and Jerry on a loop, no breakfast, 4 year old not toilet trained", "Tom and Jerry"),
        ("Heath Robinson plan, honestly: three agencies, no lead", "Heath Robinson"),
        ("Mr Kipling cakes and Kit Kats for tea, every day", "Mr Kipling cakes and Kit Kats"),
        ("Peeping Tom allegation against the lodger, police said NFA", "Peeping Tom"),
        ("Doubting Thomas here: can a family be neglectful and loving at the same time?", "Doubting Thomas"),
        ("Bob's your uncle, I thought, once the beds arrived", "Bob's your uncle"),
        ("Dr Martens boots in the hall, the baby's in a Moses basket that's too small", "Dr Martens"),
        ("Lazy Susan on the table, no stair gate, toddler on the landing at 2am", "Lazy Susan"),
        ("Audiology DNA letter copy: not brought to three appointments", "Audiology"),
        ("the GP surgery have flagged it on SystmOne", "SystmOne"),
        ("Elvanse for the ADHD and a Ventolin inhaler, both ran out weeks ago", "Ventolin"),
        ("Parent: Mrs Zenobia Fakeworth Tel: 07700 900123", "Tel:"),
        ("year 9 lad asking staff for money for food, says his mum's gone to India for a month", "India"),
        ("she had been at a party at a man's flat and had no coat", "man's"),
        ("there's lunch debt and it has been building since the autumn", "autumn"),
        ("The children are fed and love their parents but the flat is damp", "fed and love"),
        ("Hi both, just flagging Osian Fakellwyd again", "flagging"),
    ],
)
def test_what_the_check_needs_stays(text, kept):
    assert kept in scrub(text).text, scrub(text).text


def test_a_saying_is_kept_only_in_its_own_case_and_whole():
    # "tom and jerry" in lower case is two children's names typed fast, not the cartoon
    assert "tom" not in scrub("kids r tom and jerry fakeley, 6 and 4").text
    # a name beside a saying is still found
    assert "Zephyrine" not in scrub("Zephyrine Fakeley says the kids watch Tom and Jerry all day").text


@pytest.mark.parametrize("family", ["fakeham", "bailey"])
def test_a_family_name_after_the_stays_found(family):
    # "the khan children": a family's name before a family word (dev8 labels it), even when the
    # name is an everyday word ("the bailey children")
    text = f"CIN meeting tomorrow for the {family} children, the middle one is 8"
    assert family not in scrub(text).text


def test_a_two_word_family_name_after_the_stays_found_whole():
    # (the lead, session 18) "the mac donald family": an everyday word after "the" that is one part
    # of a name found beside it is no everyday noun (personal_details_dev31 first seen removed it)
    out = scrub("visited the mac fakely family at 41 heather bank road this morning").text
    assert "mac" not in out and "fakely" not in out and "family" in out
    assert scrub("the older one sleeps on a mattress on the floor").text.endswith("on the floor")


def test_dotted_initials_make_one_name():
    text = "Mr R.J. Fakeley rang re his grandchildren"
    assert _found(text)[0] == "Mr R.J. Fakeley"


def test_the_twenty_ninth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev29.yml (S17-PW29): first seen 429 of 449 removed and 33 of 2243 over-scrubbed
    # (session 17's end); 430 and 8 after S18-PL6's span forms (in sample)
    s = _eval_module().eval_details("personal_details_dev29.yml")
    assert s.items >= 140 and s.details >= 449
    assert s.details - len(s.leaks) >= 430, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 8, [(i, w) for i, w, _ in s.lost]


def test_the_thirtieth_dev_set_s_details_are_removed_no_worse_than_measured():
    # personal_details_dev30.yml (session 17's blind set, measured twice, counts only; a dev set from
    # session 18): first seen 370 of 383 removed and 37 of 2133 over-scrubbed; 372 and 6 after S18-PL6's
    # span forms and "shes called" (in sample)
    s = _eval_module().eval_details("personal_details_dev30.yml")
    assert s.items >= 120 and s.details >= 383
    assert s.details - len(s.leaks) >= 372, [(i, d) for i, d, _ in s.leaks]
    assert s.over_scrubbed <= 6, [(i, w) for i, w, _ in s.lost]
