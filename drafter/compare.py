"""Measure a rendered .docx against a reference text, such as the text of a real memo's PDF.

The measure, precisely:

1. **Text of the document.** The .docx is read in this order: the first-page header, the
   header of the following pages, the body (paragraphs and tables, row by row, cell by cell),
   the footnotes, the first-page footer, the footer of the following pages. A header or
   footer whose text equals one already read is read once. Page-number fields (PAGE,
   NUMPAGES, SECTIONPAGES) count as the number 1; other fields as their shown result.
   A .txt/.md reference is read as UTF-8; a .docx reference is read like the document.
2. **Normalisation**, the same for both texts:
   Markdown markup is removed (``#`` heading marks, ``**``/``*``/``__`` emphasis, ``\\`` hard
   breaks, footnote marks ``[^1]`` and ``[^1]:``), list markers at the start of a line
   (``-``, ``*``, ``•``, ``–``, ``1.``, ``1)``), superscript digits (footnote marks in PDF text)
   and page furniture: page numbers such as ``1(4)``, ``1 (4)``, ``Sida 1(4)``, ``Sidan 1 av 4``.
   Typographic variants become one character: quotation marks ``”“„»«"`` become ``"``,
   apostrophes ``’‘`` become ``'``, dashes ``‐‑‒–—―`` become ``-``, no-break and other
   spaces become a space, soft hyphens go. A word divided at a line end ("integrations-
   främjande") is joined when the next word begins in lower case and is not a conjunction
   ("kultur- och fritidsnämnden" stays).
3. **Words.** The text is split at white space (so line and page breaks do not count);
   punctuation is stripped from both ends of each word, and what has no letter or digit
   left (a lone dash, a "§") is dropped. Case is kept.
4. **Similarity** (for texts of at most ``MAX_ALIGNED_PAIRS`` word pairs; longer texts use the
   same formula with M the number of words the two texts share counted with multiplicity,
   ignoring order, because aligning them would take minutes) is ``difflib.SequenceMatcher(None, document_words, reference_words,
   autojunk=False).ratio()``: 2·M / (len(document_words) + len(reference_words)), where M
   is the number of words in the matching blocks. 1.0 means the same words in the same order.
5. **Headings.** The document's headings (paragraphs in a Heading or Title style) are looked
   for, in order, as the beginning of a line of the reference (compared as normalised words).
   They are "in the same order" when every heading is found and each is found after the one
   before it.
"""

from __future__ import annotations

import difflib
from collections import Counter
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.docx.reader import DocumentText, docx_text
from drafter.errors import DrafterError, problem_at

__all__ = ["Comparison", "DocumentText", "compare", "compare_texts", "docx_text", "normalise", "words"]

# --- the text of a .docx -------------------------------------------------------------------
# Read by drafter.docx.reader (safely: size caps, one safe XML parser); re-exported here.


