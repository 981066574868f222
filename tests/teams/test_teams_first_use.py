"""The first-use statement in Teams (what the assistant is and is not, what it keeps), through
the running servers and the loopback fake of the Bot Connector: after the welcome when the bot
is added, or after the answer to the first message when a conversation starts without one;
once per conversation."""

from __future__ import annotations

from teams_fakes import TeamsUser, conversation_update, personal_conversation, personal_message, text_of
from test_teams_channel import turn

OPENING = "About this assistant"
EMERGENCY = "If a child is in immediate danger, call 999 now."


def texts(replies: list[dict]) -> list[str]:
    return [text_of(r["activity"]) for r in replies]


def test_the_welcome_is_followed_by_the_statement_once(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    update = conversation_update(user, env.bot, env.service_url, conv, [{"id": env.bot["id"]}])
    said = texts(turn(env, update, OPENING))
    assert "I help practitioners" in said[0] and "decision support" in said[0]  # the welcome first
    assert said[-1].startswith(OPENING) and [t for t in said if OPENING in t] == [said[-1]]
    for words in ("never decides a threshold", "case reference you choose", "names, dates of birth", "call 999"):
        assert words in said[-1], words
    # the user's first message in the conversation the welcome opened: no statement again
    said = texts(turn(env, personal_message(user, env.bot, env.service_url, "what is drift?", conv), "Drift"))
    assert not [t for t in said if OPENING in t]


def test_a_conversation_without_a_welcome_gets_it_after_the_first_answer(teams_servers):
    env = teams_servers
    user = TeamsUser(env.tenant_id)
    conv = personal_conversation(user)
    first = personal_message(user, env.bot, env.service_url, "the toddlers are on their own right now", conv)
    said = texts(turn(env, first, OPENING))
    assert said[0].startswith(EMERGENCY)  # the 999 answer always comes first
    assert said[-1].startswith(OPENING) and "decision support" in said[-1]  # with the disclaimer: not said yet
    said = texts(turn(env, personal_message(user, env.bot, env.service_url, "hello", conv), "I help practitioners"))
    assert not [t for t in said if OPENING in t]
