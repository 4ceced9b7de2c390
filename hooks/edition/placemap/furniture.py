"""The furniture of a place map: the graticule and its labels, and the "Beyond this map:"
rows that list, as links, the places outside the frame."""
from __future__ import annotations

from html import escape

from edition.placemap.geo import Box, Frame, Place, Projection
from edition.placemap.geo import svg_number as _n
from edition.placemap.labels import CHAR, FONT

LINE = 1.5 * FONT                   # line height of the "Beyond this map:" rows


BEYOND_HEADING = "Beyond this map:"
BEYOND_GAP = 1.5 * CHAR


# Names flow after the heading and wrap at the right edge: rows of (place, x) pairs.
def beyond_layout(beyond: list[Place], left: float, right: float) -> list[list[tuple[Place, float]]]:
    start = left + CHAR * (len(BEYOND_HEADING) + 1)
    rows: list[list[tuple[Place, float]]] = []
    x = right
    for place in beyond:
        width = CHAR * len(place["name"])
        if x + width > right:
            rows.append([])
            x = start
        rows[-1].append((place, x))
        x += width + BEYOND_GAP
    return rows


def beyond_group(rows: list[list[tuple[Place, float]]], links: dict[str, str],
                  left: float, y: float) -> list[str]:
    parts = [
        '<g class="place-map__beyond">',
        f'<text class="place-map__beyond-heading" x="{_n(left)}" y="{_n(y)}">'
        f"{BEYOND_HEADING}</text>",
    ]
    for number, row in enumerate(rows):
        baseline = y + number * LINE
        for place, x in row:
            name = escape(place["name"])
            parts.append(
                f'<a class="place-map__place" href="{escape(links[place["id"]])}">'
                f"<title>{name}</title>"
                f'<text class="place-map__label" x="{_n(x)}" y="{_n(baseline)}">{name}</text></a>'
            )
    parts.append("</g>")
    return parts


def graticule(frame: Frame, project: Projection, area: Box) -> list[str]:
    left, top, right, bottom = area
    step = frame.grid
    lines, labels = [], []
    for lon in _steps(frame.west, frame.east, step):
        x = _n(project(0.0, lon)[0])
        lines.append(f"M{x},{_n(top)}V{_n(bottom)}")
        if lon % (3 * step) == 0:
            labels.append(f'<text x="{x}" y="{_n(bottom + 15)}" text-anchor="middle">'
                          f"{lon_label(lon)}</text>")
    for lat in _steps(frame.south, frame.north, step):
        y = project(lat, frame.west)[1]
        lines.append(f"M{_n(left)},{_n(y)}H{_n(right)}")
        if lat % (2 * step) == 0:
            labels.append(f'<text x="{_n(left - 4)}" y="{_n(y + 4)}" text-anchor="end">'
                          f"{lat_label(lat)}</text>")
    return [
        '<g class="place-map__graticule" aria-hidden="true">',
        f'<path d="{"".join(lines)}"/>',
        "</g>",
        '<g class="place-map__graticule-label" aria-hidden="true">',
        *labels,
        "</g>",
    ]


def _steps(start: float, stop: float, step: int) -> list[int]:
    first = -(-start // step) * step
    return list(range(int(first), int(stop // 1) + 1, step))


def lon_label(lon: float) -> str:
    return f"{_deg(lon)}°" + ("" if lon == 0 or abs(lon) == 180 else " E" if lon > 0 else " W")


def lat_label(lat: float) -> str:
    return f"{_deg(lat)}°" + ("" if lat == 0 else " N" if lat > 0 else " S")


def _deg(value: float) -> str:
    return f"{abs(value):g}"
