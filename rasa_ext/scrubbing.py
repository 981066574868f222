"""Rasa's SQL tracker store, writing only scrubbed copies of what users type (hazard H3).

Rasa's tracker store keeps every event of a conversation in the `events` table: the user's
message as typed (its `text` and the `text` of its parse data, the entities found in it),
and the `answer` slot, which holds the message again while a walkthrough asks a free-text
question. The assistant's own records scrub personal details before they are stored
(bot/lang/scrub.py, rules in knowledge/language/personal_details.yml); this store does the
same for Rasa's copy:

- a user message (`UserUttered`): `text` and the parse data's `text` are scrubbed; an entity
  whose span overlaps a detail gets the detail's label as its value (`[name]`), and every
  entity's `start`/`end` are moved to the scrubbed text;
- a string slot value (`SlotSet`), or the strings in a list or dict value, are scrubbed;
- any other string written in the same save (the danger rule's quote of the message in the
  parse data, a reply that repeats what was typed) has the details found in that save's
  user messages replaced by their labels.

Only the events written to the database are copies: the tracker the turn is still using
keeps the text as typed, so the turn itself behaves exactly as with the stock store. The
next turn loads the scrubbed events, which changes nothing the policies read (intents,
entity names, slots other than free text; the `answer` slot is cleared by the form at
every turn). Events sent to an event broker (`stream_events`, none is configured here) are
not scrubbed.

It keeps the constructor of `SQLTrackerStore` and overrides only `_additional_events` (the
events `save` writes), so a subclass may override `save`, `retrieve` or `_retrieve` and call
`super()`: rasa_ext/tracker_store.py's `CompactingSQLTrackerStore` is meant to inherit
from it.

Making the store also switches on the scrubbing of every log line of the process
(rasa_ext/log_scrub.py), so the Rasa server's logs, where Rasa echoes messages at debug
level, hold no more than its database; `scrub_logs: false` leaves the logs alone.

endpoints.yml:

    tracker_store:
      type: rasa_ext.scrubbing.ScrubbingSQLTrackerStore
      url: ${DATABASE_URL}
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, EntitiesAdded, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

Secret = tuple[str, str]  # (the detail as typed, its label)


# -- scrubbing one event ------------------------------------------------------------------------
def _spans(text: str) -> list[tuple[int, int, str]]:
    from bot.lang.scrub import detail_spans  # rules are read on first use, not at import

    return detail_spans(text)


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for a, b, label in spans:
        out.append(text[pos:a])
        out.append(f"[{label}]")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _mover(spans: list[tuple[int, int, str]]):
    """Maps an offset of the original text to the scrubbed text (an offset inside a detail
    goes to the start of its label)."""

    def move(pos: int, end: bool = False) -> int:
        shift = 0
        for a, b, label in spans:
            if pos >= b or (end and pos > a):
                if pos < b:  # an end inside a detail: the end of its label
                    return a + shift + len(label) + 2
                shift += len(label) + 2 - (b - a)
            elif pos > a:
                return a + shift
        return pos + shift

    return move


def _scrub_entities(entities: Any, spans: list[tuple[int, int, str]]) -> Any:
    if not isinstance(entities, list) or not spans:
        return entities
    move = _mover(spans)
    out = []
    for entity in entities:
        if not isinstance(entity, dict):
            out.append(entity)
            continue
        e = dict(entity)
        start, end = e.get("start"), e.get("end")
        if isinstance(start, int) and isinstance(end, int):
            hit = [label for a, b, label in spans if start < b and a < end]
            if hit:
                e["value"] = f"[{hit[0]}]"
                if "text" in e:
                    e["text"] = e["value"]
            e["start"], e["end"] = move(start), move(end, end=True)
        out.append(e)
    return out


def _replace_secrets(value: Any, secrets: list[Secret]) -> Any:
    """The value with every secret (as a whole word) replaced by its label, in every string
    of nested dicts and lists; keys are left alone."""
    if not secrets:
        return value
    if isinstance(value, str):
        for secret, label in secrets:
            if secret.lower() in value.lower():
                value = re.sub(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", f"[{label}]", value, flags=re.I)
        return value
    if isinstance(value, dict):
        return {k: _replace_secrets(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_secrets(v, secrets) for v in value]
    if isinstance(value, tuple):
        return tuple(_replace_secrets(v, secrets) for v in value)
    return value


def _scrub_value(value: Any) -> Any:
    """A slot value with personal details scrubbed from each of its strings."""
    if isinstance(value, str):
        spans = _spans(value)
        return _apply(value, spans) if spans else value
    if isinstance(value, dict):
        return {k: _scrub_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_value(v) for v in value]
    return value


def _user_copy(event: UserUttered) -> tuple[UserUttered, list[Secret]]:
    """A scrubbed copy of a user message (the event itself when it holds no detail), and the
    details found in it."""
    text = event.text or ""
    spans = _spans(text)
    parse_data = event.parse_data if isinstance(event.parse_data, dict) else {}
    parsed_text = parse_data.get("text")
    # NLU may have read another text than the one stored (markup taken out): scrub it on its own
    own = spans if parsed_text == text else _spans(parsed_text) if isinstance(parsed_text, str) else []
    secrets = {(text[a:b], label) for a, b, label in spans}
    secrets |= {(parsed_text[a:b], label) for a, b, label in own}
    if not secrets:
        return event, []
    ordered = sorted(secrets, key=lambda s: (-len(s[0]), s))
    new = copy.deepcopy(event)
    new.text = _apply(text, spans)
    new.entities = _scrub_entities(new.entities, spans)
    if parse_data:
        pd = copy.deepcopy(parse_data)
        if isinstance(parsed_text, str):
            pd["text"] = _apply(parsed_text, own)
        pd["entities"] = _scrub_entities(pd.get("entities"), own)
        new.parse_data = _replace_secrets(pd, ordered)
    new.metadata = _replace_secrets(new.metadata, ordered)
    return new, ordered


_LABEL_WORDS = re.compile(r"\[[a-zA-Z ]+\]")


def _with_words(secrets: Iterable[Secret]) -> list[Secret]:
    """The details, and each word of a detail of several words that identifies on its own (four
    letters or more, not an everyday English word): a reply or a slot may quote one word of a
    detail ("Quenby" of "Quenby Fakehurst-Ilsley"), read out of the message that showed it to
    be one. Longest first."""
    from bot.lang.scrub import is_common_word

    out = set()
    for secret, label in secrets:
        if _LABEL_WORDS.fullmatch(secret.strip()):
            continue
        out.add((secret, label))
        for part in re.findall(r"[^\W\d_][^\W\d_']*(?:'[^\W\d_]+)?", secret):
            if part != secret and len(part) >= 4 and not is_common_word(part):
                out.add((part, label))
    return sorted(out, key=lambda s: (-len(s[0]), s))


def scrubbed_events(events: Iterable[Event], known: Iterable[Secret] = ()) -> list[Event]:
    """Copies of the events with personal details scrubbed (see the module's docstring); an
    event with nothing to scrub is returned as it is, never changed. `known`: details found in
    the conversation's earlier messages, replaced in this save's other events too (a reply that
    quotes what was typed a turn before)."""
    return scrub_save(events, known)[0]


def scrub_save(events: Iterable[Event], known: Iterable[Secret] = ()) -> tuple[list[Event], list[Secret]]:
    """scrubbed_events(), and the details found in the save's user messages."""
    events = list(events)
    out: list[Event | None] = [None] * len(events)
    secrets: list[Secret] = list(known)
    typed: list[Secret] = []
    for i, event in enumerate(events):
        if isinstance(event, UserUttered):
            out[i], found = _user_copy(event)
            secrets.extend(found)
            typed.extend(found)
        elif isinstance(event, SlotSet):
            value = _scrub_value(event.value)
            if value != event.value:
                new = copy.deepcopy(event)
                new.value = value
                out[i] = new
            else:
                out[i] = event
    secrets = _with_words(secrets) if secrets else []
    for i, event in enumerate(events):
        current = out[i] or event
        if not secrets:
            out[i] = current
            continue
        if isinstance(current, SlotSet):
            value = _replace_secrets(current.value, secrets)
            if value != current.value:
                current = copy.deepcopy(current) if current is event else current
                current.value = value
        elif isinstance(current, BotUttered):
            text, data = _replace_secrets(current.text, secrets), _replace_secrets(current.data, secrets)
            if text != current.text or data != current.data:
                current = copy.deepcopy(current) if current is event else current
                current.text, current.data = text, data
        elif isinstance(current, EntitiesAdded):
            entities = _replace_secrets(current.entities, secrets)
            if entities != current.entities:
                current = copy.deepcopy(current) if current is event else current
                current.entities = entities
        elif not isinstance(current, UserUttered):
            data = current.as_dict()
            scrubbed = _replace_secrets(data, secrets)
            if scrubbed != data:
                current = Event.from_parameters(scrubbed) or current
        out[i] = current
    return [e for e in out if e is not None], typed


# Details found in each conversation's earlier messages (the most recent conversations, in this
# process's memory): the tracker a turn uses, and the events the action server is sent, hold
# what was typed before as typed, so a reply or a slot may quote it a turn later.
_KNOWN_CONVERSATIONS = 5000
_KNOWN_PER_CONVERSATION = 300
_known: OrderedDict[str, list[Secret]] = OrderedDict()
_known_lock = threading.Lock()


def known_details(sender_id: str) -> list[Secret]:
    with _known_lock:
        return list(_known.get(sender_id, ()))


def remember_details(sender_id: str, secrets: Iterable[Secret]) -> None:
    secrets = list(secrets)
    if not secrets:
        return
    with _known_lock:
        kept = list(dict.fromkeys(_known.pop(sender_id, []) + secrets))[-_KNOWN_PER_CONVERSATION:]
        _known[sender_id] = kept
        while len(_known) > _KNOWN_CONVERSATIONS:
            _known.popitem(last=False)


# -- the store -----------------------------------------------------------------------------------
class ScrubbingSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that writes scrubbed copies of user text and string slot values."""

    def __init__(
        self,
        domain: Domain | None = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        username: str = None,
        password: str = None,
        event_broker: EventBroker | None = None,
        login_db: str | None = None,
        query: dict | None = None,
        scrub_logs: Any = True,
        **kwargs: dict[str, Any],
    ) -> None:
        super().__init__(
            domain=domain,
            dialect=dialect,
            host=host,
            port=port,
            db=db,
            username=username,
            password=password,
            event_broker=event_broker,
            login_db=login_db,
            query=query,
            **kwargs,
        )
        if str(scrub_logs).strip().lower() not in ("false", "0", "no", "off"):
            # the server that stores scrubbed text logs scrubbed text too, however it was started
            # (rasa_ext/log_scrub.py; --logging-config-file rasa_ext/logging.yml does the same)
            from rasa_ext.log_scrub import install

            install()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The events `save` writes (those not stored yet), as scrubbed copies: as many, in the
        same order, so the count of stored events still says what is new."""
        events, typed = scrub_save(super()._additional_events(session, tracker), known_details(tracker.sender_id))
        remember_details(tracker.sender_id, typed)
        return iter(events)
