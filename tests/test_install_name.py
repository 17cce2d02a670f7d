"""The installed wheel adds one import name, ``keyplan``, and runs from it alone.

The checkout keeps the design card's folders at its top; the wheel carries them inside the
``keyplan`` package, so installing KeyPlan cannot overwrite or shadow another distribution's
``models``, ``storage`` or ``ui``. The wheel is built here and run from its unpacked files,
isolated from the checkout (``python -I``, another working folder).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("models", "storage", "ui", "resources")


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_the_checkout_is_in_the_wheel_list() -> None:
    """A new package folder left out of pyproject.toml would be missing once installed."""
    listed = set(_project()["tool"]["setuptools"]["packages"])  # type: ignore[index]
    found = {"keyplan"} | {
        "keyplan." + ".".join(init.parent.relative_to(ROOT).parts)
        for folder in FOLDERS for init in (ROOT / folder).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert listed == found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
         str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    (built,) = out.glob("keyplan-*.whl")
    return built


def test_the_wheel_holds_one_import_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"keyplan", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    for needed in ("keyplan/resources/i18n/keyplan_zh_CN.qm",
                   "keyplan/resources/fonts/KeyPlanSansSC-Regular.otf",
                   "keyplan/storage/SCHEMA.md", "keyplan/ui/gui/window/main_window.py",
                   "keyplan/storage/book/__init__.py", "keyplan/__init__.py"):
        assert needed in names, needed
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "keyplan = keyplan:run" in zipfile.ZipFile(wheel).read(entry).decode()


def test_the_unpacked_wheel_runs_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    book = tmp_path / "book.db"
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import keyplan; "
        "code = keyplan.run(sys.argv[2:]); import ui, storage, models, resources; "
        "print(json.dumps([m.__file__ for m in (ui, storage, models, resources)])); "
        "sys.exit(code)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-I", "-c", script, str(site), *args],
                              capture_output=True, text=True, cwd=tmp_path, env=env,
                              timeout=120)

    made = run("--db", str(book), "demo", "--customers", "30")
    assert made.returncode == 0, made.stderr
    files = json.loads(made.stdout.strip().splitlines()[-1])
    assert all(Path(f).is_relative_to(site / "keyplan") for f in files), files
    info = run("--db", str(book), "info", "--json")
    assert info.returncode == 0, info.stderr
    report = info.stdout[:info.stdout.rindex("}") + 1]  # the module paths follow it
    assert json.loads(report)["counts"]["customers"] == 30
    # The window rescores a large book in a child process started as `-m ui....` from the
    # folder that holds ui/: installed, that is the package's own folder.
    child = subprocess.run(
        [sys.executable, "-m", "ui.gui.background.rescore_process", str(book)],
        capture_output=True, text=True, cwd=site / "keyplan", env=env, timeout=120)
    assert child.returncode == 0 and '"customers": 30' in child.stdout, child.stderr
