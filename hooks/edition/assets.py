"""What a page loads beside its HTML, made small at build time (issue 16: a section page at
most plain Material's weight + 10 KB gzipped, and as fast).

- The edition's style sheets and scripts (mkdocs.yml's extra_css and extra_javascript, the
  sources in docs/) are minified (rcssmin, rjsmin) and joined, in their listed order, into
  one style sheet and one script: `BUNDLES`. A page loads two files instead of six. The
  others, which single pages or a script load when needed, are minified too.
- The edition's script is requested once the page has been read and Material's script has
  run (DOMContentLoaded, overrides/main.html), not with them: `LATE`. Everything it does
  answers the reader (a marker, a term, a Cite link, a selection) or follows the first paint,
  which it never changes; fetched beside Material's script it shared a slow phone's network
  with it and ran in the same long task at DOMContentLoaded.
- The scripts written into the templates (overrides/partials/) are minified by the `jsmin`
  filter the hook gives to the templates, and the indentation of Material's header,
  navigation, footer and scripts is dropped by its `squeeze` filter (overrides/main.html).

Material's own style sheets are cut to what this site can use by theme_css.py. All are pure
functions of their input: two builds give the same bytes.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
import markupsafe
import rcssmin
import rjsmin

from edition.errors import EditionError

# the bundle's path in the site -> the config option listing its sources
BUNDLES = {"stylesheets/edition.min.css": "extra_css", "javascripts/edition.min.js": "extra_javascript"}
LINE_BREAK_SPACE = re.compile(r"[ \t]*\n\s*")
# the edition's other style sheets and scripts, in docs/: loaded by single pages (front matter
# `stylesheets:`) or by a script when needed (cite-dialog.js)
OWN_ASSETS = (("stylesheets/", ".css"), ("javascripts/", ".js"))
# the config option whose bundle the page loads after DOMContentLoaded, not by the theme's tag
LATE = "extra_javascript"


def bundle_config(lists: Mapping[str, list[str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each config option of `BUNDLES` (its list of sources) as the list of its bundle (none for
    `LATE`'s, which `late_scripts` names); and each bundle's sources."""
    sources = {path: [str(entry) for entry in lists[option]] for path, option in BUNDLES.items()}
    options = {option: [path] if sources[path] and option != LATE else [] for path, option in BUNDLES.items()}
    return options, sources


def late_scripts(sources_of: Mapping[str, list[str]]) -> list[str]:
    """The bundles a page loads after DOMContentLoaded (overrides/main.html)."""
    return [path for path, option in BUNDLES.items() if option == LATE and sources_of.get(path)]


def bundle_files(sources_of: dict[str, list[str]], src_uris: list[str],
                 content: Callable[[str], str | None]) -> tuple[list[str], dict[str, str]]:
    """The files the site no longer ships (each bundle's sources, the edition's other style
    sheets and scripts), and what it ships instead (src_uri -> text): the bundles, and the
    others minified. `content` gives a file's text (None if there is no such file)."""
    bundled = {name for names in sources_of.values() for name in names}
    removed, added = [], {}
    for src_uri in src_uris:
        own = any(src_uri.startswith(folder) and src_uri.endswith(suffix) for folder, suffix in OWN_ASSETS)
        if own and src_uri not in bundled:
            removed.append(src_uri)
            added[src_uri] = minified(src_uri, content(src_uri) or "")
    for path, names in sources_of.items():
        if not names:
            continue
        parts = []
        for name in names:
            text = content(name)
            if text is None:
                raise EditionError(f"mkdocs.yml: {BUNDLES[path]} lists '{name}', which is not in docs/: "
                                   "add the file or remove the entry")
            removed.append(name)
            parts.append(minified(path, text))
        added[path] = "\n".join(parts)
    return removed, added


def add_filters(env: jinja2.Environment, theme_dirs: list[str], late: list[str]) -> None:
    """`{% filter jsmin %}`: a template's inline script, minified. `{% filter squeeze %}`: the
    indentation of Material's templates (header, navigation, footer) dropped. And
    `material_bundle`, the theme's script (overrides/main.html preloads it), and
    `late_scripts`, the edition's, which it loads after DOMContentLoaded."""
    env.filters["jsmin"] = rjsmin.jsmin
    env.filters["squeeze"] = squeeze
    env.globals["material_bundle"] = theme_bundle(theme_dirs)
    env.globals["late_scripts"] = late


# Material's script, named by its hash (assets/javascripts/bundle.a5f9d56c.min.js in 9.8.2),
# loaded at the end of every page: a page that names it in its head has the browser fetch it
# with the style sheets, not once the whole page has come, so that it is there when the
# text has been read (on a slow phone a section page painted before it came, and its start
# then held up the page: Lighthouse's Total Blocking Time). None if the theme has no such file.
def theme_bundle(theme_dirs: list[str]) -> str | None:
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/javascripts/bundle.*.min.js"))
        if found:
            return found[0].relative_to(folder).as_posix()
    return None


# Each run of white space that holds a line break becomes that line break: a browser renders
# both alike everywhere but in <pre>, <textarea> and under `white-space: pre`, which the
# blocks squeezed (Material's header, navigation and footer, overrides/main.html) have not.
def squeeze(html: str) -> markupsafe.Markup:
    return markupsafe.Markup(LINE_BREAK_SPACE.sub("\n", str(html)))


def minified(path: str, text: str) -> str:
    if path.endswith(".css"):
        return rcssmin.cssmin(text)
    # Each source is a script of its own: ";" keeps one's last statement from running into
    # the next one's first. A "/*! ... */" comment stays: a vendored script's licence notice.
    # rjsmin 1.3 drops spaces inside a template literal nested in another's ${...}: the
    # edition's scripts write none.
    return rjsmin.jsmin(text, keep_bang_comments=True) + ";"
