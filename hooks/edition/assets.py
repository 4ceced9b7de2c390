"""What a page loads beside its HTML, made small at build time (issue 16: a section page at
most plain Material's weight + 10 KB gzipped, and as fast).

- The edition's style sheets and scripts (mkdocs.yml's extra_css and extra_javascript, the
  sources in docs/) are minified (rcssmin, rjsmin) and joined, in their listed order, into
  one style sheet and one script: `BUNDLES`. A page loads two files instead of six. The
  others, which single pages or a script load when needed, are minified too.
- The scripts written into the templates (overrides/partials/) are minified by the `jsmin`
  filter the hook gives to the templates, and the indentation of Material's header,
  navigation, footer and scripts is dropped by its `squeeze` filter (overrides/main.html).

Material's own style sheets are cut to what this site can use by theme_css.py. All are pure
functions of their input: two builds give the same bytes.
"""
from __future__ import annotations

import re

import jinja2
import markupsafe
import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# the bundle's path in the site -> the config option listing its sources
BUNDLES = {"stylesheets/edition.min.css": "extra_css", "javascripts/edition.min.js": "extra_javascript"}
LINE_BREAK_SPACE = re.compile(r"[ \t]*\n\s*")
# the edition's other style sheets and scripts, in docs/: loaded by single pages (front matter
# `stylesheets:`) or by a script when needed (cite-dialog.js)
OWN_ASSETS = (("stylesheets/", ".css"), ("javascripts/", ".js"))


def bundle_config(config: MkDocsConfig) -> dict[str, list[str]]:
    """Lists each bundle instead of its sources in the config; returns the sources."""
    sources = {}
    for path, option in BUNDLES.items():
        sources[path] = [str(entry) for entry in config[option]]
        config[option] = [path] if sources[path] else []
    return sources


def bundle_files(files: Files, config: MkDocsConfig, sources: dict[str, list[str]]) -> Files:
    """The bundles in place of their sources, which the site no longer ships; the edition's
    other style sheets and scripts minified."""
    bundled = {name for names in sources.values() for name in names}
    for file in list(files):
        own = any(file.src_uri.startswith(folder) and file.src_uri.endswith(suffix) for folder, suffix in OWN_ASSETS)
        if own and file.src_uri not in bundled:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=minified(file.src_uri, file.content_string)))
    for path, names in sources.items():
        if not names:
            continue
        parts = []
        for name in names:
            source = files.get_file_from_path(name)
            if source is None:
                raise PluginError(f"mkdocs.yml: {BUNDLES[path]} lists '{name}', which is not in docs/: "
                                  "add the file or remove the entry")
            files.remove(source)
            parts.append(minified(path, source.content_string))
        files.append(File.generated(config, path, content="\n".join(parts)))
    return files


def add_filters(env: jinja2.Environment) -> None:
    """`{% filter jsmin %}`: a template's inline script, minified. `{% filter squeeze %}`: the
    indentation of Material's templates (header, navigation, footer) dropped."""
    env.filters["jsmin"] = rjsmin.jsmin
    env.filters["squeeze"] = squeeze


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
