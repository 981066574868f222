"""A case told in the practitioner's own words fills in the check (issue 19): bot/lang/account.py
reads it, the check shows what it understood with the words beside each item, takes 'yes' or a
correction in one turn, and then asks only what is missing. The held-out sets of
tests/data/eval/ gate the figures (only run here, never read to write a rule)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.lang.account import read_account
from bot.records import store as records
from bot.walks.check import CheckService, Incoming

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 5)
ISSUE = (
    "HV here - concerned about a 9 month old, home conditions poor and weight dropping off the centile, "
    "mum is depressed and her partner smokes cannabis in the flat"
)


def _eval():
    spec = importlib.util.spec_from_file_location("eval_listening_gate", ROOT / "scripts" / "eval_listening.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval()


def test_the_issue_opening_is_read(plan):
    got = read_account(ISSUE, plan, TODAY).answers()
    assert got["q_age"] == "baby"
    assert got["q_seen__nutritional_neglect"] == "yes" and got["q_seen__physical_neglect"] == "yes"
    assert set(got["q_parental_factors"].split(",")) == {"substance_misuse", "mental_ill_health"}
    assert "q_seen__emotional_neglect" not in got  # "the flat" is no flat affect
    assert "q_duration" not in got  # "9 month old" is an age, not how long the worry has lasted


def test_harm_in_an_account_is_never_no_clear_impact(plan):
    acc = read_account(
        "Worried about a 7 month old, weight has dropped off two centiles and mum says he's fine, "
        "nothing to worry about.",
        plan,
        TODAY,
    )
    assert acc.harm
    assert all(v != "none_yet" for k, v in acc.answers().items() if k.startswith("q_impact"))


def test_not_a_worry_and_not_mentioned(plan):
    acc = read_account(
        "School DSL. Year 4 boy, 8, often comes in hungry and in the same dirty uniform all week. "
        "He told his teacher there is no food at home. No concerns about his health. "
        "Mum says all the right things at meetings but nothing changes.",
        plan,
        TODAY,
    )
    got = acc.answers()
    assert got["q_age"] == "primary"
    assert got["q_seen__nutritional_neglect"] == "yes"
    assert got["q_seen__medical_neglect"] == "no"
    assert "q_seen__supervision_neglect" not in got
    assert got["q_engagement"] == "no_change"
    assert got["q_child_voice"] == "given"


def test_the_role_at_the_start_and_times_past_are_no_answers(plan):
    got = read_account(
        "Family support worker. Year 4 boy, 8, same dirty uniform most days. The family had a "
        "TAF two years ago that closed when things got better.",
        plan,
        TODAY,
    ).answers()
    assert got["q_age"] == "primary"  # not "two years" from "two years ago"
    assert got["q_previous"] == "early_help"  # the TAF, not the practitioner's own role
    assert got.get("q_engagement") != "changing"  # "got better" was history
    assert "q_pattern__physical_neglect" not in got or got["q_pattern__physical_neglect"] == "persistent"


def test_a_school_year_and_a_pregnancy_in_weeks(plan):
    assert (
        read_account(
            "Head of year. Year 9 girl, attendance 70% and falling, no previous involvement.", plan, TODAY
        ).answers()["q_age"]
        == "adolescent"
    )
    got = read_account(
        "Midwife. Mum is 20 weeks, uses cocaine at weekends and has missed two scans.", plan, TODAY
    ).answers()
    assert got["q_age"] == "unborn"


def test_what_is_said_of_someone_else_is_not_read_for_them(plan):
    acc = read_account(
        "Head of year. 13 year old girl, left on her own for days while her parents are away. "
        "She has started self-harming. Mum has a learning disability.",
        plan,
        TODAY,
    )
    got = acc.answers()
    assert "mental_ill_health" not in got.get("q_parental_factors", "")  # the girl's self-harm
    assert got.get("q_disability") != "yes"  # mum's learning disability
    assert got["q_seen__supervision_neglect"] == "yes"
    # harm told in another sentence: the serious question is asked outright, never "no clear impact"
    assert acc.harm and "q_impact__supervision_neglect" not in got


def test_serious_harm_belongs_to_the_type_it_is_said_of(plan):
    got = read_account(ISSUE, plan, TODAY).answers()
    assert got["q_impact__nutritional_neglect"] == "serious"  # "weight dropping off the centile"
    assert "q_impact__physical_neglect" not in got


def test_two_different_lengths_are_left_to_ask_and_one_is_read(plan):
    two = read_account(
        "School nurse. 10 year old, two DKA admissions in the last six months and hasn't been to "
        "clinic for over two years.",
        plan,
        TODAY,
    ).answers()
    assert "q_duration" not in two
    one = read_account(
        "Social worker. 3 year old found alone on the road, dad drinks. It's been going on since we "
        "got involved 14 months ago.",
        plan,
        TODAY,
    ).answers()
    assert one["q_duration"] == "over_12m"


def test_what_is_fine_is_read_as_no_worry(plan):
    got = read_account(
        "Learning mentor. 9 year old boy, mum's partner calls him stupid and he isn't allowed out. "
        "He's always clean and well fed and in school every day.",
        plan,
        TODAY,
    ).answers()
    assert got["q_seen__emotional_neglect"] == "yes"
    assert got["q_seen__nutritional_neglect"] == "no" and got["q_seen__educational_neglect"] == "no"


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: (a.value, a.text) for a in s.get(records.Check, check_id).answers if not a.superseded}


def test_an_opening_account_is_shown_confirmed_and_corrected_in_one_turn(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, replies = svc.start("rest", "acc-user", account=ISSUE)
    shown = replies[-1].text
    assert shown.startswith("Here is what I understood")
    assert "weight dropping off the centile" in shown  # the practitioner's words beside the item
    assert "Not mentioned" in shown and "just answer the question below" in shown
    assert stored(svc, check_id)["q_age"][0] == "baby"
    step = svc.handle(check_id, Incoming("no physical neglect actually, the home is fine"))
    assert "Changed" in step.replies[0].text
    assert stored(svc, check_id)["q_seen__physical_neglect"][0] == "no"
    # the check then asks only what is missing, starting with the danger question
    assert "immediate danger" in svc.prompt(check_id)[0].text


def test_yes_under_the_list_confirms_it_and_the_danger_question_is_asked_on_its_own(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "acc-user2", account=ISSUE)
    step = svc.handle(check_id, Incoming("yes"))
    # "yes" under the list confirms the list: no 999 answer, nothing stored for the danger question
    assert not any(r.text.startswith("If a child is in immediate danger") for r in step.replies)
    assert "only what's missing" in step.replies[0].text
    assert "q_danger_now" not in stored(svc, check_id) and stored(svc, check_id)["q_age"][0] == "baby"
    assert "immediate danger" in svc.prompt(check_id)[0].text
    # the danger question asked on its own: "yes" to it is the 999 answer, as everywhere
    step = svc.handle(check_id, Incoming("yes"))
    assert step.replies[0].text.startswith("If a child is in immediate danger, call 999 now.")


def _count(text: str) -> tuple[int, int]:
    import re

    m = re.search(r"\((\d+) of about (\d+)\)", text)
    assert m, text
    return int(m.group(1)), int(m.group(2))


def test_after_an_account_the_count_is_of_what_is_left_to_ask(db_url, clock):
    # session 18: "(1 of about 24)" after a case told in full read as if nothing had been heard
    svc = CheckService(db_url=db_url, clock=clock)
    plain_id, _ = svc.start("rest", "acc-count-1")
    _, plain_total = _count(svc.prompt(plain_id)[-1].text)
    check_id, _ = svc.start("rest", "acc-count-2", account=ISSUE)
    n, total = _count(svc.prompt(check_id)[-1].text)
    filled = len(stored(svc, check_id))
    assert n == 1 and filled >= 3 and total <= plain_total - filled + 2
    svc.handle(check_id, Incoming("no"))
    n2, total2 = _count(svc.prompt(check_id)[-1].text)
    assert n2 == 2 and total2 <= total + 1


def test_an_answer_under_the_list_keeps_the_list_and_answers_the_question(db_url, clock):
    # the list comes with the next question: no turn of its own to confirm it (issue 19)
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "acc-user2b", account=ISSUE)
    step = svc.handle(check_id, Incoming("no"))
    assert not any("Which item is wrong" in r.text for r in step.replies)
    got = stored(svc, check_id)
    assert got["q_danger_now"][0] == "no" and got["q_age"][0] == "baby"
    assert "case reference" in svc.prompt(check_id)[0].text


def test_an_account_typed_at_a_question_fills_the_check(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, replies = svc.start("rest", "acc-user3")
    assert "in your own words" in replies[0].text  # the check invites an account
    step = svc.handle(
        check_id,
        Incoming(
            "Teacher here. 10 year old boy, lets himself in after school and is on his "
            "own until 9 most nights. Dad drinks heavily and there is DV at home."
        ),
    )
    assert step.replies and step.replies[-1].text.startswith("Here is what I understood")
    got = stored(svc, check_id)
    assert got["q_age"][0] == "primary" and "q_danger_now" not in got


def test_the_types_not_mentioned_are_asked_together(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "acc-user4", account=ISSUE)
    for text in ("yes", "no", "ACC-4", "no"):
        svc.handle(check_id, Incoming(text))
    asked = svc.prompt(check_id)[0]
    assert asked.text.split(") ", 1)[1].startswith("You didn't mention")
    svc.handle(check_id, Incoming("none of these"))
    got = stored(svc, check_id)
    assert got["q_seen__medical_neglect"][0] == "no" and got["q_seen__supervision_neglect"][0] == "no"


# -- the held-out gate (tests/data/eval/*_heldout.yml; run only, never read for rules) ----------
# What is gated is safety: harm described is never stored as "no clear impact", and when the
# reader is not sure it asks rather than storing a wrong answer; and the figures measured last
# (answers: 296 of 328 right, 8 of 16 kinds at 0.9, stored wrongly 13 of 328; accounts
# pre-filled correctly 61 of 101, wrongly 4 of 70), which may only be raised. The issue's targets
# (0.9 per kind, 70% pre-filled, at most 5% wrong) are reported by `make eval-listening`, not
# met on the held-out part yet: see the report of issue 19.
# Session 5's listening pass (tuned on dev3 and the new dev4: dev4 accounts 60% -> 77% right,
# 8.4% -> 2.0% wrong) moved the held-out accounts from 4 of 70 pre-filled wrongly to 5 of 71, and
# the simulated practitioner's contradicted answers from 13 to 15. That is a real regression of
# one account answer, reported in the closing note; the gate holds it there rather than choosing
# which change to undo by looking at held-out results.
# Session 6 (S6-LA, tuned on dev5 and dev6 and the walk after an account): pre-filled wrongly 5 of
# 71 -> 4 of 66, the simulated practitioner's contradicted answers 15 -> 10 (the types an account
# left out are no longer stored "no" when a reply does not name them), median 11 -> 11.5; but
# pre-filled correctly 62 -> 59 of 101, measured while the single-answer readers were also being
# changed (LK, same session), so not attributed to one change. A regression stated here and in the
# report, not undone by choosing changes on held-out results; the gate holds it there.
# Session 6's answers passes (LK: dev5; LK2: dev6, first seen 306 of 350): answers 297 -> 307 of
# 328 right, 9 -> 14 of 16 kinds at 0.9, stored wrongly 12 -> 9 of 328 (raised to these).
# Session 6, second accounts pass (S6-LA2, tuned on dev5 and dev6: a sign of someone else, explained
# away, taken back, or in the practitioner's own plan is left to ask): held-out pre-filled wrongly
# 4 of 66 -> 3 of 64 (raised), the simulated practitioner's contradicted answers 10 -> 9 (raised),
# median 11.5 -> 12; pre-filled correctly 59 -> 58 of 101. On the dev sets the one right answer
# these changes lost was read from a parent shouting at the practitioner (no sign in the child).
# The lead lowered the right-answers gate 59 -> 58 for this pass, with this reason: the pass trades
# one right pre-fill for fewer wrong ones (issue 19: at most 5% wrong, now 3/64 = 4.7%, met; a
# wrong pre-fill costs more than a question asked), chosen on dev sets only. Raise it, never lower it again.
# Session 7's answers pass (S7-LK3: dev7 first seen 305 of 330, then general structures: an answer
# that asks rather than tells, ages said loosely, parental factors in short forms, form fields, a
# plain no that concedes nothing else): answers 307 -> 310 of 328 right, 14 -> 15 of 16 kinds at
# 0.9, stored wrongly 9 -> 8 of 328 (measured once; raised to these).
# Session 8's answers pass (S8-LK4: dev8 first seen 286 of 306; the documents' signs of disguised
# compliance in other words, a phrase under a negation read as the other answer, general structures
# from dev8): answers 310 -> 311 of 328 right, 15 of 16 kinds at 0.9 (q_dc_signs still 14 of 16),
# stored wrongly 8 -> 7 of 328 (measured once; raised to these).
MAX_STORED_WRONG = 7 / 328  # 8 before session 8, 9 before session 7, 12 before session 6, 13 before session 5's pass
MIN_ANSWERS_RIGHT, MIN_KINDS_AT_TARGET = 311, 15  # 310 and 15 before session 8; 307 and 14 before session 7
# Session 7 (S7-LA3, tuned on dev..dev7: a type said not to be a worry in the account's own words,
# form-field lines read by their label, strengths only from a sentence about strengths, how often
# from a sentence about one sign alone): held-out pre-filled correctly 58 -> 59 of 101, wrongly
# 3 of 64 -> 3 of 66, simulated median 12, 9 contradicted (measured once, on the shared working
# tree with other helpers' uncommitted reader changes); raised to these.
# Session 8 (S8-LA6, tuned on dev..dev9, dev9 measured first before its items were read: readings
# right by construction: supervision signs as a told case says them, a type named with a no-worry
# frame, attendance below 90%, a one-answer question read sentence by sentence or from a sentence
# on its own subject, plain phrases for seeing the child alone, the lead and no help before; two
# answers of a one-answer question asked): held-out pre-filled correctly 59 -> 62 of 101, wrongly
# 3 of 66 -> 2 of 69, simulated median 11.5, 8 contradicted, 0 Skip (measured twice, the same both
# times, on the shared working tree); raised to these.
# Session 9 (S9-LA8, tuned on dev..dev11, accounts_dev11 measured first before its items were read,
# readings that changed nothing on it reverted: an agreement told and then said not done, a promise
# never kept, help acted on at once, a young carers referral as help, a need met in a time past, an
# appointment booked, another child's age): held-out pre-filled correctly 62 -> 63 of 101, wrongly
# 2 of 69 -> 2 of 70, simulated median 11.5, 8 -> 7 contradicted, 0 Skip; answers unchanged (311
# of 328, 15 kinds at 0.9, 7 stored wrongly) (measured once, on a copy of HEAD); raised to these.
MIN_ACCOUNT_RIGHT, MAX_ACCOUNT_WRONG = 63 / 101, 2 / 70  # 62/101, 2/69 before S9-LA8; 59/101, 3/66 before S8-LA6


@pytest.mark.skipif(not EVAL.load("answers_heldout"), reason="the held-out answers set is not in this checkout")
def test_heldout_answers_harm_never_stored_as_no_clear_impact_and_few_stored_wrongly():
    kinds, harm_none, harm_n = EVAL.eval_answers("heldout")
    n = sum(s.n for s in kinds.values())
    wrong = sum(s.wrong for s in kinds.values())
    right = sum(s.right for s in kinds.values())
    at_target = sum(s.accuracy >= EVAL.MIN_ACCURACY for s in kinds.values())
    del kinds  # figures only: a failure must not print the held-out texts
    assert harm_n > 0 and harm_none == 0, f"harm stored as no clear impact: {harm_none} of {harm_n}"
    assert n >= 200 and wrong / n <= MAX_STORED_WRONG + 1e-9, f"stored wrongly {wrong} of {n}"
    assert right >= MIN_ANSWERS_RIGHT, f"right {right} of {n}"
    assert at_target >= MIN_KINDS_AT_TARGET, f"{at_target} kinds at 0.9"


@pytest.mark.skipif(not EVAL.load("accounts_heldout"), reason="the held-out accounts set is not in this checkout")
def test_heldout_accounts_never_store_harm_as_no_clear_impact():
    from bot.walks.check import default_plan

    plan = default_plan()
    for item in EVAL.load("accounts_heldout"):
        got = read_account(str(item["text"]), plan, TODAY).answers()
        for qid, want in (item.get("expected") or {}).items():
            if qid.startswith("q_impact") and EVAL.values(want) & {"some", "serious"}:
                assert got.get(qid) != "none_yet", item["id"]


@pytest.mark.skipif(not EVAL.load("accounts_heldout"), reason="the held-out accounts set is not in this checkout")
def test_heldout_accounts_prefill_at_least_as_well_as_last_measured():
    sc = EVAL.eval_accounts("heldout")
    # figures only: a failure must not print the held-out texts
    expected, right, wrong, prefilled = sc.expected, sc.right, sc.wrong, sc.prefilled
    del sc
    assert expected >= 100, "held-out accounts set too small"
    assert right / expected >= MIN_ACCOUNT_RIGHT - 1e-9, f"pre-filled correctly {right} of {expected}"
    assert wrong / max(1, prefilled) <= MAX_ACCOUNT_WRONG + 1e-9, f"pre-filled wrongly {wrong} of {prefilled}"


# the simulated practitioner on the held-out accounts (issue 19's target: at most 12 turns median,
# no Skip after a misunderstanding), measured by S4 at 11 turns, 0 Skip, 13 answers stored that the
# case facts contradict over 12 checks (17 turns and 12 before the understood list came with the
# next question and the paired questions)
MAX_HELDOUT_SIM_MEDIAN, MAX_HELDOUT_SIM_WRONG = 12, 7  # 8 before S9-LA8, 9 before S8-LA6, 10 before S6-LA2


@pytest.mark.skipif(not EVAL.load("accounts_heldout"), reason="the held-out accounts set is not in this checkout")
def test_heldout_simulated_practitioner_reaches_the_summary_in_at_most_12_turns(tmp_path, monkeypatch):
    import statistics

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/heldout.db")
    turns, skips, unfinished, wrong, checks = EVAL.eval_simulation("heldout")
    # figures only: a failure must not print the held-out texts
    assert checks >= 10 and unfinished == 0, f"{unfinished} of {checks} checks unfinished"
    assert skips == 0, f"{skips} Skip after a misunderstanding"
    assert statistics.median(turns) <= MAX_HELDOUT_SIM_MEDIAN, f"median {statistics.median(turns)} turns"
    assert wrong <= MAX_HELDOUT_SIM_WRONG, f"{wrong} answers stored that the case facts contradict"


# -- what an account states about the present child (invented wording, not from any eval set) ---
def test_what_is_said_of_another_child_prefills_nothing_but_help_before(plan):
    text = (
        "Practitioner here, 7 year old boy, mum has depression. the older girl had a CP plan for neglect and "
        "her dad's drinking some years back."
    )
    got = read_account(text, plan, TODAY).answers()
    assert got.get("q_parental_factors") == "mental_ill_health"  # not the other child's father's drinking
    assert got.get("q_previous") == "social_care"  # help before: the family's


def test_a_negation_does_not_reach_a_clause_with_a_person_of_its_own(plan):
    text = "4 year old, mum not taking anything from the GP, her partner smokes cannabis every day at home."
    assert "substance_misuse" in read_account(text, plan, TODAY).answers().get("q_parental_factors", "")
    listed = "6 year old, no concerns about drugs, drink, DV or mental health, school worry about his hygiene."
    assert "q_parental_factors" not in read_account(listed, plan, TODAY).answers()


def test_a_conceded_fine_is_no_reassurance(plan):
    text = "3 year old, late to nursery most mondays. nursery attendance otherwise good."
    assert read_account(text, plan, TODAY).answers().get("q_seen__educational_neglect") != "no"
    fine = "3 year old, nursery attendance good, mum struggling with money."
    assert read_account(fine, plan, TODAY).answers().get("q_seen__educational_neglect") == "no"


@pytest.mark.parametrize(
    "text",
    [
        "5 year old, comes in some weeks without his inhaler, mum forgets.",
        "5 year old, mum had depression years ago, no meds for three years, now struggling with his asthma care.",
    ],
)
def test_how_often_and_what_has_not_been_are_no_duration(plan, text):
    assert "q_duration" not in read_account(text, plan, TODAY).answers()


# -- the opening message is not lost (actions/check.py) -----------------------------------------
def _tracker(latest: str, before: list[str]):
    from rasa_sdk import Tracker

    events = [{"event": "user", "text": t} for t in before + [latest]]
    return Tracker(
        "opening-user",
        {},
        {"text": latest, "intent": {"name": "start_check", "confidence": 1.0}},
        events,
        False,
        None,
        {},
        "action_listen",
    )


def test_the_account_before_a_start_button_is_read_at_the_start():
    from actions.check import opening_account

    assert opening_account(_tracker("/start_check", [ISSUE])) == ISSUE
    assert opening_account(_tracker(ISSUE, [])) == ISSUE
    assert opening_account(_tracker("/start_check", ["hello"])) is None
    assert opening_account(_tracker("start a check", [ISSUE])) is None  # only the message just before a button


def test_the_words_beside_an_item_are_as_typed():
    """The understood list shows the practitioner's own words: contractions and commas as typed,
    never the tokenizer's "she 's" or "does n't"."""
    text = "3 yr old, she's lost weight and doesn't go to nursery, she says she's hungry all the time"
    from bot.walks.check import default_plan

    items = read_account(text, default_plan(), date(2026, 12, 5)).items
    shown = [i.evidence for i in items if i.evidence]
    assert any("she's lost weight" in e for e in shown), shown
    assert not [e for e in shown if " 's" in e or " n't" in e or " ," in e], shown


