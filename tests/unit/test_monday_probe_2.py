"""A Monday-morning probe of the running assistant, second pass (session 19, S19-UX2): the flow
stumbles the first pass (tests/unit/test_monday_probe.py) left, each fixed by class and tested
here on invented texts (docs/understanding.md, "The probe's flow stumbles, second pass")."""

from __future__ import annotations

from bot.records import store as records
from bot.walks.check import CheckService, Incoming


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: a.value for a in s.get(records.Check, check_id).answers if not a.superseded}


def _to_question(svc, check_id, qid, ref="QZ-31"):
    """Skips (or gives a reference) until the check asks `qid`."""
    for _ in range(60):
        with records.session_scope(svc.db_url) as s:
            check = s.get(records.Check, check_id)
            q = svc.plan.next_question(svc._answers(check))
        if q.id == qid:
            return
        svc.handle(check_id, Incoming(ref) if q.kind == "case_ref" else Incoming("/skip", "skip", 1.0))
    raise AssertionError(f"never reached {qid}")


# -- 1. this case's chronology asked for without its reference -------------------------------
def test_this_cases_chronology_without_a_reference_is_shown_mid_check(db_url, clock):
    # "can I see the chronology for this case?" mid-check got the practice article on chronologies
    from bot.walks.moves import Walks

    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "p2-1")
    _to_question(svc, check_id, "q_seen__medical_neglect")
    svc.handle(check_id, Incoming("yes"))
    asked = svc.prompt(check_id)[-1].text
    before = stored(svc, check_id)
    for said in ("can I see the chronology for this case?", "show me the chronology", "chronology please"):
        out = Walks(db_url=db_url).turn("check", check_id, Incoming(said, "faq", 0.7, aside="An article."))
        text = "\n".join(r.text for r in out.replies)
        assert "Chronology for case QZ-31" in text and "An article." not in text, said
        assert out.replies[-1].text == asked and out.flow == "check" and out.flow_id == check_id
    assert stored(svc, check_id) == before and svc.is_active(check_id)


def test_a_practice_question_on_chronologies_is_no_request_for_this_cases():
    from bot.walks import commands

    def no_answer():
        return None

    for q in ("what is a chronology?", "how do I write a good chronology", "what should a summary include"):
        assert commands.decide(q, "faq", 0.9, False, no_answer, this_case="QZ-31").command is None, q
    asked = commands.decide("the case summary for this family please", None, 0.0, True, no_answer, this_case="QZ-31")
    assert asked.command == commands.Command("summary", "QZ-31")
    # without a case of the walk's own, no reference: no command, as before
    assert commands.decide("show me the chronology", "show_chronology", 0.9, False, no_answer).command is None


# -- 2. "done" at "Who will do it?" ----------------------------------------------------------
def _at_who(db_url, clock, sender):
    from bot.walks.supervision import SupervisionService

    svc = SupervisionService(db_url=db_url, clock=clock, drift_days=90)
    sid, _ = svc.start("rest", sender, "reflective supervision")
    for said in ("QZ-32", "Drift", "The plan was meant to be done by the summer", "It keeps being extended"):
        svc.handle(sid, Incoming(said))
    svc.handle(sid, Incoming("Agree actions"))
    svc.handle(sid, Incoming("see the child on her own at school"))
    assert "Who will do it" in "\n".join(r.text for r in svc.prompt(sid))
    return svc, sid


def test_done_at_who_will_do_it_is_no_owner(db_url, clock):
    from bot.records.supervision_models import AgreedAction

    svc, sid = _at_who(db_url, clock, "p2-2")
    for said in ("done", "ok thanks", "Yes."):
        step = svc.handle(sid, Incoming(said))
        assert "doesn't say who will do" in step.replies[0].text, said
        assert "Who will do it" in "\n".join(r.text for r in svc.prompt(sid))
    svc.handle(sid, Incoming("health visitor"))
    with records.session_scope(db_url) as s:
        owners = [a.owner for a in s.query(AgreedAction).all()]
    assert owners == ["health visitor"]
    assert "By when" in "\n".join(r.text for r in svc.prompt(sid))


# -- 4. "No (no)" in the summary ---------------------------------------------------------------
def test_the_summary_shows_no_words_that_only_repeat_the_answer(kb, plan):
    import datetime as dt

    from test_threshold import answers

    from bot.reasoning.threshold import assess
    from bot.reports.summary import check_summary

    given = answers(seen={"physical_neglect": ("persistent", "serious")})
    given["q_disability"] = "no"
    texts = {"q_disability": "No.", "q_seen__physical_neglect": "yes, the flat is freezing"}
    text = check_summary("QZ-34", dt.datetime(2026, 12, 7, 9), given, texts, assess(given, kb, plan), kb, plan)
    line = next(ln for ln in text.splitlines() if ln.startswith("- Disability") or "Disability or" in ln)
    assert "(no" not in line.lower() and line.rstrip().endswith("No"), line
    assert "Yes (yes, the flat is freezing)" in text  # words that tell more are still shown


