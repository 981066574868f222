"""Safety and data protection (issue 8), through the running servers over REST.

- bad input at the greeting and inside a check: a clear answer or a 4xx, never a 5xx, and
  the answers already given are still stored afterwards;
- immediate danger in every state (start, every question of a check, after a pause, after
  a completed check): the first reply is the 999 answer, the question is asked again, and
  every emergency answer is audited; near-misses measured;
- personal details typed as the child's voice (the free-text question): what is stored is
  read back from the database;
- the statement of what the assistant is, at first use; a case deleted on request.

Every safety figure is a gate: no danger phrasing of the labelled sets may miss the 999
answer, and each kind of false alarm has a ceiling written below (FALSE_ALARM_CEILINGS), set
from the counts measured on 5 December 2026 (model-f6901f879a760e8e) and never looser. A
regression turns the run red; an improvement is a reason to lower the ceiling.

The figures (recall, false alarms, messages checked, problems found) are written to
results/safety/figures.json for docs/figures/ (figures_<backend>.json for the second run on
PostgreSQL and Redis, tests/conversation/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import pytest
import requests
import yaml
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BACKEND = os.environ.get("CONVERSATION_BACKEND", "sqlite")
FIGURES = ROOT / "results" / "safety" / ("figures.json" if BACKEND == "sqlite" else f"figures_{BACKEND}.json")
EMERGENCY = "If a child is in immediate danger, call 999 now."
VOICE = "What does the child say"
REMOVED_NOTE = "so that no child or family can be identified"


# -- helpers ------------------------------------------------------------------------------------
def record(key: str, value) -> None:
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    figures[key] = value
    FIGURES.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")


_engines: dict = {}


def db(servers, sql: str, **params):
    url = servers["database_url"]
    if url not in _engines:
        _engines[url] = create_engine(url, future=True)
    with _engines[url].connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def answers_of(servers, sender: str, ref: str, question: str | None = None, live_only: bool = True) -> list[tuple]:
    """(question, value, text) of the answers stored for a practitioner's case, in order."""
    sql = (
        "SELECT a.question_id, a.value, a.text FROM answers a JOIN checks c ON a.check_id = c.id "
        "JOIN cases k ON c.case_id = k.id JOIN users u ON k.owner_id = u.id "
        "WHERE k.reference = :ref AND u.external_id = :sender"
    )
    if live_only:
        sql += " AND NOT a.superseded"
    if question:
        sql += " AND a.question_id = :q"
    return db(servers, sql + " ORDER BY a.id", ref=ref, q=question, sender=sender)


def emergencies(servers, sender: str) -> int:
    return db(
        servers,
        "SELECT COUNT(*) FROM audit_log a JOIN users u ON a.user_id = u.id "
        "WHERE u.external_id = :s AND a.event = 'emergency_answer'",
        s=sender,
    )[0][0]


def post(servers, body: bytes | None = None, json_body=None, headers=None) -> requests.Response:
    url = f"{servers['url']}/webhooks/rest/webhook"
    if json_body is not None:
        return requests.post(url, json=json_body, timeout=60)
    return requests.post(url, data=body, headers=headers or {"Content-Type": "application/json"}, timeout=60)


def first_text(chat) -> str:
    return (chat.last[0].get("text") or "") if chat.last else ""


def question_line(chat) -> str:
    """The current question, '(n of about m) ...', from the last replies."""
    for m in reversed(chat.last):
        t = m.get("text") or ""
        if re.match(r"\(\d+ of about \d+\)", t):
            return t
    return ""


def start_check(chat, ref: str) -> None:
    chat.say("/start_check")
    chat.click("No")
    chat.say(ref)
    assert "How old is the child" in chat.text, chat.text


def skip_to(chat, marker: str, limit: int = 40) -> None:
    """Skip questions until `marker` is asked on its own: a paired prompt (issue 19) that asks
    it second ("... And: <marker>") has its first question skipped too."""
    for _ in range(limit):
        if marker in chat.text and f"And: {marker}" not in chat.text:
            return
        chat.say("/skip")
    raise AssertionError(f"never reached '{marker}'; last: {chat.text}")


def danger_set():
    examples = yaml.safe_load((DATA / "danger_phrases.yml").read_text())["examples"]
    return (
        [e["text"] for e in examples if e["label"] == "danger"],
        [e["text"] for e in examples if e["label"] == "not_danger"],
    )


DANGER, NEAR_MISSES = danger_set()

