#!/usr/bin/env bash
# The model's name: a hash of everything that training reads (and the Rasa version). The
# project's NLU components (rasa_ext/danger.py, rasa_ext/entities.py) learn nothing and
# store nothing in the model: Rasa imports their code when it loads one, so they are not here.
set -euo pipefail
cd "$(dirname "$0")/.."
h=$( { find data -type f -name '*.yml' | sort | xargs sha256sum;
       sha256sum config.yml domain.yml;
       grep -E '^(rasa|rasa-sdk|tensorflow|spacy)==' requirements.lock; } | sha256sum | cut -c1-16)
echo "model-$h"
