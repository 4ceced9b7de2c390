"""What the offline formats say about the edition: title, author, version, dates, file names.

All of it from the model (data/work.yml as the model read it, the settings, the build's date):
this package reads no data file. The one date a file carries (the PDF's CreationDate, the
EPUB's dcterms:modified and its zip entries) is the build's (model/buildtime.py), never before
1980, the earliest time a zip entry holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from edition.errors import EditionError
from edition.model.edition import Edition

ZIP_EPOCH = datetime(1980, 1, 2, tzinfo=UTC)   # the earliest time a zip entry holds


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    description: str
    language: str
    site_url: str
    version: str
    publisher: str          # the report's, and its date of publication ("2020-09")
    published: str
    modified: datetime      # the build's date, so two builds give the same bytes
    series: str             # the report's series, else its publisher: the cover's first line
    date: str               # the report's date as a reader says it: "September 2020"
    running_head: str       # the PDF's running head: "Family, Title"
    keywords: tuple[str, ...] = ()
    file_name: str = ""     # the edition's (data/work.yml edition.file_name): names the files
    figures: int = 0        # the report's figures (described by their captions)
    example: tuple[int, str] = (0, "")   # a paragraph to cite, for the cover: (3, "introduction/#p3")
    copyright: str = ""     # the report's: "© 2020 by …"


def edition_meta(edition: Edition) -> Meta:
    if edition.report is None or edition.edition is None:
        raise EditionError("offline formats: data/work.yml (the report and this edition) is missing or "
                           "site_url is not set in mkdocs.yml: the PDF and EPUB describe both")
    report, info = edition.report, edition.edition
    # The example: the first paragraph of the first section of more than one paragraph (the
    # report's text proper, not a one-paragraph note such as an author's biography).
    numbered = [part for part in edition.sections if part.paragraphs]
    first = next((part for part in numbered if len(part.paragraphs) > 1), numbered[0] if numbered else None)
    example = (first.paragraphs[0].number, f"{first.url}#{first.paragraphs[0].id}") if first else (0, "")
    return Meta(
        title=report.title,
        author=report.author.name,
        description=info.site_description,
        language=report.language,
        site_url=info.url,
        version=info.version,
        publisher=report.publisher,
        published=report.date,
        modified=max(info.built, ZIP_EPOCH),
        series=report.series or report.publisher,
        date=report.published,
        running_head=f"{report.author.family}, {report.title}",
        keywords=report.keywords,
        file_name=info.file_name,
        figures=len(edition.figures),
        example=example,
        copyright=report.copyright,
    )
