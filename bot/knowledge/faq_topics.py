"""The topics of knowledge/faq.yml (each a retrieval intent faq/<key> answered from the knowledge
items it names), read through their model; bot/knowledge/faq.py generates the NLU data and
responses from them and bot/knowledge/answers.py ranks them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge import files
from bot.knowledge.loader import KnowledgeBase, KnowledgeError
from bot.knowledge.schema_faq import TopicSpec

FILE = "faq.yml"


@dataclass(frozen=True)
class Topic:
    id: str
    key: str  # the retrieval intent is faq/<key>
    answer: tuple[str, ...]
    examples: tuple[str, ...]


@lru_cache(maxsize=4)
def _topics(kb: KnowledgeBase) -> tuple[Topic, ...]:
    raw = kb.extra.get(FILE) or {}
    out, problems = [], []
    for n, t in enumerate(raw.get("topics") or []):
        where = f"{FILE}: topics[{n}]{files.label(t)}"
        spec = files.check(TopicSpec, t, where, problems)
        if spec is None:
            continue
        problems.extend(f"{where}: field 'answer': no item has id '{a}'" for a in spec.answer if a not in kb.items)
        out.append(Topic(spec.id, spec.id[len("faq_") :], tuple(spec.answer), tuple(spec.examples)))
    if problems:
        raise KnowledgeError(problems)
    return tuple(out)


def topics(kb: KnowledgeBase) -> list[Topic]:
    """The topics of faq.yml; KnowledgeError names every problem."""
    return list(_topics(kb))
