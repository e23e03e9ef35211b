"""The OOXML layer: the only place in drafter that knows WordprocessingML and package XML.

Everything beyond python-docx's API lives in this package, one subject per module:
:mod:`.base` (namespaces, schema order, the safe parser), :mod:`.runs` (paragraphs and runs),
:mod:`.tables`, :mod:`.headers` (a section's header and footer parts), :mod:`.pagination`
(keeping blocks together, room for footers), :mod:`.pictures`,
:mod:`.styles` (styles and language), :mod:`.numbering`, :mod:`.footnotes`,
:mod:`.properties` (core and custom document properties), :mod:`.parts` (a package as named
parts and their relationships) and :mod:`.text` (reading text back). Other modules use the
names exported here.
"""

from drafter.docx.oxml.base import (
    UnreadablePart, UnwritableCharacter, W_NS, check_text, local_name, parse_part, safe_parser, w,
)
from drafter.docx.oxml.footnotes import Footnotes
from drafter.docx.oxml.headers import set_title_page, story_part, story_parts
from drafter.docx.oxml.numbering import Numbering, numbering_root
from drafter.docx.oxml.pictures import insert_picture_paragraph, picture_inline
from drafter.docx.oxml.pagination import keep_closing_together, reserve_footer_room
from drafter.docx.oxml.properties import (
    DocumentProperties, MAX_CORE_TEXT, custom_properties_xml, fit_property, read_custom_properties,
    set_core_properties, set_custom_properties,
)
from drafter.docx.oxml.runs import (
    PLAIN, ListNumbering, RunFormat, add_closing_paragraph, add_field, add_footnote_mark, add_footnote_reference,
    add_hyperlink, add_line_break, add_page_break, add_paragraph, add_text, ensure_ends_with_paragraph,
)
from drafter.docx.oxml.styles import (
    StyleIndex, ensure_footnote_styles, set_language, set_number_separators, set_theme_language,
)
from drafter.docx.oxml.tables import add_cell, add_row, add_table, finish_table

__all__ = [
    "DocumentProperties", "Footnotes", "ListNumbering", "MAX_CORE_TEXT", "Numbering", "PLAIN", "RunFormat",
    "StyleIndex", "UnreadablePart", "UnwritableCharacter", "W_NS", "add_cell", "add_closing_paragraph",
    "add_field", "add_footnote_mark", "add_footnote_reference", "add_hyperlink", "add_line_break",
    "add_page_break", "add_paragraph", "add_row", "add_table", "add_text", "check_text",
    "custom_properties_xml", "ensure_ends_with_paragraph", "ensure_footnote_styles", "finish_table",
    "fit_property", "insert_picture_paragraph", "keep_closing_together", "local_name", "numbering_root",
    "parse_part", "picture_inline", "read_custom_properties", "reserve_footer_room", "safe_parser",
    "set_core_properties", "set_custom_properties", "set_language", "set_number_separators", "set_theme_language",
    "set_title_page", "story_part", "story_parts", "w",
]
