"""The command line's words in the user's language (zh_CN or English), without Qt.

The window translates through Qt; the command line must not load Qt, so it reads the same
Linguist source (resources/i18n/keyplan_zh_CN.ts) with the standard library. Its own
messages are written ``t("English {placeholder}", placeholder=...)`` and collected into the
.ts (context ``CommandLine``) by resources/i18n/update_translations.py; errors from storage and
models come in their own contexts (``Storage``, ``Validation``), already translated for the
window.
"""

from __future__ import annotations

import os
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from storage.export_labels import default_language

CONTEXT = "CommandLine"
CHINESE, ENGLISH = "zh_CN", "en"
I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
#: Set by the environment when no --lang is given (scripts that want fixed output).
ENVIRONMENT = "KEYPLAN_LANG"

_language = ENGLISH


def choose_language(option: str | None) -> str:
    """--lang, else $KEYPLAN_LANG, else the system locale; returns the language chosen."""
    global _language
    wanted = option or os.environ.get(ENVIRONMENT) or default_language()
    _language = CHINESE if wanted.replace("-", "_").lower().startswith("zh") else ENGLISH
    return _language


def language_in(argv: Sequence[str]) -> str | None:
    """The first ``--lang`` in ``argv``, read before the parser exists so its help is built in
    that language: the main option comes before the command, so it wins over a command's own
    ``--lang`` (the language of the file it writes), as :func:`choose_language` has it."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def language() -> str:
    return _language


def t(source: str, /, **params: Any) -> str:
    """``source`` (this module's context) in the chosen language, placeholders filled."""
    return translate(CONTEXT, source, params)


def t_n(source: str, one: str, count: int, /, **params: Any) -> str:
    """``source`` in the chosen language, but in English ``one`` when ``count`` is 1: '1 row
    left out', not '1 rows'. Chinese has no plural, so ``source``'s one translation serves
    every count (``one`` is English only and not in the catalogue)."""
    if count == 1 and _language == ENGLISH:
        return one.format(**params) if params else one
    return t(source, **params)


def translate(context: str, source: str, params: dict[str, Any] | None = None) -> str:
    text = _catalog(_language).get((context, source), source) if _language != ENGLISH \
        else source
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the text
        return source.format(**params)


def word(value: Enum) -> str:
    """A code (a tier, lifecycle stage, plan status ...) as the command line shows it: the code
    itself in English, as before (what the options take), its word in Chinese."""
    if _language == ENGLISH:
        return str(value.value)
    from storage.export_labels import Labels

    return Labels(CHINESE).enum(value)


def dimension_word(name: str) -> str:
    """A scoring dimension: its code in English (``weights --set revenue=30``), its name in
    Chinese."""
    if _language == ENGLISH:
        return name
    from storage.export_labels import Labels

    return Labels(CHINESE).dimension(name)


def listed(items: Iterable[str], english: str = ", ") -> str:
    """Items one after another: ``english`` between them in English, 、 in Chinese."""
    return separator(english).join(items)


def separator(english: str = ", ") -> str:
    """What goes between the items of a list: ``english`` in English, 、 in Chinese."""
    return english if _language == ENGLISH else "、"


def width_of(text: str) -> int:
    """Columns ``text`` takes on a terminal (a Chinese character takes two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` filled with spaces to ``width`` columns (on the left when ``right``), as
    ``f"{text:<{width}}"`` does for English."""
    fill = " " * max(0, width - width_of(text))
    return fill + text if right else text + fill


def storage_text(error: Any) -> str:
    """A StorageError's message in the chosen language."""
    return translate("Storage", error.message, {"detail": "", **error.params})


def validation_text(error: Any) -> str:
    """A ValidationError as ``field: message`` in the chosen language."""
    return f"{error.field}: {translate('Validation', error.message, error.params)}"


@cache
def _catalog(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation, from the .ts of ``lang``."""
    path = I18N / f"keyplan_{lang}.ts"
    table: dict[tuple[str, str], str] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return table  # no translations shipped: English, rather than no output
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") or not translation.text:
                continue
            table[(name, message.findtext("source") or "")] = translation.text
    return table
