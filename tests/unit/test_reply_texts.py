"""The reply catalogue, knowledge/language/replies/*.yml, read through bot.knowledge.texts.say:
every key the code asks for exists and is given exactly the placeholders its text needs,
every text is asked for somewhere, and a wrong key or a missing value fails loudly."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from bot.knowledge import texts
from bot.knowledge.texts import ReplyTextError, catalogue, placeholders, say

ROOT = Path(__file__).resolve().parents[2]
CODE = (
    sorted((ROOT / "bot").rglob("*.py"))
    + sorted((ROOT / "actions").rglob("*.py"))
    + sorted((ROOT / "rasa_ext").rglob("*.py"))
)
READERS = {"say", "has"}


# -- what the code asks for ------------------------------------------------------------------
def _strings(node: ast.AST, names: dict[str, ast.AST]) -> list[tuple[str, bool]] | None:
    """The keys an expression can be, as patterns: each with True when it is a whole key
    (the pattern is the key, escaped) or False when part of it is a value (an f-string's
    field stands for one part of a dotted key, an unknown name joined on for the rest);
    None when the expression says nothing about its key."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(re.escape(node.value), True)]
    if isinstance(node, ast.Name) and node.id in names:
        return _strings(names[node.id], {k: v for k, v in names.items() if k != node.id})
    if isinstance(node, ast.IfExp):
        a, b = _strings(node.body, names), _strings(node.orelse, names)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _strings(node.left, names)
        if left is None:
            return None
        right = _strings(node.right, names) or [(".+", False)]
        return [(a + b, whole_a and whole_b) for a, whole_a in left for b, whole_b in right]
    if isinstance(node, ast.JoinedStr):
        parts = [(re.escape(v.value), True) if isinstance(v, ast.Constant) else ("[^.]+", False) for v in node.values]
        if not parts or parts[0][1] is False:
            return None
        return [("".join(p for p, _ in parts), all(w for _, w in parts))]
    return None


def _local_names(func: ast.AST) -> dict[str, ast.AST]:
    """Names bound once in a function, or at a module's top level (R = "supervision.record.";
    B, P = "a.", "b."; key = f"...")."""
    names: dict[str, ast.AST] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            pairs = (
                zip(target.elts, value.elts, strict=False)
                if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                else [(target, value)]
            )
            for t, v in pairs:
                if isinstance(t, ast.Name):
                    names[t.id] = v
    return names


def uses() -> list[tuple[str, int, str, bool, set[str] | None]]:
    """(file, line, key, whole key?, keyword names or None when **values) of every say()/has()."""
    out = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(ROOT).as_posix()
        scopes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        module = _local_names(ast.Module(body=[n for n in tree.body if isinstance(n, ast.Assign)], type_ignores=[]))
        owner = {}
        for scope in scopes:  # innermost function wins: walk order visits outer ones first
            for n in ast.walk(scope):
                owner[id(n)] = scope
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name not in READERS or (isinstance(func, ast.Attribute) and getattr(func.value, "id", "") != "texts"):
                continue
            scope = owner.get(id(node))
            keys = _strings(node.args[0], {**module, **(_local_names(scope) if scope else {})})
            assert keys is not None, f"{rel}:{node.lineno}: a reply key this test cannot read"
            kw = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
            for key, whole in keys:
                out.append((rel, node.lineno, key, whole, kw if name == "say" else set()))
    return out


USES = uses()


def test_the_code_reads_its_replies_from_the_catalogue():
    assert len(USES) > 200
    files = {f for f, *_ in USES}
    assert {"bot/walks/check.py", "bot/walks/supervision.py", "bot/walks/training.py", "actions/records.py"} <= files
    assert {"bot/reports/summary.py", "bot/reports/chronology.py", "bot/walks/menu.py"} <= files


def test_every_key_used_in_code_exists_with_exactly_its_placeholders():
    texts_ = catalogue()
    problems = []
    for rel, line, pattern, _whole, kw in USES:
        where = f"{rel}:{line}: '{pattern}'"
        matching = [k for k in texts_ if re.fullmatch(pattern, k)]
        if not matching:
            problems.append(f"{where}: no such text")
        for k in matching if kw is not None else ():
            if kw != placeholders(texts_[k]):
                problems.append(f"{where}: '{k}' needs {sorted(placeholders(texts_[k]))}, given {sorted(kw)}")
    assert not problems, "\n".join(problems)


def test_every_text_in_the_catalogue_is_used():
    patterns = [re.compile(p) for _, _, p, _, _ in USES]
    unused = [k for k in catalogue() if not any(p.fullmatch(k) for p in patterns)]
    assert not unused, f"texts no code asks for: {unused}"


