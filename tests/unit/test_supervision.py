"""Reflective supervision (bot/walks/supervision.py) over a temporary database, with an injected
clock: content, a whole session, follow-ups on cue language, actions with dates, theme
picking from the case's history, pause and resume, and drift across several sessions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.records import store as records
from bot.records.store import Answer, Check
from bot.records.supervision_models import AgreedAction, Reflection, SupervisionSession
from bot.walks.check import Incoming
from bot.walks.supervision import (
    ActionView,
    DriftSettings,
    Review,
    SupervisionService,
    assess_drift,
    load_content,
    reference_in_request,
    similar,
)

SETTINGS = DriftSettings(
    min_no_change_reviews=1, repeat_sessions=2, repeat_similarity=0.5, overdue_actions=1, source=None
)
T0 = dt.datetime(2026, 11, 23, 9, 30)  # a Monday


class Talk:
    """One practitioner in one session: says things and keeps what came back."""

    def __init__(self, svc: SupervisionService, sender: str = "worker-1", opening: str = "reflective supervision"):
        self.svc, self.sender = svc, sender
        self.id, replies = svc.start("rest", sender, opening)
        self.texts = [r.text for r in replies]
        self.last = list(replies) + svc.prompt(self.id)
        self.finished = False

    def say(self, text: str, intent: str | None = None, confidence: float = 0.0) -> str:
        step = self.svc.handle(self.id, Incoming(text, intent, confidence))
        self.finished = step.finished
        self.last = list(step.replies) + ([] if step.finished else self.svc.prompt(self.id))
        return self.text

    def cmd(self, name: str) -> str:
        return self.say(f"/{name}", name, 1.0)

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    @property
    def buttons(self) -> list[str]:
        return [b.title for r in self.last for b in r.buttons]


@pytest.fixture()
def svc(db_url, clock):
    return SupervisionService(db_url=db_url, clock=clock, drift_days=90)


def rows(db_url, model, *where):
    with records.session_scope(db_url) as s:
        return s.execute(select(model).where(*where).order_by(model.id)).scalars().all()


def add_check(db_url, sender: str, ref: str, when: dt.datetime, level: str, answers: dict[str, str]) -> None:
    """A finished guided check, as bot.walks.check.CheckService would have stored it."""
    with records.session_scope(db_url) as s:
        user = records.get_or_create_user(s, "rest", sender)
        case = records.get_or_create_case(s, user, ref, "default")
        check = Check(
            user_id=user.id, case_id=case.id, status="complete", level=level, started_at=when, updated_at=when
        )
        s.add(check)
        s.flush()
        for qid, value in answers.items():
            s.add(Answer(check_id=check.id, question_id=qid, value=value, text="", created_at=when))


def first_session(
    svc, ref="SUP-1", sender="worker-1", action=("see the child on their own at school", "me", "by Friday")
):
    """Session one: a theme, one reflection each for two questions, one action."""
    t = Talk(svc, sender)
    t.say(ref)
    t.say("Drift")
    t.say("The plan was to get the home safe by the summer and it is not")
    t.say("The same actions every review")
    t.say("Agree actions")
    for part in action:
        t.say(part)
    t.say("Finish the session")
    assert t.finished
    return t


# -- content -------------------------------------------------------------------------------
def test_every_theme_of_the_issue_is_there_with_open_questions_and_pitfalls(kb):
    c = load_content(kb)
    assert set(c.themes) == {
        "theme_optimism",
        "theme_fatigue",
        "theme_drift",
        "theme_compliance",
        "theme_child",
        "theme_hypotheses",
        "theme_pattern",
        "theme_group_think",
        "theme_bias",
        "theme_feelings",
        "theme_thresholds",
    }
    for theme in c.themes.values():
        assert 3 <= len(theme.questions) <= 5
        assert all(q.endswith("?") or q.endswith(".") for q in theme.questions)
        assert any(kb.items[r].kind == "pitfall" for r in theme.related)
    assert {"fear_of_hostile_parent", "mirroring_chaos"} <= set(c.themes["theme_feelings"].related)
    assert {"culture", "bias", "poverty_and_neglect"} <= set(c.themes["theme_bias"].related)
    assert all(t in c.themes for rule in c.picking for t in rule.themes)


@pytest.mark.parametrize(
    "text, ref",
    [
        ("supervision session for abc-12", "ABC-12"),
        ("start reflective supervision for case 3310", "3310"),
        ("we've been at cin for 18 months and nothing changes", None),
        ("i feel stuck with this family", None),
        ("third re-referral in 2 years", None),
    ],
)
def test_a_case_reference_is_taken_from_the_request_only_when_it_is_one(text, ref):
    assert reference_in_request(text) == ref


# -- drift, as a plain function --------------------------------------------------------------
def review(days: int, changed):
    return Review(T0 + dt.timedelta(days=days), "session", changed)


def test_no_change_over_the_drift_period_is_drift_and_a_change_resets_it():
    reviews = [review(0, None), review(45, False)]
    assert not assess_drift(reviews, [], T0 + dt.timedelta(days=60), 90, SETTINGS).drifting
    report = assess_drift(reviews, [], T0 + dt.timedelta(days=100), 90, SETTINGS)
    assert report.drifting and report.no_change_days == 100 and report.no_change_reviews == 1
    assert "100 days and 2 reviews" in report.flags[0]
    changed = reviews + [review(80, True)]
    assert not assess_drift(changed, [], T0 + dt.timedelta(days=100), 90, SETTINGS).drifting
    assert assess_drift(reviews, [], T0 + dt.timedelta(days=100), 120, SETTINGS).flags == ()


def test_repeated_plans_and_overdue_actions_are_drift_signs():
    def act(n, session, what, due_days, status="open"):
        return ActionView(
            n,
            session,
            what,
            "me",
            (T0 + dt.timedelta(days=due_days)).date(),
            status,
            T0 + dt.timedelta(days=session * 30),
        )

    actions = [
        act(1, 1, "See the child alone at school", 7, "done"),
        act(2, 2, "see the children on their own at school", 40, "open"),
        act(3, 2, "ring the health visitor", 200, "open"),
    ]
    report = assess_drift([], actions, T0 + dt.timedelta(days=60), 90, SETTINGS)
    assert report.repeated == (("see the children on their own at school", 2),)
    assert [a.id for a in report.overdue] == [2]
    assert any("agreed at 2 sessions" in f for f in report.flags) and any("overdue" in f for f in report.flags)
    assert similar("Home visit with health visitor", "joint home visit with the health visitor", 0.5)
    assert not similar("see the child at school", "ring the GP about the baby's weight", 0.5)


# -- a whole session -------------------------------------------------------------------------
def test_a_whole_first_session_is_stored(svc, db_url):
    t = Talk(svc, opening="can we do some reflective supervision")
    assert "one open question at a time" in t.text and "case reference" in t.text
    t.say("SUP-1")
    assert "first supervision session recorded for SUP-1" in t.text
    assert "Which theme" in t.text and "Drift" in t.buttons and "Culture and bias" in t.buttons
    t.say("Culture and bias")
    assert "(Culture and bias)" in t.text and "money" in t.text
    t.say("They have very little money but the child's needs for warmth and food are still not met")
    assert "(Culture and bias)" in t.text  # second question
    t.say("Probably not, but I have to check my own assumptions about that")
    assert "stay with culture and bias" in t.text and "Agree actions" in t.buttons
    t.say("Agree actions")
    t.say("Make a home visit with the health visitor")
    assert "Who will do it" in t.text
    t.say("Both of us")
    t.say("in two weeks")
    assert "Saved" in t.text and "Monday 7 December 2026" in t.text
    t.say("Finish the session")
    assert t.finished and "Reflective supervision for case SUP-1" in t.text
    assert "Make a home visit with the health visitor - Both of us - by Monday 7 December 2026" in t.text
    sess = rows(db_url, SupervisionSession)[0]
    assert (sess.status, sess.picked_by, sess.themes) == ("complete", "user", "theme_bias")
    refl = rows(db_url, Reflection)
    assert [r.question_key for r in refl] == ["theme_bias:1", "theme_bias:2"]
    act = rows(db_url, AgreedAction)[0]
    assert (act.status, act.owner, act.due_date) == ("open", "Both of us", dt.date(2026, 12, 7))


def test_personal_details_are_scrubbed_and_the_user_is_told(svc, db_url):
    t = Talk(svc)
    t.say("SUP-2")
    t.say("group think")
    t.say("Mrs Patel the head teacher disagrees, she rang from 07700 900123")
    assert "I removed" in t.text and "name" in t.text and "phone" in t.text
    stored = rows(db_url, Reflection)[0]
    assert "Patel" not in stored.text and "07700" not in stored.text and "[name]" in stored.text
    assert stored.removed == "name,phone"


@pytest.mark.parametrize(
    "answer, expect",
    [
        ("Mum is trying really hard and things are much better", "What has actually changed for the child"),
        ("Honestly it's normal round here, no worse than others on the estate", "good enough for any child"),
        ("It has been like that for ages", "put dates on that"),
        ("Dad is drinking again and mum is depressed and not coping", "Where is the child in this"),
    ],
)
def test_cue_language_gets_its_follow_up_and_both_answers_are_kept(svc, db_url, answer, expect):
    t = Talk(svc)
    t.say("CUE-1")
    t.say("Drift")
    t.say(answer)
    assert expect in t.text
    t.cmd("why_asking")
    assert "Why I ask" in t.text and "Source" in t.text and expect in t.text
    t.say("On the last two visits the child was hungry and nobody had been to the GP")
    assert "(Drift)" in t.text  # back to the theme's next question
    keys = [r.question_key for r in rows(db_url, Reflection)]
    assert keys[0] == "theme_drift:1" and keys[1].startswith("follow_up:")


def test_a_date_that_cannot_be_read_loses_nothing(svc, db_url):
    t = Talk(svc)
    t.say("DAT-1")
    t.say("drift")
    t.cmd("skip")
    t.cmd("skip")
    t.say("Agree actions")
    t.say("Chronology of missed health appointments")
    t.say("me")
    t.say("when I get a chance")
    assert "couldn't read a date" in t.text and "Chronology of missed health appointments" in t.text
    draft = rows(db_url, AgreedAction)[0]
    assert (draft.what, draft.status, draft.due_date) == ("Chronology of missed health appointments", "draft", None)
    t.say("before the core group on 3rd Feb")
    assert "Wednesday 3 February 2027" in t.text
    assert rows(db_url, AgreedAction)[0].status == "open"
    t.say("Add another action")
    t.say("Talk to the DSL about the threshold")
    t.say("/skip", "skip", 1.0)  # who
    t.say("/stop", "stop", 1.0)
    assert t.finished and "saved under DAT-1" in t.text
    acts = rows(db_url, AgreedAction)
    assert [a.status for a in acts] == ["open", "open"]  # the unfinished one is kept, not lost


def test_why_skip_back_and_danger_in_a_session(svc, db_url, kb):
    t = Talk(svc)
    t.cmd("why_asking")
    assert "Why I ask" in t.text and "case reference" in t.text
    t.cmd("skip")
    assert "can't be skipped" in t.text
    t.say("WHY-1")
    t.cmd("why_asking")
    assert "Source" in t.text
    t.say("snapshot")
    q1 = t.text
    t.say("Only the one visit, by appointment")
    t.cmd("go_back")
    assert "go back" in t.text and "one visit or on many" in t.text
    t.say("Three visits, all by appointment, all in the morning")
    t.say("kids home alone right now and the house is on fire", "immediate_danger", 0.99)
    assert "call 999 now" in t.text and "(Snapshot or pattern)" in t.text
    refl = rows(db_url, Reflection)
    live = [r.text for r in refl if not r.superseded]
    assert live == ["Three visits, all by appointment, all in the morning"]
    assert "Snapshot or pattern" in q1
    events = [e.event for e in rows(db_url, records.AuditEvent)]
    assert "emergency_answer" in events


def test_pause_and_resume_by_case_reference(svc, db_url):
    t = Talk(svc)
    t.say("PAU-7")
    t.say("fixed ideas")
    t.say("That the house is the only problem")
    t.cmd("pause")
    assert t.finished and "Paused" in t.text and "supervision for PAU-7" in t.text
    assert not svc.is_active(t.id)
    again = Talk(svc, opening="supervision for pau-7")
    assert "Welcome back" in again.text and "(Fixed ideas)" in again.text
    assert "What else could explain" in again.text
    again.say("Her learning disability, which nobody has assessed")
    assert [r.session_id for r in rows(db_url, Reflection)] == [again.id, again.id]
    statuses = {s.id: s.status for s in rows(db_url, SupervisionSession)}
    assert statuses == {t.id: "merged", again.id: "active"}
    assert svc.resume("rest", "worker-1", "PAU-7")[0] == again.id  # the resume intent can use this too
    assert svc.resume("rest", "worker-1", "NOPE-1")[0] is None


# -- history, picking and drift across sessions --------------------------------------------------
def test_themes_are_picked_from_the_case_history(svc, db_url, clock):
    add_check(
        db_url,
        "worker-1",
        "HIS-1",
        clock.now - dt.timedelta(days=200),
        "child_in_need",
        {"q_scale": "4", "q_engagement": "changing"},
    )
    add_check(
        db_url,
        "worker-1",
        "HIS-1",
        clock.now - dt.timedelta(days=20),
        "child_in_need",
        {"q_scale": "4", "q_engagement": "no_change", "q_seen_alone": "no"},
    )
    t = Talk(svc)
    t.say("HIS-1")
    assert "2 guided checks" in t.text and "scale 4 out of 10, no change" in t.text
    assert "these themes may help" in t.text
    sess = rows(db_url, SupervisionSession)[0]
    picked = [x[0] for x in json.loads(sess.suggestions)]
    # the two checks found the same level and scale: no change; the latest: engagement without change,
    # the child not seen alone
    assert picked == ["theme_drift", "theme_compliance", "theme_child"]
    assert "no change for the child was recorded" in t.text and "not been seen on their own" in t.text
    t.say("Use these themes")
    assert "(Drift)" in t.text
    t.say("To get the home safe by the summer")
    t.say("Nothing has come round twice yet")
    assert "Next theme: Disguised compliance and resistance" in t.buttons
    t.say("Next theme: Disguised compliance and resistance")
    assert "(Disguised compliance and resistance)" in t.text and "professionals make for them" in t.text
    assert rows(db_url, SupervisionSession)[0].picked_by == "history"


def test_three_sessions_open_with_overdue_actions_changes_and_drift(svc, db_url, clock):
    # session 1: day 0, one action due that Friday
    first_session(svc, "DRI-1")
    # session 2: day 45. The action is overdue; a check in between; no drift warning yet
    clock.advance(days=20)
    add_check(db_url, "worker-1", "DRI-1", clock.now, "early_help", {"q_scale": "5"})
    clock.advance(days=25)
    t = Talk(svc, opening="supervision for DRI-1")
    assert "last supervision session was on 23 November 2026" in t.text
    assert "a guided check on 13 December 2026 pointed towards Early help, scale 5 out of 10" in t.text
    assert "Overdue actions" in t.text and "see the child on their own at school" in t.text
    assert "41 days ago" in t.text
    assert "1 agreed action is overdue" in t.text  # overdue actions are a drift sign
    assert "No change for the child has been recorded" not in t.text
    assert "Was it done?" in t.text and "Not yet" in t.buttons
    t.say("Not yet")
    assert "What has changed for the child since the last session on 23 November 2026" in t.text
    t.say("No real change")
    assert "actions agreed earlier are overdue" in t.text
    t.say("Use these themes")
    t.say("We keep saying we will see him alone and it never happens")
    t.cmd("skip")
    t.say("Agree actions")
    t.say("See the child on their own at school")
    assert "similar action was agreed before" in t.text
    t.say("me")
    t.say("by Friday")
    t.say("Finish the session")
    assert t.finished and "Since the last session: no real change." in t.text
    # session 3: day 100. No change across reviews for longer than DRIFT_DAYS, a repeated plan, overdue
    clock.advance(days=55)
    t3 = Talk(svc, opening="supervision for DRI-1")
    assert "This case may be drifting" in t3.text
    assert "No change for the child has been recorded since Monday 23 November 2026: 100 days" in t3.text
    assert "The same action has been agreed at 2 sessions" in t3.text
    assert "2 agreed actions are overdue" in t3.text
    assert "Source" in t3.text
    t3.say("Done")
    assert "marked as done" in t3.text
    t3.say("No longer needed")
    t3.say("Better for the child")
    assert "you said things are better" in t3.text
    sess3 = rows(db_url, SupervisionSession)[-1]
    assert len(json.loads(sess3.drift_flags)) == 3
    acts = rows(db_url, AgreedAction)
    assert [a.status for a in acts] == ["done", "dropped"] and acts[0].completed_at == clock.now
    assert "drift_warning" in [e.event for e in rows(db_url, records.AuditEvent)]


def test_a_change_for_the_child_stops_the_no_change_warning(svc, db_url, clock):
    first_session(svc, "CHG-1", action=("ring the school", "me", "tomorrow"))
    clock.advance(days=45)
    t = Talk(svc, opening="supervision for CHG-1")
    t.say("Done")
    t.say("She is going to school every day now and eating breakfast there")
    assert "Overall" in t.text
    t.say("Better for the child")
    t.cmd("stop")
    clock.advance(days=55)
    t3 = Talk(svc, opening="supervision for CHG-1")
    assert "may be drifting" not in t3.text
    assert rows(db_url, SupervisionSession)[1].change == "better"


def test_drift_days_comes_from_the_settings(db_url, clock, monkeypatch):
    monkeypatch.setenv("DRIFT_DAYS", "30")
    svc = SupervisionService(db_url=db_url, clock=clock)
    assert svc.drift_days == 30
    first_session(svc, "SET-1", action=("ring the school", "me", "in 90 days"))
    clock.advance(days=10)
    t = Talk(svc, opening="supervision for SET-1")
    t.say("Not yet")
    t.say("No real change")
    t.cmd("stop")
    clock.advance(days=25)
    t3 = Talk(svc, opening="supervision for SET-1")
    assert "35 days and 2 reviews (the drift period here is 30 days)" in t3.text


def test_a_long_open_case_suggests_drift_and_fatigue_and_the_user_can_still_choose(svc, db_url, clock):
    add_check(db_url, "worker-1", "OLD-1", clock.now - dt.timedelta(days=400), "early_help", {"q_scale": "6"})
    t = Talk(svc)
    t.say("OLD-1")
    assert "open here for more than six months" in t.text
    assert [x[0] for x in json.loads(rows(db_url, SupervisionSession)[0].suggestions)] == [
        "theme_drift",
        "theme_fatigue",
    ]
    t.say("Choose a theme myself")
    assert "Which theme" in t.text and len([b for b in t.buttons if b != "Why are you asking?"]) == 11
    t.say("I think it's the threshold really")
    assert "(Unsure about thresholds)" in t.text
    t.cmd("skip")
    t.cmd("skip")
    t.say("Choose another theme")
    assert "Unsure about thresholds" not in t.buttons and "Group think" in t.buttons
    t.say("group think")
    assert "(Group think)" in t.text
    sess = rows(db_url, SupervisionSession)[0]
    assert sess.themes.split(",")[:2] == ["theme_thresholds", "theme_group_think"] and sess.picked_by == "user"


def test_a_broken_supervision_file_names_the_item_and_field(kb):
    import copy
    import dataclasses

    from bot.knowledge.loader import KnowledgeError

    raw = copy.deepcopy(kb.extra["supervision.yml"])
    raw["themes"][0]["questions"] = raw["themes"][0]["questions"][:2]
    raw["picking"][0]["themes"] = ["theme_nowhere"]
    raw["picking"][1]["when"] = {"moon_phase": "full"}
    broken = dataclasses.replace(kb, extra={**kb.extra, "supervision.yml": raw})
    with pytest.raises(KnowledgeError) as err:
        load_content(broken)
    text = str(err.value)
    assert "themes[0] 'theme_optimism': field 'questions' must be a list of 3 to 5 questions" in text
    assert "picking[0] 'pick_overdue_actions': field 'themes': no theme has id 'theme_nowhere'" in text
    assert "unknown condition 'moon_phase'" in text


def test_a_question_about_practice_is_answered_only_when_it_cannot_be_an_answer(svc, db_url):
    t = Talk(svc)
    step = svc.handle(t.id, Incoming("ASQ-12", "ask_question", 0.7, aside="ASQ-3 is a questionnaire"))
    assert "questionnaire" not in " ".join(r.text for r in step.replies)  # a reference, not a question
    t.say("Drift")
    step = svc.handle(t.id, Incoming("what is drift?", "ask_question", 0.9, aside="Drift is ..."))
    assert [r.text for r in step.replies] == ["Drift is ...", "Now, back to the session."]
    step = svc.handle(t.id, Incoming("The plan is about school", "ask_question", 0.9, aside="Schools ..."))
    assert step.replies == ()
    assert [r.text for r in rows(db_url, Reflection)] == ["The plan is about school"]


def test_danger_heard_only_by_the_classifier_in_a_reflection_still_keeps_the_reflection(svc, db_url):
    t = Talk(svc)
    t.say("DNG-1")
    t.say("drift")
    text = t.say("Mum is trying really hard and the house is much better", "immediate_danger", 0.7)
    assert text.startswith("If a child is in immediate danger, call 999 now.")
    assert "What has actually changed for the child" in text
    t.say("the baby is not breathing", "immediate_danger", 1.0)
    assert "call 999 now" in t.text and "What has actually changed for the child" in t.text
    assert [r.text for r in rows(db_url, Reflection)] == ["Mum is trying really hard and the house is much better"]


def test_an_action_the_classifier_took_for_danger_is_still_saved(svc, db_url):
    t = Talk(svc)
    t.say("DNG-2")
    t.say("drift")
    t.cmd("skip")
    t.cmd("skip")
    t.say("Agree actions")
    t.say("See him on his own at school", "immediate_danger", 0.8)
    assert "call 999 now" in t.text and "Who will do it" in t.text
    assert rows(db_url, AgreedAction)[0].what == "See him on his own at school"


# -- a case told at the choice of themes (session 17) ----------------------------------------------
def test_a_case_told_at_the_choice_of_themes_is_no_choice_its_themes_are_offered(svc, db_url):
    # "poor" is a word of culture and bias; in a long reply that tells the case it chooses nothing
    t = Talk(svc, opening="i'd like to reflect on a family i've had a long time, i've got used to it")
    t.say("SUP-7")
    assert "Neglect fatigue" in t.text and "Use these themes" in t.buttons
    t.say("there's a 6 year old and a baby, home conditions poor on and off, mum engages but nothing sticks")
    assert "(Culture and bias)" not in t.text
    picked = [x[0] for x in json.loads(rows(db_url, SupervisionSession)[0].suggestions)]
    assert picked[0] == "theme_compliance" and "theme_fatigue" in picked
    assert "you mentioned it just now" in t.text and "Use these themes" in t.buttons
    t.say("Use these themes")
    assert "(Disguised compliance and resistance)" in t.text


def test_a_case_told_at_the_choice_of_themes_is_kept_scrubbed_and_in_the_summary(svc, db_url):
    # session 18: what the practitioner told is a reflection (key "told"), not lost with the choice
    t = Talk(svc)
    t.say("SUP-11")
    t.say("Zebedee Fakename is 6, home conditions poor on and off, mum engages when we visit but nothing sticks")
    assert "I've kept what you told me" in t.text
    told = [r for r in rows(db_url, Reflection) if r.question_key == "told"]
    assert len(told) == 1 and told[0].theme_id is None
    assert "Zebedee" not in told[0].text and "nothing sticks" in told[0].text and told[0].removed
    t.say("Use these themes")
    for _ in range(2):
        t.cmd("skip")
    t.say("Agree actions")
    t.say("No actions this time")
    assert "What you told me about the case, in your words:" in t.text and "nothing sticks" in t.text
    assert "What has changed, in your words:" not in t.text


def test_a_long_reply_that_tells_nothing_is_not_kept(svc, db_url):
    t = Talk(svc)
    t.say("SUP-12")
    t.say("I am not really sure where to begin with this one to be honest with you")
    assert "I've kept" not in t.text and not rows(db_url, Reflection)


def test_a_long_reply_that_names_a_theme_chooses_it(svc, db_url):
    t = Talk(svc)
    t.say("SUP-8")
    t.say("I think we should look at drift because the plan keeps rolling over at every review")
    assert "(Drift)" in t.text


def test_a_long_reply_with_no_theme_in_it_is_asked_again_and_nothing_is_chosen(svc, db_url):
    t = Talk(svc)
    t.say("SUP-9")
    t.say("I am not really sure where to begin with this one to be honest with you")
    assert "which theme to start with" in t.text and t.text.count("Which theme would you like") == 1  # asked once
    assert rows(db_url, SupervisionSession)[0].themes in (None, "")


def test_a_case_that_is_not_moving_forward_suggests_drift(svc, db_url):
    t = Talk(svc, opening="I want to reflect on why this case isn't moving forward")
    t.say("SUP-10")
    assert [x[0] for x in json.loads(rows(db_url, SupervisionSession)[0].suggestions)][0] == "theme_drift"


@pytest.mark.parametrize("typed", ["we'll look at it again at the end of January", "more of the same", "next of kin"])
def test_a_button_word_inside_a_phrase_between_themes_chooses_nothing(svc, db_url, typed):
    # "end" is a word for "Agree actions": "end of January" typed between themes went to the actions (session 21)
    t = Talk(svc)
    t.say("SUP-9")
    t.say("Drift")
    t.say("The plan was meant to be done by half term and it is not")
    t.say("Same actions at every review")
    assert "Agree actions" in t.buttons
    t.say(typed)
    assert "Agree actions" in t.buttons and "What action" not in t.text
    t.say("let's wrap up")  # a button's words still choose
    assert "Agree actions" not in t.buttons
    assert rows(db_url, SupervisionSession)[0].stage == "action_what"
