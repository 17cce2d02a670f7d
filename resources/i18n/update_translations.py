"""Refresh the Qt Linguist sources (.ts) from the code, keeping every existing translation.

pyside6-lupdate reads ``tr()``/``translate()``/``QT_TRANSLATE_NOOP`` in ``ui/``; the domain
layers cannot use Qt, so their ``tr_noop("...")`` messages are collected here from
``models/`` (context ``Validation``) and ``storage/`` (context ``Storage``) - or from the
module's own ``TRANSLATION_CONTEXT`` - and handed to lupdate as a generated stub. Then
pyside6-lrelease compiles the .qm files the app loads.

    .venv/bin/python resources/i18n/update_translations.py          # update .ts, build .qm
    .venv/bin/python resources/i18n/update_translations.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("zh_CN",)
UI_DIR = ROOT / "ui"
#: Domain packages and the translation context their tr_noop messages belong to.
DOMAIN_PACKAGES = {"models": "Validation", "storage": "Storage"}
STUB_NAME = "domain_messages.py"


def ts_path(language: str) -> Path:
    return HERE / f"keyplan_{language}.ts"


def qm_path(language: str) -> Path:
    return HERE / f"keyplan_{language}.qm"


def tool(name: str) -> str:
    """A pyside6 tool from the running interpreter's environment, else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def domain_messages() -> list[tuple[str, str]]:
    """(context, source) of every ``tr_noop("...")`` in the domain packages, in file order."""
    found: list[tuple[str, str]] = []
    for package, default_context in DOMAIN_PACKAGES.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            context = _module_context(tree) or default_context
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id == "tr_noop" and node.args
                        and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    message = (context, node.args[0].value)
                    if message not in found:
                        found.append(message)
    return found


def _module_context(tree: ast.Module) -> str | None:
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "TRANSLATION_CONTEXT"
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return None


def write_stub(folder: Path) -> Path:
    """A Python file lupdate can read, holding the domain messages as QT_TRANSLATE_NOOP."""
    lines = ['"""Generated for lupdate; never imported."""', ""]
    lines += [f"QT_TRANSLATE_NOOP({context!r}, {source!r})"
              for context, source in domain_messages()]
    stub = folder / STUB_NAME
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stub


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_files: dict[str, Path], qm_files: dict[str, Path]) -> None:
    """Write refreshed .ts files and their compiled .qm files to the given paths."""
    with tempfile.TemporaryDirectory(prefix="keyplan-i18n-") as folder:
        stub = write_stub(Path(folder))
        sources = [str(p.relative_to(ROOT)) for p in ui_sources()]
        for language, ts in ts_files.items():
            subprocess.run(
                [tool("pyside6-lupdate"), *sources, str(stub), "-ts", str(ts),
                 "-no-obsolete", "-locations", "none", "-source-language", "en",
                 "-target-language", language],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                            str(qm_files[language])], cwd=ROOT, check=True)


def check() -> list[str]:
    """Names of the committed .ts/.qm files that differ from a fresh update."""
    stale: list[str] = []
    with tempfile.TemporaryDirectory(prefix="keyplan-i18n-check-") as folder:
        tmp = Path(folder)
        ts_files = {}
        for language in LANGUAGES:
            copy = tmp / ts_path(language).name
            if ts_path(language).exists():
                shutil.copy2(ts_path(language), copy)
            ts_files[language] = copy
        qm_files = {language: tmp / qm_path(language).name for language in LANGUAGES}
        update(ts_files, qm_files)
        for language in LANGUAGES:
            for fresh, committed in ((ts_files[language], ts_path(language)),
                                     (qm_files[language], qm_path(language))):
                if not committed.exists() or not filecmp.cmp(fresh, committed, shallow=False):
                    stale.append(committed.name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the .ts/.qm files are up to date")
    args = parser.parse_args(argv)
    if args.check:
        stale = check()
        if stale:
            print("Out of date: " + ", ".join(stale) + f"; run {Path(__file__).name}")
            return 1
        print("Translations are up to date.")
        return 0
    update({lang: ts_path(lang) for lang in LANGUAGES},
           {lang: qm_path(lang) for lang in LANGUAGES})
    for language in LANGUAGES:
        text = ts_path(language).read_text(encoding="utf-8")
        messages = text.count("<message")
        unfinished = text.count('type="unfinished"')
        print(f"{ts_path(language).name}: {messages} messages, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
