"""The twelfth pass of the personal-details scrubber (bot/lang/details/twelfth_pass.py, issue 20),
with invented examples in the ways personal_details_dev14.yml showed them (forms and notes in
capitals, a title with an initial, system references, towns after addresses, places named by a
place, brand names and fixed phrases), each beside a control that must survive."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    "text, gone",
    [
        # a surname in capitals after a found name, the way a form writes it (invented people;
        # the words are common enough in English text that the rare-word rules leave them)
        ("Name: Yusra BEGUM  DOB: 2019-04-02  Concern: head lice, hungry", "BEGUM"),
        # a run of capitals with names in it, as in a police or GP note
        ("CONCERN RE NASREEN KHANOM DOB 12/5/2020 AND SIBLINGS", "NASREEN"),
        ("CONCERN RE NASREEN KHANOM DOB 12/5/2020 AND SIBLINGS", "KHANOM"),
        # a surname in capitals as the whole answer
        ("KHANOM", "KHANOM"),
        # a title and an initial before a found name ("A" alone reads as the article)
        ("Yours sincerely, Dr A. Osei, Fakeley Road Surgery.", " A."),
        # references with a letter prefix and dashes
        ("Ref: QX-20260101-0042.", "0042"),
        ("Case no CAMHS-T-40001, please call", "40001"),
        # a town between an address and a postcode, in lower case; the house number with a letter
        ("her address changed to 7c fakeson walk, hull hu5 9zz. she is due", "hull"),
        ("her address changed to 7c fakeson walk, hull hu5 9zz. she is due", "7c"),
        # a word before a two-word address after a comma, an estate word after a found address
        ("At home (Flat 2, Quarn House, Norway Hill Estate) she lives with dad", "Norway"),
        ("At home (Flat 2, Quarn House, Norway Hill Estate) she lives with dad", "Estate"),
        # a street whose last word is a plural street word
        ("they live above the shop on Kings Lanes with their nan", "Kings"),
        # a hospital named by a place
        ("born on the 3rd of May 2018 at Cwm Rhondda General", "Rhondda"),
        # a town found once is a place again, with its institution
        ("a room on Quarnby Street, Luton. She has stopped going to Luton College.", "College"),
        # a first name, however common in English, before a double-barrelled surname
        ("triage note: Jazz Fakeres-Morgan, 14, referred for low mood", "Jazz"),
    ],
)
def test_the_twelfth_pass_removes(text, gone):
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        # capitals that are practice words, record words or plain English
        ("URGENT: ICPC FOR THE KIDS TOMORROW, MASH HAVE IT", "ICPC"),
        ("URGENT: ICPC FOR THE KIDS TOMORROW, MASH HAVE IT", "KIDS"),
        ("NOT BEEN IN FOR 3 WEEKS, SEEN BY HV, DOB 2/2/2019", "WEEKS"),
        ("NOT BEEN IN FOR 3 WEEKS, SEEN BY HV, DOB 2/2/2019", "SEEN"),
        ("NO", "NO"),
        ("CAMHS", "CAMHS"),
        ("Mum's name: Zofia NEVER answers the phone", "NEVER"),
        # a practitioner's own short label, a date range, a covid test
        ("case ref PD-2020 on my list", "PD-2020"),
        # a practitioner's own reference as the check echoes it (joined by dashes, upper case)
        ("resume FAM-2024-07", "FAM-2024-07"),
        ("summary for HV-1234-56", "HV-1234-56"),
        ("off school with COVID-19 in 2021-2022", "COVID-19"),
        # an office, not a hospital
        ("the Attorney General said so on the news", "Attorney General"),
        # lanes that are no street
        ("we walked along the country lanes near the farm", "country lanes"),
        # kin titles stay beside the name they come before
        ("she asked me not to call her mum, Auntie Fakede, who talks", "Auntie"),
        # brand names and fixed phrases
        ("I run the breakfast club; she brings a Spar sandwich every day", "Spar"),
        ("Sainsbury's vouchers helped for a week", "Sainsbury's"),
        ("the King Charles spaniel hasn't been walked in weeks", "King Charles spaniel"),
        ("Amazing Grace was playing at full blast when I arrived", "Amazing Grace"),
        ("Rocky road, honestly. Good weeks and bad weeks", "Rocky road"),
        ("the King's Trust worker stopped coming in the spring", "King's Trust"),
        ("then the lunchbox: a packet of crisps most days", "lunchbox"),
        ("the girls send money home and skip meals", "skip"),
        # after an address and a comma, a relation is no town; a town again keeps a lower-case kind
        ("they moved to Quarnby Street, Mum says it is cold", "Mum says"),
        ("a room on Quarnby Street, Bedford. Her college in Bedford is near", "Her college"),
    ],
)
def test_the_twelfth_pass_keeps(text, kept):
    assert kept in scrub(text).text


def test_a_name_beside_a_kept_phrase_is_still_found():
    out = scrub("Quarnaby Fakeem bought Sainsbury's vouchers for the kids").text
    assert "Sainsbury's" in out and "Fakeem" not in out


def test_the_twelfth_pass_s_lists_are_data():
    from bot.lang.details.lexicon import _config

    item = _config()["pd_name"]["twelfth_pass"]
    for key in ("not_in_capitals", "estate_words", "hospital_words", "kept_phrases"):
        assert item[key], key
    assert {"capitals_zipf", "before_double_barrel_zipf", "hospital_place_zipf"} <= set(item)
