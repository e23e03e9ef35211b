"""Document properties: core properties (title, author, dates) and custom string properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from drafter.docx.oxml.base import CUSTOM_FMTID, CUSTOM_NS, VT_NS, check_text, parse_part

@dataclass
class DocumentProperties:
    """What the document says about itself (File ▸ Properties in Word).

    ``created`` is also the modification time: pass the case's date, never "now", so that
    the same case gives the same file.
    """

    title: str
    author: str
    created: dt.datetime | dt.date
    subject: str = ""
    keywords: str | None = None
    language: str = "sv-SE"
    custom: dict[str, str] = field(default_factory=dict)


def _as_utc(value: dt.datetime | dt.date) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


# Office and python-docx allow at most 255 characters in a core property's text.
MAX_CORE_TEXT = 255


def fit_property(text: str, limit: int = MAX_CORE_TEXT) -> str:
    """``text`` as it fits in a core property: whole if it fits, otherwise cut at the last
    word boundary that leaves room for an ellipsis (mid-word only for one very long word)."""
    if len(text) <= limit:
        return text
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def set_core_properties(document, props: DocumentProperties) -> None:
    """Title, author, subject, keywords, language and dates; texts longer than Office
    allows are shortened with an ellipsis rather than refused."""
    core = document.core_properties
    core.title = fit_property(props.title)
    core.author = fit_property(props.author)
    core.subject = fit_property(props.subject)
    core.keywords = fit_property(props.keywords or "")
    core.language = props.language
    core.comments = ""
    core.category = ""
    core.last_modified_by = "drafter"
    core.revision = 1
    when = _as_utc(props.created)
    core.created = when
    core.modified = when


def custom_properties_xml(values: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(values.items(), start=2):
        check_text(name + value)
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                {"fmtid": CUSTOM_FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_custom_properties(package, values: dict[str, str]) -> None:
    """Replace the package's custom properties (docProps/custom.xml) with ``values``."""
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(rel_id)
    if not values:
        return
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES,
                custom_properties_xml(values), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(data: bytes, name: str = "docProps/custom.xml") -> dict[str, str]:
    """The custom string properties in a custom.xml part's bytes (parsed safely)."""
    root = parse_part(data, name)
    result = {}
    for prop in root.iterfind(f"{{{CUSTOM_NS}}}property"):
        value = prop[0].text if len(prop) else None
        result[prop.get("name") or ""] = value or ""
    return result
