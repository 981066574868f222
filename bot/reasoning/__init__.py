"""Reasoning over a check's answers: threshold levels from knowledge/thresholds.yml and distance-travelled scores."""
