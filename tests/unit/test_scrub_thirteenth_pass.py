"""The thirteenth pass of the personal-details scrubber (bot/lang/details/thirteenth_pass.py, issue
20), with invented examples in the ways personal_details_dev15.yml showed them (the surname Ward
before an age, a name said to be a relation at a sentence's start, Vietnamese names, a form word in
capitals, a hospital after A&E, a faith school's name, a nursery's name with "at" in it, names and
medicines the word lists lacked), each beside a control that must survive."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    "text, gone",
    [
        # a first name before the surname Ward and an age: a person, not a hospital ward
        ("Rosie Ward 7 and Jasper Ward 3 are off school again", "Rosie"),
        ("Rosie Ward 7 and Jasper Ward 3 are off school again", "Jasper"),
        # a name-list word that opens a sentence and is said to be a relation
        ("Faith is mum, 22, and the baby is 3 weeks old", "Faith"),
        ("Amber was the mum on the last referral", "Amber"),
        # Vietnamese letters, and a Vietnamese middle name between two capitalised words
        ("we sat in the car outside Phượng's flat for a while", "Phượng"),
        ("Mum, Vo Thi Lan, works evenings at the takeaway", "Vo"),
        ("Mum, Vo Thi Lan, works evenings at the takeaway", "Lan"),
        # a hospital after A&E and "at"
        ("she was seen in A&E at Queen's last week with a scald", "Queen"),
        # a faith school's name, and a nursery's name with "at" in it
        ("The school, Sacred Heart Catholic Primary, rang about lunches", "Sacred"),
        ("his nursery, Busy Owls at Fernhill, says he is always hungry", " at Fernhill"),
        # names the first-name lists lacked
        ("Mum Siobhan, dad Paddy and the two boys", "Paddy"),
        ("the little ones, Honor and Maeve, were clean", "Honor"),
        # a form word's letters that are a name, capitalised as a name is
        ("his brother Edd is 9 and minds the baby", "Edd"),
    ],
)
def test_the_thirteenth_pass_removes(text, gone):
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        # a hospital ward with its number stays a ward (removed as an address), the age stays an age
        ("Rosie Ward 7 and Jasper Ward 3 are off school again", "7"),
        ("Rosie Ward 7 and Jasper Ward 3 are off school again", "3"),
        # a word name opening a sentence that says no relation
        ("Hope is what keeps her going", "Hope"),
        # a form word in capitals is no name
        ("EDD 3 Mar 2027, first baby, booked late", "EDD"),
        # after A&E, a festival or a month
        ("they took him to A&E at Christmas with a chest infection", "Christmas"),
        ("they went to A&E in March and again in May", "March"),
        # a denomination and a school word without a name before them
        ("The Catholic Primary School has a breakfast club", "Catholic"),
        ("the local Catholic primary has a breakfast club", "Catholic"),
        # ordinary words the lists now hold
        ("he was in a right paddy all morning", "paddy"),
        ("it is an honour to work with them", "honour"),
        ("Gaviscon from the chemist, the GP never saw him", "Gaviscon"),
        ("a Jack Russell and two staffies, dog mess upstairs", "staffies"),
        ("Jasmine rice and nothing else most days", "Jasmine"),
        # a form word in lower case before its date, hospital units and a school's record system
        ("she is 20 weeks and edd is 3 june 2027, lives with her aunt", "edd"),
        ("the baby was in SCBU for a week, then NICU 2 weeks", "SCBU"),
        ("the baby was in SCBU for a week, then NICU 2 weeks", "NICU"),
        ("spelt that way in SIMS, not on the referral", "SIMS"),
        # a colour before a kept brand, a fixed phrase at a sentence's start
        ("car is a silver corsa, he sleeps in it", "silver"),
        ("Sky high rent, damp and one heater", "Sky"),
    ],
)
def test_the_thirteenth_pass_keeps(text, kept):
    assert kept in scrub(text).text
