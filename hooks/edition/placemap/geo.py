"""Geography of the place maps: frames, Miller's projection, clipping, the vendored data.

The data are Natural Earth's (public domain), written by scripts/make_land_data.py from the
world-atlas npm package: land rings (data/land-110m.json), and admin-0 borders with the
outlines of the shaded states (data/maps.yml) at two scales (data/countries.json).
"""
from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from edition.errors import EditionError

Point = tuple[float, float]        # (lon, lat) in degrees, as in GeoJSON
Ring = list[Point]
Box = tuple[float, float, float, float]      # x0, y0, x1, y1 in SVG units
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 in SVG units
Place = Mapping[str, Any]  # a place of the index, as written: id, name, coordinates [lat, lon]

WIDTH = 1000.0                      # viewBox width; the page scales it
MARGIN = (44.0, 10.0, 24.0, 22.0)   # left, top, right, bottom: room for graticule labels

@dataclass(frozen=True)
class Frame:
    west: float
    east: float
    south: float
    north: float
    name: str = ""     # for the description read to screen-reader users: "Map of {name} ..."
    grid: int = 10     # degrees between graticule lines

    def contains(self, lat: float, lon: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


@dataclass(frozen=True)
class Countries:
    """Admin-0 borders (lines) and the shaded states' outlines (data/maps.yml), at one scale."""
    borders: list[Ring] = field(default_factory=list)
    states: dict[str, list[Ring]] = field(default_factory=dict)
    land: list[Ring] = field(default_factory=list)   # the detailed scale's own coastlines


# One decimal, and never "-0.0", so the same map is always the same bytes.
def svg_number(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _miller(lat: float) -> float:
    return 1.25 * math.log(math.tan(math.pi / 4 + 0.4 * math.radians(lat)))


class Projection:
    """Miller's cylindrical projection of a frame onto the viewBox's width."""

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


# Loading the vendored data


def load_land(path: str | Path) -> list[Ring]:
    """Read the land rings written by scripts/make_land_data.py."""
    return land_rings(_read(Path(path), "land outlines"), Path(path))


def land_rings(data: Any, shown: str | Path) -> list[Ring]:
    """The land rings of data/land-110m.json's data."""
    try:
        return _rings(data["rings"])
    except (KeyError, TypeError, ValueError) as error:
        raise _unreadable(shown, "land outlines", error) from error


def load_countries(path: str | Path, scales: tuple[str, ...]) -> dict[str, Countries]:
    """The given scales ("110m", "50m") of data/countries.json, the file read once."""
    return countries_at(_read(Path(path), "country borders"), scales, Path(path))


def countries_at(data: Any, scales: tuple[str, ...], shown: str | Path) -> dict[str, Countries]:
    """The given scales ("110m", "50m") of data/countries.json's data."""
    found = {}
    for scale in scales:
        try:
            part = data["scales"][scale]
            found[scale] = Countries(borders=_rings(part["borders"]),
                                     states={name: _rings(rings) for name, rings in part["states"].items()},
                                     land=_rings(part.get("land", [])))
        except (KeyError, TypeError, ValueError) as error:
            raise _unreadable(shown, f"country borders ({scale})", error) from error
    return found


def _read(path: Path, what: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise _unreadable(path, what, error) from error


def _rings(rings: list) -> list[Ring]:
    return [[(float(lon), float(lat)) for lon, lat in ring] for ring in rings]


def _unreadable(path: str | Path, what: str, error: Exception) -> EditionError:
    return EditionError(f"{path}: cannot read {what} ({error}); regenerate the file with "
                        "scripts/make_land_data.py")


# Clipping, in degrees, before projecting


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


def clip_line(line: Ring, frame: Frame) -> list[Ring]:
    """The pieces of an open line that lie in the frame (each segment cut at its edges)."""
    pieces: list[Ring] = []
    current: Ring = []
    for a, b in itertools.pairwise(line):
        segment = _clip_segment(a, b, frame)
        if segment is None:
            if current:
                pieces.append(current)
            current = []
            continue
        start, end = segment
        if current and current[-1] != start:
            pieces.append(current)
            current = []
        if not current:
            current = [start]
        current.append(end)
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) >= 2]


# Liang-Barsky: the part of segment a-b inside the frame, or None.
def _clip_segment(a: Point, b: Point, frame: Frame) -> tuple[Point, Point] | None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - frame.west), (dx, frame.east - a[0]),
                 (-dy, a[1] - frame.south), (dy, frame.north - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    at = lambda t: (a[0] + t * dx, a[1] + t * dy)  # noqa: E731
    return (a if low == 0 else at(low)), (b if high == 1 else at(high))


def _crossing(a: Point, b: Point, axis: int, limit: float) -> Point:
    t = (limit - a[axis]) / (b[axis] - a[axis])
    other = a[1 - axis] + t * (b[1 - axis] - a[1 - axis])
    return (limit, other) if axis == 0 else (other, limit)
