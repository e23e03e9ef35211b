"""PDF through LibreOffice headless (optional: drafter works without it).

All documents go to one ``soffice`` call (starting LibreOffice costs about a second;
converting a document far less). Each call gets a throw-away user profile: two soffice
processes on one profile make the second one exit without converting and without an error.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import OutputError, problem_at

INSTALL_HINT = ("installera med 'apt-get install -y --no-install-recommends "
                "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito'")
TIMEOUT_SECONDS = 300


def libreoffice() -> str | None:
    """Path of the LibreOffice program, or None if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(candidate).exists():
            return candidate
    return None


def convert_to_pdf(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF in ``outdir``; returns the PDF paths in the same order."""
    if not docx_paths:
        return []
    program = libreoffice()
    if program is None:
        raise OutputError([problem_at(docx_paths[0], f"LibreOffice saknas: {INSTALL_HINT}")])
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    expected = [outdir / (Path(p).stem + ".pdf") for p in docx_paths]
    for pdf in expected:
        pdf.unlink(missing_ok=True)  # a PDF left from an earlier run must not pass as new
    with tempfile.TemporaryDirectory(prefix="drafter-soffice-") as profile:
        command = [
            program, f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(outdir),
            *[str(Path(p)) for p in docx_paths],
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OutputError([problem_at(docx_paths[0],
                                          f"LibreOffice svarade inte inom {TIMEOUT_SECONDS} s")])
    missing = [(docx, pdf) for docx, pdf in zip(docx_paths, expected) if not pdf.exists()]
    if missing:
        detail = (result.stderr or result.stdout).strip()
        raise OutputError([
            problem_at(docx, "LibreOffice skapade ingen PDF"
                       + (f" (soffice: {detail.splitlines()[-1]})" if detail else ""))
            for docx, _ in missing
        ])
    return expected
