"""The data files' schemas and messages (hooks/edition/model/schema.py): one defect per
small file -> the exact message; several defects -> all of them in one run; the limit;
a file that is not UTF-8; and every real data file of the edition."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from edition.errors import EditionError
from edition.model import schema
from edition.model.schema import DataFile, Problems

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ["annotations", "glossary", "entities", "timeline", "emendations", "repairs",
              "changelog", "teaching", "work", "redirects", "maps"]

ANNOTATION = """\
- id: p6-golden-horn-bay
  paragraph: p6
  kind: context
  author: Editors
  added_in: 0.1.0
  text: Vladivostok stands on the Golden Horn Bay.
"""
TERM = """\
- id: sco
  term: Shanghai Cooperation Organization
  aliases: ["SCO"]
  definition: A regional organization.
"""
ENTITY = """\
- id: bishkek
  type: place
  name: Bishkek
  aliases: ["Bishkek"]
  description: Capital of Kyrgyzstan.
  coordinates: [42.87, 74.59]
"""
EVENT = """\
- year: 1992
  date: 1992-01
  label: Tian Zengpei tours Central Asia
  paragraph: p3
"""
RELEASE = """\
- version: "0.1.0"
  date: "2026-11-29"
  summary: First public version.
  text:
    - where: fn:9
      change: A domain corrected.
"""
UNRELEASED = """\
- version: unreleased
  summary: Notes labelled by paragraph.
  relabelled:
    "0.2.0": {p3-border-length: A4}
"""
WORK = """\
report:
  title: A report
  title_sentence_case: A report
  author: {family: Yau, given: Niva}
  publisher: FPRI
  place: Philadelphia
  date: "2020-09"
  language: en
  copyright: "© 2020"
edition:
  title: An edition
  version: "0.1.0"
  released: "2026-11-29"
  editors: The editors
  medium: Annotated online edition
  description: An edition.
