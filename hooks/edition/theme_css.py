"""Material's style sheets cut to what this site can use, once the site is written (issue 16).

Their 137 KB hold the styles of every Markdown extension, plugin, palette and icon Material
supports; a browser downloads them before it paints and matches each rule against each
element. Two cuts, each safe by construction:

- A rule goes when each of its selectors needs, at its top level, a class that no page,
  script or data file of the site names (Material's scripts name every class they add in
  full), or a palette ([data-md-color-primary=red]) that no page offers (Material's script
  takes the palette from the pages' toggle), or a writing direction ([dir=rtl]) that no
  page has. What is inside a function (:not(.x),
  :is(.x, .y)) is not looked at: there the rule may match without it.
- A custom property (--md-admonition-icon--note: url(data:...)) goes when no style sheet,
  script or page reads it (var(--name), or its name in a script), until none is left.

And two rewrites, for speed: each makes Chrome restyle every element of the page (900 on a
section page, on a phone about 20 ms each) when Material's script starts, where no style
changes.

- `table:not([class])` becomes `table` when no page has a table with a class: every table
  of the site is then classless. The attribute test, in a rule that styles any child
  (`td > :first-child`), makes a change of any element's class restyle all that element
  holds: each time the script changes the class of <html> (no-js to js, js-focus-visible).
- The rule `[data-md-color-switching] *{transition-duration:0s}` goes: the script sets
  that attribute on <body> and takes it off again on every page load (and when the reader
  switches palette), each time restyling every element. Without it, a switch of palette
  lets the few colour transitions (links, header) run, 0.25 s at most.

The files keep Material's names (its hash names its version). Deterministic: two builds give
the same bytes.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tinycss2

THEME_CSS = "assets/stylesheets/*.min.css"
# What may name a class: every page, script and data file; a property: those and the other
# style sheets.
CLASS_NAMERS = ("*.html", "*.js", "*.json")
PROPERTY_READERS = (*CLASS_NAMERS, "*.css")
WORD = re.compile(r"[A-Za-z0-9_-]+")
PALETTE = re.compile(r'(data-md-color-[a-z]+|dir)="([^"]*)"')  # and the writing direction
PROPERTY_READ = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
PROPERTY_NAMED = re.compile(r"--[A-Za-z0-9_-]+")
NESTED = ("media", "supports", "layer", "container")
CLASSLESS_TABLE = "table:not([class])"
CLASSED_TABLE = re.compile(r"<table\b[^>]*\sclass=")
SWITCHING = "[data-md-color-switching]"


def trim(site: Path) -> None:
    sheets = sorted(site.glob(THEME_CSS))
    words: set[str] = set()
    classless_tables = True
    elsewhere: list[tuple[str, str]] = []  # (suffix, text) of every file but Material's style sheets
    for pattern in PROPERTY_READERS:
        for path in sorted(site.rglob(pattern)):
            if path in sheets:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            elsewhere.append((path.suffix, text))
            classless_tables = classless_tables and not (pattern == "*.html" and CLASSED_TABLE.search(text))
            if pattern in CLASS_NAMERS:
                words.update(WORD.findall(text))
                words.update(f"{name}={value}" for name, value in PALETTE.findall(text))
    cut = {sheet: "".join(kept_rules(parsed(sheet.read_text(encoding="utf-8")), words, classless_tables))
           for sheet in sheets}
    # Read by a page or script (var() in an inline style, a name a script sets or reads), or by
    # another style sheet; named in a declaration of the edition's style sheets counts too.
    named = {name for _, text in elsewhere for name in PROPERTY_READ.findall(text)} | \
        {name for suffix, text in elsewhere if suffix != ".html" for name in PROPERTY_NAMED.findall(text)}
    read: set[str] = set()
    while True:  # dropping a property can leave unread one that only it read
        now = named | {name for css in cut.values() for name in PROPERTY_READ.findall(css)}
        if now == read:
            break
        read = now
        cut = {sheet: "".join(without_unread(parsed(css), read)) for sheet, css in cut.items()}
    for sheet, css in cut.items():
        sheet.write_text(css, encoding="utf-8")


def parsed(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)


def kept_rules(rules: list, words: set[str], classless_tables: bool = False) -> list[str]:
    """The rules, each with only the selectors that may match (none left: the rule goes)."""
    def kept(rule) -> str | None:
        selectors = [tinycss2.serialize(s).strip() for s in split_selectors(rule.prelude) if may_match(s, words)]
        selectors = [selector.replace(CLASSLESS_TABLE, "table") if classless_tables else selector
                     for selector in selectors if not selector.startswith(SWITCHING)]
        return ",".join(selectors) + "{" + tinycss2.serialize(rule.content) + "}" if selectors else None

    return rewritten(rules, kept)


def without_unread(rules: list, read: set[str]) -> list[str]:
    """The rules without the custom properties nothing reads (none left: the rule goes)."""
    def kept(rule) -> str | None:
        declarations = [d for d in parsed_block(rule.content)
                        if not (d.type == "declaration" and d.name.startswith("--") and d.name not in read)]
        body = ";".join(d.serialize() for d in declarations if d.type != "literal")
        return tinycss2.serialize(rule.prelude).strip() + "{" + body + "}" if declarations else None

    return rewritten(rules, kept)


# Each style rule as `rule` rewrites it (None: dropped), also inside @media, @supports, ...
# (dropped when emptied); every other at-rule (@font-face, @keyframes, @import) as it is.
def rewritten(rules: list, rule_text: Callable[[Any], str | None]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            text = rule_text(rule)
            if text is not None:
                kept.append(text)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in NESTED:
            inner = rewritten(parsed_block(rule.content), rule_text)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept


def parsed_block(content: list) -> list:
    return tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)


def split_selectors(prelude: list) -> list[list]:
    """A selector list split at its top-level commas (those inside :is(...) stay)."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def may_match(selector: list, words: set[str]) -> bool:
    for dot, name in zip(selector, selector[1:], strict=False):
        if dot.type == "literal" and dot.value == "." and name.type == "ident" and name.value not in words:
            return False
    for block in selector:
        if block.type == "[] block":
            attribute = "".join(str(getattr(t, "value", "")) for t in block.content if t.type != "whitespace")
            if attribute.startswith(("data-md-color-", "dir=")) and "=" in attribute and attribute not in words:
                return False
    return True
