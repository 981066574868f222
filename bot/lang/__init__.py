"""Rule-based language layer (spaCy, no trained model): see bot/lang/api.py for the API."""
