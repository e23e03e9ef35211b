"""Approved renderings: each sample case's Markdown beside it (``cases/NAME.md``), compared or approved."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from drafter.case.files import CASE_SUFFIXES
from drafter.case.rules import Finding
from drafter.ci.outcomes import SUITE_CASES, Outcome
from drafter.errors import Problem

APPROVED_SUFFIX = ".md"
# The other documents a case may give, by what their names add to the case's (drafter.text.extract).
DOCUMENT_SUFFIXES = ("-protokollsutdrag",)


def approved_path(case_file: Path, suffix: str = "") -> Path:
    """``cases/NAME.md``; for another document of the case (its protokollsutdrag), ``cases/NAME-protokollsutdrag.md``."""
    return case_file.with_name(case_file.stem + suffix + APPROVED_SUFFIX)




def compare_approved(
    case_file: Path, markdown: str, update: bool, updated: list[Path],
    origins: Callable[[], list[list[tuple[str, int]]] | None] = lambda: None, suffix: str = "",
) -> Outcome:
    """Compare a case's rendering with its approved copy (or approve it, with ``update``).
    ``origins`` gives the template lines behind each line of ``markdown``, to blame a change on."""
    approved_file = approved_path(case_file, suffix)
    outcome = Outcome(SUITE_CASES, str(case_file), "godkänd text" + (f" ({suffix.strip('-')})" if suffix else ""))
    if not approved_file.is_file():
        if update:
            outcome.detail = _diff("", markdown, approved_file)
            _write(approved_file, markdown)
            updated.append(approved_file)
            outcome.note = f"godkänd text skapad: {approved_file}"
        else:
            outcome.findings.append(
                Finding(Problem(str(case_file), 1, 1,
                                f"godkänd text saknas ({approved_file}) — granska texten med 'drafter preview {case_file}' "
                                "och godkänn den med 'drafter check --update'"))
            )
        return outcome
    approved = approved_file.read_text(encoding="utf-8").replace("\r\n", "\n")
    if approved == markdown:
        return outcome
    outcome.detail = _diff(approved, markdown, approved_file)
    if update:
        _write(approved_file, markdown)
        updated.append(approved_file)
        outcome.note = f"godkänd text uppdaterad: {approved_file}"
        return outcome
    old_lines, new_lines = approved.splitlines(), markdown.splitlines()
    changes = [op for op in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes() if op[0] != "equal"]
    first_line = changes[0][1] + 1 if changes else 1
    outcome.findings.append(
        Finding(Problem(str(approved_file), min(first_line, max(len(old_lines), 1)), 1,
                        f"den renderade texten skiljer sig från den godkända (för {case_file}) — "
                        "är ändringen avsiktlig, godkänn den med 'drafter check --update'"))
    )
    behind = origins()
    if behind is not None:
        for filename, line, message in _changed_origins(changes, behind, old_lines, new_lines):
            outcome.findings.append(Finding(Problem(filename, line, 1, f"{message} (när {case_file} renderades)")))
    return outcome


def orphaned_approved(case_files: list[Path]) -> list[Outcome]:
    """Approved copies left behind by a case file that was renamed or removed (a warning)."""
    folders = sorted({p.parent for p in case_files})
    outcomes = []
    for folder in folders:
        for approved in sorted(folder.glob(f"*{APPROVED_SUFFIX}")):
            if approved.stem.lower().startswith("readme"):
                continue
            stems = [approved.stem] + [approved.stem[: -len(s)] for s in DOCUMENT_SUFFIXES if approved.stem.endswith(s)]
            if not any(approved.with_name(stem + s).is_file() for stem in stems for s in CASE_SUFFIXES):
                outcomes.append(Outcome(SUITE_CASES, str(approved), "godkänd text utan ärende", [Finding(
                    Problem(str(approved), 1, 1, "godkänd text utan ärendefil bredvid — ta bort den om ärendet har tagits bort eller bytt namn"),
                    "warning",
                )]))
    return outcomes


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def _diff(old: str, new: str, approved_file: Path) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{approved_file} (godkänd)", tofile=f"{approved_file} (renderad nu)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _changed_origins(
    changes: list[tuple], origins: list[list[tuple[str, int]]], old_lines: list[str], new_lines: list[str]
) -> list[tuple[str, int, str]]:
    """The template lines behind each change, with a message: the lines that wrote the changed
    text, or for text that went missing, the nearest line that wrote text beside the gap."""
    found: dict[tuple[str, int], str] = {}
    for _tag, i1, i2, j1, j2 in changes:
        written = [(row, o) for row in range(j1, j2) for o in origins[row]] if j2 <= len(origins) else []
        for row, origin in written:
            found.setdefault(origin, f"mallraden ger text som skiljer sig från den godkända: '{new_lines[row].strip()[:80]}'")
        if written:
            continue
        missing = next((line.strip() for line in old_lines[i1:i2] if line.strip()), "")
        if not missing:
            continue
        before = next((origins[r] for r in range(min(j1, len(origins)) - 1, -1, -1) if origins[r]), [])
        after = next((origins[r] for r in range(j2, len(origins)) if origins[r]), [])
        for origin in (before[-1:] or after[:1]):
            found.setdefault(origin, f"text som den godkända har saknas efter det mallraden ger: '{missing[:80]}'")
    return [(f, line, message) for (f, line), message in found.items()]