"""
ANNOTATION_FIELDS = "id, paragraph, kind, author, added_in, text, phrase, cites, refs, source"
AT = "data/annotations.yml, line"
BAY = "annotation 'p6-golden-horn-bay'"
CITES_FIX = "name the works in bib/ it rests on, e.g. cites: [okafor2019salt]"

CASES = [
    # annotations
    ("annotations", ANNOTATION.replace("kind: context", "kind: corection"),
     f"{AT} 3, {BAY}, field 'kind': 'corection' is not one of context, correction, caveat, "
     "cross-reference, question: use one of them"),
    ("annotations", ANNOTATION.replace("paragraph: p6", "paragraph: para6"),
     f"{AT} 2, {BAY}, field 'paragraph': 'para6' is not a paragraph id (pN): "
     "write a paragraph id (pN), e.g. p12"),
    ("annotations", ANNOTATION.replace("paragraph: p6", "paragraph: 6"),
     f"{AT} 2, {BAY}, field 'paragraph': 6 is a whole number, not text: "
     "write a paragraph id (pN), e.g. p12"),
    ("annotations", ANNOTATION.replace("  text: Vladivostok stands on the Golden Horn Bay.\n", ""),
     f"{AT} 1, {BAY}, field 'text': missing: add it, e.g. text: What the note says."),
    ("annotations", ANNOTATION + "  phrse: Golden Horn\n",
     f"{AT} 7, {BAY}, field 'phrse': unknown field: did you mean 'phrase'? the fields are "
     f"{ANNOTATION_FIELDS}"),
    ("annotations", ANNOTATION.replace("added_in: 0.1.0", "added_in: 0.1"),
     f"{AT} 5, {BAY}, field 'added_in': 0.1 is a number, not text: "
     "write an edition version x.y.z, e.g. 0.1.0"),
    ("annotations", ANNOTATION.replace("added_in: 0.1.0", "added_in: '1.0'"),
     f"{AT} 5, {BAY}, field 'added_in': '1.0' is not an edition version x.y.z: "
     "write an edition version x.y.z, e.g. 0.1.0"),
    ("annotations", ANNOTATION.replace("id: p6-golden-horn-bay", "id: P6 Bay"),
     f"{AT} 1, annotation 'P6 Bay', field 'id': 'P6 Bay' is not an id of lowercase letters, "
     "digits and hyphens: write an id of lowercase letters, digits and hyphens, e.g. p12-customs-union"),
    ("annotations", ANNOTATION + "  refs: [p5, glosary:sco]\n",
     f"{AT} 7, {BAY}, field 'refs[2]': 'glosary:sco' is not pN, glossary:<id> or entity:<id>: "
     "write pN, glossary:<id> or entity:<id>, e.g. glossary:sco"),
    ("annotations", ANNOTATION + "  refs: p5\n",
     f"{AT} 7, {BAY}, field 'refs': 'p5' is text, not a list: "
     "write a list, e.g. [p3, glossary:sco, entity:kazakhstan]"),
    ("annotations", ANNOTATION.replace("kind: context", "kind: cross-reference"),
     f"{AT} 1, {BAY}, field 'refs': a cross-reference must say what it points to: "
     "list what it points to, e.g. refs: [p3, glossary:sco]"),
    ("annotations", ANNOTATION.replace("kind: context", "kind: correction"),
     f"{AT} 1, {BAY}, field 'cites': a correction or caveat must cite the works it rests on: {CITES_FIX}"),
    ("annotations", ANNOTATION.replace("kind: context", "kind: caveat") + "  cites: []\n",
     f"{AT} 7, {BAY}, field 'cites': a correction or caveat must cite the works it rests on: {CITES_FIX}"),
    ("annotations", ANNOTATION.replace("kind: context", "kind: caveat") + "  cites: [yau 2019]\n",
     f"{AT} 7, {BAY}, field 'cites[1]': 'yau 2019' is not the key of a work in bib/: "
     "write the key of a work in bib/, e.g. okafor2019salt"),
    ("annotations", ANNOTATION + ANNOTATION,
     f"{AT} 7, {BAY}, field 'id': 'p6-golden-horn-bay' is used twice (first at line 1): "
     "give each annotation its own id"),
    ("annotations", ANNOTATION + ANNOTATION.replace("- id: p6-golden-horn-bay\n  paragraph", "- paragraph"),
     f"{AT} 7, annotation 2, field 'id': missing: add it, e.g. id: p12-customs-union"),
    ("annotations", ANNOTATION + "- A note without fields\n",
     f"{AT} 7, annotation 2: 'A note without fields' is text, not a mapping of fields (key: value): "
     "write the annotation as fields under its '- ', e.g. '- id: p12-customs'"),
    ("annotations", "id: p6-golden-horn-bay\nkind: context\n",
     f"{AT} 1: is a mapping of fields (key: value), not a list: "
     "write a list of annotations, each starting '- id: ...'"),
    ("annotations", ANNOTATION.replace("text: Vladivostok", "text: 'Vladivostok"),
     f"{AT} 7: not valid YAML: found unexpected end of stream: correct the syntax there "
     "(text holding ': ' or starting with a quote needs quotes)"),
    # glossary and entities
    ("glossary", TERM.replace('aliases: ["SCO"]', "aliases: []"),
     "data/glossary.yml, line 3, term 'sco', field 'aliases': is an empty list: "
     'list the forms the text uses, e.g. aliases: ["SCO"]'),
    ("glossary", TERM + "  wikidata: q15031\n",
     "data/glossary.yml, line 5, term 'sco', field 'wikidata': 'q15031' is not a Wikidata QID: "
     "write a Wikidata QID, e.g. Q15031"),
    ("glossary", TERM + "  entity_type: company\n",
     "data/glossary.yml, line 5, term 'sco', field 'entity_type': 'company' is not one of "
     "agreement, initiative, organization: use one of them"),
    ("glossary", TERM + "  related: [csto]\n",
     "data/glossary.yml, line 5, term 'sco', field 'related[1]': 'csto' is not the id of a term: "
     "use a term's id or remove it"),
    ("entities", ENTITY.replace("type: place", "type: city"),
     "data/entities.yml, line 2, entity 'bishkek', field 'type': 'city' is not one of "
     "person, organization, company, place, agreement: use one of them"),
    ("entities", ENTITY.replace("  coordinates: [42.87, 74.59]\n", ""),
     "data/entities.yml, line 1, entity 'bishkek', field 'coordinates': a place must have "
     "coordinates: add coordinates: [latitude, longitude], e.g. coordinates: [42.87, 74.59]"),
    ("entities", ENTITY.replace("[42.87, 74.59]", "[92.87, 74.59]"),
     "data/entities.yml, line 6, entity 'bishkek', field 'coordinates[1]': 92.87 is above 90: "
     "give the latitude in degrees, from -90 to 90"),
    ("entities", ENTITY.replace("[42.87, 74.59]", "[42.87]"),
     "data/entities.yml, line 6, entity 'bishkek', field 'coordinates': has 1 item, not at least 2: "
     "write [latitude, longitude] in degrees, e.g. coordinates: [42.87, 74.59]"),
    # timeline
    ("timeline", EVENT.replace("year: 1992", "year: '1992'"),
     "data/timeline.yml, line 1, event 1, field 'year': '1992' is text, not a whole number: "
     "give a year from 1800 to 2020 as a whole number, e.g. year: 1992"),
    ("timeline", EVENT.replace("year: 1992", "year: 2021").replace("1992-01", "2021-01"),
     "data/timeline.yml, line 1, event 1, field 'year': 2021 is above 2020: "
     "give a year from 1800 to 2020 as a whole number, e.g. year: 1992"),
    ("timeline", EVENT.replace("paragraph: p3", "paragraph: ¶3"),
     "data/timeline.yml, line 4, event 1, field 'paragraph': '¶3' is not pN for paragraph N or "
     "fn:N for footnote N: write pN for paragraph N or fn:N for footnote N, e.g. p3"),
    ("timeline", EVENT.replace("1992-01", "1992-13"),
     "data/timeline.yml, line 2, event 1, field 'date': '1992-13' is not a real month or day "
     "within year 1992: write e.g. date: 1992-01 or date: 1992-06-22, or leave it out"),
    ("timeline", EVENT.replace("1992-01", "1993-01-05"),
     "data/timeline.yml, line 2, event 1, field 'date': '1993-01-05' is not a real month or day "
     "within year 1992: write e.g. date: 1992-01 or date: 1992-06-22, or leave it out"),
    ("timeline", EVENT + "  end_year: 1990\n",
     "data/timeline.yml, line 5, event 1, field 'end_year': 1990 is not after year 1992: "
     "give the last year of the span or leave it out"),
    ("timeline", EVENT + EVENT.replace("1992", "1991"),
     "data/timeline.yml, line 5, event 2, field 'year': 1991 is before the previous event's 1992: "
     "keep the file in chronological order"),
    ("timeline", EVENT + EVENT.replace("1992-01", "1991-12"),
     "data/timeline.yml, line 6, event 2, field 'date': '1991-12' is not a real month or day "
     "within year 1992: write e.g. date: 1992-01 or date: 1992-06-22, or leave it out"),
    ("timeline", EVENT.replace("  date: 1992-01\n", "  date: 1992-06\n") + EVENT,
     "data/timeline.yml, line 6, event 2, field 'date': '1992-01' is before the previous event's "
     "'1992-06': keep the file in chronological order"),
    ("timeline", EVENT.replace("  label: Tian Zengpei tours Central Asia\n", "  label: ' '\n"),
     "data/timeline.yml, line 3, event 1, field 'label': ' ' is not a short text: "
     "write a short text, e.g. A trade agreement is signed"),
    # records of changes
    ("emendations", '- where: p0\n  mark: "{++x++}"\n  reason: A reason.\n',
     "data/emendations.yml, line 1, emendation 'p0', field 'where': 'p0' is not pN or fn:N: "
     "write pN or fn:N, e.g. fn:9"),
    ("emendations", "- where: p1\n  mark: recieve -> receive\n  reason: A reason.\n",
     "data/emendations.yml, line 2, emendation 'p1', field 'mark': 'recieve -> receive' is not a "
     "CriticMarkup mark: copy the mark as written in the page: {++added++}, {--removed--} or "
     "{~~printed~>edition~~}"),
    ("repairs", "- kind: moved\n  where: p4\n  what: Moved.\n",
     "data/repairs.yml, line 1, repair 1, field 'kind': 'moved' is not one of title, heading, "
     "rejoined, pull-quote, figure, footnote, unescaped: use one of them"),
    ("changelog", RELEASE.replace('version: "0.1.0"', "version: 0.1"),
     "data/changelog.yml, line 1, release '0.1', field 'version': 0.1 is a number, not text: "
     'write it quoted, e.g. version: "0.2.0"'),
    ("changelog", RELEASE.replace("where: fn:9", "where: note 9"),
     "data/changelog.yml, line 5, release '0.1.0', field 'text[1].where': 'note 9' is not a "
     "paragraph (pN) or note (fn:N) of the text: write a paragraph (pN) or note (fn:N) of the "
     "text, e.g. p12"),
    ("changelog", RELEASE + "    - 42\n",
     "data/changelog.yml, line 7, release '0.1.0', field 'text[2]': 42 is not a sentence, or "
     "'where: pN' and 'change: ...': write the change as text, or as where: p12 and change: "
     "what changed"),
    ("changelog", RELEASE + RELEASE,
     "data/changelog.yml, line 7, release '0.1.0', field 'version': '0.1.0' is used twice "
     "(first at line 1): give each release its own version"),
    ("changelog", RELEASE.replace('  date: "2026-11-29"\n', ""),
     "data/changelog.yml, line 1, release '0.1.0', field 'date': release 0.1.0 has no date: "
     'write its date: "YYYY-MM-DD"'),
    ("changelog", RELEASE + UNRELEASED,
     "data/changelog.yml, line 7, release 'unreleased', field 'version': the unreleased changes "
     "are not the first entry: put them first, above the newest release, and only once"),
    ("changelog", UNRELEASED.replace("  summary:", '  date: "2026-12-24"\n  summary:') + RELEASE,
     "data/changelog.yml, line 2, release 'unreleased', field 'date': changes not yet released "
     "have no date: remove it, or give the release its version (scripts/release.py)"),
    ("changelog", UNRELEASED.replace("p3-border-length: A4", "p3-border-length: A 4") + RELEASE,
     "data/changelog.yml, line 4, release 'unreleased', field 'relabelled.0.2.0.p3-border-length': "
     "'A 4' is not a note's label in that release: write a note's label in that release, e.g. A4"),
    ("teaching", "reading_path:\n  - page: introduction.md\n    time: 5 minutes\n",
     "data/teaching.yml, line 2, step 'introduction.md', field 'focus': missing: "
     "add it, e.g. focus: What to read for."),
    ("work", WORK.replace('version: "0.1.0"', 'version: "1.0"'),
     "data/work.yml, line 12, field 'edition.version': '1.0' is not an edition version x.y.z: "
     'write it quoted, e.g. version: "0.2.0"'),
    ("work", WORK.replace("  publisher: FPRI\n", ""),
     "data/work.yml, line 2, field 'report.publisher': missing: "
     "add it, e.g. publisher: Institute of Valley Studies"),
    ("redirects", '- from: "introduction/"\n  to: "new-page/#p7"\n',
     "data/redirects.yml, line 1, redirect 'introduction/', field 'from': 'introduction/' is not a "
     'page URL and anchor as released: write a page URL and anchor as released, e.g. "introduction/#p7"'),
]


@pytest.mark.parametrize("name", DATA_FILES)
def test_each_schema_is_valid_json_schema_2020_12(name: str) -> None:
    from jsonschema import Draft202012Validator

    path = schema.SCHEMAS / f"{name}.schema.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def messages(tmp_path: Path, name: str, text: str | bytes) -> list[str]:
    path = tmp_path / f"{name}.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    schema.load(path, f"data/{name}.yml", name, problems)
    return [str(problem) for problem in problems.items]


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_one_defect_one_message(tmp_path: Path, name: str, text: str, expected: str) -> None:
    assert messages(tmp_path, name, text) == [expected]


# The same files without the defect are valid: each case above fails for its defect alone.
@pytest.mark.parametrize(("name", "text"), [("annotations", ANNOTATION), ("glossary", TERM),
                                            ("entities", ENTITY), ("timeline", EVENT),
                                            ("changelog", RELEASE), ("changelog", UNRELEASED + RELEASE),
                                            ("work", WORK)])
def test_the_bases_are_valid(tmp_path: Path, name: str, text: str) -> None:
    assert messages(tmp_path, name, text) == []


@pytest.mark.parametrize(("name", "empty"), [("annotations", []), ("redirects", []), ("teaching", {})])
def test_an_empty_file_has_no_entries(tmp_path: Path, name: str, empty: object) -> None:
    path = tmp_path / f"{name}.yml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    problems = Problems()
    assert schema.load(path, f"data/{name}.yml", name, problems) == empty
    assert problems.items == []


def test_an_empty_work_file_lacks_both_parts(tmp_path: Path) -> None:
    assert messages(tmp_path, "work", "") == [
        "data/work.yml, field 'report': missing: add it",
        "data/work.yml, field 'edition': missing: add it",
    ]


def test_every_defect_of_a_file_in_one_run(tmp_path: Path) -> None:
    text = (ANNOTATION.replace("kind: context", "kind: corection")
            + ANNOTATION.replace("p6-golden-horn-bay", "p7-bay").replace("paragraph: p6", "paragraph: 7")
            + "  colour: red\n" + ANNOTATION)
    found = messages(tmp_path, "annotations", text)
    assert [message.split(":")[0] for message in found] == [
        f"{AT} 3, {BAY}, field 'kind'",
        f"{AT} 8, annotation 'p7-bay', field 'paragraph'",
        f"{AT} 13, annotation 'p7-bay', field 'colour'",
        f"{AT} 14, {BAY}, field 'id'",
    ]


def test_not_utf8_names_the_line_and_byte(tmp_path: Path) -> None:
    text = ANNOTATION.encode("utf-8").replace(b"Golden Horn", "Zolotoy Rog \u00e9".encode("latin-1"))
    assert messages(tmp_path, "annotations", text) == [
        f"{AT} 6: not UTF-8: byte 0xE9 at byte 139 of the file (byte 46 of the line, counting "
        "from 0) is not valid UTF-8: save the file as UTF-8 (in the editor: save with encoding UTF-8)"
    ]


def test_report_logs_up_to_the_limit_then_stops_the_build(caplog: pytest.LogCaptureFixture) -> None:
    problems = Problems(limit=3)
    for number in range(1, 6):
        problems.add("data/timeline.yml", number, f"event {number}", "year", "wrong", "fix it")
    log = logging.getLogger("mkdocs.plugins.edition")
    with caplog.at_level(logging.ERROR), pytest.raises(EditionError) as stopped:
        problems.report(log)
    assert [record.getMessage() for record in caplog.records] == [
        "data/timeline.yml, line 1, event 1, field 'year': wrong: fix it",
        "data/timeline.yml, line 2, event 2, field 'year': wrong: fix it",
        "data/timeline.yml, line 3, event 3, field 'year': wrong: fix it",
        "... and 2 more",
    ]
    assert str(stopped.value) == "5 errors in the edition's data (listed above)"


def test_report_is_silent_without_problems(caplog: pytest.LogCaptureFixture) -> None:
    Problems().report(logging.getLogger("mkdocs.plugins.edition"))
    assert caplog.records == []


def test_problems_found_later_use_the_same_format(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yml"
    path.write_text(ANNOTATION + ANNOTATION.replace("p6-golden-horn-bay", "p7-bay"), encoding="utf-8")
    problems = Problems()
    schema.report_at(problems, DataFile(path, "data/annotations.yml", "annotations"),
                     (1, "paragraph"), "paragraph 'p6' is not on this page", "move the note")
    assert [str(p) for p in problems.items] == [
        f"{AT} 8, annotation 'p7-bay', field 'paragraph': paragraph 'p6' is not on this page: move the note"
    ]


def test_ids_and_aliases_across_glossary_and_entities(tmp_path: Path) -> None:
    glossary, entities = tmp_path / "glossary.yml", tmp_path / "entities.yml"
    glossary.write_text(TERM, encoding="utf-8")
    entities.write_text(ENTITY + ENTITY.replace("bishkek", "sco").replace("Bishkek", "SCO"),
                        encoding="utf-8")
    problems = Problems()
    files = (DataFile(glossary, "data/glossary.yml", "glossary"),
             DataFile(entities, "data/entities.yml", "entities"))
    terms, names = (schema.load(f.path, f.shown, f.schema_name, problems) for f in files)
    schema.check_index(files[0], terms, files[1], names, problems)
    assert [str(p) for p in problems.items] == [
        "data/entities.yml, line 7, entity 'sco', field 'id': 'sco' is also a term in the glossary: "
        "keep one entry: a term with entity_type, or this entity",
        "data/entities.yml, line 10, entity 'sco', field 'aliases[1]': alias 'SCO' also belongs to "
        "term 'sco': an alias names one entry only: remove it from one of them",
    ]


# The edition's own data: every file valid, every correction and caveat citing its sources.
@pytest.mark.content
@pytest.mark.parametrize("name", DATA_FILES)
def test_the_editions_data_is_valid(name: str) -> None:
    problems = Problems()
    shown = f"data/{name}.yml"
    assert schema.load(ROOT / shown, shown, name, problems) is not None
    assert [str(p) for p in problems.items] == []


@pytest.mark.content
def test_the_editions_index_is_consistent() -> None:
    problems = Problems()
    files = [DataFile(ROOT / f"data/{n}.yml", f"data/{n}.yml", n) for n in ("glossary", "entities")]
    terms, names = (schema.load(f.path, f.shown, f.schema_name, problems) for f in files)
    schema.check_index(files[0], terms, files[1], names, problems)
    assert [str(p) for p in problems.items] == []
