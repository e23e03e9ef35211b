"""Timing helpers for the bench: interleaved medians, whole processes with their peak memory, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PACKAGES = ["python-docx", "docxtpl", "Jinja2", "markdown-it-py", "pydantic", "PyYAML", "lxml"]

# Subprocesses run as on a user's machine: Python may cache bytecode (some shells here set
# PYTHONDONTWRITEBYTECODE=1, and then every start compiles drafter's modules again). The cache
# goes to bench/results/pycache, not beside the sources.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
USER_ENV["PYTHONPYCACHEPREFIX"] = str(RESULTS / "pycache")


def interleaved(jobs: dict, runs: int, warmup: int = 1) -> dict[str, float]:
    """Median seconds of each job (name → function). The jobs take turns, run after run, so a
    machine getting busier or quieter weighs on all of them alike and their ratios hold."""
    for _ in range(warmup):
        for fn in jobs.values():
            fn()
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, fn in jobs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def process(cmd: list[str], cwd: Path = ROOT, check: bool = True) -> tuple[float, int, int]:
    """Run a whole process: (wall seconds, peak RSS in KiB of it and its children, exit code).
    The peak comes from wait4, which covers the children the process waited for (a worker pool)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=USER_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} → exit {proc.returncode}\n{stderr.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_maxrss, proc.returncode


def machine() -> dict:
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
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "packages": versions,
        "git": git,
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }
