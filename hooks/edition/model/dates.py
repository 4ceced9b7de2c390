"""Dates in the data and in bib/: one rule, checked here and nowhere else.

A date is written in ISO 8601 and is a real calendar date: 30 February and a 13th month
are refused. A field says which forms it takes:

    day      2020-09-01   (the one form of `released` in data/work.yml and of a release's date)
    month    2020-09      (a month: the report's date, a timeline event)
    year     2020         (a year: a work in bib/)
    unknown  XXXX         (ISO 8601-2's unspecified year: an undated work in bib/)
"""
from __future__ import annotations

import calendar
import re

FORMS = {
    "day": re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$"),
    "month": re.compile(r"^([0-9]{4})-([0-9]{2})$"),
    "year": re.compile(r"^([0-9]{4})$"),
    "unknown": re.compile(r"^XXXX$"),
}
EXAMPLES = {"day": "2020-09-01", "month": "2020-09", "year": "2020", "unknown": "XXXX"}
ALL = tuple(FORMS)


def problem(value: object, forms: tuple[str, ...] = ("day",)) -> str | None:
    """What is wrong with a date written in one of `forms`; None if it is a real one."""
    text = str(value)
    form = next((name for name in forms if FORMS[name].match(text)), None)
    if form is None:
        return f"'{text}' is not {written(forms)}"
    if form == "unknown":
        return None
    match = FORMS[form].match(text)
    assert match is not None
    year, month, day = ([int(part) for part in match.groups()] + [1, 1])[:3]
    if not 1 <= month <= 12:
        return f"'{text}' is not a real date: there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"'{text}' is not a real date: {calendar.month_name[month]} {year} has {last} days"
    return None


def parts(value: str) -> tuple[int, ...] | None:
    """(year, month, day) of a real date, as far as it is written; None if it is not one."""
    if problem(value, ("day", "month", "year")) is not None:
        return None
    return tuple(int(part) for part in value.split("-"))


def well_formed(value: object, forms: tuple[str, ...]) -> bool:
    """Written in one of `forms`, real or not (a schema's pattern says the rest)."""
    return any(FORMS[form].match(str(value)) for form in forms)


def written(forms: tuple[str, ...]) -> str:
    """How a message names the forms: 'a date (YYYY-MM-DD) or a month (YYYY-MM)'."""
    names = {"day": "a date (YYYY-MM-DD)", "month": "a month (YYYY-MM)", "year": "a year (YYYY)",
             "unknown": "XXXX (unknown)"}
    shown = [names[form] for form in forms]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def example(forms: tuple[str, ...]) -> str:
    return " or ".join(EXAMPLES[form] for form in forms)
