"""How fast is drafter next to docxtpl and pandoc on the same memos? Ratios measured side by side in one run.

    .venv/bin/python bench/run.py            # the full run (make bench), several minutes
    .venv/bin/python bench/run.py --quick    # tiny counts: a smoke test, not a measurement

Sections: (1) in-process, warm: drafter vs docxtpl on each of the samples, same text in
the same house style (checked word for word); (2) cold command line: whole processes; (3) pandoc,
process vs process; (4) a batch of copies of the samples through ``drafter render -j 2``,
``drafter validate`` and ``drafter check``; (5) a cProfile of where a warm memo's time goes.
The tables are printed and written to bench/results/ (git-ignored). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent / "competitors")]

import harness  # noqa: E402
import stages  # noqa: E402
import wordcheck  # noqa: E402
from harness import RESULTS, ROOT  # noqa: E402

from drafter import pipeline  # noqa: E402
from drafter.text import markdown  # noqa: E402

MIN_LIKENESS = 0.98
TARGETS = {"inprocess": "≥ 2.5×", "cli": "≤ 1.5×", "batch": "≤ 10 s", "check": "≤ 15 s"}


class NotTheSameText(SystemExit):
    pass


def drafter_memo(case: Path) -> bytes:
    # The bench renders the same few cases again and again, where a batch renders different
    # ones. drafter keeps a case's parsed Markdown texts (so that its rules and its view parse
    # each once); here that would answer every repeat, so it is emptied first. What drafter keeps
    # for a town (profile, templates, house style) and a register folder stays, as in a batch.
    markdown.parse_field.cache_clear()
    return pipeline.document(case)[0]


# --- (1) in-process -----------------------------------------------------------------------------

def inprocess(cases: list[Path], templates: dict[Path, Path], runs: int) -> dict:
    import docxtpl_render

    rows = {}
    for case in cases:
        ours, theirs = drafter_memo(case), docxtpl_render.render(case, templates[case])
        mine, other = wordcheck.words(ours), wordcheck.words(theirs)
        like = wordcheck.likeness(mine, other)
        if like < MIN_LIKENESS:
            raise NotTheSameText(f"{case.name}: docxtpl's words differ from drafter's (likeness {like:.3f} < "
                                 f"{MIN_LIKENESS}): {wordcheck.difference(mine, other)}")
        (RESULTS / "out").mkdir(parents=True, exist_ok=True)
        (RESULTS / "out" / f"{case.stem}.drafter.docx").write_bytes(ours)
        (RESULTS / "out" / f"{case.stem}.docxtpl.docx").write_bytes(theirs)
        t = harness.interleaved({"drafter": lambda: drafter_memo(case),
                                 "docxtpl": lambda: docxtpl_render.render(case, templates[case])}, runs)
        rows[case.stem] = {**t, "ratio": t["docxtpl"] / t["drafter"], "likeness": like, "words": sum(mine.values())}
    drafter_total = sum(r["drafter"] for r in rows.values())
    docxtpl_total = sum(r["docxtpl"] for r in rows.values())
    return {"runs": runs, "cases": rows,
            "drafter_docs_per_s": len(rows) / drafter_total, "docxtpl_docs_per_s": len(rows) / docxtpl_total,
            "ratio": docxtpl_total / drafter_total,
            "geomean": statistics.geometric_mean([r["ratio"] for r in rows.values()])}


# --- (2) and (3) whole processes -------------------------------------------------------------------

def pandoc_inputs(cases: list[Path], work: Path) -> dict[Path, tuple[Path, Path]]:
    """Per case: drafter's Markdown in pandoc's dialect, written to a file, and the house style."""
    import pandoc_memo

    out = {}
    for case in cases:
        d = pipeline.draft(case)
        md = work / f"{case.stem}.pandoc.md"
        md.write_text(pandoc_memo.adapt(d.markdown), encoding="utf-8")
        out[case] = (md, d.profile.style)
    return out


def processes(cases: list[Path], templates: dict[Path, Path], rounds: int, work: Path, have_pandoc: bool) -> dict:
    """Whole processes, taking turns round by round; round i renders sample i mod 7 with every tool."""
    drafter_exe = str(Path(sys.executable).parent / "drafter")
    script = str(ROOT / "bench" / "competitors" / "docxtpl_render.py")
    inputs = pandoc_inputs(cases, work) if have_pandoc else {}
    out = work / "cli"
    out.mkdir()

    def commands(case: Path) -> dict[str, list[str]]:
        cmds = {"python -c pass": [sys.executable, "-c", "pass"],
                "drafter render": [drafter_exe, "render", str(case), "-o", str(out / "drafter")],
                "docxtpl script": [sys.executable, script, str(case), str(out / f"{case.stem}.docxtpl.docx"),
                                   f"--template={templates[case]}"],
                "library floor": [sys.executable, str(ROOT / "bench" / "library_floor.py")]}
        if have_pandoc:
            md, style = inputs[case]
            cmds["pandoc"] = ["pandoc", "-f", "markdown", "-t", "docx", f"--reference-doc={style}",
                              "-o", str(out / f"{case.stem}.pandoc.docx"), str(md)]
        return cmds

    for cmd in commands(cases[0]).values():  # warm-up: bytecode cache, disk cache
        harness.process(cmd)
    times: dict[str, list[float]] = {}
    for i in range(rounds):
        case = cases[i % len(cases)]
        (out / "drafter").mkdir(exist_ok=True)
        shutil.rmtree(out / "drafter")  # a fresh folder: no earlier draft to compare with
        for name, cmd in commands(case).items():
            times.setdefault(name, []).append(harness.process(cmd)[0])
    result = {"rounds": rounds, "median": {k: statistics.median(v) for k, v in times.items()}}
    if have_pandoc:  # the words pandoc's documents carry, against drafter's
        result["pandoc_likeness"] = {}
        for case in cases:
            md, style = inputs[case]
            target = out / f"{case.stem}.pandoc.docx"
            harness.process(commands(case)["pandoc"])
            result["pandoc_likeness"][case.stem] = wordcheck.likeness(
                wordcheck.words(drafter_memo(case)), wordcheck.words(target.read_bytes()))
            shutil.copyfile(target, RESULTS / "out" / target.name)
    return result


# --- (4) batch -------------------------------------------------------------------------------------

def make_batch(cases: list[Path], size: int, folder: Path) -> None:
    """``size`` copies of the samples, each with its own file name and diarienummer, and an approved
    text (the sample's .md with the same diarienummer) beside it, for ``drafter check``. A report
    over a register reads the samples' folder, as the sample does: its text stays the approved one."""
    folder.mkdir(parents=True)
    for i in range(size):
        case = cases[i % len(cases)]
        text, approved = case.read_text(encoding="utf-8"), case.with_suffix(".md").read_text(encoding="utf-8")
        number = re.search(r"^diarienummer:\s*(.+?)\s*$", text, re.M).group(1)
        serial = re.search(r"[/.](\d+)", number)
        width = len(serial.group(1))
        new = number[:serial.start(1)] + str(i % 10**width).zfill(width) + number[serial.end(1):]
        name = f"{i:04d}-{case.stem}-{re.sub(r'[^0-9A-Za-z]+', '-', new).strip('-').lower()}"
        # In the Markdown a punctuation mark of the number may be escaped ("2017\\.446 KS").
        escaped = "".join(re.escape(c) if c.isalnum() or c == " " else r"\\?" + re.escape(c) for c in number)
        sep, digits = serial.group(0)[0], serial.group(1)
        renumber = lambda m: re.sub(re.escape(sep) + digits, lambda _: sep + new[serial.start(1):serial.start(1) + width],  # noqa: E731
                                    m.group(0), count=1)
        # A report over a register ('mapp: .') reads the sample's own folder, not the copies.
        text = re.sub(r"^(\s+mapp:\s*)(.+?)\s*$", lambda m: m.group(1) + str((case.parent / m.group(2)).resolve()), text, flags=re.M)
        (folder / f"{name}.yaml").write_text(text.replace(number, new), encoding="utf-8")
        (folder / f"{name}.md").write_text(re.sub(escaped, renumber, approved), encoding="utf-8")


def batch(cases: list[Path], size: int, work: Path) -> dict:
    drafter_exe = str(Path(sys.executable).parent / "drafter")
    folder = work / "batch"
    make_batch(cases, size, folder)
    result = {"size": size, "samples": len(cases)}
    runs = {
        "render -j 2": [drafter_exe, "render", str(folder), "-o", str(work / "batch-out"), "-j", "2"],
        "validate": [drafter_exe, "validate", str(folder)],
        "check (the copies)": [drafter_exe, "check", str(folder)],
        "check (as is: cases/, templates)": [drafter_exe, "check"],
    }
    for name, cmd in runs.items():
        seconds, rss, code = harness.process(cmd, check=False)
        result[name] = {"seconds": seconds, "peak_rss_mb": rss / 1024, "exit": code}
        if name == "render -j 2":
            written = len(list((work / "batch-out").glob("*.docx")))
            result[name]["written"] = written
    return result


# --- tables ----------------------------------------------------------------------------------------

def report(r: dict) -> list[str]:
    m, ip = r["machine"], r["inprocess"]
    lines = [f"drafter bench, {r['date']} — {m['cpu']}, nproc {m['nproc']}, Python {m['python']}, "
             f"git {m['git']}, load average at start {', '.join(f'{x:.2f}' for x in m['load_average'] or [])}",
             f"mode: {r['mode']}", ""]
    lines += ["| measure | drafter | competitor | ratio | target |", "| --- | --- | --- | --- | --- |"]
    if ip:
        lines.append(f"| in-process, warm, {len(ip['cases'])} samples (median of {ip['runs']}) | {ip['drafter_docs_per_s']:.1f} docs/s | "
                     f"docxtpl {ip['docxtpl_docs_per_s']:.1f} docs/s | **{ip['ratio']:.2f}×** drafter/docxtpl docs/s "
                     f"(geometric mean per sample {ip['geomean']:.2f}×) | {TARGETS['inprocess']} |")
    cli = r["processes"]["median"]
    n = r["processes"]["rounds"]
    lines.append(f"| cold CLI, one case, whole process (median of {n}) | {cli['drafter render']:.3f} s | docxtpl script "
                 f"{cli['docxtpl script']:.3f} s | **{cli['drafter render'] / cli['docxtpl script']:.2f}×** "
                 f"drafter/docxtpl time | {TARGETS['cli']} |")
    if "pandoc" in cli:
        lines.append(f"| pandoc, process vs process (median of {n}) | {cli['drafter render']:.3f} s | pandoc "
                     f"{cli['pandoc']:.3f} s | **{cli['drafter render'] / cli['pandoc']:.2f}×** drafter/pandoc time | — |")
    lines.append(f"| Python start-up alone (`python -c pass`) | {cli['python -c pass']:.3f} s | | | |")
    if "library floor" in cli:  # older results files lack it
        lines.append(f"| importing drafter's libraries alone (`bench/library_floor.py`) | {cli['library floor']:.3f} s | "
                     f"docxtpl script {cli['docxtpl script']:.3f} s | {cli['library floor'] / cli['docxtpl script']:.2f}× "
                     f"floor/docxtpl time | |")
    b = r["batch"]
    for name, row in b.items():
        if name in ("size", "samples"):
            continue
        target = TARGETS["batch"] if name.startswith("render") else TARGETS["check"] if name == "check (the copies)" else ""
        count = b.get("samples", 7) if "as is" in name else b["size"]
        extra = f", {row['written']} written" if "written" in row else ""
        lines.append(f"| `drafter {name}`, {count} cases | {row['seconds']:.2f} s ({count / row['seconds']:.0f}/s), "
                     f"peak RSS {row['peak_rss_mb']:.0f} MB, exit {row['exit']}{extra} | | | {target} |")
    lines.append("")
    if ip:
        lines += ["| sample | drafter | docxtpl | drafter/docxtpl docs/s | same words (docxtpl) | same words (pandoc) | words |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for name, row in ip["cases"].items():
            pandoc = r["processes"].get("pandoc_likeness", {}).get(name)
            lines.append(f"| {name} | {row['drafter'] * 1000:.1f} ms | {row['docxtpl'] * 1000:.1f} ms | {row['ratio']:.2f}× "
                         f"| {row['likeness']:.3f} | {f'{pandoc:.3f}' if pandoc is not None else '—'} | {row['words']} |")
        lines.append("")
    if r.get("profile"):
        lines += stages.table(r["profile"]) + [""]
    lines += [f"note: {note}" for note in r["notes"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test, not a measurement")
    parser.add_argument("--runs", type=int, help="in-process repeats per sample (default 30; quick 2)")
    parser.add_argument("--cli-runs", type=int, help="rounds of whole processes (default 14; quick 2)")
    parser.add_argument("--batch", type=int, help="cases in the batch (default 1000; quick 14)")
    parser.add_argument("--profile-renders", type=int, help="renders under cProfile (default 50; quick 7)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the tables go (default bench/results)")
    args = parser.parse_args(argv)
    quick = args.quick
    runs = args.runs or (2 if quick else 30)
    cli_runs = args.cli_runs or (2 if quick else 14)
    size = args.batch or (14 if quick else 1000)
    renders = args.profile_renders or (7 if quick else 50)

    import importlib.util

    have_docxtpl = importlib.util.find_spec("docxtpl") is not None
    have_pandoc = shutil.which("pandoc") is not None
    cases = sorted((ROOT / "cases").glob("*.yaml"))
    notes = []
    if not have_docxtpl:
        notes.append("docxtpl not installed: its rows are missing (pip install -e '.[bench]')")
    if not have_pandoc:
        notes.append("pandoc not found: its rows are missing")
    notes.append("there is no warm (in-process) pandoc to compare drafter warm with: pandoc is a program, "
                 "so it is compared process with process")
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    results = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": harness.machine(), "mode": "quick (smoke test)" if quick else "full",
               "settings": {"runs": runs, "cli_runs": cli_runs, "batch": size, "profile_renders": renders},
               "notes": notes}
    try:
        templates = {}
        if have_docxtpl:
            import docxtpl_template

            for case in cases:
                templates[case] = docxtpl_template.build(case, work / "docxtpl")[0]
        results["inprocess"] = inprocess(cases, templates, runs) if have_docxtpl else None
        if not have_docxtpl:
            raise SystemExit("docxtpl is not installed: pip install -e '.[bench]'")
        results["processes"] = processes(cases, templates, cli_runs, work, have_pandoc)
        results["batch"] = batch(cases, size, work)
        results["profile"] = stages.profile(drafter_memo, cases, renders)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(report(results))
    print(text)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    (args.results / f"bench-{stamp}.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    (args.results / "latest.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
