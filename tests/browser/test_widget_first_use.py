"""The first-use statement in the web widget: when a new conversation opens, the widget shows
what the assistant is and is not (decision support; local procedures and professional
judgement first; what it keeps; no names; 999), once, before anything is typed."""

from __future__ import annotations

import time

from browser_kit import Chat
from playwright.sync_api import expect
from test_widget_jwt import Client, token

OPENING = "About this assistant"


def settled(client, seconds: float = 10) -> list[dict]:
    """The client's first-use statements once one has come (or the time is up), plus a second
    for any other to arrive."""
    deadline = time.time() + seconds
    while not client.statements and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1)
    return client.statements


def statements(page):
    return page.locator(".na-msg-bot").filter(has_text=OPENING)


def test_a_new_conversation_opens_with_the_statement_once(chat_page):
    chat, page = chat_page, chat_page.page
    # shown when the conversation opens, before anything is typed
    expect(statements(page)).to_have_count(1)
    shown = statements(page).first.locator(".na-body").inner_text()
    assert shown.startswith(OPENING)
    for words in (
        "decision support",
        "local procedures",
        "professional judgement",
        "case reference",
        "names, dates of birth",
        "call 999",
    ):
        assert words in shown, words
    assert page.locator(".na-msg-user").count() == 0
    # the log announces it to screen readers like any other message
    expect(page.get_by_role("log")).to_contain_text(OPENING)

    reply = chat.say("hello")
    assert "decision support" in reply and OPENING not in reply  # not again after the first answer
    page.reload()
    Chat(page).connected()
    expect(page.locator(".na-earlier .na-msg-user")).to_have_count(1)
    expect(statements(page)).to_have_count(0)  # the same conversation goes on: not shown again

    page.get_by_role("button", name="New conversation").click()
    Chat(page).connected()
    expect(statements(page)).to_have_count(1)  # a new conversation opens with it


def test_the_channel_sends_it_when_a_new_session_opens_and_never_into_the_history(stack):
    # over socket.io itself (the channel with JWT): the statement is a transient bot message
    dana = Client(stack, token(stack, "dana"))
    try:
        session = dana.session()
        got = settled(dana)
        assert [s["text"][: len(OPENING)] for s in got] == [OPENING]
        assert got[0]["transient"] is True and "decision support" in got[0]["text"]
        assert dana.say("hello") == {"ok": True}
        assert "decision support" in dana.bot.get(timeout=60)["text"]
        assert [m["sender"] for m in dana.history()] == ["user", "bot"]  # the statement is not stored
    finally:
        dana.close()
    again = Client(stack, token(stack, "dana"))  # a reload: the same conversation, no statement
    try:
        assert again.session(session) == session
        assert again.history()
        assert settled(again, seconds=2) == [] and again.bot.empty()
    finally:
        again.close()
