"""Evaluates the trained model on the held-out NLU test sets (tests/nlu/) and fails when a
figure falls below its floor: the intent macro F1, the recall and F1 of `immediate_danger`
alone (a missed emergency costs far more than a confused greeting, and a macro average over
29 intents hides one intent), and the macro F1 of response selection (the FAQ topics).
Writes the reports to results/nlu/ and the figures with their floors to results/nlu/gate.json.
It also gates the held-out routing set (scripts/eval_routing.py, tests/data/eval/routing_heldout.yml):
the macro accuracy over intents of what the whole pipeline routes each message to.

The floors are at or just below what model-f6901f879a760e8e measured on 5 December 2026 on
the rewritten test sets (tests/unit/test_nlu_test_sets.py keeps them apart from the training
data; 120 FAQ topics) with the danger rules of c5d3538: intent macro F1 0.878 (accuracy
0.897), immediate_danger recall 0.909 (10 of 11) and F1 0.909, response-selection macro F1
0.679. The intent floor was 0.9 on the earlier set, 33 of whose messages were near-copies
of training examples. Raise a floor when the model gets better; lower one only with a
reason written here, never to let a run pass.

Later the same day (model-8a515d69af429e43, danger rules of this commit) the FAQ topics went
from 6-9 examples each to 20-25 and the small intents to 30 or more (issue 18): response
selection rose from 0.679 to 0.876 and held-out routing from 0.813 to 0.865, while the
intent macro F1 on tests/nlu fell from 0.878 to 0.865 (faq now has about 2,600 examples
against 30-130 for each other intent, and one test message moves an intent's F1 by several
points). The response-selection floor is raised to 0.86; the intent floor is lowered to
0.86 for that trade, a point under what was measured, as the others are.

Session 4 (issue 23): rasa_ext.faq_selector.FaqSelector replaced Rasa's ResponseSelector, and
response selection on tests/nlu rose to 0.919 (model-9b958b6098f018f5; intent macro F1 0.899,
routing 0.876): the response-selection floor is raised to 0.9.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {
    "intent_macro_f1": 0.86,
    "immediate_danger_recall": 0.9,  # 10 of 11: one more miss (0.818) fails
    "immediate_danger_f1": 0.9,
    "response_macro_f1": 0.9,
    # Held-out routing (issue 18): macro accuracy over intents on tests/data/eval/routing_heldout.yml,
    # through the whole NLU pipeline, faq right only with the right topic (scripts/eval_routing.py).
    # Measured 0.813 on model-f6901f879a760e8e, 0.855 on model-45f7f7bd01449640 and 0.864 on
    # model-8a515d69af429e43 (5 December 2026, more examples for the small intents and the FAQ
    # topics); the target, 0.95, is not yet met. The floor is about a point below, for
    # retraining on others' data changes. Session 6: 0.907 on model-1a9a793462b4cc20 and 0.927
    # on an NLU-only model of this commit's data and config (fallback threshold 0.3), both with
    # the same code; raised to 0.91, under two points below, as other owners' rule changes
    # (danger, commands) also move this figure. Session 7 (S7-RI3): 0.930 on an NLU-only model of
    # the data of 535634c (faq 885/967; 240 new examples, more varied voices and lengths, tuned on
    # routing_dev..dev4): raised to 0.915, a point and a half below. Session 8 (S8-RI4): 0.926 on an
    # NLU-only model of the data and config of 6c7b936 (0.920 on model-6382a93faf26e180 before it;
    # new examples in other voices, rasa_ext/known_examples.py): raised to 0.92. Session 9 (S9-RI5):
    # 0.932 on an NLU-only model of the data and config of 9f896f2 (0.928 on model-d9d659551592fed1;
    # varied examples for the confusions seen across routing_dev..dev6, typing slips of short
    # examples): raised to 0.925.
    "routing_macro_accuracy": 0.925,
}


def evaluate(model: Path, out: Path) -> dict:
    subprocess.run(
        ["rasa", "test", "nlu", "--nlu", "tests/nlu", "--model", str(model), "--out", str(out), "--quiet"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    report = json.loads((out / "intent_report.json").read_text())
    danger = report.get("immediate_danger") or {}
    figures = {
        "intent_macro_f1": report["macro avg"]["f1-score"],
        "intent_accuracy": report.get("accuracy"),
        "immediate_danger_recall": danger.get("recall"),
        "immediate_danger_f1": danger.get("f1-score"),
        "immediate_danger_support": danger.get("support"),
    }
    rs = out / "response_selection_report.json"
    figures["response_macro_f1"] = json.loads(rs.read_text())["macro avg"]["f1-score"] if rs.exists() else None
    return figures


def routing(model: Path) -> dict:
    """The held-out routing figure (scripts/eval_routing.py prints its per-intent table)."""
    subprocess.run([sys.executable, "scripts/eval_routing.py", "--model", str(model)], cwd=ROOT, check=True)
    figures = json.loads((ROOT / "results" / "routing" / "figures.json").read_text())
    return {"routing_macro_accuracy": figures["macro_accuracy"]}


def below_floors(figures: dict) -> list[str]:
    """A figure missing from the reports counts as below its floor."""
    return [
        f"{k} {'missing' if figures.get(k) is None else format(figures[k], '.3f')} is below {floor}"
        for k, floor in FLOORS.items()
        if figures.get(k) is None or figures[k] < floor
    ]


def main() -> int:
    name = subprocess.run(
        ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    out = ROOT / "results" / "nlu"
    figures = evaluate(ROOT / "models" / f"{name}.tar.gz", out)
    figures.update(routing(ROOT / "models" / f"{name}.tar.gz"))
    failed = below_floors(figures)
    (out / "gate.json").write_text(
        json.dumps({"model": name, "figures": figures, "floors": FLOORS, "failed": failed}, indent=2) + "\n"
    )
    print(
        "nlu test set: "
        + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items() if v is not None)
    )
    if failed:
        print(
            "nlu test set: " + "; ".join(failed) + " (see results/nlu/intent_errors.json, "
            "results/nlu/response_selection_errors.json)",
            file=sys.stderr,
        )
        return 1
    print("nlu test set: every figure at or above its floor (" + ", ".join(f"{k} {v}" for k, v in FLOORS.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
