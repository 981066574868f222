"""The check listens (issue 19), through the running servers: a case told in the opening message
is not lost and starts the check with what it tells filled in; typed answers are read onto the
options, and harm is asked about outright, never stored as "no clear impact"."""

from __future__ import annotations

from sqlalchemy import create_engine, text

# (the issue's own opening, with "smokes cannabis in the flat", is read as immediate danger by the
# danger check today: that is the danger check's to decide, so this account leaves it out)
OPENING = (
    "HV here - concerned about a 9 month old, home conditions poor and weight dropping off the centile, "
    "mum is depressed and her partner uses cannabis"
)


def answers_for(servers, ref: str) -> dict[str, tuple[str, str]]:
    engine = create_engine(servers["database_url"], future=True)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.question_id, a.value, a.text FROM answers a JOIN checks c ON a.check_id = c.id "
                "JOIN cases k ON c.case_id = k.id WHERE k.reference = :ref AND NOT a.superseded"
            ),
            {"ref": ref},
        ).fetchall()
    return {q: (v, t) for q, v, t in rows}


def start_from_the_account(chat):
    """The check invites the case in the practitioner's words; told at the first question, it is
    read (whether an opening message is read as danger first is the danger check's business)."""
    chat.say("/start_check")
    assert "in your own words" in chat.text
    chat.say(OPENING)
    assert "Here is what I understood" in chat.text
    assert "weight dropping off the centile" in chat.text


def test_an_opening_account_starts_the_check_with_what_it_tells(chat, servers):
    start_from_the_account(chat)
    # the understood list comes with the next question: a practitioner who finds it right answers it
    assert "immediate danger right now" in chat.text
    chat.click("No")
    chat.say("LIS-19")
    saved = answers_for(servers, "LIS-19")
    assert saved["q_age"][0] == "baby"
    assert saved["q_seen__nutritional_neglect"][0] == "yes"
    assert set(saved["q_parental_factors"][0].split(",")) == {"mental_ill_health", "substance_misuse"}
    assert "How old" not in chat.text  # the age is not asked again


def test_own_words_at_the_questions_and_harm_asked_outright(chat, servers):
    chat.say("/start_check")
    chat.click("No")
    chat.say("LIS-20")
    chat.say("10 months")
    chat.say("no")
    assert "signs of medical neglect" in chat.text
    chat.say("12-month immunisations overdue; two GP appointments missed")
    assert "Team Around the Family" not in chat.text and "how often" in chat.text
    chat.say("about 8 months, getting gradually worse")
    assert "What impact" in chat.text
    chat.say("faltering growth, not yet sitting unsupported, quiet and passive, rarely cries")
    assert "That sounds like serious impact or harm" in chat.text
    assert "No clear impact yet" not in [b["title"] for b in chat.buttons]
    chat.say("yes")
    saved = answers_for(servers, "LIS-20")
    assert saved["q_seen__medical_neglect"] == ("yes", "12-month immunisations overdue; two GP appointments missed")
    assert saved["q_pattern__medical_neglect"][0] == "persistent"
    assert saved["q_impact__medical_neglect"][0] == "serious"
