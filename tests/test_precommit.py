"""The `respgen-check` pre-commit hook (.pre-commit-hooks.yaml), run by the real
`pre-commit` package from this repository's path on a throwaway git repository: it passes
on fresh output and fails when the spec changed without regenerating.

pre-commit installs respgen (not editable) into its own environment, so this also proves
an installed respgen finds its templates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from shared_data import ROOT
from test_workflow import SMALL


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hooks_file_declares_respgen_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    check = next(h for h in hooks if h["id"] == "respgen-check")
    assert check["entry"].startswith("respgen check")
    assert check["language"] == "python" and check["pass_filenames"] is False


def test_templates_are_installed_as_data_files() -> None:
    """Every target folder in templates/ is listed for a non-editable install."""
    import tomllib

    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    for folder in sorted(p for p in (ROOT / "templates").iterdir() if p.is_dir()):
        assert data_files.get(f"share/respgen/templates/{folder.name}") == [f"templates/{folder.name}/*"], folder.name
        assert not any(p.is_dir() for p in folder.iterdir()), f"{folder}: data-files globs one level"


def test_precommit_hook_fails_on_drift(tmp_path: Path) -> None:
    repo = tmp_path / "sdk"
    repo.mkdir()
    (repo / "acme.yaml").write_text(yaml.safe_dump(SMALL, sort_keys=False))
    (repo / "pyproject.toml").write_text(
        '[tool.respgen]\nspec = "acme.yaml"\nout = "generated"\ntargets = ["python"]\npackage = "acme"\n')
    env = {**os.environ, "RESPGEN_CACHE_DIR": str(tmp_path / "respgen-cache"),
           "PRE_COMMIT_HOME": str(ROOT / ".cache" / "pre-commit"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    made = subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=repo, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    subprocess.run(["git", "commit", "-qm", "sdk"], cwd=repo, env=env, check=True)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT),
                               "respgen-check", "--all-files"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    fresh = hook()
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "respgen check" in fresh.stdout and "Passed" in fresh.stdout

    spec = repo / "acme.yaml"
    spec.write_text(spec.read_text().replace("maximum: 2", "maximum: 3"))
    stale = hook()
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "Failed" in stale.stdout and "stale" in stale.stdout
