"""The case reference (bot/records/caseref.py): whatever the assistant accepts and echoes back, it
finds again in every command that names a reference, in any case, with or without spaces
around separators (issue #24). References are generated from the accepted grammar (the
separators and the longest length are read from knowledge/language/commands.yml); the round
trip is checked through the readers (plain words) and, for fewer examples, through the
records themselves: a check paused under the reference, resumed, reported on, and a
supervision session opened for it."""

from __future__ import annotations

import re
import uuid

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.records import caseref
from bot.reports.views import Reports
from bot.walks import commands
from bot.walks.check import CheckService, Incoming
from bot.walks.check_plan import check_case_ref
from bot.walks.supervision import SupervisionService, reference_in_request

# every command form that names a reference, as a user types it: {} is the reference
RESUME_FORMS = (
    "resume {}",
    "Resume {} please",
    "resume ref {}",
    "resume reference {}",
    "resume case {}",
    "resume check {}",
    "carry on with {}",
    "carry on with case {}",
    "continue {}",
    "continue with {}",
    "open {}",
    "go back to {}",
    "pick up {}",
    "can we resume {}?",
    "resume {} thanks",
)
SUMMARY_FORMS = ("summary for {}", "can I have the summary for {}?", "show me the summary for case {}")
CHRONOLOGY_FORMS = ("chronology of {}", "show the chronology of {}.", "chronology for {}")
DISTANCE_FORMS = ("distance travelled for {}", "show the distance travelled for {}", "distance travelled of {}")
SUPERVISION_FORMS = ("supervision for {}", "supervision for case {}", "can we do supervision for {}?")
REPORT_FORMS = SUMMARY_FORMS + CHRONOLOGY_FORMS + DISTANCE_FORMS
FORMS = RESUME_FORMS + REPORT_FORMS + SUPERVISION_FORMS
# the rule layer's command for each form (at the top level it sets the intent and the reference)
REQUESTS = {
    "resume": RESUME_FORMS,
    "summary": SUMMARY_FORMS,
    "chronology": CHRONOLOGY_FORMS,
    "distance_travelled": DISTANCE_FORMS,
    "supervision": SUPERVISION_FORMS,
}
# the forms whose reference the actions read with caseref.find (actions.records.case_reference):
# the resume forms are read by bot.walks.commands.read, which hands the reference on as an entity
FIND_FORMS = RESUME_FORMS[:2] + REPORT_FORMS + SUPERVISION_FORMS

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
PART = st.text(alphabet=ALNUM, min_size=1, max_size=8)


@st.composite
def typed_references(draw) -> str:
    """A reference as a practitioner might type it at 'which case?': parts of letters and
    digits joined by the grammar's separators, or by a space (read as the joiner)."""
    g = caseref.grammar()
    parts = draw(st.lists(PART, min_size=1, max_size=5))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from(list(g.separators) + [" "])) + part
    return out


@st.composite
def retyped(draw, ref: str, joiner_as_space: bool = False) -> str:
    """The echoed reference typed again: any case, spaces around separators (a dot needs a
    space before it, or it reads as a full stop); with joiner_as_space, the joiner may be
    typed as a space ('abc 12' for ABC-12), as the check accepts it."""
    out = ""
    for ch in ref:
        if joiner_as_space and ch == caseref.grammar().joiner and draw(st.booleans()):
            out += " "
        elif ch in caseref.grammar().separators and ch != ".":
            out += draw(st.sampled_from(["", " "])) + ch + draw(st.sampled_from(["", " "]))
        elif ch == ".":
            out += draw(st.sampled_from([".", " .", " . "]))
        else:
            out += ch.lower() if draw(st.booleans()) else ch
    return out


def test_the_generated_references_reach_the_whole_grammar():
    """The strategy is not narrower than the grammar: every separator and the longest length."""
    g = caseref.grammar()
    assert g.separators == "-/_." and g.max_length == 30
    longest = "-".join(["ABCDEFG1"] * 3) + "-AB1"
    assert len(longest) == g.max_length and check_case_ref(longest).value == longest
    assert not check_case_ref(longest + "2").ok


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(typed=typed_references(), data=st.data())
def test_every_accepted_reference_round_trips_through_every_command_form(typed, data):
    parsed = check_case_ref(typed)
    assume(parsed.ok)
    echoed = parsed.value
    assert echoed == echoed.upper() and " " not in echoed
    assert check_case_ref(echoed).value == echoed  # the echo is accepted as typed
    for form in FIND_FORMS:
        said = form.format(data.draw(retyped(echoed)))
        assert caseref.find(said) == echoed, said
    for form in RESUME_FORMS:
        said = form.format(data.draw(retyped(echoed)))
        assert commands.read(said) == commands.Command("resume", echoed), said
    for form in SUPERVISION_FORMS:
        said = form.format(data.draw(retyped(echoed)))
        assert reference_in_request(said) == echoed, said
    for name, forms in REQUESTS.items():
        again = data.draw(retyped(echoed, joiner_as_space=True))
        if check_case_ref(again).value != echoed:  # the check reads it otherwise: not this reference
            again = data.draw(retyped(echoed))
        said = data.draw(st.sampled_from(forms)).format(again)
        assert commands.read(said) == commands.Command(name, echoed), said