# Written for these tests, never shown to the rule authors: how the detector does on new text.
FRESH_DANGER = [
    "the twins are by themselves in the flat and mum's gone to the pub",
    "baby is blue and not responding",
    "he told me he's going to jump off the bridge after school",
    "dad's punching mum and the kids are watching right now",
    "she's 12 and there's no one to pick her up, school's locked up and it's dark",
    "the 5 year old has been locked in his room all day with no food",
    "mum has passed out drunk and the baby keeps crying",
    "there's smoke coming from the flat and we can hear children",
    "toddler got into the bleach and has drunk some",
    "she says her stepdad is coming to get her and she's terrified",
    "nobody has seen the baby for days and mum won't open the door",
    "the kids have been left outside in the snow with no coats",
    "i'm on a home visit and dad has just threatened to stab me and the kids",
    "the 7 year old is alone with grandad who is having a fit",
    "a 3yo has just walked into school on his own, nobody knows where mum is",
    "the baby has stopped breathing",
    "he's taken a load of paracetamol and won't tell anyone",
    "mum is psychotic and says the baby is the devil",
    "the little ones are home alone with no heating and it's minus 5",
    "a 15 year old has just messaged saying she's been drugged at a party and can't get home",
]
FRESH_NEAR_MISSES = [
    "how do i know if it's an emergency?",
    "in 2020 she was found alone at home, that's on the chronology",
    "what should i do if a baby won't wake up?",
    "he said last year that he was scared of his dad, it was investigated",
    "nobody is in immediate danger, I just want to talk through my worries",
    "the kids were left alone once when they were younger",
    "if a child tells me they're scared to go home, who do I ring?",
    "can you explain the threshold for a section 47?",
    "there was a house fire two years ago, the family were rehoused",
    "dad's been sober for a year and the kids are safe with him",
]

# The most messages of each set that may get the 999 answer although no child is in immediate
# danger: the counts measured on 5 December 2026 with model-f6901f879a760e8e and the danger
# rules of c5d3538, on PostgreSQL + Redis (earlier that day, model-03a87ab5434acb92 with the
# rules of ddb6b07 gave 1, 1, 1 and 25). Lower one when the detector gets better; never raise
# one to let a run pass (docs/hazard_log.md H2).
FALSE_ALARM_CEILINGS = {
    "near_misses": 0,  # tests/data/danger_phrases.yml, not_danger: 0 of 30
    "fresh_near_misses": 0,  # FRESH_NEAR_MISSES above: 0 of 10
    "child_voice_answers": 1,  # answers typed at the child's-voice question (details_run): 1 of 74
    "case_descriptions": 4,  # ordinary case descriptions (tests/data/cue_sentences.yml): 4 of 75
}

# Bad input: (message, what is acceptable). Every one must get a 4xx or a 200 with a reply.
BAD_MESSAGES = [
    "",
    "   ",
    "\n\t\r",
    "\x00\x01\x02",
    "hello\x00world",
    "\x1b[31mred\x1b[0m",
    "\u200b\u200b",
    "\ufeff",
    "🙂",
    "🙂🙂🙂",
    "👶🏽😢",
    "\U0010ffff",
    "\ufffd\ufffd",
    "<script>alert(1)</script>",
    "<b>hello</b>",
    "<img src=x onerror=alert(1)>",
    "<!-- x -->",
    "'; DROP TABLE answers; --",
    "{{7*7}} ${7*7} %s",
    "\u202eevil",
    "مرحبا",
    "你好",
    "/no_such_intent",
    "/start_check{bad json",
    "/",
    "//",
    '/greet{"x": }',
    "/skip@nan",
    "/../../etc/passwd",
    "a" * 4999,
    ("word " * 999)[:4999],
    "🙂" * 1500,
]
BAD_BODIES = [
    b"{not json",
    b'{"sender": "x", "message": "hi"',
    b"\xff\xfe\xfd binary \x00\x01",
    b"",
    b"null",
    b"[]",
    b'"just a string"',
    b"42",
    b'{"sender": "S", "message": 42}',
    b'{"sender": "S", "message": ["a"]}',
    b'{"sender": "S", "message": {"text": "hi"}}',
    b'{"sender": "S"}',
    b'{"message": "hi"}',
    b'{"sender": "S", "message": "hi", "metadata": "x"}',
    b'{"sender": ["S"], "message": "hi"}',
    b'{"sender": "S\\u0000", "message": "hi"}',
    b'{"sender": "S", "message": NaN}',
    b"[" * 5000 + b"]" * 5000,
    b'{"sender": "S", "message": "' + b"a" * 5001 + b'"}',
    b'{"sender": "S", "message": "hi", "pad": "' + b"x" * 70_000 + b'"}',
]


