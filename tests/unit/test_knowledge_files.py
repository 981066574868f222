"""One reader for knowledge/ (bot/knowledge/files.py) and the pydantic model of each file: a wrong
type, a missing required field, an unknown field and a key given twice each give one clear
problem line naming the file, the element and the field, whichever loader reads the file."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import files
from bot.knowledge import loader as knowledge
from bot.knowledge.errors import KnowledgeError
from bot.reasoning import scoring
from bot.reasoning.threshold_rules import FILE as THRESHOLDS
from bot.reasoning.threshold_rules import Rules, _read_file
from bot.walks.check_plan import Plan
from bot.walks.supervision_content import load_content
from bot.walks.training_library import load_library

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture()
def kdir(tmp_path):
    dst = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dst)
    return dst


def load_problems(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as exc:
        knowledge.load(kdir, SEEDS, "default")
    return exc.value.problems


def _first(data, key):
    return data[key][0]


# -- the own-shape files, each through the module that reads it ------------------------------
def _plan(kb):
    return Plan(kb)


def _training(kb):
    return load_library(kb, SEEDS)


CASES = {
    "check.yml": (
        _plan,
        [
            (
                lambda d: _first(d, "questions").__setitem__("examples", "many"),
                "check.yml: questions[0] 'q_danger_now': field 'examples': value is not a valid integer",
            ),
            (
                lambda d: _first(d, "questions").pop("text"),
                "check.yml: questions[0] 'q_danger_now': missing required field 'text'",
            ),
            (
                lambda d: _first(d, "questions").__setitem__("hint", "x"),
                "check.yml: questions[0] 'q_danger_now': unknown field 'hint'",
            ),
        ],
    ),
    "supervision.yml": (
        load_content,
        [
            (
                lambda d: d["settings"].__setitem__("questions_per_theme", "two"),
                "supervision.yml: field 'settings.questions_per_theme': value is not a valid integer",
            ),
            (
                lambda d: _first(d, "themes").pop("why"),
                "supervision.yml: themes[0] 'theme_optimism': missing required field 'why'",
            ),
            (
                lambda d: _first(d, "picking").__setitem__("colour", "red"),
                "supervision.yml: picking[0] 'pick_overdue_actions': unknown field 'colour'",
            ),
        ],
    ),
    "training.yml": (
        _training,
        [
            (
                lambda d: _first(d, "scenarios").__setitem__("disabled", [1, 2]),
                "training.yml: scenarios[0] 'trn_alder_unborn' (TRN-01): field 'disabled': value could not be "
                "parsed to a boolean",
            ),
            (
                lambda d: d["kinds"]["level"].pop("why"),
                "training.yml: missing required field 'kinds.level.why'",
            ),
            (
                lambda d: d["option_sets"]["types"][0].__setitem__("colour", "red"),
                "training.yml: option_sets.types[0]: unknown field 'colour'",
            ),
        ],
    ),
    "scoring.yml": (
        scoring.load_rules,
        [
            (
                lambda d: d["scoring"]["matrix"]["one_off"].__setitem__("some", "two"),
                "scoring.yml: field 'scoring.matrix.one_off.some': value is not a valid integer",
            ),
            (
                lambda d: d["scoring"]["unknown"].pop("impact"),
                "scoring.yml: missing required field 'scoring.unknown.impact'",
            ),
            (
                lambda d: d["scoring"]["grades"][0].__setitem__("colour", "red"),
                "scoring.yml: scoring.grades[0] 'care_grade_4': unknown field 'colour'",
            ),
        ],
    ),
}


@pytest.mark.parametrize(
    "name, n", [(name, n) for name, (_, edits) in CASES.items() for n in range(len(edits))], ids=str
)
def test_a_malformed_own_shape_file_gives_one_clear_line_from_its_loader(kb, name, n):
    read, edits = CASES[name]
    edit, expected = edits[n]
    raw = copy.deepcopy(kb.extra[name])
    edit(raw)
    with pytest.raises(KnowledgeError) as exc:
        read(dataclasses.replace(kb, extra={**kb.extra, name: raw}))
    found = exc.value.problems
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda c: c.__setitem__("raises", "often"),
            "field 'raises': value could not be parsed to a boolean",
        ),
        (lambda c: c.pop("id"), "missing required field 'id'"),
        (lambda c: c["when"].__setitem__("colour", "red"), "unknown field 'when.colour'"),
    ],
)
def test_a_malformed_threshold_rule_gives_one_clear_line(kb, plan, edit, expected):
    raw = copy.deepcopy(_read_file(KNOWLEDGE / THRESHOLDS))
    crit = raw["levels"][4]["criteria"][0]
    where = f"thresholds.yml: levels '{raw['levels'][4]['id']}' criteria[0] '"
    edit(crit)
    with pytest.raises(KnowledgeError) as exc:
        Rules(dataclasses.replace(kb, extra={**kb.extra, THRESHOLDS: raw}), plan, raw)
    found = exc.value.problems
    assert len(found) == 1 and found[0].startswith(where) and f": {expected}" in found[0], found


@pytest.fixture()
def plan(kb):
    return Plan(kb)


# -- the item files, profiles and sources, through the knowledge loader ------------------------
def _edit_item_file(kdir: Path, name: str, section: str, edit) -> str:
    path = kdir / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    item = data[section][0]
    edit(item)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f"{name}: {section}[0] '{item.get('id')}'"


@pytest.mark.parametrize(
    "name, section, edit, expected",
    [
        (
            "pitfalls.yml",
            "pitfalls",
            lambda i: i.__setitem__("reflective_questions", {"one": "two"}),
            "field 'reflective_questions': value is not a valid list",
        ),
        ("glossary.yml", "glossary", lambda i: i.__setitem__("colour", "red"), "unknown field 'colour'"),
        ("frameworks.yml", "frameworks", lambda i: i.pop("how_to_use"), "missing required field 'how_to_use'"),
        (
            "next_steps.yml",
            "next_steps",
            lambda i: i.__setitem__("contact", "the_moon"),
            "field 'contact': unknown value 'the_moon' (known: front_door, consultation_line",
        ),
    ],
)
def test_a_malformed_item_gives_one_clear_line(kdir, name, section, edit, expected):
    where = _edit_item_file(kdir, name, section, edit)
    found = load_problems(kdir)
    assert len(found) == 1 and found[0].startswith(f"{where}: {expected}"), found


def test_a_malformed_profile_and_sources_file_give_one_line_each(kdir):
    path = kdir / "profiles" / "kent.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contacts"]["front_door"]["phone"] = ["01234"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_problems(kdir) == ["profiles/kent.yml: field 'contacts.front_door.phone': str type expected"]


def _duplicate_first_id(path: Path) -> int:
    """Gives the first mapping with an id its id twice; returns the line of the copy."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        m = re.match(r"^(\s*)(- )?id: (.+)$", line)
        if m:
            indent = len(m.group(1)) + (2 if m.group(2) else 0)
            lines.insert(n + 1, " " * indent + f"id: {m.group(3)}")
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return n + 2
    raise AssertionError(f"{path.name} has no id")


