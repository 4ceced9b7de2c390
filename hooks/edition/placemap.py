"""A map of the places the report names, drawn at build time as one inline SVG.

No tiles, no script, no other host: the hooks pass the places (entities of type place,
with `coordinates: [lat, lon]`), the land rings from `load_land("data/land-110m.json")`
and the link of each place id; `place_map_svg` returns the `<svg>` element as a string.

The projection is Miller's cylindrical: parallels stay straight, so the frame is a
rectangle and land is clipped in degrees before projecting, and it stretches 65° N far
less than Mercator. Places outside the frame (Philadelphia, Silicon Valley, ...) are not
dropped: they are listed, as links, in a "Beyond this map:" line under the frame, and
`places_beyond` returns them for anyone who wants an HTML list instead.

The same input gives the same bytes: places are drawn in order of name and id, and every
coordinate is written with one decimal.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable, NamedTuple

from mkdocs.exceptions import PluginError

Point = tuple[float, float]        # (lon, lat) in degrees, as in GeoJSON
Ring = list[Point]
Box = tuple[float, float, float, float]      # x0, y0, x1, y1 in SVG units
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 in SVG units


@dataclass(frozen=True)
class Frame:
    west: float
    east: float
    south: float
    north: float
    name: str = ""     # for the description read to screen-reader users: "Map of {name} ..."

    def contains(self, lat: float, lon: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


# Central Asia and China in the middle, Paris and Berlin at the western edge, Japan east.
EURASIA = Frame(west=0.0, east=150.0, south=-5.0, north=65.0, name="Eurasia")

WIDTH = 1000.0                      # viewBox width; the page scales it
MARGIN = (44.0, 10.0, 24.0, 22.0)   # left, top, right, bottom: room for graticule labels
FONT = 12.0                         # label size in viewBox units, also set on the <svg>
CHAR = 0.58 * FONT                  # estimated advance of one character, a little generous
ASCENT, DESCENT = 0.8 * FONT, 0.25 * FONT
DOT = 3.5                           # point radius
LINE = 1.5 * FONT                   # line height of the "Beyond this map:" rows


# Public API


def load_land(path: str | Path) -> list[Ring]:
    """Read the land rings written by scripts/make_land_data.py."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [[(float(lon), float(lat)) for lon, lat in ring] for ring in data["rings"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PluginError(
            f"{path}: cannot read land outlines ({error}); regenerate the file with "
            "scripts/make_land_data.py"
        ) from error


def places_beyond(places: Iterable[dict], frame: Frame = EURASIA) -> list[dict]:
    """The places whose coordinates fall outside the frame, in order of name."""
    return [place for place in _ordered(places) if not _inside(place, frame)]


def place_map_svg(
    places: list[dict],
    land: list[Ring] | None,
    links: dict[str, str],
    *,
    frame: Frame = EURASIA,
    id_prefix: str = "place-map",
    title: str = "Map of the places named in the report",
) -> str:
    """The map as an inline `<svg>` string.

    places: dicts with `id`, `name` and `coordinates` [lat, lon].
    land: rings of (lon, lat) points, from load_land, or None for no coastlines.
    links: the href of each place id; every place must have one.
    id_prefix: makes the ids of <title> and <desc> unique if a page shows two maps.
    """
    ordered = _ordered(places)
    for place in ordered:
        _check_link(place, links)
    inside = [p for p in ordered if _inside(p, frame)]
    beyond = [p for p in ordered if not _inside(p, frame)]

    project = _Projection(frame)
    left, top = MARGIN[0], MARGIN[1]
    right, bottom = WIDTH - MARGIN[2], top + project.height
    area = (left, top, right, bottom)
    beyond_top = bottom + MARGIN[3] + LINE
    beyond_rows = _beyond_layout(beyond, left, right)
    height = beyond_top - LINE + (LINE * (len(beyond_rows) + 0.5) if beyond_rows else 0.0)

    points = {p["id"]: project(*_lat_lon(p)) for p in inside}
    labels = _place_labels(inside, points, area)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="place-map" '
        f'viewBox="0 0 {_n(WIDTH)} {_n(height)}" font-size="{_n(FONT)}" role="group" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(_description(frame, inside, beyond))}</desc>',
        f'<rect class="place-map__sea" {_rect_attrs(area)}/>',
    ]
    if land:
        parts.append(_land_path(land, frame, project))
    parts += _graticule(frame, project, area)
    parts.append(f'<rect class="place-map__frame" {_rect_attrs(area)}/>')
    parts += _leaders([labels[p["id"]] for p in inside])
    parts.append('<g class="place-map__places">')
    for place in inside:
        parts.append(_place_link(place, links, points[place["id"]], labels[place["id"]]))
    parts.append("</g>")
    if beyond_rows:
        parts += _beyond_group(beyond_rows, links, left, beyond_top)
    parts.append("</svg>")
    return "\n".join(parts)