@pytest.mark.parametrize(
    "ref", ["SECX-B2F7", "ABC-12", "FAM-2024-07", "HV/123", "K-9", "5-10", "18", "S47", "AB_7.C9", "2YRS"]
)
def test_known_references_round_trip(ref):
    assert check_case_ref(ref.lower()).value == ref
    for form in FIND_FORMS:
        assert caseref.find(form.format(ref)) == ref
    for name, forms in REQUESTS.items():
        for form in forms:
            assert commands.read(form.format(ref)) == commands.Command(name, ref), form


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


@pytest.mark.parametrize("typed", ["18 months", "resume 18 months", "2 years", "2 yrs", "3 kids", "6 weeks please"])
def test_a_span_of_time_or_a_count_is_not_taken_as_a_typed_reference(typed):
    parsed = caseref.parse(typed)
    assert not parsed.ok and parsed.problem == "time"


@pytest.mark.parametrize("typed, ref", [("ABC 12", "ABC-12"), ("fam 2024 07", "FAM-2024-07"), ("case 4471", "4471")])
def test_references_with_spaces_are_still_taken(typed, ref):
    assert caseref.parse(typed).value == ref


def test_a_span_of_time_as_the_reference_gets_its_own_message():
    from bot.walks.check_plan import check_case_ref

    parsed = check_case_ref("18 months")
    assert not parsed.ok
    assert "length of time" in parsed.detail


PAUSED_RE = re.compile(r"say 'resume ([^']+)'")


def echoed_on_pause(svc: CheckService, sender: str, typed: str) -> str | None:
    """Starts a check, gives `typed` as its reference and pauses it: the reference the pause
    message tells the user to say (None when it names none)."""
    check_id, _ = svc.start("rest", sender)
    svc.handle(check_id, Incoming("no"))  # no child in immediate danger now
    svc.handle(check_id, Incoming(typed))
    paused = " ".join(r.text for r in svc.handle(check_id, Incoming("pause")).replies)
    m = PAUSED_RE.search(paused)
    return m.group(1) if m else None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
@given(typed=typed_references(), data=st.data())
def test_the_echoed_reference_finds_its_records_in_every_command_form(db_url, clock, typed, data):
    """Through the records: the reference a paused check echoes resumes it in every resume
    form, finds its summary, chronology and distance travelled, and opens supervision for
    the same case, typed again in any case and spacing."""
    assume(check_case_ref(typed).ok)
    sender = f"ref-{uuid.uuid4().hex[:8]}"
    svc = CheckService(db_url=db_url, clock=clock)
    echoed = echoed_on_pause(svc, sender, typed)
    assert echoed == check_case_ref(typed).value, (typed, echoed)
    for form in data.draw(st.lists(st.sampled_from(RESUME_FORMS), min_size=2, max_size=4, unique=True)):
        said = form.format(data.draw(retyped(echoed)))
        cmd = commands.read(said)
        assert cmd is not None and cmd.ref == echoed, said
        check_id, replies = svc.resume("rest", sender, cmd.ref)
        assert check_id is not None and f"Welcome back to the check for {echoed}" in replies[0].text, said
        assert PAUSED_RE.search(" ".join(r.text for r in svc.handle(check_id, Incoming("pause")).replies))
    reports = Reports(db_url=db_url, clock=clock)
    for forms, report in (
        (SUMMARY_FORMS, reports.summary),
        (CHRONOLOGY_FORMS, reports.chronology),
        (DISTANCE_FORMS, lambda c, s, r: reports.distance(c, s, r, chart=False)),
    ):
        said = data.draw(st.sampled_from(forms)).format(data.draw(retyped(echoed)))
        shown = " ".join(r.text for r in report("rest", sender, caseref.find(said)))
        assert echoed in shown and "can't find" not in shown.lower(), said
    said = data.draw(st.sampled_from(SUPERVISION_FORMS)).format(data.draw(retyped(echoed)))
    sup = SupervisionService(db_url=db_url, clock=clock)
    sess_id, _ = sup.start("rest", sender, said)
    assert sup.reference(sess_id) == echoed, said
