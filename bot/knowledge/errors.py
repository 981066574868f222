"""KnowledgeError: every problem found in knowledge/, one line each ("file: where: what")."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Raised with every problem found; `problems` holds one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("knowledge/ has problems:\n  " + "\n  ".join(problems))
