"""The edition's log: the standard library's logging, under the names MkDocs shows.

MkDocs (and ProperDocs, which reparents the `mkdocs` logger under its own) prints and counts
every record of the `mkdocs` logger's children: a warning logged here stops a `--strict`
build. Each message is prefixed with the logger's short name ("edition: ..."), as MkDocs'
`get_plugin_logger` does for plugins, without importing MkDocs.
"""
from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any


class Prefixed(logging.LoggerAdapter):
    """A logger that writes "name: message"."""

    def __init__(self, name: str) -> None:
        super().__init__(logging.getLogger(f"mkdocs.plugins.{name}"), {})
        self.prefix = name

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        return f"{self.prefix}: {msg}", kwargs


def logger(name: str = "edition") -> Prefixed:
    return Prefixed(name)
