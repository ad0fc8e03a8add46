"""The output folder is the user's: their symlinks inside `out/<target>` stay symlinks,
`out/<target>` may itself be a symlink (no stage folder left behind), nothing is written
through a link, and generated file names can all exist on case-insensitive and Windows
file systems. Through the real command, twice (the second run swaps a new version in)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.output.writer import write_target
from test_broken_specs import HEAD, LINE, every_target, respgen, write_spec

SPEC = HEAD + "components:\n  schemas:\n    A: {type: string}\n"


def _generate(root: Path, version: str, *extra: str) -> None:
    (root / "spec" / "openapi.yaml").write_text(SPEC.replace("version: '1'", f"version: '{version}'"))
    run = respgen(root, "generate", "--package", "openresponses", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache",
                  "--target", "python", *extra)
    assert run.returncode == 0, run.stderr


def _strays(*folders: Path) -> list[str]:
    return [p.name for f in folders for p in f.iterdir() if p.name.startswith(".respgen-stage")]


def test_symlinks_inside_the_target_folder_stay_symlinks(tmp_path: Path) -> None:
    write_spec(tmp_path, {"spec/openapi.yaml": SPEC, "mine/notes.txt": "mine\n"})
    _generate(tmp_path, "1")
    py = tmp_path / "out" / "python"
    (py / "my-folder").symlink_to("../../mine")
    (py / "my-file").symlink_to("../../mine/notes.txt")
    (py / "dangling").symlink_to("nowhere")
    for version in ("2", "3"):
        _generate(tmp_path, version)
        for name, target in (("my-folder", "../../mine"), ("my-file", "../../mine/notes.txt"),
                             ("dangling", "nowhere")):
            assert (py / name).is_symlink() and os.readlink(py / name) == target, name
        assert (py / "my-folder" / "notes.txt").read_text() == "mine\n"
        assert f"version = \"{version}\"" in (py / "pyproject.toml").read_text()
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["notes.txt"]
    assert not _strays(tmp_path / "out")


def test_a_symlinked_target_folder_is_written_through_and_left_a_symlink(tmp_path: Path) -> None:
    write_spec(tmp_path, {"spec/openapi.yaml": SPEC})
    (tmp_path / "sdk" / "python").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "python").symlink_to("../sdk/python")
    for version in ("1", "2"):
        _generate(tmp_path, version)
        assert os.readlink(tmp_path / "out" / "python") == "../sdk/python"
        assert f"version = \"{version}\"" in (tmp_path / "sdk/python/pyproject.toml").read_text()
    assert not _strays(tmp_path / "out", tmp_path / "sdk")


def test_nothing_is_written_through_a_users_symlink(tmp_path: Path) -> None:
    write_spec(tmp_path, {"spec/openapi.yaml": SPEC, "elsewhere/keep.txt": "keep\n"})
    _generate(tmp_path, "1")
    package = tmp_path / "out" / "python" / "openresponses"
    for path in sorted(package.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    package.rmdir()
    package.symlink_to("../../elsewhere")
    (tmp_path / "spec" / "openapi.yaml").write_text(SPEC.replace("'1'", "'2'"))
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "spec/openapi.yaml", "--out", "out",
                  "--no-cache", "--force")
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1, run.stderr
    assert "openresponses is a symlink respgen did not make; refusing" in run.stderr
    assert sorted(p.name for p in (tmp_path / "elsewhere").iterdir()) == ["keep.txt"]
    assert os.readlink(package) == "../../elsewhere"


NAMES = HEAD.replace("paths: {}", """paths:
  /a:
    get:
      responses:
        4XX: {description: a, content: {application/json: {schema: {$ref: '#/components/schemas/CON'}}}}
        4xx: {description: b, content: {application/json: {schema: {$ref: '#/components/schemas/nul'}}}}
        default: {description: c, content: {application/json: {schema: {$ref: '#/components/schemas/Aux'}}}}
  /b:
    get: {operationId: CON, responses: {'200': {description: d}}}
  /c:
    get: {operationId: com1, responses: {'200': {description: e}}}""") + """components:
  schemas:
    CON: {type: string}
    nul: {type: integer}
    Aux: {type: object, properties: {lpt1: {type: string}}}
    Com1: {type: boolean}
    com1: {type: number}
"""
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
            *(f"lpt{i}" for i in range(1, 10))}


def test_file_names_are_unique_ignoring_case_and_never_reserved(tmp_path: Path) -> None:
    write_spec(tmp_path, {"spec/openapi.yaml": NAMES})
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "spec/openapi.yaml", "--out", "out",
                  "--no-cache", *every_target())
    assert run.returncode == 0, run.stderr
    files = [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")]
    assert len({f.casefold() for f in files}) == len(files)
    parts = {part.split(".")[0].lower() for f in files for part in f.split("/")}
    assert not parts & RESERVED, sorted(parts & RESERVED)
    schemas = sorted(f for f in files if f.startswith("jsonschema/get-a/"))
    assert schemas == ["jsonschema/get-a/response-4xx-2.schema.json",
                       "jsonschema/get-a/response-4xx.schema.json",
                       "jsonschema/get-a/response-default.schema.json"]


@pytest.mark.parametrize("names", [["a.md", "A.md"], ["x/a.md", "X/b.md"], ["con.md"],
                                   ["types/NUL"], ["com1.schema.json"], ["Lpt9/x"]])
def test_the_writer_refuses_names_no_file_system_can_hold_all_of(tmp_path: Path,
                                                                   names: list[str]) -> None:
    """Defence in depth, whatever a target (or plugin) returns."""
    with pytest.raises(ConfigError, match="device name on Windows|differ only in case"):
        write_target(tmp_path / "out" / "t", {name: "x" for name in names}, {"target": "t"})
    assert not (tmp_path / "out").exists()


def test_a_dangling_target_symlink_is_one_line(tmp_path: Path) -> None:
    write_spec(tmp_path, {"spec/openapi.yaml": SPEC})
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "python").symlink_to("../gone")
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache")
    assert run.returncode == 2 and not LINE.match(run.stderr), run.stderr
    assert run.stderr.splitlines() == [f"respgen: error: {tmp_path}/out/python is a symlink to "
                                       "nothing (or a loop); refusing to write there"]
    assert not (tmp_path / "gone").exists()
