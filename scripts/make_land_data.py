"""Make data/land-110m.json (coastlines) and data/countries.json (admin-0 borders and the
shaded states of data/maps.yml, at 1:110m for the wide map and 1:50m for the detail map)
for the place maps, from Natural Earth.

Run by hand, never in the build (the build reads only the JSON this writes):

    cd "$(mktemp -d)" && npm install world-atlas@2.0.2
    .venv/bin/python "$OLDPWD/scripts/make_land_data.py" node_modules/world-atlas

Source: Natural Earth 1:110m land (public domain), as TopoJSON in the world-atlas npm
package. TopoJSON stores each shared line once, as an "arc" of quantized, delta-encoded
integer points; polygons are lists of arc indexes (~i means arc i reversed). This script
decodes the arcs, joins them into (lon, lat) rings, clips them to the map's frame with a
margin (so a small change of frame needs no new data), rounds to 0.1 degree and drops
rings too small to see at the map's scale.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from edition.model.datafile import load_yaml  # noqa: E402  (no key twice, no alias)
from edition.placemap import Frame, Ring, clip_line, clip_ring  # noqa: E402

# The maps' frames and the countries they shade: the edition's (data/maps.yml).
MAPS = load_yaml((ROOT / "data" / "maps.yml").read_text(encoding="utf-8"))


def frame_of(name: str) -> Frame:
    sides = MAPS[name]["frame"]
    return Frame(west=float(sides["west"]), east=float(sides["east"]), south=float(sides["south"]),
                 north=float(sides["north"]))


WIDE, DETAIL = frame_of("wide"), frame_of("detail")
SHADED = tuple(MAPS["shaded"]["countries"])

MARGIN = 10.0          # degrees kept around the map's frame
MIN_AREA = 0.5         # square degrees; smaller islands are a dot or less on the map


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("atlas", type=Path, help="the world-atlas package's folder")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    version = package_version(args.atlas / "land-110m.json")
    source = f"Natural Earth (public domain), via the world-atlas npm package v{version}"
    write_land(args.atlas / "land-110m.json", args.data / "land-110m.json", source)
    write_countries(args.atlas, args.data / "countries.json", source)


def write_land(topojson: Path, out: Path, source: str) -> None:
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    box = around(WIDE)
    rings = [kept for ring in land_rings(topology) if (kept := simplify(clip_ring(ring, box)))]
    data = {"source": f"1:110m land, {source}", "frame": [box.west, box.south, box.east, box.north]}
    # One ring per line: small, and a change of data shows as a readable diff.
    lines = ",\n".join("  " + json.dumps(ring, separators=(",", ":")) for ring in rings)
    head = json.dumps(data)[:-1]
    out.write_text(f'{head}, "rings": [\n{lines}\n]}}\n', encoding="utf-8")
    report(out, len(rings))


# Each scale: the borders (arcs two countries share) and the shaded states' outlines, clipped
# to the frame of the map that uses it; the larger scale also its own coastlines.
def write_countries(atlas: Path, out: Path, source: str) -> None:
    scales = {}
    for scale, frame, digits in (("110m", WIDE, 1), ("50m", DETAIL, 2)):
        topology = json.loads((atlas / f"countries-{scale}.json").read_text(encoding="utf-8"))
        box = around(frame, 2.0 if digits == 2 else MARGIN)
        part = {
            "borders": [line for border in border_lines(topology)
                        for piece in clip_line(border, box) if (line := rounded(piece, digits, 2))],
            "states": {name: [kept for ring in country_rings(topology, name)
                              if (kept := simplify(clip_ring(ring, box), digits))]
                       for name in SHADED},
        }
        if scale == "50m":
            land = json.loads((atlas / "land-50m.json").read_text(encoding="utf-8"))
            part["land"] = [kept for ring in land_rings(land) if (kept := simplify(clip_ring(ring, box), digits))]
        scales[scale] = part
    data = {"source": f"1:110m and 1:50m admin-0 countries, {source}", "scales": scales}
    out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    report(out, sum(len(part["borders"]) for part in scales.values()))


def around(frame: Frame, margin: float = 0.0) -> Frame:
    margin = margin or MARGIN
    return Frame(frame.west - margin, frame.east + margin, frame.south - margin, frame.north + margin)


def report(out: Path, count: int) -> None:
    print(f"{out}: {count} rings or lines, {out.stat().st_size} bytes")


def package_version(topojson: Path) -> str:
    package = topojson.parent / "package.json"
    if package.exists():
        return json.loads(package.read_text(encoding="utf-8"))["version"]
    return "unknown"


# Decode every arc to absolute lon/lat: undo the delta encoding, then the quantization.
def decode_arcs(topology: dict) -> list[Ring]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


# A ring is its arcs joined end to start; each arc repeats the previous one's last point.
def join_arcs(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def land_rings(topology: dict) -> list[Ring]:
    arcs = decode_arcs(topology)
    return [ring for geometry in topology["objects"]["land"]["geometries"]
            for ring in geometry_rings(geometry, arcs)]


def country_rings(topology: dict, name: str) -> list[Ring]:
    arcs = decode_arcs(topology)
    found = [g for g in topology["objects"]["countries"]["geometries"]
             if g.get("properties", {}).get("name") == name]
    if not found:
        raise SystemExit(f"no country named {name!r} in the atlas")
    return [ring for geometry in found for ring in geometry_rings(geometry, arcs)]


def geometry_rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [join_arcs(ring, arcs) for polygon in polygons for ring in polygon]


# A border is an arc that two countries share (TopoJSON stores it once); a coastline is an
# arc of one country only.
def border_lines(topology: dict) -> list[Ring]:
    arcs = decode_arcs(topology)
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(topology["objects"]["countries"]["geometries"]):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    return [arcs[index] for index, countries in sorted(users.items()) if len(countries) > 1]


def simplify(ring: Ring, digits: int = 1) -> list[list[float]]:
    kept = rounded(ring, digits, 3)
    if len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    smallest = MIN_AREA if digits == 1 else MIN_AREA / 25   # the 1:50m map is 5 times larger
    return kept if len(kept) >= 3 and abs(area(kept)) >= smallest else []


def rounded(line: Ring, digits: int, least: int) -> list[list[float]]:
    points = [[round(lon, digits), round(lat, digits)] for lon, lat in line]
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return kept if len(kept) >= least else []


def area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


if __name__ == "__main__":
    main()
