"""What the images drawn at build time share (the title card, pages/titlecard.py; the EPUB's
cover, formats/cover.py): the colours and TeX Gyre Pagella, the print face of the PDFs, from
the font files vendored in hooks/edition/formats/fonts/ (GUST Font License), so an image is
the same on any machine."""
from __future__ import annotations

from pathlib import Path

from PIL import ImageFont

from edition.errors import EditionError

INK, PAPER, RULE = (33, 33, 33), (250, 248, 242), (120, 40, 40)
FONTS = Path(__file__).parent / "formats" / "fonts"


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    name = f"texgyrepagella-{style}.otf"
    if not (FONTS / name).is_file():
        raise EditionError(f"EPUB cover and title card: {name} is not in hooks/edition/formats/fonts: "
                           "restore the vendored fonts (git checkout hooks/edition/formats/fonts)")
    return ImageFont.truetype(str(FONTS / name), size)
