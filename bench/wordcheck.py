"""Do two .docx files carry the same words? Text of the body, headers, footers and footnotes.

Words are ``\\w+`` runs, lower-cased, counted as a multiset: formatting, punctuation, quotation
marks and where a text sits (a footnote or parentheses, a header or the body) do not matter.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
WORD = re.compile(r"\w+")


def words(docx: bytes) -> Counter:
    """The words of every text part of a .docx."""
    found: Counter = Counter()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if PARTS.match(name):
                root = etree.fromstring(archive.read(name))
                for t in root.iter(W + "t"):
                    found.update(WORD.findall((t.text or "").lower()))
    return found


def likeness(a: Counter, b: Counter) -> float:
    """1.0 when both carry the same words as often; shared words over all words otherwise."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def difference(a: Counter, b: Counter, limit: int = 8) -> str:
    """A short account of what differs, for a failure message."""
    only_a, only_b = a - b, b - a
    show = lambda c: ", ".join(f"{w}×{n}" for w, n in c.most_common(limit)) or "—"  # noqa: E731
    return f"only in first: {show(only_a)}; only in second: {show(only_b)}"
