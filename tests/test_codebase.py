"""The architecture and style rules hold: Qt only in ui/, a pure domain, ruff and mypy
clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_import_layers_hold() -> None:
    result = subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """mypy with the configuration in pyproject.toml (strict on models/ and storage/). No
    cache: an incremental run can miss an edit made within the same second."""
    result = subprocess.run([str(BIN / "mypy"), "--cache-dir", os.devnull], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_says_its_job() -> None:
    missing = []
    for package in ("models", "storage", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8").lstrip()
            if not text.startswith(('"""', "'''")):
                missing.append(str(path.relative_to(ROOT)))
    assert not missing, f"modules without a docstring: {missing}"
