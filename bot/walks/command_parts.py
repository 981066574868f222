"""A message read part by part (issue 18): each part between punctuation is polite words only, or
wholly a form of one name, and every part names the same one. Shared by the typed forms of the
commands (bot/walks/commands.py) and the top-level readings (bot/walks/command_top_level.py).

A part may also be wholly a reason given with a name ("skip this one, no idea", "pause, someone's at the
door": commands.yml `reasons`, matched under REASON + the name): it counts only beside a part that is
that name's own form, so a reason alone ("no idea") is never the command (session 22, S22-RT6)."""

from __future__ import annotations

import re
from typing import Any

from bot.lang.nlp import nlp_doc

REASON = "reason:"  # the matcher key of a reason given with a name: "reason:skip"


def match_parts(
    text: str, matcher: Any, order: tuple[str, ...], polite: tuple[tuple[str, ...], ...], max_words: int
) -> str | None:
    """The name whose forms (`matcher`) cover the text part by part, polite words aside (the typed forms of
    the commands and the top-level readings)."""
    doc = nlp_doc(re.sub(r"\s+", " ", text.replace("’", "'")).strip())
    skip = [t.is_punct or t.is_space for t in doc]
    if sum(1 for s in skip if not s) > max_words or all(skip):
        return None
    norms = [t.norm_ for t in doc]
    matches = [(doc.vocab.strings[key], s, e) for key, s, e in matcher(doc)]
    parts, a = [], 0
    for i, is_skip in enumerate(skip + [True]):
        if is_skip:
            if i > a:
                parts.append((a, i))
            a = i + 1
    names, reasons = set(), []
    for a, b in parts:
        start_ok, end_ok = polite_runs(norms, a, b, polite)
        if start_ok[b - a]:
            continue  # polite words only ("ok", "thanks")
        found = {name for name, s, e in matches if a <= s and e <= b and start_ok[s - a] and end_ok[e - a]}
        name = next((n for n in order if n in found), None)
        if name is None:
            given = {n.removeprefix(REASON) for n in found if n.startswith(REASON)}
            if not given:
                return None
            reasons.append(given)  # a reason: it must go with the name the other parts give
            continue
        names.add(name)
    if len(names) != 1:
        return None
    name = names.pop()
    return name if all(name in given for given in reasons) else None


def polite_runs(norms: list[str], a: int, b: int, polite: tuple[tuple[str, ...], ...]) -> tuple[list[bool], list[bool]]:
    """For the part norms[a:b], by offset from a: where a run of polite words from its start
    may end, and where a run of polite words to its end may start."""
    n = b - a
    words = norms[a:b]
    start_ok = [False] * (n + 1)
    start_ok[0] = True
    for i in range(n):
        if start_ok[i]:
            for seq in polite:
                if tuple(words[i : i + len(seq)]) == seq:
                    start_ok[i + len(seq)] = True
    end_ok = [False] * (n + 1)
    end_ok[n] = True
    for j in range(n, 0, -1):
        if end_ok[j]:
            for seq in polite:
                if j - len(seq) >= 0 and tuple(words[j - len(seq) : j]) == seq:
                    end_ok[j - len(seq)] = True
    return start_ok, end_ok
