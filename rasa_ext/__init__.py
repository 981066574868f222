"""Rasa-side plug-ins of the project: NLU components, channels and the tracker store.

These import Rasa; the domain logic they call lives in bot/, which does not. Every place they
reach past Rasa 3.6's public API (patches, private methods, log messages) is listed in
workarounds.py, which also checks the installed Rasa version when Rasa loads them.
"""
