"""The .docx package as bytes: one deterministic zip written, a stranger's zip read within limits, the fingerprint.

Writing: the parts are serialised once (:func:`drafter.docx.oxml.parts.serialise`), the
fingerprint is computed from the uncompressed parts and put into the custom properties, and
one zip is written with fixed entry times, order and compression, so that the same document
always gives the same bytes.

Reading: a .docx from the output folder or given to ``compare`` may come from anywhere, so
it is read with caps on the number of entries, on each part's and on the total uncompressed
size (a zip bomb is refused, not unpacked), and every failure becomes :class:`PackageError`
with a Swedish reason.

Every .docx drafter writes carries a fingerprint in its custom document properties. Version 2
(``v2:`` and 64 hex digits) is a SHA-256 over the name and content of every part, the custom
properties included, with the fingerprint's own value replaced by a placeholder: a document
management system that adds a property has edited the file. Version 1 (64 hex digits, written
by drafter before the package layer was rewritten) left the custom properties out; such drafts
are still recognised as unedited.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from drafter.docx.oxml import read_custom_properties
from drafter.docx.oxml.parts import CONTENT_TYPES, CUSTOM_PROPERTIES, PACKAGE_RELS, related

FINGERPRINT = "drafter-fingerprint"
VERSION = "v2:"
# Written in place of the fingerprint while it is computed: as long as the real value.
PLACEHOLDER = VERSION + "0" * 64
_V1 = re.compile(r"^[0-9a-f]{64}$")
_V2 = re.compile(r"^v2:[0-9a-f]{64}$")
V1_CUSTOM_PART = "docProps/custom.xml"

MAX_FILE = 64 * 1024 * 1024  # a draft is some tens of kilobytes; a house style a few megabytes
MAX_PART = 32 * 1024 * 1024  # uncompressed, per part
MAX_TOTAL = 128 * 1024 * 1024  # uncompressed, all parts together
MAX_ENTRIES = 2000
_MB = 1024 * 1024
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class PackageError(ValueError):
    """A file that cannot be read as a Word package; the message is Swedish and says why."""


# --- writing -----------------------------------------------------------------------------------


def _entry_order(name: str) -> tuple[int, str]:
    # [Content_Types].xml first (some readers expect it), package rels next, then by name.
    return ({CONTENT_TYPES: 0, PACKAGE_RELS: 1}.get(name, 2), name)


# The zip is written here rather than with zipfile, so that the deflated form of a part can be
# reused: the styles, theme, fonts and settings are the same for every memo of a town, and
# zipfile has no way to take data already compressed. Measured on the 8 samples: the zip took
# 1.1 ms of a memo's 7 ms with zipfile, 0.47 ms this way. The bytes are those zipfile writes with
# the same settings (tests/test_package_zip.py holds the two together).
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_VERSION = 20  # zip 2.0: deflate
_DEFLATED = 8
_UTF8_NAME = 0x800  # flag bit: the entry name is UTF-8
_PERMISSIONS = 0o600 << 16  # ?rw-------, as zipfile gives an entry without attributes
_ZIP64_LIMIT = (1 << 31) - 1
_DOS_DATE = (_ZIP_DATE[0] - 1980) << 9 | _ZIP_DATE[1] << 5 | _ZIP_DATE[2]
_DOS_TIME = _ZIP_DATE[3] << 11 | _ZIP_DATE[4] << 5 | _ZIP_DATE[5] // 2


# Parts alike for every memo of a town: those that come from the house style (or the town's
# logo) as they are, and the relationships and content types, which follow from which parts
# there are. Their deflated form is kept, keyed on their bytes. A memo's own parts are
# compressed each time (keeping them would only pay when the very same memo is written again).
_SHARED_PARTS = ("word/styles.xml", "word/theme/", "word/fontTable.xml", "word/webSettings.xml",
                 "word/settings.xml", "docProps/app.xml", "word/media/",
                 "[Content_Types].xml", "_rels/", "word/_rels/")


def _deflate(data: bytes) -> tuple[int, bytes]:
    """The CRC-32 and raw deflate stream (level 6) of ``data``."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


_deflated = lru_cache(maxsize=128)(_deflate)  # a dozen parts for each town


def write(parts: dict[str, bytes]) -> bytes:
    """One zip of ``parts`` with fixed entry times, order and compression."""
    entries: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in sorted(parts, key=_entry_order):
        data = parts[name]
        crc, packed = _deflated(data) if name.startswith(_SHARED_PARTS) else _deflate(data)
        if name.isascii():
            encoded, flags = name.encode("ascii"), 0
        else:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        entries += (_LOCAL_HEADER.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
                                       crc, len(packed), len(data), len(encoded), 0), encoded, packed)
        directory += (_CENTRAL_HEADER.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, _DEFLATED, _DOS_TIME,
                                           _DOS_DATE, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0,
                                           _PERMISSIONS, offset), encoded)
        offset += _LOCAL_HEADER.size + len(encoded) + len(packed)
    central = b"".join(directory)
    if offset + len(central) > _ZIP64_LIMIT:  # a memo is some tens of kilobytes
        raise ValueError("the package is too large for a zip without ZIP64")
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), offset, 0)
    return b"".join(entries) + central + end


