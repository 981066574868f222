"""scripts/teams_package.py: the Teams app zip from the manifest template, settings and icons."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "teams_package.py"


def good_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEAMS_")}
    env.update(
        TEAMS_BOT_ID=str(uuid.uuid4()),
        TEAMS_DEVELOPER_NAME="Example Borough Council",
        TEAMS_WEBSITE_URL="https://www.example.gov.uk/neglect-assistant",
        TEAMS_PRIVACY_URL="https://www.example.gov.uk/privacy",
        TEAMS_TERMS_URL="https://www.example.gov.uk/terms",
    )
    env.update(overrides)
    return env


def package(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)


def test_builds_a_zip_teams_accepts(tmp_path):
    out = tmp_path / "teams-app.zip"
    env = good_env(TEAMS_APP_VERSION="1.2.3", TEAMS_BOT_SCOPES="personal")
    r = package(env, "--out", str(out))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        assert sorted(z.namelist()) == ["color.png", "manifest.json", "outline.png"]  # flat, at the root
        manifest = json.loads(z.read("manifest.json"))
        with z.open("color.png") as f:
            assert Image.open(f).size == (192, 192)
        with z.open("outline.png") as f:
            assert Image.open(f).size == (32, 32)
    assert "${" not in json.dumps(manifest)
    assert manifest["manifestVersion"] == "1.17" and manifest["version"] == "1.2.3"
    assert manifest["id"] == env["TEAMS_BOT_ID"] and manifest["bots"][0]["botId"] == env["TEAMS_BOT_ID"]
    assert manifest["bots"][0]["scopes"] == ["personal"]
    assert manifest["bots"][0]["commandLists"][0]["scopes"] == ["personal"]
    assert manifest["developer"]["privacyUrl"] == "https://www.example.gov.uk/privacy"
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    first = out.read_bytes()
    assert package(env, "--out", str(out)).returncode == 0 and out.read_bytes() == first  # reproducible


def test_a_separate_teams_app_id_and_an_env_file(tmp_path):
    app_id, bot_id = str(uuid.uuid4()), str(uuid.uuid4())
    env_file = tmp_path / "teams.env"
    env_file.write_text(
        f"# settings\nexport TEAMS_BOT_ID={bot_id}\nTEAMS_APP_ID='{app_id}'\n"
        'TEAMS_DEVELOPER_NAME="Example Council"\n'
    )
    env = good_env()
    del env["TEAMS_BOT_ID"], env["TEAMS_DEVELOPER_NAME"]
    out = tmp_path / "app.zip"
    r = package(env, "--env-file", str(env_file), "--out", str(out))
    assert r.returncode == 0, r.stderr
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["id"] == app_id and manifest["bots"][0]["botId"] == bot_id
    assert manifest["developer"]["name"] == "Example Council"


def test_bad_settings_are_listed_and_nothing_is_written(tmp_path):
    out = tmp_path / "app.zip"
    env = good_env(
        TEAMS_BOT_ID="my-bot",
        TEAMS_PRIVACY_URL="http://www.example.gov.uk/privacy",
        TEAMS_APP_SHORT_NAME="A name that is far too long for Teams",
        TEAMS_ACCENT_COLOR="blue",
        TEAMS_BOT_SCOPES="personal,everyone",
        TEAMS_APP_VERSION="1",
    )
    del env["TEAMS_TERMS_URL"]
    r = package(env, "--out", str(out))
    assert r.returncode == 1 and not out.exists()
    for problem in (
        "TEAMS_BOT_ID must be a GUID",
        "TEAMS_PRIVACY_URL must be a full https URL",
        "TEAMS_APP_SHORT_NAME is 37 characters",
        "TEAMS_ACCENT_COLOR",
        "everyone",
        "TEAMS_APP_VERSION",
        "TEAMS_TERMS_URL is not set",
    ):
        assert problem in r.stderr, (problem, r.stderr)


def test_icons_are_checked(tmp_path):
    teams_dir = tmp_path / "teams"
    shutil.copytree(ROOT / "teams", teams_dir)
    Image.new("RGBA", (32, 32), (255, 0, 0, 255)).save(teams_dir / "outline.png")
    Image.new("RGB", (96, 96), (0, 0, 255)).save(teams_dir / "color.png")
    r = package(good_env(), "--teams-dir", str(teams_dir), "--out", str(tmp_path / "x.zip"))
    assert r.returncode == 1
    assert "color.png must be a 192x192 PNG" in r.stderr
    assert "transparent background" in r.stderr and "white only" in r.stderr


def test_the_icon_script_draws_icons_of_the_sizes_teams_needs():
    sys.path.insert(0, str(ROOT / "teams"))
    try:
        import make_icons
    finally:
        sys.path.pop(0)
    for name, draw in (("color.png", make_icons.color_icon), ("outline.png", make_icons.outline_icon)):
        committed = Image.open(ROOT / "teams" / name).convert("RGBA")
        assert committed.size == draw().size
