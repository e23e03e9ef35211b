"""The pipeline reuses a profile's environment, yet always sees an edited profile or template."""

import os
import shutil
import time
from pathlib import Path

from drafter.pipeline import draft

ROOT = Path(__file__).resolve().parents[1]


def test_edits_to_profile_and_template_are_seen_in_one_process(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "drafter" / "data" / "templates", templates)
    case = ROOT / "cases" / "arboga-integration.yaml"
    assert "**Arboga kommun**" in draft(case, templates).markdown

    profile = templates / "arboga" / "profil.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("namn: Arboga kommun", "namn: Arboga stad"), encoding="utf-8")
    _touch_later(profile)
    assert "**Arboga stad**" in draft(case, templates).markdown

    template = templates / "_default" / "dokument.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nEn ny sista rad.\n", encoding="utf-8")
    _touch_later(template)
    assert draft(case, templates).markdown.rstrip().endswith("En ny sista rad.")


def _touch_later(path: Path) -> None:
    """Move the file's time forward, as a later edit on a coarse-grained file system would."""
    later = time.time() + 5
    os.utime(path, (later, later))
