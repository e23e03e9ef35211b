"""Writing drafts: safe names, atomic replacement, and never overwriting an edited draft."""

from __future__ import annotations

import datetime as dt
import io
import multiprocessing
import os
import threading
import zipfile
from pathlib import Path

import pytest

from drafter import output
from drafter.errors import OutputError
from drafter.docx import package
from drafter.output import (
    FINGERPRINT,
    PLACEHOLDER,
    is_unchanged_draft,
    output_path,
    write_atomic,
    write_draft,
)

ROOT = Path(__file__).resolve().parents[1]


def make_docx(text: str = "Hej") -> bytes:
    """A sealed .docx as build_docx makes it, straight from the writer."""
    from drafter.docx.writer import DocumentProperties, document_parts

    properties = DocumentProperties(
        title="Test", author="Test", created=dt.date(2024, 1, 15), custom={FINGERPRINT: PLACEHOLDER}
    )
    parts = document_parts(f"# {text}\n\nText.\n", style=ROOT / "drafter/data/templates/_default/stil.docx", properties=properties)
    return package.write(package.seal(parts))


def rewrite(docx: bytes, part: str, change) -> bytes:
    """The package with one part changed, as an editor saving it would leave it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, change(content) if name == part else content)
    return out.getvalue()


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, name",
    [
        ("cases/arboga-integration.yaml", "arboga-integration.docx"),
        ("../../etc/passwd.yaml", "passwd.docx"),
        ("..yaml", "utkast.docx"),
        (".dold.yaml", "dold.docx"),
        ("a b/c:d*e?.yaml", "c-d-e.docx"),
        ("CON.yaml", "CON-utkast.docx"),
        ("nul.txt.yaml", "nul.txt-utkast.docx"),
        ("-rf.yaml", "rf.docx"),
        ("~$ärende.yaml", "ärende.docx"),
        ("Sva\u0308r.yaml", "Svär.docx"),
        ("x" * 300 + ".yaml", "x" * output.MAX_STEM + ".docx"),
    ],
)
def test_output_names_stay_in_the_folder(tmp_path, case, name):
    target = output_path(Path(case), tmp_path)
    assert target == tmp_path / name
    assert target.parent == tmp_path


# --- the fingerprint --------------------------------------------------------------------------


def test_a_fresh_draft_carries_its_fingerprint():
    docx = make_docx()
    stored = package.custom_properties(package.read(docx))[FINGERPRINT]
    assert stored.startswith("v2:") and stored != PLACEHOLDER
    assert is_unchanged_draft(docx)
    assert make_docx() == docx  # stamping keeps the output reproducible


def test_a_draft_saved_again_by_an_editor_is_recognised():
    docx = make_docx()
    edited = rewrite(docx, "word/document.xml", lambda xml: xml.replace(b"Text.", "Text, ändrad.".encode()))
    assert not is_unchanged_draft(edited)
    # Even an unchanged content saved again differently (another part touched) counts as edited.
    assert not is_unchanged_draft(rewrite(docx, "docProps/core.xml", lambda xml: xml.replace(b"drafter", b"Word")))


@pytest.mark.parametrize("data", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_files_that_are_not_drafts(data):
    assert not is_unchanged_draft(data)


def test_a_docx_without_fingerprint_is_not_a_draft():
    docx = make_docx()
    other = rewrite(docx, "docProps/custom.xml", lambda xml: xml.replace(FINGERPRINT.encode(), b"annat"))
    assert not is_unchanged_draft(other)


# --- write_draft ------------------------------------------------------------------------------


def test_write_draft_creates_and_replaces_its_own_drafts(tmp_path):
    target = tmp_path / "ut" / "a.docx"
    first, second = make_docx("Ett"), make_docx("Två")
    write_draft(target, first)
    assert target.read_bytes() == first
    write_draft(target, first)  # the same again
    write_draft(target, second)
    assert target.read_bytes() == second
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]  # no temporary files left


def test_an_edited_draft_is_kept_unless_forced(tmp_path):
    target = tmp_path / "a.docx"
    write_draft(target, make_docx("Ett"))
    edited = rewrite(target.read_bytes(), "word/document.xml", lambda xml: xml.replace(b"Text.", b"Mitt arbete."))
    target.write_bytes(edited)
    with pytest.raises(OutputError) as caught:
        write_draft(target, make_docx("Två"))
    message = str(caught.value)
    assert message.startswith(f"{target}:1:1: filen har ändrats efter att drafter skrev den")
    assert "--force" in message and "-o" in message
    assert target.read_bytes() == edited
    assert caught.value.exit_code == 1
    write_draft(target, make_docx("Två"), force=True)
    assert target.read_bytes() == make_docx("Två")


def test_a_file_that_is_not_a_draft_is_kept(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"someone else's file")
    with pytest.raises(OutputError):
        write_draft(target, make_docx())
    assert target.read_bytes() == b"someone else's file"


def test_a_folder_in_the_way(tmp_path):
    (tmp_path / "a.docx").mkdir()
    with pytest.raises(OutputError, match="en mapp med utkastets namn"):
        write_draft(tmp_path / "a.docx", make_docx(), force=True)


def test_an_unwritable_folder_gives_a_message(tmp_path, monkeypatch):
    # Refused as the operating system refuses a folder without write permission (root,
    # as in CI, may write anywhere, so the refusal is injected where the file is created).
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(OutputError, match="kan inte skrivas"):
        write_draft(tmp_path / "a.docx", make_docx())
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == []


# --- atomic writing ---------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    real_fsync = os.fsync

    def interrupted(fd):
        real_fsync(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions_follow_the_umask_and_the_replaced_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "ny.docx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "ny.docx").stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"x")
    kept.chmod(0o640)
    write_atomic(kept, b"y")
    assert kept.stat().st_mode & 0o777 == 0o640


def test_concurrent_writes_in_threads_leave_one_valid_file(tmp_path):
    target = tmp_path / "a.docx"
    docx = make_docx()
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(10):
                write_draft(target, docx)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_bytes() == docx
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def _write_in_process(target: str, text: str, rounds: int) -> None:
    docx = make_docx(text)
    for _ in range(rounds):
        write_draft(Path(target), docx)


def test_concurrent_writes_in_processes_leave_one_valid_file(tmp_path):
    target = tmp_path / "a.docx"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_write_in_process, args=(str(target), f"Text {i % 2}", 10)) for i in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    assert target.read_bytes() in (make_docx("Text 0"), make_docx("Text 1"))
    assert is_unchanged_draft(target.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_custom_property_added_by_a_dms_counts_as_an_edit():
    docx = make_docx()
    added = (b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="DMS-id">'
             b'<vt:lpwstr>4711</vt:lpwstr></property></Properties>')
    edited = rewrite(docx, "docProps/custom.xml", lambda xml: xml.replace(b"</Properties>", added))
    assert b"DMS-id" in package.read(edited)["docProps/custom.xml"]
    assert not is_unchanged_draft(edited)


def test_a_draft_with_a_version_1_fingerprint_is_still_unedited():
    """Drafts written before the fingerprint was versioned held SHA-256 over every part but
    docProps/custom.xml, as 64 hex digits; they must still be replaceable after an upgrade."""
    parts = package.read(make_docx())
    stored = package.custom_properties(parts)[FINGERPRINT]
    old = dict(parts)
    old["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(stored.encode(), package.fingerprint_v1(parts).encode())
    assert package.custom_properties(old)[FINGERPRINT] == package.fingerprint_v1(old)
    assert is_unchanged_draft(package.write(old))
    tampered = dict(old, **{"word/document.xml": old["word/document.xml"].replace(b"Text.", b"Text!")})
    assert not is_unchanged_draft(package.write(tampered))
