"""Every place the project reaches past Rasa 3.6's public API, in one module.

Written for Rasa 3.6 (tested with 3.6.21, rasa-sdk 3.6.2) and the Sanic 21.12 it pins. A Rasa
upgrade must start here: each entry of `WORKAROUNDS` names the Rasa (or Sanic) internal it
relies on, why, and which project module uses it; `missing_internals()` says which of them a
given installation no longer has.

At import this module checks the installed Rasa version (`check_rasa_version`): anything
other than 3.6.x stops the start with `UnsupportedRasaVersion`, a message that says what to
check; `RASA_EXT_ALLOW_OTHER_RASA=1` turns that into a logged warning (at your own risk).
Every Rasa-facing module of rasa_ext/ imports this one, so the check runs whenever Rasa loads
the project's channels, components or tracker store.

Patches applied here (each idempotent, each applied by the module named):

1. `mend_sanic_request_head()` — patches `sanic.http.Http.http1_request_header` (Sanic 21.12,
   pinned by Rasa 3.6). A negative Content-Length made the server spin forever on one
   request (every other user then waits), and a Content-Length that is not a number, or a
   request line whose URL cannot be parsed, gave a 500 or a dropped connection; all three now
   get a 400 (found by scripts/fuzz_rest.py). Applied by rasa_ext/channels.py at import.
2. `install_fast_action_validation()` — replaces `RemoteAction._validate_action_result`. Rasa
   3.6 checks each action server response with `jsonschema.validate()`, which first validates
   Rasa's large events schema against the meta-schema on every call: half of a Rasa
   instance's CPU under load (py-spy). The replacement checks the schema once and keeps the
   validator; responses are validated exactly as before, with the same error. Applied by
   `CompactingSQLTrackerStore` (rasa_ext/tracker_store.py, `fast_action_validation: true`).
3. `install_turn_failure_handler()` — matches Rasa's log messages. Rasa logs an action server
   error, a tracker store error or a lock error and carries on (the action's events dropped,
   an empty conversation, no answer); nothing else tells the channel. A handler on Rasa's
   loggers marks the current turn failed (rasa_ext/turn.py) when one of `FAILURE_MARKERS`
   (or any exception) is logged at ERROR. Applied by `ProdRestInput` (rasa_ext/prod_channel.py).
4. `run_actions()` — calls `MessageProcessor._get_action` and `_run_action`: the one way in
   Rasa 3.6 to run a named action (the walkthrough's question) on a conversation outside the
   policies' prediction. Used by `ProdRestInput._resync` to ask the current question again.
5. `install_self_asking_forms()` — patches `FormAction._ask_for_slot` and gives `FormAction`
   its own `run` (over `LoopAction.run`), for the forms in `SELF_ASKING_FORMS` only (walk_form).
   Rasa 3.6 makes two or three action-server calls a form turn: the validator
   (`validate_<form>`), then the question (`action_ask_<slot>`), and when a custom action
   has just started the form, the validator once at activation and once more in `do()`.
   The walkthrough's validator already sends the feedback and the next question together,
   and the action that starts a walk sends its first question and sets `requested_slot`
   (actions/walk.py), so for these forms the ask step runs nothing when the form runs on
   the user's message (anywhere else, e.g. back after another action, it asks as Rasa's
   does), and a form activated
   right after an action that set `requested_slot` to one of its slots (since the user's
   message, with that slot still empty) is activated with no call at all. One call a turn
   (issue 23). Every other form, and any other activation, runs as Rasa's does.
   `action_ask_answer` stays in the domain for item 4. Applied by this module at import
   (every Rasa-facing module of rasa_ext imports it, the pipeline's components included,
   so it is in place whenever Rasa loads the model).

Overrides that must stay in their class (listed in `WORKAROUNDS`, checked the same way):

6. `TeamsInput` (rasa_ext/teams/) does not call `BotFrameworkInput.__init__` and overrides
   `_update_cached_jwk_keys`: the stock ones fetch Microsoft's keys with blocking `requests`
   calls while the channel is built. `TeamsOutput` overrides `BotFramework._get_headers` and
   uses its `global_uri` and `bot` attributes.
7. `CompactingSQLTrackerStore` (rasa_ext/tracker_store.py) wraps `SQLTrackerStore._retrieve`
   (retries), replaces its `engine` and `sessionmaker` (pooled connections pinged) and uses
   `create_engine_kwargs`; it reports failures itself because Rasa wraps every store in a
   `FailSafeTrackerStore` that swallows them.
8. `ScrubbingSQLTrackerStore` (rasa_ext/scrubbing.py) filters `SQLTrackerStore._additional_events`.
9. `WebChatInput` / `WebChatOutput` (rasa_ext/socketio.py) subclass `SocketBlueprint.register`
   (to learn the app) and send with `SocketIOOutput._send_message`.
10. The channels read the agent from `app.ctx.agent`, where Rasa's server keeps it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module, metadata
from typing import Any

from rasa_ext.turn import current_turn, note_failure

logger = logging.getLogger(__name__)

RASA_SERIES = (3, 6)  # the major.minor these workarounds were written for
TESTED_WITH = "3.6.21"
ALLOW_ENV = "RASA_EXT_ALLOW_OTHER_RASA"


class UnsupportedRasaVersion(RuntimeError):
    """The installed Rasa is not the one these workarounds were written for."""


def check_rasa_version(installed: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The installed Rasa version, when it is 3.6.x. Another one raises UnsupportedRasaVersion
    (or, with RASA_EXT_ALLOW_OTHER_RASA=1, logs a warning and returns it)."""
    env = os.environ if environ is None else environ
    if installed is None:
        try:
            installed = metadata.version("rasa")
        except metadata.PackageNotFoundError:
            installed = "not installed"
    parts = installed.split(".")
    try:
        series = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        series = None
    if series == RASA_SERIES:
        return installed
    message = (
        f"rasa_ext was written for Rasa {RASA_SERIES[0]}.{RASA_SERIES[1]}.x (tested with {TESTED_WITH}), "
        f"but Rasa {installed} is installed. rasa_ext/workarounds.py lists every Rasa internal the "
        f"project patches or calls (missing_internals() names those this Rasa lacks); check each, then "
        f"update RASA_SERIES there. To start anyway, set {ALLOW_ENV}=1."
    )
    if str(env.get(ALLOW_ENV, "")).strip().lower() in ("1", "true", "yes", "on"):
        logger.warning("%s Starting anyway (%s is set).", message, ALLOW_ENV)
        return installed
    raise UnsupportedRasaVersion(message)