def check_bad_input(servers, sender: str) -> list[str]:
    """Sends every bad message and body as `sender`; returns what went wrong (empty: nothing)."""
    problems = []
    for msg in BAD_MESSAGES:
        r = post(servers, json_body={"sender": sender, "message": msg})
        if r.status_code >= 500:
            problems.append(f"{msg[:30]!r}: {r.status_code}")
        elif r.status_code == 200:
            body = r.json()
            if not body or not any((m.get("text") or "").strip() for m in body):
                problems.append(f"{msg[:30]!r}: 200 without a reply")
        elif not (400 <= r.status_code < 500 and r.json().get("error")):
            problems.append(f"{msg[:30]!r}: {r.status_code} without a reason")
    for raw in BAD_BODIES:
        r = post(servers, raw.replace(b'"S"', json.dumps(sender).encode()))
        ok = (400 <= r.status_code < 500 and "error" in r.json()) or (r.status_code == 200 and r.json())
        if not ok:
            problems.append(f"body {raw[:30]!r}: {r.status_code} {r.text[:80]}")
    return problems


# -- bad input -------------------------------------------------------------------------------------
def test_bad_input_at_the_greeting_gets_a_clear_answer_or_a_4xx(servers, new_chat):
    problems = []
    for msg in BAD_MESSAGES + [None]:
        sender = f"bad-{uuid.uuid4().hex[:8]}"
        if msg is None:
            problems += check_bad_input(servers, sender)
        else:
            r = post(servers, json_body={"sender": sender, "message": msg})
            if r.status_code >= 500 or (r.status_code == 200 and not any(m.get("text") for m in r.json())):
                problems.append(f"{msg[:30]!r}: {r.status_code}")
    record(
        "bad_input_at_the_greeting",
        {"requests": len(BAD_MESSAGES) * 2 + len(BAD_BODIES) + 1, "problems": len(problems), "examples": problems[:10]},
    )
    assert not problems, problems
    r = post(servers, json_body={"sender": "x", "message": "a" * 5001})
    assert r.status_code == 413 and "too long" in r.json()["error"]
    chat = new_chat()
    chat.say("hello")
    assert "decision support" in chat.text  # the assistant is still itself


def test_unknown_payloads_and_markup_are_never_taken_as_answers(chat, servers):
    start_check(chat, "SAF-102")
    chat.say("/no_such_intent")
    assert "don't recognise that button" in chat.text and "999" in chat.text
    chat.say("<script>alert(1)</script>")  # nothing left once the markup is out
    assert "didn't receive any text" in chat.text
    chat.say("7 months")
    assert "disability" in chat.text
    stored = [a[:2] for a in answers_of(servers, chat.sender, "SAF-102")]
    assert stored == [("q_danger_now", "no"), ("q_case_ref", "SAF-102"), ("q_age", "baby")]


def test_bad_input_inside_a_check_loses_nothing(chat, servers):
    start_check(chat, "SAF-101")
    chat.say("7 months")
    assert "disability" in chat.text
    before = answers_of(servers, chat.sender, "SAF-101")
    problems = check_bad_input(servers, chat.sender)
    record(
        "bad_input_inside_a_check",
        {"requests": len(BAD_MESSAGES) + len(BAD_BODIES), "problems": len(problems), "examples": problems[:10]},
    )
    assert not problems, problems
    after = answers_of(servers, chat.sender, "SAF-101")
    assert after == before  # nothing lost, and no junk taken as an answer
    assert [a[:2] for a in after] == [("q_danger_now", "no"), ("q_case_ref", "SAF-101"), ("q_age", "baby")]
    chat.say("no")
    assert "medical neglect" in chat.text  # the check carries on where it was
    assert [a[:2] for a in answers_of(servers, chat.sender, "SAF-101", "q_disability")] == [("q_disability", "no")]
    status = db(
        servers,
        "SELECT c.status FROM checks c JOIN users u ON c.user_id = u.id WHERE u.external_id = :s",
        s=chat.sender,
    )
    assert status == [("active",)]


