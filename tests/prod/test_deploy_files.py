"""The deployment files say what docs/production.md says they do: the processes of the production
profile, secrets only from the environment, conversation affinity, the daily purge. (Docker
and Kubernetes are not available here; scripts/prod_local.sh runs the same processes.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def test_compose_runs_the_whole_profile():
    services = compose()["services"]
    assert {"postgres", "redis", "migrate", "retention", "nginx"} <= set(services)
    assert len([s for s in services if s.startswith("rasa-")]) >= 2
    assert len([s for s in services if s.startswith("actions-")]) >= 2


def test_no_secret_is_written_in_a_deployment_file():
    text = "\n".join(p.read_text() for p in DEPLOY.rglob("*") if p.is_file() and p.name != "env.example")
    # every password, token or key is an environment reference that must be set
    for name in ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "REST_API_TOKEN", "WIDGET_JWT_KEY"):
        for m in re.finditer(rf"(?<![\w{{$]){name}:[ \t]+(\S+)", text):
            value = m.group(1)
            assert value.startswith("${") or value.startswith("{"), f"{name} given a value: {value}"
    env_example = (DEPLOY / "env.example").read_text()
    for line in env_example.splitlines():
        if re.match(r"(POSTGRES_PASSWORD|REDIS_PASSWORD|REST_API_TOKEN|WIDGET_JWT_KEY|TEAMS_BOT_PASSWORD)=", line):
            assert line.split("=", 1)[1] == "", f"env.example holds a secret: {line}"


def test_nginx_pins_a_conversation_to_one_instance():
    conf = (DEPLOY / "nginx.conf").read_text()
    rasa = conf[conf.index("upstream rasa {") :]
    rasa = rasa[: rasa.index("}")]
    assert "hash $conversation_key consistent;" in rasa
    assert re.search(r"map \$arg_sender \$conversation_key", conf)
    assert "proxy_next_upstream error timeout;" in conf  # a POST is never sent twice (nginx's default)


def test_production_endpoints_use_postgres_redis_and_the_compacting_store():
    endpoints = yaml.safe_load((DEPLOY / "endpoints.prod.yml").read_text())
    assert endpoints["tracker_store"]["type"] == "rasa_ext.tracker_store.CompactingSQLTrackerStore"
    assert endpoints["tracker_store"]["url"] == "${DATABASE_URL}"
    assert endpoints["lock_store"]["type"] == "redis"
    credentials = yaml.safe_load((DEPLOY / "credentials.prod.yml").read_text())
    assert "rasa_ext.prod_channel.ProdRestInput" in credentials
    assert "rest" not in credentials and "rasa_ext.channels.CheckedRestInput" not in credentials


def test_the_daily_purge_runs_a_command_that_exists():
    retention = compose()["services"]["retention"]
    assert "python -m bot records purge" in " ".join(retention["entrypoint"])
    cron = yaml.safe_load((DEPLOY / "helm" / "purge-cronjob.yaml").read_text())
    container = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["python", "-m", "bot", "records", "purge"]
    r = subprocess.run(
        [sys.executable, "-m", "bot", "records", "purge", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert r.returncode == 0 and "RETENTION_DAYS" in r.stdout
