#!/usr/bin/env python3
"""Builds the Microsoft Teams app package to upload: build/teams-app.zip.

It fills the placeholders of teams/manifest.json (`${TEAMS_…}`) from environment variables,
checks the settings and the icons, and writes a zip with manifest.json, color.png and
outline.png at its root, as Teams expects. Nothing is fetched from the network.

    TEAMS_BOT_ID=… TEAMS_DEVELOPER_NAME=… TEAMS_WEBSITE_URL=… TEAMS_PRIVACY_URL=… \\
    TEAMS_TERMS_URL=… python scripts/teams_package.py [--env-file teams.env] [--out build/teams-app.zip]

Run `python scripts/teams_package.py --help` for every setting. Exit status 1 lists what to fix.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
TEAMS_DIR = ROOT / "teams"
DEFAULT_OUT = ROOT / "build" / "teams-app.zip"

GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")
SCOPES = ("personal", "team", "groupChat")

# name: (default, what it is). A default of None means required.
SETTINGS = {
    "TEAMS_BOT_ID": (
        None,
        "the bot's Microsoft App ID: the Application (client) ID of its Entra ID app "
        "registration, the same value as the Teams channel's app_id",
    ),
    "TEAMS_APP_ID": ("", "the Teams app's own id (a GUID); defaults to TEAMS_BOT_ID"),
    "TEAMS_APP_VERSION": ("1.0.0", "the package version (x.y.z); raise it for every upload of a change"),
    "TEAMS_APP_SHORT_NAME": ("Neglect practice assistant", "the app's name in Teams (at most 30 characters)"),
    "TEAMS_APP_FULL_NAME": (
        "Neglect practice assistant for safeguarding practitioners",
        "the app's full name (at most 100 characters)",
    ),
    "TEAMS_DEVELOPER_NAME": (None, "who provides the app, such as the council (at most 32 characters)"),
    "TEAMS_WEBSITE_URL": (None, "an https page about the app"),
    "TEAMS_PRIVACY_URL": (None, "the https privacy notice that covers the app"),
    "TEAMS_TERMS_URL": (None, "the https terms of use"),
    "TEAMS_ACCENT_COLOR": ("#1F5680", "the icon's background colour (#RRGGBB)"),
    "TEAMS_BOT_SCOPES": (",".join(SCOPES), "where the bot can be used: personal, team, groupChat (comma-separated)"),
}


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for n, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        key, sep, value = line.partition("=")
        if not sep:
            raise SystemExit(f"{path}:{n}: expected NAME=value")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def settings_from(environ: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    values, problems = {}, []
    for name, (default, what) in SETTINGS.items():
        value = (environ.get(name) or "").strip()
        if not value:
            if default is None:
                problems.append(f"{name} is not set: {what}")
            value = default or ""
        values[name] = value
    if not values["TEAMS_APP_ID"]:
        values["TEAMS_APP_ID"] = values["TEAMS_BOT_ID"]
    for name in ("TEAMS_BOT_ID", "TEAMS_APP_ID"):
        if values[name] and not GUID.match(values[name]):
            problems.append(f"{name} must be a GUID like 00000000-0000-0000-0000-000000000000, not {values[name]!r}")
    if not re.match(r"^\d{1,4}\.\d{1,4}\.\d{1,4}$", values["TEAMS_APP_VERSION"]):
        problems.append(f"TEAMS_APP_VERSION must look like 1.0.0, not {values['TEAMS_APP_VERSION']!r}")
    for name, limit in (("TEAMS_APP_SHORT_NAME", 30), ("TEAMS_APP_FULL_NAME", 100), ("TEAMS_DEVELOPER_NAME", 32)):
        if len(values[name]) > limit:
            problems.append(f"{name} is {len(values[name])} characters long; the limit is {limit}")
    for name in ("TEAMS_WEBSITE_URL", "TEAMS_PRIVACY_URL", "TEAMS_TERMS_URL"):
        url = values[name]
        if url:
            p = urlsplit(url)
            if p.scheme != "https" or not p.hostname or len(url) > 2048 or any(c.isspace() for c in url):
                problems.append(f"{name} must be a full https URL, not {url!r}")
    if not re.match(r"^#[0-9A-Fa-f]{6}$", values["TEAMS_ACCENT_COLOR"]):
        problems.append(f"TEAMS_ACCENT_COLOR must look like #1F5680, not {values['TEAMS_ACCENT_COLOR']!r}")
    scopes = [s.strip() for s in values["TEAMS_BOT_SCOPES"].split(",") if s.strip()]
    wrong = [s for s in scopes if s not in SCOPES]
    if not scopes or wrong:
        problems.append(f"TEAMS_BOT_SCOPES must name some of {', '.join(SCOPES)}; wrong: {wrong or 'none given'}")
    return values, problems


def fill(node, values: dict[str, str], missing: set[str]):
    """The template with every ${NAME} in its strings replaced (so values are JSON-escaped)."""
    if isinstance(node, dict):
        return {k: fill(v, values, missing) for k, v in node.items()}
    if isinstance(node, list):
        return [fill(v, values, missing) for v in node]
    if isinstance(node, str):

        def sub(m: re.Match) -> str:
            if m.group(1) not in values:
                missing.add(m.group(1))
                return m.group(0)
            return values[m.group(1)]

        return PLACEHOLDER.sub(sub, node)
    return node


def build_manifest(values: dict[str, str], template_path: Path = TEAMS_DIR / "manifest.json") -> tuple[dict, list[str]]:
    problems = []
    template = json.loads(template_path.read_text())
    missing: set[str] = set()
    manifest = fill(template, values, missing)
    if missing:
        problems.append(f"teams/manifest.json uses unknown placeholders: {sorted(missing)}")
    scopes = [s.strip() for s in values["TEAMS_BOT_SCOPES"].split(",") if s.strip()]
    for bot in manifest.get("bots", []):
        bot["scopes"] = scopes
        for commands in bot.get("commandLists", []):
            commands["scopes"] = scopes
    desc = manifest.get("description", {})
    if len(desc.get("short", "")) > 80:
        problems.append("description.short is over 80 characters")
    if len(desc.get("full", "")) > 4000:
        problems.append("description.full is over 4000 characters")
    for bot in manifest.get("bots", []):
        for commands in bot.get("commandLists", []):
            for c in commands.get("commands", []):
                if len(c.get("title", "")) > 32 or len(c.get("description", "")) > 128:
                    problems.append(f"command {c.get('title')!r}: title at most 32, description at most 128 characters")
    return manifest, problems


def check_icons(color: Path, outline: Path) -> list[str]:
    from PIL import Image

    problems = []
    for path, size in ((color, (192, 192)), (outline, (32, 32))):
        if not path.exists():
            problems.append(f"{path} is missing (python teams/make_icons.py draws it)")
            continue
        with Image.open(path) as im:
            if im.format != "PNG" or im.size != size:
                problems.append(
                    f"{path.name} must be a {size[0]}x{size[1]} PNG, not a {im.size[0]}x{im.size[1]} " f"{im.format}"
                )
            if path == outline and im.format == "PNG":
                rgba = im.convert("RGBA")
                if not any(a == 0 for *_, a in rgba.getdata()):
                    problems.append("outline.png must have a transparent background")
                if any(a > 0 and (r, g, b) != (255, 255, 255) for r, g, b, a in rgba.getdata()):
                    problems.append("outline.png must be white only (on transparency)")
    return problems


def write_zip(out: Path, manifest: dict, color: Path, outline: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("manifest.json", (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()),
            ("color.png", color.read_bytes()),
            ("outline.png", outline.read_bytes()),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # the same input makes the same zip
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    settings_help = "\n".join(
        f"  {name:22} {what}" + (f" (default: {default})" if default else "")
        for name, (default, what) in SETTINGS.items()
    )
    parser = argparse.ArgumentParser(
        description="Build the Teams app package (manifest and icons, zipped).",
        epilog="settings (environment variables):\n" + settings_help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the zip (%(default)s)")
    parser.add_argument("--env-file", type=Path, help="NAME=value lines, read before the environment")
    parser.add_argument("--teams-dir", type=Path, default=TEAMS_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    environ = dict(os.environ)
    if args.env_file:
        environ = {**read_env_file(args.env_file), **{k: v for k, v in os.environ.items() if v}}
    values, problems = settings_from(environ)
    manifest, more = build_manifest(values, args.teams_dir / "manifest.json")
    problems += more
    color, outline = args.teams_dir / "color.png", args.teams_dir / "outline.png"
    problems += check_icons(color, outline)
    if problems:
        print("teams-package: cannot build the Teams app package:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        print("See docs/teams.md and `python scripts/teams_package.py --help`.", file=sys.stderr)
        return 1
    write_zip(args.out, manifest, color, outline)
    print(
        f"teams-package: wrote {args.out} (app {manifest['id']}, version {manifest['version']}, "
        f"bot {manifest['bots'][0]['botId']}, scopes {', '.join(manifest['bots'][0]['scopes'])})."
    )
    print("Upload it in the Teams admin center: Teams apps > Manage apps > Upload new app.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
