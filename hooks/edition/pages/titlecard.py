"""The edition's title card (og:image): a PNG drawn at build time from data/work.yml.

1200 x 630 pixels, the size link previews expect. Drawn with Pillow in TeX Gyre Pagella, the
edition's print face, from the font files vendored for the PDF (hooks/edition/formats/fonts/,
GUST Font License), so the card is the same on any machine.
PNG written without a timestamp, so two builds give the same bytes.
"""
from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw

from edition.drawing import INK, PAPER, RULE, font
from edition.model.edition import Edition

WIDTH, HEIGHT = 1200, 630


def draw(edition: Edition) -> bytes:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(card)
    pen.rectangle((0, 0, 24, HEIGHT), fill=RULE)
    y = 90
    for line in textwrap.wrap(report.title, 30):
        pen.text((90, y), line, font=font("bold", 68), fill=INK)
        y += 84
    y += 24
    pen.text((90, y), f"{report.author.name} \u00b7 {report.publisher} \u00b7 {report.date[:4]}",
             font=font("regular", 34), fill=INK)
    pen.text((90, HEIGHT - 120), f"{info.medium}, version {info.version}", font=font("italic", 34), fill=RULE)
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue()


def alt_text(edition: Edition) -> str:
    report, info = edition.report, edition.edition
    assert report is not None and info is not None
    return (f"Title card: {report.title}, by {report.author.name}, {report.publisher}, "
            f"{report.date[:4]}. {info.medium}, version {info.version}.")
