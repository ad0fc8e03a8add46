"""TypeScript generation benchmark: respgen's typescript target vs openapi-typescript.

Run by hand from the repo root (prints a Markdown table; asserts nothing):

    .venv/bin/python bench/typescript.py [--runs N]

Input: the newest upstream spec (shared/specs/openrouter/2026-08-22-90c493767.yaml).
Each figure is the median of N runs (default 5) of a fresh process, spawn to exit:

  * respgen generate --target typescript, cold (new empty cache and output dir) and
    warm (nothing changed, after one untimed priming run);
  * openapi-typescript 7.13 (types only, one .d.ts-style module), installed on first
    use with npm into bench/.node/ (git-ignored), run with node directly;
  * tsc --strict --noEmit on each output's src/ (typescript 5.9, same folder), wall
    time and CPU time (user + system of the tsc process; the figure to compare on a
    busy machine), since a generated binding is also paid for at every compile.
respgen writes more than its peer: zod schemas with bounds and defaults (src/schemas.ts,
built with zod typed `any` and marked `@ts-nocheck`; the copy that proves their types,
check/schemas.ts, is compiled by the tests and not shipped); sizes are in the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import SPEC, VENV_PY, fmt_mb, fmt_s, ratio, spawn  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
NODE = BENCH / ".node"
OUT = BENCH / ".out" / "typescript"
PEER = {"openapi-typescript": "7.13", "typescript": "5.9.3", "zod": "4.6.7"}


def node_tools() -> Path:
    modules = NODE / "node_modules"
    if not (modules / "openapi-typescript").exists():
        print(f"installing {', '.join(PEER)} into {NODE} ...", file=sys.stderr)
        NODE.mkdir(parents=True, exist_ok=True)
        (NODE / "package.json").write_text(json.dumps({"private": True}))
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        *(f"{k}@{v}" for k, v in PEER.items())], cwd=NODE, check=True)
    return modules


def version(modules: Path, name: str) -> str:
    return str(json.loads((modules / name / "package.json").read_text())["version"])


def respgen_cmd(out: Path) -> list[str]:
    return [str(VENV_PY), "-m", "generator", "generate", "--spec", str(SPEC), "--out", str(out),
            "--target", "typescript"]


def bench_respgen(runs: int) -> dict[str, list[float]]:
    cold, rss = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
            wall, peak, _ = spawn(respgen_cmd(Path(out)), {**os.environ, "RESPGEN_CACHE_DIR": cache},
                                  cwd=REPO)
            cold.append(wall), rss.append(peak)
    shutil.rmtree(OUT / "respgen", ignore_errors=True)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "RESPGEN_CACHE_DIR": cache}
        spawn(respgen_cmd(OUT / "respgen"), env, cwd=REPO)
        warm = [spawn(respgen_cmd(OUT / "respgen"), env, cwd=REPO)[0] for _ in range(runs)]
    return {"cold": cold, "warm": warm, "rss": rss}


def bench_peer(runs: int, modules: Path) -> dict[str, list[float]]:
    target = OUT / "peer" / "src" / "schema.ts"
    target.parent.mkdir(parents=True, exist_ok=True)
    cli = modules / "openapi-typescript" / "bin" / "cli.js"
    times, rss = [], []
    for _ in range(runs):
        target.unlink(missing_ok=True)
        wall, peak, _ = spawn(["node", str(cli), str(SPEC), "-o", str(target)], cwd=NODE)
        times.append(wall), rss.append(peak)
    return {"gen": times, "rss": rss}


def cpu_spawn(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run cmd once: (wall seconds, CPU seconds, user + system)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}")
    return wall, usage.ru_utime + usage.ru_stime


def tsc_time(folder: Path, modules: Path, runs: int) -> tuple[list[float], list[float]]:
    link = folder / "node_modules"
    if not link.exists():
        link.symlink_to(modules, target_is_directory=True)
    config = {"compilerOptions": {"target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
                                  "strict": True, "noEmit": True, "skipLibCheck": True, "types": []},
              "include": ["src/*.ts"]}
    (folder / "tsconfig.bench.json").write_text(json.dumps(config))
    cmd = ["node", str(modules / "typescript" / "bin" / "tsc"), "-p", "tsconfig.bench.json"]
    times = [cpu_spawn(cmd, folder) for _ in range(runs)]
    return [w for w, _ in times], [c for _, c in times]


def size(folder: Path) -> str:
    files = list((folder / "src").glob("*.ts"))
    lines = sum(len(f.read_text().splitlines()) for f in files)
    return f"{sum(f.stat().st_size for f in files) / 1e6:.2f} MB, {lines} lines"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    n = max(1, ap.parse_args().runs)
    if not SPEC.exists():
        print(f"bench: spec not found at {SPEC}; nothing to measure.")
        return 0
    modules = node_tools()
    ours = bench_respgen(n)
    peer = bench_peer(n, modules)
    ours_dir, peer_dir = OUT / "respgen" / "typescript", OUT / "peer"
    (ours_tsc, ours_cpu), (peer_tsc, peer_cpu) = tsc_time(ours_dir, modules, n), tsc_time(peer_dir, modules, n)
    pv = version(modules, "openapi-typescript")
    rows = [
        ("generate, cold", ours["cold"], peer["gen"], fmt_s, "respgen: empty cache; peer has no cache"),
        ("generate, warm (nothing changed)", ours["warm"], peer["gen"], fmt_s, "peer column repeats its one time"),
        ("peak RSS of generate", ours["rss"], peer["rss"], fmt_mb, "wait4"),
        ("`tsc --strict --noEmit` on the output", ours_tsc, peer_tsc, fmt_s,
         "wall; respgen's includes the zod schemas"),
        ("the same, CPU time (user + system)", ours_cpu, peer_cpu, fmt_s, "wait4"),
    ]
    print(f"\nSpec: `{SPEC.name}`; median of {n} runs; openapi-typescript {pv}, "
          f"typescript {version(modules, 'typescript')}, zod {version(modules, 'zod')}, "
          f"node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"{os.cpu_count()} CPUs.\n")
    print(f"| measurement | respgen (types + zod) | openapi-typescript {pv} (types only) | ratio (peer/respgen) | notes |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, a, b, fmt, note in rows:
        print(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio(b, a)} | {note} |")
    print(f"| output size | {size(ours_dir)} | {size(peer_dir)} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
