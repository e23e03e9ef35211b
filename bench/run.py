"""How fast is drafter, next to what a user would pick instead (docxtpl, pandoc)?

    .venv/bin/python bench/run.py            # full run, two to three minutes
    .venv/bin/python bench/run.py --quick    # fewer repetitions, for a smoke test

One run measures everything on this machine and prints absolute medians with ratios
relative to drafter (competitor time / drafter time: below 1× the competitor is faster).
The results, with machine info, go to bench/results/<date>.json (git-ignored), and the
last document each tool made to bench/results/out/ for a look in Word.

See bench/README.md for what each competitor does not do that drafter does.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import importlib.util
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "bench"))

from competitors import docxtpl_memo, pandoc_memo  # noqa: E402

from drafter import pipeline  # noqa: E402

# What `drafter render` imports, to time import cost alone in a fresh interpreter.
IMPORTS = "import drafter.cli, drafter.pipeline, drafter.docx.writer"

PACKAGES = ["drafter", "python-docx", "docxtpl", "Jinja2", "markdown-it-py", "mdit-py-plugins",
            "pydantic", "PyYAML", "lxml", "click", "Babel"]


# --- measuring -------------------------------------------------------------------------------


def timed(jobs: dict, runs: int, warmup: int = 1) -> dict:
    """Median (and spread) in seconds of each job in ``jobs`` (name → function), after ``warmup``
    calls of each. The jobs take turns, so that a machine getting busier or quieter during the
    run weighs on all of them alike and their ratios hold."""
    for _ in range(warmup):
        for fn in jobs.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, fn in jobs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: {"median": statistics.median(t), "min": min(t), "max": max(t), "runs": runs}
            for name, t in times.items()}


# Subprocesses run as on a user's machine: Python may cache bytecode. (Some shells here set
# PYTHONDONTWRITEBYTECODE=1, and then every start compiles drafter's own modules again.) The cache
# goes to bench/results/pycache, not beside the sources.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
USER_ENV["PYTHONPYCACHEPREFIX"] = str(RESULTS / "pycache")
NO_BYTECODE_ENV = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def run_quietly(cmd: list[str], env: dict | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or USER_ENV)


def check_docx(data: bytes, who: str) -> None:
    """Guard against timing an error path: the output must be a .docx with a body."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/document.xml" not in z.namelist():
            raise RuntimeError(f"{who} made no word/document.xml")


def drafter_memo(case: Path) -> bytes:
    return pipeline.build_docx(pipeline.draft(case))


