"""Refresh the Qt Linguist sources (.ts) from the code, keeping every existing translation.

pyside6-lupdate reads ``tr()``/``translate()``/``QT_TRANSLATE_NOOP`` in ``ui/``; the domain
layers cannot use Qt, so their ``tr_noop("...")`` messages are collected here from
``models/`` (context ``Validation``) and ``storage/`` (context ``Storage``) - or from the
module's own ``TRANSLATION_CONTEXT`` - and handed to lupdate as a generated stub. Then
pyside6-lrelease compiles the .qm files the app loads.

    .venv/bin/python resources/i18n/update_translations.py          # update .ts, build .qm
    .venv/bin/python resources/i18n/update_translations.py --check  # exit 1 if incomplete
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGUAGES = ("zh_CN",)
UI_DIR = ROOT / "ui"
#: Domain packages and the translation context their tr_noop messages belong to; the command
#: line (no Qt either) writes its messages ``t("...")`` (ui/cli/text.py).
DOMAIN_PACKAGES = {"models": "Validation", "storage": "Storage", "ui/cli": "CommandLine"}
MARKERS = {"models": {"tr_noop"}, "storage": {"tr_noop"}, "ui/cli": {"tr_noop", "t", "t_n"}}
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
                        and node.func.id in MARKERS[package] and node.args
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


def update(ts_files: dict[str, Path], qm_files: dict[str, Path],
           drop_obsolete: bool = False) -> None:
    """Write refreshed .ts files and their compiled .qm files to the given paths.

    Messages no longer in the code stay in the .ts, marked vanished, unless
    ``drop_obsolete``: a translation made ahead of a colleague's commit is never lost.
    """
    with tempfile.TemporaryDirectory(prefix="keyplan-i18n-") as folder:
        stub = write_stub(Path(folder))
        sources = [str(p.relative_to(ROOT)) for p in ui_sources()]
        for language, ts in ts_files.items():
            subprocess.run(
                [tool("pyside6-lupdate"), *sources, str(stub), "-ts", str(ts),
                 *(["-no-obsolete"] if drop_obsolete else []), "-locations", "none",
                 "-source-language", "en", "-target-language", language],
                cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm",
                            str(qm_files[language])], cwd=ROOT, check=True)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages in ``ts`` that still need a translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue  # no longer in the code
            if translation is None or translation.get("type") == "unfinished" \
                    or not (translation.text or "").strip():
                missing.append((name, message.findtext("source") or ""))
    return missing


def check() -> list[str]:
    """Problems that a fresh update would reveal: messages in the code without a
    translation, and .qm files that do not match their committed .ts."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="keyplan-i18n-check-") as folder:
        tmp = Path(folder)
        for language in LANGUAGES:
            ts = tmp / ts_path(language).name
            if ts_path(language).exists():
                shutil.copy2(ts_path(language), ts)
            update({language: ts}, {language: tmp / "fresh.qm"})
            problems += [f"{ts_path(language).name}: no translation for [{context}] {source!r}"
                         for context, source in untranslated(ts)]
            committed_qm = tmp / "committed.qm"
            if ts_path(language).exists():
                subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(language)),
                                "-qm", str(committed_qm)], cwd=ROOT, check=True)
            if not qm_path(language).exists() or not committed_qm.exists() \
                    or not filecmp.cmp(committed_qm, qm_path(language), shallow=False):
                problems.append(f"{qm_path(language).name} is not compiled from "
                                f"{ts_path(language).name}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report untranslated messages and stale .qm files")
    parser.add_argument("--drop-obsolete", action="store_true",
                        help="remove messages that are no longer in the code")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        if problems:
            print("\n".join(problems))
            print(f"Run {Path(__file__).name}, translate the new messages in the .ts "
                  "(Qt Linguist or any editor) and run it again to compile the .qm.")
            return 1
        print("Translations are complete and compiled.")
        return 0
    update({lang: ts_path(lang) for lang in LANGUAGES},
           {lang: qm_path(lang) for lang in LANGUAGES}, drop_obsolete=args.drop_obsolete)
    for language in LANGUAGES:
        text = ts_path(language).read_text(encoding="utf-8")
        messages = text.count("<message")
        unfinished = len(untranslated(ts_path(language)))
        print(f"{ts_path(language).name}: {messages} messages, {unfinished} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
