"""Anchors into the report's text: paragraphs (p12), footnotes (fn:9) and figures (figure-1).

The one place that knows their form: every feature parses, checks and labels them here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["p", "fn", "figure"]

# The source text of each form, for code that must embed it in a larger pattern.
NUMBER = r"[1-9][0-9]*"
FORMS: dict[Kind, str] = {"p": rf"p({NUMBER})", "fn": rf"fn:({NUMBER})", "figure": rf"figure-({NUMBER})"}
PATTERN = re.compile("|".join(f"(?:{form})" for form in FORMS.values()))
EXAMPLES = "p12 (paragraph 12), fn:9 (note 9) or figure-1"


@dataclass(frozen=True, order=True)
class Anchor:
    kind: Kind
    number: int

    @classmethod
    def parse(cls, text: str, kinds: tuple[Kind, ...] = ("p", "fn", "figure")) -> Anchor:
        """The anchor written `text`; ValueError says what form was expected."""
        for kind in kinds:
            match = re.fullmatch(FORMS[kind], str(text))
            if match:
                return cls(kind, int(match.group(1)))
        raise ValueError(f"'{text}' is not an anchor of the form {expected(kinds)}")

    @classmethod
    def is_valid(cls, text: str, kinds: tuple[Kind, ...] = ("p", "fn", "figure")) -> bool:
        return any(re.fullmatch(FORMS[kind], str(text)) for kind in kinds)

    # "p12", "fn:9", "figure-1": the element id in the pages and the key in the data.
    @property
    def id(self) -> str:
        return {"p": f"p{self.number}", "fn": f"fn:{self.number}", "figure": f"figure-{self.number}"}[self.kind]

    # "¶ 12", "n. 9", "fig. 1": how the edition labels it in running text and locators.
    @property
    def label(self) -> str:
        return {"p": f"¶\u00a0{self.number}", "fn": f"n.\u00a0{self.number}",
                "figure": f"fig.\u00a0{self.number}"}[self.kind]

    # "paragraph 12", "note 9", "figure 1": the label spelled out, for screen readers.
    @property
    def spoken(self) -> str:
        return {"p": "paragraph", "fn": "note", "figure": "figure"}[self.kind] + f" {self.number}"

    def __str__(self) -> str:
        return self.id


def expected(kinds: tuple[Kind, ...]) -> str:
    forms = {"p": "pN (e.g. p12)", "fn": "fn:N (e.g. fn:9)", "figure": "figure-N (e.g. figure-1)"}
    return " or ".join(forms[kind] for kind in kinds)
