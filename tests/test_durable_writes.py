"""Durability: every staged file is flushed to disk before the swap that exposes it.

Files are written without a per-file fsync; `make_durable` flushes the staged folders
at once (Linux `syncfs`, one call per file system), and where that is unavailable it
fsyncs every file and folder of the stage. Both paths are checked here: whatever the
swap exposes was flushed first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output import writer as output

FILES = {"a.txt": "alpha\n", "sub/b.txt": "beta\n", "sub/deeper/c.txt": "gamma\n"}


def _watch_swaps(monkeypatch: pytest.MonkeyPatch, flushed: list[str]) -> list[list[str]]:
    """Record what had been flushed at each swap."""
    seen: list[list[str]] = []
    real_exchange = output._exchange

    def exchange(a: Path, b: Path) -> None:
        seen.append(list(flushed))
        real_exchange(a, b)

    monkeypatch.setattr(output, "_exchange", exchange)
    return seen


def test_syncfs_runs_once_before_the_swaps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if getattr(output._libc(), "syncfs", None) is None:
        pytest.skip("no syncfs(2) on this system; the fallback is tested below")
    out = tmp_path / "out"
    output.write_targets([(out / "one", {"x.txt": "1\n"}, {}), (out / "two", {"y.txt": "1\n"}, {})])
    flushed: list[str] = []
    real_syncfs = output._syncfs

    def syncfs(path: Path) -> bool:
        flushed.append(path.name)
        return real_syncfs(path)

    monkeypatch.setattr(output, "_syncfs", syncfs)
    seen = _watch_swaps(monkeypatch, flushed)
    output.write_targets([(out / "one", {"x.txt": "2\n"}, {}), (out / "two", {"y.txt": "2\n"}, {})])
    assert len(flushed) == 1 and flushed[0].startswith(output.STAGE_PREFIX)  # same file system
    assert seen == [flushed, flushed]  # both swaps came after the flush
    assert (out / "one" / "x.txt").read_text() == "2\n" and (out / "two" / "y.txt").read_text() == "2\n"


def test_without_syncfs_every_staged_file_and_folder_is_fsynced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out" / "target"
    output.write_target(folder, {rel: "old " + text for rel, text in FILES.items()}, {})
    (folder / "mine.txt").write_text("not respgen's\n")
    flushed: list[str] = []
    real_fsync = output._fsync_path

    def fsync(path: Path) -> None:
        stage = next(p for p in path.parents if p.name.startswith(output.STAGE_PREFIX)) \
            if not path.name.startswith(output.STAGE_PREFIX) else path
        flushed.append(path.relative_to(stage).as_posix())
        real_fsync(path)

    monkeypatch.setattr(output, "_syncfs", lambda path: False)
    monkeypatch.setattr(output, "_fsync_path", fsync)
    seen = _watch_swaps(monkeypatch, flushed)
    output.write_target(folder, FILES, {})
    expected = {*FILES, "mine.txt", output.MANIFEST, ".", "sub", "sub/deeper"}
    assert len(seen) == 1 and set(seen[0]) == expected
    assert {rel: (folder / rel).read_text() for rel in FILES} == FILES
    assert (folder / "mine.txt").read_text() == "not respgen's\n"
