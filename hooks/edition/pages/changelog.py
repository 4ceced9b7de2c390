"""The changelog page (data/changelog.yml): per release, the changes to the text, with
links to the paragraphs and notes, then to the apparatus and the software."""
from __future__ import annotations

from edition.errors import EditionError
from edition.markup import escape, link_from
from edition.model.anchors import Anchor
from edition.model.edition import Edition, Release

SOURCE = "data/changelog.yml"


def pages(edition: Edition) -> dict[str, str]:
    if not edition.releases:
        return {}
    return {"changelog.md": changelog_page(edition)}


def changelog_page(edition: Edition) -> str:
    parts = ["---\ntitle: Changelog\n---", "# Changelog",
             ("What changed in each release. Every release stays online at its own address; "
              "paragraph numbers and note numbers never change between releases.")]
    for release in edition.releases:
        version = escape(release.version)
        parts.append(f"## {version} ({escape(release.date)}) {{#v{release.version.replace('.', '-')}}}")
        parts.append(escape(release.summary))
        for key, heading in (("text", "The text"), ("apparatus", "The apparatus"), ("software", "The software")):
            changes = release.data.get(key) or []
            if changes:
                parts.append(f"**{heading}**")
                parts.append("\n".join(f"- {item(change, edition, release)}" for change in changes))
    return "\n\n".join(parts) + "\n"


def item(change: str | dict, edition: Edition, release: Release) -> str:
    if isinstance(change, str):
        return escape(change)
    where = str(change.get("where", ""))
    anchor = Anchor.parse(where, ("p", "fn")) if Anchor.is_valid(where, ("p", "fn")) else None
    holder = edition.paragraphs if anchor and anchor.kind == "p" else edition.notes
    if anchor is None or anchor not in holder:
        raise EditionError(f"{SOURCE}: release {release.version}: change '{str(change.get('change'))[:40]}': "
                           f"where '{where}' is not a paragraph (pN) or note (fn:N) of the text")
    target = link_from("changelog.md", edition.part_of(anchor).src_uri, anchor.id)
    return f"[{anchor.label}]({target}): {escape(change['change'])}"
