#!/usr/bin/env bash
# Trains only when the training inputs changed: the model is named after their hash.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
name="$(bash scripts/model_name.sh)"
if [ -f "models/$name.tar.gz" ]; then
  echo "train: models/$name.tar.gz is up to date"
  exit 0
fi
echo "train: training models/$name.tar.gz (config, domain or data changed)"
start=$(date +%s)
rasa train --fixed-model-name "$name" --out models --quiet
echo "train: done in $(( $(date +%s) - start )) s"
