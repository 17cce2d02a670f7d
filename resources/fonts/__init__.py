"""The CJK font KeyPlan ships, so Chinese draws on a machine that has none (see OFL.txt)."""

from __future__ import annotations

from pathlib import Path

#: Noto Sans CJK SC cut down to GBK's characters, Latin and punctuation (make_subset.py).
BUNDLED_FONT = Path(__file__).resolve().parent / "KeyPlanSansSC-Regular.otf"
BUNDLED_FAMILY = "KeyPlan Sans SC"

#: The systems' own Simplified Chinese UI fonts (Windows, macOS, Linux), preferred over the
#: bundled one where present: they have every character and more weights.
SYSTEM_CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "DengXian",
    "SimHei",
    "Heiti SC",
    "STHeiti",
    "Droid Sans Fallback",
)
