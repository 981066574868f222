# The two commands a newcomer needs: `make run` and `make test`. Everything else is a part of them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ENV := source scripts/env.sh &&

.PHONY: help lint figures teams-package system-deps widget setup train run test validate unit conversation conversation-production stack-smoke stories knowledge nlu-report nlu-gate eval-language eval-danger clean prod-local prod-stop load fault-test bench

help:
	@echo "make run          set up, train if needed, start the assistant (REST on \$$RASA_PORT, default 5005)"
	@echo "make test         set up and run the whole test suite (what CI runs)"
	@echo "make lint         ruff check and ruff format --check (ruff.toml); the first step of make test"
	@echo "make figures      the measured figures of results/ into docs/figures/<date>.md; the last step of make test"
	@echo "make nlu-report   cross-validation and the held-out NLU test set, reports in results/"
	@echo "make knowledge    validate knowledge/ and print counts"
	@echo "make eval-language  the language rules on their labelled sets, and personal details end to end"
	@echo "make eval-listening free-text answers and case accounts on their labelled sets (issue 19)"
	@echo "make teams-package build/teams-app.zip to upload to Teams (docs/teams.md)"
	@echo "make prod-local   the production profile on loopback: PostgreSQL, Redis, 2 Rasa + 2 action servers, nginx"
	@echo "make prod-stop    stop it"
	@echo "make load         50 simulated practitioners doing whole checks through nginx (results/load.md)"
	@echo "make fault-test   kill a Rasa instance, crash an action server, restart PostgreSQL, each with turns in flight (results/faults.md)"
	@echo "make bench        this assistant against a stock 'rasa init' bot (results/bench.md)"

setup:
	@bash scripts/setup.sh

train: setup
	@bash scripts/train.sh

run:
	@bash scripts/run.sh

# ruff (pinned in requirements.lock, settings in ruff.toml): lint, then the format check.
# Both run, so one run reports both; it changes no file (`ruff check --fix .` and `ruff format .` do).
lint: setup
	@$(ENV) rc=0; ruff check . || rc=1; ruff format --check . || rc=1; exit $$rc

# The measured figures of results/*.json and results/*/*.json, written to docs/figures/<date>.md
# (scripts/figures_to_docs.py): no figure in the docs is copied by hand.
figures: setup
	@$(ENV) python scripts/figures_to_docs.py

knowledge: setup
	@$(ENV) python -m bot knowledge check

validate: setup
	@$(ENV) python -m bot knowledge check --quiet
	@$(ENV) python scripts/validate.py

# tests that start no server and share no file: safe to spread over both cores
PURE_TESTS := tests/unit tests/actions tests/rasa_ext
# the tests that start servers (or need the model), browser tests apart
SERVER_TESTS := tests/conversation tests/teams tests/prod
# pytest-xdist on both cores: a worker takes a whole unit (a file, or the files tests/conftest.py
# puts together because they share a results file or a server start), longest units first;
# each worker starts its own servers on free ports with its own temporary folder
XDIST := -n 2 --dist loadgroup --no-loadscope-reorder
unit: setup
	@$(ENV) python -m pytest $(PURE_TESTS) -q -n 2 --dist loadfile

conversation: train
	@$(ENV) python -m pytest tests/conversation -q $(XDIST)

STORIES = $(ENV) rasa test core --stories tests/stories --model models/$$(bash scripts/model_name.sh).tar.gz \
	  --fail-on-prediction-errors --out results/core --quiet
stories: train
	@$(STORIES)

system-deps:
	@bash scripts/system_deps.sh

widget:
	@bash scripts/build_widget.sh

