"""Answers to questions about neglect practice, looked up in knowledge/ with their source.

A question is matched to the item whose name, term or alias it mentions (the longest
mention wins). Nothing is made up: no match, no answer.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bot.knowledge import Framework, Item, KnowledgeBase, NextStep, Pitfall, Term
from bot.replies import Reply

ANSWERABLE = ("term", "pitfall", "concept", "framework", "next_step", "level", "neglect_type", "resistance_type",
              "vulnerable_group", "risk_factor", "protective_factor")


def _norm(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'").replace("'", ""))) + " "


@lru_cache(maxsize=4)
def _index(kb: KnowledgeBase) -> list[tuple[str, Item]]:
    out = []
    for item in kb.items.values():
        if item.kind not in ANSWERABLE:
            continue
        names = {item.name, item.id.replace("_", " ")}
        if isinstance(item, Term):
            names.update(item.aliases)
            names.update(part.strip() for part in re.split(r"[(/),]", item.name) if len(part.strip()) > 1)
        for n in names:
            key = _norm(n).strip()
            if len(key) >= 2:
                out.append((key, item))
    out.sort(key=lambda pair: -len(pair[0]))
    return out


def find_item(text: str, kb: KnowledgeBase) -> Item | None:
    norm = _norm(text)
    for key, item in _index(kb):
        if f" {key} " in norm:
            return item
    return None


def render(item: Item, kb: KnowledgeBase) -> str:
    parts = [f"{item.name}: {item.text}"]
    if isinstance(item, Pitfall):
        parts.append(f"What helps: {item.mitigation}")
    elif isinstance(item, Framework):
        parts.append(f"How to use it: {item.how_to_use}")
    elif isinstance(item, NextStep):
        parts.append(f"When: {item.when}")
        if item.contact:
            parts.append(f"Contact: {kb.profile.contacts[item.contact].describe()}")
    parts.append(f"(Source: {kb.cite_item(item)}.)")
    return "\n".join(parts)


def answer_question(text: str, kb: KnowledgeBase) -> Reply | None:
    item = find_item(text, kb)
    return Reply(render(item, kb)) if item else None
