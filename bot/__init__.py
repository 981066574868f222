"""The domain core of the neglect practice assistant.

Plain Python: it imports no Rasa, so every piece can be tested in milliseconds.
"""
