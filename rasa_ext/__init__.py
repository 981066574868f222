"""Rasa-side plug-ins of the project: an NLU component, channels and the tracker store.

These import Rasa; the domain logic they call lives in bot/, which does not.
"""
