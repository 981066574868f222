"""Rasa custom actions: thin adapters from a tracker to bot/ and back."""

from bot.records.migrate import migrate

migrate()  # the action server's start-up (Rasa SDK imports this package once): records at the newest schema
