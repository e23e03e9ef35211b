"""Fuzzing: mutated sample cases never crash drafter (exit 3) or print a traceback.

Derandomised: input N is the same on every run (tests/fuzzing.py). The suite runs a couple of
hundred; ``DRAFTER_FUZZ=20000`` runs more (tools/fuzz.py runs many and keeps the crashes).
Each input also goes through both YAML parsers (libyaml's and PyYAML's), which must agree.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.case import composer, source
from drafter.cli import main
from drafter.errors import CaseError
from fuzzing import fuzz_input

COUNT = int(os.environ.get("DRAFTER_FUZZ", "200"))
HANG = 60  # seconds for one input: a hang bound, not a timing assertion


@contextmanager
def bounded(seconds: int):
    def hang(*_):
        raise TimeoutError(f"input took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_one(number: int, folder: Path) -> list[int]:
    """Run input ``number`` through validate and render; the exit codes."""
    case = folder / f"fuzz-{number}.yaml"
    case.write_bytes(fuzz_input(number))
    codes = []
    runner = CliRunner()
    render = ["render", str(case), "-o", str(folder / "ut"), "--force"] + (["--ofärdigt"] if number % 3 == 0 else [])
    for args in (["validate", str(case)], render):
        result = runner.invoke(main, args)
        output = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert result.exit_code != 3 and "Traceback" not in output, f"input {number}:\n{output}"
        assert result.exception is None or isinstance(result.exception, SystemExit), f"input {number}: {result.exception!r}"
        codes.append(result.exit_code)
    return codes


def parsers_agree(text: str) -> None:
    """libyaml's parser and PyYAML's give the same loaded file, or the same problems."""
    outcomes = []
    for parsers in (composer.composers, lambda: (composer.PythonComposer,)):
        source.composers = parsers
        try:
            loaded = source.load_text(text, "f.yaml", partial=True)
            outcomes.append((loaded.data, loaded.values, loaded.keys, loaded.spans, loaded.problems, loaded.doubtful))
        except CaseError as error:
            outcomes.append(error.problems)
        finally:
            source.composers = composer.composers
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("block", range(0, COUNT, 50))
def test_mutated_cases_never_crash(block: int, tmp_path: Path) -> None:
    for number in range(block, min(block + 50, COUNT)):
        with bounded(HANG):
            run_one(number, tmp_path)
            try:
                text = fuzz_input(number).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(text) <= source.MAX_BYTES:
                parsers_agree(text)
