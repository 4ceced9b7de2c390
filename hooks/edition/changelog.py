"""The changelog page (data/changelog.yml): per release, the changes to the text, with
links to the paragraphs and notes, then to the apparatus and the software."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from edition.model.datafile import read_list
from edition.markup import escape, link_from

LOCATION = re.compile(r"^(p[1-9][0-9]*|fn:[1-9][0-9]*)$")


def load(path: Path, root: Path) -> list[dict]:
    shown = path.relative_to(root)
    releases = read_list(path, shown, "releases")
    for number, release in enumerate(releases, start=1):
        for field in ("version", "date", "summary"):
            if not release.get(field):
                raise PluginError(f"{shown}: release {number}: missing field '{field}'")
    return releases


def changelog_page(releases: list[dict], anchors: dict[str, str], shown: Path) -> str:
    parts = ["---\ntitle: Changelog\n---", "# Changelog",
             "What changed in each release. Every release stays online at its own address; "
             "paragraph numbers and note numbers never change between releases."]
    for release in releases:
        version = escape(release["version"])
        parts.append(f"## {version} ({escape(release['date'])}) {{#v{release['version'].replace('.', '-')}}}")
        parts.append(escape(release["summary"]))
        for key, heading in (("text", "The text"), ("apparatus", "The apparatus"), ("software", "The software")):
            changes = release.get(key) or []
            if changes:
                parts.append(f"**{heading}**")
                parts.append("\n".join(f"- {item(change, anchors, shown)}" for change in changes))
    return "\n\n".join(parts) + "\n"


def item(change: str | dict, anchors: dict[str, str], shown: Path) -> str:
    if isinstance(change, str):
        return escape(change)
    where = str(change.get("where", ""))
    if not LOCATION.match(where) or where not in anchors:
        raise PluginError(f"{shown}: change '{str(change.get('change'))[:40]}': where '{where}' "
                          "is not a paragraph (pN) or note (fn:N) of the text")
    label = f"¶ {where[1:]}" if where.startswith("p") else f"n. {where[3:]}"
    return f"[{label}]({link_from('changelog.md', anchors[where], where)}): {escape(change['change'])}"