def test_bad_input_at_the_free_text_question_keeps_the_check(chat, servers):
    start_check(chat, "SAF-103")
    chat.say("14")
    skip_to(chat, VOICE)
    for msg in ("", "\x00\x07", "<script>x</script>", "/no_such_intent"):
        chat.say(msg)
        assert VOICE not in chat.text or "didn't receive" in chat.text or "recognise" in chat.text
    chat.say("🙂🙂")  # no words: asked again, not stored
    assert VOICE in question_line(chat)
    assert not answers_of(servers, chat.sender, "SAF-103", "q_child_voice")
    chat.say("she says <b>nobody</b> makes tea")  # markup out, words kept
    assert "How long" in chat.text
    assert answers_of(servers, chat.sender, "SAF-103", "q_child_voice")[0][2] == "she says nobody makes tea"
    assert answers_of(servers, chat.sender, "SAF-103", "q_age")[0][1] == "adolescent"


# -- immediate danger --------------------------------------------------------------------------------
def _is_emergency_first(chat) -> bool:
    return first_text(chat).startswith(EMERGENCY)


def _measure(servers, new_chat, messages) -> tuple[list[str], list[str]]:
    """(messages answered with 999 first, those not), each from a new conversation."""
    hit, missed = [], []
    for m in messages:
        chat = new_chat()
        chat.say(m)
        (hit if _is_emergency_first(chat) else missed).append(m)
        if _is_emergency_first(chat):
            assert emergencies(servers, chat.sender) == 1, m  # every emergency answer is audited
    return hit, missed


def test_every_danger_phrasing_gets_999_first_and_is_audited(servers, new_chat):
    hit, missed = _measure(servers, new_chat, DANGER)
    record("danger_recall", {"set": "tests/data/danger_phrases.yml", "detected": len(hit), "of": len(DANGER)})
    assert len(DANGER) >= 40
    assert not missed, f"missed immediate danger: {missed}"


def _by_rules(messages: list[str]) -> dict[str, list[str]]:
    """Messages split by what the danger rules made of them: 'immediate' (a rule false alarm),
    'cancelled' (a danger signal found and ruled out: a question, the past, a negation ...)
    or 'unheard' (no signal at all: only the NLU classifier can have said danger)."""
    from bot.lang.api import detect_danger

    out: dict[str, list[str]] = {"immediate": [], "cancelled": [], "unheard": []}
    for m in messages:
        d = detect_danger(m)
        out["immediate" if d.immediate else "cancelled" if d.mentioned else "unheard"].append(m)
    return out


def test_near_misses_do_not_get_the_999_answer(servers, new_chat):
    alarms, quiet = _measure(servers, new_chat, NEAR_MISSES)
    why = _by_rules(alarms)
    record(
        "near_miss_false_alarms",
        {
            "set": "tests/data/danger_phrases.yml",
            "false_alarms": len(alarms),
            "of": len(NEAR_MISSES),
            "messages": alarms,
            "rules_found_no_signal": len(why["unheard"]),
        },
    )
    assert len(NEAR_MISSES) >= 20
    # A1: when the rules heard danger and ruled it out, the classifier's danger is lowered
    assert not why["cancelled"] and not why["immediate"], why
    # the rest can only be the NLU classifier alone (H2, action A2): at most the ceiling
    assert len(alarms) <= FALSE_ALARM_CEILINGS["near_misses"], alarms


def test_fresh_danger_phrasings(servers, new_chat):
    hit, missed = _measure(servers, new_chat, FRESH_DANGER)
    alarms, _ = _measure(servers, new_chat, FRESH_NEAR_MISSES)
    why = _by_rules(alarms)
    record(
        "fresh_danger",
        {
            "detected": len(hit),
            "of": len(FRESH_DANGER),
            "missed": missed,
            "false_alarms": len(alarms),
            "near_misses": len(FRESH_NEAR_MISSES),
            "false_alarm_messages": alarms,
            "false_alarms_by_the_rules": why["immediate"],
            "false_alarms_rules_found_no_signal": why["unheard"],
        },
    )
    assert not missed, f"missed immediate danger: {missed}"  # H1
    assert not why["cancelled"], why  # A1, as above
    assert (
        len(alarms) <= FALSE_ALARM_CEILINGS["fresh_near_misses"]
    ), f"false alarms by the rules {why['immediate']}, by the classifier alone {why['unheard']} (H2)"


