"""A cold `generate` stages each target's folder on a background thread while the next
target renders (generator/output/staging.py). The writer's guarantees hold unchanged:
a refusal found late, or a failure while a later target renders, leaves every folder
as it was and no stage behind; `-j N` still forks (no thread runs before it)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import parallel, pipeline
from generator.cli import main
from generator.errors import ConfigError
from generator.output import writer
from generator.output.staging import Background
from test_broken_specs import HEAD

SPEC = HEAD + "components:\n  schemas:\n    A: {type: string}\n    B: {type: integer}\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(f"{writer.STAGE_PREFIX}*"))


def _generate(root: Path, *targets: str, version: str = "1", out: str = "out",
              jobs: int = 1) -> Any:
    title = f"title: t{version}, version: '{version}'"
    (root / "spec.yaml").write_text(SPEC.replace("title: t, version: '1'", title))
    args = ["generate", "--spec", "spec.yaml", "--out", out, "--package", "pkg", "--no-cache",
            "--jobs", str(jobs)]
    return CliRunner().invoke(main, args + [a for t in targets for a in ("--target", t)])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_late_refusal_leaves_every_folder_as_it_was_and_no_stage(project: Path) -> None:
    assert _generate(project, "docs").exit_code == 0
    (project / "out" / "python").mkdir()
    (project / "out" / "python" / "mine.py").write_text("X = 1\n")  # not respgen's
    before = _tree(project / "out")
    staged: list[str] = []
    real = writer.stage_folder

    def stage(folder: Path, *args: Any) -> writer.Staged:
        staged.append(folder.name)
        return real(folder, *args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "stage_folder", stage)
        # docs (many files) renders and is staged first; python's check then refuses
        result = _generate(project, "python", "docs", version="2")
    assert result.exit_code == 2 and "respgen did not create it" in result.output
    assert staged == ["docs"]  # the docs' new version was staged, then removed
    assert _tree(project / "out") == before and not _strays(project)


def test_a_refusal_on_the_second_folder_creates_no_folder(tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"
    with Background([out / "a", out / "b"]) as background:
        background.add(out / "a", {"a.txt": "a\n"}, {})
        background.add(out / "b", {"../escape.txt": "b\n"}, {})
        with pytest.raises(ValueError, match="not a folder still to write"):
            background.add(out / "a", {}, {})  # each folder once
        with pytest.raises(ConfigError, match="must stay inside its target folder"):
            background.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # `new/out` made, then removed


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failure_rendering_the_third_target_leaves_no_stage(
        project: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]) -> None:
    assert _generate(project, "python", "docs", "jsonschema").exit_code == 0
    before = _tree(project / "out")
    staged = threading.Semaphore(0)
    real_stage, real_render = writer.stage_folder, pipeline.render_target
    rendered: list[str] = []
    seen: list[str] = []

    def stage(*args: Any) -> writer.Staged:
        done = real_stage(*args)
        staged.release()
        return done

    def render(ir: Any, config: Any, name: str) -> Any:
        rendered.append(name)
        if len(rendered) == 3:  # the first two are staged by now: then fail
            assert staged.acquire(timeout=120) and staged.acquire(timeout=120)
            seen.extend(_strays(project))
            raise error("failed while rendering")
        return real_render(ir, config, name)

    monkeypatch.setattr(writer, "stage_folder", stage)
    monkeypatch.setattr(pipeline, "render_target", render)
    result = _generate(project, "python", "docs", "jsonschema", version="2")
    assert result.exit_code != 0 and rendered == ["docs", "jsonschema", "python"]
    assert len(seen) == 2 and all(name.startswith(writer.STAGE_PREFIX) for name in seen)
    assert _tree(project / "out") == before and not _strays(project)


_JOBS_PROBE = """
import sys, threading
from generator import parallel
from generator.cli import main
real, seen = parallel.run_jobs, []
def run_jobs(jobs, workers):
    seen.append((threading.active_count(), parallel.forks(len(jobs), workers)))
    return real(jobs, workers)
parallel.run_jobs = run_jobs
try:
    main(sys.argv[1:])
except SystemExit as exc:
    assert not exc.code, exc.code
