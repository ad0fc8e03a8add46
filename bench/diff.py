"""Time `respgen diff` on the largest consecutive pair of real specs (run by hand).

    .venv/bin/python bench/diff.py [--runs N]

Prints a Markdown table: cold (empty cache) and warm (cache filled by a first run of
the same pair: parsed files, built IRs, witness verdicts) wall and CPU time (user +
system) of a fresh `python -m generator diff OLD NEW --format json` process, median of
N runs. Goals from issue 13: warm <= 0.5 s, cold <= 1.5 s (wall).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "specs" / "openrouter"
OLD, NEW = SPECS / "2026-08-12-448ec46f0.yaml", SPECS / "2026-08-22-90c493767.yaml"


def timed(cache: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run (CPU: the process and any child it waited for)."""
    cmd = [sys.executable, "-m", "generator", "diff", str(OLD), str(NEW), "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "RESPGEN_CACHE_DIR": cache})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median(runs: list[tuple[float, float]], index: int) -> float:
    return statistics.median(r[index] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    if not OLD.exists():
        print(f"{OLD} not found: ../shared is not available; nothing to measure")
        return
    cold = [timed(tempfile.mkdtemp()) for _ in range(runs)]
    warm_cache = tempfile.mkdtemp()
    timed(warm_cache)
    warm = [timed(warm_cache) for _ in range(runs)]
    searched = []  # IRs from the cache, every witness searched again
    for _ in range(runs):
        shutil.rmtree(Path(warm_cache) / "witnesses", ignore_errors=True)
        searched.append(timed(warm_cache))
    print(f"`respgen diff {OLD.name} {NEW.name}` (median of {runs}; load average "
          f"{os.getloadavg()[0]:.1f})\n")
    print("| measurement | wall | CPU | goal |\n| --- | ---: | ---: | --- |")
    print(f"| cold (empty cache) | {median(cold, 0):.2f} s | {median(cold, 1):.2f} s | <= 1.5 s |")
    print(f"| warm (same pair before) | {median(warm, 0):.2f} s | {median(warm, 1):.2f} s | <= 0.5 s |")
    print(f"| warm IRs, witnesses searched again | {median(searched, 0):.2f} s | "
          f"{median(searched, 1):.2f} s | |")


if __name__ == "__main__":
    main()
