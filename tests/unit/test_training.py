"""Training mode: the scenario library and its validation, scoring, progress over time, and
the trainer's export command. Plain Python on a temporary database; no Rasa."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import random
import shutil
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.__main__ import main as cli
from bot.knowledge import loader as knowledge
from bot.records import store as records
from bot.records.training_models import TrainingAnswer, TrainingAttempt
from bot.walks.check import Incoming
from bot.walks.replies import Reply
from bot.walks.training import (
    BANDS,
    MARK,
    NONE,
    POINTS,
    KnowledgeError,
    TrainingService,
    get_library,
    load_library,
    mark,
    match_options,
    parse_answer,
)

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT.parent / "shared" / "seeds"
LEVELS_NEEDED = ("early_help", "child_in_need", "child_protection", "emergency")


@pytest.fixture(scope="module")
def library(kb):
    return get_library(kb)


@pytest.fixture()
def service(kb, library, db_url, clock):
    return TrainingService(kb, library, db_url, clock, random.Random(7))


def texts(replies) -> str:
    return "\n".join(r.text for r in replies)


def run_scenario(service, attempt_id: int, ref: str, answers: list[str], clock=None) -> list[Reply]:
    out = list(service.handle(attempt_id, Incoming(ref)).replies)
    for a in answers:
        out += service.prompt(attempt_id)
        if clock:
            clock.advance(minutes=1)
        step = service.handle(attempt_id, Incoming(a))
        out += step.replies
    return out


# -- the library -------------------------------------------------------------------------------
def test_the_library_loads_with_at_least_15_plainly_fictional_scenarios(library):
    assert len(library.scenarios) >= 15
    refs = [s.ref for s in library.scenarios]
    assert len(set(refs)) == len(refs) and all(r.startswith("TRN-") for r in refs)
    assert "invented" in library.fiction_note and "Testbury" in library.fiction_note
    for s in library.scenarios:
        assert 2 <= len(s.steps) <= 4, s.ref
        assert "Testbury" in s.intro, s.ref  # the made-up town: plainly fictional


def test_the_library_covers_what_the_issue_asks_for(library):
    answered = {kind: set() for kind in ("types", "level", "next_step", "pitfall")}
    for s in library.scenarios:
        for st in s.steps:
            answered[st.ask].update(st.answer)
    assert {
        "medical_neglect",
        "nutritional_neglect",
        "emotional_neglect",
        "educational_neglect",
        "physical_neglect",
        "supervision_neglect",
    } <= answered["types"]
    assert set(LEVELS_NEEDED) <= answered["level"]
    assert answered["next_step"] and answered["pitfall"]
    assert {s.band for s in library.scenarios} == set(BANDS)  # unborn to adolescent
    assert any(s.disabled for s in library.scenarios)
    themes = {t for s in library.scenarios for t in s.themes}
    assert {"disguised_compliance", "affluent_neglect", "poverty", "drift", "emergency", "early_help"} <= themes
    poverty = [s for s in library.scenarios if "poverty" in s.themes]
    assert poverty and poverty[0].steps[0].answer == (NONE,)  # poverty without neglect
    assert len([s for s in library.scenarios if s.inspired_by and s.inspired_by.doc == "toolkit"]) == 2
    drift = next(s for s in library.scenarios if "drift" in s.themes)
    assert "four years" in drift.intro  # drift over a long case


def test_every_option_and_model_answer_points_to_a_knowledge_item(library, kb):
    kinds = {"types": "neglect_type", "level": "level", "next_step": "next_step", "pitfall": "pitfall"}
    for s in library.scenarios:
        for st in s.steps:
            for v in [o.value for o in st.options] + list(st.answer) + list(st.partial):
                assert v == NONE or kb.items[v].kind == kinds[st.ask], (s.ref, st.id, v)
            for v in st.see:
                assert v in kb.items
            assert st.source.doc in kb.documents and st.feedback and st.learning_point


@pytest.fixture()
def kdir(tmp_path):
    dst = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dst)
    return dst


def break_training(kdir: Path, edit) -> None:
    path = kdir / "training.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def library_problems(kb, edit) -> list[str]:
    """Validates an edited copy of training.yml against the real knowledge base (no reload)."""
    data = copy.deepcopy(kb.extra["training.yml"])
    edit(data)
    with pytest.raises(KnowledgeError) as exc:
        load_library(dataclasses.replace(kb, extra={**kb.extra, "training.yml": data}), SEEDS)
    return exc.value.problems


def test_a_model_answer_that_points_nowhere_names_file_scenario_and_field(kb):
    def edit(data):
        data["scenarios"][2]["steps"][1]["answer"] = ["emergncy"]

    found = library_problems(kb, edit)
    assert any(
        p.startswith("training.yml: scenarios[2] 'trn_cedar_alone' (TRN-03): steps[1] 'trn_cedar_level'")
        and "field 'answer'" in p
        and "'emergncy'" in p
        for p in found
    ), found


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda d: d["scenarios"][0]["steps"][2].__setitem__("options", ["referral", "no_such_step"]),
            "field 'options': no next step has id 'no_such_step'",
        ),
        (
            lambda d: d["scenarios"][1]["steps"][1].__setitem__("partial", ["drift"]),
            "field 'partial': 'drift' is not one of this step's options",
        ),
        (lambda d: d["scenarios"][3]["steps"][0].pop("feedback"), "missing required field 'feedback'"),
        (lambda d: d["scenarios"][4].__setitem__("band", "infant"), "field 'band': unknown age band 'infant'"),
        (
            lambda d: d["scenarios"][5]["steps"].extend(
                dict(st, id=f"extra_step_{n}") for n, st in enumerate(d["scenarios"][6]["steps"][:2])
            ),
            "field 'steps' must be a list of 2 to 4 steps",
        ),
        (lambda d: d["scenarios"][6]["steps"][0].__setitem__("hint", "x"), "unknown field 'hint'"),
        (
            lambda d: d["scenarios"][7]["steps"][0].__setitem__("answer", ["none", "emotional_neglect"]),
            "'none' cannot be combined",
        ),
        (lambda d: d["scenarios"][8].__setitem__("ref", "TRN-01"), "TRN-01 is also used by 'trn_alder_unborn'"),
        (lambda d: d["scenarios"][9]["steps"][0].__setitem__("see", ["no_such_item"]), "field 'see': no item has id"),
    ],
)
def test_malformed_scenarios_are_reported_precisely(kb, edit, expected):
    found = library_problems(kb, edit)
    assert any(p.startswith("training.yml: scenarios[") and expected in p for p in found), found


def test_a_bad_source_section_fails_the_knowledge_load(kdir):
    def edit(data):
        data["scenarios"][0]["steps"][0]["source"]["section"] = "A heading nobody wrote"

    break_training(kdir, edit)
    with pytest.raises(KnowledgeError) as exc:
        knowledge.load(kdir, SEEDS, "default")
    assert any(
        "training.yml" in p and "trn_alder_types" in p and "A heading nobody wrote" in p for p in exc.value.problems
    )


def test_knowledge_check_command_validates_the_scenarios(kdir, monkeypatch, capsys):
    monkeypatch.setenv("KNOWLEDGE_DIR", str(kdir))
    assert cli(["knowledge", "check", "--quiet"]) == 0
    break_training(kdir, lambda d: d["scenarios"][0]["steps"][1].__setitem__("answer", ["child_in_needs"]))
    assert cli(["knowledge", "check"]) == 1
    err = capsys.readouterr().err
    assert "training.yml: scenarios[0] 'trn_alder_unborn' (TRN-01)" in err and "'child_in_needs'" in err


# -- answers and scores ------------------------------------------------------------------------
def test_free_text_synonyms_negation_and_ambiguity(library):
    types = library.by_ref("TRN-05").steps[0]
    assert parse_answer(types, "home alone and dirty clothes").values == ("physical_neglect", "supervision_neglect")
    assert parse_answer(types, "not medical, just physical").values == ("physical_neglect",)
    assert parse_answer(types, "none, it's poverty not neglect").values == (NONE,)
    level = library.by_ref("TRN-05").steps[1]
    assert parse_answer(level, "CIN I think").values == ("child_in_need",)
    assert parse_answer(level, "not child protection, child in need").values == ("child_in_need",)
    unsure = parse_answer(level, "child in need or child protection")
    assert not unsure.ok and "Which one" in unsure.detail
    nxt = library.by_ref("TRN-03").steps[2]
    assert parse_answer(nxt, "ring the police").values == ("call_999",)
    assert parse_answer(nxt, "talk to my DSL").values == ("talk_to_dsl",)
    assert [o.value for o in match_options("refer to social care via the front door", nxt.options)] == ["referral"]


def test_buttons_build_a_multiple_choice_and_done_sends_it(library):
    types = library.by_ref("TRN-05").steps[0]
    first = parse_answer(types, "add_physical_neglect")
    assert not first.ok and first.selection == ("physical_neglect",)
    second = parse_answer(types, "add_medical_neglect", first.selection)
    assert second.selection == ("medical_neglect", "physical_neglect")
    assert parse_answer(types, "remove_physical_neglect", second.selection).selection == ("medical_neglect",)
    assert parse_answer(types, "add_none", second.selection).selection == (NONE,)
    assert parse_answer(types, "Done", second.selection).values == ("medical_neglect", "physical_neglect")
    assert not parse_answer(types, "done").ok
    assert not parse_answer(library.by_ref("TRN-05").steps[1], "pick_call_999").ok  # a stale button


def test_scoring_per_step(library):
    sc = library.by_ref("TRN-05")
    types, level = sc.steps[0], sc.steps[1]
    assert mark(types, types.answer).points == POINTS == 2
    half = mark(types, ("physical_neglect", "educational_neglect"))
    assert (half.points, half.verdict, half.missed) == (1, "partly", ("medical_neglect", "supervision_neglect"))
    assert mark(types, ("physical_neglect",)).points == 0
    assert mark(types, (*types.answer, "nutritional_neglect")).extra == ("nutritional_neglect",)
    assert mark(level, ("child_in_need",)).verdict == "right"
    assert mark(level, ("child_protection",)).points == 1
    assert mark(level, ("universal",)).points == 0
    assert mark(level, ("skipped",)).verdict == "skipped"


# -- the service -------------------------------------------------------------------------------
def test_a_whole_scenario_is_scored_marked_as_practice_and_kept_off_case_records(service, db_url):
    attempt_id, intro = service.start("rest", "trainee-1")
    assert intro[0].text.startswith(MARK) and "never with a real case" in intro[0].text
    menu = service.prompt(attempt_id)[0]
    assert menu.text.startswith(MARK) and menu.buttons[0].title == "Surprise me"
    assert any(b.payload == "TRN-03" for b in menu.buttons)
    replies = list(service.handle(attempt_id, Incoming("TRN-03")).replies)
    replies += service.prompt(attempt_id)
    assert "step 1 of 3" in replies[-1].text and "on his own in the flat" in replies[-1].text
    service.handle(attempt_id, Incoming("add_supervision_neglect"))
    shown = service.prompt(attempt_id)[0]
    assert "Selected so far: Lack of supervision" in shown.text and any(b.title == "Done" for b in shown.buttons)
    replies += service.handle(attempt_id, Incoming("done")).replies
    replies += service.prompt(attempt_id)
    replies += service.handle(attempt_id, Incoming("pick_child_protection")).replies
    replies += service.prompt(attempt_id)
    last = service.handle(attempt_id, Incoming("pick_call_999"))
    replies += last.replies
    assert last.finished and not service.is_active(attempt_id)
    assert all(r.text.startswith(MARK) for r in replies)
    assert not any("\n\n" in r.text for r in replies)  # channels split messages on blank lines
    out = texts(replies)
    assert "Right: 2 of 2 points" in out and "Partly right: 1 of 2 points" in out
    assert "Model answer: Immediate danger (emergency action)" in out
    assert "Source: Using a Neglect Toolkit" in out and "Learning point:" in out
    assert "Scenario TRN-03 complete: you scored 5 of 6 points (83%)" in out
    assert "nothing was added to any case record" in out
    with records.session_scope(db_url) as s:
        attempt = s.get(TrainingAttempt, attempt_id)
        assert (attempt.status, attempt.points, attempt.max_points, attempt.scenario_ref) == (
            "complete",
            5,
            6,
            "TRN-03",
        )
        assert [(a.step_id, a.value, a.points) for a in attempt.answers] == [
            ("trn_cedar_types", "supervision_neglect", 2),
            ("trn_cedar_level", "child_protection", 1),
            ("trn_cedar_next", "call_999", 2),
        ]
        assert s.execute(select(records.Case)).scalars().all() == []  # practice never makes a case
        assert s.execute(select(records.Check)).scalars().all() == []
        assert attempt.user.role == "trainee"
    assert "case_id" not in TrainingAttempt.__table__.columns and "case_id" not in TrainingAnswer.__table__.columns


def test_why_skip_progress_and_stop_mid_scenario(service):
    attempt_id, _ = service.start("rest", "trainee-2")
    service.handle(attempt_id, Incoming("TRN-10"))
    why = service.handle(attempt_id, Incoming("/why_asking", "why_asking", 1.0)).replies[0].text
    assert why.startswith(MARK) and "Why I ask" in why and "Kent Neglect Guidance, 'Types of Neglect'" in why
    skipped = texts(service.handle(attempt_id, Incoming("/skip", "skip", 1.0)).replies)
    assert "Skipped: 0 of 2 points" in skipped and "Model answer: Nutritional neglect, Physical neglect" in skipped
    assert "step 2 of 4" in service.prompt(attempt_id)[0].text
    progress = texts(service.handle(attempt_id, Incoming("how am I doing", "my_progress", 0.9)).replies)
    assert "haven't finished a practice scenario yet" in progress and "started 1" in progress
    assert service.is_active(attempt_id)
    stop = service.handle(attempt_id, Incoming("stop", "stop", 0.95))
    assert stop.finished and "Practice stopped" in stop.replies[0].text
    assert not service.is_active(attempt_id)


def test_immediate_danger_comes_first_even_in_training(service, db_url):
    attempt_id, _ = service.start("rest", "trainee-3")
    service.handle(attempt_id, Incoming("TRN-12"))
    real = service.handle(
        attempt_id, Incoming("a baby won't wake up right now", "immediate_danger", 1.0, danger_rule=True)
    )
    assert real.replies[0].text.startswith("If a child is in immediate danger, call 999 now.")
    assert len(real.replies) == 1 and not real.finished  # nothing scored; the question is asked again
    typed = service.handle(
        attempt_id, Incoming("medical, call 999 if she can't breathe", "immediate_danger", 1.0, danger_rule=True)
    )
    assert typed.replies[0].text.startswith("If a child is in immediate danger")
    assert typed.replies[1].text.startswith(f"{MARK} Right: 2 of 2 points")  # and the practice answer counts
    button = service.handle(attempt_id, Incoming("pick_share_information_network", "immediate_danger", 0.9))
    assert button.replies[0].text.startswith(f"{MARK} Right")  # a button code is an answer, not a report
    with records.session_scope(db_url) as s:
        events = s.execute(select(records.AuditEvent.event)).scalars().all()
    assert events.count("emergency_answer") == 2


def test_progress_over_time_and_a_surprise_avoids_done_scenarios(service, clock, library):
    attempt_id, _ = service.start("rest", "trainee-4")
    run_scenario(service, attempt_id, "TRN-09", ["none", "child in need", "bias"], clock)
    clock.advance(days=3)
    attempt_id, _ = service.start("rest", "trainee-4")
    run_scenario(service, attempt_id, "TRN-09", ["none", "early help", "bias"], clock)
    clock.advance(days=3)
    attempt_id, _ = service.start("rest", "trainee-4")
    run_scenario(service, attempt_id, "TRN-14", ["educational and emotional", "snapshot", "child in need"], clock)
    out = texts(service.progress("rest", "trainee-4"))
    assert out.startswith(MARK)
    assert "Scenarios completed: 2 of 16 (3 attempt(s))" in out
    assert "Scores over time: 83% → 100% → 83%" in out
    assert "Average score: 89%" in out and "level of need 67%" in out and "To work on: level of need" in out
    assert "Not tried yet: TRN-01" in out and "TRN-09" not in out.split("Not tried yet:")[1]
    for _ in range(5):
        attempt_id, _ = service.start("rest", "trainee-4")
        begun = texts(service.handle(attempt_id, Incoming("surprise me")).replies)
        assert "TRN-09" not in begun and "TRN-14" not in begun and "Testbury" in begun


def test_the_starting_message_can_choose_the_scenario(service, library):
    attempt_id, replies = service.start("rest", "trainee-5", "scenario for a teenager please")
    ref = replies[-1].text.split(":")[0].replace(MARK, "").strip()
    assert library.by_ref(ref).band == "adolescent"
    assert "step 1 of" in service.prompt(attempt_id)[0].text
    attempt_id, replies = service.start("rest", "trainee-5", "can I practise TRN-07")
    assert "TRN-07" in replies[-1].text
    attempt_id, replies = service.start("rest", "trainee-5", "/start_training")
    assert len(replies) == 1 and "Choose a practice scenario" in service.prompt(attempt_id)[0].text


# -- the trainer's export ----------------------------------------------------------------------
def test_export_command_gives_a_trainees_results_as_csv_and_json(service, clock, capsys):
    attempt_id, _ = service.start("rest", "trainee-6")
    run_scenario(
        service,
        attempt_id,
        "TRN-02",
        ["nutritional and medical", "believing what you are told", "child in need"],
        clock,
    )
    attempt_id, _ = service.start("rest", "trainee-6")
    service.handle(attempt_id, Incoming("TRN-01"))
    service.handle(attempt_id, Incoming("stop", "stop", 1.0))

    assert cli(["training", "export", "trainee-6", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["trainee"] == "trainee-6" and data["channel"] == "rest"
    assert [a["status"] for a in data["attempts"]] == ["complete", "stopped"]
    done = data["attempts"][0]
    assert (done["scenario_ref"], done["points"], done["max_points"], done["percent"]) == ("TRN-02", 5, 6, 83)
    assert [st["verdict"] for st in done["steps"]] == ["right", "right", "partly"]
    assert data["summary"]["average_percent"] == 83 and data["summary"]["scenarios_completed"] == 1

    assert cli(["training", "export", "trainee-6"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4  # three answered steps, and one row for the stopped attempt
    assert rows[0]["scenario_ref"] == "TRN-02" and rows[0]["answer"] == "medical_neglect,nutritional_neglect"
    assert rows[2]["model_answer"] == "child_protection" and rows[2]["points"] == "1"

    assert cli(["training", "export", "nobody-here"]) == 1
    assert "no training results" in capsys.readouterr().err
    assert cli(["training", "list"]) == 0
    listing = capsys.readouterr().out
    assert "trainee-6" in listing and "83%" in listing
    assert cli(["training", "list", "--scenarios"]) == 0
    assert "TRN-16" in capsys.readouterr().out
