"""The command line starts fast: --version and --help load no Qt, matplotlib, openpyxl or numpy."""

from __future__ import annotations

import argparse
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from main import main
from storage.book import Book
from ui._version import __version__
from ui.cli.app import build_parser
from ui.cli.import_fields import IMPORT_FIELDS
from ui.gui.charts.catalog import ChartRequest, ChartRequestError, build_chart
from ui.gui.charts.kinds import BOOK_KINDS, CUSTOMER_KINDS, KINDS

ROOT = Path(__file__).resolve().parent.parent
#: Top-level packages a parser (``--version``, ``--help``) must not load: each costs from a
#: tenth of a second (numpy, sqlite-utils) to half a second (Qt, matplotlib).
HEAVY = frozenset({"PySide6", "shiboken6", "matplotlib", "openpyxl", "numpy", "sqlite_utils"})


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _commands() -> list[str]:
    return sorted(_subcommands(build_parser()))


def _imported(*argv: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``main.py ARGV`` with ``-X importtime``; the top-level packages it imported."""
    result = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "main.py"), *argv],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    modules = {line.rsplit("|", 1)[1].strip().split(".")[0]
               for line in result.stderr.splitlines() if line.startswith("import time:")
               and "|" in line}
    assert "ui" in modules, result.stderr[-2000:]  # -X importtime did report
    return result, modules


@pytest.mark.parametrize("argv", [("--version",), ("--help",)], ids=["version", "help"])
def test_version_and_help_import_nothing_heavy(argv: tuple[str, ...]) -> None:
    result, modules = _imported(*argv)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not modules & HEAVY, f"{' '.join(argv)} imported {sorted(modules & HEAVY)}"


def test_every_command_help_imports_nothing_heavy() -> None:
    for command in _commands():
        result, modules = _imported(command, "--help")
        assert result.returncode == 0, result.stderr[-2000:]
        assert not modules & HEAVY, f"{command} --help imported {sorted(modules & HEAVY)}"


def test_every_nested_help_formats_without_heavy_modules() -> None:
    """In a fresh interpreter: build the parser, format the help of every (sub)command."""
    script = """
import argparse, sys
from ui.cli.app import build_parser

def walk(parser):
    parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                walk(sub)

walk(build_parser())
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = set(result.stdout.split())
    assert "ui" in loaded and not loaded & HEAVY, sorted(loaded & HEAVY)


def test_the_version_printed_is_the_package_version() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0 and result.stdout == f"KeyPlan {__version__}\n"
    assert importlib.metadata.version("keyplan") == __version__, \
        "the installed metadata is stale: reinstall with pip install -e ."


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "keyplan.ui._version.__version__"
    for path in (ROOT / "ui" / "cli").glob("*.py"):
        assert f'"{__version__}"' not in path.read_text(encoding="utf-8"), path.name


def test_the_chart_kinds_are_the_catalogues(tmp_path: Path) -> None:
    """The light list of kinds the parser offers is what the catalogue draws."""
    chart = _subcommands(build_parser())["chart"]
    kind = next(a for a in chart._actions if a.dest == "kind")
    assert kind.choices is not None
    assert tuple(kind.choices) == KINDS == tuple(dict.fromkeys(BOOK_KINDS + CUSTOMER_KINDS))
    book = tmp_path / "book.db"
    assert main(["--db", str(book), "demo", "--customers", "30", "--anchor", "2026-12-06"]) == 0
    with Book(book) as opened:
        customer = opened.customers.ids()[0]
        for name in BOOK_KINDS:  # migration has one snapshot only: its empty state
            assert build_chart(opened, ChartRequest(name)).figure is not None, name
        for name in CUSTOMER_KINDS:
            assert build_chart(opened, ChartRequest(name, customer)).figure is not None, name
        with pytest.raises(ChartRequestError, match="unknown chart"):
            build_chart(opened, ChartRequest("pie"))


def test_the_import_fields_are_the_importers() -> None:
    from storage.importer import ImportKind, fields_of

    assert list(IMPORT_FIELDS) == [kind.value for kind in ImportKind]
    for kind in ImportKind:
        assert list(IMPORT_FIELDS[kind.value]) == fields_of(kind), kind
