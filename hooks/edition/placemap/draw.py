"""A map of the places the report names, drawn at build time as one inline SVG.

No tiles, no script, no other host: the caller passes the places (entities of type place,
with `coordinates: [lat, lon]`), the land rings, optionally the country borders, and the
link of each place id; `place_map_svg` returns the `<svg>` element as a string.

The projection is Miller's cylindrical (geo.py): parallels stay straight, so the frame is a
rectangle and land is clipped in degrees before projecting. A map may outline a second,
larger-scale frame (`inset`): the places inside it are drawn on that map, not on this one,
where they would crowd. Places outside every frame (a city on another continent, ...) are
listed, as links, in a "Beyond this map:" line under the frame.

The same input gives the same bytes: places are drawn in order of name and id, and every
coordinate is written with one decimal.
"""
from __future__ import annotations

from collections.abc import Iterable
from html import escape

from edition.errors import EditionError
from edition.placemap.furniture import LINE, beyond_group, beyond_layout, graticule, lat_label, lon_label
from edition.placemap.geo import (
    MARGIN,
    WIDTH,
    Box,
    Countries,
    Frame,
    Place,
    Point,
    Projection,
    Ring,
    clip_line,
    clip_ring,
)
from edition.placemap.geo import svg_number as _n
from edition.placemap.labels import DOT, FONT, Label, place_labels


def places_beyond(places: Iterable[Place], frame: Frame) -> list[Place]:
    """The places whose coordinates fall outside the frame, in order of name."""
    return [place for place in _ordered(places) if not _inside(place, frame)]


def place_map_svg(
    places: list[Place],
    land: list[Ring] | None,
    links: dict[str, str],
    *,
    frame: Frame,
    id_prefix: str = "place-map",
    title: str = "Map of the places named in the report",
    countries: Countries | None = None,
    inset: Frame | None = None,
    list_beyond: bool = True,
) -> str:
    """The map as an inline `<svg>` string.

    places: mappings with `id`, `name` and `coordinates` [lat, lon].
    land: rings of (lon, lat) points, from load_land, or None for no coastlines.
    links: the href of each place id; every place must have one.
    id_prefix: makes the ids of <title> and <desc> unique if a page shows two maps.
    countries: borders and the shaded states' outlines, from load_countries.
    inset: a larger-scale frame, outlined here; its places are left to that map.
    list_beyond: list the places outside the frame under it (off for an inset map).
    """
    ordered = _ordered(places)
    for place in ordered:
        _check_link(place, links)
    elsewhere = [p for p in ordered if inset is not None and _inside(p, inset)]
    inside = [p for p in ordered if _inside(p, frame) and p not in elsewhere]
    beyond = [p for p in ordered if not _inside(p, frame)] if list_beyond else []

    project = Projection(frame)
    left, top = MARGIN[0], MARGIN[1]
    right, bottom = WIDTH - MARGIN[2], top + project.height
    area = (left, top, right, bottom)
    beyond_top = bottom + MARGIN[3] + LINE
    beyond_rows = beyond_layout(beyond, left, right)
    height = beyond_top - LINE + (LINE * (len(beyond_rows) + 0.5) if beyond_rows else 0.0)

    points = {p["id"]: project(*_lat_lon(p)) for p in inside}
    labels = place_labels(inside, points, area)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="place-map" '
        f'viewBox="0 0 {_n(WIDTH)} {_n(height)}" font-size="{_n(FONT)}" role="group" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">'
        f"{escape(_description(frame, inside, beyond, inset, elsewhere))}</desc>",
        f'<rect class="place-map__sea" {_rect_attrs(area)}/>',
    ]
    if land:
        parts.append(_area_path("place-map__land", land, frame, project))
    if countries is not None:
        parts += _countries(countries, frame, project)
    parts += graticule(frame, project, area)
    if inset is not None:
        parts.append(_inset_outline(inset, project))
    parts.append(f'<rect class="place-map__frame" {_rect_attrs(area)}/>')
    parts += _leaders([labels[p["id"]] for p in inside])
    parts.append('<g class="place-map__places">')
    for place in inside:
        parts.append(_place_link(place, links, points[place["id"]], labels[place["id"]]))
    parts.append("</g>")
    if beyond_rows:
        parts += beyond_group(beyond_rows, links, left, beyond_top)
    parts.append("</svg>")
    return "\n".join(parts)


# Helper functions: places


