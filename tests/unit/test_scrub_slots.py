"""Names read from their place in the sentence (bot/lang/details/person_slots.py, issue 20): a
word, even an everyday word in lower case, is a name where the grammar wants a person, and the
same word stays where it does not. Every detail is invented; none is copied from a held-out set."""

from __future__ import annotations

import pytest

from bot.lang.api import scrub


@pytest.mark.parametrize(
    "text, expected",
    [
        # the subject of what only a person does, at the start of a clause
        ("grace wont eat her tea", "[name] wont eat her tea"),
        ("Bear said he was hungry", "[name] said he was hungry"),
        ("fox is 10 and sky is 4", "[name] is 10 and [name] is 4"),
        ("max is the middle one", "[name] is the middle one"),
        ("Will wont go to school", "[name] wont go to school"),
        ("Dawn from the nursery rang me", "[name] from the nursery rang me"),
        # in apposition after a role
        ("the youngest, ivy, is not weighed", "the youngest, [name], is not weighed"),
        ("the dad, will quarrington, is the main carer", "the dad, [name], is the main carer"),
        # lists of children with ages, in brackets or not
        ("the kids (star 6 and sky 3) were home alone", "the kids ([name] 6 and [name] 3) were home alone"),
        ("children: hunter 12, brook 8, rain 2.", "children: [name] 12, [name] 8, [name] 2."),
        # objects of talk, ask, tell; beside a relation word; joined to a name
        ("i told grace we would come back", "i told [name] we would come back"),
        ("spoke to hunter on his own", "spoke to [name] on his own"),
        ("she lives with her dad mark and his partner", "she lives with her dad [name] and his partner"),
        ("dad (Mark) and his mum (nanna Pearl) share care", "dad ([name]) and his mum (nanna [name]) share care"),
        ("worried about faith and river, both under 5", "worried about [name] and [name], both under 5"),
        # surnames that are words, families in the plural, nicknames, initials, short forms
        ("dad is Dean white and mum is Shannon white", "dad is [name] and mum is [name]"),
        ("surname is miller", "surname is [name]"),
        ("the bakers have 4 kids", "the [name] have 4 kids"),
        ("visited the youngs at home", "visited the [name] at home"),
        ("the hill family again", "the [name] family again"),
        ("lil jay is 3", "[name] is 3"),
        ("JB (9) and KB (6) late every day", "[name] (9) and [name] (6) late every day"),
        ("tj's speech is way behind", "[name]'s speech is way behind"),
        ("HV is Nurse Quillby", "HV is [name]"),
        ("miles has been off school for 2 weeks", "[name] has been off school for 2 weeks"),
        ("i saw will at home and he was dirty", "i saw [name] at home and he was dirty"),
        ("mum said summer wasn't hungry", "mum said [name] wasn't hungry"),
        ("Storm's weight has dropped", "[name]'s weight has dropped"),
        ("hope and faith, twins aged 3", "[name] and [name], twins aged 3"),
        ("Amber, the middle child, has nits", "[name], the middle child, has nits"),
        ("dad (will) works away", "dad ([name]) works away"),
        ("grandma May has them at weekends", "grandma [name] has them at weekends"),
        ("Summer, Jack and Ivy all live with mum", "[name] and [name] all live with mum"),
        ("Joy not brought to nursery again", "[name] not brought to nursery again"),
        ("Miles - not seen since march", "[name] - not seen since march"),
        ("the dad is Will", "the dad is [name]"),
        ("checked with ms baker at school", "checked with [name] at school"),
        ("re baby storm o'neill", "re baby [name]"),
        # a clause that opens on ", and" is no list: the season stays
        ("moved in the spring, and Dexter started school", "moved in the spring, and [name] started school"),
    ],
)
def test_a_word_in_a_person_s_place_is_a_name(text, expected):
    assert scrub(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "will do",
        "we will see will happen",
        "we walked 2 miles",
        "re the referral, mum said that was fine",
        "mum (will be there)",
        "in May we met",
        "the meeting is May 3rd",
        "nobody needs to know",
        "it is being looked at",
        "kids were in the woods",
        "dietitian says shes malnourished",
        "his little sister (3) is still there",
        "Mum-to-be is 17, living with her own mum",
        "went to the shops today",
        "grace period for rent arrears",
        "hope this helps",
        "dad will ring the school",
        "told mum and dad",
        "she told me he hits her",
        "we did the summer holidays plan",
        "a mark on his arm",
        "the gas bill is paid",
        "mum's new partner is a baker",
        "hunter wellies by the door",
        "meeting on 3-4 may, the 2019-2020 school year, 09:00-17:00",
        "the kids are 4 and 6",
        "nobody is 5 minutes away",
    ],
)
def test_the_same_words_where_no_person_stands_stay(text):
    assert scrub(text).text == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ref 55-1190 on our system", "ref [reference number] on our system"),
        ("dads NI is QQ 12 34 56 C", "dads NI is [reference number]"),
        ("case no CS/2291/8 - home visit", "case no [reference number] - home visit"),
        ("address 3 Brackley Mews, ZX 5 2LL", "address [address], [postcode]"),
    ],
)
def test_numbers_and_postcodes_of_odd_shapes(text, expected):
    assert scrub(text).text == expected
