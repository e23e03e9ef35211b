"""Validate a .docx against the ISO/IEC 29500 transitional schemas bundled with drafter.

Word refuses files that LibreOffice forgives (element order above all), so every XML part
drafter writes is checked against the schema of its content type: WordprocessingML parts
against ``wml.xsd``, package parts against ``opc-xsd/``, document properties against the
shared property schemas, the theme against DrawingML.

Before validating, markup-compatibility extensions are removed as a consumer that does
not understand them would: namespaces a part lists in ``mc:Ignorable`` and
``mc:AlternateContent`` (replaced by its ``mc:Fallback``).
"""

from __future__ import annotations

import io
import zipfile
from functools import cache, lru_cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).parent / "ooxml-xsd"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

# Content type (or its family) -> schema file, relative to SCHEMA_DIR.
_WML = "wml.xsd"
_SCHEMA_BY_CONTENT_TYPE = {
    "application/vnd.openxmlformats-package.relationships+xml": "opc-xsd/opc-relationships.xsd",
    "application/vnd.openxmlformats-package.core-properties+xml": "opc-xsd/opc-coreProperties.xsd",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml":
        "shared-documentPropertiesExtended.xsd",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml":
        "shared-documentPropertiesCustom.xsd",
    "application/vnd.openxmlformats-officedocument.theme+xml": "dml-main.xsd",
}
_CONTENT_TYPES_SCHEMA = "opc-xsd/opc-contentTypes.xsd"


def _schema_for(content_type: str) -> str | None:
    if content_type in _SCHEMA_BY_CONTENT_TYPE:
        return _SCHEMA_BY_CONTENT_TYPE[content_type]
    if content_type.startswith("application/vnd.openxmlformats-officedocument.wordprocessingml."):
        return _WML
    return None


# opc-coreProperties.xsd imports the Dublin Core schemas by URL. Without a network they
# come from these stand-ins, which declare what core.xml uses just as the 2003 originals
# do (dc:* as SimpleLiteral, dcterms:created/modified with the W3CDTF date type).
_DC_URL = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd"
_DCTERMS_URL = "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd"
_XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"'
_XML_IMPORT = ('<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
               'schemaLocation="{xml_xsd}"/>')
_DC_XSD = (
    f'<xs:schema {_XS} targetNamespace="http://purl.org/dc/elements/1.1/" '
    'xmlns="http://purl.org/dc/elements/1.1/">' + _XML_IMPORT
    + '<xs:complexType name="SimpleLiteral"><xs:complexContent mixed="true">'
    '<xs:restriction base="xs:anyType"><xs:sequence>'
    '<xs:any processContents="lax" minOccurs="0" maxOccurs="0"/></xs:sequence>'
    '<xs:attribute ref="xml:lang" use="optional"/></xs:restriction>'
    '</xs:complexContent></xs:complexType>'
    '<xs:element name="any" type="SimpleLiteral" abstract="true"/>'
    + "".join(f'<xs:element name="{name}" substitutionGroup="any"/>' for name in (
        "title", "creator", "subject", "description", "publisher", "contributor", "date",
        "type", "format", "identifier", "source", "language", "relation", "coverage",
        "rights"))
    + "</xs:schema>"
)
_DCTERMS_XSD = (
    f'<xs:schema {_XS} targetNamespace="http://purl.org/dc/terms/" '
    'xmlns="http://purl.org/dc/terms/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f'<xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="{_DC_URL}"/>'
    + _XML_IMPORT
    + '<xs:element name="created" substitutionGroup="dc:date"/>'
    '<xs:element name="modified" substitutionGroup="dc:date"/>'
    '<xs:complexType name="W3CDTF"><xs:simpleContent><xs:restriction base="dc:SimpleLiteral">'
    '<xs:simpleType><xs:union memberTypes="xs:gYear xs:gYearMonth xs:date xs:dateTime"/>'
    '</xs:simpleType><xs:attribute ref="xml:lang" use="prohibited"/></xs:restriction>'
    "</xs:simpleContent></xs:complexType></xs:schema>"
)


