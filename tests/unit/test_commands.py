"""The shared commands from every state of every walk (issue #24): a table of states (every
question kind of the check, every stage of supervision, training's choosing, first and later
step) against every command, asserting what the user sees. Where the words also answer the
question on screen, the user is asked which they meant and then chooses the command. Plain
Python, through bot.walks.moves.Walks, as actions/walk.py calls it; the words are typed, with
no NLU intent (the grammar alone). The states outside a walk (the menu, after stop, after
pause, a check's summary) are crossed through the servers: tests/conversation/test_navigation.py."""

from __future__ import annotations

import pytest

from bot.records import store as records
from bot.records.supervision_models import SupervisionSession
from bot.walks import commands, moves
from bot.walks.check import CheckService, Incoming
from bot.walks.moves import Walks
from bot.walks.supervision import SupervisionService
from bot.walks.training import TrainingAttempt, TrainingService

ANSWERS = {
    "yes_no": "no",
    "age": "9",
    "case_ref": "NAV-1",
    "duration": "about 8 months",
    "scale": "5",
    "text": "nothing yet",
}
CHECK_KINDS = ("yes_no", "case_ref", "age", "multi", "choice", "text", "duration", "scale")
TYPED = {
    "menu": "menu",
    "pause": "pause",
    "resume": "resume OTHER-9",
    "stop": "stop",
    "back": "go back",
    "skip": "skip",
    "why": "why?",
    "help": "help",
    "my_cases": "my cases",
    "my_progress": "my training progress",
    "start_again": "start again",
}
# the same commands in people's own words (the typed forms of commands.yml, not its phrases)
OWN_WORDS = {
    "menu": "take me back to the main menu",
    "pause": "can we pause here for now?",
    "resume": "can we go back to the check for other - 9?",
    "stop": "I don't want to do this check anymore",
    "back": "go back a step",
    "skip": "skip this one for now",
    "why": "why do you need to know that?",
    "help": "sorry, what can I type here?",
    "my_cases": "Can I see the cases I've saved?",
    "my_progress": "how am I getting on in training?",
    "start_again": "let's start from scratch",
}


def texts(outcome) -> str:
    return "\n".join(r.text for r in outcome.replies)


def button_titles(outcome) -> list[str]:
    return [b.title for r in outcome.replies for b in r.buttons]


