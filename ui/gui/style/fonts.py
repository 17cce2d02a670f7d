"""The window's fonts: the bundled CJK font registered at start, as the last fallback after
the system's own Chinese fonts, so no label is drawn as empty boxes on a bare machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from resources.fonts import BUNDLED_FAMILY, BUNDLED_FONT, SYSTEM_CJK_FAMILIES

_registered: list[str] = []


def register_bundled_font() -> str | None:
    """Add the bundled font to Qt's database once; returns its family (None if unreadable)."""
    if not _registered:
        font_id = QFontDatabase.addApplicationFont(str(BUNDLED_FONT))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered.append(families[0] if families else "")
    return _registered[0] or None


def fallback_families(primary: str) -> list[str]:
    """``primary`` (the platform's UI font), the installed system CJK fonts, then ours."""
    installed = set(QFontDatabase.families())
    families = [primary]
    families += [name for name in SYSTEM_CJK_FAMILIES if name in installed and name != primary]
    bundled = register_bundled_font()
    if bundled and bundled not in families:
        families.append(bundled)
    return families


def install_fonts(app: QGuiApplication) -> QFont:
    """Give the application's default font its CJK fallbacks (idempotent)."""
    font = app.font()
    if BUNDLED_FAMILY in font.families():
        return font
    font.setFamilies(fallback_families(font.family()))
    app.setFont(font)
    return font