def clip_ring(ring: Ring, frame: Frame) -> Ring:
    """Sutherland-Hodgman clipping of one (lon, lat) ring to the frame.

    Parts outside become runs along the frame's edge; that is right for a filled
    shape, and the frame line drawn on top hides them.
    """
    edges = (
        (lambda p: p[0] >= frame.west, 0, frame.west),
        (lambda p: p[0] <= frame.east, 0, frame.east),
        (lambda p: p[1] >= frame.south, 1, frame.south),
        (lambda p: p[1] <= frame.north, 1, frame.north),
    )
    points = list(ring)
    for keep, axis, limit in edges:
        if not points:
            break
        clipped: Ring = []
        previous = points[-1]
        for current in points:
            if keep(current):
                if not keep(previous):
                    clipped.append(_crossing(previous, current, axis, limit))
                clipped.append(current)
            elif keep(previous):
                clipped.append(_crossing(previous, current, axis, limit))
            previous = current
        points = clipped
    return points


# Projection


def _miller(lat: float) -> float:
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


class _Projection:
    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.scale = (WIDTH - MARGIN[0] - MARGIN[2]) / math.radians(frame.east - frame.west)
        self.top = _miller(frame.north)
        self.height = self.scale * (self.top - _miller(frame.south))

    # SVG y grows downwards, so north is the smaller y.
    def __call__(self, lat: float, lon: float) -> Point:
        x = MARGIN[0] + self.scale * math.radians(lon - self.frame.west)
        y = MARGIN[1] + self.scale * (self.top - _miller(lat))
        return x, y


# Helper functions: places


def _ordered(places: Iterable[dict]) -> list[dict]:
    return sorted(places, key=lambda p: (str(p.get("name", "")).casefold(), str(p.get("id", ""))))


# Authoring errors in the entity data stop the build with the place and the fix.
def _lat_lon(place: dict) -> Point:
    coordinates = place.get("coordinates")
    if (not isinstance(coordinates, (list, tuple)) or len(coordinates) != 2
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
            or not (-90 <= coordinates[0] <= 90 and -180 <= coordinates[1] <= 180)):
        raise PluginError(
            f"place map: place '{place.get('id', '?')}' has coordinates {coordinates!r}; "
            "give them as [lat, lon] in decimal degrees, e.g. coordinates: [42.87, 74.59]"
        )
    return float(coordinates[0]), float(coordinates[1])


def _inside(place: dict, frame: Frame) -> bool:
    return frame.contains(*_lat_lon(place))


def _check_link(place: dict, links: dict[str, str]) -> None:
    if place.get("id") not in links:
        raise PluginError(
            f"place map: no link for place '{place.get('id', '?')}'; pass links[id] for every place"
        )


def _description(frame: Frame, inside: list[dict], beyond: list[dict]) -> str:
    names = ", ".join(p["name"] for p in inside)
    of = f" of {frame.name}" if frame.name else ""
    text = (
        f"Map{of} from {_lon_label(frame.west)} to {_lon_label(frame.east)} and from "
        f"{_lat_label(frame.south)} to {_lat_label(frame.north)} (Miller projection), "
        f"marking {len(inside)} places the report names: {names}."
    )
    if beyond:
        text += " Beyond this map: " + ", ".join(p["name"] for p in beyond) + "."
    return text


def _place_link(place: dict, links: dict[str, str], point: Point, label: Label) -> str:
    name = escape(place["name"])
    x, y = point
    lx, ly, anchor = label.x, label.y, label.anchor
    return (
        f'<a class="place-map__place" href="{escape(links[place["id"]])}">'
        f"<title>{name}</title>"
        f'<circle class="place-map__point" cx="{_n(x)}" cy="{_n(y)}" r="{_n(DOT)}"/>'
        f'<text class="place-map__label" x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}">'
        f"{name}</text></a>"
    )


# Helper functions: label placement


