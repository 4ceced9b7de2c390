"""My notes (/my-notes/): where a reader sees, exports and imports their own highlights and
notes, and the layers others shared with them (issue 26). The notes live in the reader's
browser only; docs/javascripts/readernotes*.js show them. The page gives those scripts what
the browser cannot know: the report's sections in reading order, each with its paragraphs
in order (a link per section, its `data-paragraphs`), so notes list in reading order.
"""
from __future__ import annotations

from edition.markup import escape, link_from
from edition.model.edition import Edition, Part

PAGE = "my-notes.md"
# The scripts' element: the page's notes, export and import are drawn into it.
APP = '<div class="my-notes" id="my-notes-app" data-my-notes></div>'


def pages(edition: Edition) -> dict[str, str]:
    if edition.report is None or not edition.sections:
        return {}
    return {PAGE: my_notes_page(edition)}


def my_notes_page(edition: Edition) -> str:
    parts = [
        # Out of the search index: the page holds no words of its own worth finding.
        "---\ntitle: My notes\nsearch:\n  exclude: true\n---",
        "# My notes",
        ("Your own highlights and notes on the report, and the layers of notes others have shared "
         "with you. Select words in any section of the report to highlight them, write a note on "
         "them, or copy a link to them or a quotation with its citation."),
        ("They are kept by this browser only, in its local storage: nothing is sent anywhere and "
         "there is no account. Clearing this site's data in the browser deletes them, so export them "
         "to keep a copy, to move them to another browser or to share them: a file of notes imported "
         "as a layer shows beside the text apart from your own notes."),
        APP,
        ("<noscript><p>This page needs JavaScript: your notes are kept by your browser, and only "
         "its scripts can show them.</p></noscript>"),
        "## The report's sections {#my-notes-sections}",
        "\n".join(section_item(part) for part in edition.sections),
    ]
    return "\n\n".join(parts) + "\n"


# A section's link, with its paragraphs in reading order for the scripts.
def section_item(part: Part) -> str:
    paragraphs = " ".join(anchor.id for anchor in part.paragraphs)
    return f'1. [{escape(part.title)}]({link_from(PAGE, part.src_uri)}){{data-paragraphs="{paragraphs}"}}'
