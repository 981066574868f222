"""The finders of personal details that bot/lang/scrub.py runs, by concern."""
