"""Wrong pre-fills left to be asked (issue 19, bot/lang/account*.py, S10-LA11): an account typed
under the check's own headings is read line by line (a question with a heading of its own is
answered by that line alone, a value that opens with "none" and then names something says two
things), and words found only inside quotation marks are no response to help. Each rule has its
control. Every case detail is invented."""

from __future__ import annotations

from datetime import date

from bot.lang.account import read_account

TODAY = date(2026, 12, 5)

HEADED = """Age: 8
Disability or additional needs: none
Medical neglect: no - dad took her to the dentist last week
Physical neglect: not sure - the same coat every day, but it's always clean
Educational neglect: yes - attendance 71%, refusing since Easter
Supervision: no, her aunt collects her
Parental factors: none for dad (her mum drank but she doesn't live with them)
Response to help: agrees to the plan each time, then nothing happens
How long: about 5 months
Scale: 6
"""


def answers(plan, said: str) -> dict:
    return read_account(said, plan, TODAY).answers()


def test_the_checks_own_headings_are_read_line_by_line(plan):
    got = answers(plan, HEADED)
    assert "q_disability" not in got or got["q_disability"] == "no"  # the heading's words are no disability
    assert got.get("q_seen__medical_neglect") == "no"
    assert got.get("q_seen__physical_neglect") == "unsure"  # not "no" from "always clean"
    assert got.get("q_seen__educational_neglect") == "yes"
    assert got.get("q_seen__supervision_neglect") == "no"
    assert got.get("q_engagement") != "avoiding"  # "refusing" is under Educational neglect
    assert got.get("q_scale") == "6"
    assert "q_pattern__physical_neglect" not in got and "q_impact__physical_neglect" not in got


def test_a_value_that_opens_with_none_and_names_something_is_asked(plan):
    assert "q_parental_factors" not in answers(plan, HEADED)
    # control: plain none, and a factor named without "none" first
    assert answers(plan, "Age: 8\nParental factors: none\nScale: 6").get("q_parental_factors") == "none"
    got = answers(plan, "Age: 8\nParental factors: mum drinks every evening\nScale: 6")
    assert got.get("q_parental_factors") == "substance_misuse"


def test_words_only_inside_quotation_marks_are_no_response_to_help(plan):
    said = (
        'Boy, 3, on a CIN plan for a year. Every review records "good improvement" but nothing changes '
        "for him: the flat is still filthy and he has missed his health checks. Mum agrees to everything."
    )
    assert answers(plan, said).get("q_engagement") != "changing"
    # control: the same words said outright by the practitioner
    said = (
        "Boy, 3, on a CIN plan for a year. Since the family support worker started there has been "
        "good improvement: mum has cleaned the flat and taken him to his health checks."
    )
    assert answers(plan, said).get("q_engagement") == "changing"