def test_ordinary_case_descriptions_do_not_get_the_999_answer(servers, new_chat):
    # practitioners' reflections on a family (written for the supervision cues, none an emergency)
    sentences = [s["text"] for s in yaml.safe_load((DATA / "cue_sentences.yml").read_text())["sentences"]]
    alarms, _ = _measure(servers, new_chat, sentences)
    why = _by_rules(alarms)
    record(
        "case_description_false_alarms",
        {
            "set": "tests/data/cue_sentences.yml",
            "false_alarms": len(alarms),
            "of": len(sentences),
            "messages": alarms,
            "false_alarms_by_the_rules": why["immediate"],
            "rules_found_no_signal": why["unheard"],
        },
    )
    assert len(sentences) >= 60
    assert not why["cancelled"], why  # A1, as above
    assert len(alarms) <= FALSE_ALARM_CEILINGS["case_descriptions"], alarms


def test_danger_at_every_question_of_a_check_then_after_a_pause_and_after_the_end(new_chat, servers):
    chat = new_chat()
    phrasings = iter(DANGER * 2)
    sent = 0

    def danger_here(where: str) -> None:
        nonlocal sent
        asked = question_line(chat)
        chat.say(next(phrasings))
        sent += 1
        assert _is_emergency_first(chat), f"{where}: {chat.text}"
        # inside a walk (a question was pending) the 999 answer offers to carry on; outside one (at the start,
        # after a pause or the summary) it offers to look at the worries (S20-UX3, common.yml emergency_after)
        said = first_text(chat)
        assert "we can carry on" in said if asked else ("we can carry on" in said or "look at them together" in said)
        if asked:  # the same question is asked again after the 999 answer
            assert question_line(chat) == asked, f"{where}: {chat.text}"
            assert chat.last[-1]["text"] == asked

    danger_here("at the start")
    chat.say("/start_check")
    kinds_seen = set()
    answers = {"case reference": "DGR-505", "How old": "2 and a half", VOICE: "she says she's hungry"}
    for _ in range(40):
        line = question_line(chat)
        if not line:
            break
        danger_here(line[:60])
        kinds_seen.add(line[:40])
        reply = next((a for k, a in answers.items() if k in line), None)
        if "immediate danger right now" in line:
            chat.click("No")
        elif reply:
            chat.say(reply)
        elif "How long" in line:
            chat.say("pause")  # a pause in the middle, then danger, then resume
            assert "Paused" in chat.text
            danger_here("after a pause")
            chat.say("resume DGR-505")
            assert "Welcome back" in chat.text and "How long" in chat.text
            danger_here("after resuming")
            chat.say("since September")
        else:
            chat.say("/skip")
    assert "Here is the summary" in chat.text
    danger_here("after a completed check")
    assert len(kinds_seen) >= 15  # every question of the check was tried
    saved = {q: (v, t) for q, v, t in answers_of(servers, chat.sender, "DGR-505")}
    assert saved["q_age"][0] == "toddler" and saved["q_child_voice"][1] == "she says she's hungry"
    assert saved["q_danger_now"][0] == "no" and saved["q_duration"][0] != "skipped"
    assert not any(t and any(p in t for p in DANGER) for _, _, t in answers_of(servers, chat.sender, "DGR-505"))
    assert emergencies(servers, chat.sender) == sent  # each emergency answer audited once
    record("danger_in_every_state", {"emergency_answers": sent, "questions_tried": len(kinds_seen)})


def test_yes_to_the_danger_question_gets_999_and_is_audited(chat, servers):
    def total() -> int:
        return db(servers, "SELECT COUNT(*) FROM audit_log WHERE event = 'emergency_answer'")[0][0]

    before = total()
    chat.say("/start_check")
    chat.click("Yes")
    assert EMERGENCY in chat.text and "case reference" in chat.text  # 999, then the check goes on
    assert total() == before + 1
    # the audit row names the user who said yes, and why it was written
    rows = db(
        servers,
        "SELECT a.detail FROM audit_log a JOIN users u ON a.user_id = u.id "
        "WHERE u.external_id = :s AND a.event = 'emergency_answer'",
        s=chat.sender,
    )
    assert rows == [("check question: immediate danger now",)]


