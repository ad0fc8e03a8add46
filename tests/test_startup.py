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


def test_a_python_only_run_loads_no_other_target(tmp_path: Path) -> None:
    """`get_target` imports the one target asked for: a python-only run never loads the
    docs or html targets (nor the Markdown parser only they use); nor PyYAML for a spec
    the YAML fast path reads, nor jsonpath without an overlay, nor importlib.metadata
    (~20 ms: only a plugin target's name needs the installed entry points)."""
    others = ("generator.targets.docs.target", "generator.targets.html.target",
              "generator.targets.typescript.target", "generator.targets.jsonschema.target",
              "markdown_it", "yaml", "jsonpath_rfc9535", "importlib.metadata")
    probe = ("import sys\nfrom generator.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             f"print(sorted(m for m in {others + ('generator.targets.python.target',)!r} "
             "if m in sys.modules))\n")
    args = [sys.executable, "-c", probe, "generate", "--no-cache", "--spec",
            str(ROOT / "spec" / "openapi.yaml"), "--out", str(tmp_path / "out"),
            "--target", "python", "--package", "openresponses"]
    run = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "['generator.targets.python.target']"


def _entry(tmp_path: Path, *args: str, before: str = "") -> subprocess.CompletedProcess[str]:
    probe = (f"import sys\n{before}\nfrom generator.cli import entry\n"
             "sys.argv = ['respgen', *sys.argv[1:]]\nentry()\nprint('not reached')\n")
    return subprocess.run([sys.executable, "-c", probe, *args], cwd=tmp_path,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})


def test_the_console_script_exits_as_sys_exit_would(tmp_path: Path) -> None:
    """`entry` (the `respgen` console script) skips freeing the run's objects at exit,
    but keeps what an exit promises: the exit code, flushed output, `atexit` handlers."""
    ok = _entry(tmp_path, "--version",
                before="import atexit\natexit.register(lambda: print('handler ran'))")
    assert ok.returncode == 0
    assert "version" in ok.stdout and "handler ran" in ok.stdout and "not reached" not in ok.stdout
    bad = _entry(tmp_path, "generate", "--spec", str(tmp_path / "missing.yaml"),
                 "--out", str(tmp_path / "out"))
    assert bad.returncode == 2 and "missing.yaml" in bad.stderr
    spec = ROOT / "spec" / "openapi.yaml"
    printed = _entry(tmp_path, "ir", "--spec", str(spec))  # piped: fully buffered
    assert printed.returncode == 0 and printed.stdout.rstrip().endswith("}")
    message = _entry(tmp_path, before="import click\n"
                     "click.Group.main = lambda self, *a, **k: (_ for _ in ()).throw("
                     "SystemExit('a message'))")
    assert message.returncode == 1 and "a message" in message.stderr
