"""The "Map and timeline" page: the places of the index on a map drawn at build time, and
the dated events the report names, each linked to where the report names it."""
from __future__ import annotations

from dataclasses import replace
from html import escape

from edition.model.edition import Edition, Maps, MapView
from edition.pages.timeline import timeline_html
from edition.placemap import Frame, Place, countries_at, land_rings, place_map_svg, places_beyond
from edition.urls import relative

PAGE = "map-and-timeline.md"
PAGE_URL = "map-and-timeline/"


def views_page(edition: Edition) -> str:
    """The page's Markdown: the places of the index on the maps of data/maps.yml, the events of
    the timeline, and the coastlines and borders of data/land-110m.json and data/countries.json
    (all from the model)."""
    places = [e.data for e in edition.entities.values() if e.group == "place"]
    entities_url = relative("entities/", PAGE_URL)
    place_links = {place["id"]: f"{entities_url}#{place['id']}" for place in places}
    parts = [
        # No table of contents beside it: the maps get the page's full width. Their styles
        # are their own (overrides/main.html loads a page's `stylesheets`).
        "---\ntitle: Map and timeline\nhide:\n  - toc\nstylesheets:\n  - stylesheets/placemap.css\n---",
        "# Map and timeline",
        "Two views of the index for teaching: where the places the report names are, and when "
        "the events it dates happened. Each place links to its entry in the "
        "[index of names](entities.md), each event to the paragraph or note that names it.",
        "## Places {#places}",
    ]
    if edition.maps is not None:
        parts += maps(edition, edition.maps, places, place_links)
    else:
        parts.append(places_list(places, place_links))
    if edition.events:
        # The model has checked that each event's passage is in the text (apparatus.read_events).
        links = {event.anchor: f"{relative(edition.part_of(event.anchor).url, PAGE_URL)}#{event.anchor}"
                 for event in edition.events}
        parts += ["## Timeline {#timeline}", timeline_html(edition.events, links)]
    return "\n\n".join(parts) + "\n"


# The wide map, the detail map (the area boxed on the wide one), the places as a list.
def maps(edition: Edition, views: Maps, places: list[Place], place_links: dict[str, str]) -> list[str]:
    wide, detail = frame(views.wide), frame(views.detail)
    geography = edition.geography
    land = land_rings(geography["land-110m.json"], "data/land-110m.json") if "land-110m.json" in geography else None
    # Borders beside the coastlines (scripts/make_land_data.py writes both); of the states whose
    # outlines the file holds, those data/maps.yml shades (the legend names them), and no other.
    scales = {scale: replace(countries, states={name: rings for name, rings in countries.states.items()
                                                if name in views.shaded})
              for scale, countries in (countries_at(geography["countries.json"], ("110m", "50m"),
                                                    "data/countries.json")
                                       if "countries.json" in geography else {}).items()}
    far, near = scales.get("110m"), scales.get("50m")
    return [
        legend(views),
        f"### {views.wide.name} {{#{views.wide.slug}}}",
        *([views.wide.text] if views.wide.text else []),
        map_block(views.wide.slug, place_map_svg(
            places, land, place_links, frame=wide, countries=far, inset=detail, id_prefix=views.wide.slug,
            title=f"Map of {views.wide.name}: the places the report names")),
        f"### {views.detail.name} {{#{views.detail.slug}}}",
        *([views.detail.text] if views.detail.text else []),
        map_block(views.detail.slug, place_map_svg(
            places, near.land if near and near.land else land, place_links, frame=detail,
            countries=near, list_beyond=False, id_prefix=views.detail.slug,
            title=f"Map of {views.detail.name}: the places the report names there")),
        places_list(places, place_links, (views.detail, detail), (views.wide, wide)),
        f"Coastlines and borders: Natural Earth, 1:110m ({views.wide.name}) and 1:50m ({views.detail.name}), "
        "public domain; borders as Natural Earth draws them, which is not a judgement on any disputed "
        "line. Points are the editors' coordinates for each place; for countries and regions, "
        "an approximate centre.",
    ]


def frame(view: MapView) -> Frame:
    return Frame(west=view.west, east=view.east, south=view.south, north=view.north, name=view.name,
                 grid=view.grid)


# A map fits the page's width; on a narrow screen, where its names are then too small to
# read, a checkbox enlarges it to a readable size, to scroll sideways in its box (no script:
# docs/stylesheets/placemap.css).
def map_block(id_prefix: str, svg: str) -> str:
    return (f'<div class="place-map-wrap">\n<p class="place-map-zoom"><label><input type="checkbox" '
            f'id="{id_prefix}-zoom"> Enlarge the map</label></p>\n'
            f'<div class="place-map-scroll">\n{svg}\n</div>\n</div>')


def legend(views: Maps) -> str:
    shaded = (f'<li><svg aria-hidden="true" viewBox="0 0 16 16"><rect class="place-map__state" x="1" y="3" '
              f'width="14" height="10"/></svg> {escape(views.shaded_label)}: '
              + ", ".join(escape(name) for name in views.shaded) + "</li>") if views.shaded else ""
    return (
        '<ul class="place-map-legend" aria-label="Legend of the maps">' + shaded +
        '<li><svg aria-hidden="true" viewBox="0 0 16 16"><path class="place-map__border" d="M1,8H15"/>'
        "</svg> Border between countries</li>"
        '<li><svg aria-hidden="true" viewBox="0 0 16 16"><circle class="place-map__point" cx="8" '
        'cy="8" r="4"/></svg> A place the report names: its name links to the index of names</li>'
        '<li><svg aria-hidden="true" viewBox="0 0 16 16"><rect class="place-map__inset" x="1" y="3" '
        f'width="14" height="10"/></svg> Area of the map of {escape(views.detail.name)}</li></ul>'
    )


# Every place as text too, by map (the detail map first), for readers who do not use the maps.
def places_list(places: list[Place], links: dict[str, str], *frames: tuple[MapView, Frame]) -> str:
    groups, placed = [], set()
    for view, shown in frames:
        group = [p for p in places if shown.contains(*p["coordinates"]) and p["id"] not in placed]
        placed |= {p["id"] for p in group}
        groups.append((f"On the map of {view.name}", group))
    beyond = [p for p in places if p["id"] not in placed]
    if frames:
        beyond = places_beyond(beyond, frames[-1][1])
    groups.append(("Beyond both maps" if len(frames) == 2 else "Places" if not frames else "Beyond the map", beyond))
    rows = ["### The places as a list {#place-list}", ""]
    for heading, group in groups:
        if group:
            names = sorted(group, key=lambda p: str(p["name"]).casefold())
            rows.append(f'<p class="place-list"><strong>{heading}:</strong> ' + ", ".join(
                f'<a href="{escape(links[p["id"]])}">{escape(p["name"])}</a>' for p in names) + ".</p>")
            rows.append("")
    return "\n".join(rows)
