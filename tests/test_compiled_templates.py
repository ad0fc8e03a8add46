"""respgen's own templates compiled ahead (generator/targets/compiled.py): the table is
what Jinja makes of today's templates, Jinja uses it instead of compiling, and a
template whose text changed is compiled as usual."""

from __future__ import annotations

import json

import jinja2
import pytest

from generator.config import Config
from generator.targets import compiled
from generator.targets.base import get_target
from generator.targets.render import _environment, _Environment, builtin_templates


def _fresh_env(target: str = "python") -> jinja2.Environment:
    """A target's own environment, new (not the process's shared one)."""
    return _environment(_Environment, [builtin_templates() / target], get_target(target).filters)


@pytest.mark.parametrize("target", ["python", "docs", "typescript", "html"])
def test_table_is_what_jinja_makes_of_the_templates(target: str) -> None:
    """compiled/<target>.json is current: regenerate with
    `python -m generator.targets.compiled` after editing templates/."""
    stored = json.loads(compiled.table_path(target).read_text(encoding="utf-8"))
    assert stored == compiled.table(_fresh_env(target)), \
        "stale: run `python -m generator.targets.compiled`"


def test_jinja_uses_the_table_instead_of_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    env = _fresh_env()
    compiled.install(env, Config(), "python")
    made: list[str] = []
    generate = env._generate

    def counted(*args: object, **kwargs: object) -> str:
        made.append(str(args[1]))
        return generate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(env, "_generate", counted)
    for name in env.list_templates():
        env.get_template(name)
    assert made == []
    plain = _fresh_env()  # without the table, the same templates are generated
    assert plain.get_template("_errors.py.j2").render(errors=[]) == \
        env.get_template("_errors.py.j2").render(errors=[])


def test_an_override_gets_no_table() -> None:
    """With a templates override (sandboxed), Jinja compiles every template itself."""
    env = _fresh_env()
    compiled.install(env, Config(templates=builtin_templates()), "python")
    assert env.bytecode_cache is None


def test_a_changed_template_is_compiled_not_taken_from_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry whose checksum is not the template's (an edited template) is ignored:
    the template renders as its current text says."""
    env = _fresh_env()
    cache = compiled.Precompiled({"jinja": jinja2.__version__, "templates": {
        "_raw.py.j2": ["0" * 40, "raise AssertionError('stale code used')"]}})
    env.bytecode_cache = cache
    text = (builtin_templates() / "python" / "_raw.py.j2").read_text(encoding="utf-8")
    assert env.get_template("_raw.py.j2").render() == text
    other = compiled.Precompiled({"jinja": "0.0", "templates": {  # made by another Jinja
        "_raw.py.j2": [cache.get_source_checksum(text), "raise AssertionError('other Jinja')"]}})
    env = _fresh_env()
    env.bytecode_cache = other
    assert env.get_template("_raw.py.j2").render() == text
