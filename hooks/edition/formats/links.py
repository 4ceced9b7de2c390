"""Links to the handouts, for the pages of a build that makes them (the one hook puts them
under a page's title): a section's own handouts and the questions sheet on the title page,
after the download line; the table of every section's handouts on the Teaching page, after
"Cite this edition". Each is a div
the search index leaves out (data-search-exclude) and the offline files do not print (the
class edition-downloads, offline.DROP)."""
from __future__ import annotations

from html import escape

from edition.formats import copies
from edition.model.edition import Edition
from edition.urls import relative

LINE = '<div class="edition-downloads edition-handouts" data-search-exclude>{}</div>'
TEACHING = "teaching.md"


def download_line(edition: Edition, src: str, page_url: str, homepage: bool) -> str:
    """The line after the download line: the title page's, or a section's own handouts."""
    return title_page_line(edition, page_url) if homepage else section_line(edition, src, page_url)


def table(edition: Edition, src: str, page_url: str) -> str:
    """The Teaching page's table of every section's handouts (other pages: none)."""
    return teaching_table(edition, page_url) if src == TEACHING else ""


def section_line(edition: Edition, src: str, page_url: str) -> str:
    """"Handout (PDF): student's (A4; US Letter) · teacher's, with notes and key (A4; US Letter)"."""
    found = [copy for copy in handout_copies(edition) if copy.parts == (src,)]
    if not found:
        return ""
    students, teachers = (sizes(edition, [c for c in found if c.teacher == flag], page_url, "; ")
                          for flag in (False, True))
    return LINE.format(f"Handout (PDF): student's ({students}) · teacher's, with notes and key ({teachers})")


def title_page_line(edition: Edition, page_url: str) -> str:
    """The questions sheet, and where the handouts are."""
    made = handout_copies(edition)
    sheet = [copy for copy in made if copy.layout == "questions"]
    teaching = edition.part(TEACHING)
    said = []
    if teaching is not None and any(copy.layout == "handout" for copy in made):
        said.append(f'<a href="{relative(teaching.url, page_url)}#handouts">a handout of each section</a>, '
                    "for students and for teachers")
    if sheet:
        said.append(f"every discussion question on one sheet, {sizes(edition, sheet, page_url)}")
    return LINE.format("For teaching (PDF): " + "; ".join(said) + ".") if said else ""


def teaching_table(edition: Edition, page_url: str) -> str:
    """Every section's handouts, a row each, and the questions sheet (the Teaching page)."""
    made = handout_copies(edition)
    rows = []
    for part in edition.sections:
        mine = [copy for copy in made if copy.parts == (part.src_uri,)]
        if mine:
            cells = "".join(f"<td>{sizes(edition, [c for c in mine if c.teacher == flag], page_url)}</td>"
                            for flag in (False, True))
            rows.append(f'<tr><th scope="row"><a href="{relative(part.url, page_url)}">{escape(part.title)}</a>'
                        f"</th>{cells}</tr>")
    if not rows:
        return ""
    sheet = [copy for copy in made if copy.layout == "questions"]
    after = (f" Every section's discussion questions on one sheet: {sizes(edition, sheet, page_url)}."
             if sheet else "")
    return LINE.replace("<div ", '<div id="handouts" ', 1).format(
        "<table><caption>Handouts of each section, to print for a class (PDF)</caption>"
        '<thead><tr><th scope="col">Section</th><th scope="col">Student\'s handout</th>'
        f'<th scope="col">Teacher\'s handout</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "<div>The student's handout holds the section's text with its ¶ numbers and notes, its discussion "
        "questions and the definitions of the glossary terms it uses; the teacher's adds the editors' "
        f"annotations, the teaching notes and the claim ledger's records of the section as an exercise key.{after}"
        "</div>")


# Helper functions


def handout_copies(edition: Edition) -> list[copies.Copy]:
    return [copy for copy in copies.copies(edition) if copy.layout != "book"]


# "A4 · US Letter", each linked to its file.
def sizes(edition: Edition, made: list[copies.Copy], page_url: str, between: str = " · ") -> str:
    return between.join(f'<a href="{relative(copy.path(edition), page_url)}">{copies.SIZES[copy.size or ""]}</a>'
                      for copy in made)
