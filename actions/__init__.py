"""Rasa custom actions: thin adapters from a tracker to bot/ and back."""
