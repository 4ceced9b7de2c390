"""The whole edition as one TEI P5 file: the text, its notes and names, and the apparatus.

Made from the model (the header, the lists of works, names and terms, the editors'
annotations) and from each page's rendered content (the text, see teitext.py), once every
page is rendered. Valid against TEI P5 `tei_all` 4.9.0 (tests/test_tei.py runs jing).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from edition.errors import EditionError
from edition.exports.teitext import XML_ID, NameFinder, PageText, sub, tei
from edition.markup import plain_text
from edition.model.edition import Annotation, Edition, Entry, Rendered, Work, unmarked
from edition.model.names import Matcher

SUFFIX = ".tei.xml"  # after the edition's file name (data/work.yml edition.file_name)
# The TEI elements for each group of the index of names; glossary terms are <term>.
NAME_TAGS = {"person": "persName", "organization": "orgName", "company": "orgName",
             "place": "placeName", "agreement": "name"}


def after_build(edition: Edition, rendered: Rendered, site_dir: Path) -> None:
    if edition.report is None or edition.edition is None:
        return  # a site without data/work.yml (the tests' tiny sites) has no edition to describe
    path = site_dir / file_path(edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(document(edition, rendered))


def file_path(edition: Edition) -> str:
    """The TEI file's site path: "downloads/<file_name>.tei.xml"."""
    return edition.described[1].download(SUFFIX)


def document(edition: Edition, rendered: Rendered) -> bytes:
    names, (report, _) = name_finder(edition), edition.described
    root = tei("TEI", {"{http://www.w3.org/XML/1998/namespace}lang": report.language})
    root.append(header(edition))
    text = sub(root, "text")
    front, body, back = sub(text, "front"), sub(text, "body"), sub(text, "back")
    front.append(title_page(edition))
    for part in edition.parts:
        content = rendered.html.get(part.src_uri)
        if content is None or not part.printed:
            continue
        page = PageText(content, names)
        if part.kind == "section":
            div = sub(body, "div", {"type": "section", "n": str(part.number), XML_ID: slug(part.src_uri)})
            sub(div, "head", text=part.title)
        else:
            div = sub(front if part.kind == "front" else back, "div",
                      {"type": "titlePageVerso" if part.kind == "front" else "publisher",
                       XML_ID: slug(part.src_uri)})
            if part.kind != "front":
                sub(div, "head", text=part.title)
        page.fill(div)
    back.append(glossary(edition))
    root.append(stand_off(edition, names))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def slug(src_uri: str) -> str:
    return "part-" + src_uri.removesuffix(".md").replace("/", "-")


# The header: this edition, and the report as its source


def header(edition: Edition) -> etree._Element:
    report, this = edition.described
    head = tei("teiHeader")
    file_desc = sub(head, "fileDesc")
    titles = sub(file_desc, "titleStmt")
    sub(titles, "title", text=this.title)
    sub(titles, "author", text=report.author.name)
    sub(titles, "editor", {XML_ID: "editors"}, this.editors)
    sub(sub(file_desc, "editionStmt"), "edition", {"n": this.version},
        f"{this.medium}, version {this.version}").append(tei("date", {"when": this.released}))
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", text=this.editors)
    sub(publication, "date", {"when": this.released}, this.released)
    sub(publication, "idno", {"type": "URI"}, this.url)
    availability = sub(publication, "availability")
    sub(sub(availability, "licence"), "p",
        text=f"Text of the report {report.copyright}; all rights reserved. The edition's "
             f"apparatus (paragraph numbers, notes, indexes, annotations, encoding) by {this.editors}.")
    source = sub(sub(file_desc, "sourceDesc"), "biblStruct")
    source.append(report_monograph(edition))
    if report.series:
        sub(sub(source, "series"), "title", {"level": "s"}, report.series)
    head.append(encoding_description())
    profile = sub(head, "profileDesc")
    sub(sub(profile, "langUsage"), "language", {"ident": report.language}, "English")
    revisions = sub(head, "revisionDesc")
    for release in edition.releases:
        when = {"when": release.date} if release.released else {"status": "unreleased"}
        sub(revisions, "change", {**when, "n": release.version, "who": "#editors"}, release.summary)
    return head


def report_monograph(edition: Edition) -> etree._Element:
    report, _ = edition.described
    monograph = tei("monogr")
    author = sub(sub(monograph, "author"), "persName")
    sub(author, "forename", text=report.author.given)
    sub(author, "surname", text=report.author.family)
    sub(monograph, "title", {"level": "m", "type": "main"}, report.title)
    imprint = sub(monograph, "imprint")
    sub(imprint, "pubPlace", text=report.place)
    sub(imprint, "publisher", text=report.publisher)
    sub(imprint, "date", {"when": report.date}, report.date)
    return monograph


def encoding_description() -> etree._Element:
    encoding = tei("encodingDesc")
    decl = sub(encoding, "editorialDecl")
    for tag, text in (
        ("correction", "Changes of wording are few and all recorded: each is encoded as add, del or "
                       "choice/sic/corr with resp pointing to the editors; the printed words are kept."),
        ("normalization", "Structural repairs of the text extraction (paragraphs rejoined across page "
                          "breaks, headings set in sentence case, escapes read) are listed on the "
                          "edition's page 'Changes to the text'; the wording is not normalised."),
        ("segmentation", "Every paragraph of the report carries the stable number of the web edition "
                         "(xml:id pN, n N); footnotes keep their printed numbers and stand at their calls."),
        ("interpretation", "Names and terms are tagged wherever the edition's index finds them; the "
                           "editors' annotations are in standOff and point to their paragraphs or phrases."),
    ):
        sub(sub(decl, tag), "p", text=text)
    return encoding


