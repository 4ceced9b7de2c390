#!/usr/bin/env python3
"""The PDFs' font for the Chinese, Japanese and Korean characters their text holds: a subset of
Droid Sans Fallback (Debian's fonts-droid-fallback, Apache License 2.0) with only the CJK
characters of the sources (docs/, data/, bib/), written to hooks/edition/formats/fonts/.

    python scripts/cjk_font.py [--font /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf]

Run it when the sources gain a CJK character: a build whose PDFs print one the subset lacks
stops with WeasyPrint's warning ".notdef glyph rendered for …", which names it. The subset
is a few kilobytes where the whole font is 4 MB; the same sources give the same bytes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONT = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
OUT = ROOT / "hooks/edition/formats/fonts/droid-sans-fallback-subset.ttf"
SOURCES = ("docs/**/*.md", "data/**/*.yml", "bib/*.bib")
# CJK punctuation, kana, ideographs (and extension A), Hangul, full-width forms.
RANGES = ((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xFF00, 0xFFEF))


def cjk_characters(root: Path) -> list[str]:
    found = {char for pattern in SOURCES for path in sorted(root.glob(pattern))
             for char in path.read_text(encoding="utf-8") if any(low <= ord(char) <= high for low, high in RANGES)}
    return sorted(found)


def subset(font: Path, characters: list[str], out: Path) -> None:
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    options = fontsubset.Options()
    options.name_IDs = ["*"]            # keep the copyright and licence names
    options.notdef_outline = True
    source = TTFont(str(font), recalcTimestamp=False)   # no date of today: the same bytes each time
    subsetter = fontsubset.Subsetter(options)
    subsetter.populate(text="".join(characters))
    subsetter.subset(source)
    source.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", type=Path, default=FONT)
    args = parser.parse_args(argv)
    if not args.font.exists():
        sys.exit(f"cjk_font: {args.font} is missing: install Debian's fonts-droid-fallback, "
                 "or name the font with --font")
    characters = cjk_characters(ROOT)
    subset(args.font, characters, OUT)
    print(f"{OUT.relative_to(ROOT)}: {len(characters)} characters ({''.join(characters)}), "
          f"{OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
