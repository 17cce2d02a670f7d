"""Set-up and everyday commands for KeyPlan, using nothing but the Python that runs this file.

    python3 dev.py app [ARGS...]    open the app (or run a subcommand: python3 dev.py app info)
    python3 dev.py test [ARGS...]   run the whole test suite (pytest arguments pass through)
    python3 dev.py bench [ARGS...]  run the benchmarks on generated full-size data
    python3 dev.py build            make the download-and-run folder dist/KeyPlan (PyInstaller)

The first call makes a virtual environment in .venv and installs KeyPlan with its test
dependencies into it; later calls reinstall only when pyproject.toml or the version has
changed. The first build also installs the `build` extra (PyInstaller).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
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
    # pyproject.toml lists what to install; ui/_version.py is the version it installs under.
    wanted = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in (
        "pyproject.toml", "ui/_version.py"))).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing KeyPlan and its dependencies into .venv ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"],
                       check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test", "bench", "build"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_environment()
    if command == "app":
        return subprocess.call([str(python), str(ROOT / "main.py"), *rest], cwd=ROOT)
    if command == "bench":
        return subprocess.call([str(python), "-m", "tests.benchmarks", *rest], cwd=ROOT)
    if command == "build":
        return build(python, rest)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if code == PYTEST_NO_TESTS:
        # Collecting nothing means the suite is broken (a bad path or conftest), not green.
        print("dev.py: pytest collected no tests; treating that as a failure.", file=sys.stderr)
        return 1
    return code


def build(python: Path, rest: list[str]) -> int:
    """Make dist/KeyPlan with PyInstaller (installed on first use) and say how big it is."""
    has_pyinstaller = subprocess.run(
        [str(python), "-c", "import PyInstaller"], capture_output=True).returncode == 0
    if not has_pyinstaller:
        print("Installing PyInstaller (the build extra) into .venv ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e",
                        f"{ROOT}[test,build]"], check=True)
    dist, work = ROOT / "dist", ROOT / "build"
    started = time.monotonic()
    code = subprocess.call([str(python), "-m", "PyInstaller", "--noconfirm", "--clean",
                            "--log-level", "WARN", "--distpath", str(dist), "--workpath",
                            str(work), *rest, str(ROOT / "packaging" / "keyplan.spec")],
                           cwd=ROOT)
    if code != 0:
        return code
    folder = dist / "KeyPlan"
    program = folder / ("KeyPlan.exe" if os.name == "nt" else "KeyPlan")
    size = sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink())
    shutil.rmtree(work, ignore_errors=True)
    print(f"Built {folder} in {time.monotonic() - started:.0f} s: {size / 1e6:.0f} MB "
          f"({sum(1 for _ in folder.rglob('*'))} files). Run {program}, or copy the whole "
          "folder to another machine of the same system.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
