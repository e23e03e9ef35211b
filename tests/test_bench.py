"""The bench runs end to end with tiny counts and reports ratios and word likeness for every sample."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(importlib.util.find_spec("docxtpl") is None,
                                reason="docxtpl is not installed: pip install -e .[bench]")


def test_quick_bench_reports_ratios_and_same_words(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--runs", "1", "--cli-runs", "1",
         "--batch", "7", "--profile-renders", "7", "--results", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    table = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert table == result.stdout
    assert "drafter/docxtpl docs/s" in table
    assert "drafter/docxtpl time" in table
    assert "floor/docxtpl time" in table  # the import floor under a cold render
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        row = next(line for line in table.splitlines() if line.startswith(f"| {case.stem} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3].endswith("×")
        assert float(cells[4]) >= 0.98  # docxtpl carries drafter's words
    assert "Where a warm memo's time goes" in table
    assert list(tmp_path.glob("bench-*.json"))
