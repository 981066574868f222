"""`rasa data validate --fail-on-warnings`, with one known false positive allowed.

Rasa 3.6 merges the domain with a domain it builds from the NLU retrieval intents
(rasa/shared/importers/importer.py, ResponsesSyncImporter) and warns that the retrieval
intent is "duplicated across multiple domain files" whenever the domain declares it, yet
the rules cannot name `intent: faq` unless the domain declares it. Every other warning
fails the run, as --fail-on-warnings would.
"""

from __future__ import annotations

import re
import subprocess
import sys

ALLOWED = [
    re.compile(r"The following duplicated intents have been found across multiple domain files: faq\s*$"),
    # sent by action_out_of_scope (actions/answers.py) for small talk, not by a rule: Rasa's
    # validator reads only stories and rules (tests/unit/test_out_of_scope_practice.py checks it)
    re.compile(r"The utterance 'utter_out_of_scope' is not used in any story or rule\.\s*$"),
]


def main() -> int:
    proc = subprocess.run(["rasa", "data", "validate"], capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    warnings = []
    # colour codes out first: one before a log line's date would join that line to the warning
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for block in re.split(r"\n(?=\S*(?:UserWarning|FutureWarning): |\d{4}-\d\d-\d\d )", plain):
        m = re.search(r"UserWarning: (.*)", block, re.S)
        if not m:
            continue
        text = re.sub(r"\x1b\[[0-9;]*m", "", m.group(1)).strip()
        text = text.split("\n  More info at")[0].strip()
        if not any(a.search(text) for a in ALLOWED):
            warnings.append(text)
    if proc.returncode != 0 or warnings:
        print(out if proc.returncode != 0 else "", file=sys.stderr)
        for w in warnings:
            print(f"validate: WARNING: {w}", file=sys.stderr)
        print("validate: rasa data validate found problems (see above)", file=sys.stderr)
        return 1
    print("validate: rasa data validate found no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
