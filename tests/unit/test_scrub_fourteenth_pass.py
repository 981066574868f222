"""The fourteenth pass of the personal-details scrubber (bot/lang/details/fourteenth_pass.py, issue
20) and the word lists beside it, with invented examples in the ways personal_details_dev16.yml
showed them (a pub as a landmark, a place's name before a head even in a council's words, a
council's name as an address's town, a phone typed with the letter O, a closing house number or
flat letter, Welsh street heads, a venue word after a place, nicknames after "calling him", shop
chains and idioms), each beside a control that must survive."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    "text, gone",
    [
        # a pub named in the usual way is a landmark
        ("they live in the flat above the Golden Swan, nan says", "Golden Swan"),
        ("dad drinks in the Rose and Crown most afternoons", "Rose and Crown"),
        # a place's name before a head, even in a council's or everyday words
        ("the house on Bury Old Road has no heating", "Bury Old"),
        ("she was taken to North Tyneside Hospital overnight", "Tyneside"),
        ("they go to Living Waters Fellowship on Sundays", "Living Waters"),
        # a council's name after an address and a comma is its town
        ("Mum is at 12 Fakeley Street, Camden.", "Camden"),
        # a phone with the letter O for a zero
        ("mum's mobile 07700 9OO123, rarely answers", "9OO123"),
        # a house number or a flat's letter closing a clause after a place
        ("behind the Black Horse, the row with red doors, number 9", "number 9"),
        ("they live at 4 Fakeham Road, flat B.", "flat B"),
        # Welsh street heads, a venue word after a found place
        ("the family moved to 7 Cwrt y Felin last year", "Felin"),
        ("the coach at Fakebridge Rovers FC says he is hungry", "FC"),
        ("we met in St Fakeus's hall on Monday", "hall"),
        # a nickname after "calling him"
        ("the family keep calling him Chunky and he hates it", "Chunky"),
    ],
)
def test_the_fourteenth_pass_removes(text, gone):
    assert gone not in scrub(text).text


@pytest.mark.parametrize(
    "text, kept",
    [
        # the head without a name, or with only ordinary words before it
        ("the lion at the zoo was the best bit of the trip", "lion"),
        ("she was taken to the General Hospital overnight", "General Hospital"),
        ("they go to church on Sundays", "church"),
        ("they took him to Hospital in the ambulance", "Hospital"),
        # a council standing as the council, a number that is no house number
        ("Camden said the threshold was not met", "Camden"),
        ("he is number 3 of 5 children", "number 3"),
        ("the flat was cold, no heating", "flat"),
        # weekday headings in a register note
        ("Tues: late again, no coat. Thurs: not in.", "Tues"),
        ("Tues: late again, no coat. Thurs: not in.", "Thurs"),
        # shop chains, an idiom, a kin word before a name
        ("he does the shopping at the Nisa on the corner", "Nisa"),
        ("Jack of all trades, dad, never home before 9", "Jack"),
        ("mum's new fella Bryn has locked the fridge", "fella"),
    ],
)
def test_the_fourteenth_pass_keeps(text, kept):
    assert kept in scrub(text).text
