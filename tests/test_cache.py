"""respgen's one cache (generator/output/cache.py): entries keyed by the content of
every file a run read, so a hit is always what a cold run would write; parsed files
keyed by their bytes; black's results kept in a few shards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output import cache, formatting
from generator.output.cache import Shards
from test_loader import ROOT_YAML

def _folder(where: Path, field: str) -> Path:
    """test_loader's two-file spec, its $ref'd file's Thing with a `field`."""
    (where / "parts").mkdir(parents=True)
    (where / "openapi.yaml").write_text(ROOT_YAML)
    (where / "parts" / "thing.yaml").write_text(
        f"Thing:\n  type: object\n  properties:\n    {field}: {{type: string}}\n")
    return where


def _generate(spec_dir: Path, out: Path, cache_dir: Path, *extra: str) -> dict[str, bytes]:
    env = {**os.environ, "RESPGEN_CACHE_DIR": str(cache_dir)}
    run = subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--spec",
                          str(spec_dir / "openapi.yaml"), "--out", str(out), "--target",
                          "python", "--target", "jsonschema", *extra],
                         cwd=spec_dir, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_same_root_other_refd_file_never_shares_an_entry(tmp_path: Path) -> None:
    """Issue 18 point 3: two folders with byte-identical openapi.yaml that $ref different
    parts/thing.yaml. Each run, cached or not, writes exactly what a cold run writes."""
    shared = tmp_path / "cache"
    a = _folder(tmp_path / "a", "alpha")
    b = _folder(tmp_path / "b", "beta")
    c = _folder(tmp_path / "c", "alpha")  # same content as a: may share a's entry
    got_a = _generate(a, tmp_path / "out-a", shared)
    got_b = _generate(b, tmp_path / "out-b", shared)
    got_c = _generate(c, tmp_path / "out-c", shared)
    cold_b = _generate(b, tmp_path / "cold-b", tmp_path / "unused", "--no-cache")
    assert got_b == cold_b
    assert any(b"beta" in text for text in got_b.values())
    assert not any(b"alpha" in text for text in got_b.values())
    assert got_a == got_c
    entries = [p for p in (shared / "results").glob("*.json") if ".inputs" not in p.name]
    assert len(entries) == 2  # a and c hit one entry, b made its own
    # a $ref'd file edited in place: a new entry, the new content
    thing = b / "parts" / "thing.yaml"
    thing.write_text(thing.read_text().replace("beta", "gamma"))
    again = _generate(b, tmp_path / "out-b", shared)
    assert again == _generate(b, tmp_path / "cold-b2", tmp_path / "unused", "--no-cache")
    assert any(b"gamma" in text for text in again.values())


def test_parsed_files_are_keyed_by_content(tmp_path: Path) -> None:
    calls = []

    def parse() -> object:
        calls.append(1)
        return {"x": 1}

    assert cache.parsed(tmp_path, b"abc", parse) == {"x": 1}
    assert cache.parsed(tmp_path, b"abc", parse) == {"x": 1}
    assert len(calls) == 1
    cache.parsed(tmp_path, b"abd", parse)
    assert len(calls) == 2
    assert cache.parsed(None, b"abc", parse) == {"x": 1} and len(calls) == 3


def test_shards_come_back_from_few_files(tmp_path: Path) -> None:
    shards = Shards(tmp_path / "c")
    for i in range(300):
        shards.put(f"k{i}", f"text {i}\n")
    shards.flush()
    assert len(list((tmp_path / "c").glob("*.json"))) == 1
    again = Shards(tmp_path / "c")
    assert again.get("k7") == "text 7\n" and again.get("missing") is None


def test_shards_are_merged_and_damage_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    for run in range(cache.MAX_SHARDS + 3):
        shards = Shards(folder)
        shards.put(f"run{run}", str(run))
        shards.flush()
        assert len(list(folder.glob("*.json"))) <= cache.MAX_SHARDS
    (folder / "broken.json").write_text("{not json")
    shards = Shards(folder)
    assert [shards.get(f"run{run}") for run in range(cache.MAX_SHARDS + 3)] == \
        [str(run) for run in range(cache.MAX_SHARDS + 3)]


def test_format_python_reuses_black_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "class M:\n    x: Annotated[Annotated[list[StrictStr], Field(max_length=2)] | None, NOT_NULL] = None\n"
    formatting.configure(tmp_path)
    first = formatting.format_python(text)
    assert first != text
    calls: list[str] = []
    real = formatting._format
    monkeypatch.setattr(formatting, "_format", lambda t: (calls.append(t), real(t))[1])
    formatting.configure(tmp_path)  # as a new process would: read back from disk
    try:
        assert formatting.format_python(text) == first and calls == []
    finally:
        formatting.configure(None)


def test_json_written_in_pieces_is_the_one_string_json_makes() -> None:
    """Entries are written a mapping item at a time (a whole run's files are never one
    string in memory); the bytes are exactly json.dumps's."""
    from generator.output.cache import _json_pieces

    payload = {"files": {"docs": {"a.md": "é \"quoted\"\n", "b.md": ""}, "python": {}},
               "diagnostics": ["x"], "n": 1.5, "none": None, "ints": {1: "one"}}
    for value in (payload, {}, [payload], "text", {"deep": {"er": {"est": {"k": [1]}}}}):
        assert b"".join(_json_pieces(value, 3)) == \
            json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