def reference_text(path: str | Path) -> str:
    """A reference as text: a .docx is read like the document, anything else as UTF-8 text."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return docx_text(path).text
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DrafterError([problem_at(path, "referensen är inte en UTF-8-textfil (spara den som UTF-8)")]) from None
    except OSError as error:
        raise DrafterError([problem_at(path, f"filen kan inte läsas: {error.strerror or error}")]) from None


# --- normalisation ------------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        **{c: '"' for c in "”“„»«″"},
        **{c: "'" for c in "’‘‚′"},
        **{c: "-" for c in "‐‑‒–—―−"},
        **{c: " " for c in "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t"},
        "\u00ad": None,
        "\u200b": None,
        "•": "-",
        "◦": "-",
        "▪": "-",
    }
)
_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f]+")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]:?")
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}(?=\s|$)", re.MULTILINE)
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_HARD_BREAK = re.compile(r"\\$", re.MULTILINE)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_PAGE_NUMBER = re.compile(
    r"(?:\bSid(?:an|a)?\.?\s+)?\b\d{1,4}\s?\(\s?\d{1,4}\s?\)"  # 1(4), 1 (4), Sida 1(4)
    r"|\bSid(?:an|a)?\.?\s+\d{1,4}\s+av\s+\d{1,4}\b",  # Sidan 1 av 4
    re.IGNORECASE,
)
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
_NOT_JOINED = {"och", "eller", "samt", "respektive", "resp", "som", "till", "liksom", "men", "and", "or"}


def normalise(text: str) -> str:
    """The text with markup, list markers, page furniture and typographic variants removed."""
    text = unicodedata.normalize("NFC", text)
    text = _SUPERSCRIPTS.sub("", text)
    text = text.translate(_TRANSLATE)
    text = _FOOTNOTE_MARK.sub(" ", text)
    text = _HEADING_MARK.sub("", text)
    text = _HARD_BREAK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _PAGE_NUMBER.sub(" ", text)
    return text


def words(text: str) -> list[str]:
    """The words of a text after normalisation (see the module's docstring)."""
    result: list[str] = []
    raw = normalise(text).split()
    i = 0
    while i < len(raw):
        token = raw[i]
        # A word divided at a line end: "integrations- främjande" -> "integrationsfrämjande".
        if (
            token.endswith("-")
            and len(token) > 2
            and token[-2].isalpha()
            and i + 1 < len(raw)
            and raw[i + 1][:1].islower()
            and _EDGE_PUNCTUATION.sub("", raw[i + 1]).lower() not in _NOT_JOINED
        ):
            token = token[:-1] + raw[i + 1]
            i += 1
        word = _EDGE_PUNCTUATION.sub("", token)
        if any(ch.isalnum() for ch in word):
            result.append(word)
        i += 1
    return result


def lines_as_words(text: str) -> list[list[str]]:
    return [words(line) for line in text.splitlines()]


# --- the comparison -----------------------------------------------------------------------


@dataclass
class Comparison:
    similarity: float
    document_words: list[str]
    reference_words: list[str]
    opcodes: list[tuple[str, int, int, int, int]]
    headings: list[str]
    missing_headings: list[str]
    headings_out_of_order: list[str]
    word_order: bool = True  # False: the texts were too long; the figure ignores word order

    @property
    def headings_in_order(self) -> bool:
        return not self.missing_headings and not self.headings_out_of_order

    def differences(self, context: int = 3) -> Iterator[str]:
        """One line per difference: a little context, what only the document has (-[…])
        and what only the reference has (+[…])."""
        a, b = self.document_words, self.reference_words
        for tag, i1, i2, j1, j2 in self.opcodes:
            if tag == "equal":
                continue
            parts = a[max(0, i1 - context) : i1]
            if i2 > i1:
                parts.append("-[" + " ".join(a[i1:i2]) + "]")
            if j2 > j1:
                parts.append("+[" + " ".join(b[j1:j2]) + "]")
            parts.extend(a[i2 : i2 + context])
            yield f"ord {i1 + 1}: …{' '.join(parts)}…"

    def report(self) -> str:
        """The text ``drafter compare`` prints; the last line is the figure."""
        lines = []
        diffs = list(self.differences())
        if not self.word_order:
            lines.append(
                f"Texterna är för långa för att jämföras ord för ord ({len(self.document_words)} × "
                f"{len(self.reference_words)} ord): likheten räknas på vilka ord som finns och hur många "
                "gånger, utan hänsyn till ordföljden, och skillnaderna listas inte."
            )
        elif diffs:
            lines.append(f"Skillnader ({len(diffs)}; -[…] finns bara i dokumentet, +[…] bara i referensen):")
            lines.extend("  " + d for d in diffs)
        else:
            lines.append("Inga skillnader i orden.")
        lines.append(
            f"ord: {len(self.document_words)} i dokumentet, {len(self.reference_words)} i referensen"
        )
        found = len(self.headings) - len(self.missing_headings)
        if self.headings_in_order:
            lines.append(f"rubriker: i samma ordning ({found} av {len(self.headings)} finns i referensen)")
        else:
            lines.append(f"rubriker: INTE i samma ordning ({found} av {len(self.headings)} finns i referensen)")
            for heading in self.missing_headings:
                lines.append(f"  saknas i referensen: {heading}")
            for heading in self.headings_out_of_order:
                lines.append(f"  i annan ordning: {heading}")
        lines.append(f"likhet: {self.similarity:.3f}")
        return "\n".join(lines)


# Above this many word pairs (document words × reference words) the ordered comparison,
# whose time grows with the product, is replaced by the linear word-bag measure.
MAX_ALIGNED_PAIRS = 16_000_000


def compare_texts(document: str, reference: str, headings: list[str] | None = None) -> Comparison:
    a, b = words(document), words(reference)
    missing, out_of_order = _heading_order(headings or [], reference)
    if len(a) * len(b) > MAX_ALIGNED_PAIRS:
        # Too long to align in reasonable time: the same figure on word counts, order ignored.
        common = sum((Counter(a) & Counter(b)).values())
        ratio = 2.0 * common / (len(a) + len(b)) if a or b else 1.0
        return Comparison(ratio, a, b, [], list(headings or []), missing, out_of_order, word_order=False)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return Comparison(matcher.ratio(), a, b, matcher.get_opcodes(), list(headings or []), missing, out_of_order)


def compare(docx_path: str | Path, reference_path: str | Path) -> Comparison:
    """Compare a .docx with a reference text (see the module's docstring for the measure)."""
    document = docx_text(docx_path)
    return compare_texts(document.text, reference_text(reference_path), document.headings)


def _heading_order(headings: list[str], reference: str) -> tuple[list[str], list[str]]:
    """Headings not found at the start of a reference line, and those found out of order."""
    lines = [w for w in lines_as_words(reference)]
    # Every place a line begins, as an index into the reference's words.
    flat: list[str] = []
    starts: list[int] = []
    for line in lines:
        if line:
            starts.append(len(flat))
        flat.extend(line)
    missing: list[str] = []
    out_of_order: list[str] = []
    position = -1
    for heading in headings:
        target = words(heading)
        if not target:
            continue
        places = [s for s in starts if flat[s : s + len(target)] == target]
        if not places:
            missing.append(heading)
            continue
        later = [p for p in places if p > position]
        if later:
            position = later[0]
        else:
            out_of_order.append(heading)
    return missing, out_of_order
