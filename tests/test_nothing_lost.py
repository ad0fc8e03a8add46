"""Nothing lost: `respgen generate` killed with SIGKILL at every point of writing leaves
each target folder exactly as it was (or, once its swap is done, wholly new); files
respgen did not create are never touched; `--out` at a file or a folder respgen does not
own is refused unless `--force`.

The kill is real: a subprocess runs the CLI with respgen's write steps wrapped so that
it SIGKILLs itself at the chosen step (half-way through writing a file, just before or
just after a folder swap, before removing the old version). No hook in respgen itself.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.targets.base import available_targets
from shared_data import ROOT

KILLER = r'''
import atexit, json, os, shutil, signal, sys
from generator.output import writer as output

PLAN = os.environ["KILL_PLAN"]
counts = {}
sequence = []

def hit(step):
    counts[step] = counts.get(step, 0) + 1
    sequence.append(f"{step}:{counts[step]}")
    if PLAN == f"{step}:{counts[step]}":
        os.kill(os.getpid(), signal.SIGKILL)

real_write, real_exchange, real_rmtree = output._write_new, output._exchange, shutil.rmtree

def write(path, text):
    counts["write"] = counts.get("write", 0) + 1
    sequence.append(f"write:{counts['write']}")
    if PLAN == f"write:{counts['write']}":  # die half-way through this file
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text[: len(text) // 2])
            fh.flush()
            os.fsync(fh.fileno())
        os.kill(os.getpid(), signal.SIGKILL)
    real_write(path, text)

def exchange(a, b):
    hit("swap-before")
    real_exchange(a, b)
    hit("swap-after")

def rmtree(path, *args, **kwargs):
    hit("rmtree")
    real_rmtree(path, *args, **kwargs)

output._write_new, output._exchange, shutil.rmtree = write, exchange, rmtree
atexit.register(lambda: sys.stderr.write("COUNTS " + json.dumps(sequence) + "\n"))
from generator.cli import main
sys.argv = ["respgen", *sys.argv[1:]]
main()
'''


def targets_args() -> list[str]:
    return [arg for name in available_targets() for arg in ("--target", name)]


def run(cwd: Path, plan: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RESPGEN_CACHE_DIR": str(cwd / ".cache"), "KILL_PLAN": plan,
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(cwd / "killer.py"), *args], cwd=cwd,
                          capture_output=True, text=True, env=env, timeout=300)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder (staging leftovers beside the target folders excluded)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and not rel.parts[0].startswith(".respgen-stage-"):
            out[rel.as_posix()] = p.read_bytes()
    return out


def per_target(snapshot: dict[str, bytes], name: str) -> dict[str, bytes]:
    return {k: v for k, v in snapshot.items() if k.startswith(name + "/")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A spec generated once (old), then changed; the new output computed once too."""
    root = tmp_path_factory.mktemp("killed")
    shutil.copytree(ROOT / "spec", root / "spec")
    (root / "killer.py").write_text(KILLER)
    (root / "pyproject.toml").write_text(
        '[tool.respgen]\nspec = "spec/openapi.yaml"\nout = "gen"\npackage = "openresponses"\n')
    first = run(root, "none", "generate", *targets_args())
    assert first.returncode == 0, first.stderr
    # files respgen did not make: inside a target folder, in a sub-folder, beside the targets
    foreign = {"python/NOTES.md": b"my notes", "python/openresponses/extra.py": b"X = 1\n",
               "docs/custom.md": b"# mine\n", "README.txt": b"not ours"}
    for rel, data in foreign.items():
        (root / "gen" / rel).write_bytes(data)
    before = tree(root / "gen")
    request = root / "spec" / "schemas" / "request.yaml"
    old_spec = request.read_text()
    new_spec = old_spec.replace("maxLength: 128", "maxLength: 64", 1)
    assert new_spec != old_spec
    # the new output, computed once in a copy
    shutil.copytree(root / "gen", root / "gen-new")
    request.write_text(new_spec)
    counted = run(root, "none", "generate", "--out", "gen-new", *targets_args())
    assert counted.returncode == 0, counted.stderr
    sequence = json.loads(counted.stderr.split("COUNTS ", 1)[1])
    after = tree(root / "gen-new")
    assert after != before
    return {"root": root, "before": before, "after": after, "sequence": sequence,
            "foreign": foreign}


