"""A new case file for the half-yearly report of motions (drafter motioner --rapport): the period, the register folder and the motions past their year filled in."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from drafter.register.collect import Register
from drafter.register.rows import Row


def last_half_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last half-year that had ended before ``day``: January–June, or July–December."""
    if day.month >= 7:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year - 1, 7, 1), datetime.date(day.year - 1, 12, 31)


def report_case(register: Register, found: list[Row], folder: Path, target: Path, day: datetime.date, schema_ref: str) -> str:
    """The text of a report case file written at ``target`` on ``day``: the scaffold of
    ``drafter new`` for 'redovisning-av-motioner' with its register folder (relative to the
    file), the last half-year before ``day``, the town when the register has one, and a
    comment naming the motions past their year (candidates for 'avskrivs')."""
    from drafter.case.scaffold import scaffold

    start, end = last_half_year(day)
    towns = sorted({m.municipality for m in register.motions.values() if m.municipality})
    answers = {
        "redovisning.mapp": Path(os.path.relpath(folder.resolve(), target.parent.resolve())).as_posix(),
        "redovisning.från": start.isoformat(),
        "redovisning.till": end.isoformat(),
    }
    text = scaffold("redovisning-av-motioner", towns[0] if len(towns) == 1 else None, schema_ref, answers, today=day)
    listed = [r for r in found if not r.finished and r.raised is not None and r.raised <= end]
    late = [r for r in listed if r.deadline is not None and r.deadline <= end]
    note = [
        f"# Redovisningen av motioner som inte beretts färdigt den {end.isoformat()}: {len(listed)} motion(er) i "
        f"{folder}, varav {len(late)} efter ettårsdagen.",
        *(f"#   {r.number}: {r.title} (ettårsdag {r.deadline.isoformat()}, {r.state})" for r in late if r.deadline),
        "# Motioner som föreslås avskrivas skrivs under 'redovisning: avskrivs:'.",
        "",
    ]
    lines = text.split("\n")
    at = lines.index("") + 1  # after the scaffold's opening comment
    return "\n".join([*lines[:at], *note, *lines[at:]])
