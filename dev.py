"""Set-up and everyday commands for KeyPlan, using nothing but the Python that runs this file.

    python3 dev.py app [ARGS...]    open the app (or run a subcommand: python3 dev.py app info)
    python3 dev.py test [ARGS...]   run the whole test suite (pytest arguments pass through)
    python3 dev.py bench [ARGS...]  run the benchmarks on generated full-size data

The first call makes a virtual environment in .venv and installs KeyPlan with its test
dependencies into it; later calls reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".keyplan-installed"
PYTEST_NO_TESTS = 5


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py is the first thing a user runs
        sys.exit(f"KeyPlan needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing KeyPlan and its dependencies into .venv ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"],
                       check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "bench"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_environment()
    if command == "app":
        return subprocess.call([str(python), str(ROOT / "main.py"), *rest], cwd=ROOT)
    if command == "bench":
        return subprocess.call([str(python), "-m", "tests.benchmarks", *rest], cwd=ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if code == PYTEST_NO_TESTS:
        # Collecting nothing means the suite is broken (a bad path or conftest), not green.
        print("dev.py: pytest collected no tests; treating that as a failure.", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
