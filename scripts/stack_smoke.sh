#!/usr/bin/env bash
# The last step of `make test`: a short smoke run of the production profile on loopback
# (scripts/prod_local.sh: PostgreSQL, Redis, two Rasa instances and two action servers behind
# nginx), started here and stopped afterwards. Six simulated practitioners do whole checks
# through nginx, one after another; once turns are in flight, Rasa instance 1 is killed
# (SIGKILL) and left down, so its conversations go on on instance 2. Fails on any lost,
# misfiled or wrong answer, any error other than "please try again", an incomplete check, or
# a kill that met no turn in flight. Figures on stdout and in results/stack_smoke.{json,md}.
# (`make fault-test` is the full version: 20 practitioners, three faults, each restarted.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
start=$(date +%s)
rc=0
python scripts/fault_test.py --users "${SMOKE_USERS:-6}" --faults kill-rasa --no-restart --gap 10 --window 15 \
  --min-in-flight 2 --think 0.3 1.0 --deadline 600 --out results/stack_smoke \
  --title "Stack smoke run (make test)" || rc=$?
echo "stack smoke: $(( $(date +%s) - start )) s in all, including starting and stopping the stack"
exit $rc