# Candidate spots around a point: right, left, the diagonals, above, below; then the same
# further out in 16 directions. The first spot that hits nothing wins.
def _candidates() -> list[tuple[float, float]]:
    near = [0, 180, 30, -30, 150, -150, 90, -90]
    around = [0, 180, 22.5, -22.5, 157.5, -157.5, 45, -45, 135, -135,
              67.5, -67.5, 112.5, -112.5, 90, -90]
    spots = [(5.0, float(a)) for a in near]
    for radius in (14.0, 24.0, 36.0, 50.0, 66.0):
        spots += [(radius, float(a)) for a in around]
    return spots


CANDIDATES = _candidates()
MAX_RADIUS = max(radius for radius, _ in CANDIDATES)


class Label(NamedTuple):
    x: float
    y: float
    anchor: str        # text-anchor: start, middle or end
    box: Box           # estimated extent, for collisions
    leader: Box | None  # line from the point to the label, if it had to move away


# One label per place, placed greedily in order of name: the first candidate spot that
# covers no point, no label and no leader line wins; if none is free, the least bad one.
def _place_labels(places: list[dict], points: dict[str, Point], area: Box) -> dict[str, Label]:
    boxes = [_dot_box(point) for point in points.values()]
    leaders: list[Segment] = []
    labels: dict[str, Label] = {}
    for place in places:
        label = _best_label(place["name"], points[place["id"]], boxes, leaders, area)
        labels[place["id"]] = label
        boxes.append(label.box)
        if label.leader:
            leaders.append(label.leader)
    return labels


def _best_label(name: str, point: Point, boxes: list[Box], leaders: list[Segment],
                area: Box) -> Label:
    own = _dot_box(point)
    # Only what lies within reach of the farthest spot can touch this place's label or its
    # line: the rest is left out of the sums below (the same result, a third of the time).
    reach = MAX_RADIUS + DOT + CHAR * len(name) + ASCENT + DESCENT + 2.0
    near = (point[0] - reach, point[1] - reach, point[0] + reach, point[1] + reach)
    boxes = [box for box in boxes if box != own and _meets(box, near)]
    leaders = [line for line in leaders if _meets(_extent(line), near)]
    best, best_cost = _label_at(name, point, 5.0, 0.0), math.inf
    for radius, angle in CANDIDATES:
        label = _label_at(name, point, radius, angle)
        if not _within(label.box, area):
            continue
        cost = sum(_overlap(label.box, box) for box in boxes)
        # A crossing or a covered line makes it unclear which label is which point's.
        cost += 100 * sum(_crosses_box(line, label.box) for line in leaders)
        if label.leader:
            cost += 100 * sum(_segments_cross(label.leader, line) for line in leaders)
            cost += 100 * sum(_crosses_box(label.leader, box) for box in boxes)
        if cost == 0:
            return label
        if cost < best_cost:
            best, best_cost = label, cost
    return best


def _label_at(name: str, point: Point, radius: float, angle: float) -> Label:
    width = CHAR * len(name)
    dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
    ax, ay = point[0] + (radius + DOT) * dx, point[1] + (radius + DOT) * dy
    if dx > 0.3:
        anchor, x0 = "start", ax
    elif dx < -0.3:
        anchor, x0 = "end", ax - width
    else:
        anchor, x0 = "middle", ax - width / 2
    if dy < -0.3:
        baseline = ay - DESCENT
    elif dy > 0.3:
        baseline = ay + ASCENT
    else:
        baseline = ay + (ASCENT - DESCENT) / 2
    box = (x0, baseline - ASCENT, x0 + width, baseline + DESCENT)
    return Label(ax, baseline, anchor, box, _leader(point, box))


# From the edge of the dot to the nearest point of the label's box, if that is far.
def _leader(point: Point, box: Box) -> Segment | None:
    px, py = point
    tx, ty = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
    distance = math.hypot(tx - px, ty - py)
    if distance <= DOT + 8:
        return None
    return (px + (tx - px) * DOT / distance, py + (ty - py) * DOT / distance, tx, ty)


def _dot_box(point: Point) -> Box:
    return (point[0] - DOT, point[1] - DOT, point[0] + DOT, point[1] + DOT)


def _within(box: Box, area: Box) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def _meets(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _extent(line: Segment) -> Box:
    return (min(line[0], line[2]), min(line[1], line[3]), max(line[0], line[2]), max(line[1], line[3]))


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0]) + 1.0   # 1 unit of air between labels
    h = min(a[3], b[3]) - max(a[1], b[1]) + 1.0
    return w * h if w > 0 and h > 0 else 0.0


def _segments_cross(a: Segment, b: Segment) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    a1, a2, b1, b2 = a[:2], a[2:], b[:2], b[2:]
    return (side(a1, a2, b1) * side(a1, a2, b2) < 0
            and side(b1, b2, a1) * side(b1, b2, a2) < 0)


