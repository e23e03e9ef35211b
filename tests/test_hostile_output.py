"""drafter render against a hostile output folder and hostile case names (issue #13): exit 1 with a
located message for the one draft, the others written, never exit 3 and never a hang."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter import cli
from drafter.docx import package
from drafter.output import output_path

REPO = Path(__file__).resolve().parent.parent
MOTION = "exempel-svar-på-motion"


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "drafter" / "data" / "templates", tmp_path / "templates")
    (tmp_path / "cases").mkdir()
    for case in sorted((REPO / "cases").glob("*.yaml")):
        shutil.copy(case, tmp_path / "cases" / case.name)
    (tmp_path / "ut").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRAFTER_MALLAR", raising=False)
    return tmp_path


def render(*args: str, bound: float = 120):
    """Run render in a thread with a generous hang bound (a FIFO must not block it)."""
    done: list = []
    worker = threading.Thread(target=lambda: done.append(CliRunner().invoke(cli.main, ["render", *args])), daemon=True)
    worker.start()
    worker.join(bound)
    assert done, "drafter render hung"
    return done[0]


def others_written(root: Path, except_stem: str) -> None:
    for case in (root / "cases").glob("*.yaml"):
        if case.stem != except_stem:
            assert package.is_unchanged_draft((root / "ut" / f"{case.stem}.docx").read_bytes()), case


def test_a_fifo_named_like_the_draft_is_refused_not_waited_on(batch: Path) -> None:
    fifo = batch / "ut" / f"{MOTION}.docx"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        result = render("cases", "-o", "ut", "-j", "1", *force)
        assert result.exit_code == 1, result.output
        assert f"ut/{MOTION}.docx:1:1: " in result.stderr and "specialfil" in result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        others_written(batch, MOTION)


def _bomb() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            for _ in range(40):  # 40 MB of zeros, some kilobytes packed
                entry.write(b"\0" * (1024 * 1024))
    return out.getvalue()


def _damaged(parts_change=None, raw: bytes | None = None) -> bytes:
    if raw is not None:
        return raw
    d = docx.Document()
    d.add_paragraph("x")
    import io

    buffer = io.BytesIO()
    d.save(buffer)
    parts = package.read(buffer.getvalue())
    parts_change(parts)
    return package.write(parts)


CUSTOM_REL = (b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
              b'relationships/custom-properties"/></Relationships>')


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: _damaged(lambda p: p.update({"_rels/.rels": p["_rels/.rels"].replace(b"</Relationships>", CUSTOM_REL)})),
                     id="custom-properties-relationship-without-target"),
        pytest.param(lambda: _damaged(raw=b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + b"\xff" * 200), id="corrupt-deflate"),
        pytest.param(_bomb, id="zip-bomb"),
        pytest.param(lambda: _damaged(raw="det här är ingen zip-fil".encode()), id="not-a-zip"),
        pytest.param(lambda: _damaged(lambda p: p.update({"docProps/custom.xml": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
                                                          "_rels/.rels": p["_rels/.rels"].replace(b"</Relationships>", CUSTOM_REL.replace(b'"/>', b'" Target="docProps/custom.xml"/>'))})),
                     id="entity-in-custom-properties"),
    ],
)
def test_a_damaged_docx_in_the_output_folder_stops_only_its_own_draft(batch: Path, content) -> None:
    existing = batch / "ut" / f"{MOTION}.docx"
    data = content()
    existing.write_bytes(data)
    result = render("cases", "-o", "ut", "-j", "1")
    assert result.exit_code == 1, result.output
    assert f"ut/{MOTION}.docx:1:1: " in result.stderr and "inte ett utkast från drafter" in result.stderr
    assert existing.read_bytes() == data  # left alone
    others_written(batch, MOTION)


def test_force_over_a_symlink_does_not_lend_the_targets_mode(batch: Path) -> None:
    victim = batch / "setuid-program"
    victim.write_bytes(b"#!/bin/sh\n")
    os.chmod(victim, 0o4755)
    link = batch / "ut" / f"{MOTION}.docx"
    link.symlink_to(victim)
    result = render("cases", "-o", "ut", "-j", "1", "--force")
    assert result.exit_code == 0, result.output
    assert not link.is_symlink()
    mode = stat.S_IMODE(os.lstat(link).st_mode)
    assert mode & 0o7111 == 0, oct(mode)
    assert victim.read_bytes() == b"#!/bin/sh\n" and stat.S_IMODE(victim.stat().st_mode) == 0o4755


def test_force_over_an_executable_draft_keeps_only_read_and_write(batch: Path) -> None:
    assert render("cases", "-o", "ut", "-j", "1").exit_code == 0
    draft = batch / "ut" / f"{MOTION}.docx"
    os.chmod(draft, 0o6775)
    assert render("cases", "-o", "ut", "-j", "1", "--force").exit_code == 0
    assert stat.S_IMODE(draft.stat().st_mode) == 0o664


def test_names_are_limited_in_bytes_not_characters(batch: Path) -> None:
    name = "å" * 120
    shutil.copy(batch / "cases" / f"{MOTION}.yaml", batch / "cases" / f"{name}.yaml")
    target = output_path(Path(f"{name}.yaml"), Path("ut"))
    assert len(target.name.encode()) <= 255 - len(".x.123456789abc.tmp")
    assert len(target.stem.encode()) <= 120 and target.stem == "å" * 60
    result = render(f"cases/{name}.yaml", "-o", "ut", "-j", "1")
    assert result.exit_code == 0, result.output
    assert (batch / "ut" / target.name).exists()


def test_the_same_file_twice_is_one_case(batch: Path) -> None:
    case = f"cases/{MOTION}.yaml"
    result = render(case, case, f"./{case}", "-o", "ut", "-j", "2")
    assert result.exit_code == 0, result.output
    assert "samma utkast" not in result.output
    assert (batch / "ut" / f"{MOTION}.docx").exists()


def test_a_very_long_motion_title_is_shortened_in_the_properties_not_refused(batch: Path) -> None:
    path = batch / "cases" / f"{MOTION}.yaml"
    long_title = " ".join(["Motion om fler laddplatser och en plan för gröna tjänsteresor"] * 6)  # ~370 characters
    text = path.read_text(encoding="utf-8").replace('rubrik: Fler laddplatser och en plan för "gröna" tjänsteresor', f"rubrik: {long_title}")
    assert long_title in text
    path.write_text(text, encoding="utf-8")
    result = render(str(path.relative_to(batch)), "-o", "ut", "-j", "1")
    assert result.exit_code == 0, result.output
    core = docx.Document(str(batch / "ut" / f"{MOTION}.docx")).core_properties
    assert 200 < len(core.title) <= 255 and core.title.endswith("…")
    full = f"Svar på motion – {long_title}"
    assert full.startswith(core.title[:-1]) and full[len(core.title) - 1] == " "  # cut at a word boundary
