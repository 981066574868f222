#!/usr/bin/env bash
# make nlu-report: the held-out test set, 3-fold cross-validation on the training data, and
# Rasa's default pipeline trained on the same data (the test set and its own cross-validation),
# all in results/. Seven NLU trainings: about 90 minutes on 2 cores.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
mkdir -p results
python scripts/nlu_gate.py || true
echo "nlu-report: 3-fold cross-validation (trains three NLU models)"
rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 3 --out results/nlu_cv --quiet >/dev/null
echo "nlu-report: Rasa's default pipeline on the same data"
rasa train nlu --config tests/config_default_pipeline.yml --nlu data/nlu --out results/default_model \
  --fixed-model-name default --quiet >/dev/null
rasa test nlu --nlu tests/nlu --model results/default_model/default.tar.gz --out results/nlu_default --quiet >/dev/null
echo "nlu-report: 3-fold cross-validation of Rasa's default pipeline"
rasa test nlu --nlu data/nlu --config tests/config_default_pipeline.yml --cross-validation --folds 3 \
  --out results/nlu_cv_default --quiet >/dev/null
python scripts/nlu_summary.py | tee results/nlu_summary.md
