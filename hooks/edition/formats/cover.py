"""The EPUB's cover image: a PNG drawn at build time from the edition's metadata.

Reading systems show it in their library and open the book on it (the package's
`cover-image`, and the first page of the spine). 1400 x 2100 pixels (2:3, the shape of a
book), drawn with Pillow in TeX Gyre Pagella, the print face of the PDFs (fonts/, GUST Font
License), so it is the same on any machine; written without a timestamp, so two builds give
the same bytes. It says what the file holds: the report's text with the editors' notes and
questions, which edition and version.
"""
from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw

from edition.drawing import INK, PAPER, RULE, font
from edition.formats.meta import Meta

WIDTH, HEIGHT = 1400, 2100
MARGIN = 130
HOLDS = "With the editors' annotations and discussion questions"


def png(meta: Meta) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 36), fill=RULE)
    pen.text((MARGIN, 170), meta.publisher, font=font("regular", 46), fill=INK)
    y = 520
    for line in textwrap.wrap(meta.title, 20):
        pen.text((MARGIN, y), line, font=font("bold", 112), fill=INK)
        y += 138
    y += 70
    pen.text((MARGIN, y), meta.author, font=font("regular", 76), fill=INK)
    pen.text((MARGIN, y + 110), meta.published[:4], font=font("regular", 60), fill=INK)
    pen.line((MARGIN, HEIGHT - 430, WIDTH - MARGIN, HEIGHT - 430), fill=RULE, width=4)
    pen.text((MARGIN, HEIGHT - 380), f"Annotated edition, version {meta.version}", font=font("italic", 60), fill=RULE)
    for index, line in enumerate(textwrap.wrap(HOLDS, 34)):
        pen.text((MARGIN, HEIGHT - 280 + index * 70), line, font=font("regular", 52), fill=INK)
    out = io.BytesIO()
    image.quantize(colors=64).save(out, format="PNG", optimize=True)
    return out.getvalue()


# What the image shows, for readers who do not see it (its alt text).
def alt_text(meta: Meta) -> str:
    return (f"Cover: {meta.title}, by {meta.author}, {meta.publisher}, {meta.published[:4]}. "
            f"Annotated edition, version {meta.version}. {HOLDS}.")

