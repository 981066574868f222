"""The sixth pass of issue 20 (bot/lang/details/answer_names.py, place_forms.py, and the typo and
compound readings of rare_words.py), on invented details: names in short answers and around
people, initials with full stops, places named with a prefix, venues, wards and rooms, car
registrations; and the ordinary texts beside them that must come through unchanged."""

from __future__ import annotations

import pytest

from bot.lang.scrub import scrub


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a name-list word right before an age
        ("youngest is skylar, shes 4", "youngest is [name], shes 4"),
        ("its dawn. 9 months", "its [name]. 9 months"),
        # short answers
        ("willow i think, might be willa", "[name] i think, might be [name]"),
        # between a word that takes a person and where that person works or learns
        ("the call came from holly at the nursery", "the call came from [name] at the nursery"),
        ("this is about ruby in reception", "this is about [name] in reception"),
        ("this is about summer in year 2", "this is about [name] in year 2"),
        # after a relation word with a possessive; a modal-name before a past tense
        ("staying with her friend poppy in town", "staying with her friend [name] in town"),
        ("his sister will went to get help", "his sister [name] went to get help"),
        # before a comma and a relation
        ("they live with blaze, mums new boyfriend", "they live with [name], mums new boyfriend"),
        ("he lives with rocky, nans partner", "he lives with [name], nans partner"),
        ("nanny pat picks them up", "nanny [name] picks them up"),
        # a nickname in quotes between names; an alias after "or"
        ("dad is Terrence 'Tel' Fakeworth", "dad is [name] '[name]' [name]"),
        ("known as 'Bizzy' or K-Dog", "known as '[name]' or [name]"),
        # initials
        ("R.W. is the middle one", "[name] is the middle one"),
        ("C.D-F. told her teacher", "[name] told her teacher"),
        ("kj and his brother dz", "[name] and his brother [name]"),
        # baby and a name after a list of names
        ("the kids are kaylan, jessica and baby ocean", "the kids are [name] and baby [name]"),
        # the second word after "his name is"
        ("his name is logan pettigrew", "his name is [name]"),
        # after a role at the end of a phrase, in brackets after an age, after "call him"
        ("dads partner is darren.", "dads partner is [name]."),
        ("theres 3 kids, oldest is 11 (kyle)", "theres 3 kids, oldest is 11 ([name])"),
        ("his mates call him spud", "his mates call him [name]"),
        # what the person does is not a surname
        ("mum says riley wets the bed", "mum says [name] wets the bed"),
        # an invented surname made of two words stays a name; a function word and a word do not
        ("his teacher is mr fakewood", "his teacher is [name]"),
        # a surname in capitals: unknown to English, or before a name and a comma
        ("FAKEWORTH, Kylie - mum", "[name] - mum"),
        ("SMITH, John is the dad", "[name] is the dad"),
        # a typo of a first name, not of a word
        ("jesicca is 7", "[name] is 7"),
    ],
)
def test_names_found_by_what_stands_around_them(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("they moved from nether wollowby last year", "they moved from [place] last year"),
        ("now at Great Fakeham, no heating", "now at [place], no heating"),
        ("dad drinks at the Fakewell Inn most nights", "dad drinks at the [place] most nights"),
        ("mum was in the Crooked Fakeling", "mum was in the [place]"),
        ("baby is on ward 12 at the hospital", "baby is on [address] at the hospital"),
        ("mum is on Ward 7C at Fakeford General", "mum is on [address] at [place]"),
        ("staying at Fakely House hostel, room 4", "staying at [place] hostel, [address]"),
        ("number 7 fakesby bank", "[address]"),  # "number" with the house number (seventh pass)
        ("in b&b at the fakeview hotel", "in b&b at the [place]"),
        ("at the womens refuge in fakeborough", "at the womens refuge in [name]"),
        ("car reg KL71 XPT seen outside", "car reg [car registration] seen outside"),
        ("the reg is kl71 xpt", "the reg is [car registration]"),
    ],
)
def test_places_rooms_and_vehicles(text, want):
    assert scrub(text).text == want


@pytest.mark.parametrize(
    "text",
    [
        "what's in a victoria sponge",
        "mycases",
        "where do i park at the civic centre",
        "the council is Birmingham and the unit is the North East locality",
        "the baby is always in the same babygro",
        "Barnardo's are involved",
        "mum is in ward rounds most mornings",
        "mosaic id and the case notes",
        "her friend next door helps",
        "he is 4 years old",
        "the kids are 9 and 4",
        "it is sunny today",
        "her brother will be there",
        "E.G. the same as before",
        "little mei has a cough",
        "worried about the general picture",
        "it is about time in year 2",
        "dad is frank",
        "URGENT, please call",
        "CAMHS, MASH and SALT",
        "PLEASE HELP",
        "i called him back",
        "they call him names at school",
        "the eldest is 14 (year 9)",
    ],
)
def test_ordinary_words_beside_them_stay(text):
    got = scrub(text)
    assert got.text == text and got.removed == ()


@pytest.mark.parametrize(
    ("line", "want"),
    [
        (
            '{"parse_data_text": "kj and his brother dz", "event": "processor.message.parse"}',
            '{"parse_data_text": "[name] and his brother [name]", "event": "processor.message.parse"}',
        ),
        (
            '{"current_states": "\\n[state 1] user text: his name is ed pettigrew | previous action: action_listen"}',
            '{"current_states": "\\n[state 1] user text: his name is [name] | previous action: action_listen"}',
        ),
        (
            "Received user message 'his name is logan pettigrew' with intent 'x'",
            "Received user message 'his name is [name]' with intent 'x'",
        ),
    ],
)
def test_a_message_quoted_in_a_log_line_is_read_as_a_message_too(line, want):
    # a rule that needs the message's start or end finds it inside the quote as well
    from rasa_ext.log_scrub import scrub_log_text

    assert scrub_log_text(line) == want
