"""Rebuild the bundled CJK font: Noto Sans CJK SC Regular cut down to what Chinese business
text needs (every character GBK can encode: all 21,000 hanzi of GBK, not only GB2312's 6,763,
so names such as 喆, 堃, 燊 and 镕 are drawn; plus Latin, digits, punctuation and the symbols
our labels use), renamed so it never shadows a full Noto CJK installed on the system.

    .venv/bin/python resources/fonts/make_subset.py [NotoSansCJK-Regular.ttc]

The source is Debian's fonts-noto-cjk (SIL Open Font License 1.1, see OFL.txt beside this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "KeyPlanSansSC-Regular.otf"
FAMILY = "KeyPlan Sans SC"
SC_FACE = "Noto Sans CJK SC"
DEBIAN_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

#: Ranges kept whole whatever GBK says: Latin, general punctuation, currency, letter-like
#: symbols, arrows, maths, box drawing, shapes, CJK symbols, fullwidth forms.
EXTRA_RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF),
                (0x2100, 0x214F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
                (0x2500, 0x25FF), (0x2600, 0x26FF), (0x3000, 0x303F), (0x3200, 0x32FF),
                (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]


def gbk_characters() -> set[int]:
    """Every BMP code point that GBK (Windows code page 936) can encode."""
    found = set()
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        try:
            chr(code).encode("gbk")
        except UnicodeEncodeError:
            continue
        found.add(code)
    return found


def wanted() -> set[int]:
    codes = gbk_characters()
    for first, last in EXTRA_RANGES:
        codes.update(range(first, last + 1))
    return codes


def sc_face(source: Path) -> TTFont:
    if source.suffix.lower() == ".ttc":
        for font in TTCollection(str(source)).fonts:
            if font["name"].getDebugName(4) == SC_FACE:
                return font
        raise SystemExit(f"{source} has no {SC_FACE} face")
    return TTFont(str(source))


def rename(font: TTFont) -> None:
    """A family name of our own (the OFL asks modified fonts not to pass for the original)."""
    names = {1: FAMILY, 3: f"{FAMILY} Regular; subset for KeyPlan", 4: f"{FAMILY} Regular",
             6: "KeyPlanSansSC-Regular", 16: FAMILY, 17: "Regular"}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["KeyPlanSansSC-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = f"{FAMILY} Regular"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEBIAN_SOURCE
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, punctuation widths (halt, vert...)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints are small; FreeType autohints CJK well enough
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    subsetter.populate(unicodes=[code for code in sorted(wanted()) if code in cmap])
    subsetter.subset(font)
    rename(font)
    font.save(str(OUTPUT))
    kept = len(font.getBestCmap())
    print(f"{OUTPUT.name}: {OUTPUT.stat().st_size / 1e6:.1f} MB, {kept:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
