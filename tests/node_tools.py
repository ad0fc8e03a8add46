"""TypeScript and zod for the tests: installed once with npm into .cache/node/
(git-ignored) and reused; `tsc` and `node` runs on a folder of generated code."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from shared_data import ROOT

NODE_DIR = ROOT / ".cache" / "node"
PACKAGES = {"typescript": "5.9.3", "zod": "4.6.7"}


def node_modules() -> Path:
    """The node_modules folder holding typescript and zod (installing them if needed)."""
    return npm_install(NODE_DIR, PACKAGES, "the TypeScript target is not checked")


def npm_install(folder: Path, packages: dict[str, str], skipped: str) -> Path:
    """`folder`/node_modules holding `packages` (name -> exact version), installed once
    with npm (parallel test workers wait on a lock); skip, saying `skipped`, without npm."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip(f"node and npm are not installed; {skipped}")
    modules = folder / "node_modules"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:  # parallel test workers install once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all(_installed(modules, name, version) for name, version in packages.items()):
            (folder / "package.json").write_text(json.dumps({"private": True}) + "\n")
            run = subprocess.run(
                ["npm", "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error",
                 *(f"{name}@{version}" for name, version in packages.items())],
                cwd=folder, capture_output=True, text=True)
            assert run.returncode == 0, f"npm install failed:\n{run.stdout}\n{run.stderr}"
    return modules


def _installed(modules: Path, name: str, version: str) -> bool:
    manifest = modules / name / "package.json"
    return manifest.exists() and json.loads(manifest.read_text())["version"] == version


def project(root: Path) -> Path:
    """Make `root` a folder where generated TypeScript can import zod and run in node."""
    root.mkdir(parents=True, exist_ok=True)
    link = root / "node_modules"
    if not link.exists():
        os.symlink(node_modules(), link, target_is_directory=True)
    (root / "package.json").write_text(json.dumps({"private": True, "type": "module"}) + "\n")
    return root


def tsc(root: Path, groups: list[list[str]]) -> tuple[int, str]:
    """`tsc --strict --noEmit` on each group of files (globs relative to root), one
    program per group, the groups side by side (tsc uses one core)."""
    compiler = root / "node_modules" / "typescript" / "bin" / "tsc"
    runs = []
    for index, include in enumerate(groups):
        config = {
            "compilerOptions": {"target": "ES2022", "module": "NodeNext",
                                "moduleResolution": "NodeNext", "strict": True, "noEmit": True,
                                "skipLibCheck": True, "types": []},
            "include": include,
        }
        name = f"tsconfig.{index}.json"
        (root / name).write_text(json.dumps(config, indent=2) + "\n")
        runs.append(subprocess.Popen(
            ["node", str(compiler), "-p", name, "--strict", "--noEmit", "--pretty", "false"],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    outputs = [run.communicate()[0] for run in runs]
    return max(run.returncode for run in runs), "".join(outputs)


TRANSPILE = """
import ts from "typescript";
import { readFileSync, writeFileSync } from "node:fs";
for (const file of process.argv.slice(2)) {
  const out = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(file.replace(/\\.ts$/, ".js"), out.outputText);
}
"""


def transpile(root: Path, files: list[Path]) -> None:
    """.ts -> .js beside it (types erased, no checking: `tsc` does that)."""
    (root / "transpile.mjs").write_text(TRANSPILE)
    run = subprocess.run(["node", "transpile.mjs", *map(str, files)], cwd=root,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]


def node(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    name = "script.mjs"
    (root / name).write_text(script)
    return subprocess.run(["node", name, *args], cwd=root, capture_output=True, text=True)
