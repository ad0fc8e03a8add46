"""The respgen command: generate, check, ir; exit codes; errors; determinism;
atomic writes that never touch files respgen did not make."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.output import writer as output
from generator.cli import main
from shared_data import ROOT

SPEC = ROOT / "spec"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of spec/ with a pyproject.toml whose [tool.respgen] points at it."""
    shutil.copytree(SPEC, tmp_path / "spec")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.respgen]\nspec = "spec/openapi.yaml"\nout = "gen"\npackage = "myapi"\n')
    return tmp_path


def respgen(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "RESPGEN_CACHE_DIR": str(cwd / ".cache"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=full_env)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generate_then_check_then_drift(project: Path) -> None:
    first = respgen(project, "generate")
    assert first.returncode == 0, first.stderr
    assert "wrote" in first.stdout and "myapi/models.py" in first.stdout
    assert (project / "gen" / "python" / "myapi" / "py.typed").exists()
    ok = respgen(project, "check")
    assert ok.returncode == 0 and "up to date" in ok.stdout
    again = respgen(project, "generate")
    assert again.returncode == 0 and "0 file(s) written" in again.stdout

    request = project / "spec" / "schemas" / "request.yaml"
    text = request.read_text()
    assert "maxLength: 128" in text
    request.write_text(text.replace("maxLength: 128", "maxLength: 64", 1))
    stale = respgen(project, "check")
    assert stale.returncode == 1
    assert stale.stdout.startswith("--- a/python/myapi/client.py")  # the argument's bound
    assert "\n--- a/python/myapi/models.py" in stale.stdout
    assert "max_length=64" in stale.stdout
    assert "types changed since last generate:" in stale.stderr

    (project / "gen" / "python" / "myapi" / "models.py").unlink()
    assert respgen(project, "check").returncode == 1


def test_bad_input_is_one_line_exit_2_no_traceback(project: Path) -> None:
    spec = project / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text() + "\n  broken: [unclosed\n")
    bad = respgen(project, "generate")
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in bad.stderr
    assert "openapi.yaml:" in lines[0] and "YAML syntax error" in lines[0]
    assert not (project / "gen").exists()

    shutil.rmtree(project / "spec")
    shutil.copytree(SPEC, project / "spec")
    request = project / "spec" / "schemas" / "request.yaml"
    request.write_text(request.read_text().replace("'#/", "'#/Missing", 1))
    dangling = respgen(project, "ir")
    assert dangling.returncode == 2
    line = dangling.stderr.strip()
    assert "\n" not in line and "dangling $ref" in line
    assert "request.yaml:" in line and ": #/" in line  # file, line, column and pointer


def test_ir_is_stable_json(project: Path) -> None:
    one = respgen(project, "ir")
    assert one.returncode == 0, one.stderr
    data = json.loads(one.stdout)
    assert list(data["types"]) == sorted(data["types"])
    assert data["operations"][0]["path"] == "/responses"
    assert respgen(project, "ir", "--no-cache").stdout == one.stdout


def test_output_is_identical_across_hash_seeds(project: Path) -> None:
    outputs = []
    for seed in ("1", "12345"):
        out = project / f"out{seed}"
        run = respgen(project, "generate", "--out", str(out), "--no-cache", env={"PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr
        outputs.append(tree(out))
    assert outputs[0] == outputs[1] and len(outputs[0]) >= 5


def test_foreign_files_are_kept_and_unowned_folders_refused(project: Path) -> None:
    assert respgen(project, "generate").returncode == 0
    mine = project / "gen" / "python" / "NOTES.md"
    mine.write_text("my notes")
    (project / "gen" / "python" / "myapi" / "extra.py").write_text("X = 1\n")
    request = project / "spec" / "schemas" / "request.yaml"
    request.write_text(request.read_text().replace("maxLength: 128", "maxLength: 64", 1))
    assert respgen(project, "generate").returncode == 0
    assert mine.read_text() == "my notes"
    assert (project / "gen" / "python" / "myapi" / "extra.py").read_text() == "X = 1\n"

    foreign = project / "elsewhere" / "python"
    foreign.mkdir(parents=True)
    (foreign / "keep.txt").write_text("keep")
    refused = respgen(project, "generate", "--out", str(project / "elsewhere"))
    assert refused.returncode == 2 and "respgen did not create it" in refused.stderr
    assert tree(foreign) == {"keep.txt": b"keep"}


def test_a_crash_mid_write_leaves_the_old_output_whole(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert respgen(project, "generate").returncode == 0
    before = tree(project / "gen")
    request = project / "spec" / "schemas" / "request.yaml"
    request.write_text(request.read_text().replace("maxLength: 128", "maxLength: 64", 1))
    calls = {"n": 0}
    real = output._write_new

    def dying(path: Path, text: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed mid-write")
        real(path, text)

    monkeypatch.setattr(output, "_write_new", dying)
    monkeypatch.chdir(project)
    monkeypatch.setenv("RESPGEN_CACHE_DIR", str(project / ".cache"))
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code != 0 and calls["n"] == 2  # click turns the interrupt into Abort
    assert tree(project / "gen") == before
    assert not list((project / "gen").glob(".respgen-stage-*"))


def test_templates_override_and_help(project: Path) -> None:
    override = project / "mytemplates" / "python"
    override.mkdir(parents=True)
    (override / "pyproject.toml.j2").write_text('[project]\nname = "custom-{{ package }}"\n')
    run = respgen(project, "generate", "--templates", str(project / "mytemplates"))
    assert run.returncode == 0, run.stderr
    assert (project / "gen" / "python" / "pyproject.toml").read_text() == '[project]\nname = "custom-myapi"\n'
    assert (project / "gen" / "python" / "myapi" / "models.py").exists()  # the rest: ours
    helptext = respgen(project, "--help").stdout
    assert "generate" in helptext and "check" in helptext and "Exit codes" in helptext
    assert "--templates" in respgen(project, "generate", "--help").stdout


def test_targets_lists_python(project: Path) -> None:
    run = respgen(project, "targets")
    names = [line.split()[0] for line in run.stdout.splitlines() if line.strip()]
    assert run.returncode == 0 and "python" in names and "docs" in names


def test_spec_text_in_messages_cannot_drive_the_terminal(tmp_path: Path) -> None:
    """Names from the spec reach warnings and errors (in pointers); escape sequences
    and bidi controls in them are shown escaped, never sent to the terminal."""
    nasty = "k\x1b[2J\x1b]0;owned\x07\u202e"
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {"S": {"type": "object", nasty: 1, "properties": {
                nasty: {"type": "string", "maxLength": "x"}}}}}}
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    warned = respgen(tmp_path, "ir", "--spec", "spec.json")
    failed = respgen(tmp_path, "generate", "--spec", "spec.json", "--out", "gen")
    assert failed.returncode == 2 and "maxLength" in failed.stderr
    spec["components"]["schemas"]["S"]["properties"][nasty]["maxLength"] = 3
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    warned = respgen(tmp_path, "ir", "--spec", "spec.json")
    assert warned.returncode == 0 and "unsupported keyword" in warned.stderr
    for stderr in (warned.stderr, failed.stderr):
        assert not any(c in stderr for c in "\x1b\x07\u202e"), repr(stderr)
        assert "\\u001b" in stderr
