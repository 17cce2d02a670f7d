"""The README stays true: it names every command and the two set-up commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.app import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    raise AssertionError("no subcommands")


def test_every_command_is_documented() -> None:
    missing = [name for name in _commands() if f"| `{name}" not in README]
    assert not missing, f"README.md does not document: {missing}"


def test_the_two_setup_commands_are_given() -> None:
    assert "python3 dev.py app" in README and "python3 dev.py test" in README