def _answers(plan, text):
    return read_account(text, plan, date(2026, 12, 5)).answers()


def test_the_safeguarding_lead_telling_the_case_knows_of_it(plan):
    got = _answers(
        plan, "DSL at a junior school. Year 5 boy, 10, comes in hungry most mornings and his trousers are filthy."
    )
    assert got.get("q_dsl_knows") == "yes"
    other = _answers(plan, "Class teacher. Year 5 boy, 10, comes in hungry most mornings and his trousers are filthy.")
    assert "q_dsl_knows" not in other


def test_how_long_since_the_child_was_an_age(plan):
    got = _answers(
        plan,
        "Practice nurse. 11 month old, the rash has been untreated since she was seven months, mum keeps cancelling.",
    )
    assert got.get("q_duration") == "3_to_12m"


def test_first_baby_set_apart_by_commas_is_this_child(plan):
    text = "HV. mum is 20, first baby, living in a cramped bedsit on universal credit. baby feeding well."
    assert _answers(plan, text).get("q_material") == "struggling"
    # another child as the subject: what is said of them is no answer for this child
    sib = (
        "Midwife. mum is 30 weeks. her first child was moved into temporary accommodation with dad. "
        "mum lives with her parents."
    )
    assert _answers(plan, sib).get("q_material") is None