@pytest.mark.parametrize("name", ["check.yml", "supervision.yml", "training.yml", "scoring.yml", "more.yml"])
def test_a_key_given_twice_is_one_clear_line(kdir, name):
    if name == "more.yml":  # an item file of its own, so that no other file's reference breaks
        (kdir / name).write_text(
            "concepts:\n  - id: new_concept\n    name: N\n    text: T.\n" "    source: {doc: kent, section: Neglect}\n",
            encoding="utf-8",
        )
    line = _duplicate_first_id(kdir / name)
    found = load_problems(kdir)
    assert len(found) == 1, found
    assert found[0].startswith(f"{name}: not valid YAML line {line}: key 'id' is given twice"), found


def test_a_key_given_twice_in_thresholds_is_refused_by_the_same_reader(tmp_path):
    path = tmp_path / THRESHOLDS
    shutil.copy(KNOWLEDGE / THRESHOLDS, path)
    line = _duplicate_first_id(path)
    with pytest.raises(KnowledgeError) as exc:
        _read_file(path)
    assert exc.value.problems == [
        f"thresholds.yml: not valid YAML line {line}: key 'id' is given twice in one mapping "
        f"(lines {line - 1} and {line}); YAML would keep only the last"
    ]


def test_every_knowledge_file_reads_without_a_repeated_key():
    bad = []
    for path in sorted(KNOWLEDGE.rglob("*.yml")):
        _, problems = files.read(path, str(path.relative_to(KNOWLEDGE)))
        bad += problems
    assert bad == []


@pytest.mark.parametrize(
    "name, edit, expected",
    [
        ("supervision.yml", lambda d: d["buttons"].pop("finish"), "missing required field 'buttons.finish'"),
        ("training.yml", lambda d: d["choosing"].__setitem__("disabled", []), "field 'choosing.disabled': ensure"),
        (
            "age_bands.yml",
            lambda d: d["bands"][1].__setitem__("months", [11, 0]),
            "bands[1] 'baby': field 'months' must be",
        ),
    ],
)
def test_words_and_buttons_moved_to_knowledge_are_checked_on_load(kdir, name, edit, expected):
    path = kdir / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = load_problems(kdir)
    assert len(found) == 1 and found[0].startswith(f"{name}: ") and expected in found[0], found


def test_the_answering_texts_of_faq_are_all_required(kb):
    from bot.knowledge.answers import settings

    raw = copy.deepcopy(kb.extra["faq.yml"])
    raw["answering"]["texts"].pop("not_covered")
    with pytest.raises(KnowledgeError) as exc:
        settings(dataclasses.replace(kb, extra={**kb.extra, "faq.yml": raw}))
    assert exc.value.problems == ["faq.yml: answering: missing required field 'texts.not_covered'"]
