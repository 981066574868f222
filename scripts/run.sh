#!/usr/bin/env bash
# make run: set up, train if needed, start the action server and the Rasa server, and stop
# them all on Ctrl-C. Also builds the web widget and serves its page on WIDGET_PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/train.sh
model="models/$(bash scripts/model_name.sh).tar.gz"
# web widget: build it, and let its page (on this machine's WIDGET_PORT) talk to the channel
export WIDGET_PORT="${WIDGET_PORT:-8080}"
export WIDGET_ORIGINS="${WIDGET_ORIGINS:-http://localhost:$WIDGET_PORT,http://127.0.0.1:$WIDGET_PORT}"
bash scripts/build_widget.sh
.venv/bin/python -m bot knowledge check --quiet

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "run: stopping..."
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  echo "run: stopped"
}
trap stop_all INT TERM EXIT

# --logging-config-file: every log line is scrubbed of personal details (rasa_ext/log_scrub.py)
rasa run actions --actions actions --port "$ACTION_PORT" --logging-config-file rasa_ext/logging.yml \
  > var/actions.log 2>&1 &
pids+=($!)
rasa run --model "$model" --port "$RASA_PORT" --credentials credentials.yml --endpoints endpoints.yml \
  --cors "http://localhost:$RASA_PORT" --logging-config-file rasa_ext/logging.yml > var/rasa.log 2>&1 &
pids+=($!)
.venv/bin/python scripts/serve_widget.py --port "$WIDGET_PORT" > var/widget.log 2>&1 &
pids+=($!)

echo "run: starting (the Rasa server takes about a minute to load the model; logs in var/)"
.venv/bin/python scripts/wait_ready.py "http://127.0.0.1:$ACTION_PORT/health" "http://127.0.0.1:$RASA_PORT/" \
  "http://127.0.0.1:$WIDGET_PORT/config.json" 300
cat <<TXT

The assistant is running.
  Talk to it over REST:  curl -s -X POST http://localhost:$RASA_PORT/webhooks/rest/webhook \\
                           -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hello"}'
  Chat in a browser:     http://localhost:$WIDGET_PORT/  (the embed on an example page: /embed.html)
  Database:              $DATABASE_URL
  Local profile:         $LA_PROFILE
Press Ctrl-C to stop.
TXT
wait -n "${pids[@]}" || true
echo "run: a server stopped unexpectedly; see var/actions.log, var/rasa.log and var/widget.log"