def stage_split(case: Path, runs: int) -> dict:
    """Where drafter's time goes, from one instrumented loop.

    ``pipeline.load_case`` and ``MarkdownIt.parse`` are wrapped with timers: load+validate is
    load_case; template is the rest of ``draft()`` (profile, Jinja, the Markdown filter);
    markdown parse is every parse inside ``build_docx()``; docx write is the rest of build_docx.
    """
    from markdown_it import MarkdownIt

    spent = {"load": 0.0, "parse": 0.0, "parses": 0}
    load_case, parse = pipeline.load_case, MarkdownIt.parse

    def timed_load(*args, **kwargs):
        start = time.perf_counter()
        try:
            return load_case(*args, **kwargs)
        finally:
            spent["load"] += time.perf_counter() - start

    def timed_parse(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return parse(self, *args, **kwargs)
        finally:
            spent["parse"] += time.perf_counter() - start
            spent["parses"] += 1

    pipeline.load_case, MarkdownIt.parse = timed_load, timed_parse
    rows = []
    try:
        for i in range(runs + 1):  # the first round warms up
            spent.update(load=0.0, parse=0.0, parses=0)
            t0 = time.perf_counter()
            d = pipeline.draft(case)
            t1 = time.perf_counter()
            load = spent["load"]
            spent.update(parse=0.0, parses=0)
            pipeline.build_docx(d)
            t2 = time.perf_counter()
            if i:
                rows.append({
                    "load+validate": load,
                    "template": t1 - t0 - load,
                    "markdown parse": spent["parse"],
                    "docx write": t2 - t1 - spent["parse"],
                    "parses in build_docx": spent["parses"],
                })
    finally:
        pipeline.load_case, MarkdownIt.parse = load_case, parse
    return {key: statistics.median(r[key] for r in rows) for key in rows[0]}


def profile_drafter(case: Path, runs: int, top: int = 25) -> str:
    """cProfile of drafter's per-memo job, sorted by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        drafter_memo(case)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- the job per tool --------------------------------------------------------------------------


def pandoc_input(case: Path) -> tuple[str, Path | None]:
    """The Markdown drafter's template made for ``case``, in pandoc's dialect, and the house style."""
    d = pipeline.draft(case)
    style = d.profile.style
    return pandoc_memo.adapt(d.markdown), (style if style.is_file() else None)


def make_batch(cases: list[Path], size: int, folder: Path) -> list[Path]:
    """``size`` copies of the sample cases, round robin."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(size):
        target = folder / f"memo-{i + 1:03d}.yaml"
        shutil.copyfile(cases[i % len(cases)], target)
        files.append(target)
    return files


def import_costs(drafter_exe: Path, case: Path, work: Path, runs: int = 3) -> dict:
    """``python -X importtime`` of ``drafter render``: self time summed per top-level package, and
    the cumulative import time of each drafter module (what it pulls in the first time)."""
    per_package: dict[str, list[float]] = defaultdict(list)
    per_drafter_module: dict[str, list[float]] = defaultdict(list)
    totals = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", str(drafter_exe), "render", str(case), "-o", tempfile.mkdtemp(dir=work)],
            capture_output=True, text=True, check=True, cwd=ROOT, env=USER_ENV,
        )
        package_self: dict[str, float] = defaultdict(float)
        total = 0.0
        for line in result.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if not match:
                continue
            self_us, cumulative_us, name = int(match.group(1)), int(match.group(2)), match.group(4)
            package_self[name.split(".")[0]] += self_us / 1e6
            total += self_us / 1e6
            if name.startswith("drafter"):
                per_drafter_module[name].append(cumulative_us / 1e6)
        for package, seconds in package_self.items():
            per_package[package].append(seconds)
        totals.append(total)
    packages = {p: statistics.median(v) for p, v in per_package.items()}
    return {
        "total": statistics.median(totals),
        "by_package": dict(sorted(packages.items(), key=lambda kv: -kv[1])),
        "drafter_modules_cumulative": {m: statistics.median(v) for m, v in sorted(per_drafter_module.items(), key=lambda kv: -statistics.median(kv[1]))},
    }


# --- machine -----------------------------------------------------------------------------------


def machine_info() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "drafter", "templates"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "packages": versions,
        "pandoc": pandoc_memo.version(),
        "git": git + (" (drafter/ or templates/ modified)" if dirty else ""),
        "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


# --- printing ----------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms" if seconds < 10 else f"{seconds:8.2f} s "


def table(title: str, rows: list[tuple[str, dict | None, str]], base: float | None) -> list[str]:
    """Rows of (label, stats or None, note): median, ratio to ``base``."""
    lines = [title]
    for label, stats, note in rows:
        if stats is None:
            lines.append(f"  {label:<38} {'—':>11}  {'':>7}  {note}")
            continue
        ratio = f"{stats['median'] / base:6.2f}×" if base else ""
        lines.append(f"  {label:<38} {ms(stats['median'])}  {ratio:>7}  {note}".rstrip())
    return lines


