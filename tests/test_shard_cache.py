"""The black-result cache: entries survive a new process (a new ShardCache), a run
writes one shard however many entries it adds, shards past MAX_SHARDS are merged,
a damaged shard is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output import format_cache, shard_cache
from generator.output.shard_cache import ShardCache


def test_entries_come_back_from_few_files(tmp_path: Path) -> None:
    cache = ShardCache(tmp_path / "c")
    for i in range(300):
        cache.put(f"k{i}", f"text {i}\n")
    cache.flush()
    assert len(list((tmp_path / "c").glob("*.json"))) == 1
    again = ShardCache(tmp_path / "c")
    assert again.get("k7") == "text 7\n" and again.get("missing") is None


def test_shards_are_merged_and_damage_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for run in range(shard_cache.MAX_SHARDS + 3):
        cache = ShardCache(folder)
        cache.put(f"run{run}", str(run))
        cache.flush()
        assert len(list(folder.glob("*.json"))) <= shard_cache.MAX_SHARDS
    (folder / "broken.json").write_text("{not json")
    cache = ShardCache(folder)
    assert [cache.get(f"run{run}") for run in range(shard_cache.MAX_SHARDS + 3)] == \
        [str(run) for run in range(shard_cache.MAX_SHARDS + 3)]


def test_format_python_reuses_black_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "class M:\n    x: Annotated[Annotated[list[StrictStr], Field(max_length=2)] | None, NOT_NULL] = None\n"
    format_cache.configure(tmp_path)
    first = format_cache.format_python(text)
    assert first != text
    calls: list[str] = []
    real = format_cache._format
    monkeypatch.setattr(format_cache, "_format", lambda t: (calls.append(t), real(t))[1])
    format_cache.configure(tmp_path)  # as a new process would: read back from disk
    try:
        assert format_cache.format_python(text) == first and calls == []
    finally:
        format_cache.configure(None)
