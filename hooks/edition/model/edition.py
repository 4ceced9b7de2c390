"""The edition as one object: every fact the features read, each stored in one place.

Built once per build (`model/build.py`, in on_files, when the pages' sources are known)
and never changed afterwards: the dataclasses are frozen and hold tuples and read-only
mappings. What only rendering can learn (where each name is mentioned, each page's
rendered HTML) is collected apart, in `Rendered`, and read once every page is rendered.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

from edition.errors import EditionError
from edition.model.anchors import Anchor

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# "2020-09" -> "September 2020"; "2020" -> "2020"; "2020-09-03" -> "3 September 2020".
def spoken_date(iso: str) -> str:
    parts = iso.split("-")
    words = [str(int(parts[2]))] if len(parts) > 2 else []
    words += [MONTHS[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join([*words, parts[0]])


# A title's case-kept words, which CSL-JSON marks <span class="nocase">China</span> (works.py),
# as plain text, for what has no such mark (a work's label, RIS, TEI, the annotations' names
# of works).
NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')


def unmarked(value: str) -> str:
    return NOCASE.sub(r"\1", value)

# A read-only empty mapping, for defaults.
def empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


# The report of 2020 and this edition of it (data/work.yml)


@dataclass(frozen=True)
class Person:
    family: str
    given: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class Report:
    """The work as its publisher published it."""
    title: str
    title_sentence_case: str
    author: Person
    publisher: str
    place: str
    date: str  # ISO, as precise as the report gives it: "2020-09"
    series: str | None
    language: str  # BCP 47: "en"
    copyright: str
    id: str  # its key in citations (CSL id, BibTeX key): data/work.yml, else family name + year
    publisher_short: str  # the publisher as the edition's prose names it (an acronym), else its name
    keywords: tuple[str, ...] = ()  # its subjects, for the files' metadata

    @property
    def published(self) -> str:
        """The date as a reader says it: "September 2020" (or "2020", or "3 September 2020")."""
        return spoken_date(self.date)


@dataclass(frozen=True)
class EditionInfo:
    """This annotated edition: who made it, which release, where it lives."""
    title: str
    version: str  # x.y.z
    released: str  # ISO date of this release
    editors: str
    medium: str  # "Annotated online edition"
    description: str
    url: str  # the edition's address (site_url), ending in "/"
    file_name: str  # the downloads' name: "<file_name>.epub", "<file_name>-a4.pdf", ...
    site_description: str  # mkdocs.yml's site_description, on one line
    built: datetime  # the build's date (model/buildtime.py): the one date the PDFs and EPUB carry

    def download(self, suffix: str) -> str:
        """A download's site path, named after the edition: "downloads/<file_name><suffix>"."""
        return f"downloads/{self.file_name}{suffix}"


# The text: parts in reading order, paragraphs, notes, figures


PartKind = Literal["front", "section", "back", "apparatus"]


@dataclass(frozen=True)
class Part:
    """One page of the edition. The report's parts come in the nav's reading order."""
    src_uri: str  # "introduction.md"
    url: str  # "introduction/"
    title: str
    kind: PartKind  # front: title page; section: a section of the report; back: the
    #               publisher's page; apparatus: the editors' pages (generated or not)
    number: int | None  # 1, 2, ... for the report's sections in reading order, else None
    paragraphs: tuple[Anchor, ...] = ()
    notes: tuple[Anchor, ...] = ()
    figures: tuple[Anchor, ...] = ()

    @property
    def printed(self) -> bool:
        """Whether the page is text of the report (front, sections, back matter)."""
        return self.kind != "apparatus"


@dataclass(frozen=True)
class Paragraph:
    anchor: Anchor  # p12
    part: str  # src_uri of its page
    markdown: str  # the paragraph's source, without its {#p12} line
    notes: tuple[Anchor, ...] = ()  # the notes it calls, in order


@dataclass(frozen=True)
class Note:
    anchor: Anchor  # fn:9, the printed number
    part: str
    markdown: str  # the definition's text, without "[^9]:"
    called_in: Anchor | None  # the paragraph that calls it
    cites: tuple[str, ...] = ()  # keys of the works it cites, in order


@dataclass(frozen=True)
class Figure:
    anchor: Anchor
    part: str
    caption: str


# The apparatus


