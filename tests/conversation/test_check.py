"""Whole guided checks through the running servers, and what is stored afterwards."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def stored(servers, sql: str, **params):
    engine = create_engine(servers["database_url"], future=True)
    with engine.connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def answers_for(servers, ref: str) -> dict[str, str]:
    rows = stored(
        servers,
        "SELECT a.question_id, a.value FROM answers a JOIN checks c ON a.check_id = c.id "
        "JOIN cases k ON c.case_id = k.id WHERE k.reference = :ref AND NOT a.superseded",
        ref=ref,
    )
    return dict(rows)


def test_a_whole_check_by_buttons(chat, servers):
    chat.say("/start_check")
    assert "one question at a time" in chat.text
    assert "immediate danger right now" in chat.text
    chat.click("No")
    assert "case reference" in chat.text
    chat.say("BTN-101")
    assert "How old is the child" in chat.text
    chat.click("1 to 4")
    assert "disability" in chat.text
    chat.click("No")
    for _ in range(6):  # the six types of neglect, one at a time, with examples for a toddler
        assert "Have you seen signs of" in chat.text and "could look like" in chat.text
        if "signs of physical neglect?" in chat.text:
            chat.click("Yes")
            assert "how often" in chat.text
            chat.click("Persistent")
            assert "What impact" in chat.text
            chat.click("Serious")
        else:
            chat.click("No")
    assert "affecting the parents' care" in chat.text
    chat.click("None of these")
    chat.click("Managing")
    assert "working well" in chat.text
    chat.click("Warm relationship")
    chat.click("Seem to engage")
    assert "Do any of these fit" in chat.text
    chat.click("Yes")
    assert "on their own" in chat.text
    chat.click("No")
    assert "What does the child say" in chat.text
    chat.say("nothing yet")
    assert "How long" in chat.text
    chat.click("More than a year")
    chat.click("No")  # help before
    chat.click("Yes")  # safeguarding lead knows
    assert "0 to 10" in chat.text
    chat.click("4")
    assert "Here is the summary" in chat.text
    assert "Neglect check for case BTN-101" in chat.text
    assert "point towards Child protection" in chat.text
    assert "it is not a decision" in chat.text
    assert "Source" in chat.text or "[" in chat.text
    assert "Suggested next steps" in chat.text and "See and speak to the child on their own" in chat.text
    assert "Questions to reflect on" in chat.text
    saved = answers_for(servers, "BTN-101")
    assert saved["q_seen__physical_neglect"] == "yes" and saved["q_pattern__physical_neglect"] == "persistent"
    assert saved["q_age"] == "toddler" and saved["q_scale"] == "4"
    level = stored(
        servers,
        "SELECT c.level, c.status FROM checks c JOIN cases k ON c.case_id = k.id " "WHERE k.reference = 'BTN-101'",
    )
    assert level == [("child_protection", "complete")]


def test_a_whole_check_in_free_text(chat, servers):
    chat.say("I'm worried about a family, not sure if it meets threshold")
    assert "immediate danger right now" in chat.text
    chat.say("no")
    chat.say("case ftx-202")
    assert "How old" in chat.text
    chat.say("she's 14")
    chat.say("no")  # disability
    replies = {
        "medical": "no",
        "nutritional": "not sure",
        "emotional": "yes, mum ignores her",
        "educational": "no",
        "physical": "no",
        "lack of supervision": "yes she is out till late",
    }
    for _ in range(6):
        kind = next(k for k in replies if f"signs of {k}" in chat.text)
        chat.say(replies[kind])
        if "how often" in chat.text:
            chat.say("most of the time")
            assert "What impact" in chat.text
            chat.say("some impact on her mood")
    assert "affecting the parents' care" in chat.text
    chat.say("mum drinks and there's DV")
    chat.say("they're struggling with debt")
    assert "practical help" in chat.text
    chat.say("yes")
    chat.say("her nan is very supportive")
    chat.say("mum says the right things but nothing changes")
    chat.say("yes")  # signs of disguised compliance
    chat.say("no, only ever with mum there")
    chat.say("she says she gets her own tea most nights")
    chat.say("since September")
    chat.say("early help last year")
    chat.say("no")
    chat.say("4 out of 10")
    assert "Neglect check for case FTX-202" in chat.text
    assert "point towards" in chat.text
    saved = answers_for(servers, "FTX-202")
    assert saved["q_age"] == "adolescent"
    assert saved["q_parental_factors"] == "domestic_abuse,substance_misuse"
    assert saved["q_material"] == "struggling" and saved["q_engagement"] == "no_change"
    assert saved["q_previous"] == "early_help" and saved["q_seen__nutritional_neglect"] == "unsure"


def test_why_skip_back_question_and_danger_mid_check(chat, servers):
    chat.say("/start_check")
    chat.click("No")
    chat.say("MID-303")
    chat.say("/why_asking")
    assert "Why I ask" in chat.text and "Source" in chat.text
    assert "How old is the child" in chat.text  # asked again
    chat.say("7 months")
    assert "disability" in chat.text
    chat.say("/skip")
    assert "medical neglect" in chat.text
    chat.say("/go_back")
    assert "go back" in chat.text and "disability" in chat.text
    chat.say("no")
    assert "medical neglect" in chat.text
    chat.say("what is drift?")
    assert "Drift" in chat.text and "back to the check" in chat.text and "medical neglect" in chat.text
    chat.say("baby won't wake up properly")
    assert "call 999 now" in chat.text and "medical neglect" in chat.text
    saved = answers_for(servers, "MID-303")
    assert saved["q_age"] == "baby" and saved["q_disability"] == "no"
    audit = stored(servers, "SELECT event FROM audit_log WHERE event = 'emergency_answer'")
    assert audit


def test_pause_and_resume_by_case_reference_then_stop(new_chat, servers):
    chat = new_chat()
    chat.say("/start_check")
    chat.click("No")
    chat.say("PAU-404")
    chat.say("2 and a half")
    chat.say("pause")
    assert "Paused" in chat.text and "resume PAU-404" in chat.text
    chat.say("hello")
    assert "decision support" in chat.text  # the check is no longer asking
    chat.say("resume PAU-404")
    assert "Welcome back" in chat.text and "disability" in chat.text
    chat.say("no")
    assert "medical neglect" in chat.text
    chat.say("stop")
    assert "stopped" in chat.text and "saved under PAU-404" in chat.text
    status = stored(
        servers, "SELECT c.status FROM checks c JOIN cases k ON c.case_id = k.id " "WHERE k.reference = 'PAU-404'"
    )
    assert status == [("stopped",)]
    assert answers_for(servers, "PAU-404")["q_age"] == "toddler"


def test_a_name_as_case_reference_is_refused(chat, servers):
    chat.say("/start_check")
    chat.click("No")
    chat.say("Mrs Testperson")
    assert "reference" in chat.text and "ABC-12" in chat.text
    assert not stored(servers, "SELECT reference FROM cases WHERE reference LIKE '%TESTPERSON%'")
