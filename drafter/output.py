"""Writing drafts: safe names inside the output folder, atomic replacement, and no
overwriting of a draft someone has edited since drafter wrote it.

Every .docx drafter writes carries a fingerprint (see :mod:`drafter.docx.package`). A file
whose parts still give its fingerprint is exactly what drafter wrote and may be replaced; any
other file (edited and saved in Word, or not drafter's at all) is left alone unless the user
forces it.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import unicodedata
from pathlib import Path

from drafter.docx.package import FINGERPRINT, PLACEHOLDER, PackageError, is_unchanged_draft, read_file
from drafter.errors import OutputError, Problem

__all__ = ["FINGERPRINT", "PLACEHOLDER", "is_unchanged_draft", "output_path", "write_atomic", "write_draft"]
# Bytes of UTF-8, not characters (one "å" is two): with ".docx", "-utkast" and the temporary
# name's ".….tmp" (18 bytes) the longest name stays well inside the 255-byte limit of file systems.
MAX_STEM = 120
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


# --- names ------------------------------------------------------------------------------------


def output_path(case_file: Path, outdir: Path, suffix: str = ".docx") -> Path:
    """The draft's path: the case file's own name, cleaned, always directly in ``outdir``.

    Whatever the name holds (folders, "..", a leading dot, characters Windows refuses, a
    reserved name such as CON), the result is a plain, visible file name inside ``outdir``."""
    stem = unicodedata.normalize("NFC", Path(case_file).stem)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")
    stem = _cut_bytes(stem, MAX_STEM).strip(".-") or "utkast"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-utkast"
    return Path(outdir) / f"{stem}{suffix}"


def _cut_bytes(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 is at most ``limit`` bytes (whole characters)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", errors="ignore")


# --- writing ----------------------------------------------------------------------------------


def write_draft(target: Path, data: bytes, force: bool = False) -> None:
    """Write a draft to ``target``, replacing an earlier one only if it is unchanged since
    drafter wrote it (or ``force``). Raises :class:`OutputError` with a Swedish message."""
    target = Path(target)
    try:
        info = os.lstat(target)  # never follow or open before knowing what is there
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _error(target, f"filen kan inte läsas ({error.strerror or error})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _error(target, "här finns en mapp med utkastets namn — ta bort eller byt namn på mappen, eller välj en annan utdatamapp med -o")
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISLNK(info.st_mode):
        raise _error(target, "här finns en specialfil (t.ex. en FIFO eller en enhet) med utkastets namn — den läses inte och "
                             "skrivs inte över; ta bort den eller välj en annan utdatamapp med -o")
    if info is not None and not force and target.exists():
        try:
            existing = read_file(target)
        except PackageError as error:
            raise _error(target, f"filen finns men kan inte läsas: {error}") from None
        if existing == data:
            return  # the same draft again: nothing to do
        if not is_unchanged_draft(existing):
            raise _error(
                target,
                "filen har ändrats efter att drafter skrev den (t.ex. sparats i Word), eller är inte ett "
                "utkast från drafter (eller kan inte läsas), och skrivs inte över — kör med --force för att "
                "skriva över den, eller välj en annan utdatamapp med -o",
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
        info = os.lstat(path)
    except OSError:
        info = None
    # Keep the read and write permissions of a file replaced; never those of a link's target,
    # and never execute, setuid, setgid or sticky bits.
    mode = stat.S_IMODE(info.st_mode) & 0o666 if info is not None and stat.S_ISREG(info.st_mode) else None
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
