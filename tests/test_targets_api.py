"""Targets are found through the `respgen.targets` entry-point group: respgen's own
ones, and one a package outside this repo registers (a dist-info on the path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shared_data import ROOT

PLUGIN = '''
"""A target outside respgen: one line per type."""
from generator.targets.base import Target


def render(ir, config, env):
    lines = [env.from_string("{{ name | shout }}").render(name=name) for name in sorted(ir.types)]
    return {"types.txt": "\\n".join(lines) + "\\n"}


TARGET = Target(name="mini", description="type names, shouted", render=render,
                filters={"shout": str.upper})
'''


def respgen(*args: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(path), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_targets_lists_the_builtin_ones() -> None:
    run = respgen("targets")
    assert run.returncode == 0, run.stderr
    listed = [line.split()[0] for line in run.stdout.splitlines() if line.strip()]
    assert {"python", "typescript", "jsonschema", "docs", "html"} <= set(listed), run.stdout
    assert "mini" not in listed


def test_an_external_target_registered_by_entry_point_is_picked_up(tmp_path: Path) -> None:
    (tmp_path / "respgen_mini").mkdir()
    (tmp_path / "respgen_mini" / "__init__.py").write_text(PLUGIN)
    info = tmp_path / "respgen_mini-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: respgen-mini\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[respgen.targets]\nmini = respgen_mini:TARGET\n")
    run = respgen("targets", path=tmp_path)
    assert run.returncode == 0, run.stderr
    assert any(line.split()[:1] == ["mini"] and "shouted" in line
               for line in run.stdout.splitlines()), run.stdout
    out = tmp_path / "out"
    run = respgen("generate", "--target", "mini", "--out", str(out), "--no-cache", path=tmp_path)
    assert run.returncode == 0, run.stderr
    text = (out / "mini" / "types.txt").read_text()
    assert "OPENRESPONSESREQUEST" in text.split()


def test_an_unknown_target_is_one_clear_line() -> None:
    run = respgen("generate", "--target", "klingon", "--out", "/nonexistent", "--no-cache")
    assert run.returncode == 2
    assert "unknown target 'klingon'" in run.stderr and "typescript" in run.stderr
    assert "Traceback" not in run.stderr


def test_new_targets_are_identical_across_hash_seeds(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "generator", "generate", "--out", str(out),
                              "--target", "typescript", "--target", "jsonschema", "--no-cache"],
                             cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        trees.append({p.relative_to(out).as_posix(): p.read_bytes()
                      for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    assert any(k.endswith("models.ts") for k in trees[0])
    assert any(k.endswith(".schema.json") for k in trees[0])
