"""A Monday-morning probe through the running servers (session 19, S19-UX1): a health
visitor tells the case in one message, answers the danger question in her own words under
the understood list, and reports a danger mid-check (tests/unit/test_monday_probe.py tests
each fix on its own)."""

from __future__ import annotations

from tests.conversation.test_check import answers_for

ACCOUNT = (
    "Health visitor here. Baby is 9 months old, lives with mum and her boyfriend. At the last three visits "
    "there was no food in the fridge apart from milk and the baby had a bad nappy rash and was in the same "
    "dirty babygro. Mum has missed two immunisation appointments."
)

DANGER = "sorry, mum has just rung me, the boyfriend is drunk and has locked her out with the baby inside on his own"


def test_a_health_visitors_monday_morning(chat, servers):
    chat.say("/start_check")
    chat.say(ACCOUNT)
    assert "Here is what I understood" in chat.text and "immediate danger right now" in chat.text
    chat.say("no, not in immediate danger")
    assert "Changed" not in chat.text and "case reference" in chat.text  # answered, the next question asked
    chat.say("MON-19, no disability that I know of")
    chat.say(DANGER)
    assert chat.text.startswith("If a child is in immediate danger, call 999 now.")
    assert "kept it for a later one" not in chat.text  # the 999 answer alone (the lead, session 19)
    saved = answers_for(servers, "MON-19")
    assert saved["q_danger_now"] == "no" and saved["q_disability"] == "no"
    assert "q_engagement" not in saved
