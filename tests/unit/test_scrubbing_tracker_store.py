"""The scrubbing SQL tracker store (rasa_ext/scrubbing.py) on a temporary SQLite file: what an
auditor reading Rasa's `events` table sees after an invented conversation, and what the
conversation itself still sees. Every detail is invented."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from rasa_ext.scrubbing import ScrubbingSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
SENDER = "pd-unit"
TYPED = "his name is Testkid Fakeperson, he's 7 and lives at 14 Example Road ZZ99 9ZZ"
SECRETS = ["Testkid", "Fakeperson", "14 Example Road", "ZZ99 9ZZ"]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture()
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'rasa.db'}"


def stored(db_url: str, sender: str = SENDER) -> list[dict]:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
    engine.dispose()
    return [json.loads(r[0]) for r in rows]


def user_event(text: str, **parse) -> UserUttered:
    start = text.find("7")
    entities = [{"entity": "age", "start": start, "end": start + 1, "value": "7", "extractor": "RuleEntityExtractor"}]
    parse_data = {
        "intent": {"name": "ask_question", "confidence": 0.4},
        "intent_ranking": [{"name": "ask_question", "confidence": 0.4}],
        "entities": entities,
        "text": text,
        **parse,
    }
    return UserUttered(text, parse_data["intent"], entities, parse_data, input_channel="rest")


def turn(tracker: DialogueStateTracker, text: str, reply: str = "Thank you.", **parse) -> None:
    tracker.update(user_event(text, **parse))
    tracker.update(SlotSet("answer", text))  # the walkthrough's free-text slot holds the message again
    tracker.update(ActionExecuted("walk_form"))
    tracker.update(BotUttered(reply))
    tracker.update(SlotSet("answer", None))
    tracker.update(ActionExecuted("action_listen"))


def conversation(domain: Domain) -> DialogueStateTracker:
    tracker = DialogueStateTracker(SENDER, domain.slots)
    tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_the_database_holds_no_detail_and_the_turn_keeps_the_text_as_typed(domain, db_url):
    store = ScrubbingSQLTrackerStore(domain=domain, host=db_url)
    tracker = conversation(domain)
    turn(tracker, TYPED, reply="You said: " + TYPED, danger_rule="danger_x: quote ('Testkid Fakeperson')")
    asyncio.run(store.save(tracker))

    rows = stored(db_url)
    assert len(rows) == len(tracker.events)
    raw = json.dumps(rows)
    assert [s for s in SECRETS if s in raw] == []
    user = next(r for r in rows if r["event"] == "user")
    assert user["text"] == "his name is [name], he's 7 and lives at [address] [postcode]"
    assert user["parse_data"]["text"] == user["text"]
    assert user["parse_data"]["danger_rule"] == "danger_x: quote ('[name]')"
    assert user["parse_data"]["intent"]["name"] == "ask_question"  # what NLU made of it is kept
    age = user["parse_data"]["entities"][0]
    assert age["value"] == "7" and user["text"][age["start"] : age["end"]] == "7"  # moved to the scrubbed text
    slots = [r["value"] for r in rows if r["event"] == "slot" and r["name"] == "answer"]
    assert slots == [user["text"], None]
    bot = next(r for r in rows if r["event"] == "bot")
    assert bot["text"] == "You said: " + user["text"]

    # the tracker the turn is still using is not touched
    assert tracker.latest_message.text == TYPED
    assert tracker.latest_message.parse_data["text"] == TYPED
    assert [e.value for e in tracker.events if isinstance(e, SlotSet)][0] == TYPED


def test_the_next_turn_loads_the_scrubbed_conversation_and_appends_only_new_events(domain, db_url):
    store = ScrubbingSQLTrackerStore(domain=domain, host=db_url)
    tracker = conversation(domain)
    turn(tracker, TYPED)
    asyncio.run(store.save(tracker))
    loaded = asyncio.run(store.retrieve(SENDER))
    assert loaded is not None and len(loaded.events) == len(tracker.events)
    assert loaded.latest_message.text.startswith("his name is [name]")
    turn(loaded, "she says nobody makes her tea")  # clean text
    asyncio.run(store.save(loaded))
    rows = stored(db_url)
    assert len(rows) == len(loaded.events)  # no event written twice
    users = [r["text"] for r in rows if r["event"] == "user"]
    assert users == ["his name is [name], he's 7 and lives at [address] [postcode]", "she says nobody makes her tea"]


def test_every_message_of_the_labelled_set_is_stored_without_its_details(domain, db_url):
    data = yaml.safe_load((ROOT / "tests" / "data" / "personal_details.yml").read_text())
    store = ScrubbingSQLTrackerStore(domain=domain, host=db_url)
    tracker = conversation(domain)
    for m in data["messages"]:
        turn(tracker, m["text"])
        asyncio.run(store.save(tracker))
    for text in data["clean"]:
        turn(tracker, text)
        asyncio.run(store.save(tracker))
    rows = stored(db_url)
    raw = json.dumps(rows)
    left = [s for m in data["messages"] for s in m["secrets"] if s in raw]
    assert len(data["messages"]) >= 40 and left == []
    users = [r["text"] for r in rows if r["event"] == "user"]
    assert users[len(data["messages"]) :] == data["clean"]  # clean practice text is stored exactly as typed


def test_a_subclass_that_overrides_save_and_its_constructor_still_scrubs(domain, db_url):
    class Subclass(ScrubbingSQLTrackerStore):  # the shape of rasa_ext/tracker_store.py's store
        def __init__(self, domain=None, host=None, extra_option=3, **kwargs):
            super().__init__(domain=domain, host=host, **kwargs)
            self.extra_option = int(extra_option)
            self.saved = 0

        async def save(self, tracker):
            self.saved += 1
            await super().save(tracker)

    store = Subclass(domain=domain, host=db_url, extra_option="5")
    tracker = conversation(domain)
    turn(tracker, TYPED)
    asyncio.run(store.save(tracker))
    assert store.saved == 1 and store.extra_option == 5
    assert not [s for s in SECRETS if s in json.dumps(stored(db_url))]


def test_the_compacting_store_on_top_of_it_scrubs_too(domain, db_url):
    from rasa_ext.tracker_store import CompactingSQLTrackerStore as compacting

    class Both(compacting, ScrubbingSQLTrackerStore):  # what `class Compacting(ScrubbingSQLTrackerStore)` gives
        pass

    store = Both(domain=domain, host=db_url, max_session_events=3, cache_trackers=0)
    tracker = conversation(domain)
    turn(tracker, TYPED)
    asyncio.run(store.save(tracker))  # a compaction: the slots are written again, scrubbed
    assert not [s for s in SECRETS if s in json.dumps(stored(db_url))]


def test_endpoints_yml_uses_it_with_the_database_url(db_url, monkeypatch, domain):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("ACTION_PORT", "5055")
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    assert config.url == db_url
    store = TrackerStore.create(config, domain)
    assert isinstance(store, ScrubbingSQLTrackerStore)  # the compacting store of rasa_ext/tracker_store.py is one
    tracker = conversation(domain)
    turn(tracker, TYPED)
    asyncio.run(store.save(tracker))
    assert stored(db_url)[1]["text"].startswith("his name is [name]")