def title_page(edition: Edition) -> etree._Element:
    report, _ = edition.described
    page = tei("titlePage")
    sub(sub(page, "docTitle"), "titlePart", {"type": "main"}, report.title)
    sub(page, "docAuthor", text=report.author.name)
    imprint = sub(page, "docImprint")
    sub(imprint, "publisher", text=report.publisher)
    if report.series:
        sub(imprint, "pubPlace", text=report.place)
    sub(imprint, "docDate", {"when": report.date}, report.date)
    return page


# Names: every alias of the glossary and the index, found as the web index finds them


def name_finder(edition: Edition) -> NameFinder:
    matcher = Matcher(edition.aliases)

    def find(text: str) -> Iterator[tuple[int, int, str, str]]:
        for start, end, entry in matcher.find(text):
            yield start, end, name_tag(entry), f"#{entry_id(entry)}"
    return find


def name_tag(entry: Entry) -> str:
    if entry.group is None:
        if entry.kind == "term":
            return "term"
        raise EditionError(f"data/entities.yml: entity '{entry.id}' has no type: "
                           f"give it one of {', '.join(NAME_TAGS)}")
    return NAME_TAGS[entry.group]


def entry_id(entry: Entry) -> str:
    return f"{'term' if entry.kind == 'term' else 'name'}-{entry.id}"


# The apparatus: glossary in the back; works, names and annotations in standOff


def glossary(edition: Edition) -> etree._Element:
    div = tei("div", {"type": "glossary", XML_ID: "glossary"})
    sub(div, "head", text="Glossary")
    listing = sub(div, "list", {"type": "gloss"})
    for term in sorted(edition.terms.values(), key=lambda entry: entry.name.lower()):
        sub(sub(listing, "label"), "term", {XML_ID: entry_id(term)}, term.name)
        sub(listing, "item", text=" ".join(term.text.split()))
    return div


def stand_off(edition: Edition, names: NameFinder) -> etree._Element:
    stand = tei("standOff")
    cited = [work for work in edition.works.values() if work.cited_in_notes]
    consulted = [work for work in edition.works.values() if not work.cited_in_notes]
    for label, works in (("Works cited in the report's notes", cited), ("Works consulted by the editors", consulted)):
        if works:
            bibliography = sub(stand, "listBibl")
            sub(bibliography, "head", text=label)
            for work in works:
                bibliography.append(bibl(work))
    entities = list(edition.entities.values()) + [t for t in edition.terms.values() if t.group]
    groups = (("listPerson", "person", ("person",)), ("listOrg", "org", ("organization", "company")),
              ("listPlace", "place", ("place",)))
    for list_tag, item_tag, kinds in groups:
        members = [entry for entry in entities if entry.group in kinds and entry.kind == "entity"]
        if members:
            listing = sub(stand, list_tag)
            for entry in members:
                listing.append(name_entry(item_tag, entry))
    agreements = [entry for entry in entities if entry.group == "agreement" and entry.kind == "entity"]
    if agreements:
        listing = sub(stand, "listBibl", {"type": "agreements"})
        sub(listing, "head", text="Agreements and initiatives")
        for entry in agreements:
            item = sub(listing, "bibl", {XML_ID: entry_id(entry), "type": "agreement"})
            sub(item, "title", text=entry.name)
            sub(item, "note", text=" ".join(entry.text.split()))
    annotations = sub(stand, "listAnnotation")
    for annotation in edition.annotations:
        annotations.append(annotation_element(edition, annotation))
    return stand


def bibl(work: Work) -> etree._Element:
    item, csl = tei("bibl", {XML_ID: f"work-{work.key}"}), work.csl
    for person in csl.get("author", []):
        name = person.get("literal") or f"{person.get('family', '')}, {person.get('given', '')}".strip(", ")
        sub(item, "author", text=name)
    sub(item, "title", text=unmarked(csl.get("title", "")))
    if csl.get("container-title"):
        sub(item, "title", {"level": "j" if "article" in csl.get("type", "") else "m"}, csl["container-title"])
    if csl.get("publisher"):
        sub(item, "publisher", text=csl["publisher"])
    parts = (csl.get("issued", {}).get("date-parts") or [[]])[0]
    if parts:
        when = "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(parts))
        sub(item, "date", {"when": when}, when)
    if csl.get("URL"):
        sub(item, "ptr", {"target": csl["URL"]})
    return item


def name_entry(tag: str, entry: Entry) -> etree._Element:
    item = tei(tag, {XML_ID: entry_id(entry)})
    sub(item, {"person": "persName", "org": "orgName", "place": "placeName"}[tag], text=entry.name)
    description = " ".join(entry.text.split())
    sub(item, "note" if tag == "person" else "desc", text=description)
    coordinates = entry.data.get("coordinates")
    if tag == "place" and coordinates:
        sub(sub(item, "location"), "geo", text=f"{coordinates[0]} {coordinates[1]}")
    if entry.data.get("wikidata"):
        sub(item, "idno", {"type": "Wikidata"}, str(entry.data["wikidata"]))
    return item


def annotation_element(edition: Edition, annotation: Annotation) -> etree._Element:
    target = f"#phrase-{annotation.id}" if annotation.phrase else f"#{annotation.paragraph.id}"
    element = tei("annotation", {XML_ID: annotation.element_id, "n": annotation.label, "target": target,
                                 "motivation": annotation.motivation})
    responsibility = sub(element, "respStmt")
    sub(responsibility, "resp", text="annotation")
    sub(responsibility, "name", {"ref": "#editors"}, annotation.author)
    note = sub(element, "note", {"type": annotation.kind})
    sub(note, "p", text=plain_text(annotation.text))
    for key in annotation.cites:
        sub(element, "ptr", {"target": f"#work-{key}", "type": "source"})
    return element

