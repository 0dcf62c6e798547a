"""Text read back from our exports the way a recipient reads them, for the leak suite and the
link checks to search (helpers; holds no tests itself): parsed .ics values, an HTML page's text
and attribute values, an email's headers, attachment names and plain body."""

from __future__ import annotations

from html.parser import HTMLParser

import icalendar

from eml_readback import parse


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for _, value in attrs if value)


def html_text(data: bytes) -> str:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return "\n".join(parser.parts)


def ics_text(data: bytes) -> str:
    calendar = icalendar.Calendar.from_ical(data)
    values: list[str] = []
    for component in calendar.walk():
        for _name, value in component.property_items(recursive=False):
            values.append(str(value))
            params = getattr(value, "params", {})
            values.extend(str(v) for v in params.values())
    return "\n".join(values)


def eml_text(data: bytes) -> str:
    message = parse(data)
    parts = [str(value) for _, value in message.items()]
    # Attachment names are read as the recipient reads them (they hold the title).
    parts += [str(part.get_filename()) for part in message.iter_attachments()]
    body = message.get_body(("plain",))
    assert body is not None
    parts.append(body.get_content())
    return "\n".join(parts)
