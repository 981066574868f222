"""Rule-based language layer (spaCy, no trained model): see bot/language.py for the API."""