@dataclass(frozen=True)
class Work:
    """A work in bib/: one the report's notes cite, or one the editors consulted."""
    key: str
    csl: Mapping[str, Any]  # the CSL-JSON item every format and export is made from
    file: str  # "bib/report.bib"
    cited_in_notes: tuple[Anchor, ...] = ()  # fn:N, in reading order
    cited_in_annotations: tuple[str, ...] = ()  # annotation ids
    source: Any = None  # the entry as pybtex read it, for the BibTeX export
    cited_in_claims: tuple[str, ...] = ()  # ids of the claim ledger's records that rest on it
    cited_in_entries: tuple[str, ...] = ()  # glossary and index entries that name it: "glossary:sco"
    language: str = ""  # the work's language as bib/ names it (biblatex's `language`: "chinese"), or ""

    # "Kremlin 2015": its first author or editor (or the site or journal, or its title) and year, as
    # a link to it is labelled everywhere.
    @property
    def label(self) -> str:
        names = self.csl.get("author") or self.csl.get("editor") or []
        first = names[0] if names else {}
        named = self.csl.get("container-title") or self.csl["title"]
        who = first.get("literal") or first.get("family") or unmarked(str(named))
        parts = (self.csl.get("issued") or {}).get("date-parts", [[]])[0]
        return f"{who} {parts[0] if parts else 'n.d.'}"

    @property
    def consulted_by_editors(self) -> bool:
        return not self.cited_in_notes


@dataclass(frozen=True)
class Entry:
    """A glossary term or an entity of the index of names."""
    kind: Literal["term", "entity"]
    id: str
    name: str
    aliases: tuple[str, ...]
    text: str  # definition or description
    group: str | None  # entity group: person, organization, company, place, agreement
    data: Mapping[str, Any] = field(default_factory=empty)  # every field as written

    @property
    def cites(self) -> tuple[str, ...]:
        """Keys of the works in bib/ its sources and note name."""
        return tuple(str(key) for key in self.data.get("cites", ()))

    @property
    def ref(self) -> str:
        """How annotations point to it: "glossary:sco", "entity:bishkek"."""
        return f"{'glossary' if self.kind == 'term' else 'entity'}:{self.id}"


# Each kind of editors' note as a W3C Web Annotation motivation (the Web Annotation Vocabulary;
# TEI's @motivation takes the same values): a correction asks for an edit, a caveat assesses.
MOTIVATIONS = {"context": "commenting", "question": "questioning", "correction": "editing",
               "caveat": "assessing", "cross-reference": "linking"}


@dataclass(frozen=True)
class Annotation:
    """An editors' note on a paragraph (data/annotations.yml)."""
    id: str
    paragraph: Anchor
    kind: str  # context, correction, caveat, cross-reference, question
    author: str
    added_in: str  # the release that added it
    text: str  # Markdown
    label: str  # "3a": its paragraph's number and its letter in reading order (model/annotations.py)
    phrase: str | None = None
    cites: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    source: str | None = None

    @property
    def motivation(self) -> str:
        return MOTIVATIONS[self.kind]

    # "note-p3-sco": its element id in the pages, the TEI and the Web Annotations.
    @property
    def element_id(self) -> str:
        return f"note-{self.id}"


# The claim ledger's verdicts, in the order the ledger's page counts them, as readers read them.
VERDICTS = {"confirmed": "Confirmed", "corrected": "Corrected", "partly-right": "Partly right",
            "cannot-check": "Cannot be checked"}


@dataclass(frozen=True)
class Claim:
    """A checkable statement of the report and what the editors found (data/claims/<page>.yml)."""
    id: str
    where: Anchor  # p9 or fn:5
    words: str  # the report's words it covers, once in `where`
    kind: str  # figure, date, count, direction, distance, office, name, event, attribution, citation
    claim: str  # what the report states, in the editors' words (schema.org claimReviewed)
    verdict: str  # a key of VERDICTS
    explanation: str  # Markdown: its own, or the text of its note
    section: str  # src_uri of the section its file is for
    note: str | None = None  # the annotation that explains it
    sources: tuple[str, ...] = ()  # keys of works in bib/
    tried: str | None = None  # for cannot-check: what was searched, what was found
    start: int = 0  # where its words start in the reader's words of `where`
    file: str = ""  # data/claims/<page>.yml, and its row there (from 0), for messages
    row: int = 0

    @property
    def verdict_label(self) -> str:
        return VERDICTS[self.verdict]


@dataclass(frozen=True)
class Event:
    """A dated event the report names (data/timeline.yml)."""
    year: int
    label: str
    anchor: Anchor  # where the report names it: pN or fn:N
    date: str | None = None
    end_year: int | None = None
    when: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MapView:
    """One map of the page "Map and timeline" (data/maps.yml): its name and frame, in degrees."""
    name: str
    west: float
    east: float
    south: float
    north: float
    grid: int = 10  # degrees between graticule lines
    text: str | None = None  # what the map shows, under its heading

    @property
    def slug(self) -> str:
        """Its heading's id: "map-" and its name, in lower case, words joined by "-"."""
        return "map-" + "-".join(self.name.lower().split())


@dataclass(frozen=True)
class Maps:
    """The wide map and the larger-scale map of the area boxed on it, and the countries shaded."""
    wide: MapView
    detail: MapView
    shaded_label: str = ""  # "The five ... states"
    shaded: tuple[str, ...] = ()  # as Natural Earth names them


