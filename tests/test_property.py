"""Whatever a case file holds, drafter either writes a valid document or says, in Swedish
and at a line of the file, what is wrong: never a traceback.

Hypothesis feeds generated and mutated case files through the pipeline as the CLI runs it
(load → validate → template → .docx). Examples are derandomized, so CI runs the same ones
every time; a failure prints the file that caused it.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import docx
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from drafter import pipeline
from drafter.cli import main
from drafter.errors import DrafterError
from drafter.case.source import load_file
from drafter.case.model import Case
from drafter.ci.xsd import validate_docx
from drafter.case.validation import validate

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "drafter" / "data" / "templates"
SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "cases").glob("*.yaml"))]
SAMPLES.append((ROOT / "tests" / "bad_cases" / "bom-crlf.yaml").read_bytes().decode("utf-8-sig").replace("\r\n", "\n"))
SAMPLE_DATA = [yaml.safe_load(text) for text in SAMPLES]
WORKDIR = Path(tempfile.mkdtemp(prefix="drafter-property-"))

# DRAFTER_PROPERTY_SCALE=10 runs ten times as many examples, random ones, to hunt for new bugs.
SCALE = int(os.environ.get("DRAFTER_PROPERTY_SCALE", "1"))
COMMON = dict(
    deadline=None,
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
# Messages must be the user's language: these would be pydantic's or PyYAML's own words.
ENGLISH = re.compile(r"Input should|unable to|valid string|expected|found|\bnot allowed\b|Traceback")


# --- checking one file ------------------------------------------------------------------------

_counter = iter(range(10**9))


def case_file(content: bytes) -> Path:
    path = WORKDIR / f"ärende-{next(_counter)}.yaml"
    path.write_bytes(content)
    return path


def _lines(path: Path) -> list[str] | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_located(problems, case: Path) -> None:
    assert problems, "an error without any message"
    for problem in problems:
        where = Path(problem.file)
        assert where == case or where.resolve().is_relative_to(TEMPLATES.resolve()), str(problem)
        assert problem.message and not ENGLISH.search(problem.message.split(" (YAML: ")[0]), str(problem)
        lines = _lines(where)
        if lines is None:  # not UTF-8: the message is about that, at its first byte
            assert "UTF" in problem.message, str(problem)
            continue
        assert 1 <= problem.line <= len(lines), f"{problem} (the file has {len(lines)} lines)"
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, f"{problem}: column outside its line"


def check_render(content: bytes) -> str:
    """Run one file through the pipeline; 'rendered' or 'refused' (anything else fails)."""
    path = case_file(content)
    try:
        data = pipeline.build_docx(pipeline.draft(path, TEMPLATES))
    except DrafterError as error:
        assert_located(error.problems, path)
        return "refused"
    assert validate_docx(data) == []
    docx.Document(io.BytesIO(data))  # python-docx opens it
    return "rendered"


def check_validate(content: bytes) -> None:
    path = case_file(content)
    try:
        validate(load_file(path, partial=True), Case)
    except DrafterError as error:
        assert_located(error.problems, path)


# --- strategies -------------------------------------------------------------------------------

NASTY = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x96", "\u2028", "\u2029",
    "\ufeff", "\ufffe", "\ud800", "\u00a0", "\u00ad", "\u200b", "\t", "\r", "\n", "\\", ":", ": ", " #", "#",
    "-", "- ", "?", '"', "'", "*", "&", "!", "!!", "%", "@", "`", "|", ">", "{", "}", "[", "]", ",", "~",
    "<<: ", "---", "...", "[^1]", "[^1]: ", "{{ x }}", "{% if %}", "{#", ":::", "::: x", "# ", "1. ", "2025. ",
    "> ", "**", "_", "```", "<b>", "&amp;", "{sida}", "å", "ä", "ö", "é", "ß", "😀", "\u0301", "𝔘",
]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=6).map("".join)


@st.composite
def mutated_sample(draw) -> bytes:
    """A sample case with a few typing mistakes: lines deleted, duplicated, swapped or
    re-indented, characters swapped or inserted, values replaced."""
    lines = draw(st.sampled_from(SAMPLES)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        action = draw(
            st.sampled_from(["delete", "duplicate", "swap-lines", "indent", "dedent", "tab", "swap-chars", "insert", "value"])
        )
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, line)
        elif action == "swap-lines" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 4)) + line
        elif action == "dedent":
            lines[i] = line[draw(st.integers(1, 4)) :] if line.startswith(" ") else line
        elif action == "tab":
            lines[i] = re.sub(r"^ +", "\t", line) if line.startswith(" ") else "\t" + line
        elif action == "swap-chars" and len(line) >= 2:
            j = draw(st.integers(0, len(line) - 2))
            lines[i] = line[:j] + line[j + 1] + line[j] + line[j + 2 :]
        elif action == "insert":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(nasty_text) + line[j:]
        elif action == "value" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + draw(nasty_text)
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 12 + ["utf-8-sig", "crlf", "cp1252", "utf-16"]))
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    if encoding in ("cp1252", "utf-16"):
        return text.encode(encoding, errors="replace")
    return text.encode(encoding, "surrogatepass")


def _leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, path + (i,))
    yield path


scalar = st.one_of(
    nasty_text,
    st.text(max_size=30),
    st.booleans(),
    st.none(),
    st.integers(-10, 10**12),
    st.sampled_from(["2024-01-15", "2024-02-30", "0", "ja", "NO", "1:20", "0701234567", "[^1]", "- x", "true", ""]),
)
structure = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=12), nasty_text), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def restructured_sample(draw) -> bytes:
    """A sample case with texts replaced by random (often hostile) text, values replaced by
    random structures or removed, and random fields added, written out by a YAML library
    in block or flow style."""
    data = draw(st.sampled_from(SAMPLE_DATA))
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    paths = [p for p in _leaves(data) if p]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part] if isinstance(parent, (dict, list)) and _has(parent, part) else None
        if parent is None or not _has(parent, path[-1]):
            continue
        action = draw(st.sampled_from(["text"] * 6 + ["structure", "delete"]))
        if action == "text" and isinstance(parent[path[-1]], str):
            parent[path[-1]] = draw(st.one_of(nasty_text, st.text(min_size=1, max_size=40)))
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action != "text":
            parent[path[-1]] = draw(structure)
    if draw(st.integers(0, 4)) == 0:
        data[draw(st.text(max_size=10))] = draw(structure)
    flow = draw(st.sampled_from([False, None, True]))
    width = draw(st.sampled_from([40, 80, 10**6]))
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False, width=width)
    return text.encode("utf-8", "surrogatepass")


def _has(container, key) -> bool:
    return key in container if isinstance(container, dict) else isinstance(key, int) and 0 <= key < len(container)


# --- the properties -------------------------------------------------------------------------------


@settings(max_examples=700 * SCALE, **COMMON)
@given(mutated_sample())
@example("dokument: svar-på-motion\nredogörelse: |\n  text[^1]\n\n  [^1]: a\n  [^1]: b\n".encode())
def test_mutated_samples_render_or_are_located(content):
    event(check_render(content))


@settings(max_examples=600 * SCALE, **COMMON)
@given(restructured_sample())
@example('dokument: svar-på-motion\nhandläggare:\n  "\\uD800": null\n'.encode())
def test_restructured_samples_render_or_are_located(content):
    event(check_render(content))


@settings(max_examples=1500 * SCALE, **COMMON)
@given(st.one_of(st.text(max_size=200), st.lists(nasty_text, max_size=30).map("\n".join)).map(lambda t: t.encode("utf-8", "surrogatepass")))
@example(b"---")  # a lone document marker: libyaml marks its empty value on a line the file does not have
def test_arbitrary_text_is_located(content):
    check_validate(content)


@settings(max_examples=300 * SCALE, **COMMON)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_located(content):
    check_validate(content)


@settings(max_examples=80 * SCALE, **COMMON)
@given(mutated_sample())
def test_the_cli_exits_with_0_or_1_and_writes_only_valid_drafts(content):
    path = case_file(content)
    out = WORKDIR / f"ut-{path.stem}"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out), "--mallar", str(TEMPLATES)])
    assert "Traceback" not in result.output and "internt fel" not in result.output, result.output
    assert result.exit_code in (0, 1), result.output
    written = list(out.iterdir()) if out.exists() else []
    if result.exit_code == 1:
        assert written == []
        assert any(line.startswith(f"{path}:") for line in result.stderr.splitlines()), result.stderr
    else:
        assert [p.name for p in written] == [f"{path.stem}.docx"]
