"""targets/compiled.py: respgen's own templates are compiled once per installation (kept
in __pycache__ as .pyc files are); a run that loads them renders what a run that
compiles them renders, and another Jinja, other settings or a changed template never
get an entry they did not make."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2
import pytest

from generator import pipeline
from generator.config import load_config
from generator.targets import render
from generator.targets.base import get_target
from generator.targets.compiled import FOLDER, CompiledTemplates

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user's Python does by default (this shell or CI may set PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _env(folder: Path, templates: Path | None = None, filters: dict[str, object] | None = None) -> jinja2.Environment:
    """A fresh environment of respgen's own templates (as a new process makes one)."""
    target = get_target("python")
    env = render._environment(render._Environment, [templates or render.builtin_templates() / "python"],
                              target.filters if filters is None else filters)
    env.bytecode_cache = CompiledTemplates(env, folder)
    return env


def _no_compiling(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = env.compile

    def compile(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(str(name))
        return original(source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(env, "compile", compile)
    return compiled


def test_a_second_process_renders_the_same_without_compiling(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config().with_overrides(spec=ROOT / "spec" / "openapi.yaml", use_cache=False)
    ir, _ = pipeline.load_ir(config)
    target = get_target("python")
    first = _env(tmp_path)
    cold = _no_compiling(first, monkeypatch)
    files = target.render(ir, config, first)
    entries = sorted(p.name for p in tmp_path.iterdir())
    assert cold and len(entries) == len(set(cold))  # one entry per template compiled
    second = _env(tmp_path)
    warm = _no_compiling(second, monkeypatch)
    assert target.render(ir, config, second) == files
    assert warm == []  # every template came compiled
    assert sorted(p.name for p in tmp_path.iterdir()) == entries


def test_another_jinja_or_other_filters_get_entries_of_their_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _env(tmp_path).get_template("models.py.j2")
    assert len(list(tmp_path.iterdir())) == 1
    other_filters = _env(tmp_path, filters={**get_target("python").filters, "extra": str})
    compiled = _no_compiling(other_filters, monkeypatch)
    other_filters.get_template("models.py.j2")
    assert compiled == ["models.py.j2"]
    monkeypatch.setattr(jinja2, "__version__", "0.0.0-another")
    another = _env(tmp_path)
    compiled = _no_compiling(another, monkeypatch)
    another.get_template("models.py.j2")
    assert compiled == ["models.py.j2"]
    assert len(list(tmp_path.iterdir())) == 3


def test_a_changed_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("one")
    assert _env(tmp_path / "c", templates).get_template("page.j2").render() == "one"
    (templates / "page.j2").write_text("two")
    env = _env(tmp_path / "c", templates)
    compiled = _no_compiling(env, monkeypatch)
    assert env.get_template("page.j2").render() == "two"
    assert compiled == ["page.j2"]


def test_a_read_only_installation_compiles_each_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")  # a folder under a file can never be made
    env = _env(blocker / "cache")
    assert isinstance(env.get_template("models.py.j2"), jinja2.Template)  # compiled, not kept
    assert not (blocker / "cache").exists()


def test_only_respgen_s_own_templates_are_kept(tmp_path: Path) -> None:
    """An override's environment (sandboxed) has no compiled-templates cache; the shared
    one of respgen's own templates keeps its entries beside the package's .pyc files."""
    target = get_target("python")
    override = tmp_path / "override"
    (override / "python").mkdir(parents=True)
    assert render.environment("python", override, target.filters).bytecode_cache is None
    own = render.environment("python", None, target.filters).bytecode_cache
    assert isinstance(own, CompiledTemplates) and Path(own.directory) == FOLDER
    assert FOLDER.name == "__pycache__" and os.path.basename(FOLDER.parent) == "targets"


def test_nothing_is_written_under_pythondontwritebytecode_but_entries_are_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`PYTHONDONTWRITEBYTECODE` / `python -B`: as for `.pyc` files, no entry is written,
    and one already there is still used."""
    config = load_config().with_overrides(spec=ROOT / "spec" / "openapi.yaml", use_cache=False)
    ir, _ = pipeline.load_ir(config)
    target = get_target("python")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    files = target.render(ir, config, _env(tmp_path / "none"))
    assert not (tmp_path / "none").exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    target.render(ir, config, _env(tmp_path / "kept"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    again = _env(tmp_path / "kept")
    compiled = _no_compiling(again, monkeypatch)
    assert target.render(ir, config, again) == files and compiled == []