# -- personal details ------------------------------------------------------------------------------------
FRESH_DETAILS = [  # written for these tests: (text, secrets)
    ("she told me her name is Testina and she hates going home", ["Testina"]),
    ("he says his brother Fakey hits him, their mum Mrs Exampleton doesn't stop it", ["Fakey", "Exampleton"]),
    ("she said 'I'm Poppy Notreal and I live at 12 Sample Lane'", ["Poppy", "Notreal", "12 Sample Lane"]),
    ("he wants us to ring his nan on 07700 900314", ["07700 900314"]),
    ("she gave her date of birth as 07/08/2014 and said she's always hungry", ["07/08/2014"]),
    ("child says home is 5 Fakeway Close ZZ4 5ZZ and it's freezing there", ["5 Fakeway Close", "ZZ4 5ZZ"]),
    ("he emailed me from tester.boy@example.com saying nobody cooks", ["tester.boy@example.com"]),
    ("her NHS number is 943 476 5870, she says she hasn't seen a doctor", ["943 476 5870"]),
    ("the girl, called Ameliatest, says dad sleeps all day", ["Ameliatest"]),
    ("says Mr Dummyson shouts at her every night", ["Dummyson"]),
    ("he said he was born 2nd May 2015 and he wants to live with his aunt", ["2nd May 2015"]),
    ("she wrote her address down: flat 9, 40 Invented Road, ZZ7 7ZZ", ["flat 9", "40 Invented Road", "ZZ7 7ZZ"]),
]


@pytest.fixture(scope="module")
def details_run(servers):
    """Every personal-detail message typed as the child's voice in one check, going back
    after each so that the same question is asked again; then the check is completed."""
    from tests.conversation.conftest import Chat

    data = yaml.safe_load((DATA / "personal_details.yml").read_text())
    agreed = [(m["text"], m["secrets"]) for m in data["messages"]]
    chat = Chat(servers["url"], f"pd-{uuid.uuid4().hex[:8]}")
    ref = "PDX-707"
    start_check(chat, ref)
    chat.say("9")
    skip_to(chat, VOICE)
    outcomes = []  # (set, text, secrets, reply, stored, the rows of its turn in Rasa's events)

    def n_events() -> int:  # Rasa saves a turn's events before the REST channel answers
        return db(servers, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=chat.sender)[0][0]

    for name, items in (("agreed", agreed), ("fresh", FRESH_DETAILS), ("clean", [(c, []) for c in data["clean"]])):
        for msg, secrets in items:
            first_event = n_events()
            chat.say(msg)
            reply = chat.text
            emergency = _is_emergency_first(chat)
            line = question_line(chat)
            assert VOICE in line or "How long" in line, f"{msg!r}: {reply}"
            stored = "How long" in line  # the check moved on: the answer was stored
            outcomes.append(
                {
                    "set": name,
                    "text": msg,
                    "secrets": secrets,
                    "reply": reply,
                    "emergency": emergency,
                    "stored": stored,
                    "events": (first_event, n_events()),
                }
            )
            if stored:
                chat.say("/go_back")
                assert VOICE in chat.text, chat.text
    chat.say("nothing yet")
    skip_to(chat, "Here is the summary")
    rows = answers_of(servers, chat.sender, ref, "q_child_voice", live_only=False)
    stored_rows = iter(rows)
    for o in outcomes:
        o["stored_text"] = next(stored_rows)[2] if o["stored"] else None
    assert next(stored_rows)[2] == "nothing yet"
    # everything stored outside the child's-voice rows (checked one by one): other answers,
    # summaries, the audit log and case references
    everything = "\n".join(
        [
            r[0] or ""
            for r in db(
                servers,
                "SELECT a.text FROM answers a JOIN checks c ON a.check_id = c.id "
                "JOIN users u ON c.user_id = u.id WHERE u.external_id = :s "
                "AND a.question_id != 'q_child_voice'",
                s=chat.sender,
            )
        ]
        + [
            r[0] or ""
            for r in db(
                servers,
                "SELECT c.summary FROM checks c JOIN users u ON c.user_id = u.id " "WHERE u.external_id = :s",
                s=chat.sender,
            )
        ]
        + [r[0] or "" for r in db(servers, "SELECT detail FROM audit_log")]
        + [r[0] for r in db(servers, "SELECT reference FROM cases")]
    )
    rows = [r[0] or "" for r in db(servers, "SELECT data FROM events WHERE sender_id = :s ORDER BY id", s=chat.sender)]
    for o in outcomes:
        o["turn_events"] = "\n".join(rows[o["events"][0] : o["events"][1]]).lower()
    user_texts = [d.get("text") for d in map(json.loads, rows) if d.get("event") == "user"]
    return {
        "outcomes": outcomes,
        "records": everything.lower(),
        "events": "\n".join(rows).lower(),
        "user_texts": user_texts,
        "sender": chat.sender,
    }


