"""Words around a case reference in a command are not parts of it (session 23).

"resume the HLX-09 check" used to resume THE-HLX-09-CHECK, a case nobody saved, and "open the
HLX-09 timeline" resumed THE-HLX-09-TIMELINE: a reference typed with spaces for the joiner took
the determiner before it and the noun after it as parts. knowledge/language/commands.yml
`references.around_words` and `never_joined` name those words."""

from __future__ import annotations

import pytest

from bot.records import caseref
from bot.walks import commands
from bot.walks.check_plan import check_case_ref


@pytest.mark.parametrize(
    "said, ref",
    [
        ("resume the QZT-41 check", "QZT-41"),
        ("continue the QZT-41 one", "QZT-41"),
        ("go back to the qzt 41 one please", "QZT-41"),
        ("resume my case qzt-41", "QZT-41"),
        ("resume the case QZT 41", "QZT-41"),
        ("carry on with that QZT-41 family", "QZT-41"),
    ],
)
def test_a_determiner_and_a_label_around_the_reference_are_left_out(said, ref):
    assert commands.read(said) == commands.Command("resume", ref)


def test_another_record_named_after_the_reference_is_not_a_case_to_resume():
    got = commands.read("open the QZT-41 timeline")
    assert got is None or (got.name != "resume" and got.ref == "QZT-41")
    assert caseref.parse("the QZT-41 timeline").value == "QZT-41"


@pytest.mark.parametrize(
    "typed, ref",
    [("abc 12", "ABC-12"), ("fam 2024 07", "FAM-2024-07"), ("the QZT-41 check", "QZT-41"), ("QZT-41", "QZT-41")],
)
def test_a_reference_typed_with_spaces_is_still_joined(typed, ref):
    assert check_case_ref(typed).value == ref


def test_a_reference_that_is_one_of_the_words_typed_whole_is_kept():
    # the words are left out only around a reference typed with spaces, never from inside one
    assert check_case_ref("THE-12").value == "THE-12"
    assert commands.read("resume THE-12") == commands.Command("resume", "THE-12")
    assert commands.read("resume check-7") == commands.Command("resume", "CHECK-7")
