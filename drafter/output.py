"""Writing drafts: safe names inside the output folder, atomic replacement, and no
overwriting of a draft someone has edited since drafter wrote it.

Every .docx drafter writes carries a fingerprint in its custom document properties: a
hash of all its parts but the one that holds the fingerprint. A file whose parts still give
its fingerprint is exactly what drafter wrote and may be replaced; any other file (edited
and saved in Word, or not drafter's at all) is left alone unless the user forces it.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import stat
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

from drafter.errors import OutputError, Problem
from drafter.docx.oxml import read_custom_properties

FINGERPRINT = "drafter-fingerprint"
# build_docx writes this in place of the fingerprint; stamp() puts the real one there.
PLACEHOLDER = "0" * 64
CUSTOM_PART = "docProps/custom.xml"
MAX_STEM = 120  # characters: well inside every file system's limit of 255 bytes
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_MAX_EXISTING = 64 * 1024 * 1024  # a draft is some kilobytes; do not read a huge stranger whole


# --- names ------------------------------------------------------------------------------------


def output_path(case_file: Path, outdir: Path, suffix: str = ".docx") -> Path:
    """The draft's path: the case file's own name, cleaned, always directly in ``outdir``.

    Whatever the name holds (folders, "..", a leading dot, characters Windows refuses, a
    reserved name such as CON), the result is a plain, visible file name inside ``outdir``."""
    stem = unicodedata.normalize("NFC", Path(case_file).stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")[:MAX_STEM].strip(".-") or "utkast"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-utkast"
    return Path(outdir) / f"{stem}{suffix}"


# --- the fingerprint --------------------------------------------------------------------------


def fingerprint(docx: bytes) -> str:
    """SHA-256 over the name and content of every part but the custom properties."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in sorted(archive.namelist()):
            if name == CUSTOM_PART:
                continue
            content = archive.read(name)
            digest.update(f"{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


def stamp(docx: bytes) -> bytes:
    """Put the document's fingerprint where build_docx left ``PLACEHOLDER``.

    The package is rewritten entry by entry with the same names, order and times, so the
    result is as reproducible as its input."""
    value = fingerprint(docx).encode()
    marker = f">{PLACEHOLDER}<".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        found = False
        for info in source.infolist():
            content = source.read(info)
            if info.filename == CUSTOM_PART and marker in content:
                content = content.replace(marker, b">" + value + b"<", 1)
                found = True
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = info.compress_type
            entry.create_system = info.create_system
            entry.external_attr = info.external_attr
            target.writestr(entry, content, compresslevel=6)
        if not found:
            raise ValueError(f"no fingerprint placeholder in {CUSTOM_PART}")
    return out.getvalue()


def is_unchanged_draft(docx: bytes) -> bool:
    """Whether ``docx`` is a draft exactly as drafter wrote it (its fingerprint holds)."""
    try:
        stored = read_custom_properties(docx).get(FINGERPRINT)
        return stored is not None and stored == fingerprint(docx)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError, RuntimeError, etree.XMLSyntaxError):
        return False


# --- writing ----------------------------------------------------------------------------------


def write_draft(target: Path, data: bytes, force: bool = False) -> None:
    """Write a draft to ``target``, replacing an earlier one only if it is unchanged since
    drafter wrote it (or ``force``). Raises :class:`OutputError` with a Swedish message."""
    target = Path(target)
    if target.is_dir():
        raise _error(target, "här finns en mapp med utkastets namn — ta bort eller byt namn på mappen, eller välj en annan utdatamapp med -o")
    if target.exists() and not force:
        try:
            with target.open("rb") as file:
                existing = file.read(_MAX_EXISTING + 1)
        except OSError as error:
            raise _error(target, f"filen finns men kan inte läsas ({error.strerror or error})") from None
        if existing == data:
            return  # the same draft again: nothing to do
        if not is_unchanged_draft(existing):
            raise _error(
                target,
                "filen har ändrats efter att drafter skrev den (t.ex. sparats i Word), eller är inte ett "
                "utkast från drafter, och skrivs inte över — kör med --force för att skriva över den, "
                "eller välj en annan utdatamapp med -o",
            )
    try:
        write_atomic(target, data)
    except OSError as error:
        raise _error(
            target, f"filen kan inte skrivas ({error.strerror or error}) — är filen öppen i Word, eller saknas skrivrätt till mappen?"
        ) from None


def _error(target: Path, message: str) -> OutputError:
    return OutputError([Problem(str(target), 1, 1, message)])


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers see the old file or
    the new one, never half of one, and a failed write leaves no temporary file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)  # keep the permissions of the file replaced
    except OSError:
        mode = None
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    # O_EXCL: never write through a file or link someone placed there; 0o666 lets the umask
    # decide permissions, as for any file the user creates (mkstemp would give 0600).
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            if mode is not None:
                os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible, and not needed, on Windows."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