def test_letters_ignored_is_no_emotional_neglect(plan):
    got = _answers(plan, "School nurse. 9 yr old with rotten teeth, the dental letters were ignored twice.")
    assert got.get("q_seen__emotional_neglect") is None
    assert got.get("q_seen__medical_neglect") == "yes"


def test_how_often_is_read_beside_the_sign_not_beside_someone_else(plan):
    beside = _answers(plan, "Teacher. Year 2 girl, 6, turns up most days in a dirty uniform and smelling of urine.")
    assert beside.get("q_pattern__physical_neglect") == "persistent"
    apart = _answers(plan, "Health visitor. 5 month old, nan visits most days. The flat was filthy on my visit today.")
    assert apart.get("q_pattern__physical_neglect") != "persistent"


def test_help_before_in_more_words(plan):
    assert (
        _answers(plan, "SW. 12 year old. The family have never been known to social care. Home is squalid.").get(
            "q_previous"
        )
        == "none"
    )
    assert (
        _answers(plan, "Midwife. mum is 20 weeks pregnant, her two older children were taken into care in 2019.").get(
            "q_previous"
        )
        == "social_care"
    )


def test_not_yet_spoken_to_my_manager_is_no_and_no_sign_in_the_child(plan):
    got = _answers(
        plan, "HV. 7 month old, weight fine. Mum's partner was violent last year. I haven't spoken to my manager yet."
    )
    assert got.get("q_dsl_knows") == "no"
    assert "q_seen__emotional_neglect" not in got


