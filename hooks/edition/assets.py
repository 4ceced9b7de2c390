"""What a page loads beside its HTML, made small at build time (issue 16: a section page at
most plain Material's weight + 10 KB gzipped, and as fast).

- The edition's style sheets and scripts (mkdocs.yml's extra_css and extra_javascript, the
  sources in docs/) are minified (rcssmin, rjsmin) and joined, in their listed order, into
  one style sheet and one script: `BUNDLES`. A page loads two files instead of six.
- Material's own style sheets are cut to the rules that can apply to this site: a rule is
  dropped when each of its selectors names, outside any :not() or :is(), a class that no
  page, script or data file of the built site holds (Material's scripts name every class
  they add in full); and a palette's rule ([data-md-color-primary=red]) is dropped when no
  page offers that palette (Material's script takes the values from the pages' palette
  toggle). Its 137 KB hold the styles of every Markdown extension, plugin and palette
  Material supports; the browser matches each rule against each element.

- The scripts written into the templates (overrides/partials/) are minified by the `jsmin`
  filter the hook gives to the templates.

All are pure functions of their input: two builds give the same bytes.
"""
from __future__ import annotations

import re
from pathlib import Path

import jinja2
import rcssmin
import rjsmin
import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# the bundle's path in the site -> the config option listing its sources
BUNDLES = {"stylesheets/edition.min.css": "extra_css", "javascripts/edition.min.js": "extra_javascript"}
PAGE_CSS = "stylesheets/"  # the edition's style sheets, in docs/
THEME_CSS = "assets/stylesheets/*.min.css"
# What may name a class: every page, script and data file of the built site.
CORPUS = ("*.html", "*.js", "*.json")
WORD = re.compile(r"[A-Za-z0-9_-]+")
PALETTE = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')


def bundle_config(config: MkDocsConfig) -> dict[str, list[str]]:
    """Lists each bundle instead of its sources in the config; returns the sources."""
    sources = {}
    for path, option in BUNDLES.items():
        sources[path] = [str(entry) for entry in config[option]]
        config[option] = [path] if sources[path] else []
    return sources


def bundle_files(files: Files, config: MkDocsConfig, sources: dict[str, list[str]]) -> Files:
    """The bundles in place of their sources, which the site no longer ships; the style sheets
    that single pages load (front matter `stylesheets:`) minified."""
    bundled = {name for names in sources.values() for name in names}
    for file in list(files):
        if file.src_uri.startswith(PAGE_CSS) and file.src_uri.endswith(".css") and file.src_uri not in bundled:
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=minified(file.src_uri, file.content_string)))
    for path, names in sources.items():
        if not names:
            continue
        parts = []
        for name in names:
            file = files.get_file_from_path(name)
            if file is None:
                continue  # MkDocs itself warns of an extra_css or extra_javascript not in docs/
            files.remove(file)
            parts.append(minified(path, file.content_string))
        files.append(File.generated(config, path, content="\n".join(parts)))
    return files


def add_filters(env: jinja2.Environment) -> None:
    """`{% filter jsmin %}`: a template's inline script, minified."""
    env.filters["jsmin"] = rjsmin.jsmin


def minified(path: str, text: str) -> str:
    if path.endswith(".css"):
        return rcssmin.cssmin(text)
    # Each source is a script of its own: ";" keeps one's last statement from running into
    # the next one's first.
    return rjsmin.jsmin(text) + ";"


def trim_theme_css(site: Path) -> None:
    """Material's style sheets cut to the rules whose classes the built site uses."""
    words: set[str] = set()
    for pattern in CORPUS:
        for path in sorted(site.rglob(pattern)):
            text = path.read_text(encoding="utf-8", errors="replace")
            words.update(WORD.findall(text))
            words.update(f"{name}={value}" for name, value in PALETTE.findall(text))
    for sheet in sorted(site.glob(THEME_CSS)):
        rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_whitespace=True,
                                          skip_comments=True)
        sheet.write_text("".join(kept_rules(rules, words)), encoding="utf-8")


def kept_rules(rules: list, words: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [tinycss2.serialize(s).strip() for s in split_selectors(rule.prelude)
                         if may_match(s, words)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and \
                rule.lower_at_keyword in ("media", "supports", "layer", "container"):
            inner = kept_rules(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True,
                                                              skip_comments=True), words)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))  # @font-face, @keyframes, @import ...
    return kept


def split_selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas (those inside :is(...) stay)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


# False when the selector needs, at its top level, a class no file of the site names, or a
# palette no page offers. What is inside a function (:not(.x), :is(.x, .y)) is not looked
# at: there the rule may match without it.
def may_match(selector: list, words: set[str]) -> bool:
    for dot, name in zip(selector, selector[1:]):
        if dot.type == "literal" and dot.value == "." and name.type == "ident" and name.value not in words:
            return False
    for block in selector:
        if block.type == "[] block":
            attribute = "".join(str(getattr(t, "value", "")) for t in block.content if t.type != "whitespace")
            if attribute.startswith("data-md-color-") and "=" in attribute and attribute not in words:
                return False
    return True