# -- the list --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Workaround:
    name: str
    internals: Sequence[str]  # "module:Attribute.path" of what is patched, overridden or called
    used_by: str  # the project module that applies or relies on it
    why: str


WORKAROUNDS: list[Workaround] = [
    Workaround(
        "sanic_request_head",
        ("sanic.http:Http.http1_request_header", "sanic.touchup:TouchUp.register"),
        "rasa_ext/channels.py",
        "a bad Content-Length or URL hung the server or gave a 500: now a 400",
    ),
    Workaround(
        "fast_action_validation",
        (
            "rasa.core.actions.action:RemoteAction._validate_action_result",
            "rasa.core.actions.action:RemoteAction.action_response_format_spec",
        ),
        "rasa_ext/tracker_store.py",
        "the response schema was checked against the meta-schema on every call",
    ),
    Workaround(
        "turn_failure_log_handler",
        tuple(
            f"{m}:logger"
            for m in ("rasa.core.processor", "rasa.core.tracker_store", "rasa.core.agent", "rasa.core.lock_store")
        ),
        "rasa_ext/prod_channel.py",
        "Rasa logs swallowed errors and carries on; the channel must know",
    ),
    Workaround(
        "run_named_action",
        (
            "rasa.core.processor:MessageProcessor._get_action",
            "rasa.core.processor:MessageProcessor._run_action",
            "rasa.core.policies.policy:PolicyPrediction.for_action_name",
        ),
        "rasa_ext/prod_channel.py",
        "ask the walkthrough's current question again after a half-done turn",
    ),
    Workaround(
        "self_asking_forms",
        (
            "rasa.core.actions.forms:FormAction._ask_for_slot",
            "rasa.core.actions.loops:LoopAction.run",
            "rasa.core.actions.forms:FormAction.required_slots",
            "rasa.shared.core.constants:REQUESTED_SLOT",
        ),
        "actions/walk.py",
        "one action-server call a walkthrough turn: the validator or the start action asks",
    ),
    Workaround(
        "teams_no_blocking_keys",
        (
            "rasa.core.channels.botframework:BotFrameworkInput._update_cached_jwk_keys",
            "rasa.core.channels.botframework:BotFramework._get_headers",
        ),
        "rasa_ext/teams/",
        "the stock channel fetches keys and tokens with blocking requests calls",
    ),
    Workaround(
        "tracker_store_internals",
        (
            "rasa.core.tracker_store:SQLTrackerStore._retrieve",
            "rasa.core.tracker_store:create_engine_kwargs",
            "rasa.core.tracker_store:FailSafeTrackerStore",
        ),
        "rasa_ext/tracker_store.py",
        "retries, pinged connections, failures reported to the channel",
    ),
    Workaround(
        "scrubbed_events",
        ("rasa.core.tracker_store:SQLTrackerStore._additional_events",),
        "rasa_ext/scrubbing.py",
        "events are written with personal details replaced by labels",
    ),
    Workaround(
        "socketio_internals",
        (
            "rasa.core.channels.socketio:SocketBlueprint.register",
            "rasa.core.channels.socketio:SocketIOOutput._send_message",
        ),
        "rasa_ext/socketio.py",
        "the widget channel learns the app and sends one event per message",
    ),
]

