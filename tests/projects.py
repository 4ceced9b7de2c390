"""The editions the tests build, each described by its own files (as Sphinx's test roots are):
the real one (the repository's root: this report, for the content tests) and the invented
minimal one (tests/editions/minimal/: for the tests of the code). Nothing here is a fact of
either edition: every value is read from the edition's mkdocs.yml, data/ and docs/.

conftest.py builds each once per run (`site`, `minimal_site`, with the formats
`formats_site`, `minimal_formats_site`); the fixtures `project` and `edition_site` (and
`edition_formats_site`) run a test once on each edition.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORT_GROUP = "The report"      # hooks/edition/model/settings.py, when mkdocs.yml names none


@dataclass(frozen=True)
class Project:
    name: str        # "real" or "minimal": the tests' ids
    root: Path       # the folder of its mkdocs.yml, data/, bib/ and docs/

    def __repr__(self) -> str:
        return f"Project({self.name})"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @cached_property
    def config(self) -> dict[str, Any]:
        """mkdocs.yml as YAML (its !ENV tags read as plain lists)."""
        return yaml.safe_load(self.config_file.read_text(encoding="utf-8").replace("!ENV", ""))

    @cached_property
    def report_group(self) -> str:
        settings = (self.config.get("extra") or {}).get("edition") or {}
        return str(settings.get("report_group", DEFAULT_REPORT_GROUP))

    @cached_property
    def report_pages(self) -> list[str]:
        """The report's sections in reading order, as page names ("introduction"): the nav's
        report group, the one place they are written."""
        for group in self.config["nav"]:
            if isinstance(group, dict) and self.report_group in group:
                return [(next(iter(page.values())) if isinstance(page, dict) else page).removesuffix(".md")
                        for page in group[self.report_group]]
        raise AssertionError(f"{self.config_file}: no nav group {self.report_group!r}")

    def data(self, name: str) -> Any:
        return yaml.safe_load((self.root / "data" / name).read_text(encoding="utf-8"))

    @cached_property
    def work(self) -> dict[str, Any]:
        return self.data("work.yml")

    @cached_property
    def has_questions(self) -> bool:
        """Whether its data/annotations.yml asks a discussion question (then it has a questions sheet)."""
        return any(note.get("kind") == "question" for note in self.data("annotations.yml") or [])

    @cached_property
    def copies(self) -> dict[str, Any]:
        """Each offline file (formats/copies.py's `Copy`), by kind: the whole edition's, then each
        section's handouts (the nav's report group) and the questions sheet."""
        from edition.formats.copies import COPIES, handouts
        from helpers import handout_sections
        return {copy.kind: copy for copy in COPIES + handouts(handout_sections(self.report_pages),
                                                              questions=self.has_questions)}

    @cached_property
    def download_paths(self) -> dict[str, str]:
        """The site path of each PDF and the EPUB, by kind ("a4", "epub", "handout-<section>-a4",
        ...): named after the edition's data/work.yml (edition.file_name) and its sections."""
        return {kind: f"downloads/{self.work['edition']['file_name']}{copy.suffix}"
                for kind, copy in self.copies.items()}

    @cached_property
    def model(self):
        """The edition's model, built in memory from its sources (no hook, no page rendered)."""
        from helpers import build_edition
        return build_edition(self.root)

    @cached_property
    def note_numbers(self) -> list[int]:
        """The printed footnote numbers, in order, as the pages' Markdown defines them."""
        return sorted(anchor.number for anchor in self.model.notes)

    @cached_property
    def paragraph_ids(self) -> list[str]:
        """pN of every numbered paragraph, in reading order."""
        return [str(anchor) for part in self.model.sections for anchor in part.paragraphs]

    @cached_property
    def section_titles(self) -> list[str]:
        return [part.title for part in self.model.sections]

    def markdown_urls(self) -> list[str]:
        """The URLs written as <autolinks> in the report's pages."""
        text = "\n".join((self.root / "docs" / f"{page}.md").read_text(encoding="utf-8")
                         for page in self.report_pages)
        return re.findall(r"<(https?://[^>\s]+)>", text)


PROJECTS = {"real": Project("real", ROOT), "minimal": Project("minimal", ROOT / "tests" / "editions" / "minimal")}
REAL, MINIMAL = PROJECTS["real"], PROJECTS["minimal"]


def real_report_names() -> dict[str, str]:
    """What names the real report, from its data/work.yml: its title, its author (both
    orders, and the family name alone), its publisher and the publisher's initials ("FPRI")."""
    report = REAL.work["report"]
    given, family = report["author"]["given"], report["author"]["family"]
    initials = "".join(word[0] for word in report["publisher"].split() if word[0].isupper())
    return {"title": report["title"], "author": f"{given} {family}", "author, inverted": f"{family}, {given}",
            "author's family name": family, "publisher": report["publisher"], "publisher's initials": initials}


def new_edition_recipe() -> list[str]:
    """The commands of README.md's "A new edition from the small one", without the first
    (the clone) and the last (the build): what turns a copy of the project into the minimal
    edition."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A new edition from the small one", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("   #")[0].strip() for line in block.strip().splitlines()]
    assert lines[0].startswith("git clone") and lines[-1] == "make build", lines
    return lines[1:-1]


def make_new_edition(repo: Path) -> None:
    """In `repo`, a copy of the project, the minimal edition in place of this report, by the
    README's commands (so the tests that use it try the README too)."""
    for command in new_edition_recipe():
        result = subprocess.run(["bash", "-c", command], cwd=repo, capture_output=True, text=True)
        assert result.returncode == 0, f"README's command {command!r} failed: {result.stderr}"