def _crosses_box(line: Segment, box: Box) -> bool:
    x0, y0, x1, y1 = box
    # Most lines are nowhere near the box: their extents do not even meet (and the test
    # below is the build's hottest loop).
    if (max(line[0], line[2]) < x0 or min(line[0], line[2]) > x1
            or max(line[1], line[3]) < y0 or min(line[1], line[3]) > y1):
        return False
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    edges = [(*corners[i], *corners[(i + 1) % 4]) for i in range(4)]
    inside = any(x0 < x < x1 and y0 < y < y1 for x, y in (line[:2], line[2:]))
    return inside or any(_segments_cross(line, edge) for edge in edges)


def _leaders(labels: list[Label]) -> list[str]:
    lines = [f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'
             for x1, y1, x2, y2 in (label.leader for label in labels if label.leader)]
    if not lines:
        return []
    return ['<g class="place-map__leader" aria-hidden="true">', *lines, "</g>"]


# Helper functions: the "Beyond this map:" rows


BEYOND_HEADING = "Beyond this map:"
BEYOND_GAP = 1.5 * CHAR


# Names flow after the heading and wrap at the right edge: rows of (place, x) pairs.
def _beyond_layout(beyond: list[dict], left: float, right: float) -> list[list[tuple[dict, float]]]:
    start = left + CHAR * (len(BEYOND_HEADING) + 1)
    rows: list[list[tuple[dict, float]]] = []
    x = right
    for place in beyond:
        width = CHAR * len(place["name"])
        if x + width > right:
            rows.append([])
            x = start
        rows[-1].append((place, x))
        x += width + BEYOND_GAP
    return rows


def _beyond_group(rows: list[list[tuple[dict, float]]], links: dict[str, str],
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


# Helper functions: land and graticule


def _land_path(land: list[Ring], frame: Frame, project: _Projection) -> str:
    pieces = []
    for ring in land:
        points = _dedupe([tuple(map(_n, project(lat, lon))) for lon, lat in clip_ring(ring, frame)])
        if len(points) >= 3:
            pieces.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    # evenodd: rings that lie inside others (the Caspian Sea) are holes.
    return (f'<path class="place-map__land" fill-rule="evenodd" aria-hidden="true" '
            f'd="{"".join(pieces)}"/>')


def _dedupe(points: list[tuple[str, str]]) -> list[tuple[str, str]]:
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return kept


def _graticule(frame: Frame, project: _Projection, area: Box) -> list[str]:
    left, top, right, bottom = area
    lines, labels = [], []
    for lon in _steps(frame.west, frame.east, 10):
        x = _n(project(0.0, lon)[0])
        lines.append(f"M{x},{_n(top)}V{_n(bottom)}")
        if lon % 30 == 0:
            labels.append(f'<text x="{x}" y="{_n(bottom + 15)}" text-anchor="middle">'
                          f"{_lon_label(lon)}</text>")
    for lat in _steps(frame.south, frame.north, 10):
        y = project(lat, frame.west)[1]
        lines.append(f"M{_n(left)},{_n(y)}H{_n(right)}")
        if lat % 20 == 0:
            labels.append(f'<text x="{_n(left - 4)}" y="{_n(y + 4)}" text-anchor="end">'
                          f"{_lat_label(lat)}</text>")
    return [
        '<g class="place-map__graticule" aria-hidden="true">',
        f'<path d="{"".join(lines)}"/>',
        "</g>",
        '<g class="place-map__graticule-label" aria-hidden="true">',
        *labels,
        "</g>",
    ]


def _steps(start: float, stop: float, step: int) -> list[int]:
    first = math.ceil(start / step) * step
    return list(range(int(first), int(math.floor(stop)) + 1, step))


def _lon_label(lon: float) -> str:
    return f"{_deg(lon)}°" + ("" if lon == 0 or abs(lon) == 180 else " E" if lon > 0 else " W")


def _lat_label(lat: float) -> str:
    return f"{_deg(lat)}°" + ("" if lat == 0 else " N" if lat > 0 else " S")


def _deg(value: float) -> str:
    return f"{abs(value):g}"


# Helper functions: numbers


def _crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (limit, other) if axis == 0 else (other, limit)


def _rect_attrs(area: Box) -> str:
    left, top, right, bottom = area
    return f'x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}" height="{_n(bottom - top)}"'


# One decimal, and never "-0.0", so the same map is always the same bytes.
def _n(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text
