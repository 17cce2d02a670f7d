"""Which language the UI speaks: loads our and Qt's translators, and translates domain messages.

``models/`` and ``storage/`` hand over English source strings marked with ``tr_noop`` in the
``Validation`` and ``Storage`` contexts; this module turns them into the user's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.validation import TRANSLATION_CONTEXT as VALIDATION_CONTEXT
from models.validation import ValidationError
from storage.errors import TRANSLATION_CONTEXT as STORAGE_CONTEXT
from storage.errors import StorageError

I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
ENGLISH = "en"
CHINESE = "zh_CN"
#: Supported languages, each named in its own language (never translated).
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}

_installed: list[QTranslator] = []
_current = ENGLISH
_generation = 0


def system_language() -> str:
    """The supported language closest to the system locale (Chinese for any zh locale)."""
    for name in (QLocale.system().name(), *QLocale.system().uiLanguages()):
        if name.replace("-", "_").lower().startswith("zh"):
            return CHINESE
    return ENGLISH


def resolve_language(preference: str) -> str:
    """The language to use: a supported stored preference, else the system's."""
    return preference if preference in LANGUAGES else system_language()


def current_language() -> str:
    return _current


def install_language(language: str) -> str:
    """Replace the installed translators with those of ``language``; returns the language used.

    Call before the first widget is built; calling again later sends every widget a
    LanguageChange event, which the windows answer by retranslating themselves.
    """
    global _current, _generation
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    language = language if language in LANGUAGES else ENGLISH
    # Qt sends LanguageChange to every widget at each install and removal, synchronously:
    # the new language and locale are current before the first one, and each step bumps the
    # generation, so words cached from a half-installed state are never reused.
    _current = language
    QLocale.setDefault(QLocale("zh_CN" if language == CHINESE else "en_US"))
    loaded: list[QTranslator] = []
    if language != ENGLISH:
        ours = QTranslator(app)
        if ours.load(f"keyplan_{language}", str(I18N_DIR)):
            loaded.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_base = QTranslator(app)
        if qt_base.load(f"qtbase_{language}", qt_dir):
            loaded.append(qt_base)
    for translator in _installed:
        _generation += 1
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    for translator in loaded:
        _generation += 1
        _installed.append(translator)
        QCoreApplication.installTranslator(translator)
    return language


def generation() -> int:
    """A number that changes whenever the installed translators change (caches of translated
    words key on it)."""
    return _generation


def storage_message(error: StorageError) -> str:
    """The error's message in the user's language, placeholders filled."""
    return _fill(QCoreApplication.translate(STORAGE_CONTEXT, error.message),
                 {"detail": "", **error.params})


def validation_message(error: ValidationError) -> str:
    """A field error's message in the user's language, placeholders filled."""
    return _fill(QCoreApplication.translate(VALIDATION_CONTEXT, error.message), error.params)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not hide the error itself.
        return template
