"""A template that does too much work is a located error (exit 1), never a hang or a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DRAFTER = REPO / ".venv" / "bin" / "drafter"
CASE = REPO / "cases" / "alingsas-integration.yaml"
TOWN = "alingsas"

ATTACKS = {
    "range": "{% for i in range(10**9) %}x{% endfor %}",
    "repetition": "{{ 'x' * 4000000000 }}",
    "float repetition": "{{ 'x' * 4e9 }}",
    "list repetition": "{{ ([1] * 10**9) | length }}",
    "power": "{{ 7 ** (10**9) }}",
    "padding": "{{ 'x'.center(10**10) }}",
    "recursion": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "output": "{% for i in range(100000) %}{% for j in range(90) %}{{ 'y' * 1000 }}{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_runaway_template_is_a_located_error(attack: str, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "drafter" / "data" / "templates", templates)
    override = templates / TOWN / "svar-på-motion.md.j2"
    override.write_text("# Rubrik\n\nText.\n" + ATTACKS[attack] + "\n", encoding="utf-8")
    command = [str(DRAFTER)] if DRAFTER.exists() else [sys.executable, "-m", "drafter.cli"]
    result = subprocess.run(
        [*command, "preview", str(CASE), "--mallar", str(templates)],
        capture_output=True, text=True, timeout=300, env={**os.environ}, check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{override}:4:" in result.stderr, result.stderr
    assert "mallfel" in result.stderr and "Traceback" not in result.stderr


def test_drafter_check_reports_a_runaway_template_too(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "drafter" / "data" / "templates", templates)
    override = templates / TOWN / "svar-på-motion.md.j2"
    override.write_text("# Rubrik\n\nText.\n" + ATTACKS["recursion"] + "\n", encoding="utf-8")
    command = [str(DRAFTER)] if DRAFTER.exists() else [sys.executable, "-m", "drafter.cli"]
    result = subprocess.run(
        [*command, "check", str(CASE), str(templates), "-j", "2"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{override}:4:1: fel: mallfel: mallen anropar sig själv" in result.stdout, result.stdout


def test_the_render_path_never_imports_drafter_ci() -> None:
    code = "import sys, drafter.pipeline, drafter.cli.render; print(sorted(m for m in sys.modules if m.startswith('drafter.ci')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True).stdout
    assert out.strip() == "[]"
