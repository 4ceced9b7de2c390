"""The timeline as HTML: an ordered list of the events, each linked to where the report names it."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from edition.errors import EditionError
from edition.model.anchors import Anchor
from edition.model.edition import Event, spoken_date


def timeline_html(events: Iterable[Event], links: Mapping[Anchor, str]) -> str:
    """The events as `<ol class="timeline">`, each linked to links[its anchor]; every piece
    of data is escaped."""
    items = []
    for event in events:
        if event.anchor not in links:
            raise EditionError(
                f"timeline: no link for '{event.anchor}' ({_name(event)}); "
                "pass links[id] for every pN and fn:N the timeline cites"
            )
        items.append(_item(event, links[event.anchor]))
    return '<ol class="timeline">\n' + "\n".join(items) + "\n</ol>"


# Helper functions: HTML


def _item(event: Event, href: str) -> str:
    parts = [
        '<li class="timeline__event">',
        _when(event),
        f' <a class="timeline__label" href="{escape(href)}">{escape(event.label)}</a>',
        f' <span class="timeline__where">{_where(event.anchor)}</span>',
    ]
    if event.note:
        parts.append(f' <span class="timeline__note"><span class="timeline__note-tag">'
                     f"Editors' note:</span> {escape(event.note)}</span>")
    parts.append("</li>")
    return "".join(parts)


def _when(event: Event) -> str:
    year = str(event.year)
    if event.when:
        return _time(event.date or year, event.when)
    if event.date:
        return _time(event.date, spoken_date(event.date))
    if event.end_year:
        end = str(event.end_year)
        return (f'<span class="timeline__date">{_time(year, year, "")}–'
                f'{_time(end, end, "")}</span>')
    return _time(year, year)


def _time(datetime_value: str, text: str, css: str = "timeline__date") -> str:
    attribute = f' class="{css}"' if css else ""
    return f'<time{attribute} datetime="{escape(datetime_value)}">{escape(text)}</time>'


# "¶ 3" and "n. 10" on screen; "paragraph 3" and "note 10" to a screen reader.
def _where(anchor: Anchor) -> str:
    return (f'<span aria-hidden="true">({anchor.label})</span>'
            f'<span class="visually-hidden">{anchor.spoken}</span>')


# The event as an error names it: its label, cut at 50 characters.
def _name(event: Event) -> str:
    return repr(event.label if len(event.label) <= 50 else event.label[:49] + "…")
