"""Starting the real servers for the suites that talk to them (conversation, Teams, browser):
free loopback ports, a temporary database, the model `make train` made, logs in the test's
temporary directory, and everything stopped again afterwards. Nothing here trains a model.

For the conversation tests' second run (tests/conversation/conftest.py) it also starts a
throwaway PostgreSQL server and a redis-server, each from Debian's packages
(scripts/system_deps.sh installs them), on a free port in a temporary folder."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    """Until `url` answers 200; fails with the end of the server's log if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early; last log lines:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"no answer from {url} after {timeout} s; log:\n{log.read_text()[-3000:]}")


def current_model(suite: str) -> Path:
    """The model for the current data (scripts/model_name.sh); the suite fails clearly without it.
    TEST_MODEL=<path> pins another model (to measure while the data is being changed)."""
    if os.environ.get("TEST_MODEL"):
        return Path(os.environ["TEST_MODEL"]).resolve()
    name = subprocess.run(
        ["bash", "scripts/model_name.sh"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    model = ROOT / "models" / f"{name}.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` (make test does it) before the {suite} tests")
    return model


def server_env(tmp: Path, base: dict | None = None, **extra: str) -> dict:
    """The servers' environment: telemetry off, a temporary SQLite database, the default profile."""
    env = dict(os.environ if base is None else base)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        DATABASE_URL=f"sqlite:///{tmp / 'assistant.db'}",
        PYTHONPATH=str(ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        LA_PROFILE=os.environ.get("LA_PROFILE", "default"),
        MPLCONFIGDIR=str(tmp / "mpl"),
    )
    env.update(extra)
    return env


def actions_cmd(port: int | str) -> list[str]:
    return [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)]


def rasa_cmd(
    model: Path, port: int, credentials: str | Path, *extra: str, endpoints: str | Path = "endpoints.yml"
) -> list[str]:
    return [
        str(BIN / "rasa"),
        "run",
        "--model",
        str(model),
        "--port",
        str(port),
        "--credentials",
        str(credentials),
        "--endpoints",
        str(endpoints),
        *extra,
    ]


# -- a throwaway PostgreSQL server and redis-server ------------------------------------------------
def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(cand).parent
    return None


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run it as the postgres user (made if missing)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], check=True
        )
    return ["runuser", "-u", "postgres", "--"]


@contextlib.contextmanager
def postgres_server(database: str | None = "assistant") -> Iterator[str]:
    """A PostgreSQL server of its own in a temporary folder (owned by the postgres user when
    run as root) on a free loopback port, with an empty database; yields its SQLAlchemy URL
    (with database=None, the server's URL without a database, for tests that make their own).
    Stopped and removed on leaving. Fails (never skips) without the server binaries."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found: run scripts/system_deps.sh")
    home = Path(tempfile.mkdtemp(prefix="pg-conversation-"))
    prefix = _as_postgres_user()
    if prefix:
        shutil.chown(home, user="postgres")
    data, log, port = home / "data", home / "server.log", free_port()
    try:
        subprocess.run(
            prefix
            + [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            prefix
            + [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off " "-c max_connections=100",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        if database:
            subprocess.run(
                prefix + [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database],
                check=True,
                capture_output=True,
            )
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace") + (log.read_text() if log.exists() else "")
        subprocess.run(
            prefix + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True
        )
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL from {bin_dir}: {detail[-2000:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}" + (f"/{database}" if database else "")
    finally:
        subprocess.run(
            prefix + [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"],
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)


@contextlib.contextmanager
def redis_server(base: Path) -> Iterator[dict]:
    """Debian's redis-server in base/redis on a free loopback port, with a password and no
    persistence; yields {"host", "port", "password"}. Stopped on leaving. Fails (never skips)
    without the binary."""
    exe = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if exe is None:
        pytest.fail("redis-server not found: run scripts/system_deps.sh (Debian's redis-server package)")
    home = base / "redis"
    home.mkdir(parents=True)
    password, port = secrets.token_hex(16), free_port()
    conf = home / "redis.conf"
    conf.write_text(
        f'bind 127.0.0.1\nport {port}\nrequirepass {password}\nsave ""\nappendonly no\n'
        f"dir {home}\ndaemonize no\nprotected-mode yes\n"
    )
    conf.chmod(0o600)
    log = home / "redis.log"
    proc = subprocess.Popen([exe, str(conf)], stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port, password=password, socket_timeout=2)
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"redis-server exited at start:\n{log.read_text()[-2000:]}")
            try:
                if client.ping():
                    break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not answer on port {port}:\n{log.read_text()[-2000:]}")
                time.sleep(0.2)
        client.close()
        yield {"host": "127.0.0.1", "port": port, "password": password}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


# Every log line of the Rasa server and the action server is scrubbed of personal details
# (issue 20, rasa_ext/log_scrub.py): both read this with their --logging-config-file option.
LOGGING_CONFIG = ROOT / "rasa_ext" / "logging.yml"


def with_log_scrubbing(command: list[str]) -> list[str]:
    """A `rasa run` command (the Rasa server or `rasa run actions`) with the scrubbing logging
    configuration added; any other command as it is."""
    if (
        len(command) > 1
        and Path(command[0]).name == "rasa"
        and command[1] == "run"
        and "--logging-config-file" not in command
    ):
        return [*command, "--logging-config-file", str(LOGGING_CONFIG)]
    return command


@contextlib.contextmanager
def processes(tmp: Path, env: dict) -> Iterator[Callable[[str, list[str]], subprocess.Popen]]:
    """Yields start(name, command) -> the process, its output in tmp/<name>.log; on leaving,
    every process started is terminated (killed after 20 s)."""
    procs: list[subprocess.Popen] = []

    def start(name: str, command: list[str]) -> subprocess.Popen:
        command = with_log_scrubbing(command)
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=(tmp / f"{name}.log").open("w"), stderr=subprocess.STDOUT
        )
        procs.append(proc)
        return proc

    try:
        yield start
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
