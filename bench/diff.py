"""Time `respgen diff` on the largest consecutive pair of real specs (run by hand).

    .venv/bin/python bench/diff.py [--runs N]

Prints a Markdown table: cold (empty parse cache) and warm (cache filled) wall time of
a fresh `python -m generator diff OLD NEW --format json` process, median of N runs.
Goal from issue 5: under 1 s with cached parses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "specs" / "openrouter"
OLD, NEW = SPECS / "2026-08-12-448ec46f0.yaml", SPECS / "2026-08-22-90c493767.yaml"


def timed(cache: str) -> float:
    cmd = [sys.executable, "-m", "generator", "diff", str(OLD), str(NEW), "--format", "json"]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "RESPGEN_CACHE_DIR": cache})
    return time.perf_counter() - start


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
    print(f"`respgen diff {OLD.name} {NEW.name}` (median of {runs})\n")
    print("| measurement | time | goal |\n| --- | ---: | --- |")
    print(f"| cold (parse both YAML files) | {statistics.median(cold):.2f} s | |")
    print(f"| warm (parses cached) | {statistics.median(warm):.2f} s | < 1 s |")


if __name__ == "__main__":
    main()
