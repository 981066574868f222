"""Questions about practice: topics, coverage, generated files, answers with sources."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot import faq

ROOT = Path(__file__).resolve().parents[2]


def norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def test_generated_nlu_and_domain_are_up_to_date(kb):
    assert faq.generate(kb, check_only=True) == [], "run `python -m bot faq generate`"


def test_every_glossary_term_pitfall_framework_next_step_and_level_has_a_topic(kb):
    answered = {a for t in faq.topics(kb) for a in t.answer}
    for kind in ("term", "pitfall", "framework", "next_step", "level"):
        missing = [i.id for i in kb.of_kind(kind) if i.id not in answered]
        assert not missing, f"{kind} without a faq topic: {missing}"


def test_every_answer_cites_its_source(kb):
    for t in faq.topics(kb):
        text = faq.answer_text(t.key, kb)
        assert text and "(Source: " in text, t.key


def test_a_next_step_answer_names_the_local_contact(kb):
    text = faq.answer_text("faq/mash", kb)
    assert text is not None and "Contact:" in text


def test_held_out_examples_are_never_in_training():
    training = set()
    for f in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text())["nlu"]:
            training.update(norm(line[2:]) for line in block.get("examples", "").splitlines() if line.strip())
    for f in (ROOT / "tests" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(f.read_text())["nlu"]:
            for line in block["examples"].splitlines():
                if line.strip():
                    assert norm(line.strip()[2:]) not in training, line


def test_unknown_topic_has_no_answer(kb):
    assert faq.answer_text("faq/no_such_topic", kb) is None
