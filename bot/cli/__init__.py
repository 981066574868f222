"""Command line areas of `python -m bot`."""