# --- reading -----------------------------------------------------------------------------------


def read(data: bytes) -> dict[str, bytes]:
    """The parts of a zip package by entry name, each at most ``MAX_PART`` bytes unpacked and
    all together at most ``MAX_TOTAL``. Raises :class:`PackageError`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PackageError("filen är inte ett Word-dokument (ingen giltig zip-fil)") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PackageError(f"filen har {len(infos)} delar, fler än {MAX_ENTRIES} — läses inte")
        parts: dict[str, bytes] = {}
        total = 0
        for info in infos:
            name = info.filename
            if name in parts:
                raise PackageError(f"delen {name} finns två gånger i filen")
            if info.file_size > MAX_PART:
                raise _too_big(name)
            try:
                with archive.open(info) as entry:
                    content = entry.read(MAX_PART + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as error:
                raise PackageError(f"delen {name} är skadad och kan inte packas upp ({error})") from None
            if len(content) > MAX_PART:
                raise _too_big(name)
            total += len(content)
            if total > MAX_TOTAL:
                raise PackageError(f"filen blir större än {MAX_TOTAL // _MB} MB uppackad — läses inte (en zip-bomb?)")
            parts[name] = content
    return parts


def _too_big(name: str) -> PackageError:
    return PackageError(f"delen {name} blir större än {MAX_PART // _MB} MB uppackad — läses inte (en zip-bomb?)")


def read_file(path: str | Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE`` bytes. A FIFO, device or folder is
    refused without being opened (it could block forever). Raises :class:`PackageError`."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise PackageError(f"filen kan inte läsas ({error.strerror or error})") from None
    _require_regular(info)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise PackageError(f"filen kan inte läsas ({error.strerror or error})") from None
    with os.fdopen(handle, "rb") as file:
        _require_regular(os.fstat(file.fileno()))  # it may have been swapped since stat()
        data = file.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise PackageError(f"filen är större än {MAX_FILE // _MB} MB — läses inte")
    return data


def _require_regular(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise PackageError("här finns en mapp, inte en fil")
    if not stat.S_ISREG(info.st_mode):
        raise PackageError("detta är ingen vanlig fil (en FIFO, en enhet eller en socket) och läses inte")


# --- the fingerprint ---------------------------------------------------------------------------


def custom_part(parts: dict[str, bytes]) -> str | None:
    """The name of the custom properties part, if the package has one."""
    found = related(parts, "", CUSTOM_PROPERTIES)
    return found[0][1] if found else None


def custom_properties(parts: dict[str, bytes]) -> dict[str, str]:
    """The custom string properties of a package (empty if it has none)."""
    name = custom_part(parts)
    return read_custom_properties(parts[name], name) if name else {}


def _digest(parts: dict[str, bytes], skip: str | None = None) -> str:
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name == skip:
            continue
        content = parts[name]
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def fingerprint_v1(parts: dict[str, bytes]) -> str:
    """Version 1: SHA-256 over the name and content of every part but docProps/custom.xml."""
    return _digest(parts, skip=V1_CUSTOM_PART)


def seal(parts: dict[str, bytes]) -> dict[str, bytes]:
    """``parts`` with the fingerprint in place of ``PLACEHOLDER`` in the custom properties."""
    name = custom_part(parts)
    marker = f">{PLACEHOLDER}<".encode()
    if name is None or parts[name].count(marker) != 1:
        raise ValueError(f"no fingerprint placeholder in the custom properties ({name})")
    value = VERSION + _digest(parts)
    sealed = dict(parts)
    sealed[name] = parts[name].replace(marker, f">{value}<".encode())
    return sealed


def is_unchanged(parts: dict[str, bytes]) -> bool:
    """Whether ``parts`` are a draft exactly as drafter wrote it (its fingerprint holds)."""
    name = custom_part(parts)
    if name is None:
        return False
    stored = read_custom_properties(parts[name], name).get(FINGERPRINT, "")
    if _V1.match(stored):
        return stored == fingerprint_v1(parts)
    if _V2.match(stored):
        marker = f">{stored}<".encode()
        if parts[name].count(marker) != 1:
            return False
        unsealed = dict(parts)
        unsealed[name] = parts[name].replace(marker, f">{PLACEHOLDER}<".encode())
        return stored == VERSION + _digest(unsealed)
    return False


def is_unchanged_draft(data: bytes) -> bool:
    """Whether the bytes of a .docx are a draft exactly as drafter wrote it; False for any
    file that cannot be read (see :func:`read`)."""
    try:
        return is_unchanged(read(data))
    except (ValueError, KeyError, RecursionError):  # PackageError, UnreadablePart and kin
        return False
