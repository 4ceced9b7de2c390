"""Data (YAML, BibTeX) placed into generated Markdown is text, never markup."""
from __future__ import annotations

import re

# HTML's and Markdown's special characters, each written as a numeric character reference.
SPECIAL = re.compile(r"""[&<>"'*_\[\]`\\#|~]""")


# Neither HTML nor Markdown in the data may take effect: a <script> shows as text.
def escape(text: str) -> str:
    return SPECIAL.sub(lambda match: f"&#{ord(match.group())};", " ".join(str(text).split()))
