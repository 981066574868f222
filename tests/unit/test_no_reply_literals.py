"""No sentence the assistant says is written as a Python literal in the walks, the summary,
the chronology or the actions (issue 17 item 4): it belongs in knowledge/language/replies/
and is read with bot.knowledge.texts.say. A string constant of five or more words fails this test
unless it is a docstring, an argument of a logging call or of a raise statement, or on the
short allow-list below with the reason it is not a reply."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The files whose replies live in knowledge/language/replies/. Left out: texts.py, the reader of
# the catalogue (its strings report a broken catalogue to whoever edits it), and five modules of
# bot/walks that are another owner's today.
NOT_YET = {
    "check_plan.py",
    "supervision_content.py",
    "training_library.py",
    "training_choice.py",
    "supervision_history.py",
}
NOT_REPLIES = {"texts.py"}
FILES = (
    [p for p in sorted((ROOT / "bot" / "walks").glob("*.py")) if p.name not in NOT_YET | NOT_REPLIES]
    + [ROOT / "bot" / "reports" / "summary.py", ROOT / "bot" / "reports" / "chronology.py"]
    + sorted((ROOT / "actions").glob("*.py"))
)
MIN_WORDS = 5
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
PUNCTUATION = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~‘’“”-"


def words(text: str) -> int:
    """Words between spaces: a field of an f-string, a number, a key such as 'check.paused' or
    a pattern is none."""
    return sum(1 for token in text.split() if WORD.fullmatch(token.strip(PUNCTUATION)))


LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}

# (file, the start of the literal): why it is not a reply
ALLOWED = {
    ("bot/walks/check.py", "check question: immediate danger now"): "an audit-log detail, never said to anyone",
    ("bot/walks/supervision_drift.py", "a an the to of"): "stop words for comparing agreed actions: a word list",
    ("bot/walks/check_account.py", "check {}: {} answers from an account"): "an audit-log detail, never said to anyone",
}


def _skipped(tree: ast.AST) -> set[int]:
    """Docstrings, and everything inside a logging call or a raise statement."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        is_log = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOG_METHODS
        if isinstance(node, ast.Raise) or is_log:
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
        if words(text) >= MIN_WORDS:
            found.append((node.lineno, text))
    return found


def _allowed(rel: str, text: str) -> bool:
    return any(rel == f and text.startswith(start) for f, start in ALLOWED)


def test_no_reply_is_a_python_literal():
    assert len(FILES) > 20
    found = []
    for path in FILES:
        rel = path.relative_to(ROOT).as_posix()
        for line, text in literals(path.read_text(encoding="utf-8")):
            if not _allowed(rel, text):
                found.append(f"{rel}:{line}: {text[:70]!r}")
    assert not found, "move these to knowledge/language/replies/ and read them with say():\n" + "\n".join(found)


def test_every_allowed_literal_is_still_there():
    """An allow-list entry whose literal has gone is removed, so the list stays short and true."""
    seen = set()
    for path in FILES:
        rel = path.relative_to(ROOT).as_posix()
        for _, text in literals(path.read_text(encoding="utf-8")):
            seen.update((f, start) for f, start in ALLOWED if rel == f and text.startswith(start))
    assert seen == set(ALLOWED)


def test_the_scan_finds_a_sentence_however_it_is_written():
    src = '''
"""A module docstring of many words is fine."""
import logging
log = logging.getLogger(__name__)


def f(ref):
    """A docstring of many words is fine too."""
    log.warning("a log message of many words is for developers")
    if not ref:
        raise ValueError("an exception of many words is for developers")
    short = "Main menu"
    shape = f"- {ref}: {ref} ({ref}/10) 12 of 14"
    one = "Paused. Your answers are saved."
    two = f"Paused. Your answers are saved under {ref}."
    three = ("Paused. Your answers " "are saved.")
    return short, shape, one, two, three
'''
    found = [text for _, text in literals(src)]
    assert found == [
        "Paused. Your answers are saved.",
        "Paused. Your answers are saved under {}.",
        "Paused. Your answers are saved.",
    ]
