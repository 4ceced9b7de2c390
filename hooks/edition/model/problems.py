"""Every data problem of a build, collected, then reported at once.

A build reads all the data before it stops, so an editor sees every problem in one run,
each in one form: file, line, entry, field, what is wrong, how to fix it. (The `schema`
branch brings the same `Problems` with JSON Schemas for the data files; this is the part
the builder needs until then.)
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str | None
    field: str | None
    what: str
    fix: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        if self.entry:
            where += f": {self.entry}"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.what}" + (f": {self.fix}" if self.fix else "")


@dataclass
class Problems:
    found: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, entry: str | None, field: str | None,
            what: str, fix: str = "") -> None:
        self.found.append(Problem(str(file), line, entry, field, what, fix))

    # A loader that stops at its file's first problem: its message, as it is.
    def caught(self, error: PluginError) -> None:
        self.found.append(Problem("", None, None, None, str(error).strip(), ""))

    def __bool__(self) -> bool:
        return bool(self.found)

    def report(self, log: logging.Logger) -> None:
        """Log every problem, then stop the build if there was one."""
        for problem in self.found:
            log.error(str(problem).removeprefix(": "))
        if self.found:
            count = len(self.found)
            raise PluginError(f"{count} problem{'s' if count > 1 else ''} in the edition's sources "
                              f"(listed above); first: {str(self.found[0]).removeprefix(': ')}")
