"""The package's own zip writer gives exactly the bytes zipfile gives with the same settings."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.docx import package


def _with_zipfile(parts: dict[str, bytes]) -> bytes:
    """What package.write wrote before it had a zip writer of its own."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts, key=package._entry_order):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


SAMPLES = {
    "one part": {"word/document.xml": b"<w:document/>"},
    "empty part": {"[Content_Types].xml": b"<Types/>", "empty.bin": b""},
    "order": {"word/styles.xml": b"<s/>" * 500, "_rels/.rels": b"<r/>", "[Content_Types].xml": b"<t/>",
              "docProps/app.xml": bytes(range(256)) * 40},
    "non-ASCII name": {"word/media/bild-å.png": b"\x89PNG" + bytes(300)},
    "nothing": {},
}


@pytest.mark.parametrize("parts", SAMPLES.values(), ids=SAMPLES.keys())
def test_same_bytes_as_zipfile(parts):
    assert package.write(parts) == _with_zipfile(parts)


def test_a_repeated_part_gives_the_same_bytes():
    parts = {"word/styles.xml": b"<w:styles>" + b"x" * 5000 + b"</w:styles>"}
    assert package.write(parts) == package.write(dict(parts)) == _with_zipfile(parts)


def test_written_zip_reads_back():
    parts = SAMPLES["order"]
    assert package.read(package.write(parts)) == parts
