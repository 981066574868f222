"""Prints the NLU figures from results/ as a Markdown table."""

import json
from pathlib import Path

R = Path(__file__).resolve().parent.parent / "results"


def f1(path: Path, key: str = "macro avg") -> str:
    if not path.exists():
        return "n/a"
    data = json.loads(path.read_text())
    return f"{data[key]['f1-score']:.3f}"


rows = [
    (
        "held-out test set, this pipeline",
        f1(R / "nlu" / "intent_report.json"),
        f1(R / "nlu" / "response_selection_report.json"),
    ),
    (
        "3-fold cross-validation, this pipeline",
        f1(R / "nlu_cv" / "intent_report.json"),
        f1(R / "nlu_cv" / "response_selection_report.json"),
    ),
    (
        "held-out test set, Rasa default pipeline",
        f1(R / "nlu_default" / "intent_report.json"),
        f1(R / "nlu_default" / "response_selection_report.json"),
    ),
    (
        "3-fold cross-validation, Rasa default pipeline",
        f1(R / "nlu_cv_default" / "intent_report.json"),
        f1(R / "nlu_cv_default" / "response_selection_report.json"),
    ),
]
print("| evaluation | intent macro F1 | response selection macro F1 |")
print("| --- | --- | --- |")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