# Rasa logs these (at ERROR) and carries on; for the production channel they mean the turn failed.
# Each is checked against Rasa's source by tests/rasa_ext/test_rasa_workarounds.py. (In 3.6 the
# action server's "Failed to run custom action" mostly arrives inside the processor's
# exception log, which counts through its exc_info.)
FAILURE_LOGGERS = ("rasa.core.processor", "rasa.core.tracker_store", "rasa.core.agent", "rasa.core.lock_store")
FAILURE_MARKERS = (
    "Encountered an exception while running action",
    "Error happened when trying to",
    "Failed to run custom action",
    "Could not acquire lock",
    "Error while acquiring lock",
)


def resolve(internal: str) -> Any:
    """The object named "module:Attribute.path" (AttributeError / ImportError when gone)."""
    module_name, _, path = internal.partition(":")
    obj: Any = import_module(module_name)
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def missing_internals(workarounds: Iterable[Workaround] = WORKAROUNDS) -> list[str]:
    """The internals that this installation no longer has (imports Rasa's modules)."""
    missing = []
    for w in workarounds:
        for internal in w.internals:
            try:
                resolve(internal)
            except (ImportError, AttributeError):
                missing.append(f"{internal} ({w.name}, {w.used_by})")
    return missing


# -- 1. Sanic's request head -----------------------------------------------------------------------
def mend_sanic_request_head() -> None:
    """Answer a bad Content-Length or an unparsable URL with 400 (see the module docstring).

    Sanic recompiles `Http.http1_request_header` from its source when the server starts, with
    the names of its own module (sanic.touchup strips signal dispatches nobody listens to, and
    the method fails without that). So the original is kept, and touched up, under another
    name, and the method that replaces it only calls a helper that is added to sanic.http."""
    import sanic.http
    from sanic.http import Http
    from sanic.touchup import TouchUp

    if getattr(Http, "_unchecked_http1_request_header", None) is not None:
        return
    Http._unchecked_http1_request_header = Http.http1_request_header
    TouchUp.register(Http, "_unchecked_http1_request_header")
    sanic.http._rasa_ext_checked_head = _checked_head
    Http.http1_request_header = http1_request_header


async def _checked_head(http) -> None:  # noqa: ANN001  sanic.http.Http
    from sanic.exceptions import InvalidUsage, SanicException

    try:
        await http._unchecked_http1_request_header()
    except SanicException:
        raise
    except Exception as exc:  # int() of a bad Content-Length, a URL httptools cannot parse
        http.request_body = None
        http.request_bytes_left = http.request_bytes = 0
        http.keep_alive = False
        http.url = "/"  # so that the error response can be built at all
        raise InvalidUsage("Bad Request: malformed request head") from exc
    if (http.request_bytes_left or 0) < 0:
        http.request_body = None
        http.request_bytes_left = http.request_bytes = 0
        http.keep_alive = False
        raise InvalidUsage("Bad Request: negative Content-Length")


_rasa_ext_checked_head = _checked_head


async def http1_request_header(self):  # noqa: ANN001  recompiled by Sanic in sanic.http's names
    await _rasa_ext_checked_head(self)


# -- 2. action server responses: validate with a schema checked once ------------------------------
_VALIDATORS: dict = {}


def _validate_action_result(self, result: dict) -> bool:
    """RemoteAction._validate_action_result with the validator kept (Rasa builds it, and checks
    its schema against the meta-schema, on every call)."""
    from jsonschema import exceptions, validators

    validator = _VALIDATORS.get(type(self))
    if validator is None:
        schema = self.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[type(self)] = cls(schema)
    error = exceptions.best_match(validator.iter_errors(result))
    if error is not None:
        from rasa.shared.constants import DOCS_BASE_URL

        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


_STOCK_VALIDATE: list = []  # Rasa's own method, kept for tests and for undoing


def install_fast_action_validation() -> None:
    from rasa.core.actions.action import RemoteAction

    if RemoteAction._validate_action_result is not _validate_action_result:
        _STOCK_VALIDATE[:] = [RemoteAction._validate_action_result]
        RemoteAction._validate_action_result = _validate_action_result
        logger.info("Action server responses are validated with a schema checked once")


