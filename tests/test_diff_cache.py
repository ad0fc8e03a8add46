"""What `respgen diff` keeps in the cache (IRs, witness verdicts): exact round trips,
distrust of what it finds, and a diff path that builds nothing it already has and
imports no target it does not use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.diff import load_version
from generator.ir import IR
from generator.ir.codec import CodecError, decode, encode
from shared_data import upstream_specs


def round_trip(ir: IR) -> IR:
    return decode(json.loads(json.dumps(encode(ir), ensure_ascii=False)))


@pytest.mark.parametrize("name", upstream_specs())
def test_every_spec_round_trips_exactly(name: str, diff_version: Callable[[str], Any]) -> None:
    """On the IRs the diff tests share (built on a cold cache, as in CI; read back from
    the cache on a warm one, whose loading `test_a_warm_load_builds_nothing` proves)."""
    ir = diff_version(name).ir
    back = round_trip(ir)
    assert back == ir
    assert encode(back) == encode(ir)  # fields left out of == (examples on type uses) too
    assert {p: (loc.file, loc.pointer) for p, loc in back.pattern_sites.items()} == \
        {p: (loc.file, loc.pointer) for p, loc in ir.pattern_sites.items()}


def spec(version: str, enum: list[str]) -> dict[str, Any]:
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": version},
            "paths": {"/x": {"post": {"operationId": "x", "requestBody": body,
                                      "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"Req": {"type": "object", "additionalProperties": False,
                                               "properties": {
                                                   "mode": {"type": "string", "enum": enum,
                                                            "pattern": "^[a-z]+$"},
                                                   "n": {"type": "integer", "minimum": 0}}}}}}


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("RESPGEN_CACHE_DIR", str(tmp_path / "cache"))
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(spec("1", ["a", "b"])))
    new.write_text(json.dumps(spec("2", ["a"])))
    return old, new


def test_decoding_checks_every_field() -> None:
    ir = IR(title="t", version="1", openapi="3.1.0", source="s")
    good = encode(ir)
    assert decode(good) == ir
    bad: list[Any] = [
        [*good[:2], 1, *good[3:]],  # a number where the version's string is
        ["Operation", *good[1:]],  # another class's tag
        good[:-2] + [good[-1]],  # a field short
        [*good[:6], {"T": ["NoSuchType", "T"]}, *good[7:]],  # an unknown kind of type
        [*good[:-1], [["^a$", "f", 3]]],  # a pattern site that is no place
    ]
    for data in bad:
        with pytest.raises(CodecError):
            decode(data)


def test_a_warm_load_builds_nothing(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    old, _ = pair
    built = load_version(old).ir

    def refuse(*_: Any) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr("generator.builder.build_ir", refuse)
    assert load_version(old).ir == built
    monkeypatch.setattr("generator.source.loader.open_spec", refuse)
    assert load_version(old).ir == built


def test_damaged_or_foreign_entries_are_misses(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = pair
    built = load_version(old).ir
    entries = [p for p in (tmp_path / "cache" / "ir").glob("*.json") if not p.name.endswith(".inputs.json")]
    assert len(entries) == 1
    payload = json.loads(entries[0].read_text())
    tampered = json.loads(json.dumps(payload).replace('"integer"', "7"))  # a type that is no string
    for text in ("{", "[]", json.dumps({**payload, "warnings": [1]}), json.dumps(tampered)):
        entries[0].write_text(text)
        assert load_version(old).ir == built
    old.write_text(json.dumps(spec("1", ["a", "c"])))  # another spec: another entry
    assert load_version(old).ir != built


def test_a_warm_diff_builds_no_validators(pair: tuple[Path, Path], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = pair
    runs = [CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])]
    assert json.loads(runs[0].stdout)["summary"]["breaking"] == 1  # "b" removed: a witness

    def refuse(*_: Any) -> None:
        raise AssertionError("validators built again")

    with monkeypatch.context() as m:
        m.setattr("generator.diff.checking.Validators.__init__", refuse)
        runs.append(CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"]))
    for shard in (tmp_path / "cache" / "witnesses").glob("*.json"):  # damaged: searched again
        shard.write_text(json.dumps({k: "{" for k in json.loads(shard.read_text())}))
    runs.append(CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"]))
    runs.append(CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json",
                                          "--no-cache"]))
    assert [r.exit_code for r in runs] == [0, 0, 0, 0], [r.output for r in runs]
    assert len({r.stdout for r in runs}) == 1


def test_diff_shows_overlay_warnings_warm_or_cold(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n"
                       "  - target: $.components.schemas.Nothing\n    update: {description: d}\n"
                       "  - target: $.components.schemas.Req.properties.mode.enum[1]\n    remove: true\n")
    outs = [CliRunner().invoke(main, ["diff", str(old), str(new), "--overlay", str(overlay)])
            for _ in range(2)]  # cold, then from the cache
    for out in outs:
        assert out.exit_code == 0, out.output
        warnings = [line for line in out.stderr.splitlines() if "matches nothing" in line]
        assert len(warnings) == 2, out.stderr
        assert "Nothing" in warnings[0] and "(reading" not in warnings[0]  # both versions: once
        assert warnings[1].endswith(f"(reading {new})")  # the new version has no enum[1]
        assert "overlay.yaml:" in warnings[0]
    assert outs[0].stdout == outs[1].stdout


def test_diff_imports_no_target_it_does_not_use(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    probe = ("import sys\nfrom generator.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
             "print(sorted(m for m in sys.modules if m.startswith('generator.') and "
             "(m.endswith('.target') or m == 'generator.pipeline')))\n")
    run = subprocess.run([sys.executable, "-c", probe, "diff", str(old), str(new), "--format", "json"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    # the removed enum value breaks requests: the witness uses the python target's validators
    assert json.loads(run.stdout[:run.stdout.rindex("}") + 1])["summary"]["breaking"] == 1
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_a_cold_diff_builds_one_version_in_a_child(pair: tuple[Path, Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.diff import forked, load

    probe = forked.in_child(lambda: b"answer")
    if probe is None:
        pytest.skip("no fork here (not Linux, or a thread is running)")
    assert probe() == b"answer"

    def fail() -> bytes:
        raise ValueError("in the child")

    assert forked.in_child(fail)() is None  # type: ignore[misc]
    old, new = pair
    both = [v.ir for v in load.load_versions([old, new], use_cache=False)]
    monkeypatch.setattr(load, "in_child", lambda work: lambda: None)  # the child failed
    assert [v.ir for v in load.load_versions([old, new], use_cache=False)] == both
    monkeypatch.setattr(load, "in_child", lambda work: None)  # no child at all
    assert [v.ir for v in load.load_versions([old, new], use_cache=False)] == both
    assert both[0].version == "1" and both[1].version == "2"


def test_the_old_versions_error_comes_first(pair: tuple[Path, Path]) -> None:
    """Built at once (one in a child), two broken versions still report the old one's
    error, and a broken new one its own, as when they were built one after the other."""
    old, new = pair
    good = new.read_text()
    for path in (old, new):
        path.write_text("[]")  # not a mapping: refused
    for expected in (old, new):
        out = CliRunner().invoke(main, ["diff", str(old), str(new)])
        assert out.exit_code == 2, out.output
        assert out.stderr.startswith(f"respgen: error: {expected}"), out.stderr
        old.write_text(good)


def test_diff_keeps_its_cache_where_the_project_says(pair: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`[tool.respgen] cache_dir` is where `generate` keeps its cache: `diff` keeps its
    IRs and verdicts there too (not in the user's cache folder)."""
    old, new = pair
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.respgen]\ncache_dir = ".respgen-cache"\n')
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    kept = project / ".respgen-cache"
    assert kept.is_dir() and any(kept.rglob("*"))
    assert not (tmp_path / "cache").exists()  # RESPGEN_CACHE_DIR, the default, untouched
