"""Training mode through the running servers: a scenario by buttons, one in free text, the
scores shown and stored, progress on request, and the 999 answer from inside practice."""

from __future__ import annotations

from sqlalchemy import create_engine, text


def stored(servers, sql: str, **params):
    engine = create_engine(servers["database_url"], future=True)
    with engine.connect() as conn:
        return conn.execute(text(sql), params).fetchall()


def attempts_of(servers, sender: str):
    return stored(
        servers,
        "SELECT t.scenario_ref, t.status, t.points, t.max_points FROM training_attempts t "
        "JOIN users u ON t.user_id = u.id WHERE u.external_id = :sender AND t.scenario_id IS NOT NULL "
        "ORDER BY t.id",
        sender=sender,
    )


def answers_of(servers, sender: str):
    return stored(
        servers,
        "SELECT a.step_id, a.value, a.points FROM training_answers a "
        "JOIN training_attempts t ON a.attempt_id = t.id JOIN users u ON t.user_id = u.id "
        "WHERE u.external_id = :sender ORDER BY a.id",
        sender=sender,
    )


def test_a_scenario_by_buttons_with_score_and_stored_progress(chat, servers):
    chat.say("/start_training")
    assert "[PRACTICE] Training mode" in chat.text and "Choose a practice scenario" in chat.text
    chat.click("TRN-03")
    assert "TRN-03: A toddler alone in the flat" in chat.text and "invented family" in chat.text
    assert all(m["text"].startswith("[PRACTICE]") for m in chat.last)
    assert "step 1 of 3" in chat.text
    chat.click("Lack of supervision")
    assert "Selected so far: Lack of supervision" in chat.text
    chat.click("Done")
    assert "Right: 2 of 2 points" in chat.text and "Source:" in chat.text and "Learning point:" in chat.text
    assert "step 2 of 3" in chat.text
    chat.click("Child protection")
    assert "Partly right: 1 of 2 points" in chat.text
    assert "Model answer: Immediate danger (emergency action)" in chat.text
    chat.click("Call 999")
    assert "call 999 now" not in chat.text  # a practice answer, not a report of danger
    assert "Scenario TRN-03 complete: you scored 5 of 6 points (83%)" in chat.text
    assert all(m["text"].startswith("[PRACTICE]") for m in chat.last)
    assert attempts_of(servers, chat.sender) == [("TRN-03", "complete", 5, 6)]
    assert answers_of(servers, chat.sender) == [
        ("trn_cedar_types", "supervision_neglect", 2),
        ("trn_cedar_level", "child_protection", 1),
        ("trn_cedar_next", "call_999", 2),
    ]
    assert stored(
        servers,
        "SELECT COUNT(*) FROM cases k JOIN users u ON k.owner_id = u.id " "WHERE u.external_id = :sender",
        sender=chat.sender,
    ) == [(0,)]
    chat.say("how am I doing")
    assert "Your training progress" in chat.text and "Scenarios completed: 1 of 16" in chat.text
    assert "Average score: 83%" in chat.text


def test_a_scenario_in_free_text_then_progress_over_two_attempts(chat, servers):
    chat.say("i'm new, can i practise?")
    assert "Choose a practice scenario" in chat.text
    chat.say("a scenario about poverty please")
    assert "TRN-09" in chat.text and "step 1 of 3" in chat.text
    chat.say("none, the children are well cared for")
    assert "Right: 2 of 2 points" in chat.text
    chat.say("child in need")
    assert "Partly right: 1 of 2 points" in chat.text and "Early help or Universal services" in chat.text
    chat.say("it's bias, assuming poor families neglect their children")
    assert "Scenario TRN-09 complete: you scored 5 of 6 points (83%)" in chat.text
    chat.say("/start_training")
    chat.say("TRN-14")
    chat.say("educational and emotional")
    chat.say("snapshot")
    chat.say("early help")
    assert "Scenario TRN-14 complete: you scored 6 of 6 points (100%)" in chat.text
    assert attempts_of(servers, chat.sender) == [("TRN-09", "complete", 5, 6), ("TRN-14", "complete", 6, 6)]
    chat.say("how am I doing")
    assert "Scenarios completed: 2 of 16" in chat.text and "Scores over time: 83% → 100%" in chat.text
    assert "Average score: 92%" in chat.text


def test_danger_why_and_stop_inside_training(chat, servers):
    chat.say("/start_training")
    chat.say("a child is home alone right now")
    assert "call 999 now" in chat.text and "Choose a practice scenario" in chat.text
    chat.click("TRN-10")
    chat.say("/why_asking")
    assert "Why I ask" in chat.text and "Source for this step" in chat.text and "step 1 of 4" in chat.text
    chat.say("stop")
    assert "Practice stopped" in chat.text
    chat.say("hello")
    assert "[PRACTICE]" not in chat.text  # the practice is no longer asking
    assert attempts_of(servers, chat.sender) == [("TRN-10", "stopped", 0, 8)]