test: setup lint system-deps widget validate train
	@$(ENV) python -m bot faq generate --check
	@rm -f results/safety/figures.json results/safety/figures_postgres.json
	@# the tests that start no server on both cores (pytest-xdist, one file per worker), then the
	@# server tests on both cores too (every directory of tests/ but browser is in one of the two)
	@$(ENV) python -m pytest $(PURE_TESTS) -q -n 2 --dist loadfile
	@$(ENV) python -m pytest $(SERVER_TESTS) -q $(XDIST)
	@$(ENV) python -m pytest tests -q --collect-only -p no:cacheprovider --ignore=tests/browser \
	  $(addprefix --ignore=,$(PURE_TESTS) $(SERVER_TESTS)) | grep -q "no tests collected" \
	  || { echo "tests outside PURE_TESTS, SERVER_TESTS and tests/browser: add their folder to one"; exit 1; }
	@# then two lanes side by side, each about one core (output shown a lane at a time)
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-lane-browser test-lane-production
	@$(ENV) python scripts/safety_figures.py
	@$(MAKE) --no-print-directory stack-smoke
	@$(MAKE) --no-print-directory figures

# The conversation tests' second run (docs/testing.md): the safety and check tests, and what
# only this run has, on a throwaway PostgreSQL server with Rasa's Redis lock store and the
# production REST channel's Redis paths (tests/conversation/conftest.py starts and stops them).
CONVERSATION_PRODUCTION_TESTS := tests/conversation/test_safety.py tests/conversation/test_check.py \
	tests/conversation/test_production_stores.py
CONVERSATION_PRODUCTION = echo "== the conversation tests again, on PostgreSQL + Redis with the production REST channel =="; \
	start=$$(date +%s); $(ENV) CONVERSATION_BACKEND=postgres python -m pytest $(CONVERSATION_PRODUCTION_TESTS) -q; \
	rc=$$?; echo "conversation tests on PostgreSQL + Redis: $$(( $$(date +%s) - start )) s"; exit $$rc
conversation-production: train system-deps
	@$(CONVERSATION_PRODUCTION)

# make test's two lanes after the server tests (it has set up, trained and installed the system
# packages before): no prerequisites, so that the lanes never run the set-up twice at once
.PHONY: test-lane-browser test-lane-production
test-lane-browser:
	@# own process: Playwright's sync API keeps an event loop running in the main thread
	@$(ENV) python -m pytest tests/browser -q
	@$(STORIES)
test-lane-production:
	@$(CONVERSATION_PRODUCTION)
	@$(ENV) python scripts/nlu_gate.py

# The production profile's smoke run (scripts/stack_smoke.sh): the stack started, six
# practitioners, Rasa instance 1 killed with turns in flight, the stack stopped.
stack-smoke: train system-deps
	@bash scripts/stack_smoke.sh

nlu-gate: train
	@$(ENV) python scripts/nlu_gate.py

nlu-report: train
	@$(ENV) bash scripts/nlu_report.sh
	@$(MAKE) --no-print-directory eval-danger

# Danger in context (issue 18): the rules and the trained model on tests/data/eval/danger_*.yml
# and uncovered_*.yml, per split and per context (results/danger/figures.json).
eval-danger: train
	@$(ENV) python scripts/eval_danger.py

eval-language: setup
	@$(ENV) python scripts/eval_language.py
	@# personal details end to end (issue 20): held-out messages over REST, every stored byte scanned
	@bash scripts/train.sh
	@$(ENV) python scripts/eval_language.py --end-to-end -v

.PHONY: eval-listening
# issue 19: free-text answers per question kind, case accounts pre-filled, a simulated
# practitioner and the cost of reading an account, on the dev and held-out sets
eval-listening: setup
	@$(ENV) python scripts/eval_listening.py

teams-package: setup
	@$(ENV) python scripts/teams_package.py

# The production profile on loopback (docs/production.md). Installs Debian's
# postgresql, redis-server and nginx-light when missing (needs root).
prod-local: train
	@$(ENV) bash scripts/prod_local.sh start

prod-stop: setup
	@$(ENV) bash scripts/prod_local.sh stop

load: train
	@$(ENV) python scripts/load_test.py --users $${LOAD_USERS:-50}

fault-test: train
	@$(ENV) python scripts/fault_test.py

bench: train
	@$(ENV) python scripts/bench.py

clean:
	rm -rf models results var .pytest_cache
