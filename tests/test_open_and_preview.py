"""render --öppna opens what it wrote; preview prints the memo as text a person reads."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main, opening
from drafter.text.plaintext import readable

ROOT = Path(__file__).resolve().parents[1]
ARBOGA = ROOT / "cases" / "arboga-integration.yaml"
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))


@pytest.fixture
def opened(monkeypatch):
    paths: list[Path] = []
    monkeypatch.setattr(opening, "open_file", paths.append)
    return paths


def test_render_oppna_opens_each_written_draft(opened, tmp_path):
    result = CliRunner().invoke(main, ["render", "--öppna", str(ARBOGA), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert opened == [tmp_path / "arboga-integration.docx"]


def test_render_without_oppna_opens_nothing(opened, tmp_path):
    assert CliRunner().invoke(main, ["render", str(ARBOGA), "-o", str(tmp_path)]).exit_code == 0
    assert opened == []


def test_render_pdf_oppna_opens_the_pdf(opened, tmp_path):
    from drafter.pdf.convert import libreoffice

    if libreoffice() is None:
        pytest.skip("LibreOffice saknas: installera med 'apt-get install -y --no-install-recommends "
                    "libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito'")
    result = CliRunner().invoke(main, ["render", "--pdf", "--öppna", str(ARBOGA), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert opened == [tmp_path / "arboga-integration.pdf"]


def test_a_file_that_cannot_be_opened_is_a_warning(monkeypatch, tmp_path):
    def missing(path):
        raise FileNotFoundError(2, "No such file or directory", "xdg-open")

    monkeypatch.setattr(opening, "open_file", missing)
    monkeypatch.setattr(opening.sys, "platform", "linux")
    result = CliRunner().invoke(main, ["render", "--öppna", str(ARBOGA), "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert (f"{tmp_path / 'arboga-integration.docx'}:1:1: varning: kunde inte öppna filen: "
            "programmet som öppnar filer (xdg-open) saknas") in result.output


def test_open_file_uses_the_systems_opener(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **kwargs: started.append(command))
    for platform, program in (("linux", "xdg-open"), ("darwin", "open")):
        monkeypatch.setattr(opening.sys, "platform", platform)
        opening.open_file(tmp_path / "x.docx")
        assert started[-1] == [program, str(tmp_path / "x.docx")]


# --- preview ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", SAMPLES, ids=lambda p: p.stem)
def test_preview_shows_no_markup(case):
    result = CliRunner().invoke(main, ["preview", "--ofärdigt", str(case)])
    assert result.exit_code == 0, result.output
    for markup in (":::", "**", "{sida}", "{sidor}", "[^", "\\\n", "# "):
        assert markup not in result.stdout, markup


def test_preview_of_a_memo():
    text = CliRunner().invoke(main, ["preview", str(ARBOGA)]).stdout
    lines = text.splitlines()
    title = "Svar på motion – Utveckla integrationsarbetet i Arboga kommun"
    assert lines[lines.index(title) + 1] == "=" * len(title)
    assert lines[lines.index("Förslag till beslut") + 1] == "-------------------"
    assert "1. Motionen anses besvarad med hänvisning till förvaltningens redogörelse." in lines
    assert "• att det tas fram former för uppföljning och utvärdering för det fortsatta" in lines
    assert "från flera verksamhetsområden.[1] Därför är det viktigt att ett sådant" in lines
    assert lines[-4:] == ["Fotnoter", "--------", "",
                          "[1] Regeringens styrning i tvärsektoriella frågor (Statskontoret 2022)"]
    assert all(len(line) <= 78 for line in lines)
    assert "Dnr: KS 2023/00412" in lines and not any(line.strip() in ("1(2)", "()") for line in lines)


def test_preview_markdown_keeps_the_markdown():
    text = CliRunner().invoke(main, ["preview", "--markdown", str(ARBOGA)]).stdout
    assert text == ARBOGA.with_suffix(".md").read_text(encoding="utf-8")


def test_readable_lists_tables_and_layout_parts():
    markdown = """\
::::: förstasidhuvud
**Ekby kommun**\\
Sida {sida}({sidor})
:::::

::::: sidhuvud
Ekby kommun {sida}
:::::

::::: förstasidfot
Handläggare: Eva
:::::

# Rubrik

3. tredje
4. fjärde
   - under

| År | Kostnad |
|----|--------:|
| 2024 | 10 000 |

Se [webben](https://ekby.se).[^a]

[^a]: En not.
"""
    assert readable(markdown) == """\
Ekby kommun
Sida

Rubrik
======

3. tredje
4. fjärde
   • under

År    Kostnad
----  -------
2024  10 000

Se webben (https://ekby.se).[1]

Fotnoter
--------

[1] En not.

____________________

Handläggare: Eva
"""
