"""Summaries, chronologies, distance travelled and its chart, for the chat and the command line."""
