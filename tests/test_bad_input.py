"""Bad input never hurts: every file in tests/bad_cases/ ends in the located Swedish messages
tests/bad_cases/expected.yaml lists, exit code 1 and no document, or (where it is only odd)
in a valid document that shows the case's text as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.case.source import MAX_BYTES
from drafter.ci.xsd import validate_docx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bad_cases"
EXPECTED: dict = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
FAILING = sorted(name for name, expected in EXPECTED.items() if isinstance(expected, list))
RENDERING = sorted(name for name, expected in EXPECTED.items() if isinstance(expected, dict))
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_corpus_file_has_expectations():
    files = sorted(p.name for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml")
    assert files == sorted(EXPECTED)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output and "internt fel" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def assert_messages(stderr: str, path: Path, expected: list[str]) -> None:
    """Each expected "LINE:COLUMN: text" is one of the messages about ``path``, and every
    message about ``path`` points at a line inside it."""
    located = [m for m in map(LOCATED.match, stderr.splitlines()) if m and m["file"] == str(path)]
    assert located, stderr
    lines = max(1, path.read_bytes().count(b"\n") + 1)
    for match in located:
        assert 1 <= int(match["line"]) <= lines and int(match["column"]) >= 1, match.group(0)
    said = [f"{m['line']}:{m['column']}: {m['message']}" for m in located]
    for wanted in expected:
        place, text = wanted.split(": ", 1)
        assert any(s.startswith(place + ": ") and text in s for s in said), f"{wanted!r} not in {said}"


def document_text(path: Path) -> str:
    """All text of a .docx, paragraph by paragraph (body, headers, footers, footnotes)."""
    paragraphs = []
    with zipfile.ZipFile(path) as package:
        for name in sorted(package.namelist()):
            if name.startswith("word/") and name.endswith(".xml"):
                for p in etree.fromstring(package.read(name)).iter(f"{W}p"):
                    paragraphs.append(
                        "".join(
                            (e.text or "") if e.tag == f"{W}t" else "\t" if e.tag == f"{W}tab" else "\n"
                            for e in p.iter(f"{W}t", f"{W}tab", f"{W}br")
                        )
                    )
    return "\n".join(paragraphs)


@pytest.mark.parametrize("name", FAILING)
@pytest.mark.parametrize("command", ["render", "validate"])
def test_bad_case_fails_with_located_messages(tmp_path, name, command):
    path = CORPUS / name
    out = tmp_path / "ut"
    args = [command, str(path)] + (["-o", str(out)] if command == "render" else [])
    result = run(*args)
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    assert_messages(result.stderr, path, EXPECTED[name])
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", RENDERING)
def test_odd_case_renders_as_written(tmp_path, name):
    result = run("render", str(CORPUS / name), "-o", str(tmp_path))
    assert_no_traceback(result)
    assert result.exit_code == 0, result.output
    docx = tmp_path / (Path(name).stem + ".docx")
    assert validate_docx(docx.read_bytes()) == []
    text = document_text(docx)
    for wanted in EXPECTED[name]["renders"]:
        assert wanted in text, f"{wanted!r} not in the document:\n{text}"


def test_template_syntax_in_case_text_is_not_run(tmp_path):
    run("render", str(CORPUS / "markdown-i-text.yaml"), "-o", str(tmp_path))
    assert "49" not in document_text(tmp_path / "markdown-i-text.docx")


def test_huge_file_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "enorm.yaml"
    with path.open("w", encoding="utf-8") as file:
        file.write("dokument: svar-på-motion\nredogörelse: |\n")
        line = "  " + "bla " * 30 + "\n"
        for _ in range(MAX_BYTES // len(line) + 10):
            file.write(line)
    result = run("render", str(path), "-o", str(tmp_path / "ut"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert_messages(result.stderr, path, ["1:1: filen är för stor"])
    assert "högst 1 048 576 byte" in result.stderr
    assert not (tmp_path / "ut").exists()


def test_a_broken_template_names_its_file_line_and_the_case(tmp_path):
    templates = tmp_path / "mallar"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", templates)
    kind = templates / "_default" / "svar-på-motion.md.j2"
    lines = kind.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("{% block sammanfattning %}")) + 1
    lines.insert(at, "{{ motion.finns_inte }}")  # inside a block: a child template renders only those
    kind.write_text("\n".join(lines), encoding="utf-8")
    case = CORPUS / "bom-crlf.yaml"
    result = run("render", str(case), "--mallar", str(templates), "-o", str(tmp_path / "ut"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert f"{kind}:{at + 1}:" in result.stderr and "finns_inte" in result.stderr and str(case) in result.stderr, result.stderr
    assert not (tmp_path / "ut").exists()

    lines[at] = "{% if %}"
    kind.write_text("\n".join(lines), encoding="utf-8")
    result = run("render", str(case), "--mallar", str(templates), "-o", str(tmp_path / "ut"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert f"{kind}:{at + 1}:" in result.stderr and str(case) in result.stderr, result.stderr


def test_sandbox_refuses_unsafe_template_code(tmp_path):
    templates = tmp_path / "mallar"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", templates)
    kind = templates / "_default" / "svar-på-motion.md.j2"
    text = kind.read_text(encoding="utf-8")
    kind.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n" + text, encoding="utf-8")
    result = run("render", str(CORPUS / "bom-crlf.yaml"), "--mallar", str(templates), "-o", str(tmp_path / "ut"))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert f"{kind}:1:" in result.stderr, result.stderr


def test_a_failed_render_keeps_the_earlier_draft(tmp_path):
    case = tmp_path / "ärende.yaml"
    case.write_bytes((CORPUS / "bom-crlf.yaml").read_bytes())
    out = tmp_path / "ut"
    assert run("render", str(case), "-o", str(out)).exit_code == 0
    before = (out / "ärende.docx").read_bytes()
    case.write_bytes((CORPUS / "manga-fel.yaml").read_bytes())
    result = run("render", str(case), "-o", str(out))
    assert result.exit_code == 1
    assert (out / "ärende.docx").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["ärende.docx"]


def test_a_draft_edited_in_word_is_not_overwritten_without_force(tmp_path):
    case = tmp_path / "ärende.yaml"
    case.write_bytes((CORPUS / "bom-crlf.yaml").read_bytes())
    out = tmp_path / "ut"
    assert run("render", str(case), "-o", str(out)).exit_code == 0
    draft = out / "ärende.docx"
    assert run("render", str(case), "-o", str(out)).exit_code == 0  # unchanged: re-rendered freely

    with zipfile.ZipFile(draft) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("Parken".encode(), "PARKEN".encode())
    with zipfile.ZipFile(draft, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    edited = draft.read_bytes()

    result = run("render", str(case), "-o", str(out))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert_messages(result.stderr, draft, ["1:1: filen har ändrats efter att drafter skrev den"])
    assert "--force" in result.stderr
    assert draft.read_bytes() == edited

    result = run("render", str(case), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert draft.read_bytes() != edited


def test_the_installed_command_reports_the_whole_corpus(tmp_path):
    """One real process, as a registrar runs it: every bad file at once."""
    drafter = ROOT / ".venv" / "bin" / "drafter"
    if not drafter.exists():
        drafter = Path(shutil.which("drafter") or "drafter")
    out = tmp_path / "ut"
    paths = [CORPUS / name for name in FAILING]
    done = subprocess.run(
        [str(drafter), "render", *map(str, paths), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internt fel" not in done.stderr
    for path in paths:
        assert_messages(done.stderr, path, EXPECTED[path.name])
    assert not out.exists() or not any(out.iterdir())


def test_a_file_with_thousands_of_problems_lists_the_first_fifty(tmp_path):
    path = tmp_path / "fel-överallt.yaml"
    path.write_text("".join(f"fält{i}: x\n" for i in range(400)), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == 51 and re.search(r"… och \d+ fel till, som inte visas", lines[-1])


# --- unfinished drafts, a municipality name no file system takes, a house style outside its folder ---


def _cli(*args: str):
    from click.testing import CliRunner

    from drafter.cli import main

    return CliRunner().invoke(main, list(args))


def test_a_placeholder_and_a_date_before_the_motion_stop_every_command_but_an_unfinished_draft(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "cases" / "exempel-svar-på-motion.yaml").read_text(encoding="utf-8")
    assert "datum: 2024-09-02" in text
    import re

    text = text.replace("datum: 2024-09-02", "datum: 2023-01-02", 1)
    text = re.sub(r"(?m)^diarienummer:.*$", "diarienummer: KS FYLL I", text, count=1)
    case = tmp_path / "ofärdig.yaml"
    case.write_text(text, encoding="utf-8")
    out = tmp_path / "ut"
    for args in (["validate", str(case)], ["render", str(case), "-o", str(out)]):
        result = _cli(*args)
        assert result.exit_code == 1, result.output
        assert "'FYLL I' står kvar" in result.output
        assert "ligger före motionens väckt-datum" in result.output
    assert not out.exists() or not list(out.iterdir())
    result = _cli("render", "--ofärdigt", str(case), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "varning: 'FYLL I' står kvar" in result.output
    assert "varning: skrivelsens datum 2023-01-02 ligger före" in result.output
    assert len(list(out.glob("*.docx"))) == 1


def test_a_municipality_name_too_long_for_a_file_name_is_an_error_at_its_line(tmp_path):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "cases" / "exempel-svar-på-motion.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("kommun:"))
    lines[number] = "kommun: " + "å" * 300
    case = tmp_path / "lång.yaml"
    case.write_text("\n".join(lines), encoding="utf-8")
    for args in (["validate", str(case)], ["render", str(case), "-o", str(tmp_path / "ut")]):
        result = _cli(*args)
        assert result.exit_code == 1, result.output
        assert f"{case}:{number + 1}:9: kommunprofilen" in result.output


def test_a_house_style_outside_the_profile_folder_is_refused_at_its_line(tmp_path):
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    templates = tmp_path / "mallar"
    shutil.copytree(root / "drafter" / "data" / "templates", templates)
    (tmp_path / "hemlig.docx").write_bytes((templates / "_default" / "stil.docx").read_bytes())
    profile = templates / "arboga" / "profil.yaml"
    original = profile.read_text(encoding="utf-8")
    case = tmp_path / "a.yaml"
    text = (root / "cases" / "arboga-integration.yaml").read_text(encoding="utf-8")
    case.write_text(text, encoding="utf-8")
    for style in ("../../hemlig.docx", str(tmp_path / "hemlig.docx"), "../_default/stil.docx"):
        profile.write_text(original + f"stil: '{style}'\n", encoding="utf-8")
        line = len(original.split("\n"))
        result = _cli("validate", "--mallar", str(templates), str(case))
        assert result.exit_code == 1, result.output
        assert f"{profile}:{line}:7: husstilen" in result.output and "profilens egen mapp" in result.output
