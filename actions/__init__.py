"""Rasa custom actions: thin adapters from a tracker to bot/ and back."""

import logging
import sys
import threading

from bot.records.migrate import migrate

migrate()  # the action server's start-up (Rasa SDK imports this package once): records at the newest schema


def _warm_up() -> None:
    """Build the language rules and the answer lists ahead of the first message (a few seconds
    on a busy machine), so the first practitioner does not wait for them."""
    try:
        from actions.answers import warm_up
        from bot.lang import api

        api.warm_up()
        warm_up()
        from bot.lang.answers import warm_up as warm_answers
        from bot.walks.check import default_plan

        warm_answers(default_plan().by_id.values())  # each question's phrases and classifier
    except Exception:  # a failure here only means the first message builds them instead
        logging.getLogger(__name__).exception("warm-up failed; the first message will build the rules")


if "rasa_sdk.endpoint" in sys.modules:  # started by `rasa run actions`, not imported by a test
    threading.Thread(target=_warm_up, name="actions-warm-up", daemon=True).start()
