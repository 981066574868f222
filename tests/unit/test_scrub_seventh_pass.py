"""Issue 20, the seventh pass of the personal-details rules (bot/lang/details/list_names.py and
the forms added to patterns.py, place_forms.py and personal_details.yml). Every name, place and
number here is invented; none is taken from a labelled set."""

from __future__ import annotations

import pytest

from bot.lang.api import scrub


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the other words of a list that holds a found name
        ("children: kayden, zorbit, flimmy", "children: [name]"),
        ("names are paige / wibbo / jordan", "names are [name] / [name] / [name]"),
        # rare words listed before an age, with no name found
        ("his twins, quorlin and zavix (both 4), are", "his twins, [name] and [name] (both 4), are"),
        # the word before "and her little brother"
        ("worried about drelly and her little brother", "worried about [name] and her little brother"),
        # a person's part or state after a word at the start of a clause
        ("i think hope is the one struggling most", "i think [name] is the one struggling most"),
        ("ruby was unwashed again today", "[name] was unwashed again today"),
        # a line break after a full stop does not make the next word part of a code
        (
            "home conditions poor.\nsummer is 6 and her brother is 3",
            "home conditions poor.\n[name] is 6 and her brother is 3",
        ),
        # after "known as", "nicknamed"
        ("her partner, known as grizzo, stays over", "her partner, known as [name], stays over"),
        ("baby is 5 months, called blessing, and", "baby is 5 months, called [name], and"),
        ("dad, big fergal, is away", "dad, [name], is away"),
        # a rare word on no name list where a person stands
        ("spoke to drovanna today", "spoke to [name] today"),
        ("mum and quellin were in", "mum and [name] were in"),
        ("quellin has been off again", "[name] has been off again"),
        # a first name, even an everyday word, after a role and "is" and before a place found
        ("the HV is ruby at the Fakeley Surgery today", "the HV is [name] at the [place] today"),
        # a surname before a word for a family; a list after a heading for children
        ("meeting for the nowak children today", "meeting for the [name] children today"),
        ("the smith family again", "the [name] family again"),
        ("kids: zeeba, tolu, fenno - all under 8", "kids: [name] - all under 8"),
        ("zubby 4 n tolly 7", "[name] 4 n [name] 7"),
        # initials: two letters typed in lower case where a person stands
        ("jj and his nan came in", "[name] and his nan came in"),
        ("the eldest is tj", "the eldest is [name]"),
    ],
)
def test_names_by_the_company_they_keep(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("the Fakewood Lane Foodbank gave a parcel", "the [place] gave a parcel"),
        ("she works at the Brindlecombe care home.", "she works at the [place]."),
        ("baby is on Teasel Ward now", "baby is on [place] now"),
        ("seen at Ward 3 Neonatal yesterday", "seen at [address] yesterday"),
        ("no.12 quibble gr", "[address]"),
        ("at no. 4 Fakeley View and", "at [address] and"),
        ("number 31 on the Pretendle Way", "[address]"),
        ("the address is 12-14 Fakerly Road", "the address is [address]"),
    ],
)
def test_places_and_addresses(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("known before under ref QX-40917. mum moved", "known before under ref [reference number]. mum moved"),
        ("landlord ref 77310-C", "landlord ref [reference number]"),
        ("it is on our system as ZT/0712/26.", "it is on our system as [reference number]."),
        ("team ref 2025/CIN/0199 on file", "team ref [reference number] on file"),
        ("due 07/27", "due [date of birth]"),
        ("EDD: 3/2027", "EDD: [date of birth]"),
        ("she is pregnant, due end of june", "she is pregnant, due [date of birth]"),
        ("D.o.B - 3 / 9 / 18", "D.o.B - [date of birth]"),
        ("bday is the 9th, march, 2017", "bday is the [date of birth]"),
        ("born on boxing day 2016 at home", "born on [date of birth] at home"),
        ("school adm no 20931, attendance low", "school adm no [reference number], attendance low"),
        ("practice code Z99123 on the letter", "practice code [reference number] on the letter"),
        ("lcs 5512903/b", "lcs [reference number]"),
        ("at Fakeley Marina, berth D4, since may", "at [place], [address], since may"),
        ("44 fakeridge cl", "[address]"),
        ("dad is in HMP Fakemoor till june", "dad is in [place] till june"),
        ("4th floor, 17 Fakeham Tower", "4th floor, [address]"),
    ],
)
def test_numbers_and_dates(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("in the spring, and Fakeby has started at school", "spring"),  # two clauses, not a list
        ("ref is CP-44718", "CP-44718"),  # the practitioner's own label after a practice acronym
        ("case ref PD-2020", "PD-2020"),
        ("she is due in 2/52 and 32/40 now", "2/52 and 32/40"),  # weeks, not a date
        ("seen 04/26 by the hv", "04/26"),  # no due or birth word
        ("CP review due end of march", "end of march"),  # no pregnancy in the text
        ("mum, dad and the kids were home", "mum, dad and the kids"),
        ("she is number 2 in the class", "number 2 in the class"),
        ("a 50 cl bottle of vodka", "50 cl bottle"),
        ("the foster family said", "the foster family"),
        ("dad got 2 n a half years", "2 n a half years"),
        ("kids: hungry, tired and dirty", "hungry, tired and dirty"),
        ("on ward 4 Mum said she was fine", "Mum said"),
        ("known as the main carer", "the main carer"),
        ("tired and her mum said so", "tired and her mum"),
        ("bf and his mates came round", "bf and his mates"),
        ("worried about squalor in the flat", "worried about squalor"),  # a rare word known in lower case
        ("asked about olanzapine doses", "about olanzapine"),  # a medicine
    ],
)
def test_what_stays(text, kept):
    assert kept in scrub(text).text
