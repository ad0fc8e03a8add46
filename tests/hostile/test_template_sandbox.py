"""A templates folder named by the pyproject.toml of the folder you generate in is a
vendor's code: templates render in Jinja's sandbox, so a template reaches no Python
internals. Each payload runs through the real command, from the repository's folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from generator.config import Config
from generator.targets.base import available_targets
from generator.targets.render import builtin_templates, environment
from harness import Generated
from test_broken_specs import HEAD, LINE, respgen, write_spec

ESCAPES = {
    "cycler globals": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "subclasses": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
                  "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'MARKER']) }}{% endif %}{% endfor %}",
    "format string": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "mutating a value": "{% set x = view.definitions.clear() %}{{ x }}",
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_a_repository_template_cannot_run_code(tmp_path: Path, case: str) -> None:
    write_spec(tmp_path, {
        "spec/openapi.yaml": HEAD,
        "pyproject.toml": '[tool.respgen]\nspec = "spec/openapi.yaml"\nout = "out"\n'
                          'templates = "tpl"\ntargets = ["python"]\n',
        "tpl/python/models.py.j2": "# models\n" + ESCAPES[case] + "\n"})
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--no-cache")
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and not LINE.match(lines[0]), lines
    assert lines[0].startswith("respgen: error: template error in target 'python': "
                               f"{tmp_path / 'tpl/python/models.py.j2'}:2: "), lines[0]
    assert "unsafe" in lines[0] or "not safely callable" in lines[0], lines[0]
    assert not (tmp_path / "MARKER").exists()
    assert not (tmp_path / "out").exists()


def test_a_harmless_override_still_renders(tmp_path: Path) -> None:
    own = (builtin_templates() / "python" / "models.py.j2").read_text()
    write_spec(tmp_path, {
        "spec/openapi.yaml": HEAD + "components: {schemas: {A: {type: string}}}\n",
        "tpl/python/models.py.j2": own.replace("from enum import", "# house style\nfrom enum import")})
    run = respgen(tmp_path, "generate", "--package", "openresponses", "--no-cache", "--spec", "spec/openapi.yaml",
                  "--out", "out", "--templates", "tpl")
    assert run.returncode == 0, run.stderr
    models = (tmp_path / "out/python/openresponses/models.py").read_text()
    assert "# house style" in models and "A: TypeAlias = StrictStr" in models


def test_only_an_override_folder_is_sandboxed(tmp_path: Path, ours: Generated) -> None:
    """respgen's own templates are trusted and render in a plain environment (no check
    on every attribute they read); with an override folder every template of the target
    renders in the sandbox. Both write the same files, for every target."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "probe.md.j2").write_text("{{ ''.__class__.__mro__[1].__name__ }}")
    config = Config(spec=ours.spec, out=tmp_path / "out", package=ours.package, root=tmp_path,
                    use_cache=False)
    for name, target in sorted(available_targets().items()):
        plain = environment(name, None, target.filters)
        boxed = environment(name, tmp_path, target.filters)
        assert not isinstance(plain, SandboxedEnvironment), name
        assert isinstance(boxed, ImmutableSandboxedEnvironment), name
        # ours compile once per process; an override folder's are never shared
        assert environment(name, None, dict(target.filters)) is plain, name
        assert environment(name, tmp_path, target.filters) is not boxed, name
        assert target.render(ours.ir, config, plain) == target.render(ours.ir, config, boxed), name
    boxed = environment("docs", tmp_path, available_targets()["docs"].filters)
    with pytest.raises(SecurityError):
        boxed.get_template("probe.md.j2").render()
    assert environment("docs", None, {}).from_string(
        "{{ ''.__class__.__mro__[1].__name__ }}").render() == "object"
