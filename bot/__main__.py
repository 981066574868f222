"""Command line: python -m bot <area> <command>. Each area registers its own commands."""

from __future__ import annotations

import argparse
import importlib
import sys

# one module per area, each with register(subparsers); add a line to add an area
COMMAND_MODULES = [
    "bot.cli.knowledge",
    "bot.cli.records",
    "bot.cli.faq",
    "bot.cli.training",
    "bot.cli.reports",
]

# the areas whose commands read or write the records database
RECORDS_AREAS = {"records", "training", "export", "chronology", "distance", "users", "overview"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="The neglect practice assistant's tools.")
    sub = parser.add_subparsers(dest="area", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    args = parser.parse_args(argv)
    if args.area in RECORDS_AREAS and getattr(args, "command", None) != "migrate":
        # opening a database never migrates it; a command run before the action server ever
        # started (a new install, a restored backup) takes the explicit step first
        from bot.records import migrate

        migrate.migrate()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
