"""Evaluates the trained model on the held-out NLU test set (tests/nlu/) and fails when the
macro F1 of intents falls below the threshold. Writes the reports to results/nlu/."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = 0.9


def evaluate(model: Path, out: Path) -> dict:
    subprocess.run(["rasa", "test", "nlu", "--nlu", "tests/nlu", "--model", str(model), "--out", str(out),
                    "--quiet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    report = json.loads((out / "intent_report.json").read_text())
    figures = {"intent_macro_f1": report["macro avg"]["f1-score"], "intent_accuracy": report.get("accuracy")}
    rs = out / "response_selection_report.json"
    if rs.exists():
        figures["response_macro_f1"] = json.loads(rs.read_text())["macro avg"]["f1-score"]
    return figures


def main() -> int:
    name = subprocess.run(["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    figures = evaluate(ROOT / "models" / f"{name}.tar.gz", ROOT / "results" / "nlu")
    print("nlu test set: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if v is not None))
    if figures["intent_macro_f1"] < THRESHOLD:
        print(f"nlu test set: macro F1 {figures['intent_macro_f1']:.3f} is below {THRESHOLD}; "
              "see results/nlu/intent_errors.json", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
