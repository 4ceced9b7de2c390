"""The "Map and timeline" page: the places of the index on a map drawn at build time, and
the dated events the report names, each linked to where the report names it."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from edition.model.entries import Index
from edition.placemap import load_land, place_map_svg
from edition.model.events import load_timeline
from edition.pages.timeline import timeline_html

PAGE = "map-and-timeline.md"
PAGE_URL = "map-and-timeline/"


def views_page(index: Index, land_path: Path, timeline_path: Path, anchors: dict[str, str],
               files: Files, root: Path) -> str:
    places = [e.data for e in index.entities.values() if e.group == "place"]
    entities_url = get_relative_url("entities/", PAGE_URL)
    place_links = {place["id"]: f"{entities_url}#{place['id']}" for place in places}
    land = load_land(land_path) if land_path.exists() else None
    events = load_timeline(timeline_path) if timeline_path.exists() else []
    svg = place_map_svg(places, land, place_links)
    parts = [
        # No table of contents beside it: the map gets the page's full width. Its styles
        # are its own (overrides/main.html loads a page's `stylesheets`).
        "---\ntitle: Map and timeline\nhide:\n  - toc\nstylesheets:\n  - stylesheets/placemap.css\n---",
        "# Map and timeline",
        "Two views of the index for teaching: where the places the report names are, and when "
        "the events it dates happened. Each place links to its entry in the "
        "[index of names](entities.md), each event to the paragraph or note that names it.",
        "## Places {#places}",
        f'<div class="place-map-wrap">\n{svg}\n</div>',
        "Coastlines: Natural Earth 1:110m land (public domain). Points are the editors' "
        "coordinates for each place; for countries and regions, an approximate centre.",
    ]
    if events:
        links = {event["paragraph"]: event_link(event, anchors, files, timeline_path, root)
                 for event in events}
        parts += ["## Timeline {#timeline}", timeline_html(events, links)]
    return "\n\n".join(parts) + "\n"


# An event's paragraph (pN) or note (fn:N) must be in the text: the link resolves or the build stops.
def event_link(event: dict, anchors: dict[str, str], files: Files, path: Path, root: Path) -> str:
    where = event["paragraph"]
    page = anchors.get(where)
    target = files.get_file_from_path(page) if page else None
    if target is None:
        raise PluginError(
            f"{path.relative_to(root)}: event '{event['label'][:50]}' ({event['year']}): "
            f"field 'paragraph' is '{where}', which is not in the text: use an existing pN or fn:N"
        )
    return f"{get_relative_url(target.url, PAGE_URL)}#{where}"
