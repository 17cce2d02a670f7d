"""Subcommands of the value engine (score, explain, weights). Filled in by the engine work."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """No value-engine subcommands yet."""
