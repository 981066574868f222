"""The eighth pass of the scrubber (bot/lang/details/word_names.py and the forms it brought to
knowledge/language/personal_details.yml), driven by personal_details_dev9.yml: names that are
everyday words, towns and venues with no rare word, due dates, units before house numbers.
Every detail here is invented; none is a dev or held-out text."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    "text, gone",
    [
        # a first-name-list word, however common, before a found capitalised name
        ("child: Sky Fakerley  DOB: 03-04-2019", ["Sky", "Fakerley"]),
        ("Hope Quibbleton is 6 and not brought to the dentist", ["Hope", "Quibbleton"]),
        # the town between an address and a postcode
        ("they live at 4 Sample Lane, Nether Pretendham, ZZ9 9ZZ now", ["Nether", "Pretendham", "ZZ9 9ZZ"]),
        # venues after "at the"
        ("mum works nights at the Jolly Ploughman and leaves them", ["Jolly", "Ploughman"]),
        ("dad drinks at the Fox and Fiddle most days", ["Fox", "Fiddle"]),
        # capitalised words right before a found place
        ("she goes to Merry Moppets nursery on weekdays", ["Merry", "Moppets"]),
        # two first-name-list words in lower case before "twins"
        ("its reed and sky, twins", ["reed", "sky"]),
        # a capitalised word joined by "and" to a found name
        ("she calls them Bo and Zazzlewick", ["Bo", "Zazzlewick"]),
        # a message of one first-name-list word (an answer)
        ("Precious", ["Precious"]),
        ("hunter", ["hunter"]),
        # due dates in a text about a pregnancy
        ("baby Fakeling due 9th March, mum is 17", ["9th March"]),
        ("she is pregnant and due a baby on 07/07/27", ["07/07/27"]),
        # dates of birth in more written forms
        ("born 14.iii.2018", ["14.iii.2018"]),
        ("dob twenty first of june twenty nineteen", ["twenty first of june twenty nineteen"]),
        ("edd end of may, 12th", ["12th"]),
        # references after the word that names them
        ("Police log 0729. Kids were at home", ["0729"]),
        ("Tenancy ref QQ/0042/B. Repairs overdue", ["QQ/0042/B"]),
        # the word that says what a house number is
        ("they are on pitch 12, Fakemoor Lane", ["pitch 12", "Fakemoor"]),
        ("No.17, Sampleside", ["No.17", "Sampleside"]),
        # a possessive in quotes
        ("staying at 'auntie Zorbelle's' for now", ["Zorbelle"]),
    ],
)
def test_the_eighth_pass_removes(text, gone):
    out = scrub(text).text
    for part in gone:
        assert part not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Sky blue coat on every day, the heating is off",
        "nan does the school runs on Tuesdays and Fridays",
        "went to the Family Hub for the baby group",
        "referred to the Front Door this morning",
        "seen in the Emergency Department last night",
        "review due 14/03, the baby is doing well",
        "bread and butter both gone from the fridge",
        "mum and dad both drink",
        "sometimes",
        "A dad I'm working with says he never meant any harm",
        "the same surnames keep coming back through the door",
    ],
)
def test_the_eighth_pass_leaves_alone(text):
    assert scrub(text).text == text