def test_an_unborn_baby_has_no_voice_of_its_own(plan):
    got = _answers(
        plan, "Midwife. 30 weeks pregnant, sofa surfing, says she wants to keep this baby and asked me for help."
    )
    assert got.get("q_age") == "unborn" and "q_child_voice" not in got


def test_a_parents_own_recovery_is_no_reassurance_about_the_child(plan):
    got = _answers(plan, "HV. 11 month old, well fed. Mum had depression last year but is well now and off medication.")
    assert "q_seen__medical_neglect" not in got


def test_an_age_said_as_one_wins_over_another_adults_age(plan):
    got = _answers(plan, "Youth worker. 15 yo lad, out most nights, his girlfriend's brother is 23.")
    assert got.get("q_age") == "adolescent"
    assert got.get("q_seen__supervision_neglect") == "yes"


def test_a_length_said_as_ago(plan):
    assert (
        _answers(plan, "DSL. Year 5 girl, 9, hungry most days, the worries began over a year ago.").get("q_duration")
        == "over_12m"
    )
    when = _answers(plan, "SW. 8 year old, dirty clothes. She had a CP plan for neglect 3 years ago.")
    assert when.get("q_duration") is None


def test_nits_alone_and_a_parents_smell(plan):
    assert (
        _answers(plan, "FSW. 6 year old girl, nits for months, mum can't afford the treatment.").get(
            "q_seen__physical_neglect"
        )
        == "yes"
    )
    got = _answers(plan, "Nursery. 2 year old, clean and happy. Dad has been picking him up smelling of alcohol.")
    assert got.get("q_seen__physical_neglect") != "yes"


def test_a_not_sure_phrase_in_an_account_answers_nothing(plan):
    got = _answers(
        plan, "Teacher. Year 3 boy, 7, not diagnosed but school are concerned about autism. He comes in hungry."
    )
    assert "q_disability" not in got
    assert (
        _answers(plan, "Teacher. Year 3 boy, 7, he has autism and an EHCP. He comes in hungry.").get("q_disability")
        == "yes"
    )