print(seen)
"""


def test_jobs_still_fork_and_write_what_a_serial_run_writes(project: Path) -> None:
    """In a process of its own (this one may run other tests' threads, and then must
    not fork): `-j 2` forks with no staging thread started yet; `-j 1` renders the
    targets one by one, not as jobs; both write the same files."""
    import subprocess
    import sys

    (project / "spec.yaml").write_text(SPEC)

    def generate(out: str, jobs: str) -> str:
        args = [sys.executable, "-c", _JOBS_PROBE, "generate", "--spec", "spec.yaml", "--out",
                out, "--package", "pkg", "--no-cache", "--jobs", jobs,
                "--target", "python", "--target", "docs"]
        run = subprocess.run(args, cwd=project, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip().splitlines()[-1]

    assert generate("forked", "2") == "[(1, True)]"  # one thread: this one; it forks
    assert generate("serial", "1") == "[]"
    assert _tree(project / "forked") == _tree(project / "serial") != {}


def test_staging_a_folder_keeps_the_stage_of_one_whose_name_it_begins(tmp_path: Path) -> None:
    """`py`'s stale-stage cleanup once removed `py-x`'s fresh stage (same prefix). A
    crashed run's stage goes; a `-old` folder (the user's folder, left by the swap's
    fallback dying between its renames) stays."""
    out = tmp_path / "out"
    for name in ("py-12345", "py-12345-old"):
        (out / f"{writer.STAGE_PREFIX}{name}").mkdir(parents=True)
    reports = writer.write_targets([(out / "py-x", {"a.txt": "a\n"}, {}),
                                    (out / "py", {"b.txt": "b\n"}, {})])
    assert [r.written for r in reports] == [["a.txt"], ["b.txt"]]
    assert (out / "py-x" / "a.txt").read_text() == "a\n"
    assert _strays(out) == [f"{writer.STAGE_PREFIX}py-12345-old"]


def test_black_forks_no_workers_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file black must format while the staging thread runs is formatted here, serially:
    a forked child could wait forever on a lock that thread held (parallel.can_fork)."""
    import concurrent.futures

    from generator.output import formatting

    pools: list[int] = []

    class NoPool:
        def __init__(self, workers: int, **kwargs: Any) -> None:
            pools.append(workers)
            raise RuntimeError("forked")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    monkeypatch.setattr(formatting, "_format", str.upper)
    monkeypatch.setattr(formatting.os, "cpu_count", lambda: 2)
    texts = ["x = 1\n" * 4000, "y = 2\n" * 4000]  # big enough to fork for
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert formatting._black_all(texts, remember=False) == [t.upper() for t in texts]
    finally:
        release.set()
        other.join()
    assert pools == []
    # Alone, it forks as before (threads other tests left running, e.g. a loopback
    # server's, would make this process not alone: counted as none here).
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    with pytest.raises(RuntimeError, match="forked"):
        formatting._black_all(texts, remember=False)
    assert pools == [2]


@pytest.mark.parametrize("black", [False, True])
def test_with_black_on_every_file_nothing_is_written_while_rendering(
        project: Path, monkeypatch: pytest.MonkeyPatch, black: bool) -> None:
    """`--format` runs black over every file, on forked workers: the targets then render
    with no other thread, and are written once all are rendered."""
    threads: list[int] = []
    real = pipeline.render_target

    def render(ir: Any, config: Any, name: str) -> Any:
        threads.append(threading.active_count())
        return real(ir, config, name)

    monkeypatch.setattr(pipeline, "render_target", render)
    idle = threading.active_count()
    (project / "spec.yaml").write_text(SPEC)
    args = ["generate", "--spec", "spec.yaml", "--out", "out", "--no-cache", "--jobs", "1",
            "--target", "docs", "--target", "jsonschema"]
    assert CliRunner().invoke(main, args + (["--format"] if black else [])).exit_code == 0
    assert threads == ([idle, idle] if black else [idle, idle + 1])
    assert (project / "out" / "docs" / "index.md").is_file()


def test_where_jobs_cannot_fork_the_folders_are_written_while_rendering(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-j 2` (or the default, one per core) on a platform that does not fork renders
    here, one target after another: as with `-j 1`, each folder is written on the
    thread while the next target renders (not all of them after the last)."""
    threads: list[int] = []
    real = pipeline.render_target

    def render(ir: Any, config: Any, name: str) -> Any:
        threads.append(threading.active_count())
        return real(ir, config, name)

    monkeypatch.setattr(pipeline, "render_target", render)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    idle = threading.active_count()
    result = _generate(project, "docs", "jsonschema", jobs=2)
    assert result.exit_code == 0, result.output
    assert threads == [idle, idle + 1]
    assert (project / "out" / "docs" / "index.md").is_file()


def test_fingerprints_are_asked_for_once_the_files_are_written(tmp_path: Path) -> None:
    """A cold run's type fingerprints are computed while its first folder is written:
    the manifest asks for them (a function) only once every file is in the stage, or
    at once where a manifest is there to compare with; either way it holds their value."""
    folder = tmp_path / "out" / "python"
    files = {"a.py": "A = 1\n", "pkg/b.py": "B = 2\n"}
    seen: list[list[str]] = []

    def fingerprints() -> dict[str, str]:
        seen.append(sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*.py"))
                    if (stage := next(iter(folder.parent.glob(f"{writer.STAGE_PREFIX}*")), None))
                    else ["(no stage)"])
        return {"A": "0123456789abcdef"}

    first = writer.stage_folder(folder, files, {"target": "python", "types": fingerprints})
    assert seen == [["a.py", "pkg/b.py"]]  # asked once, every file already written
    writer.commit_all([first])
    assert writer.read_manifest(folder)["types"] == {"A": "0123456789abcdef"}  # type: ignore[index]
    again = writer.stage_folder(folder, files, {"target": "python", "types": fingerprints})
    assert seen[1:] == [["(no stage)"]] and again.stage is None  # compared first: unchanged
    assert again.report.unchanged == sorted(files)
