"""bot/ is the domain and never imports Rasa (common rule; rasa_ext/ and actions/ are the only
Rasa-facing code). Every module under bot/ is imported in a fresh Python process, one after
another, and after each import the process looks for `rasa` or `rasa_sdk` in sys.modules; the
first module that brought one in is named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in the child process: walks the package on disk (so a module added or moved later is
# covered without editing this test) and imports each module in turn.
CHILD = r"""
import importlib, json, pkgutil, sys
import bot

FORBIDDEN = ("rasa", "rasa_sdk")

def loaded():
    return sorted(n for n in sys.modules if n.split(".")[0] in FORBIDDEN)

names = ["bot"] + sorted(m.name for m in pkgutil.walk_packages(bot.__path__, "bot."))
report = {"modules": names, "before": loaded(), "culprit": None, "loaded": [], "errors": {}}
for name in names:
    try:
        importlib.import_module(name)
    except Exception as exc:  # an import error is a failure of its own, reported by name
        report["errors"][name] = f"{type(exc).__name__}: {exc}"[:300]
    now = loaded()
    if now and report["culprit"] is None:
        report["culprit"], report["loaded"] = name, now[:10]
print(json.dumps(report))
"""


def run_child() -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_bot_module_loads_rasa_or_rasa_sdk():
    report = run_child()
    assert report["before"] == [], "the fresh process had Rasa loaded before any bot import"
    assert len(report["modules"]) >= 30, f"too few bot modules found to be a real walk: {report['modules']}"
    assert any(name.count(".") >= 2 for name in report["modules"]), "modules in bot's subpackages were not walked"
    assert report["errors"] == {}, f"bot modules that fail to import: {report['errors']}"
    assert report["culprit"] is None, (
        f"importing {report['culprit']} loaded {report['loaded']}: "
        "bot/ must not import rasa or rasa_sdk (put Rasa code in rasa_ext/ or actions/)"
    )


def test_the_check_would_see_rasa_if_a_module_loaded_it():
    """The same child, with a module that imports rasa_sdk placed first: the check names it,
    so the test above cannot pass by not looking."""
    code = "import rasa_sdk\n" + CHILD.replace('names = ["bot"]', 'names = ["json"]', 1)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "rasa_sdk" in report["before"] and report["culprit"] == "json"
