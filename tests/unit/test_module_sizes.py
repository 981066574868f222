"""Issue 17, "done when": no product module in bot/ is over 500 lines (as ruff formats it), so
that each module holds one concern a newcomer can read through."""

from __future__ import annotations

from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
LIMIT = 500


def line_counts() -> dict[str, int]:
    return {
        str(p.relative_to(BOT.parent)): len(p.read_text(encoding="utf-8").splitlines())
        for p in sorted(BOT.rglob("*.py"))
        if "__pycache__" not in p.parts
    }


def test_the_count_sees_every_package_of_bot():
    counts = line_counts()
    folders = {Path(name).parts[1] for name in counts if len(Path(name).parts) > 2}
    assert {"walks", "lang", "records", "reports", "knowledge", "reasoning", "cli"} <= folders
    assert counts["bot/lang/answers.py"] > 100  # real files, read whole


def test_no_module_of_bot_is_over_500_lines():
    over = {name: n for name, n in line_counts().items() if n > LIMIT}
    listed = "\n".join(f"  {name}: {n} lines" for name, n in sorted(over.items(), key=lambda kv: -kv[1]))
    assert not over, f"{len(over)} module(s) of bot/ over {LIMIT} lines (split them by concern):\n{listed}"
