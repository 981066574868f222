# Sourced by the other scripts: one place for the environment every process runs with.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.venv/bin:$PATH"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export RASA_TELEMETRY_ENABLED=false          # no usage data leaves the machine
export TF_CPP_MIN_LOG_LEVEL=2
export PYTHONWARNINGS="${PYTHONWARNINGS:-ignore::DeprecationWarning}"
export MPLCONFIGDIR="$ROOT/var/matplotlib"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export DATABASE_URL="${DATABASE_URL:-sqlite:///$ROOT/var/assistant.db}"
export LA_PROFILE="${LA_PROFILE:-default}"
mkdir -p "$ROOT/var"