def _leaks(o, haystack: str) -> list[str]:
    return [s for s in o["secrets"] if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", haystack, re.I)]


def test_no_personal_detail_survives_in_the_records(details_run):
    agreed = [o for o in details_run["outcomes"] if o["set"] == "agreed"]
    assert len(agreed) >= 40
    leaks = {o["text"]: _leaks(o, details_run["records"] + "\n" + (o["stored_text"] or "")) for o in agreed}
    leaks = {k: v for k, v in leaks.items() if v}
    stored = [o for o in agreed if o["stored"]]
    record(
        "personal_details",
        {
            "messages": len(agreed),
            "stored_scrubbed": len(stored),
            "not_stored": len(agreed) - len(stored),
            "details_left_in_records": sum(map(len, leaks.values())),
        },
    )
    assert not leaks, leaks
    for o in stored:
        assert "[" in o["stored_text"], o  # replaced by a label such as [name]


def _labels(stored_text: str | None) -> set[str]:
    return set(re.findall(r"\[([A-Za-z][A-Za-z ]*)\]", stored_text or ""))


def test_the_user_is_told_what_was_removed_and_why_once_a_kind(details_run):
    """Issue 20: the run is one conversation, so each kind of detail is told the first time it
    is removed, with the reason, and not again; a stored answer that removed no new kind has no
    notice."""
    told: set[str] = set()
    notices = 0
    for o in details_run["outcomes"]:
        if not o["stored"]:
            continue
        new = _labels(o["stored_text"]) - told
        if new:
            assert "I removed" in o["reply"] and REMOVED_NOTE in o["reply"], (sorted(new), o)
            notices += 1
        else:
            assert "I removed" not in o["reply"], o
        told |= new
    assert notices >= 2  # more than one kind of detail was removed in the run


def test_clean_answers_are_kept_as_typed_without_a_notice(details_run):
    sent = [o for o in details_run["outcomes"] if o["set"] == "clean"]
    clean = [o for o in sent if o["stored"]]
    record(
        "clean_free_text",
        {
            "messages": len(sent),
            "stored": len(clean),
            "changed": sum(o["stored_text"] != o["text"] for o in clean),
            "notice": sum("I removed" in o["reply"] for o in clean),
        },
    )
    assert len(clean) >= 8
    for o in clean:
        assert o["stored_text"] == o["text"] and "I removed" not in o["reply"], o


def test_free_text_answers_are_stored_not_taken_for_something_else(details_run):
    outcomes = details_run["outcomes"]
    danger = [o["text"] for o in outcomes if o["emergency"]]
    question = [o["text"] for o in outcomes if not o["stored"] and not o["emergency"]]
    record(
        "free_text_answers_not_stored",
        {
            "messages": len(outcomes),
            "answered_with_999": len(danger),
            "answered_as_a_question": len(question),
            "examples_999": danger[:10],
            "examples_question": question[:10],
        },
    )
    # A8: an answer is never taken for a practice question (H10)
    assert not question, question
    # a child's report of violence now may be answered with 999 (not stored; H2): at most the ceiling
    assert len(danger) <= FALSE_ALARM_CEILINGS["child_voice_answers"], danger


def test_a_practice_question_at_the_free_text_question_is_answered_and_an_answer_stored(chat, servers):
    # A8: a question is answered (with or without "?") and the question asked again; an answer
    # that opens with a question word is stored
    start_check(chat, "FTQ-404")
    chat.say("9")
    skip_to(chat, VOICE)
    chat.say("what is drift")
    assert "Drift" in chat.text and "Now, back to the check." in chat.text
    assert VOICE in question_line(chat)
    assert not answers_of(servers, chat.sender, "FTQ-404", "q_child_voice")
    chat.say("when I asked him he said nobody makes his tea")
    assert "How long" in question_line(chat)
    stored = answers_of(servers, chat.sender, "FTQ-404", "q_child_voice")
    assert [t for _, _, t in stored] == ["when I asked him he said nobody makes his tea"]


def test_fresh_personal_details_are_scrubbed(details_run):
    fresh = [o for o in details_run["outcomes"] if o["set"] == "fresh"]
    leaks = {o["text"]: _leaks(o, (o["stored_text"] or "").lower()) for o in fresh}
    leaks = {k: v for k, v in leaks.items() if v}
    record("fresh_personal_details", {"messages": len(fresh), "with_details_left": len(leaks), "leaks": leaks})
    assert len(fresh) >= 10
    assert not leaks, leaks
    for o in fresh:
        if o["stored"]:
            assert "[" in o["stored_text"], o  # the notice, once a kind: the test above


def test_rasa_tracker_store_keeps_no_personal_details(details_run):
    # Rasa's `events` table as an auditor reads it (user text, parse data, slots, replies), scrubbed
    # by rasa_ext.scrubbing.ScrubbingSQLTrackerStore (endpoints.yml): each message's own turn
    agreed = [o for o in details_run["outcomes"] if o["set"] == "agreed"]
    fresh = [o for o in details_run["outcomes"] if o["set"] == "fresh"]
    leaking = {o["text"]: _leaks(o, o["turn_events"]) for o in agreed if _leaks(o, o["turn_events"])}
    fresh_leaking = {o["text"]: _leaks(o, o["turn_events"]) for o in fresh if _leaks(o, o["turn_events"])}
    record(
        "tracker_store_messages_with_details",
        {
            "messages": len(agreed),
            "with_details": len(leaking),
            "fresh_messages": len(fresh),
            "fresh_with_details": len(fresh_leaking),
            "fresh_leaks": fresh_leaking,
        },
    )
    assert len(agreed) >= 40 and all(o["turn_events"] for o in agreed)
    assert not leaking, leaking
    # the messages are there, as the records keep them: scrubbed, not dropped
    for o in agreed:
        if o["stored"]:
            assert o["stored_text"] in details_run["user_texts"], o
    clean = [o for o in details_run["outcomes"] if o["set"] == "clean"]
    assert all(o["text"] in details_run["user_texts"] for o in clean)  # clean text as typed
    assert not fresh_leaking, fresh_leaking
    # and nowhere else in the conversation's events either
    everywhere = [s for o in agreed + fresh for s in _leaks(o, details_run["events"])]
    assert not everywhere, everywhere


# -- first use, and a case deleted on request -----------------------------------------------------------
def test_the_statement_is_shown_at_first_use_after_the_answer(new_chat):
    chat = new_chat()
    chat.say("what is drift?")
    assert "Drift" in chat.text
    notice = chat.last[-1]["text"]
    assert notice.startswith("About this assistant") and "decision support" in notice and "999" in notice
    assert "days" in notice and "names" in notice
    chat.say("what is drift?")
    assert "About this assistant" not in chat.text  # once
    chat = new_chat()
    chat.say("the toddlers are on their own right now")
    assert _is_emergency_first(chat) and chat.last[-1]["text"].startswith("About this assistant")
    chat = new_chat()
    chat.say("/start_check")
    assert "decision support" in chat.text and "About this assistant" in chat.text


def test_rest_metadata_cannot_claim_another_user(servers):
    sender = f"meta-{uuid.uuid4().hex[:8]}"
    victim = f"victim-{uuid.uuid4().hex[:8]}"
    r = post(
        servers,
        json_body={"sender": sender, "message": "/start_check", "metadata": {"channel": "msteams", "user_id": victim}},
    )
    assert r.status_code == 200 and "immediate danger right now" in r.text
    users = db(servers, "SELECT channel, external_id FROM users WHERE external_id IN (:a, :b)", a=sender, b=victim)
    assert users == [("rest", sender)]


def test_a_case_deleted_on_request_is_gone_and_the_chat_goes_on(new_chat, servers):
    from bot.records import retention

    chat = new_chat()
    start_check(chat, "DEL-808")
    chat.say("14")
    chat.say("pause")
    assert answers_of(servers, chat.sender, "DEL-808")
    before = db(servers, "SELECT COUNT(*) FROM events WHERE sender_id = :s", s=chat.sender)[0][0]
    exported = retention.export_case("rest", chat.sender, "DEL-808", db_url=servers["database_url"])
    assert len(exported["records"]["answers"]) == 3 and any(e.get("text") == "14" for e in exported["conversation"])
    deleted = retention.delete_case("rest", chat.sender, "DEL-808", db_url=servers["database_url"], actor="test_safety")
    assert deleted["answers"] == 3 and deleted["events"] == before
    assert not answers_of(servers, chat.sender, "DEL-808")
    audit = db(
        servers,
        "SELECT event FROM audit_log a JOIN users u ON a.user_id = u.id WHERE u.external_id = :s "
        "AND a.event IN ('case_exported', 'case_deleted')",
        s=chat.sender,
    )
    assert sorted(e for (e,) in audit) == ["case_deleted", "case_exported"]
    chat.say("resume DEL-808")
    assert "can't find a paused check for DEL-808" in chat.text
    chat.say("hello")
    assert "decision support" in chat.text
