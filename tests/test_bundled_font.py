"""The bundled CJK font: it covers every string KeyPlan shows in Chinese, charts use it even
through a stale matplotlib cache, and the window falls back to it on a machine with no
Chinese font at all (simulated with a fontconfig that sees DejaVu only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from resources.fonts import BUNDLED_FAMILY, BUNDLED_FONT
from storage import demo_vocab

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "keyplan_zh_CN.ts"
#: Characters of GB2312's 6,763 would miss people's names; these are in GBK only.
NAME_CHARACTERS = "喆堃燊镕昇珺玥婕翀旻"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from _strings(item)


def visible_text() -> str:
    """Every translation, every English source, and the demo vocabulary."""
    texts: list[str] = []
    for message in ET.parse(TS).getroot().iter("message"):
        texts.append(message.findtext("source") or "")
        texts.append(message.findtext("translation") or "")
    for name in dir(demo_vocab):
        if name.isupper():
            texts.extend(_strings(getattr(demo_vocab, name)))
    return "".join(texts) + NAME_CHARACTERS


def test_the_font_is_bundled_with_its_licence() -> None:
    assert BUNDLED_FONT.is_file()
    licence = (BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    font = TTFont(BUNDLED_FONT, lazy=True)
    assert font["name"].getDebugName(1) == BUNDLED_FAMILY


def test_it_covers_every_string_we_show() -> None:
    cmap = TTFont(BUNDLED_FONT, lazy=True).getBestCmap()
    wanted = {ch for ch in visible_text() if not ch.isspace() and ord(ch) >= 0x20}
    missing = sorted(ch for ch in wanted if ord(ch) not in cmap)
    assert not missing, f"not in {BUNDLED_FONT.name}: {''.join(missing)}"


def test_it_covers_every_gbk_hanzi() -> None:
    cmap = TTFont(BUNDLED_FONT, lazy=True).getBestCmap()
    missing = []
    for code in range(0x4E00, 0xA000):
        try:
            chr(code).encode("gbk")
        except UnicodeEncodeError:
            continue
        if code not in cmap:
            missing.append(chr(code))
    assert not missing


def _fresh_environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "HOME": str(home), "MPLCONFIGDIR": str(home / ".config" / "mpl"),
            "XDG_CACHE_HOME": str(home / ".cache"), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONWARNINGS": "default"}


def _make_cache_stale(env: dict[str, str]) -> int:
    """Build matplotlib's font cache, then drop every CJK font from it, as a cache written
    before the fonts were installed would be; returns how many entries were dropped."""
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env,
                   check=True, timeout=120)
    cache = next(Path(env["MPLCONFIGDIR"]).glob("fontlist-*.json"))
    data = json.loads(cache.read_text(encoding="utf-8"))
    kept = [e for e in data["ttflist"] if not any(
        word in e["name"] for word in ("CJK", "Han", "Hei", "Song", "WenQuanYi", "Droid"))]
    dropped = len(data["ttflist"]) - len(kept)
    data["ttflist"] = kept
    cache.write_text(json.dumps(data), encoding="utf-8")
    return dropped


def test_charts_draw_chinese_through_a_stale_font_cache(tmp_path: Path) -> None:
    env = _fresh_environment(tmp_path)
    _make_cache_stale(env)
    book = tmp_path / "书.db"
    done = subprocess.run([sys.executable, "main.py", "--db", str(book), "demo", "--customers",
                           "40", "--seed", "3"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    subprocess.run([sys.executable, "main.py", "--db", str(book), "score"], cwd=ROOT, env=env,
                   capture_output=True, text=True, timeout=300, check=True)
    for kind in ("tiers", "pareto", "lifecycle"):
        out = tmp_path / f"{kind}.png"
        done = subprocess.run([sys.executable, "main.py", "--db", str(book), "chart", kind,
                               "-o", str(out), "--lang", "zh_CN"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "missing from" not in done.stderr, done.stderr
        assert out.stat().st_size > 5_000
    shot = tmp_path / "dashboard.png"
    done = subprocess.run([sys.executable, "main.py", "--db", str(book), "screenshot", str(shot),
                           "--view", "dashboard", "--lang", "zh_CN"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "missing from" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert shot.stat().st_size > 20_000


WINDOW_CHECK = r"""
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QRawFont, QFont
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from ui.gui.app import application
from ui.gui.text import i18n
from ui.gui.settings import Settings
from ui.gui.window.main_window import MainWindow
from storage.book import Book
from storage.database import Database

app = application()
i18n.install_language(i18n.CHINESE)
families = [f for f in QFontDatabase.families() if "CJK" in f or "Hei" in f]
print("system CJK families:", families, file=sys.stderr)
window = MainWindow(Book(sys.argv[1]), Settings.at(Path(sys.argv[2])),
                    automatic_backup=False)
window.show()
app.processEvents()
texts = [a.text() for a in window.findChildren(QWidget) for a in a.actions()]
texts += [w.text() for w in window.findChildren(QLabel)]
texts += [w.text() for w in window.findChildren(QAbstractButton)]
texts += [window.navigation.item(i).text() for i in range(window.navigation.count())]
for view in (window.customers,):
    model = view.table.model()
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
chars = {c for t in texts for c in t if ord(c) > 0x2E7F}
raws = [QRawFont.fromFont(QFont(f)) for f in app.font().families()]
# ord(): PySide6 maps a one-character str to the wrong overload and answers False
missing = sorted(c for c in chars if not any(r.supportsCharacter(ord(c)) for r in raws))
print("families:", app.font().families(), file=sys.stderr)
print(len(chars), "".join(missing))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="fontconfig")
def test_the_window_draws_chinese_with_no_chinese_font_installed(tmp_path: Path) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs DejaVu (Debian fonts-dejavu-core) for a Latin-only fontconfig")
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>
""", encoding="utf-8")
    env = {**_fresh_environment(tmp_path), "FONTCONFIG_FILE": str(config)}
    book = tmp_path / "book.db"
    subprocess.run([sys.executable, "main.py", "--db", str(book), "demo", "--customers", "20"],
                   cwd=ROOT, env=env, capture_output=True, timeout=300, check=True)
    done = subprocess.run([sys.executable, "-c", WINDOW_CHECK, str(book),
                           str(tmp_path / "ui.ini")], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "system CJK families: []" in done.stderr  # the machine has no Chinese font
    count, _, missing = done.stdout.strip().partition(" ")
    assert int(count) > 50  # the window really is in Chinese
    assert missing == "", f"drawn as boxes: {missing}"


def test_a_font_removed_since_the_cache_was_written_is_not_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The reverse of a stale cache: it still lists a CJK font that was uninstalled, and
    choosing it drew every Chinese label as boxes."""
    from matplotlib import font_manager

    from ui.gui.charts import style

    gone = font_manager.FontEntry(fname="/nonexistent/NotoSansCJK-Regular.ttc",
                                  name="Noto Sans CJK SC")
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [*font_manager.fontManager.ttflist, gone])
    style.font_families.cache_clear()
    try:
        families = style.font_families()
        assert BUNDLED_FAMILY in families
        assert "Noto Sans CJK SC" not in families or any(
            e.name == "Noto Sans CJK SC" and os.path.exists(e.fname)
            for e in font_manager.fontManager.ttflist)
    finally:
        style.font_families.cache_clear()