def check_question(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return svc.plan.next_question(svc._answers(s.get(records.Check, check_id)))


def check_at(db_url, clock, kind: str, sender: str = "nav-user") -> tuple[CheckService, int]:
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", sender)
    for _ in range(60):
        q = check_question(svc, check_id)
        assert q is not None, f"the check ended before a {kind} question"
        if q.kind == kind:
            return svc, check_id
        svc.handle(check_id, Incoming(ANSWERS.get(q.kind) or q.options[0].label))
    raise AssertionError(kind)


def paused_other(db_url, clock, sender: str = "nav-user") -> None:
    """A second check, paused under OTHER-9, for 'resume OTHER-9'."""
    svc = CheckService(db_url=db_url, clock=clock)
    other, _ = svc.start("rest", sender)
    svc.handle(other, Incoming("no"))
    svc.handle(other, Incoming("OTHER-9"))
    assert svc.handle(other, Incoming("pause")).finished


def check_status(db_url, check_id) -> str:
    with records.session_scope(db_url) as s:
        return s.get(records.Check, check_id).status


@pytest.mark.parametrize("kind", CHECK_KINDS)
@pytest.mark.parametrize("command", list(TYPED))
def test_every_command_at_every_question_kind_of_the_check(db_url, clock, kind, command):
    command_at_check_question(db_url, clock, kind, command, TYPED[command])


@pytest.mark.parametrize("kind", CHECK_KINDS)
@pytest.mark.parametrize("command", list(OWN_WORDS))
def test_every_command_in_own_words_at_every_question_kind_of_the_check(db_url, clock, kind, command):
    assert commands.read(OWN_WORDS[command]).name == command
    assert commands.read_phrase(OWN_WORDS[command]) is None  # not one of the exact phrases
    command_at_check_question(db_url, clock, kind, command, OWN_WORDS[command])


def command_at_check_question(db_url, clock, kind: str, command: str, words: str) -> None:
    paused_other(db_url, clock)
    svc, check_id = check_at(db_url, clock, kind)
    before = check_question(svc, check_id)
    has_ref = kind != "case_ref" and before.id != "q_danger_now"
    out = Walks(db_url).handle("check", check_id, Incoming(words))
    shown = texts(out)
    assert "Please choose one of the buttons" not in shown
    if command == "menu":
        assert out.finished and "What would you like to do?" in shown and "My cases" in button_titles(out)
        assert check_status(db_url, check_id) == ("paused" if has_ref else "stopped")
        if has_ref:
            assert "resume NAV-1" in shown
    elif command == "pause":
        if has_ref:
            assert out.finished and "resume NAV-1" in shown and check_status(db_url, check_id) == "paused"
        else:
            assert not out.finished and "I need a case reference" in shown
    elif command == "resume":
        assert (out.flow, out.finished) == ("check", False) and out.flow_id != check_id
        assert "Welcome back to the check for OTHER-9" in shown
        assert check_status(db_url, out.flow_id) == "active"
        assert check_status(db_url, check_id) == ("paused" if has_ref else "stopped")
    elif command == "stop":
        assert out.finished and "The check is stopped" in shown and check_status(db_url, check_id) == "stopped"
    elif command == "back":
        assert "go back" in shown.lower() or "first question" in shown
        assert check_question(svc, check_id).id != before.id or before.id == "q_danger_now"
    elif command == "skip":
        if kind == "case_ref":
            assert "can't be skipped" in shown
        else:
            assert check_question(svc, check_id) != before
    elif command == "why":
        assert shown.startswith("Why I ask:") and check_question(svc, check_id) == before
    elif command == "help":
        assert "You're in the check" in shown and not out.finished and check_question(svc, check_id) == before
    elif command == "my_cases":
        assert "OTHER-9" in shown and "Resume OTHER-9" in button_titles(out)
        assert not out.finished and check_question(svc, check_id) == before
    elif command == "my_progress":
        assert "practice scenario" in shown and not out.finished
    elif command == "start_again":
        assert out.flow == "check" and out.flow_id != check_id and "Starting the check again" in shown
        assert check_question(svc, out.flow_id).id == "q_danger_now"
        assert check_status(db_url, check_id) == "stopped"


# every stage of a supervision session, in the order a session reaches them ("review" and
# "changed" open a second session for a case whose first one agreed an action)
SUPERVISION_STAGES = (
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
)
FIRST_SESSION = ("SUP-4", "Rule of optimism", "I feel stuck", "I feel stuck", "Agree actions", "book a visit", "Me")


def sup_stage(db_url, sess_id) -> tuple[str, str]:
    with records.session_scope(db_url) as s:
        sess = s.get(SupervisionSession, sess_id)
        return sess.stage, sess.status


def supervision_answer(svc: SupervisionService, sess_id: int, now: str, target: str) -> str:
    """What a practitioner answers at stage `now` on the way to stage `target`."""
    labels = [b.payload for r in svc.prompt(sess_id) for b in r.buttons if not b.payload.startswith("/")]
    if now == "question":
        return "things are much better now" if target == "follow_up" else "I feel stuck with this family"
    if now == "next":
        return {"theme_list": "Choose another theme", "question": "One more question on this theme"}.get(
            target, "Agree actions"
        )
    if now == "theme_choice" and target == "theme_list":
        return "Choose a theme myself" if "Choose a theme myself" in labels else labels[0]
    return {"action_what": "book a visit with the GP", "action_who": "Me", "action_when": "next week"}.get(
        now, labels[0] if labels else "not much"
    )


def supervision_at(db_url, clock, stage: str, sender: str = "nav-user") -> tuple[SupervisionService, int]:
    svc = SupervisionService(db_url=db_url, clock=clock)
    if stage in ("review", "changed"):
        first, _ = svc.start("rest", sender)
        for words in FIRST_SESSION + ("next week", "Finish the session"):
            svc.handle(first, Incoming(words))
        assert sup_stage(db_url, first)[1] == "complete"
    sess_id, _ = svc.start("rest", sender)
    if stage == "case_ref":
        return svc, sess_id
    svc.handle(sess_id, Incoming("SUP-4"))
    for _ in range(12):
        now, status = sup_stage(db_url, sess_id)
        assert status == "active", (stage, now, status)
        if now == stage:
            return svc, sess_id
        svc.handle(sess_id, Incoming(supervision_answer(svc, sess_id, now, stage)))
    raise AssertionError(f"never reached {stage}, at {now}")


def carried_out(walks: Walks, flow: str, flow_id: int, out, command: str):
    """Where the words were both an answer and a command, the user was asked which: they
    choose the command's button, and neither meaning was acted on before."""
    if "Did you mean" not in texts(out):
        return out
    assert not out.finished and out.flow_id == flow_id
    chosen = [b for r in out.replies for b in r.buttons][1]
    assert commands.from_payload(chosen.payload, None).name == command
    return walks.handle(flow, flow_id, Incoming(chosen.payload))


@pytest.mark.parametrize("stage", SUPERVISION_STAGES)
@pytest.mark.parametrize("command", list(TYPED))
def test_every_command_at_every_stage_of_supervision(db_url, clock, stage, command):
    paused_other(db_url, clock)
    svc, sess_id = supervision_at(db_url, clock, stage)
    walks = Walks(db_url)
    out = carried_out(
        walks, "supervision", sess_id, walks.handle("supervision", sess_id, Incoming(TYPED[command])), command
    )
    shown = texts(out)
    now, status = sup_stage(db_url, sess_id)
    has_ref = stage != "case_ref"
    assert "Please choose one of the buttons" not in shown and "Please choose a theme" not in shown
    if command == "menu":
        assert out.finished and "What would you like to do?" in shown
        assert status == ("paused" if has_ref else "stopped")
    elif command == "pause":
        if has_ref:
            assert out.finished and "supervision for SUP-4" in shown and status == "paused"
        else:
            assert not out.finished and "To pause I need a case reference" in shown and status == "active"
    elif command == "resume":
        assert out.flow == "check" and "Welcome back to the check for OTHER-9" in shown
        assert status == ("paused" if has_ref else "stopped")
    elif command == "stop":
        assert out.finished and "The session is stopped" in shown and status == "stopped"
    elif command == "back":
        assert status == "active" and ("go back one question" in shown or "Going back isn't possible" in shown)
    elif command == "skip":
        if stage in ("action_what", "action_more"):  # no (more) actions: the session ends with its record
            assert out.finished and status == "complete" and "Here is the record of this session" in shown
        else:
            assert status == "active"
            assert now != stage or "can't be skipped" in shown or "Skipped" in shown
    elif command == "why":
        assert shown.startswith("Why I ask") and (now, status) == (stage, "active")
    elif command == "help":
        assert "You're in the supervision session" in shown and (now, status) == (stage, "active")
    elif command == "my_cases":
        assert "OTHER-9" in shown and "Resume OTHER-9" in button_titles(out) and (now, status) == (stage, "active")
    elif command == "my_progress":
        assert "practice scenario" in shown.lower() and (now, status) == (stage, "active")
    elif command == "start_again":
        assert out.flow == "supervision" and out.flow_id != sess_id and status == "stopped"
        assert "Starting the supervision session again" in shown


@pytest.mark.parametrize("at", ["choosing", "step", "later_step"])
@pytest.mark.parametrize("command", list(TYPED))
def test_every_command_in_training(db_url, clock, at, command):
    """Training's states: choosing a scenario, its first step, a later step (after feedback)."""
    paused_other(db_url, clock)
    svc = TrainingService(db_url=db_url, clock=clock)
    attempt_id, _ = svc.start("rest", "nav-user")
    if at != "choosing":
        svc.handle(attempt_id, Incoming("surprise me"))
    if at == "later_step":
        prompt = svc.prompt(attempt_id)
        labels = [b.payload for r in prompt for b in r.buttons if not b.payload.startswith("/")]
        svc.handle(attempt_id, Incoming(labels[0] if labels else "I would talk to the school"))
    before = svc.prompt(attempt_id)
    walks = Walks(db_url)
    out = carried_out(
        walks, "training", attempt_id, walks.handle("training", attempt_id, Incoming(TYPED[command])), command
    )
    shown = texts(out)
    with records.session_scope(db_url) as s:
        status = s.get(TrainingAttempt, attempt_id).status
    live = ("choosing", "active")
    assert "Please choose one of the buttons" not in shown
    if command == "menu":
        assert out.finished and "What would you like to do?" in shown and status == "stopped"
    elif command == "pause":
        assert out.finished and "they aren't paused: this one is stopped" in shown and status == "stopped"
    elif command == "resume":
        assert out.flow == "check" and "Welcome back to the check for OTHER-9" in shown and status == "stopped"
    elif command == "stop":
        assert out.finished and "Practice stopped" in shown and status == "stopped"
    elif command == "back":
        assert status in live and not out.finished
        if at != "choosing":
            assert "an answer can't be changed" in shown
    elif command == "skip":
        assert status in live and not out.finished
        assert [r.text for r in svc.prompt(attempt_id)] != [r.text for r in before]  # moved on
    elif command == "why":
        assert shown and status in live and [r.text for r in svc.prompt(attempt_id)] == [r.text for r in before]
    elif command == "help":
        assert "You're in the practice scenario" in shown and status in live
    elif command == "my_cases":
        assert "OTHER-9" in shown and status in live
    elif command == "my_progress":
        assert "practice scenario" in shown.lower() and status in live
    elif command == "start_again":
        assert out.flow == "training" and out.flow_id != attempt_id and status == "stopped"


def test_after_stop_and_after_pause_and_at_the_summary(db_url, clock):
    """Outside a walk the same references and views work: a stopped check's case is listed,
    a paused one resumes, and a finished one offers its summary."""
    svc, check_id = check_at(db_url, clock, "age")
    assert Walks(db_url).handle("check", check_id, Incoming("pause")).finished
    view = texts(type("O", (), {"replies": moves.cases_view("rest", "nav-user", db_url)})())
    assert "NAV-1: a paused check" in view
    resumed, replies = svc.resume("rest", "nav-user", "resume nav - 1".split(" ", 1)[1])
    assert resumed == check_id
    for _ in range(60):
        q = check_question(svc, check_id)
        if q is None:
            break
        step = svc.handle(check_id, Incoming(ANSWERS.get(q.kind) or q.options[0].label))
    assert step.finished
    rows = moves.cases_view("rest", "nav-user", db_url)
    assert "NAV-1: a finished check" in rows[0].text
    assert any(b.payload.startswith("/case_summary") for b in rows[1].buttons)


def test_a_word_that_is_both_an_answer_and_a_command_is_asked_about(db_url, clock):
    """At a question with options, words that choose an option and are also a command get a
    question back, with a button for each meaning; neither is acted on."""
    svc, check_id = check_at(db_url, clock, "choice")
    q = check_question(svc, check_id)
    clash = commands.decide("skip", None, 0.0, False, lambda: q.options[0].label)
    assert clash.command is None and clash.ask is not None
    assert [b.payload for b in clash.ask.buttons][1] == "/skip"
    assert q.options[0].label in clash.ask.buttons[0].payload
    # the answer button is read as the answer, not asked about again
    assert svc.plan.parse(q, clash.ask.buttons[0].payload).ok
    assert commands.read(clash.ask.buttons[0].payload) is None


def test_a_button_is_always_a_command_and_a_long_answer_never_is():
    assert commands.decide("/pause", "pause", 1.0, True, lambda: "x").command == commands.Command("pause")
    long = "I would stop worrying if she went to school every day"
    assert commands.decide(long, "stop", 0.9, True, lambda: None).command is None
    assert commands.read("can we pause please") == commands.Command("pause")
    assert commands.read("Resume SECX-B2F7 please") == commands.Command("resume", "SECX-B2F7")


def test_progress_at_the_engagement_question_is_asked_about(db_url, clock):
    """'my progress' is a command, and 'progress' also chooses an answer to the engagement
    question (things are changing): the user is asked which they meant."""
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "nav-user")
    for _ in range(60):
        q = check_question(svc, check_id)
        if q.id == "q_engagement":
            break
        svc.handle(check_id, Incoming(ANSWERS.get(q.kind) or q.options[0].label))
    out = Walks(db_url).handle("check", check_id, Incoming("my progress"))
    assert "Did you mean" in texts(out) and check_question(svc, check_id).id == "q_engagement"
    mine, command = out.replies[0].buttons
    assert command.payload == "/my_progress"
    Walks(db_url).handle("check", check_id, Incoming(mine.payload))
    assert check_question(svc, check_id).id != "q_engagement"
