"""Fonts, texts and shared drawing helpers for every chart: Chinese renders with real glyphs,
and an empty book gets a friendly message instead of a misleading axis."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from resources.fonts import BUNDLED_FAMILY, BUNDLED_FONT

# CJK fonts of Windows, macOS and the Linux distributions, best first. Matplotlib falls back
# glyph by glyph along this list, so Latin text and Chinese names both draw properly.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "DengXian",
    "SimHei",
    "SimSun",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Songti SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
)
LATIN_FALLBACK = "DejaVu Sans"
FIGURE_SIZE = (8.0, 4.8)
DPI = 100
GRID = "#e6e6e6"
INK = "#333333"


@cache
def font_families() -> tuple[str, ...]:
    """The installed CJK fonts from :data:`CJK_FONTS`, the bundled one, then a Latin fallback.

    The bundled font is added to matplotlib's font list here, every time a process starts:
    matplotlib caches the fonts it found (``~/.cache/matplotlib``), and fonts installed after
    that cache was written stay invisible to it, so no chart may depend on the cache."""
    font_manager.fontManager.addfont(str(BUNDLED_FONT))
    # A cache written before a font was removed still lists it: only files that exist count.
    installed = {entry.name for entry in font_manager.fontManager.ttflist
                 if os.path.exists(entry.fname)}
    system = [name for name in CJK_FONTS if name in installed and name != BUNDLED_FAMILY]
    return (*system, BUNDLED_FAMILY, LATIN_FALLBACK)


def configure_matplotlib() -> None:
    """Fonts and looks for every figure this process draws (idempotent)."""
    # The bundled font has one weight: bold titles fall back to it at 400, and matplotlib
    # says so on stderr at every title ("Failed to find font weight bold"). Missing glyphs
    # are UserWarnings, not these log lines, and still reach the tests.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": list(font_families()),
            "axes.unicode_minus": False,  # CJK fonts often lack U+2212
            "axes.edgecolor": "#999999",
            "axes.labelcolor": INK,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "xtick.color": INK,
            "ytick.color": INK,
            "svg.fonttype": "path",  # an SVG looks the same on a machine without the font
        }
    )


@dataclass
class ClickTarget:
    """Something on a chart the user can point at: its tooltip, and which customers it
    stands for (as CustomerQuery fields), to filter the customer book on a click."""

    artist: Artist
    tooltip: str
    filter: dict[str, Any] = field(default_factory=dict)


@dataclass
class Chart:
    figure: Figure
    targets: list[ClickTarget] = field(default_factory=list)
    empty: bool = False


def new_figure(size: tuple[float, float] = FIGURE_SIZE) -> Figure:
    configure_matplotlib()
    return Figure(figsize=size, dpi=DPI, layout="constrained")


def empty_chart(title: str, message: str, size: tuple[float, float] = FIGURE_SIZE) -> Chart:
    """A figure without axes that says why there is nothing to show and what to do."""
    figure = new_figure(size)
    figure.text(0.5, 0.62, title, ha="center", va="center", fontsize=13, weight="bold", color=INK)
    figure.text(
        0.5, 0.45, message, ha="center", va="center", fontsize=10, color="#666666", wrap=True
    )
    return Chart(figure=figure, empty=True)


def style_axes(axes: Any) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)


_units = {"chinese": False}


def use_chinese_units(chinese: bool) -> None:
    """Compact money in 万/亿 (Chinese readers) or k/M (English); set with the language."""
    _units["chinese"] = chinese


def money(value: float, scale: float | None = None) -> str:
    """Compact money for labels: 1.2M and 35.0k, or 1.2亿 and 3.5万; the unit is the one
    ``scale`` (default: the value itself) calls for."""
    size = abs(value if scale is None else scale)
    units = (((1e8, "亿"), (1e4, "万")) if _units["chinese"]
             else ((1e9, "B"), (1e6, "M"), (1e3, "k")))
    for step, unit in units:
        if size >= step and value:
            return f"{value / step:.1f}{unit}"
    return f"{value:.0f}"


def money_axis(axis: Any) -> None:
    """Money ticks in one unit along ``axis``, the largest tick's: 8000.0万 beside 1.0亿
    read as two scales."""
    def tick(value: float, _position: int | None) -> str:
        low, high = axis.get_view_interval()
        return money(value, max(abs(low), abs(high)))

    axis.set_major_formatter(tick)


def percent(value: float) -> str:
    return f"{value:.1f} %"


def warm_up() -> None:
    """Draw a small chart with Chinese and Latin text and throw it away: the first chart of
    a session otherwise pays for loading the fonts and matplotlib's drawing machinery (about
    100 ms), which should happen while the user is still reading the customer book."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = new_figure((3.0, 2.0))
    axes = figure.subplots()
    axes.bar(["战略客户", "Key"], [1, 2], hatch="//")
    axes.set_title("价值 Value 0–100 %")
    style_axes(axes)
    FigureCanvasAgg(figure).draw()
