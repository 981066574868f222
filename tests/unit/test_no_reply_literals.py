"""No sentence the assistant says is written as a Python literal, and no word list either
(issue 17 item 4): sentences belong in knowledge/language/replies/ and are read with
bot.knowledge.texts.say; word lists belong in knowledge/language/*.yml.

The scan covers all of bot/, actions/ and the two channels of rasa_ext/ that answer users.
A string constant of five or more words fails unless a rule below says it is not a reply:
- a docstring;
- inside a raise statement, a logging call, an audit-log call (audit/_audit) or a turn's
  failure note (note_failure): for developers and auditors;
- inside print() (a command-line tool's output for IT: the chat never prints) or an argparse
  call (the command line's own help);
- a validation problem for whoever edits knowledge/: inside a call to problem(), added to or
  assigned to a list named problems, or in a function whose result is added to that list
  (problems.extend(self._check(...)));
- a comment written into a generated file (it starts with '#');
- in bot/cli (the command line for IT), bot/lang or bot/records, which build no reply: they
  import neither the Reply type nor say(), and test_the_packages_that_cannot_reply_build_no_reply
  holds them to that. Their strings are help texts, reasons, patterns, SQL and audit details.
What is left must be on the short ALLOWED list with the reason."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FILES = (
    sorted((ROOT / "bot").rglob("*.py"))
    + sorted((ROOT / "actions").glob("*.py"))
    + [ROOT / "rasa_ext" / "channels.py", ROOT / "rasa_ext" / "prod_channel.py"]
)
# packages whose modules may not build a reply (see the module docstring)
CANNOT_REPLY = ("bot/cli/", "bot/lang/", "bot/records/")
REPLY_MODULES = {"bot.walks.replies", "bot.knowledge.texts"}
MIN_WORDS = 5
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
PUNCTUATION = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~‘’“”-"


def words(text: str) -> int:
    """Words between spaces: a field of an f-string, a number, a key such as 'check.paused' or
    a pattern is none."""
    return sum(1 for token in text.split() if WORD.fullmatch(token.strip(PUNCTUATION)))


LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
RECORD_CALLS = {"audit", "_audit", "note_failure"}  # the audit log, a failed turn's note
CLI_CALLS = {"print", "ArgumentParser", "add_parser", "add_argument", "add_subparsers", "add_argument_group"}
PROBLEM_LISTS = {"problems"}

# (file, the start of the literal): why it is not moved
ALLOWED: dict[tuple[str, str], str] = {}


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_problem_list(node: ast.AST) -> bool:
    return _name(node) in PROBLEM_LISTS


def _problem_functions(tree: ast.AST) -> set[str]:
    """The names of the functions whose result a module adds to a problems list."""
    out = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and _name(node.func) in ("append", "extend")
            and _is_problem_list(getattr(node.func, "value", None))
        ):
            out.update(_name(n.func) for arg in node.args for n in ast.walk(arg) if isinstance(n, ast.Call))
    return out - {""}


def _skipped(tree: ast.AST) -> set[int]:
    """Every node that a rule of the module docstring says is not a reply."""
    out: set[int] = set()
    problem_functions = _problem_functions(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in problem_functions:
            out.update(id(n) for n in ast.walk(node))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        skip = isinstance(node, ast.Raise)
        if isinstance(node, ast.Call):
            name = _name(node.func)
            is_log = isinstance(node.func, ast.Attribute) and name in LOG_METHODS
            added_problem = name in ("append", "extend") and _is_problem_list(getattr(node.func, "value", None))
            skip = is_log or name in RECORD_CALLS | CLI_CALLS or name == "problem" or added_problem
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            skip = any(_is_problem_list(t) for t in targets)
        if skip:
            out.update(id(n) for n in ast.walk(node))
    return out


def literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal of MIN_WORDS or more words that is not skipped; an
    f-string counts as one literal (its fields written '{}'), and only words count: a field, a
    number or a sign is none."""
    tree = ast.parse(source)
    skipped = _skipped(tree)
    inside_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped or id(node) in inside_fstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if text.lstrip().startswith("#"):  # a comment of a generated file
            continue
        if words(text) >= MIN_WORDS:
            found.append((node.lineno, text))
    return found


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _allowed(rel: str, text: str) -> bool:
    return any(rel == f and text.startswith(start) for f, start in ALLOWED)


