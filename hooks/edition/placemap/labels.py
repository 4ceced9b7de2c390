"""Where each place's name goes: beside its point, or further out with a line to it, so that
no name covers another name, a point or a line (checked in the browser too:
tests/browser/test_map.py)."""
from __future__ import annotations

import math
from typing import NamedTuple

from edition.placemap.geo import Box, Place, Point, Segment

FONT = 12.0                         # label size in viewBox units, also set on the <svg>
CHAR = 0.58 * FONT                  # estimated advance of one character, a little generous
ASCENT, DESCENT = 0.8 * FONT, 0.25 * FONT
DOT = 3.5                           # point radius


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
def place_labels(places: list[Place], points: dict[str, Point], area: Box) -> dict[str, Label]:
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
