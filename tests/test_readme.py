"""The README's example case file is a valid case: the tour must not go stale."""

import re
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_case_validates(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
    case = tmp_path / "readme.yaml"
    case.write_text(example, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(case)])
    assert result.exit_code == 0, result.output