def _ordered(places: Iterable[Place]) -> list[Place]:
    return sorted(places, key=lambda p: (str(p.get("name", "")).casefold(), str(p.get("id", ""))))


# Authoring errors in the entity data stop the build with the place and the fix.
def _lat_lon(place: Place) -> Point:
    coordinates = place.get("coordinates")
    if (not isinstance(coordinates, (list, tuple)) or len(coordinates) != 2
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
            or not (-90 <= coordinates[0] <= 90 and -180 <= coordinates[1] <= 180)):
        raise EditionError(
            f"place map: place '{place.get('id', '?')}' has coordinates {coordinates!r}; "
            "give them as [lat, lon] in decimal degrees, e.g. coordinates: [42.87, 74.59]"
        )
    return float(coordinates[0]), float(coordinates[1])


def _inside(place: Place, frame: Frame) -> bool:
    return frame.contains(*_lat_lon(place))


def _check_link(place: Place, links: dict[str, str]) -> None:
    if place.get("id") not in links:
        raise EditionError(
            f"place map: no link for place '{place.get('id', '?')}'; pass links[id] for every place"
        )


def _description(frame: Frame, inside: list[Place], beyond: list[Place], inset: Frame | None,
                 elsewhere: list[Place]) -> str:
    names = ", ".join(p["name"] for p in inside)
    of = f" of {frame.name}" if frame.name else ""
    text = (
        f"Map{of} from {lon_label(frame.west)} to {lon_label(frame.east)} and from "
        f"{lat_label(frame.south)} to {lat_label(frame.north)} (Miller projection), "
        f"marking {len(inside)} places the report names: {names}."
    )
    if inset is not None and elsewhere:
        text += (f" A box outlines {inset.name or 'a smaller area'}, whose "
                 f"{len(elsewhere)} places are on the larger-scale map.")
    if beyond:
        text += " Beyond this map: " + ", ".join(p["name"] for p in beyond) + "."
    return text


def _place_link(place: Place, links: dict[str, str], point: Point, label: Label) -> str:
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


def _leaders(labels: list[Label]) -> list[str]:
    lines = [f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>'
             for x1, y1, x2, y2 in (label.leader for label in labels if label.leader)]
    if not lines:
        return []
    return ['<g class="place-map__leader" aria-hidden="true">', *lines, "</g>"]


# Helper functions: land and borders


def _area_path(css_class: str, rings: list[Ring], frame: Frame, project: Projection) -> str:
    pieces = []
    for ring in rings:
        points = _dedupe(_svg_points(clip_ring(ring, frame), project))
        if len(points) >= 3:
            pieces.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
    # evenodd: rings that lie inside others (the Caspian Sea) are holes.
    return f'<path class="{css_class}" fill-rule="evenodd" aria-hidden="true" d="{"".join(pieces)}"/>'


# The states shaded (those of data/countries.json, which data/maps.yml names; each its own
# path, named by a data attribute), then every admin-0 border as a line over them.
def _countries(countries: Countries, frame: Frame, project: Projection) -> list[str]:
    parts = []
    for name in sorted(countries.states):
        rings = countries.states[name]
        if rings:
            parts.append(_area_path("place-map__state", rings, frame, project)
                         .replace("<path ", f'<path data-state="{escape(name)}" ', 1))
    lines = []
    for border in countries.borders:
        for piece in clip_line(border, frame):
            points = _dedupe_line(_svg_points(piece, project))
            if len(points) >= 2:
                lines.append("M" + "L".join(f"{x},{y}" for x, y in points))
    if lines:
        parts.append(f'<path class="place-map__border" aria-hidden="true" d="{"".join(lines)}"/>')
    return parts


def _inset_outline(inset: Frame, project: Projection) -> str:
    x0, y0 = project(inset.north, inset.west)
    x1, y1 = project(inset.south, inset.east)
    return (f'<rect class="place-map__inset" aria-hidden="true" '
            f'{_rect_attrs((x0, y0, x1, y1))}/>')


# Each (lon, lat) point projected, its x and y written as the SVG writes them.
def _svg_points(ring: Ring, project: Projection) -> list[tuple[str, str]]:
    return [(_n(x), _n(y)) for x, y in (project(lat, lon) for lon, lat in ring)]


def _dedupe(points: list[tuple[str, str]]) -> list[tuple[str, str]]:
    kept = _dedupe_line(points)
    while len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return kept


def _dedupe_line(points: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def _rect_attrs(area: Box) -> str:
    left, top, right, bottom = area
    return f'x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}" height="{_n(bottom - top)}"'
