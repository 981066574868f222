"""The walkthrough engine (bot/walks/engine.py): the one danger policy as a table, one
database session a turn, and Walks.turn() giving the same feedback and next question as
the older handle() then prompt(), for the check, supervision and training. The families
and references are invented."""

from __future__ import annotations

import random
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.records import store as records
from bot.records.migrate import migrate
from bot.walks import engine
from bot.walks.check import CheckService
from bot.walks.engine import ALONE, DANGER, FIRST, NO_DANGER, Incoming, danger_verdict
from bot.walks.moves import Walks
from bot.walks.supervision import SupervisionService
from bot.walks.training import TrainingService

ANSWERS = {
    "yes_no": "no",
    "age": "9",
    "case_ref": "ENG-1",
    "duration": "about 8 months",
    "scale": "5",
    "text": "nothing yet",
}


# -- the danger policy ---------------------------------------------------------------------
def heard(text: str) -> bool:  # a stand-in for the rule layer: it hears danger in "RULES"
    return "RULES" in text


@pytest.mark.parametrize(
    "msg, parses, keeps, warns, want",
    [
        (Incoming("/immediate_danger", DANGER, 1.0), True, True, True, ALONE),  # the button, always alone
        (Incoming("RULES", DANGER, 1.0, danger_rule=True), False, False, False, ALONE),
        (Incoming("an action RULES", DANGER, 1.0, danger_rule=True), True, True, False, FIRST),  # words kept
        (Incoming("flag only", "inform", 0.4, danger_rule=True), True, False, False, ALONE),
        (Incoming("RULES heard here", DANGER, 0.5), True, False, False, ALONE),  # no flag: the rules are read here
        (Incoming("sure, no answer", DANGER, 0.9), False, False, True, ALONE),
        (Incoming("sure, but an answer", DANGER, 0.9), True, False, False, NO_DANGER),
        (Incoming("sure, but an answer", DANGER, 0.9), True, False, True, FIRST),  # supervision keeps a reflection
        (Incoming("unsure", DANGER, 0.7), False, False, False, NO_DANGER),
        (Incoming("unsure", DANGER, 0.7), False, False, True, FIRST),
        (Incoming("RULES but not danger intent", "inform", 0.9), False, False, True, NO_DANGER),
    ],
)
def test_one_danger_policy(msg, parses, keeps, warns, want):
    assert danger_verdict(msg, parses, keeps, warns, rules_see=heard) == want


# -- one session a turn, and turn() == handle() then prompt() --------------------------------
@contextmanager
def counting(monkeypatch):
    opened = []
    real = records.session_scope

    @contextmanager
    def scope(*args, **kwargs):
        opened.append(1)
        with real(*args, **kwargs) as s:
            yield s

    monkeypatch.setattr(records, "session_scope", scope)
    yield opened
    monkeypatch.setattr(records, "session_scope", real)


def shown(replies) -> list[tuple[str, tuple]]:
    return [(r.text, tuple((b.title, b.payload) for b in r.buttons)) for r in replies]


def check_message(svc: CheckService, check_id: int, n: int) -> Incoming:
    script = {
        2: Incoming("why?"),
        3: Incoming("skip"),
        4: Incoming("go back"),
        6: Incoming("what is early help?", "faq", 0.9, aside="Early help is support offered early (invented)."),
        8: Incoming("/immediate_danger", DANGER, 1.0),
    }
    if n in script:
        return script[n]
    with records.session_scope(svc.db_url) as s:
        q = svc.plan.next_question(svc._answers(s.get(records.Check, check_id)))
    return Incoming(ANSWERS.get(q.kind) or q.options[0].label)


def turns_db(tmp_path: Path) -> str:
    """A second records database, migrated by the explicit step (as the db_url fixture's is)."""
    url = f"sqlite:///{tmp_path / 'turns.db'}"
    migrate(url)
    return url


def test_a_check_turn_opens_one_session_and_gives_the_next_question(db_url, clock, monkeypatch, tmp_path):
    old = CheckService(db_url=db_url, clock=clock)
    new = CheckService(db_url=turns_db(tmp_path), clock=clock)
    old_id, _ = old.start("rest", "eng-user")
    new_id, _ = new.start("rest", "eng-user")
    for n in range(12):
        step = old.handle(old_id, check_message(old, old_id, n))
        before = list(step.replies) + ([] if step.finished else old.prompt(old_id))
        msg = check_message(new, new_id, n)
        with counting(monkeypatch) as opened:
            step2, prompt = new.turn(new_id, msg)
        assert len(opened) == 1, f"turn {n} opened {len(opened)} sessions"
        assert shown(list(step2.replies) + prompt) == shown(before), f"turn {n}"
        assert step2.finished == step.finished


