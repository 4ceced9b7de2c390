"""Maps of the places the report names, drawn at build time as inline SVG: geo.py (frames,
projection, clipping, the vendored Natural Earth data), labels.py (where names go so that
none overlaps another), draw.py (the SVG). The frames are the edition's (data/maps.yml)."""
from edition.placemap.draw import place_map_svg, places_beyond
from edition.placemap.geo import (
    Countries,
    Frame,
    Place,
    Projection,
    Ring,
    clip_line,
    clip_ring,
    countries_at,
    land_rings,
    load_countries,
    load_land,
)
from edition.placemap.labels import place_labels

# The names the tests and scripts/make_land_data.py have always used.
_Projection = Projection
_place_labels = place_labels

__all__ = ["Countries", "Frame", "Place", "Projection",
           "Ring", "clip_line", "clip_ring", "countries_at", "land_rings", "load_countries", "load_land",
           "place_labels", "place_map_svg", "places_beyond"]
