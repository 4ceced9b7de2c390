"""The offline files a build writes: each a `Copy` of the edition, named after it.

A copy says what it is made of and how: its format, page size, whether it is a teacher's copy
(the editors' annotations, the discussion questions, the teaching page), which parts it
prints (`parts`: src_uris, kept in the reading order offline.parts gives, the title page,
the report's sections, the apparatus; None for all) and how they are laid out (`layout`):

- "book": the whole edition, or the parts named: a cover made from the first part (the
  title page), its credits, a contents page, then each part from a new page;
- "handout": one section for a class (handouts.py): a heading naming the report and the
  edition, the section's text with its ¶ numbers and footnotes, its discussion questions
  and the glossary's definitions of the terms it uses; a teacher's handout adds the
  editors' annotations, the section's teaching notes and its records of the claim ledger
  as an exercise key;
- "questions": every section's discussion questions on one sheet, each with its ¶.

The whole edition's files are `COPIES`; `copies(edition)` adds a student's and a teacher's
handout of every section and the questions sheet, each in A4 and US Letter, named after the
section's page (`-introduction-students-handout-a4.pdf`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from edition.errors import EditionError
from edition.formats import offline
from edition.formats.offline import Chapter
from edition.model.citable import READERS_PDF
from edition.model.edition import Edition, Part

Printed = TypeVar("Printed", Chapter, Part)

SIZES = {"a4": "A4", "letter": "US Letter"}   # a PDF's page sizes, as a reader names them


@dataclass(frozen=True)
class Copy:
    kind: str               # its key ("a4-teacher"): the download line's, and the PDF's identifier
    suffix: str             # after the edition's file name: "-a4-teachers-copy.pdf"
    format: str             # "pdf" or "epub"
    size: str | None = None  # a PDF's page size: "a4" or "letter"
    teacher: bool = False   # with the annotations (a book: and the teaching page)
    parts: tuple[str, ...] | None = None  # the parts it prints (src_uris); None: every part
    layout: str = "book"    # "book", "handout" or "questions" (above)

    def select(self, chapters: list[Printed]) -> list[Printed]:
        """The parts it prints (parsed, or the model's), in reading order."""
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


def handout(slug: str, src_uri: str, size: str, *, teacher: bool) -> Copy:
    """A section's handout: "handout-introduction-a4" (a student's) or "…-a4-teacher"."""
    who = "teachers" if teacher else "students"
    return Copy(f"handout-{slug}-{size}" + ("-teacher" if teacher else ""), f"-{slug}-{who}-handout-{size}.pdf",
                "pdf", size, teacher=teacher, parts=(src_uri,), layout="handout")


def handouts(sections: Iterable[tuple[str, str]], *, questions: bool) -> tuple[Copy, ...]:
    """For (slug, src_uri) of each section in reading order: its handouts (a student's, a
    teacher's; A4, US Letter), then, if the edition has `questions`, the sheet of them all."""
    sections = tuple(sections)
    made = [handout(slug, src, size, teacher=teacher)
            for slug, src in sections for teacher in (False, True) for size in SIZES]
    everything = tuple(src for _, src in sections)
    made += [Copy(f"questions-{size}", f"-discussion-questions-{size}.pdf", "pdf", size, parts=everything,
                  layout="questions") for size in SIZES] if sections and questions else []
    return tuple(made)


def sections(edition: Edition) -> list[tuple[str, str]]:
    """(slug, src_uri) of each section of the report, in reading order; two sections of one
    name (report/intro.md, annex/intro.md) would give two files one name: the build stops."""
    named = [(offline.slug(part.url), part.src_uri) for part in edition.sections]
    for index, (name, src) in enumerate(named):
        earlier = next((other for other_name, other in named[:index] if other_name == name), None)
        if earlier is not None:
            raise EditionError(f"offline formats: the sections {earlier} and {src} both end in '{name}': "
                               "their handouts would have one file name; rename one of the pages")
    return named


def copies(edition: Edition) -> tuple[Copy, ...]:
    """Every file of the edition: the whole edition's, then the handouts and the questions sheet."""
    questions = any(note.kind == "question" for note in edition.annotations)
    return COPIES + handouts(sections(edition), questions=questions)


def wanted(edition: Edition, kinds: tuple[str, ...]) -> tuple[Copy, ...]:
    """The copies of the formats a build makes (("pdf", "epub"), one of them, or none)."""
    return tuple(copy for copy in copies(edition) if copy.format in kinds)


def paths(edition: Edition) -> dict[str, str]:
    """Every copy's site path, by kind."""
    return {copy.kind: copy.path(edition) for copy in copies(edition)}
