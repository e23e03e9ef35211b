"""Tagged PDF/A-2 from .docx files through LibreOffice headless, all of a batch in one call.

Starting LibreOffice costs about a second and a half, each further document a tenth of that,
so every document of a batch goes to one ``soffice`` call. Each call gets a throw-away user
profile (two soffice processes on one profile make the second exit without converting and
without an error). LibreOffice converts copies in a private folder; each finished PDF is then
moved into place atomically, so no half-written PDF is ever left where a person looks, and a
document that gives no PDF is named, with a word when a PDF from an earlier run is still there.

The PDF takes its title from the document's properties (docProps/core.xml, dc:title), shown
by viewers in place of the file name, and its language from the document's default language.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import OutputError, Problem, problem_at
from drafter.output import write_atomic

INSTALL_LINE = ("apt-get install -y --no-install-recommends "
                "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito")
MISSING = (f"LibreOffice saknas, så ingen PDF kan göras — installera det med '{INSTALL_LINE}' "
           "(macOS: 'brew install --cask libreoffice'; Windows: libreoffice.org)")
START_SECONDS = 120  # a generous bound for starting LibreOffice …
PER_DOCUMENT_SECONDS = 30  # … and for each document, so that a hung soffice is stopped

# writer_pdf_Export's settings (LibreOffice 7.4 and later read them as JSON):
# PDF/A-2b, tagged (headings, lists, tables, footnotes marked), the title shown instead of the
# file name, headings as bookmarks.
EXPORT_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}
FILTER = "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":"))


class LibreOfficeMissing(OutputError):
    """LibreOffice is not installed: no PDF can be made."""


@dataclass
class Conversion:
    """What one LibreOffice call made: the PDFs written (in the order asked for) and the
    located problems of the documents that gave none."""

    written: list[tuple[Path, Path]] = field(default_factory=list)  # (docx, pdf)
    problems: list[Problem] = field(default_factory=list)


def libreoffice() -> str | None:
    """Path of the LibreOffice program, or None if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if Path(candidate).exists():
            return candidate
    return None


def pdf_path(docx: Path, outdir: Path | None = None) -> Path:
    """Where the PDF of ``docx`` goes: beside it, or in ``outdir``, named as the document."""
    docx = Path(docx)
    return (Path(outdir) if outdir is not None else docx.parent) / (docx.stem + ".pdf")


def convert(jobs: Sequence[tuple[Path, Path]]) -> Conversion:
    """Convert each (docx, pdf) pair in one LibreOffice call.

    Raises :class:`LibreOfficeMissing` when LibreOffice is not installed, and refuses two
    documents whose PDFs would have one name; any other failure is a located problem of the
    document it belongs to, and the other documents are still converted."""
    result = Conversion()
    if not jobs:
        return result
    program = libreoffice()
    if program is None:
        raise LibreOfficeMissing([problem_at(jobs[0][0], MISSING)])
    claimed: dict[str, Path] = {}
    accepted: list[tuple[Path, Path]] = []
    for docx, pdf in jobs:
        key = unicodedata.normalize("NFC", str(Path(pdf).resolve())).casefold()
        if key in claimed:
            result.problems.append(problem_at(docx, f"ger samma PDF som {claimed[key]} ({pdf}) — byt namn på en av dem"))
            continue
        claimed[key] = Path(docx)
        accepted.append((Path(docx), Path(pdf)))
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as work:
        inbox, outbox = Path(work) / "in", Path(work) / "out"
        inbox.mkdir()
        names: list[tuple[Path, Path, str]] = []
        for index, (docx, pdf) in enumerate(accepted):
            name = f"{index:05d}"  # LibreOffice names its PDF after the file it converts
            try:
                shutil.copyfile(docx, inbox / f"{name}.docx")
            except OSError as error:
                result.problems.append(problem_at(docx, f"kan inte läsa filen: {error.strerror or error}"))
                continue
            names.append((docx, pdf, name))
        detail = _run(program, Path(work) / "profil", outbox, [inbox / f"{n}.docx" for _, _, n in names],
                      [d for d, _, _ in names])
        for docx, pdf, name in names:
            made = outbox / f"{name}.pdf"
            if not _complete(made):
                stale = " — PDF:en som redan finns där hör till en äldre version" if pdf.exists() else ""
                result.problems.append(problem_at(docx, "LibreOffice kunde inte göra en PDF av filen"
                                                  + (f" (soffice: {detail})" if detail else "") + stale))
                continue
            try:
                pdf.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(pdf, made.read_bytes())
            except OSError as error:
                result.problems.append(problem_at(pdf, f"kan inte skriva PDF:en: {error.strerror or error}"))
                continue
            result.written.append((docx, pdf))
    return result


def convert_to_pdf(docx_paths: list[Path], outdir: Path | None = None) -> list[Path]:
    """Convert .docx files to PDF beside them (or in ``outdir``); returns the PDF paths in the
    same order. Raises :class:`OutputError` with every document that gave no PDF."""
    done = convert([(Path(p), pdf_path(p, outdir)) for p in docx_paths])
    if done.problems:
        raise OutputError(done.problems)
    return [pdf for _, pdf in done.written]


def _run(program: str, profile: Path, outbox: Path, files: list[Path], sources: list[Path]) -> str:
    """Run soffice once over ``files``; returns the last line it printed on failure, if any."""
    if not files:
        return ""
    command = [
        program, f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        "--convert-to", FILTER, "--outdir", str(outbox), *[str(f) for f in files],
    ]
    timeout = START_SECONDS + PER_DOCUMENT_SECONDS * len(files)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, env=_environment())
    except subprocess.TimeoutExpired:
        return f"svarade inte inom {timeout} s"
    except OSError as error:
        raise OutputError([problem_at(sources[0], f"kan inte starta LibreOffice ({program}): {error.strerror or error}")])
    lines = [line for line in (done.stderr or "").splitlines()
             if line.strip() and "javaldx" not in line]  # a harmless warning on every start
    return lines[-1].strip() if lines else ""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # LibreOffice's own Python must not pick up ours
    return env


def _complete(path: Path) -> bool:
    """A whole PDF: it starts with the header and ends with the end-of-file marker."""
    try:
        if path.stat().st_size < 64:
            return False
        with path.open("rb") as file:
            head = file.read(5)
            file.seek(-1024, os.SEEK_END) if path.stat().st_size > 1024 else file.seek(0)
            tail = file.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail

