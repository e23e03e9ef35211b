"""The town's logo: the image a profile's ``logotyp`` names, read from the town's own folder and checked.

A bad logo is an error at the profile's ``logotyp`` line, found when a case is rendered or
validated, never a broken picture in a memo. Only PNG is taken: Word needs a PNG beside an
SVG, and making one would take a rendering library with heavy system dependencies, so an SVG
gets a message saying to export the logo as PNG.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from stat import S_ISLNK

from docx.image.image import Image

from drafter.errors import CaseError, Problem
from drafter.profile.loading import KIND_LAYERS, VARIANTS, Profile
from drafter.profile.searchpath import PROFILE_FILE

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"  # the last chunk of every whole PNG, with its checksum
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class LogoImage:
    """A checked logo: the PNG's bytes, its width in the letterhead and its alt text."""

    data: bytes
    width_cm: float
    alt: str


def genitive(name: str) -> str:
    """Swedish genitive: "Exempels kommun" → "Exempels kommuns"; a name ending in s, x or z
    takes no extra s ("Alingsås" → "Alingsås")."""
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


def load_logo(profile: Profile) -> LogoImage | None:
    """The profile's logo, or None when it has none. Raises :class:`CaseError` at the profile's
    ``logotyp`` line for a file outside the town's folder, a missing or unreadable one, an SVG,
    or anything but a PNG."""
    logo = profile.settings.logo
    if logo is None:
        return None
    folder = profile.folder
    given = logo.file
    if _outside(given, folder):
        raise _error(profile, f"logotypen '{given}' ska ligga i kommunens egen mapp ({folder}) — skriv bara "
                              "filens namn, t.ex. 'fil: logotyp.png'")
    path = folder / given
    if PurePath(given).suffix.lower() == ".svg":
        raise _error(profile, f"logotypen '{given}' är en SVG-bild, som drafter inte kan lägga i ett Word-dokument — "
                              "exportera den som PNG (t.ex. 600 bildpunkter bred) och skriv 'fil: logotyp.png'")
    try:
        stat = path.stat()
    except (OSError, ValueError):
        raise _error(profile, f"logotypen '{given}' finns inte i {folder}") from None
    if not path.is_file():
        raise _error(profile, f"logotypen '{given}' är inte en fil")
    if stat.st_size > MAX_BYTES:
        raise _error(profile, f"logotypen '{given}' är för stor ({stat.st_size // 1024} kB; högst "
                              f"{MAX_BYTES // 1024} kB) — spara den i lägre upplösning")
    data = _read(str(path), stat.st_mtime_ns, stat.st_size)
    if data is None:
        raise _error(profile, f"logotypen '{given}' är inte en hel PNG-bild — spara den som PNG igen "
                              "(i ett bildprogram: Exportera som → PNG)")
    alt = logo.alt or f"{genitive(profile.settings.name)} logotyp"
    return LogoImage(data, logo.width, alt)


@lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int, size: int) -> bytes | None:
    """The file's bytes if it is a whole PNG with a size; None if not (or unreadable)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if not data.startswith(PNG_SIGNATURE) or not data.rstrip(b"\0").endswith(PNG_END):
        return None
    try:
        image = Image.from_blob(data)
    except Exception:  # noqa: BLE001 — a broken header raises whatever python-docx's reader meets
        return None
    if image.content_type != "image/png" or not image.px_width or not image.px_height:
        return None
    return data


def _outside(given: str, folder: Path) -> bool:
    """Whether a file a profile names lies outside the profile's folder (absolute, '..', a link out)."""
    path = PurePath(given)
    if path.is_absolute() or path.drive or ".." in path.parts or "\\" in given:
        return True
    try:
        # With no link among its own parts the file is in the folder, wherever the folder itself
        # lies: one lstat a part instead of resolving both paths (a memo's logo is checked each time).
        if not any(_is_link(folder.joinpath(*path.parts[: i + 1])) for i in range(len(path.parts))):
            return False
        (folder / path).resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return True
    return False


def _is_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link; one that cannot be read is not (as resolve() takes it).
    A name the system cannot take (a NUL) raises ValueError, as it does in resolve()."""
    try:
        return S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _error(profile: Profile, message: str) -> CaseError:
    """``message`` at the line that names the logo file: in the town's profile, one of its
    layers, or (failing those) the first line of the profile."""
    own = profile.source
    if own is not None:
        candidates = [("logotyp", "fil"), ("logotyp",)]
        for layers in (KIND_LAYERS, VARIANTS):
            for name in (own.data.get(layers) or {}) if isinstance(own.data, dict) else ():
                candidates += [(layers, name, "logotyp", "fil"), (layers, name, "logotyp")]
        for path in candidates:
            if path in own.values:
                return CaseError([own.problem(path, message, at_value=True)])
    return CaseError([Problem(str(profile.folder / PROFILE_FILE), 1, 1, message)])
