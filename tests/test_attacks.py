"""Hostile inputs within the file limit: each is read in linear time, with a bounded report.

Every input runs ``drafter validate`` and ``drafter render`` in a subprocess with a generous
hang bound (never a timing assertion): a quadratic scan or a backtracking regex would blow it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.case.source import MAX_BYTES

HEAD = """\
dokument: tjänsteskrivelse
kommun: exempel
diarienummer: KS 1
datum: 2024-01-15
förvaltning: F
handläggare: {namn: A}
mottagare: KS
rubrik: R
beslutspunkter: [Planen antas.]
"""
HANG = 120  # seconds: two shared cores and a 1 MiB file; a quadratic path takes hours


def markdown(lines: list[str]) -> str:
    return HEAD + "redogörelse: |\n" + "".join(f"  {line}\n" for line in lines)


def attacks() -> dict[str, str]:
    n = 150_000
    return {
        "backticks": markdown([("`" * k + " a`b ") for k in range(1000, 5000, 250)] * 6),
        "backtick-pairs": markdown(["`" * 3000 + "x" + "`" * 2999] * 30),
        "open-footnotes": markdown(["[^" * 50_000]),
        "one-footnote-150k": markdown(["[^1] " * 20] * (n // 20) + ["", "[^1]: Text."]),
        "40k-footnotes": markdown([f"A[^{i}]." for i in range(38_000)] + [""] + [f"[^{i}]: T" for i in range(38_000)]),
        "40k-undefined": markdown([f"A[^{i}]." for i in range(40_000)]),
        "fences-100k": markdown([":::"] * 100_000),
        "distinct-fences": markdown([f"::: x{i}" for i in range(60_000)]),
        "images-100k": markdown(["![a](b)"] * 100_000),
        "control-1mb": HEAD + "redogörelse: \"" + "\x0b" * 1_000_000 + "\"\n",
        "wide-table": markdown(["| a | b |", "|---|---|", "|x" * 150_000 + "|"]),
        "long-table": markdown(["| a |", "|---|"] + ["| x | y |"] * 60_000),
        "nested-quotes": markdown(["> " * 100_000 + "[^1]: x"]),
        "nested-lists": markdown(["- " * 100_000 + "[^1]: x"]),
        "flow-list": HEAD.replace("beslutspunkter: [Planen antas.]", "beslutspunkter: [" + ", ".join(["a" * 90] * 9000) + "]"),
        "comments": HEAD + "redogörelse: x\nskickas-till: [" + ", ".join(["a #b"] * 9000) + "]\n",
        "backslashes": markdown(["\\" * 200_000 + "[^1]"]),
        "emphasis": markdown(["*a _" * 50_000]),
        "brackets": markdown(["[" * 100_000 + "]" * 100_000]),
    }


RENDERED = {"backticks", "backtick-pairs", "brackets", "emphasis", "long-table", "wide-table"}


def run(*args: str) -> subprocess.CompletedProcess:
    code = "import sys; from drafter.cli import main; sys.argv = ['drafter', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=HANG)


@pytest.mark.parametrize("name", sorted(attacks()))
def test_a_hostile_case_is_answered_in_linear_time(name: str, tmp_path: Path) -> None:
    text = attacks()[name]
    assert len(text.encode("utf-8")) <= MAX_BYTES, "the attack must stay within the file limit"
    case = tmp_path / f"{name}.yaml"
    case.write_text(text, encoding="utf-8")
    # validate runs the whole pipeline but the writing; render too where the text is valid.
    commands = [["validate", str(case)]]
    if name in RENDERED:
        commands.append(["render", str(case), "-o", str(tmp_path / "ut")])
    for args in commands:
        result = run(*args)
        assert result.returncode in (0, 1), result.stderr[-2000:]
        assert "Traceback" not in result.stderr and "internt fel" not in result.stderr
        assert len(result.stderr.splitlines()) <= 60  # the message cap holds
        if result.returncode == 1:
            assert f"{case}:" in result.stderr
