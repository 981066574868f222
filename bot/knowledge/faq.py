"""Questions about neglect practice: topics in knowledge/faq.yml, each a retrieval intent
(faq/<key>) whose answer is rendered from the knowledge items it names, with sources.

The NLU examples (data/nlu/faq.yml) and the response keys in domain.yml are generated from
knowledge/faq.yml by `python -m bot faq generate`; a test fails when they are out of date.
"""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.answers import answer_text, settings  # noqa: F401  (answer_text: imported from here)
from bot.knowledge.faq_topics import Topic, topics  # noqa: F401  (imported from here)
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.texts import words
from bot.settings import ROOT

NLU_FILE = ROOT / "data" / "nlu" / "faq.yml"
DOMAIN_FILE = ROOT / "domain.yml"
BEGIN = "  # >>> generated from knowledge/faq.yml by `python -m bot faq generate`: do not edit by hand\n"
END = "  # <<< end of generated responses\n"


def _lower_first(name: str) -> str:
    """'Drift and delay' -> 'drift and delay', but 'MASH' and 'Graded Care Profile 2' keep their capitals."""
    first = name.split(" ", 1)[0]
    return (
        name if (first[1:2].isupper() or first in words().faq.capitalised_first_words) else name[0].lower() + name[1:]
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nlu_yaml(kb: KnowledgeBase) -> str:
    lines = [
        'version: "3.1"',
        "# Generated from knowledge/faq.yml by `python -m bot faq generate`: edit that file instead.",
        "nlu:",
    ]
    for t in topics(kb):
        lines.append(f"  - intent: faq/{t.key}")
        lines.append("    examples: |")
        lines.extend(f"      - {e}" for e in t.examples)
    return "\n".join(lines) + "\n"


def domain_block(kb: KnowledgeBase) -> str:
    lines = [BEGIN.rstrip("\n")]
    for t in topics(kb):
        lines.append(f"  utter_faq/{t.key}:")
        # Shown before action_answer_question decides whether this topic fits the question, so it
        # claims nothing: the action gives the answer, or says the documents don't cover it.
        lines.append(f"    - text: {_quote(settings(kb).texts['lookup'])}")
    lines.append(END.rstrip("\n"))
    return "\n".join(lines) + "\n"


def with_block(domain_text: str, block: str) -> str:
    if BEGIN in domain_text and END in domain_text:
        head, rest = domain_text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    return domain_text.rstrip("\n") + "\n" + block


def generate(
    kb: KnowledgeBase, check_only: bool = False, nlu_file: Path = NLU_FILE, domain_file: Path = DOMAIN_FILE
) -> list[str]:
    """Writes the generated files, or with check_only lists those that are out of date."""
    wanted = {
        nlu_file: nlu_yaml(kb),
        domain_file: with_block(domain_file.read_text(encoding="utf-8"), domain_block(kb)),
    }
    stale = [
        str(p.relative_to(ROOT))
        for p, text in wanted.items()
        if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    if not check_only:
        for p, text in wanted.items():
            p.write_text(text, encoding="utf-8")
    return stale