# -- 3. errors Rasa logs and swallows --------------------------------------------------------------
class TurnFailureHandler(logging.Handler):
    """Marks the current turn failed when Rasa logs that it swallowed an error."""

    def emit(self, record: logging.LogRecord) -> None:
        if current_turn() is None:
            return
        try:
            msg = record.getMessage()
        except Exception:  # pragma: no cover - a broken log call is not our business
            return
        if record.exc_info or any(m in msg for m in FAILURE_MARKERS):
            note_failure(f"{record.name}: {msg.splitlines()[0] if msg else ''}")


_failure_handler: list[TurnFailureHandler] = []


def install_turn_failure_handler() -> None:
    if _failure_handler:
        return
    handler = TurnFailureHandler(level=logging.ERROR)
    for name in FAILURE_LOGGERS:
        logging.getLogger(name).addHandler(handler)
    _failure_handler.append(handler)


# -- 4. running a named action outside the policies --------------------------------------------------
async def run_actions(processor: Any, tracker: Any, output_channel: Any, names: Sequence[str]) -> None:
    """Runs the named actions, in order, on the tracker, as if the policies had predicted them
    (MessageProcessor._get_action / _run_action: Rasa 3.6 has no public call for this). The
    caller holds the conversation's lock and saves the tracker."""
    from rasa.core.policies.policy import PolicyPrediction

    for name in names:
        action = processor._get_action(name)
        await processor._run_action(
            action, tracker, output_channel, processor.nlg, PolicyPrediction.for_action_name(processor.domain, name)
        )


# -- 5. forms that ask through their own validator and start actions --------------------------------
# A form named here asks nothing itself: its validator sends the next question with its
# feedback, and the action that starts it sends the first question and sets requested_slot.
SELF_ASKING_FORMS = ("walk_form",)
_STOCK_FORM: dict = {}  # Rasa's own methods, kept for tests and for undoing


async def _self_asking_ask_for_slot(self, domain, nlg, output_channel, slot_name, tracker):  # noqa: ANN001
    if getattr(self, "_rasa_ext_validator_asked", False):
        return []  # the validator has sent the next question with its feedback
    return await _STOCK_FORM["_ask_for_slot"](self, domain, nlg, output_channel, slot_name, tracker)


def asked_before_activation(form: Any, tracker: Any, domain: Any) -> bool:
    """True when `form` is not active yet and an action since the user's latest message set
    requested_slot to one of the form's slots, still empty: that action asked its question."""
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import SlotSet, UserUttered

    if tracker.active_loop_name == form.name():
        return False
    requested = tracker.get_slot(REQUESTED_SLOT)
    if not requested or requested not in form.required_slots(domain) or tracker.get_slot(requested) is not None:
        return False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            return event.value == requested
    return False


def validator_asks(form: Any, tracker: Any) -> bool:
    """True when the form runs on the user's message (active, right after action_listen, not
    interrupted): Rasa then has the validator handle the message, and a self-asking form's
    validator sends the next question itself. Anywhere else (an activation that no action
    asked for, a return to the form after another action) the form asks as Rasa's does."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME

    return (
        tracker.active_loop_name == form.name()
        and tracker.latest_action_name == ACTION_LISTEN_NAME
        and not tracker.is_active_loop_interrupted
    )


async def _self_asking_run(self, output_channel, nlg, tracker, domain):  # noqa: ANN001
    if self.name() in SELF_ASKING_FORMS:
        if asked_before_activation(self, tracker, domain):
            return self._default_activation_events()  # active, waiting for the answer: no call
        self._rasa_ext_validator_asked = validator_asks(self, tracker)  # a FormAction lives for one run
    return await _STOCK_FORM["run"](self, output_channel, nlg, tracker, domain)


def install_self_asking_forms() -> None:
    from rasa.core.actions.forms import FormAction
    from rasa.core.actions.loops import LoopAction

    if _STOCK_FORM:
        return
    _STOCK_FORM.update(
        _ask_for_slot=FormAction._ask_for_slot, run=LoopAction.run, own_run=FormAction.__dict__.get("run")
    )
    FormAction._ask_for_slot = _self_asking_ask_for_slot
    FormAction.run = _self_asking_run
    logger.debug("Forms that ask through their own actions: %s", ", ".join(SELF_ASKING_FORMS))


def uninstall_self_asking_forms() -> None:
    """Rasa's own form behaviour back (for tests)."""
    from rasa.core.actions.forms import FormAction

    if not _STOCK_FORM:
        return
    FormAction._ask_for_slot = _STOCK_FORM["_ask_for_slot"]
    if _STOCK_FORM["own_run"] is None:
        del FormAction.run
    else:
        FormAction.run = _STOCK_FORM["own_run"]
    _STOCK_FORM.clear()


check_rasa_version()
install_self_asking_forms()
