"""Browser tests of the web widget: builds it (scripts/build_widget.sh), starts the action
server, the Rasa server (the model from `make train`) with the widget's channel twice (without
JWT on /socket.io, with JWT on /jwt/socket.io) and the static server, all on free loopback
ports with a temporary database, and drives the page in Debian's headless Chromium with
Playwright (never a downloaded browser: scripts/install_browser.sh installs Chromium)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_kit import ROOT, Chat

from tests.servers import actions_cmd, current_model, free_port, processes, rasa_cmd, server_env, wait_for

DIST = ROOT / "widget" / "dist"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def widget_dist() -> Path:
    r = subprocess.run(["bash", "scripts/build_widget.sh"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        pytest.fail(f"scripts/build_widget.sh failed:\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
    return DIST


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        pytest.fail("Chromium is missing: run `bash scripts/install_browser.sh` (Debian's chromium package)")
    return exe


@pytest.fixture(scope="session")
def stack(tmp_path_factory, widget_dist):
    model = current_model("browser")
    tmp = tmp_path_factory.mktemp("widget")
    widget_port, rasa_port, action_port = free_port(), free_port(), free_port()
    page_origin = f"http://127.0.0.1:{widget_port}"
    jwt_key = secrets.token_urlsafe(32)
    credentials = tmp / "credentials.yml"
    credentials.write_text(
        "rasa_ext.channels.CheckedRestInput:\n"
        "rasa_ext.socketio.WebChatInput:\n"
        "  cors_allowed_origins_env: TEST_WIDGET_ORIGINS\n"
        "tests.browser.jwt_channel.JwtWebChatInput:\n"
        "  socketio_path: /jwt/socket.io\n"
        "  jwt_key_env: TEST_WIDGET_JWT_KEY\n"
        "  jwt_method: HS256\n"
        "  jwt_required: true\n"
        "  jwt_leeway: 0\n"
        f'  cors_allowed_origins: ["{page_origin}"]\n'
    )
    env = server_env(tmp, ACTION_PORT=str(action_port), TEST_WIDGET_JWT_KEY=jwt_key, TEST_WIDGET_ORIGINS=page_origin)
    logs = {k: tmp / f"{k}.log" for k in ("actions", "rasa", "widget")}
    with processes(tmp, env) as start:
        actions = start("actions", actions_cmd(action_port))
        rasa = start("rasa", rasa_cmd(model, rasa_port, credentials, "-i", "127.0.0.1"))
        widget = start(
            "widget",
            [
                sys.executable,
                "scripts/serve_widget.py",
                "--port",
                str(widget_port),
                "--rasa-url",
                f"http://127.0.0.1:{rasa_port}",
                "--dir",
                str(widget_dist),
            ],
        )
        wait_for(f"{page_origin}/config.json", widget, logs["widget"], 30)
        wait_for(f"http://127.0.0.1:{action_port}/health", actions, logs["actions"])
        wait_for(f"http://127.0.0.1:{rasa_port}/webhooks/web_jwt/", rasa, logs["rasa"])
        yield {
            "page": f"{page_origin}/",
            "embed": f"{page_origin}/embed.html",
            "other_origin_page": f"http://localhost:{widget_port}/",
            "origin": page_origin,
            "rasa": f"http://127.0.0.1:{rasa_port}",
            "jwt_key": jwt_key,
            "database_url": env["DATABASE_URL"],
            "logs": logs,
        }


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def new_page(browser, stack):
    """new_page(**context_options) -> a page in a fresh browser context (its own storage);
    uncaught page errors fail the test."""
    contexts, errors = [], []

    def make(**options):
        options.setdefault("viewport", {"width": 1000, "height": 820})
        ctx = browser.new_context(**options)
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert not errors, f"errors in the page: {errors}"


@pytest.fixture()
def chat_page(new_page, stack):
    """A page with the widget, connected to the channel without JWT."""
    page = new_page()
    page.goto(stack["page"])
    return Chat(page).connected()
