"""Which entry a name in the text stands for: every alias of the glossary and the index of
names belongs to one entry (checked when the model is built), so one matcher finds them all.

A single regular expression over every alias, longest first (so "Silk Road Economic Belt"
wins over "Silk Road"), whole words only, case as written.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from edition.model.edition import Entry


class Matcher:
    def __init__(self, owners: Mapping[str, Entry]) -> None:
        self.owners = owners
        aliases = sorted(owners, key=lambda alias: (-len(alias), alias))
        # Lookarounds, not \b: aliases may end in punctuation ("U.S.").
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)") \
            if aliases else None

    def find(self, text: str) -> Iterator[tuple[int, int, Entry]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match.start(), match.end(), self.owners[match.group()]