SUPERVISION = [
    Incoming("why?"),
    Incoming("what does drift mean?", "faq", 0.9, aside="Drift is ... (invented)."),
    Incoming("skip"),
    Incoming("I think we have got used to the state of the house and stopped seeing it"),
    Incoming("Mum is trying really hard and the house is much better", DANGER, 0.7),
    Incoming("go back"),
    Incoming("We have been hopeful every visit"),
    Incoming("skip"),
    Incoming("Agree actions"),
    Incoming("See him on his own at school", DANGER, 0.8),
    Incoming("me"),
    Incoming("by Friday"),
    Incoming("the baby is not breathing", DANGER, 1.0),
    Incoming("Finish the session"),
]


def test_supervision_turns_match_handle_then_prompt(kb, db_url, clock, tmp_path):
    old = SupervisionService(kb, db_url=db_url, clock=clock)
    new = SupervisionService(kb, db_url=turns_db(tmp_path), clock=clock)
    old_id, _ = old.start("rest", "eng-sup", "supervision for ENG-2")
    new_id, _ = new.start("rest", "eng-sup", "supervision for ENG-2")
    for n, msg in enumerate(SUPERVISION):
        step = old.handle(old_id, msg)
        before = list(step.replies) + ([] if step.finished else old.prompt(old_id))
        step2, prompt = new.turn(new_id, msg)
        assert shown(list(step2.replies) + prompt) == shown(before), f"turn {n}: {msg.text}"
    assert step2.finished


TRAINING = [
    Incoming("why?"),
    Incoming("TRN-01"),
    Incoming("why?"),
    Incoming("what is neglect?", "faq", 0.9, aside="Neglect is ... (invented).\n\nMore."),
    Incoming("go back"),
    Incoming("skip"),
    Incoming("a baby won't wake up right now", DANGER, 1.0, danger_rule=True),
    Incoming("skip"),
    Incoming("skip"),
    Incoming("skip"),
    Incoming("stop"),
]


def test_training_turns_match_handle_then_prompt(kb, db_url, clock, tmp_path):
    old = TrainingService(kb, db_url=db_url, clock=clock, rng=random.Random(3))
    new = TrainingService(kb, db_url=turns_db(tmp_path), clock=clock, rng=random.Random(3))
    old_id, _ = old.start("rest", "eng-trainee")
    new_id, _ = new.start("rest", "eng-trainee")
    for n, msg in enumerate(TRAINING):
        step = old.handle(old_id, msg)
        before = list(step.replies) + ([] if step.finished else old.prompt(old_id))
        step2, prompt = new.turn(new_id, msg)
        assert shown(list(step2.replies) + prompt) == shown(before), f"turn {n}: {msg.text}"
        if step.finished:
            break


def test_walks_turn_carries_out_a_command_that_leaves_and_asks_where_it_lands(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "eng-door")
    question = svc.prompt(check_id)[0].text
    out = Walks(db_url).turn("check", check_id, Incoming("help"))
    assert not out.finished and out.replies[-1].text == question
    assert len(out.replies) >= 2
    out = Walks(db_url).turn("check", check_id, Incoming("menu"))
    assert out.finished and out.flow is None
    assert not svc.is_active(check_id)


def test_supervision_answers_go_to_a_table_of_stage_handlers(kb, db_url):
    svc = SupervisionService(kb, db_url=db_url)
    stages = svc._stages()
    assert {
        "case_ref",
        "review",
        "changed",
        "theme_choice",
        "theme_list",
        "question",
        "follow_up",
        "next",
        "action_what",
        "action_who",
        "action_when",
        "action_more",
    } == set(stages)
    assert all(callable(h) for h in stages.values())


def test_incoming_and_step_are_the_engines_everywhere():
    import bot.walks.check
    import bot.walks.supervision
    import bot.walks.training

    for mod in (bot.walks.check, bot.walks.supervision, bot.walks.training):
        assert mod.Incoming is engine.Incoming and mod.Step is engine.Step


# -- the lifecycle exists once ---------------------------------------------------------------
# every module of the walks, as the tree has them
WALK_MODULES = tuple(
    sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "bot" / "walks").glob("*.py") if p.stem != "__init__")
)


def source_of(name: str) -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "bot" / "walks" / f"{name}.py").read_text(encoding="utf-8")


def test_the_walks_leave_the_command_rule_danger_and_asides_to_the_engine():
    for name in ("check", "supervision", "training"):
        src = source_of(name)
        assert "commands.decide(" not in src, name
        assert "is_danger(" not in src and "detect_danger" not in src, name
        assert "Now, back to" not in src, name
        assert 'getattr(self, f"_on_' not in src, name


def test_no_module_of_the_walks_is_over_500_lines():
    assert {"check", "supervision", "training", "engine", "commands", "moves"} <= set(WALK_MODULES)
    sizes = {name: source_of(name).count("\n") for name in WALK_MODULES}
    assert all(n <= 500 for n in sizes.values()), sizes
