"""The edition's one error type: bad input or a broken build step, said in words a person can act on.

Everything in hooks/edition/ raises `EditionError` with a message naming the file, line or key,
what is wrong and how to fix it; it knows nothing of the site generator. The one hook
(hooks/edition_hooks.py, the adapter to MkDocs) turns it into MkDocs' `PluginError`, so the
build stops with that message, as for any plugin's error.
"""
from __future__ import annotations


class EditionError(Exception):
    """The build cannot go on: the message says where, what and how to fix it."""
