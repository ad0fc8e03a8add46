"""targets/render.py's environments: a changed template is read again on the next run
(looked at once a run, not at every page), and template globals stay Jinja's."""

from __future__ import annotations

import os
from pathlib import Path

from generator.targets import render


def test_a_changed_template_is_read_again_on_the_next_run_only(tmp_path: Path) -> None:
    page = tmp_path / "page.j2"
    page.write_text("{% import '_m.j2' as m %}{{ m.word() }}")
    macros = tmp_path / "_m.j2"
    macros.write_text("{% macro word() %}one{% endmacro %}")
    env = render._environment(render._Environment, [tmp_path], {})
    assert isinstance(env.loader, render._Loader)
    assert env.get_template("page.j2").render() == "one"
    macros.write_text("{% macro word() %}two{% endmacro %}")
    os.utime(macros, (1, 1))  # a different mtime, however coarse the file system's clock
    assert env.get_template("page.j2").render() == "one"  # the same run
    env.loader.runs += 1  # what environment() does when it hands the shared one out again
    assert env.get_template("page.j2").render() == "two"


def test_template_globals_are_jinja_s(tmp_path: Path) -> None:
    (tmp_path / "g.j2").write_text("{{ range(3) | list }} {{ namespace(a=1).a }} {{ x }}")
    for kind in (render._Environment, render._SandboxedEnvironment):
        env = render._environment(kind, [tmp_path], {})
        assert env.get_template("g.j2", globals={"x": "given"}).render() == "[0, 1, 2] 1 given"
