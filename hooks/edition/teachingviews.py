"""The "Map and timeline" page: the places of the index on a map drawn at build time, and
the dated events the report names, each linked to where the report names it."""
from __future__ import annotations

from html import escape
from pathlib import Path

from mkdocs.utils import get_relative_url

from edition.model.edition import Edition
from edition.pages.timeline import timeline_html
from edition.placemap import (
    CENTRAL_ASIA,
    CENTRAL_ASIAN_STATES,
    EURASIA,
    Place,
    load_countries,
    load_land,
    place_map_svg,
    places_beyond,
)

PAGE = "map-and-timeline.md"
PAGE_URL = "map-and-timeline/"


def views_page(edition: Edition, land_path: Path) -> str:
    """The page's Markdown: the places of the index, the events of the timeline (both from the
    model), and the coastlines and borders in land_path and countries.json beside it."""
    places = [e.data for e in edition.entities.values() if e.group == "place"]
    entities_url = get_relative_url("entities/", PAGE_URL)
    place_links = {place["id"]: f"{entities_url}#{place['id']}" for place in places}
    land = load_land(land_path) if land_path.exists() else None
    # Borders beside the coastlines (scripts/make_land_data.py writes both).
    countries_path = land_path.with_name("countries.json")
    scales = load_countries(countries_path, ("110m", "50m")) if countries_path.exists() else {}
    wide, near = scales.get("110m"), scales.get("50m")
    parts = [
        # No table of contents beside it: the maps get the page's full width. Their styles
        # are their own (overrides/main.html loads a page's `stylesheets`).
        "---\ntitle: Map and timeline\nhide:\n  - toc\nstylesheets:\n  - stylesheets/placemap.css\n---",
        "# Map and timeline",
        "Two views of the index for teaching: where the places the report names are, and when "
        "the events it dates happened. Each place links to its entry in the "
        "[index of names](entities.md), each event to the paragraph or note that names it.",
        "## Places {#places}",
        MAP_LEGEND,
        "### Eurasia {#map-eurasia}",
        map_block("map-eurasia", place_map_svg(
            places, land, place_links, countries=wide, inset=CENTRAL_ASIA, id_prefix="map-eurasia",
            title="Map of Eurasia: the places the report names")),
        "### Central Asia {#map-central-asia}",
        "The boxed area of the map above, at a larger scale: the five states and the places "
        "around them that the report names.",
        map_block("map-central-asia", place_map_svg(
            places, near.land if near and near.land else land, place_links, frame=CENTRAL_ASIA,
            countries=near, list_beyond=False, id_prefix="map-central-asia",
            title="Map of Central Asia: the places the report names there")),
        places_list(places, place_links),
        "Coastlines and borders: Natural Earth, 1:110m (Eurasia) and 1:50m (Central Asia), public "
        "domain; borders as Natural Earth draws them, which is not a judgement on any disputed "
        "line. Points are the editors' coordinates for each place; for countries and regions, "
        "an approximate centre.",
    ]
    if edition.events:
        # The model has checked that each event's passage is in the text (apparatus.read_events).
        links = {event.anchor: f"{get_relative_url(edition.part_of(event.anchor).url, PAGE_URL)}#{event.anchor}"
                 for event in edition.events}
        parts += ["## Timeline {#timeline}", timeline_html(edition.events, links)]
    return "\n\n".join(parts) + "\n"


MAP_LEGEND = (
    '<ul class="place-map-legend" aria-label="Legend of the maps">'
    '<li><svg aria-hidden="true" viewBox="0 0 16 16"><rect class="place-map__state" x="1" y="3" '
    'width="14" height="10"/></svg> The five Central Asian states: '
    + ", ".join(CENTRAL_ASIAN_STATES) + "</li>"
    '<li><svg aria-hidden="true" viewBox="0 0 16 16"><path class="place-map__border" d="M1,8H15"/>'
    "</svg> Border between countries</li>"
    '<li><svg aria-hidden="true" viewBox="0 0 16 16"><circle class="place-map__point" cx="8" '
    'cy="8" r="4"/></svg> A place the report names: its name links to the index of names</li>'
    '<li><svg aria-hidden="true" viewBox="0 0 16 16"><rect class="place-map__inset" x="1" y="3" '
    'width="14" height="10"/></svg> Area of the map of Central Asia</li></ul>'
)


# A map fits the page's width; on a narrow screen, where its names are then too small to
# read, a checkbox enlarges it to a readable size, to scroll sideways in its box (no script:
# docs/stylesheets/placemap.css).
def map_block(id_prefix: str, svg: str) -> str:
    return (f'<div class="place-map-wrap">\n<p class="place-map-zoom"><label><input type="checkbox" '
            f'id="{id_prefix}-zoom"> Enlarge the map</label></p>\n'
            f'<div class="place-map-scroll">\n{svg}\n</div>\n</div>')


# Every place as text too, by map, for readers who do not use the maps.
def places_list(places: list[Place], links: dict[str, str]) -> str:
    groups = [
        ("On the map of Central Asia", [p for p in places if CENTRAL_ASIA.contains(*p["coordinates"])]),
        ("On the map of Eurasia", [p for p in places if EURASIA.contains(*p["coordinates"])
                                   and not CENTRAL_ASIA.contains(*p["coordinates"])]),
        ("Beyond both maps", places_beyond(places, EURASIA)),
    ]
    rows = ["### The places as a list {#place-list}", ""]
    for heading, group in groups:
        if group:
            names = sorted(group, key=lambda p: str(p["name"]).casefold())
            rows.append(f'<p class="place-list"><strong>{heading}:</strong> ' + ", ".join(
                f'<a href="{escape(links[p["id"]])}">{escape(p["name"])}</a>' for p in names) + ".</p>")
            rows.append("")
    return "\n".join(rows)