# -- 3. the same items and sources twice under "See also" --------------------------------------
def test_a_practice_answer_lists_no_item_or_source_twice(kb):
    # the answer on disguised compliance repeated its eight signs under "See also", and sources
    import re

    from bot.knowledge import faq_topics
    from bot.knowledge.answers import answer_text, settings

    checked = 0
    for topic in faq_topics.topics(kb):
        text = answer_text(topic.key, kb)
        lines = [ln for ln in text.splitlines() if ln.startswith("- ")]
        assert len(lines) == len(set(lines)), topic.key
        items = [kb.items[a] for a in topic.answer]
        items += [i for a in topic.answer for k in settings(kb).item_lists.get(a, ()) for i in kb.of_kind(k)]
        for cite in {kb.cite(s) for i in items for s in (i.source, *i.also)}:
            assert len(re.findall(re.escape(cite) + r"(?:; |\.\))", text)) <= 1, (topic.key, cite)
        checked += "See also" in text
    assert checked >= 3
    text = answer_text("disguised_compliance", kb)
    assert text.count("Reviews show no significant change") == 1 and "See also" in text
    assert text.split("See also")[1].count("(Source: ") == 1  # its own sources not listed above


# -- 5. "paws" for pause -----------------------------------------------------------------------
def test_paws_typed_alone_is_pause_and_nothing_else(db_url, clock):
    from bot.walks import commands

    assert commands.read("paws") == commands.Command("pause")
    assert commands.read("Paws please.") == commands.Command("pause")
    assert commands.read("can we paws this for now") == commands.Command("pause")  # mended in a typed form
    for not_a_command in ("the dog's paws were filthy", "paws for thought", "muddy paws"):
        assert commands.read(not_a_command) is None, not_a_command
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "p2-5")
    _to_question(svc, check_id, "q_seen__medical_neglect")
    step = svc.handle(check_id, Incoming("paws"))
    assert step.finished and "QZ-31" in step.replies[0].text and not svc.is_active(check_id)


# -- 6. drift and disguised compliance told in other words ------------------------------------
def test_a_reflection_on_an_extended_plan_suggests_drift_and_compliance(db_url, clock):
    # "Nothing has really changed, mum always agrees with the plan, and we keep extending it"
    # suggested only neglect fatigue (from the case's records), nothing from what was said
    from bot.walks.supervision import SupervisionService

    svc = SupervisionService(db_url=db_url, clock=clock, drift_days=90)
    sid, _ = svc.start("rest", "p2-6", "reflective supervision")
    svc.handle(sid, Incoming("QZ-36"))
    told = "Nothing has really changed for him, dad always agrees with the plan and we keep extending it"
    assert set(svc._themes_in(told)) == {"theme_drift", "theme_compliance"}
    svc.handle(sid, Incoming(told))
    shown = svc.prompt(sid)
    text = "\n".join(r.text for r in shown)
    assert "- Drift: you mentioned it" in text and "- Disguised compliance and resistance: you mentioned it" in text
    assert "Use these themes" in [b.title for r in shown for b in r.buttons]


# -- 7. the first-use statement after the walk's first question --------------------------------
def test_the_first_use_statement_comes_before_a_walk_started_by_the_first_message(kb):
    # a first message that opened a check got the understood list, the first question, and then
    # the statement of what the assistant is, below the question it was to answer
    import asyncio
    from types import SimpleNamespace

    from bot.walks.safety import emergency_reply
    from rasa_ext.channels import add_first_use_statement, walk_running

    def texts(msgs):
        return [m["text"][:22] for m in msgs]

    walk = [{"text": "What I understood: a baby of 9 months."}, {"text": "Is the child in immediate danger?"}]
    add_first_use_statement(walk, "p2-7", walk_started=True)
    assert walk[0]["text"].startswith("About this assistant") and walk[-1]["text"].startswith("Is the child")
    sos = emergency_reply(kb).text
    walk = [{"text": sos}, {"text": "Is the child in immediate danger?"}]
    add_first_use_statement(walk, "p2-7", walk_started=True)
    assert walk[0]["text"] == sos and walk[1]["text"].startswith("About this assistant")  # 999 first
    answer = [{"text": sos}, {"text": "Drift: plans that stall."}]
    add_first_use_statement(answer, "p2-7")
    assert answer[-1]["text"].startswith("About this assistant"), texts(answer)  # no walk: after the answer

    class Store:
        def __init__(self, flow):
            self.flow = flow

        async def retrieve(self, sender):
            return SimpleNamespace(get_slot=lambda name: self.flow if name == "flow" else None)

    def app(store):
        return SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(tracker_store=store)))

    assert asyncio.run(walk_running(app(Store("check")), "p2-7")) is True
    assert asyncio.run(walk_running(app(Store(None)), "p2-7")) is False
    assert asyncio.run(walk_running(SimpleNamespace(), "p2-7")) is False
