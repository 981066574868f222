"""The first conversation, through the running servers over REST."""

from __future__ import annotations

import pytest
import requests


def test_hello_says_what_it_does_and_does_not_do(chat):
    chat.say("hello")
    assert "decision support, not decisions" in chat.text
    assert "names, dates of birth or addresses" in chat.text
    titles = [b["title"] for b in chat.buttons]
    assert "Check my concerns about a child" in titles and "Reflective supervision" in titles


def test_menu_help_bot_thanks_goodbye(chat):
    chat.say("/menu")
    assert "What would you like to do?" in chat.text
    chat.say("/help")
    assert "guided check" in chat.text and "999" in chat.text
    chat.say("are you a real person?")
    assert "automated assistant" in chat.text
    chat.say("thanks so much")
    assert "welcome" in chat.text.lower()
    chat.say("bye for now")
    assert "Goodbye" in chat.text


def test_out_of_scope_is_polite_and_offers_the_menu(chat):
    chat.say("can you book me a meeting room for tuesday")
    assert "not something I can help with" in chat.text
    assert any(b["payload"] == "/menu" for b in chat.buttons)


def test_immediate_danger_outside_a_check_gets_999(chat):
    chat.say("hi")
    chat.say("the toddlers are on their own right now")
    assert chat.text.startswith("If a child is in immediate danger, call 999 now.")
    assert "ask your safeguarding lead" in chat.text  # no number is invented for an unset profile


def test_a_question_gets_a_sourced_answer(chat):
    chat.say("what is disguised compliance?")
    assert "Disguised compliance" in chat.text and "Source:" in chat.text


def test_skip_outside_a_check_explains(chat):
    chat.say("/skip")
    assert "nothing to skip" in chat.text


def test_bad_rest_requests_get_a_4xx_or_a_clear_answer(servers):
    url = f"{servers['url']}/webhooks/rest/webhook"
    r = requests.post(url, data="{not json", headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 400 and "JSON object" in r.json()["error"]
    r = requests.post(url, json=["a", "list"], timeout=30)
    assert r.status_code == 400
    r = requests.post(url, json={"sender": "x"}, timeout=30)
    assert r.status_code == 400 and "message" in r.json()["error"]
    r = requests.post(url, json={"sender": "x", "message": 42}, timeout=30)
    assert r.status_code == 400
    r = requests.post(url, json={"message": "hello"}, timeout=30)
    assert r.status_code == 400 and "sender" in r.json()["error"]
    r = requests.post(url, json={"sender": "x", "message": "   "}, timeout=30)
    assert r.status_code == 200 and "didn't receive any text" in r.json()[0]["text"]
    r = requests.post(url, json={"sender": "x", "message": "a" * 20000}, timeout=30)
    assert r.status_code == 413 and "too long" in r.json()["error"]
    r = requests.post(url, json={"sender": "x", "message": "hello"}, timeout=30)
    assert r.status_code == 200 and r.json()


# Vague messages about a check. Which of them leaves the classifier torn depends on the
# trained model (the data grows), so the test takes the first that does; at least one must.
# vague about a check; which of them the classifier is torn about moves with the training data
# (session 6: "that check" at 0.36, "check concerns thing maybe" split 0.5/0.5 with unsure)
VAGUE_ABOUT_A_CHECK = (
    "check thing please",
    "the thing about checking",
    "the check thing",
    "checking thing",
    "that check",
    "check concerns thing maybe",
)


def test_an_ambiguous_message_gets_a_clarifying_question_with_readable_labels(new_chat):
    # the classifier is torn (start_check below the fallback threshold), so the assistant
    # asks rather than guesses
    for text in VAGUE_ABOUT_A_CHECK:
        chat = new_chat()
        chat.say(text)
        if "Did you mean one of these?" in chat.text:
            break
    else:
        pytest.fail(f"none of {VAGUE_ABOUT_A_CHECK} got a clarifying question")
    titles = [b["title"] for b in chat.buttons]
    assert "Check my concerns about a child" in titles and "Something else" in titles
    assert not any("_" in t for t in titles)  # labels, never intent names
    assert "start_check" not in chat.text
    chat.click("Check my concerns about a child")  # choosing a label does what it says
    assert "immediate danger right now" in chat.text