def _imports(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_no_reply_is_a_python_literal():
    assert len(FILES) > 100
    found = []
    for path in FILES:
        rel = _rel(path)
        if rel.startswith(CANNOT_REPLY):
            continue
        for line, text in literals(path.read_text(encoding="utf-8")):
            if not _allowed(rel, text):
                found.append(f"{rel}:{line}: {text[:70]!r}")
    assert not found, "move these to knowledge/language/replies/ and read them with say():\n" + "\n".join(found)


def test_the_packages_that_cannot_reply_build_no_reply():
    """bot/cli, bot/lang and bot/records are left out of the scan because they cannot reply: no
    module in them imports the Reply type or say()."""
    found = []
    for path in FILES:
        rel = _rel(path)
        if rel.startswith(CANNOT_REPLY):
            reached = _imports(ast.parse(path.read_text(encoding="utf-8")))
            found += [
                f"{rel}: imports {m}"
                for m in sorted(reached)
                if m.rpartition(".")[0] in REPLY_MODULES or m in REPLY_MODULES
            ]
    assert sum(_rel(p).startswith(CANNOT_REPLY) for p in FILES) > 10
    assert not found, (
        "a module of bot/cli, bot/lang or bot/records that replies is scanned like the rest:\n" + "\n".join(found)
    )


def test_every_allowed_literal_is_still_there():
    """An allow-list entry whose literal has gone is removed, so the list stays short and true."""
    seen = set()
    for path in FILES:
        rel = _rel(path)
        for _, text in literals(path.read_text(encoding="utf-8")):
            seen.update((f, start) for f, start in ALLOWED if rel == f and text.startswith(start))
    assert seen == set(ALLOWED)
    assert len(ALLOWED) <= 3


def test_the_scan_finds_a_sentence_however_it_is_written():
    src = '''
"""A module docstring of many words is fine."""
import logging
log = logging.getLogger(__name__)
HEADER = "  # generated from a file of many words: do not edit"


def _check_rule(rule):
    return [f"answer_in.{rule}: a raising rule may not be met by 'not sure'"]


def f(ref, problems):
    """A docstring of many words is fine too."""
    log.warning("a log message of many words is for developers")
    print("a command line tool says this to IT staff")
    problems.append(f"{ref}: field 'answer': no item has id '{ref}'")
    problems.extend(_check_rule(ref))
    if not ref:
        raise ValueError("an exception of many words is for developers")
    short = "Main menu"
    shape = f"- {ref}: {ref} ({ref}/10) 12 of 14"
    one = "Paused. Your answers are saved."
    two = f"Paused. Your answers are saved under {ref}."
    three = ("Paused. Your answers " "are saved.")
    four = {"error": "Missing or wrong token: send a bearer token."}
    return short, shape, one, two, three, four
'''
    found = [text for _, text in literals(src)]
    assert found == [
        "Paused. Your answers are saved.",
        "Paused. Your answers are saved under {}.",
        "Paused. Your answers are saved.",
        "Missing or wrong token: send a bearer token.",
    ]


# -- word lists --------------------------------------------------------------------------------
# A literal list, tuple or set of three or more words or phrases in these packages is a word
# list, and belongs in knowledge/language/*.yml (bot/lang reads its function words from
# knowledge/language/grammar.yml through bot/lang/grammar.py); so is a dict keyed by three or
# more words (phrase -> meaning), and a string of three or more words that is split into one.
# Not word lists: the values a schema accepts (Literal[...]), constants named one by one (A, B,
# C = "a", "b", "c"), and the code's own values: a collection whose every element is a
# snake_case name the code also uses elsewhere (a status, a stage, a field, or an option value
# such as "yes", "no", "unsure" that names what is stored rather than a word to match).
# bot/cli and bot/records are not scanned: their short collections are enum-like status values
# and command names of the command line and the store, not words read in people's messages.
WORD_LIST_PACKAGES = ("walks", "reports", "knowledge", "lang")
PHRASE = re.compile(r"[A-Za-z]+(?:['’ -][A-Za-z]+)*[?!.]?")
CODE_VALUE = re.compile(r"[a-z][a-z0-9_]*")
MIN_LIST = 3


def _constants(trees: list[ast.AST]) -> Counter:
    return Counter(
        n.value for t in trees for n in ast.walk(t) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def word_lists(tree: ast.AST, constants: Counter) -> list[tuple[int, list[str]]]:
    """(line, elements) of every word list in a module; `constants` counts every string constant
    of the code, this module's included."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _name(node.value) == "Literal":
            exempt.update(id(n) for n in ast.walk(node.slice))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Tuple) for t in node.targets):
            exempt.add(id(node.value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) == "split" and isinstance(node.func, ast.Attribute):
            base = node.func.value
            if isinstance(base, ast.Constant) and isinstance(base.value, str) and len(base.value.split()) >= MIN_LIST:
                out.append((node.lineno, base.value.split()))
            continue
        elements = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) or id(node) in exempt:
            continue
        if len(elements) < MIN_LIST:
            continue
        values = [e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else None for e in elements]
        if not all(v is not None and PHRASE.fullmatch(v) for v in values):
            continue
        here = Counter(values)
        if all(CODE_VALUE.fullmatch(v) and constants[v] > here[v] for v in values):
            continue  # the code's own values, each also used elsewhere
        out.append((node.lineno, values))
    return sorted(out)


def test_no_word_list_is_a_python_literal():
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "bot").rglob("*.py"))}
    constants = _constants(list(trees.values()))
    scanned = [p for p in trees if _rel(p).split("/")[1] in WORD_LIST_PACKAGES]  # bot/lang/details too
    assert len(scanned) > 60
    assert any(_rel(p).startswith("bot/lang/details/") for p in scanned)
    found = [f"{_rel(p)}:{line}: {values[:6]}" for p in scanned for line, values in word_lists(trees[p], constants)]
    assert not found, "move these word lists to knowledge/language/*.yml:\n" + "\n".join(found)


def test_the_word_list_check_tells_words_from_the_code_s_own_values():
    src = """
from typing import Literal

NONE, ALONE, FIRST = "none", "alone", "first"
STATES = ("paused", "active", "complete")
DONE = ("done", "that's all", "finished")
NEGATORS = {"not", "isnt", "nor"}
CAPITALS = ["Graded", "Working", "Signs"]
STOP = frozenset("a an the to of".split())
KEYS = ("id", "source", "related")
PLAIN = {"pass": "skip", "dont know": "skip", "quit": "stop"}
LEGACY = {"paused": "pause", "active": "go", "complete": "end"}


class Spec:
    category: Literal["parental", "child", "environmental"]


def f(status, kind):
    return status == "paused" or status in ("active", "complete") or kind in ("id", "source", "related")
"""
    tree = ast.parse(src)
    found = [values for _, values in word_lists(tree, _constants([tree]))]
    assert found == [
        ["done", "that's all", "finished"],
        ["not", "isnt", "nor"],
        ["Graded", "Working", "Signs"],
        ["a", "an", "the", "to", "of"],
        ["pass", "dont know", "quit"],
    ]