@dataclass(frozen=True)
class ReadingStep:
    """A step of the suggested reading path for teaching (data/teaching.yml)."""
    page: str  # src_uri of a section of the report
    focus: str  # what to read for, for a student
    time: str | None = None  # a rough reading time, as written: "25 minutes"


@dataclass(frozen=True)
class Emendation:
    """A change of wording, written in the text as CriticMarkup (data/emendations.yml)."""
    where: Anchor
    mark: str
    reason: str


@dataclass(frozen=True)
class Repair:
    """A structural repair of the extraction (data/repairs.yml, written by the importer)."""
    kind: str
    where: str  # a page (index.md) or an anchor id
    source_lines: tuple[int, ...]
    what: str
    count: int | None = None  # how many times, for a repair made throughout


@dataclass(frozen=True)
class Release:
    version: str  # x.y.z, or "unreleased": the changes made since the last release
    date: str  # ISO; "" while unreleased
    summary: str
    data: Mapping[str, Any] = field(default_factory=empty)  # text, apparatus and software changes as written

    @property
    def released(self) -> bool:
        return self.version != "unreleased"


# The whole


@dataclass(frozen=True)
class Edition:
    report: Report | None  # None without data/work.yml (the tests' tiny sites)
    edition: EditionInfo | None
    parts: tuple[Part, ...]  # every page, in the nav's order
    paragraphs: Mapping[Anchor, Paragraph]
    notes: Mapping[Anchor, Note]
    figures: Mapping[Anchor, Figure]
    works: Mapping[str, Work]
    terms: Mapping[str, Entry]
    entities: Mapping[str, Entry]
    annotations: tuple[Annotation, ...]
    events: tuple[Event, ...]
    emendations: tuple[Emendation, ...]
    repairs: tuple[Repair, ...]
    releases: tuple[Release, ...]
    settings: Mapping[str, Any] = field(default_factory=empty)  # extra.edition in mkdocs.yml, after the environment
    aliases: Mapping[str, Entry] = field(default_factory=empty)  # every alias -> the one entry it names
    reading_path: tuple[ReadingStep, ...] = ()
    # The outlines the maps are drawn on (data/land-110m.json, data/countries.json), as read, by file name.
    geography: Mapping[str, Any] = field(default_factory=empty)
    maps: Maps | None = None  # data/maps.yml
    claims: tuple[Claim, ...] = ()  # the claim ledger, in reading order

    @property
    def sections(self) -> tuple[Part, ...]:
        """The report's sections in reading order."""
        return tuple(part for part in self.parts if part.kind == "section")

    def part(self, src_uri: str) -> Part | None:
        return next((part for part in self.parts if part.src_uri == src_uri), None)

    def part_of(self, anchor: Anchor) -> Part:
        """The page that holds a paragraph, note or figure (KeyError if none does)."""
        holders: dict[str, Mapping[Anchor, Paragraph | Note | Figure]] = {
            "p": self.paragraphs, "fn": self.notes, "figure": self.figures}
        part = self.part(holders[anchor.kind][anchor].part)
        assert part is not None
        return part

    @property
    def described(self) -> tuple[Report, EditionInfo]:
        """The report and this edition, for the features that describe them (TEI header, Web
        Annotations); a site without them (the tests' tiny sites) must not ask."""
        if self.report is None or self.edition is None:
            raise EditionError("data/work.yml (the report and this edition) is missing or site_url is not "
                               "set in mkdocs.yml: add them, the TEI and Web Annotation exports describe both")
        return self.report, self.edition

    def annotations_on(self, src_uri: str) -> tuple[Annotation, ...]:
        return tuple(a for a in self.annotations if self.paragraphs[a.paragraph].part == src_uri)

    def claims_on(self, src_uri: str) -> tuple[Claim, ...]:
        """The ledger's records of one section, in reading order (the page; a handout's key)."""
        return tuple(claim for claim in self.claims if claim.section == src_uri)


# What rendering learns, collected apart from the model and read after every page rendered


@dataclass(frozen=True, order=True)
class Mention:
    part: str  # src_uri of the page
    anchor: Anchor | None  # the paragraph or note around it; None outside the numbered text


@dataclass
class Rendered:
    """Each page as rendered, taken once (on_page_content; the generated pages completed
    once all are rendered), and what rendering learnt: every output reads it from here."""
    mentions: dict[str, set[Mention]] = field(default_factory=dict)  # entry id -> mentions
    html: dict[str, str] = field(default_factory=dict)  # src_uri -> the page's content
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> its site path ("introduction/", "./")
    titles: dict[str, str] = field(default_factory=dict)  # src_uri -> its title, as the site shows it
    refused: list[str] = field(default_factory=list)  # addresses the pages may not hold (markdown/gate.py)
