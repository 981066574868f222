"""The function words of bot/lang live in knowledge/language/grammar.yml (issue 17 item 4): the
file is checked on load, every list the code asks for is in it and every list in it is read,
and the readers behave as the words say (invented wording throughout)."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.knowledge.schema_words import GrammarFile
from bot.lang import grammar
from bot.lang.nlp import get_nlp, segments

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "knowledge" / "language" / "grammar.yml"
TODAY = date(2026, 12, 5)


def _raw() -> dict:
    return yaml.safe_load(FILE.read_text(encoding="utf-8"))


def _asked() -> dict[str, set[str]]:
    """The names bot/lang asks grammar.py for, by kind (words/ordered -> words, table -> tables)."""
    out: dict[str, set[str]] = {"words": set(), "tables": set()}
    for path in (ROOT / "bot" / "lang").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            f = node.func
            on_grammar = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "grammar"
            name = f.attr if on_grammar else getattr(f, "id", "")
            if (
                name in ("words", "ordered")
                and on_grammar
                or name == "_grammar_words"
                and isinstance(node.args[0].value, str)
            ):
                out["words"].add(node.args[0].value)
            elif name == "table" and on_grammar and isinstance(node.args[0].value, str):
                out["tables"].add(node.args[0].value)
    return out


def test_the_file_has_its_shape_and_grammar_py_reads_it():
    GrammarFile.parse_obj(_raw())
    assert grammar.words("clause_words") >= {"but", "because"}
    assert grammar.table("months")["sept"] == 9


@pytest.mark.parametrize(
    "broken",
    [
        {"words": {"clause_words": []}},  # an empty list
        {"words": {"clause_words": ["but", ""]}},  # an empty word
        {"tables": {"months": {"may": "fifth"}}},  # a table maps a word to a number
        {"spelling": {}},  # an unknown section
    ],
)
def test_a_broken_file_is_refused(broken):
    raw = _raw()
    for key, value in broken.items():
        raw[key] = {**raw.get(key, {}), **value} if key in raw else value
    with pytest.raises(ValidationError):
        GrammarFile.parse_obj(raw)


def test_every_list_the_code_asks_for_is_in_the_file_and_every_list_in_it_is_read():
    raw, asked = _raw(), _asked()
    assert asked["words"] and asked["tables"]
    assert asked["words"] == set(raw["words"]), "grammar.yml words and the names bot/lang asks for differ"
    assert asked["tables"] == set(raw["tables"]), "grammar.yml tables and the names bot/lang asks for differ"


def test_clause_words_split_a_sentence():
    doc = get_nlp()("the flat is tidy whereas the fridge is empty")
    clauses = segments(doc)[1]
    assert clauses[0] != clauses[-1]
    doc = get_nlp()("the flat is tidy and the fridge is full")
    assert len(set(segments(doc)[1])) == 1


def test_number_month_weekday_and_recent_words():
    from bot.lang.dates import month_number, to_number
    from bot.lang.when import parse_due_date, parse_duration

    assert to_number("a couple of") == 2.0 and to_number("twelve") == 12.0
    assert month_number("Sept.") == 9
    assert parse_duration("since last month", TODAY).since == date(2026, 11, 5)
    assert parse_duration("since yesterday", TODAY).since == date(2026, 12, 4)
    assert parse_duration("about a fortnight", TODAY).months == 0.5
    assert parse_due_date("due next friday", TODAY).weekday() == 4


def test_yes_no_and_negators_read_as_the_lists_say():
    from bot.lang.answer_words import is_no, is_yes

    assert is_yes("yep that's right") and not is_yes("perhaps")
    assert is_no("nah") and not is_no("now and then")
