"""The EPUB package's metadata: what the book is (Dublin Core) and how accessible it is.

EPUB Accessibility 1.1 asks a package to say how it can be read (access modes, features,
hazards, a summary) and what it conforms to, and who says so.
"""
from __future__ import annotations

import uuid
from html import escape

from edition.formats.meta import Meta

FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "index",
            "displayTransformability")
SUMMARY = ("The text of the report with its headings, its paragraphs numbered as in the web "
           "edition and its notes as footnotes linked both ways; after each paragraph the "
           "editors' annotations on it, labelled by paragraph (3a, 3b, ...), and after each "
           "section its discussion questions; a table of contents, a "
           "bibliography, a glossary and an index of names whose entries link to the "
           "paragraphs. Links are underlined.{figures} The editors declare that it meets EPUB "
           "Accessibility 1.1 at WCAG 2.2 Level AA, checked with DAISY Ace and EPUBCheck at "
           "every build; it has not been certified by an independent body.")
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
# EPUB Accessibility 1.1, 2.1: the conformance statement, and who makes it (the editors,
# on the checks tests/test_formats.py runs: Ace 0 critical / 0 serious, EPUBCheck clean).
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CERTIFIED_BY = "The edition's editors (self-declared)"


def identifier(meta: Meta) -> str:
    # Stable across builds and hosts: the edition, not the file, is what it names.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:edition:{meta.file_name}')}"


# The report's figures (the model's): the images were not received; the edition gives their captions.
def summary(meta: Meta) -> str:
    if not meta.figures:
        return SUMMARY.format(figures="")
    count = NUMBERS[meta.figures] if meta.figures < len(NUMBERS) else str(meta.figures)
    images = "image was" if meta.figures == 1 else "images were"
    return SUMMARY.format(figures=f" The report's {count} {images} not received and "
                                  f"{'is' if meta.figures == 1 else 'are'} described by "
                                  f"{'its caption' if meta.figures == 1 else 'their captions'}.")


def package_metadata(meta: Meta) -> str:
    modified = meta.modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f'<dc:identifier id="pub-id">{identifier(meta)}</dc:identifier>',
        f'<dc:title id="title">{escape(meta.title)}</dc:title>',
        '<meta refines="#title" property="title-type">main</meta>',
        f'<dc:title id="edition">Annotated edition, version {escape(meta.version)}</dc:title>',
        '<meta refines="#edition" property="title-type">edition</meta>',
        f'<dc:creator id="author">{escape(meta.author)}</dc:creator>',
        '<meta refines="#author" property="role" scheme="marc:relators">aut</meta>',
        f"<dc:publisher>{escape(meta.publisher)}</dc:publisher>",
        f"<dc:date>{escape(meta.published)}</dc:date>",
        f"<dc:language>{meta.language}</dc:language>",
        f"<dc:description>{escape(meta.description)}</dc:description>",
        f"<dc:source>{escape(meta.site_url)}</dc:source>",
        f'<meta property="dcterms:modified">{modified}</meta>',
        f'<meta property="schema:version">{escape(meta.version)}</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{feature}</meta>' for feature in FEATURES),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{escape(summary(meta))}</meta>',
        f'<meta property="dcterms:conformsTo" id="conformance">{CONFORMS_TO}</meta>',
        f'<meta property="a11y:certifiedBy" refines="#conformance">{escape(CERTIFIED_BY)}</meta>',
    ]
    return "\n".join(lines)