class _OfflineSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):
        xml_xsd = (SCHEMA_DIR / "xml.xsd").resolve().as_uri()
        if url == _DC_URL:
            return self.resolve_string(_DC_XSD.format(xml_xsd=xml_xsd), context)
        if url == _DCTERMS_URL:
            return self.resolve_string(_DCTERMS_XSD.format(xml_xsd=xml_xsd), context)
        return None


@cache
def _schema(relative: str) -> etree.XMLSchema:
    """Compiled once per process (wml.xsd takes ~60 ms)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_OfflineSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / relative), parser))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=False)


def strip_extensions(root: etree._Element) -> None:
    """Remove what ``mc:Ignorable`` lists and resolve ``mc:AlternateContent`` to its
    fallback, so that a part made by a newer Office validates against the 2006 schema."""
    ignorable: set[str] = set()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        value = node.get(f"{{{MC_NS}}}Ignorable")
        if value:
            for prefix in value.split():
                uri = node.nsmap.get(prefix)
                if uri:
                    ignorable.add(uri)
    for alternate in list(root.iter(f"{{{MC_NS}}}AlternateContent")):
        parent = alternate.getparent()
        if parent is None:
            continue
        fallback = alternate.find(f"{{{MC_NS}}}Fallback")
        for child in list(fallback) if fallback is not None else ():
            alternate.addprevious(child)
        parent.remove(alternate)
    if not ignorable and not any(MC_NS in key for node in root.iter() for key in node.attrib):
        return  # nothing to strip (the common case): skip the walk below
    dropped = ignorable | {MC_NS}
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        if _namespace(node.tag) in ignorable and node.getparent() is not None:
            node.getparent().remove(node)
            continue
        for attr in [a for a in node.attrib if _namespace(a) in dropped]:
            del node.attrib[attr]


def _namespace(name: str) -> str | None:
    """The namespace of a Clark name ``{uri}local`` (what etree.QName gives, without the object)."""
    return name[1:name.index("}")] if name.startswith("{") else None


def _content_types(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(archive.read("[Content_Types].xml"), _parser())
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in root.iterfind(f"{{{CT_NS}}}Default")}
    overrides = {o.get("PartName").lstrip("/"): o.get("ContentType")
                 for o in root.iterfind(f"{{{CT_NS}}}Override")}
    return defaults, overrides


@lru_cache(maxsize=256)
def _validate(part: str, data: bytes, schema_file: str) -> tuple[str, ...]:
    # Cached by the part's bytes: the house style's parts (styles, settings, theme) are the
    # same in every memo of a town, and validating them is most of a check's time.
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return (f"{part}:{error.lineno}: XML-fel: {error.msg}",)
    strip_extensions(root)
    schema = _schema(schema_file)
    if schema.validate(root):
        return ()
    return tuple(f"{part}:{e.line}: {e.message} (vid {e.path})" for e in schema.error_log)


def validate_docx(data: bytes) -> list[str]:
    """Schema errors in every XML part of a .docx, as "part:line: message"; [] if valid."""
    errors: list[str] = []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        return [f"(paketet): inte en zip-fil: {error}"]
    with archive:
        names = archive.namelist()
        if "[Content_Types].xml" not in names:
            return ["[Content_Types].xml: saknas"]
        errors += _validate("[Content_Types].xml", archive.read("[Content_Types].xml"),
                            _CONTENT_TYPES_SCHEMA)
        defaults, overrides = _content_types(archive)
        for name in names:
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            content_type = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower())
            if content_type is None:
                errors.append(f"{name}: saknar innehållstyp i [Content_Types].xml")
                continue
            schema_file = _schema_for(content_type)
            if schema_file is not None:
                errors += _validate(name, archive.read(name), schema_file)
    return errors


def load_schemas() -> None:
    """Read every schema now (they are cached): before forking workers that all validate."""
    for relative in {_WML, _CONTENT_TYPES_SCHEMA, *_SCHEMA_BY_CONTENT_TYPE.values()}:
        _schema(relative)
