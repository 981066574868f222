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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="The neglect practice assistant's tools.")
    sub = parser.add_subparsers(dest="area", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
