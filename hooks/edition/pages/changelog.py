"""The changelog page (data/changelog.yml): per release, the changes to the text, with
links to the paragraphs and notes, then to the apparatus and the software, and the table of
the editors' notes' labels where a release changed them (old labels beside the labels now)."""
from __future__ import annotations

from collections.abc import Mapping

from edition.errors import EditionError
from edition.markup import escape, link_from
from edition.model.anchors import Anchor
from edition.model.edition import Annotation, Edition, Release

SOURCE = "data/changelog.yml"


def pages(edition: Edition) -> dict[str, str]:
    if not edition.releases:
        return {}
    return {"changelog.md": changelog_page(edition)}


def changelog_page(edition: Edition) -> str:
    parts = ["---\ntitle: Changelog\n---", "# Changelog",
             ("What changed in each release. Every release stays online at its own address; "
              "paragraph numbers and footnote numbers never change between releases. Where a "
              "release changed the labels of the editors' notes, its table gives each note's "
              "earlier labels beside its label now.")]
    for release in edition.releases:
        parts.append(heading(release))
        parts.append(escape(release.summary))
        for key, title in (("text", "The text"), ("apparatus", "The apparatus"), ("software", "The software")):
            changes = release.data.get(key) or []
            if changes:
                parts.append(f"**{title}**")
                parts.append("\n".join(f"- {item(change, edition, release)}" for change in changes))
        if release.data.get("relabelled"):
            parts += ["**The labels of the editors' notes**", relabel_table(edition, release.data["relabelled"])]
    return "\n\n".join(parts) + "\n"


def heading(release: Release) -> str:
    if not release.released:
        return "## Not yet released {#unreleased}"
    return f"## {escape(release.version)} ({escape(release.date)}) {{#v{release.version.replace('.', '-')}}}"


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


# One row per note, in reading order: its label now (linked), its page, its label in each
# earlier release the entry names (the labels were per page then), and what it is.
def relabel_table(edition: Edition, earlier: Mapping[str, Mapping[str, str]]) -> str:
    versions = list(earlier)
    rows = ["| Now | Section | " + " | ".join(escape(v) for v in versions) + " | The note |",
            "| --- | --- | " + " | ".join("---" for _ in versions) + " | --- |"]
    for note in edition.annotations:
        if any(note.id in earlier[v] for v in versions):
            part = edition.part_of(note.paragraph)
            link = link_from("changelog.md", part.src_uri, note.element_id)
            olds = " | ".join(escape(earlier[v].get(note.id, "–")) for v in versions)
            rows.append(f"| [{note.label}]({link}) | {escape(part.title)} | {olds} | {description(note)} |")
    known = {note.id for note in edition.annotations}
    for gone in sorted({i for v in versions for i in earlier[v]} - known):
        olds = " | ".join(escape(earlier[v].get(gone, "–")) for v in versions)
        rows.append(f"| – | – | {olds} | `{escape(gone)}`, no longer in the edition |")
    return "\n".join(rows)


# "Context on “3,000-kilometer-long border”", or "Question on ¶ 3" for a note on the paragraph.
def description(note: Annotation) -> str:
    kind = note.kind.capitalize()
    return f"{kind} on “{escape(note.phrase)}”" if note.phrase else f"{kind} on {note.paragraph.label}"
