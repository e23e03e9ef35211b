"""The same case and templates always give the same bytes: in one process, in separate
processes (other hash seeds, time zones and working folders), and through the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import build_docx, draft

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "cases").glob("*.yaml"))

# Prints {case: sha256 of its .docx} for the case files given as arguments.
_HASHES = """
import hashlib, json, sys
from drafter.pipeline import build_docx, draft
print(json.dumps({p: hashlib.sha256(build_docx(draft(p, sys.argv[1]))).hexdigest() for p in sys.argv[2:]}))
"""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_there_are_sample_cases():
    assert CASES


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_rendering_twice_gives_identical_bytes(case):
    first = build_docx(draft(case, ROOT / "drafter" / "data" / "templates"))
    second = build_docx(draft(case, ROOT / "drafter" / "data" / "templates"))
    assert first == second


def test_separate_processes_give_identical_bytes(tmp_path):
    here = {str(case): sha(build_docx(draft(case, ROOT / "drafter" / "data" / "templates"))) for case in CASES}
    results = []
    for seed, zone in (("1", "Pacific/Auckland"), ("4242", "America/Los_Angeles")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": zone}
        done = subprocess.run(
            [sys.executable, "-c", _HASHES, str(ROOT / "drafter" / "data" / "templates"), *map(str, CASES)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,  # not the checkout: nothing may depend on the working folder
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        results.append(json.loads(done.stdout))
    assert results[0] == here
    assert results[1] == here


def test_the_cli_writes_the_same_bytes(tmp_path):
    result = CliRunner().invoke(main, ["render", *map(str, CASES), "-o", str(tmp_path), "--mallar", str(ROOT / "drafter" / "data" / "templates")])
    assert result.exit_code == 0, result.output
    for case in CASES:
        written = (tmp_path / f"{case.stem}.docx").read_bytes()
        assert written == build_docx(draft(case, ROOT / "drafter" / "data" / "templates"))