def per_memo_tables(per_memo: dict, stages: dict, runs: int) -> list[str]:
    """One row per case: absolute medians and ratios; then drafter's stage split."""
    width = max(len(name) for name in per_memo) + 2

    def cell(stats: dict | None, base: float | None = None) -> str:
        if stats is None:
            return f"{'—':>9} {'':>6}"
        ratio = f"{stats['median'] / base:5.2f}×" if base else ""
        return f"{stats['median'] * 1000:7.1f}ms {ratio:>6}"

    lines = [f"One memo, warm, median of {runs} (ratio = tool time / drafter time)",
             f"  {'case':<{width}} {'drafter':>9}  {'(md→docx)':>9}  {'docxtpl':>16}  {'pandoc':>16}  {'pandoc/md→docx':>14}"]
    ratios: dict[str, list[float]] = defaultdict(list)
    for name, per in per_memo.items():
        base = per["drafter"]["median"]
        for tool in ("docxtpl", "pandoc"):
            if tool in per:
                ratios[tool].append(per[tool]["median"] / base)
        vs_write = f"{per['pandoc']['median'] / per['drafter build_docx']['median']:13.1f}×" if "pandoc" in per else ""
        if vs_write:
            ratios["pandoc/md→docx"].append(per["pandoc"]["median"] / per["drafter build_docx"]["median"])
        lines.append(f"  {name:<{width}} {base * 1000:7.1f}ms  {per['drafter build_docx']['median'] * 1000:7.1f}ms  "
                     f"{cell(per.get('docxtpl'), base):>16}  {cell(per.get('pandoc'), base):>16}  {vs_write:>14}")
    mean = {k: f"{statistics.geometric_mean(v):5.2f}×" for k, v in ratios.items()}
    lines.append(f"  {'geometric mean of ratios':<{width}} {'':>9}  {'':>9}  {mean.get('docxtpl', '—'):>16}  "
                 f"{mean.get('pandoc', '—'):>16}  {mean.get('pandoc/md→docx', '—'):>14}")
    lines += ["  drafter: load+validate+template+write in-process · (md→docx): drafter's build_docx alone, the part "
              "pandoc does · docxtpl: yaml.safe_load+context+render+save · pandoc: a subprocess, Markdown → .docx", ""]

    keys = ("load+validate", "template", "markdown parse", "docx write")
    lines.append(f"Where drafter's time goes, median of {runs} (instrumented; share of the sum)")
    lines.append(f"  {'case':<{width}} " + "  ".join(f"{k:>16}" for k in keys) + "  parses in build_docx")
    for name, st in stages.items():
        total = sum(st[k] for k in keys)
        lines.append(f"  {name:<{width}} " + "  ".join(f"{st[k] * 1000:7.1f}ms {st[k] / total:5.0%}" for k in keys)
                     + f"  {st['parses in build_docx']:>20.0f}")
    lines.append("")
    return lines


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per memo (default 20)")
    parser.add_argument("--batch-size", type=int, default=50, help="memos in a batch (default 50)")
    parser.add_argument("--batch-runs", type=int, default=3, help="timed runs of each batch (default 3)")
    parser.add_argument("--startup-runs", type=int, default=10, help="timed CLI start-ups (default 10)")
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke test, not a measurement")
    parser.add_argument("--profile", action="store_true", help="also print cProfile of drafter's per-memo job")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.batch_size, args.batch_runs, args.startup_runs = 3, 5, 1, 2

    os.chdir(ROOT)  # drafter finds ./templates, as when a user runs it in the checkout
    cases = sorted((ROOT / "cases").glob("*.yaml"))
    drafter_exe = Path(sys.executable).parent / "drafter"
    have_docxtpl = importlib.util.find_spec("docxtpl") is not None
    have_pandoc = pandoc_memo.executable() is not None
    notes = []
    if not have_docxtpl:
        notes.append("docxtpl skipped: not installed (pip install -e '.[bench]')")
    if not have_pandoc:
        notes.append("pandoc skipped: not found (apt-get install pandoc)")
    if have_docxtpl and not docxtpl_memo.TEMPLATE.is_file():
        docxtpl_memo.build_template()

    samples = RESULTS / "out"
    samples.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    results: dict = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                     "machine": machine_info(), "settings": vars(args), "per_memo": {}, "stages": {}}
    out: list[str] = []
    try:
        # One memo, in-process and warm (pandoc: a subprocess each time, as a user runs it).
        for case in cases:
            name = case.stem
            data = drafter_memo(case)
            check_docx(data, "drafter")
            (samples / f"{name}.drafter.docx").write_bytes(data)
            d = pipeline.draft(case)
            jobs = {"drafter": lambda: drafter_memo(case), "drafter build_docx": lambda: pipeline.build_docx(d)}

            if have_docxtpl and docxtpl_memo.supports(case):
                data = docxtpl_memo.render(case)
                check_docx(data, "docxtpl")
                (samples / f"{name}.docxtpl.docx").write_bytes(data)
                jobs["docxtpl"] = lambda: docxtpl_memo.render(case)

            if have_pandoc:
                markdown, style = pandoc_input(case)
                if style is None:
                    notes.append(f"{name}: house style .docx missing, pandoc ran without --reference-doc")
                target = work / f"{name}.pandoc.docx"
                pandoc_memo.convert(markdown, target, style)
                check_docx(target.read_bytes(), "pandoc")
                shutil.copyfile(target, samples / target.name)
                jobs["pandoc"] = lambda: pandoc_memo.convert(markdown, target, style)

            per = timed(jobs, args.runs)
            results["per_memo"][name] = per
            results["stages"][name] = stage_split(case, args.runs)
        out += per_memo_tables(results["per_memo"], results["stages"], args.runs)

        # A batch: copies of the samples.
        batch_dir = work / "batch"
        files = make_batch(cases, args.batch_size, batch_dir)
        batch: dict = {}

        def drafter_batch(outdir=work / "out-inproc") -> None:
            outdir.mkdir(exist_ok=True)
            for f in files:
                (outdir / f"{f.stem}.docx").write_bytes(drafter_memo(f))

        def cli_batch(*options: str) -> None:
            outdir = Path(tempfile.mkdtemp(dir=work))  # a fresh folder: no earlier draft to compare with
            run_quietly([str(drafter_exe), "render", str(batch_dir), "-o", str(outdir), *options])
            written = len(list(outdir.glob("*.docx")))
            if written != len(files):
                raise RuntimeError(f"drafter render wrote {written} of {len(files)} documents")

        jobs = {"drafter": drafter_batch, "drafter CLI": cli_batch}
        labels = {"drafter": ("drafter in-process, sequential", ""),
                  "drafter CLI": ("drafter render <folder>", "includes start-up; its default jobs")}
        # drafter render may render in parallel (-j N); then also time it one at a time.
        render_help = subprocess.run([str(drafter_exe), "render", "--help"], capture_output=True, text=True, env=USER_ENV).stdout
        if re.search(r"^\s+-j\b", render_help, flags=re.M):
            jobs["drafter CLI -j 1"] = lambda: cli_batch("-j", "1")
            labels["drafter CLI -j 1"] = ("drafter render <folder> -j 1", "one process, sequential")
        covered = sum(docxtpl_memo.supports(f) for f in cases) if have_docxtpl else 0
        if have_docxtpl and covered == len(cases):
            def docxtpl_batch(outdir=work / "out-docxtpl") -> None:
                outdir.mkdir(exist_ok=True)
                for f in files:
                    (outdir / f"{f.stem}.docx").write_bytes(docxtpl_memo.render(f))

            jobs["docxtpl"] = docxtpl_batch
            labels["docxtpl"] = ("docxtpl in-process, sequential", "")
        if have_pandoc:
            inputs = [(pandoc_input(f), work / "out-pandoc" / f"{f.stem}.docx") for f in files]
            (work / "out-pandoc").mkdir(exist_ok=True)

            def pandoc_batch() -> None:
                for (markdown, style), target in inputs:
                    pandoc_memo.convert(markdown, target, style)

            jobs["pandoc"] = pandoc_batch
            labels["pandoc"] = (f"pandoc, {len(files)} subprocesses", "Markdown → .docx only")
        # One warm-up round: the CLI's first run fills the bytecode cache; everything else is warm already.
        batch = timed(jobs, args.batch_runs)
        rows = [(labels[k][0], v, labels[k][1]) for k, v in batch.items()]
        if have_docxtpl and covered < len(cases):
            rows.append(("docxtpl in-process, sequential", None, f"its template covers {covered} of {len(cases)} samples"))
        results["batch"] = {"size": len(files), **batch}
        out += table(f"Batch of {len(files)} memos (median of {args.batch_runs})", rows, batch["drafter"]["median"])
        out.append(f"  per memo: drafter in-process {ms(batch['drafter']['median'] / len(files)).strip()}, "
                   f"drafter CLI {ms(batch['drafter CLI']['median'] / len(files)).strip()}")
        out.append("")

        # What a user feels at the command line: start-up.
        one = cases[0]
        render_one_case = [str(drafter_exe), "render", str(one), "-o"]
        startup_jobs = {
            "python -c pass": lambda: run_quietly([sys.executable, "-c", "pass"]),
            "python -c 'import drafter…'": lambda: run_quietly([sys.executable, "-c", IMPORTS]),
            "drafter --help": lambda: run_quietly([str(drafter_exe), "--help"]),
            "drafter render (1 case)": lambda: run_quietly(render_one_case + [tempfile.mkdtemp(dir=work)]),
            "drafter render (1 case), no .pyc": lambda: run_quietly(render_one_case + [tempfile.mkdtemp(dir=work)],
                                                                    NO_BYTECODE_ENV),
        }
        if have_pandoc:
            startup_jobs["pandoc --version"] = lambda: run_quietly([pandoc_memo.executable(), "--version"])
        startup = timed(startup_jobs, args.startup_runs)
        results["startup"] = startup
        imports = import_costs(drafter_exe, one, work, runs=1 if args.quick else 3)
        results["imports"] = imports
        in_process = results["per_memo"][one.stem]["drafter"]["median"]
        render_one = startup["drafter render (1 case)"]["median"]
        out += table(f"Command-line start-up (median of {args.startup_runs}; ratio to drafter render)",
                     [(k, v, "") for k, v in startup.items()], render_one)
        interpreter = startup["python -c pass"]["median"]
        imported = startup["python -c 'import drafter…'"]["median"] - interpreter
        rest = render_one - interpreter - imported
        out.append(f"  drafter render 1 case = {ms(render_one).strip()}: interpreter {ms(interpreter).strip()}, "
                   f"imports {ms(imported).strip()} ({imported / render_one:.0%}), first (cold) memo and output "
                   f"{ms(rest).strip()}; the same memo warm in-process takes {ms(in_process).strip()}")
        no_pyc = startup["drafter render (1 case), no .pyc"]["median"] - render_one
        out.append(f"  without a bytecode cache (PYTHONDONTWRITEBYTECODE=1) every start compiles drafter's modules: "
                   f"{no_pyc * 1000:+.0f} ms")
        out.append(f"  import time of `drafter render` by package (self time; python -X importtime, total {ms(imports['total']).strip()}):")
        for package, seconds in list(imports["by_package"].items())[:10]:
            out.append(f"    {package:<36} {ms(seconds)}")
        out.append("  drafter modules, cumulative import time (includes what each pulls in first):")
        for module, seconds in list(imports["drafter_modules_cumulative"].items())[:8]:
            out.append(f"    {module:<36} {ms(seconds)}")

        if args.profile:
            out += ["", profile_drafter(cases[0], args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    results["notes"] = notes
    results["load_average_at_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    header = [f"drafter bench — {results['date']}",
              f"{results['machine']['cpu']} · nproc {results['machine']['nproc']} · Python {results['machine']['python']}"
              f" · {results['machine']['pandoc'] or 'no pandoc'} · docxtpl {results['machine']['packages']['docxtpl'] or '—'}"
              f" · python-docx {results['machine']['packages']['python-docx']} · git {results['machine']['git']}"
              f" · load {results['machine']['load_average_at_start'][0]:.1f}",
              "Ratios: tool time / drafter time (below 1× the tool is faster).", ""]
    if results["load_average_at_end"]:
        start, end = results["machine"]["load_average_at_start"][0], results["load_average_at_end"][0]
        busy = max(start, end) > (os.cpu_count() or 1) - 0.5
        notes.append(f"load average {start:.1f} at the start, {end:.1f} at the end, on {os.cpu_count()} CPUs"
                     + (": other work was competing, absolute times are inflated; read the ratios" if busy else ""))
    print("\n".join(header + out + [f"note: {n}" for n in notes]))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nresults: {path.relative_to(ROOT)} · documents: {samples.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
