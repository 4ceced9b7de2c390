"""The map of places (hooks/edition/placemap.py): small inputs, checked on the SVG it returns."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
import yaml

from edition.errors import EditionError
from edition.placemap import (
    Frame,
    _place_labels,
    _Projection,
    clip_line,
    clip_ring,
    load_countries,
    load_land,
    place_map_svg,
    places_beyond,
)

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
# The edition's two frames and shaded states (data/maps.yml): the vendored outlines are cut to them.
MAPS = yaml.safe_load((ROOT / "data" / "maps.yml").read_text(encoding="utf-8"))
SIDES = ("west", "east", "south", "north")
EURASIA, CENTRAL_ASIA = (Frame(**{side: float(MAPS[name]["frame"][side]) for side in SIDES},
                               name=MAPS[name]["name"], grid=MAPS[name].get("grid", 10)) for name in ("wide", "detail"))
CENTRAL_ASIAN_STATES = tuple(MAPS["shaded"]["countries"])

PLACES = [
    {"id": "paris", "name": "Paris", "coordinates": [48.86, 2.35]},
    {"id": "moscow", "name": "Moscow", "coordinates": [55.76, 37.62]},
    {"id": "tashkent", "name": "Tashkent", "coordinates": [41.30, 69.27]},
    {"id": "kashgar", "name": "Kashgar", "coordinates": [39.47, 75.99]},
    {"id": "beijing", "name": "Beijing", "coordinates": [39.90, 116.41]},
    {"id": "sri-lanka", "name": "Sri Lanka", "coordinates": [7.87, 80.77]},
    {"id": "philadelphia", "name": "Philadelphia", "coordinates": [39.95, -75.17]},
    {"id": "silicon-valley", "name": "Silicon Valley", "coordinates": [37.39, -122.06]},
]
LINKS = {place["id"]: f"../entities/#{place['id']}" for place in PLACES}
SQUARE = [(60.0, 30.0), (80.0, 30.0), (80.0, 50.0), (60.0, 50.0)]


def render(places=PLACES, land=None, links=LINKS, **options) -> etree.Element:
    return etree.fromstring(place_map_svg(places, land, links, **{"frame": EURASIA, **options}))


def points(svg: etree.Element) -> dict[str, tuple[float, float]]:
    found = {}
    for link in svg.iter(f"{SVG}a"):
        circle = link.find(f"{SVG}circle")
        if circle is not None:
            name = link.find(f"{SVG}title").text
            found[name] = (float(circle.get("cx")), float(circle.get("cy")))
    return found


def beyond_names(svg: etree.Element) -> list[str]:
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "place-map__beyond")
    return [link.find(f"{SVG}title").text for link in group.iter(f"{SVG}a")]


@pytest.mark.parametrize("east, west", [
    ("Moscow", "Paris"), ("Tashkent", "Moscow"), ("Kashgar", "Tashkent"),
    ("Beijing", "Kashgar"), ("Sri Lanka", "Tashkent"),
])
def test_a_place_further_east_is_further_right(east, west):
    found = points(render())
    assert found[east][0] > found[west][0]


@pytest.mark.parametrize("north, south", [
    ("Moscow", "Paris"), ("Paris", "Tashkent"), ("Tashkent", "Kashgar"),
    ("Kashgar", "Sri Lanka"), ("Beijing", "Kashgar"),
])
def test_a_place_further_north_is_higher(north, south):
    found = points(render())
    assert found[north][1] < found[south][1]


def test_the_projection_puts_the_frame_corners_on_the_frame():
    project = _Projection(EURASIA)
    frame = next(r for r in render().iter(f"{SVG}rect") if r.get("class") == "place-map__frame")
    x, y = project(EURASIA.north, EURASIA.west)
    assert (round(x, 1), round(y, 1)) == (float(frame.get("x")), float(frame.get("y")))
    x, y = project(EURASIA.south, EURASIA.east)
    assert round(x - float(frame.get("x")), 1) == float(frame.get("width"))
    assert round(y - float(frame.get("y")), 1) == float(frame.get("height"))


def test_every_place_is_a_link_with_its_name_as_title():
    svg = render()
    links = {link.find(f"{SVG}title").text: link.get("href") for link in svg.iter(f"{SVG}a")}
    assert links == {place["name"]: LINKS[place["id"]] for place in PLACES}


def test_places_outside_the_frame_are_listed_beyond_the_map():
    svg = render()
    assert beyond_names(svg) == ["Philadelphia", "Silicon Valley"]
    assert "Philadelphia" not in points(svg)
    assert [p["id"] for p in places_beyond(PLACES, EURASIA)] == ["philadelphia", "silicon-valley"]
    assert "Beyond this map: Philadelphia, Silicon Valley." in svg.find(f"{SVG}desc").text


def test_a_map_with_every_place_inside_has_no_beyond_line():
    inside = [p for p in PLACES if EURASIA.contains(*p["coordinates"])]
    svg = render(inside)
    assert not any(g.get("class") == "place-map__beyond" for g in svg.iter(f"{SVG}g"))
    assert "Beyond" not in svg.find(f"{SVG}desc").text


def test_the_svg_is_a_named_group_of_links():
    # A group, not an image: an image's links would be hidden from assistive technology
    # (axe-core: nested-interactive).
    svg = render(id_prefix="map1")
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "map1-title map1-desc"
    assert svg[0].tag == f"{SVG}title" and svg[0].get("id") == "map1-title"
    assert svg[1].tag == f"{SVG}desc" and svg[1].get("id") == "map1-desc"
    assert "Kashgar" in svg[1].text


def test_the_output_is_deterministic_whatever_the_order_of_places():
    shuffled = PLACES[:]
    random.Random(4).shuffle(shuffled)
    first = place_map_svg(PLACES, [SQUARE], LINKS, frame=EURASIA)
    assert place_map_svg(PLACES, [SQUARE], LINKS, frame=EURASIA) == first
    assert place_map_svg(shuffled, [SQUARE], LINKS, frame=EURASIA) == first


def test_numbers_have_one_decimal():
    text = place_map_svg(PLACES, [SQUARE], LINKS, frame=EURASIA)
    numbers = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"', text)
    for path in re.findall(r' d="([^"]*)"', text):
        numbers += re.findall(r"-?\d+(?:\.\d+)?", path)
    assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)


def test_names_and_links_are_escaped():
    place = {"id": "x", "name": 'A <script>alert("x")</script> & Co', "coordinates": [40, 70]}
    text = place_map_svg([place], None, {"x": '/e/?a=1&b="2"'}, frame=EURASIA)
    assert "<script>" not in text
    svg = etree.fromstring(text)
    link = next(svg.iter(f"{SVG}a"))
    assert link.get("href") == '/e/?a=1&b="2"'
    assert link.find(f"{SVG}title").text == place["name"]
    assert link.find(f"{SVG}text").text == place["name"]


def test_land_is_drawn_only_when_given():
    assert not [p for p in render().iter(f"{SVG}path") if p.get("class") == "place-map__land"]
    svg = render(land=[SQUARE])
    land = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "place-map__land"]
    assert len(land) == 1 and land[0].get("d").count("M") == 1


@pytest.mark.parametrize("ring, expected", [
    (SQUARE, SQUARE),
    ([(-10.0, 10.0), (10.0, 10.0), (10.0, 20.0), (-10.0, 20.0)],
     [(0.0, 10.0), (10.0, 10.0), (10.0, 20.0), (0.0, 20.0)]),
    ([(140.0, 60.0), (160.0, 60.0), (160.0, 70.0), (140.0, 70.0)],
     [(140.0, 60.0), (150.0, 60.0), (150.0, 65.0), (140.0, 65.0)]),
    ([(-60.0, 10.0), (-50.0, 10.0), (-50.0, 20.0)], []),
])
def test_rings_are_clipped_to_the_frame(ring, expected):
    assert sorted(clip_ring(ring, EURASIA)) == sorted(expected)


def test_labels_of_a_tight_cluster_do_not_overlap():
    cluster = [{"id": f"c{i}", "name": f"Place {i}", "coordinates": [40 + i * 0.3, 70 + i * 0.3]}
               for i in range(8)]
    project = _Projection(EURASIA)
    spots = {p["id"]: project(*p["coordinates"]) for p in cluster}
    boxes = [label.box for label in _place_labels(cluster, spots, (44, 10, 976, 500)).values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


@pytest.mark.parametrize("place, links, message", [
    ({"id": "x", "name": "X"}, {"x": "#x"},
     "place map: place 'x' has coordinates None; give them as [lat, lon] in decimal degrees, "
     "e.g. coordinates: [42.87, 74.59]"),
    ({"id": "x", "name": "X", "coordinates": [100, 70]}, {"x": "#x"},
     "place map: place 'x' has coordinates [100, 70]; give them as [lat, lon] in decimal degrees, "
     "e.g. coordinates: [42.87, 74.59]"),
    ({"id": "x", "name": "X", "coordinates": [40, 70]}, {},
     "place map: no link for place 'x'; pass links[id] for every place"),
])
def test_bad_places_stop_the_build_with_a_message(place, links, message):
    with pytest.raises(EditionError) as error:
        place_map_svg([place], None, links, frame=EURASIA)
    assert str(error.value) == message


def test_the_vendored_land_data_is_small_and_covers_the_frame():
    path = ROOT / "data" / "land-110m.json"
    assert path.stat().st_size < 60_000
    rings = load_land(path)
    assert len(rings) > 10 and all(len(ring) >= 3 for ring in rings)
    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    assert min(lons) <= EURASIA.west and max(lons) >= EURASIA.east
    assert min(lats) <= EURASIA.south and max(lats) >= EURASIA.north


def test_a_missing_land_file_names_the_file(tmp_path):
    with pytest.raises(EditionError, match=r"missing\.json: cannot read land outlines"):
        load_land(tmp_path / "missing.json")


def test_the_edition_places_all_draw():
    entities = yaml.safe_load((ROOT / "data" / "entities.yml").read_text(encoding="utf-8"))
    places = [e for e in entities if e["type"] == "place"]
    links = {p["id"]: f"#{p['id']}" for p in places}
    land = load_land(ROOT / "data" / "land-110m.json")
    svg = etree.fromstring(place_map_svg(places, land, links, frame=EURASIA))
    drawn = set(points(svg)) | set(beyond_names(svg))
    assert drawn == {p["name"] for p in places}
    assert {"Philadelphia", "Silicon Valley", "Capitol Hill"} <= set(beyond_names(svg))


def test_a_frame_other_than_eurasia_can_be_drawn():
    svg = render(frame=Frame(west=-130, east=-60, south=20, north=55))
    assert set(points(svg)) == {"Philadelphia", "Silicon Valley"}


@pytest.mark.parametrize("line, expected", [
    ([(10.0, 10.0), (20.0, 10.0)], [[(10.0, 10.0), (20.0, 10.0)]]),
    ([(-10.0, 10.0), (10.0, 10.0)], [[(0.0, 10.0), (10.0, 10.0)]]),
    # Out and back in: two pieces, not a line drawn along the edge.
    ([(140.0, 10.0), (160.0, 10.0), (160.0, 20.0), (140.0, 20.0)],
     [[(140.0, 10.0), (150.0, 10.0)], [(150.0, 20.0), (140.0, 20.0)]]),
    ([(-60.0, 10.0), (-50.0, 10.0)], []),
])
def test_border_lines_are_cut_at_the_frame(line, expected):
    assert clip_line(line, EURASIA) == expected


def test_the_vendored_borders_hold_the_five_states_at_both_scales():
    path = ROOT / "data" / "countries.json"
    assert path.stat().st_size < 150_000
    scales = load_countries(path, ("110m", "50m"))
    for scale, frame in (("110m", EURASIA), ("50m", CENTRAL_ASIA)):
        countries = scales[scale]
        assert sorted(countries.states) == sorted(CENTRAL_ASIAN_STATES)
        assert all(countries.states[name] for name in CENTRAL_ASIAN_STATES)
        assert len(countries.borders) > 20
        svg = render(land=None, countries=countries, frame=frame, list_beyond=False)
        shaded = [p.get("data-state") for p in svg.iter(f"{SVG}path") if p.get("class") == "place-map__state"]
        assert shaded == list(CENTRAL_ASIAN_STATES)


def test_places_in_the_inset_are_left_to_its_map():
    svg = render(inset=CENTRAL_ASIA)
    assert "Tashkent" not in points(svg) and "Kashgar" not in points(svg)
    assert "Beijing" in points(svg)
    inset = render(frame=CENTRAL_ASIA, list_beyond=False)
    assert {"Tashkent", "Kashgar"} <= set(points(inset))
    assert not any(g.get("class") == "place-map__beyond" for g in inset.iter(f"{SVG}g"))
