"""Rendering the targets on several processes (generator/parallel.py): the same files,
diagnostics and errors as one process, in job order, whichever process ran a job."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from generator import parallel
from generator.config import Config
from generator.errors import ConfigError
from shared_data import ROOT

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork (Linux, one thread)")


def _meet(folder: Path, me: int) -> Callable[[], int]:
    """A job that marks its arrival and returns its process id once the other job of
    the pair has arrived too (so two jobs run at once, in two processes, or fail)."""
    def job() -> int:
        (folder / str(me)).touch()
        for _ in range(2000):  # 20 s at most, for a very busy machine
            if (folder / str(1 - me)).exists():
                return os.getpid()
            time.sleep(0.01)
        raise AssertionError("the other job never ran at the same time")
    return job


def test_jobs_run_in_two_processes_and_come_back_in_order(tmp_path: Path) -> None:
    jobs = [_meet(tmp_path, 0), _meet(tmp_path, 1), lambda: "third", lambda: {"k": ["v"]}]
    first, second, third, fourth = parallel.run_jobs(jobs, 2)
    assert os.getpid() in (first, second) and first != second  # one of them ran in a child
    assert (third, fourth) == ("third", {"k": ["v"]})


def test_one_worker_runs_serially_in_this_process() -> None:
    assert parallel.run_jobs([os.getpid, os.getpid], 1) == [os.getpid()] * 2


def test_the_first_failing_job_in_order_raises_its_own_error(tmp_path: Path) -> None:
    """Job 1 fails wherever it runs, job 2 too: job 1's error comes out, as serially,
    even when job 1 failed in the child (then it is run again here to raise it)."""
    ran: list[int] = []

    def fail(n: int) -> Callable[[], int]:
        def job() -> int:
            ran.append(n)  # in this process only
            raise ConfigError(f"job {n} failed")
        return job

    for _ in range(3):
        ran.clear()
        with pytest.raises(ConfigError, match="^job 1 failed$"):
            parallel.run_jobs([lambda: 0, fail(1), fail(2)], 2)
        assert 1 in ran


def test_a_job_whose_child_died_runs_here(tmp_path: Path) -> None:
    parent = os.getpid()

    def die_in_child(me: int) -> Callable[[], str]:
        meet = _meet(tmp_path, me)

        def job() -> str:
            meet()
            if os.getpid() != parent:
                os._exit(3)  # the child dies without sending anything
            return f"job {me}"
        return job

    assert parallel.run_jobs([die_in_child(0), die_in_child(1)], 2) == ["job 0", "job 1"]


def test_jobs_knob_from_pyproject_is_checked(tmp_path: Path) -> None:
    from generator.config import load_config

    (tmp_path / "pyproject.toml").write_text("[tool.respgen]\njobs = 1\n")
    assert load_config(tmp_path).jobs == 1
    (tmp_path / "pyproject.toml").write_text("[tool.respgen]\njobs = -2\n")
    with pytest.raises(ConfigError, match="jobs must be a whole number"):
        load_config(tmp_path)
    assert Config().jobs == 0  # default: one process per core (under the memory goal; docs/guide.md)


ALL = ("python", "docs", "typescript", "jsonschema", "html")


def _generate(cwd: Path, out: str, *args: str, targets: tuple[str, ...] = ALL
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--no-cache", "--spec",
         str(ROOT / "spec" / "openapi.yaml"), "--out", out, "--package", "myapi",
         *[a for t in targets for a in ("--target", t)], *args],
        cwd=cwd, capture_output=True, text=True)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_output_is_byte_identical_to_serial(tmp_path: Path) -> None:
    serial = _generate(tmp_path, "serial", "--jobs", "1")
    forked = _generate(tmp_path, "forked", "--jobs", "3")
    assert serial.returncode == forked.returncode == 0, serial.stderr + forked.stderr
    assert forked.stderr == serial.stderr  # the diagnostics, in the same order
    assert forked.stdout.replace("forked", "serial").rsplit(" in ", 1)[0] == \
        serial.stdout.rsplit(" in ", 1)[0]
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "serial")


def test_a_template_error_is_reported_as_serially(tmp_path: Path) -> None:
    templates = tmp_path / "tpl" / "docs"
    shutil.copytree(ROOT / "templates" / "docs", templates)
    page = next(templates.glob("*.j2"))
    page.write_text(page.read_text() + "{{ no_such_name.attr }}\n")
    options = ("--templates", str(tmp_path / "tpl"))
    serial = _generate(tmp_path, "serial", "--jobs", "1", *options, targets=("jsonschema", "docs"))
    forked = _generate(tmp_path, "forked", "--jobs", "2", *options, targets=("jsonschema", "docs"))
    assert serial.returncode == forked.returncode == 2
    assert "template error in target 'docs'" in serial.stderr
    assert forked.stderr == serial.stderr
    assert not (tmp_path / "forked").exists()
