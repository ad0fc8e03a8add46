"""docs/ci.md's recipes, run: every shell step of the GitHub Actions workflow and of the
GitLab CI job, extracted from the page as written, in a throwaway git repository whose
target branch and change request hold two versions of a spec. `gh` and `curl` are
stand-ins on PATH that record what they would post."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from shared_data import ROOT
from test_workflow import SMALL

PAGE = ROOT / "docs" / "ci.md"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
RECORDER = """#!/bin/sh
# stand-in for {name}: records its arguments and the body it was given
out="$RECORD_DIR/{name}-$$.json"
"$RECORD_PY" - "$@" > "$out" <<'EOF'
import json, sys, re
args = sys.argv[1:]
body = None
for i, a in enumerate(args):
    if a == "--body-file":
        body = open(args[i + 1]).read()
    m = re.match(r"body@(.*)", a)
    if m:
        body = open(m.group(1)).read()
print(json.dumps({{"args": args, "body": body}}))
EOF
"""


def _recipes() -> tuple[dict[str, Any], dict[str, Any]]:
    fences = [t.content for t in MarkdownIt("commonmark").parse(PAGE.read_text())
              if t.type == "fence" and t.info.strip() == "yaml"]
    github = next(yaml.safe_load(f) for f in fences if "jobs:" in f)
    gitlab = next(yaml.safe_load(f) for f in fences if "script:" in f)
    return github, gitlab


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    assert done.returncode == 0, done.stderr
    return done.stdout


def _respgen(repo: Path, env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=repo, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _spec(change: str) -> dict[str, Any]:
    spec = json.loads(json.dumps(SMALL))
    props = spec["components"]["schemas"]["Resp"]["properties"]
    if change == "compatible":
        props["created_at"] = {"type": "integer"}
    elif change in ("breaking", "drift"):
        del props["status"]  # optional in responses: its removal alone breaks no client
        # a proven break (diff finds a witness): the request's bound tightened
        spec["components"]["schemas"]["Req"]["properties"]["temperature"]["maximum"] = 1
    return spec


def _setup(tmp: Path, change: str) -> tuple[Path, dict[str, str]]:
    """origin (bare) with main = version 1; a clone on branch `change` = version 2."""
    origin, repo = tmp / "origin.git", tmp / "work"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(repo)], check=True, capture_output=True)
    _git(repo, "checkout", "-q", "-b", "main")
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    for name in ("gh", "curl"):
        tool = bin_dir / name
        tool.write_text(RECORDER.format(name=name))
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    (tmp / "records").mkdir()
    env = {**os.environ, **GIT_ENV, "RESPGEN_CACHE_DIR": str(tmp / "cache"),
           "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "RECORD_DIR": str(tmp / "records"), "RECORD_PY": sys.executable}
    (repo / "spec").mkdir()
    (repo / "spec" / "openapi.yaml").write_text(yaml.safe_dump(SMALL, sort_keys=False))
    (repo / "pyproject.toml").write_text('[tool.respgen]\nspec = "spec/openapi.yaml"\n'
                                         'out = "generated"\ntargets = ["python"]\npackage = "acme"\n')
    _respgen(repo, env, "generate")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "spec v1")
    _git(repo, "push", "-q", "origin", "main")
    _git(repo, "checkout", "-q", "-b", change)
    (repo / "spec" / "openapi.yaml").write_text(yaml.safe_dump(_spec(change), sort_keys=False))
    if change != "drift":
        _respgen(repo, env, "generate")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "spec v2")
    return repo, env


def _records(tmp: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((tmp / "records").glob("*.json"))]


def _run_github(tmp: Path, repo: Path, env: dict[str, str], workflow: dict[str, Any]) -> list[tuple[str, int]]:
    """Run the job's `run` steps as GitHub does (bash -eo pipefail; after a failure only
    `if: always()` steps). Expressions in `env:` get the values GitHub would give."""
    values = {"${{ github.token }}": "token", "${{ github.event.pull_request.number }}": "7"}
    runner_temp = tmp / "runner"
    runner_temp.mkdir()
    base_env = {**env, **{k: str(v) for k, v in workflow["env"].items()},
                "GITHUB_BASE_REF": "main", "RUNNER_TEMP": str(runner_temp),
                "GITHUB_STEP_SUMMARY": str(tmp / "summary.md")}
    results: list[tuple[str, int]] = []
    failed = False
    for step in workflow["jobs"]["respgen"]["steps"]:
        if "uses" in step:
            continue
        if "pip install" in step["run"]:  # respgen is installed in this venv already
            continue
        if failed and step.get("if") != "always()":
            continue
        step_env = {k: values.get(str(v), str(v)) for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=repo, env={**base_env, **step_env}, capture_output=True, text=True)
        results.append((step["name"], done.returncode))
        failed = failed or done.returncode != 0
    return results


def _run_gitlab(tmp: Path, repo: Path, env: dict[str, str], job: dict[str, Any]) -> int:
    lines = [line for line in job["script"] if "pip install" not in line]
    ci = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_BUILDS_DIR": str(tmp / "builds"),
          "RESPGEN_BOT_TOKEN": "secret", "CI_API_V4_URL": "https://gitlab.example.invalid/api/v4",
          "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "5"}
    (tmp / "builds").mkdir()
    script = "\n".join(lines)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=repo,
                          env={**env, **{k: str(v) for k, v in job["variables"].items()}, **ci},
                          capture_output=True, text=True)
    return done.returncode


def test_recipes_are_complete() -> None:
    github, gitlab = _recipes()
    steps = github["jobs"]["respgen"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "respgen check" in runs and "--fail-on breaking" in runs and "gh pr comment" in runs
    assert any(s.get("if") == "always()" and "gh pr comment" in s["run"] for s in steps)
    script = "\n".join(gitlab["respgen"]["script"])
    assert "respgen check" in script and "--fail-on breaking" in script and "/notes" in script


@pytest.mark.parametrize("change, passes", [("compatible", True), ("breaking", False)])
def test_github_recipe(tmp_path: Path, change: str, passes: bool) -> None:
    repo, env = _setup(tmp_path, change)
    results = _run_github(tmp_path, repo, env, _recipes()[0])
    by_name = dict(results)
    assert by_name["Generated code matches the spec"] == 0
    assert (by_name["Breaking changes against the target branch"] == 0) is passes, results
    assert by_name["Post the changelog on the pull request"] == 0, "posted either way"
    posted = _records(tmp_path)
    assert len(posted) == 1 and posted[0]["args"][:3] == ["pr", "comment", "7"]
    changed = "created_at" if change == "compatible" else "status"
    assert changed in posted[0]["body"]
    assert posted[0]["body"] in (tmp_path / "summary.md").read_text()


@pytest.mark.parametrize("change, exit_code", [("breaking", 1), ("drift", 1)])
def test_gitlab_recipe(tmp_path: Path, change: str, exit_code: int) -> None:
    repo, env = _setup(tmp_path, change)
    assert _run_gitlab(tmp_path, repo, env, _recipes()[1]["respgen"]) == exit_code
    posted = _records(tmp_path)
    if change == "drift":  # `respgen check` stops the job before the diff
        assert posted == []
        return
    assert len(posted) == 1
    assert posted[0]["args"][-1] == "https://gitlab.example.invalid/api/v4/projects/42/merge_requests/5/notes"
    assert "PRIVATE-TOKEN: secret" in posted[0]["args"]
    assert "status" in posted[0]["body"]
