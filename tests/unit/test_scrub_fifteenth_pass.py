"""The fifteenth pass of the personal-details scrubber (bot/lang/details/fifteenth_pass.py, issue
20) and the word lists beside it, with invented examples in the ways personal_details_dev17.yml
showed them (initials before a relation, a family by its surname in the plural, a name between
two names, slashed case numbers, new place heads, Gaelic streets), each beside a control that
must survive (an age, a child's sex, a practice acronym, a shop's format, a handover)."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    "text, gone",
    [
        # initials before "and his/her/their" and a relation
        ("worried about QX and his little brother, no coats", "QX"),
        ("ZB and her sister were sent home with nits", "ZB"),
        ("AB and CD (twins, 18 months) were left in the car", "AB"),
        # a listed surname in the plural, capitalised after "the", even when the plural is a word
        ("The Wards are known to us from 2021", "Wards"),
        ("the Bonds again - no electric since friday", "Bonds"),
        # a word between a found name and "and" and a found name, even a country's name
        ("Two children, Dafydd and Malta Fakewright, were left alone", "Malta"),
        # after "baby", a kin word is part of the name
        ("Baby Nana Kwesi is 9 months and not rolling", "Nana"),
        # a case number in parts joined by slashes
        ("Ref 25/0913/CP - mum did not attend", "25/0913/CP"),
        ("the old authority's number is ZZC/CIN/40021", "ZZC/CIN/40021"),
        # new place heads, capitalised or typed in lower case; "the Royal" and a place's name
        ("his form tutor at Bishops Meadow Secondary says he sleeps in class", "Meadow"),
        ("found on his own by the swings in Willow Rec", "Willow"),
        ("mum works at the Eastgate industrial estate nights", "industrial"),
        ("taken to the Royal Berkshire overnight", "Berkshire"),
        # a Gaelic street (its head word first) and a Gaelic place; a caravan's pitch after a place
        ("nan lives at 4 Sràid na h-Aibhne in the village", " na "),
        ("HV visit at the croft at Baile na Cille, South Uist", "Baile"),
        ("lives in a caravan at Seaview Park, Fakeby, pitch 42. no heating", "42"),
    ],
)
def test_the_fifteenth_pass_removes(text, gone):
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        # practice acronyms before a relation, the word "grants" in lower case
        ("CIN and her brother's plan were reviewed together", "CIN"),
        ("PE and RE are both cancelled this week", "PE and RE"),
        ("dad was in the Royal Marines before the children", "Royal Marines"),
        ("the grants are paid to the family monthly", "grants"),
        # an age after "aged" is no house number
        ("Twins aged 3, Fakeleigh Road Nursery says they are hungry", "aged 3"),
        # a child's sex in a form, a practice acronym after Pre-
        ("Child: QUENTIN FAKEWORTH, male, 20 months", "male"),
        ("Pre-CP conference report, draft 2", "Pre-CP"),
        # a kept shop and its format
        ("mum works at the Tesco Extra most evenings", "Tesco Extra"),
        # a handover opening a note
        ("Handover from a colleague who has left the team", "Handover"),
        # an institution word opening the next sentence after a found school
        ("They are at Fakeley Primary. School says they are hungry", "School says"),
        # dates and fractions with slashes are no case numbers
        ("seen on 12/03/2025 at home", "seen on"),
        ("weighed at 2/52 and 6/52", "2/52"),
    ],
)
def test_the_fifteenth_pass_keeps(text, kept):
    assert kept in scrub(text).text
