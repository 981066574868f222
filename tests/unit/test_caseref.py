"""The case reference (bot/records/caseref.py): whatever the assistant accepts and echoes back, it
finds again in every command that names a reference, in any case, with or without spaces
around separators (issue #24)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.records import caseref
from bot.walks import commands
from bot.walks.check_plan import check_case_ref
from bot.walks.supervision import reference_in_request

# every command form that names a reference, as a user types it
FORMS = (
    "resume {}",
    "summary for {}",
    "chronology of {}",
    "distance travelled for {}",
    "supervision for {}",
    "Resume {} please",
    "show the chronology of {}.",
    "can I have the summary for {}?",
)

PART = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
SEP = st.sampled_from(list("-/_."))


@st.composite
def typed_references(draw) -> str:
    """A reference as a practitioner might type it at 'which case?': parts joined by separators."""
    parts = draw(st.lists(PART, min_size=1, max_size=4))
    seps = [draw(SEP) for _ in parts[1:]]
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out


@st.composite
def retyped(draw, ref: str) -> str:
    """The echoed reference typed again: any case, spaces around separators (a dot needs a
    space before it, or it reads as a full stop)."""
    out = ""
    for ch in ref:
        if ch in "-/_":
            out += draw(st.sampled_from(["", " "])) + ch + draw(st.sampled_from(["", " "]))
        elif ch == ".":
            out += draw(st.sampled_from([".", " .", " . "]))
        else:
            out += ch.lower() if draw(st.booleans()) else ch
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=typed_references(), data=st.data())
def test_every_accepted_reference_round_trips_through_every_command_form(typed, data):
    parsed = check_case_ref(typed)
    assume(parsed.ok)
    echoed = parsed.value
    assert echoed == echoed.upper() and " " not in echoed
    for form in FORMS:
        said = form.format(data.draw(retyped(echoed)))
        assert caseref.find(said) == echoed, said
    said = "resume " + data.draw(retyped(echoed))
    assert commands.read(said) == commands.Command("resume", echoed), said
    said = "supervision for " + data.draw(retyped(echoed))
    assert reference_in_request(said) == echoed, said


@pytest.mark.parametrize(
    "ref", ["SECX-B2F7", "ABC-12", "FAM-2024-07", "HV/123", "K-9", "5-10", "18", "S47", "AB_7.C9", "2YRS"]
)
def test_known_references_round_trip(ref):
    assert check_case_ref(ref.lower()).value == ref
    for form in FORMS:
        assert caseref.find(form.format(ref)) == ref


@pytest.mark.parametrize(
    "text, expected",
    [
        ("abc - 12", "ABC-12"),
        ("case ABC-12", "ABC-12"),
        ("ABC 12", "ABC-12"),
        ("FAM 2024 07", "FAM-2024-07"),
        ("it's hv/123 thanks", "HV/123"),
        ("abc-12.", "ABC-12"),
    ],
)
def test_typed_references_are_normalised(text, expected):
    assert caseref.parse(text).value == expected


@pytest.mark.parametrize(
    "text, problem", [("12/03/2015", "date"), ("ABC", "format"), ("a", "format"), ("A" * 40 + "1", "format")]
)
def test_what_is_not_a_reference(text, problem):
    parsed = caseref.parse(text)
    assert not parsed.ok and parsed.problem == problem


@pytest.mark.parametrize(
    "text",
    [
        "we've been at cin for 18 months and nothing changes",
        "third re-referral in 2 years",
        "how is my 0 to 10 scale doing",
        "she scored 7/10 last time",
        "mum - 2 kids at home",
    ],
)
def test_numbers_that_are_not_references_in_free_words(text):
    assert caseref.find(text, strict=True) is None


def test_a_reference_after_a_cue_word_is_taken_even_when_it_looks_like_a_number():
    assert caseref.find("summary for 5-10") == "5-10"
    assert caseref.find("resume 18") == "18"
    assert caseref.find("resume 18 months") is None
