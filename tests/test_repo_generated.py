"""The committed generated/ is exactly what spec/ and templates/ produce now
(CI fails on drift), and the committed package passes its own checks."""

from __future__ import annotations

import subprocess
import sys

from shared_data import ROOT


def test_generated_folder_is_current() -> None:
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, (run.stdout[-3000:] + run.stderr[-2000:])


def test_committed_package_is_typed_and_formatted() -> None:
    pkg = ROOT / "generated" / "python"
    assert (pkg / "openresponses" / "py.typed").exists()
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "-p", "openresponses"], cwd=pkg, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout[-3000:] + mypy.stderr[-1000:]
    black = subprocess.run([sys.executable, "-m", "black", "--check", "--quiet", "openresponses"],
                           cwd=pkg, capture_output=True, text=True)
    assert black.returncode == 0, black.stderr


def test_generated_package_imports_lazily() -> None:
    code = ("import sys, openresponses; assert 'openresponses.models' not in sys.modules; "
            "req = openresponses.OpenResponsesRequest(model='m'); "
            "assert 'openresponses.models' in sys.modules; print(len(openresponses.__all__))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "generated" / "python",
                         capture_output=True, text=True)
    assert run.returncode == 0 and int(run.stdout) > 100, run.stderr
