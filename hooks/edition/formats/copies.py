"""The offline files a build writes: each a `Copy` of the edition, named after it.

A copy says what it is made of and how: its format, page size, whether it is a teacher's copy
(the editors' annotations, the discussion questions, the teaching page), and which parts it
prints (`parts`: src_uris, kept in the reading order offline.parts gives, the title page,
the report's sections, the apparatus; None for all). A new file is a new `Copy`: a handout
of one section is a PDF whose parts are the title page, that section and the glossary
(`Copy("handout-introduction", "-introduction-handout.pdf", "pdf", "a4", parts=("index.md",
"introduction.md", "glossary.md"))`), listed by the function that gives the build's copies.
"""
from __future__ import annotations

from dataclasses import dataclass

from edition.formats.offline import Chapter
from edition.model.citable import READERS_PDF
from edition.model.edition import Edition


@dataclass(frozen=True)
class Copy:
    kind: str               # its key ("a4-teacher"): the download line's, and the PDF's identifier
    suffix: str             # after the edition's file name: "-a4-teachers-copy.pdf"
    format: str             # "pdf" or "epub"
    size: str | None = None  # a PDF's page size: "a4" or "letter"
    teacher: bool = False   # with the annotations, the questions and the teaching page
    parts: tuple[str, ...] | None = None  # the parts it prints (src_uris); None: every part

    def select(self, chapters: list[Chapter]) -> list[Chapter]:
        """The parts it prints, in reading order."""
        return chapters if self.parts is None else [c for c in chapters if c.src_uri in self.parts]

    def path(self, edition: Edition) -> str:
        """Its site path: "downloads/<file_name><suffix>"."""
        assert edition.edition is not None
        return edition.edition.download(self.suffix)


COPIES = (
    Copy("a4", READERS_PDF, "pdf", "a4"),
    Copy("letter", "-letter.pdf", "pdf", "letter"),
    Copy("a4-teacher", "-a4-teachers-copy.pdf", "pdf", "a4", teacher=True),
    Copy("letter-teacher", "-letter-teachers-copy.pdf", "pdf", "letter", teacher=True),
    Copy("epub", ".epub", "epub", teacher=True),
)


def wanted(kinds: tuple[str, ...]) -> tuple[Copy, ...]:
    """The copies of the formats a build makes (("pdf", "epub"), one of them, or none)."""
    return tuple(copy for copy in COPIES if copy.format in kinds)


def paths(edition: Edition) -> dict[str, str]:
    """Every copy's site path, by kind."""
    return {copy.kind: copy.path(edition) for copy in COPIES}