# -- the catalogue itself -------------------------------------------------------------------
def test_the_catalogue_has_one_file_a_walk_and_plain_placeholders():
    folder = ROOT / "knowledge" / "language" / "replies"
    names = {p.stem for p in folder.glob("*.yml")}
    assert {"check", "supervision", "training", "common", "menu", "reports", "actions"} <= names
    for path in folder.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data, path.name
    assert all(isinstance(v, str) and v.strip() for v in catalogue().values())
    # keys the knowledge loader reads in every file of knowledge/ are never reply keys
    assert not [k for k in catalogue() if {"id", "source", "also", "related"} & set(k.split("."))]


def test_the_texts_keep_the_words_the_tests_and_users_know():
    assert say("check.paused", ref="ABC-12") == (
        "Paused. Your answers are saved under ABC-12. To carry on later, say 'resume ABC-12'."
    )
    assert say("common.back_to", back="the check") == "Now, back to the check."
    assert say("common.rest.not_json") == 'Send a JSON object: {"sender": "<your id>", "message": "<text>"}.'
    assert "\n" in say("common.emergency", front="F", edt="E", source="S")


# -- the accessor fails loudly ---------------------------------------------------------------
def test_an_unknown_key_names_the_key_and_the_file():
    with pytest.raises(ReplyTextError) as exc:
        say("check.no_such_text")
    assert "check.no_such_text" in str(exc.value) and "replies/check.yml" in str(exc.value)


def test_a_missing_or_unused_placeholder_is_an_error():
    with pytest.raises(ReplyTextError) as exc:
        say("check.paused")
    assert "missing ['ref']" in str(exc.value)
    with pytest.raises(ReplyTextError) as exc:
        say("check.back", ref="ABC-12")
    assert "not used ['ref']" in str(exc.value)


def test_a_broken_catalogue_is_reported_with_the_file_and_key(tmp_path, monkeypatch):
    folder = tmp_path.joinpath(*texts.FOLDER)
    folder.mkdir(parents=True)
    (folder / "check.yml").write_text(
        "fine: 'Fine {ref}.'\nodd: 'Odd {ref.name}.'\nempty: ''\nsource: 'A text.'\noff: 'Switched off.'\n",
        encoding="utf-8",
    )
    (folder / "menu.yml").write_text("- a list\n", encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path))
    catalogue.cache_clear()
    try:
        with pytest.raises(ReplyTextError) as exc:
            catalogue()
        msg = str(exc.value)
        assert "check.yml: 'check.odd'" in msg and "check.yml: 'check.empty'" in msg and "menu.yml" in msg
        assert "'source' is a knowledge field" in msg and "check.fine" not in msg
        assert "'check.False': a key must be a word" in msg  # YAML read the bare key off as false
    finally:
        monkeypatch.undo()
        catalogue.cache_clear()
    assert say("check.back") == "OK, let's go back one question."


# -- the word lists (knowledge/language/word_lists.yml) ----------------------------------------
def test_the_word_lists_are_read_once_and_used_as_they_stand():
    from bot.walks.supervision_drift import SAME_WORDS, STOP_WORDS
    from bot.walks.training import PLAIN_COMMANDS
    from bot.walks.training_marking import DONE_WORDS, NEGATORS

    w = texts.words()
    assert texts.words() is w  # read once
    assert STOP_WORDS == frozenset(w.supervision.drift_stop_words) and "the" in STOP_WORDS
    assert SAME_WORDS["telephone"] == "call"
    assert "that's all" in DONE_WORDS and "isnt" in NEGATORS
    assert PLAIN_COMMANDS["don't know"] == "skip" and PLAIN_COMMANDS["why?"] == "why"


def test_a_broken_word_list_is_reported_with_the_file_and_field(tmp_path, monkeypatch):
    from bot.knowledge.errors import KnowledgeError

    folder = tmp_path.joinpath(*texts.FOLDER)
    folder.mkdir(parents=True)
    (folder.parent / texts.WORD_LISTS).write_text(
        "basis: 'Invented for a test.'\n"
        "supervision: {drift_stop_words: [], drift_same_words: {kid: child}}\n"
        "training: {done: [done], negators: [not], plain_commands: {skip: [skip], jump: [hop], stop: [skip]}}\n"
        "faq: {capitalised_first_words: [Graded], extra: [x]}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path))
    texts.words.cache_clear()
    try:
        with pytest.raises(KnowledgeError) as exc:
            texts.words()
        msg = str(exc.value)
        assert "language/word_lists.yml" in msg and "supervision.drift_stop_words" in msg
        assert "unknown: jump" in msg and "unknown field 'faq.extra'" in msg
    finally:
        monkeypatch.undo()
        texts.words.cache_clear()
    assert "the" in texts.words().supervision.drift_stop_words
