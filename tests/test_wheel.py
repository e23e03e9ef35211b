"""A wheel built from the repository installs and runs outside the checkout.

This is what a municipality's IT staff do (`pip install --user`, a venv, pipx): the bundled
templates, profiles, house styles and schemas must come with the package and be found through
importlib.resources, wherever the package lies. The test builds the wheel as pip would, unpacks
it into a folder of its own (as an installation does) and renders a sample case from there, with
the checkout out of sight.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if built.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{built.stdout}\n{built.stderr}")
    [found] = out.glob("drafter-*.whl")
    return found


def test_the_wheel_holds_every_municipality(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    towns = [p.name for p in (ROOT / "drafter" / "data" / "templates").iterdir() if p.is_dir()]
    assert len(towns) >= 4
    for town in towns:
        assert f"drafter/data/templates/{town}/profil.yaml" in names, town
    assert "drafter/data/templates/_default/stil.docx" in names
    assert "drafter/data/schema/arende.schema.json" in names


def test_an_installed_copy_renders_a_case_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    work = tmp_path / "work"  # no templates/, no checkout: only what the wheel brought
    work.mkdir()
    case = work / "ärende.yaml"
    case.write_bytes((ROOT / "cases" / "arboga-integration.yaml").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_MALLAR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)  # dependencies come from this interpreter's site-packages
    program = (
        "import sys, drafter; from drafter.cli import main\n"
        f"assert drafter.__file__.startswith({str(site)!r}), drafter.__file__\n"
        "sys.argv = ['drafter', 'render', 'ärende.yaml', '-o', 'ut']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=work, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ut/ärende.docx"
    text = "\n".join(p.text for p in Document(str(work / "ut" / "ärende.docx")).paragraphs)
    assert "Utveckla integrationsarbetet i Arboga kommun" in text
