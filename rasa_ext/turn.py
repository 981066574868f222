"""What one turn (one user message) went through, for the channel that answers it.

The channel sets a `TurnState` per request (`start_turn`); code deeper down records what went
wrong (`note_failure`): the tracker store when it cannot read or save the conversation
(rasa_ext/tracker_store.py) and the log handler that hears Rasa report an error it swallowed
(rasa_ext/workarounds.py). The production REST channel (rasa_ext/prod_channel.py) then
answers "please try again" instead of a wrong or empty answer. No Rasa import.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field


@dataclass
class TurnState:
    """Problems met while one message was handled."""

    sender_id: str = ""
    failures: list[str] = field(default_factory=list)
    retrieve_failed: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.failures)


_current_turn: contextvars.ContextVar[TurnState | None] = contextvars.ContextVar("rasa_ext_turn", default=None)


def start_turn(sender_id: str) -> TurnState:
    state = TurnState(sender_id=sender_id)
    _current_turn.set(state)
    return state


def current_turn() -> TurnState | None:
    return _current_turn.get()


def note_failure(reason: str, retrieve: bool = False) -> None:
    state = _current_turn.get()
    if state is not None:
        state.failures.append(reason[:300])
        state.retrieve_failed = state.retrieve_failed or retrieve