def test_sigkill_at_every_write_step_leaves_each_target_old_or_new_never_mixed(
        project: dict[str, object]) -> None:
    root: Path = project["root"]  # type: ignore[assignment]
    before: dict[str, bytes] = project["before"]  # type: ignore[assignment]
    after: dict[str, bytes] = project["after"]  # type: ignore[assignment]
    points: list[str] = project["sequence"]  # type: ignore[assignment]
    foreign: dict[str, bytes] = project["foreign"]  # type: ignore[assignment]
    names = list(available_targets())  # written in this order, one swap each
    swaps = [p for p in points if p.startswith("swap-after")]
    assert len(swaps) == len(names) and sum(p.startswith("write") for p in points) >= 2 * len(names)
    print(f"\n{len(points)} kill points over {len(names)} targets: {', '.join(points)}")
    for index, point in enumerate(points):
        gen = root / "gen"
        shutil.rmtree(gen)
        for rel, data in before.items():
            (gen / rel).parent.mkdir(parents=True, exist_ok=True)
            (gen / rel).write_bytes(data)
        killed = run(root, point, "generate", *targets_args())
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
        now = tree(gen)
        swapped = sum(p.startswith("swap-after") for p in points[:index + 1])
        if swapped == 0:
            assert now == before, point  # nothing swapped yet: exactly as it was
        for n, name in enumerate(names):  # each target wholly old, or wholly new once swapped
            expected = after if n < swapped else before
            assert per_target(now, name) == per_target(expected, name), (point, name)
        for rel, data in foreign.items():
            assert now[rel] == data, (point, rel)
        # the next run finishes the job and cleans up what the killed one left
        again = run(root, "none", "generate", *targets_args())
        assert again.returncode == 0, again.stderr
        assert tree(gen) == after, point
        assert not list(gen.glob(".respgen-stage-*")), point


def test_out_at_a_file_or_an_unowned_folder_is_refused_unless_forced(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    (tmp_path / "killer.py").write_text(KILLER)
    a_file = tmp_path / "out-file"
    a_file.write_text("precious")
    refused = run(tmp_path, "none", "generate", "--spec", "spec/openapi.yaml", "--out", "out-file")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert a_file.read_text() == "precious"
    target_is_file = tmp_path / "o1" / "python"
    target_is_file.parent.mkdir()
    target_is_file.write_text("precious too")
    refused = run(tmp_path, "none", "generate", "--spec", "spec/openapi.yaml", "--out", "o1",
                  "--target", "python")
    assert refused.returncode == 2 and "is not a folder" in refused.stderr
    assert target_is_file.read_text() == "precious too"
    forced = run(tmp_path, "none", "generate", "--spec", "spec/openapi.yaml", "--out", "o1",
                 "--target", "python", "--force")
    assert forced.returncode == 2 and target_is_file.read_text() == "precious too"  # never

    unowned = tmp_path / "o2" / "python"
    (unowned / "openresponses").mkdir(parents=True)
    (unowned / "openresponses" / "models.py").write_text("# someone else's\n")
    (unowned / "keep.txt").write_text("keep")
    refused = run(tmp_path, "none", "generate", "--spec", "spec/openapi.yaml", "--out", "o2",
                  "--target", "python", "--package", "openresponses")
    assert refused.returncode == 2 and "respgen did not create it" in refused.stderr
    assert tree(unowned) == {"keep.txt": b"keep", "openresponses/models.py": b"# someone else's\n"}
    forced = run(tmp_path, "none", "generate", "--spec", "spec/openapi.yaml", "--out", "o2",
                 "--target", "python", "--force", "--package", "openresponses")
    assert forced.returncode == 0, forced.stderr
    assert (unowned / "keep.txt").read_text() == "keep"  # adopted, foreign files kept
    assert (unowned / "openresponses" / "models.py").read_text().startswith('"""Models for')


def test_a_generated_path_where_a_user_file_already_is_is_refused_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "killer.py").write_text(KILLER)
    spec = tmp_path / "openapi.yaml"
    head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
    spec.write_text(head + "    Old: {type: string}\n")
    args = ("generate", "--spec", "openapi.yaml", "--out", "o", *targets_args())
    assert run(tmp_path, "none", *args).returncode == 0
    mine = tmp_path / "o" / "docs" / "types" / "brand-new-thing.md"
    mine.write_text("my own page\n")
    before = tree(tmp_path / "o")
    spec.write_text(head + "    Old: {type: string}\n    BrandNewThing: {type: integer}\n")
    refused = run(tmp_path, "none", *args)
    assert refused.returncode == 2, refused.stderr
    assert "brand-new-thing.md exists and respgen did not create it" in refused.stderr
    assert tree(tmp_path / "o") == before  # no target written, not even the python one
    forced = run(tmp_path, "none", *args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert mine.read_text().startswith("# BrandNewThing")
