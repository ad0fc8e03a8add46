"""A `generate` with nothing changed is served from the result cache and imports only
what that needs: no YAML parser, no builder, no Jinja, no jsonpath, no httpx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNUSED = ("yaml", "yaml_rs", "jinja2", "jsonpath_rfc9535", "httpx", "generator.builder",
          "generator.source.loader", "generator.targets.base", "generator.output.drift")


def test_a_run_with_nothing_changed_imports_no_stage(tmp_path: Path) -> None:
    probe = ("import sys\nfrom generator.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             f"print(sorted(m for m in {UNUSED!r} if m in sys.modules))\n")
    args = [sys.executable, "-c", probe, "generate", "--spec", str(ROOT / "spec" / "openapi.yaml"),
            "--out", str(tmp_path / "out"), "--target", "python", "--package", "openresponses"]
    env = {"RESPGEN_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert cold.returncode == 0, cold.stderr
    assert "'yaml" in cold.stdout.splitlines()[-1]  # the probe sees a cold run read YAML
    warm = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert warm.returncode == 0, warm.stderr
    lines = warm.stdout.strip().splitlines()
    assert "0 file(s) written" in lines[-2]
    assert lines[-1] == "[]"
