"""What the Markdown processors know while a page renders: the model, and the page.

The one hook creates a `Current` per build (in on_config), gives it to the extension,
sets `edition` in on_files and `page` before each page renders; the processors only read
it, except `rendered`, where they record what rendering learns (the mentions).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from edition.model.edition import Edition, Part, Rendered
from edition.model.names import Matcher


@dataclass(frozen=True)
class PageInfo:
    src_uri: str
    url: str  # the page's site path: "introduction/"
    part: Part | None  # None for a page the model does not hold
    # HTML lines under the page's title (downloads, Cite, the annotations' toolbar), in order
    title_lines: tuple[str, ...] = ()
    untitled_lines: tuple[str, ...] = ()  # what a page without an h1 gets, first
    cite_links: bool = False  # each paragraph gets a Cite link (the edition has data/work.yml)

    @property
    def in_report(self) -> bool:
        return self.part is not None and self.part.kind == "section"

    @property
    def printed(self) -> bool:
        return self.part is not None and self.part.printed


@dataclass
class Current:
    edition: Edition | None = None
    matcher: Matcher | None = None
    page: PageInfo | None = None
    rendered: Rendered = field(default_factory=Rendered)
