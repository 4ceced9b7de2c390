"""Make data/land-110m.json, the coastlines of the place map, from Natural Earth.

Run by hand, never in the build (the build reads only the JSON this writes):

    cd "$(mktemp -d)" && npm install world-atlas@2
    .venv/bin/python scripts/make_land_data.py "$OLDPWD/node_modules/world-atlas/land-110m.json"

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

from edition.placemap import EURASIA, Frame, Ring, clip_ring  # noqa: E402

MARGIN = 10.0          # degrees kept around the map's frame
MIN_AREA = 0.5         # square degrees; smaller islands are a dot or less on the map


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's land-110m.json")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "land-110m.json")
    args = parser.parse_args()

    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    version = package_version(args.topojson)
    box = Frame(EURASIA.west - MARGIN, EURASIA.east + MARGIN,
                EURASIA.south - MARGIN, EURASIA.north + MARGIN)
    rings = [kept for ring in land_rings(topology) if (kept := simplify(clip_ring(ring, box)))]
    data = {
        "source": "Natural Earth 1:110m land, public domain, "
                  f"via the world-atlas npm package v{version}",
        "frame": [box.west, box.south, box.east, box.north],
        "rings": rings,
    }
    # One ring per line: small, and a change of data shows as a readable diff.
    lines = ",\n".join("  " + json.dumps(ring, separators=(",", ":")) for ring in rings)
    head = json.dumps({k: v for k, v in data.items() if k != "rings"})[:-1]
    args.out.write_text(f'{head}, "rings": [\n{lines}\n]}}\n', encoding="utf-8")
    points = sum(len(r) for r in rings)
    print(f"{args.out}: {len(rings)} rings, {points} points, {args.out.stat().st_size} bytes")


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
    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings += [join_arcs(ring, arcs) for ring in polygon]
    return rings


def simplify(ring: Ring) -> list[list[float]]:
    rounded = [[round(lon, 1), round(lat, 1)] for lon, lat in ring]
    kept = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    if len(kept) > 1 and kept[0] == kept[-1]:
        kept.pop()
    return kept if len(kept) >= 3 and abs(area(kept)) >= MIN_AREA else []


def area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


if __name__ == "__main__":
    main()
