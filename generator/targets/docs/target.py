"""Docs target: Markdown reference pages (`<out>/docs/`), one per operation and type."""

from __future__ import annotations

import jinja2

from ...config import Config
from ...ir import IR
from ..base import Files, Target
from ..lines import trim_lines
from .escaping import FILTERS
from .pages import build_view


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    view = build_view(ir)
    files = {"index.md": env.get_template("index.md.j2").render(view=view)}
    operation = env.get_template("operation.md.j2")
    for _, page in view.operations:
        files[page.path] = operation.render(page=page, view=view)
    type_page = env.get_template("type.md.j2")
    for tpage in view.type_pages:
        files[tpage.path] = type_page.render(page=tpage, view=view)
    return files


def _format(path: str, text: str) -> str:
    """Trailing spaces off, runs of blank lines folded to one, one final newline.
    (No code block we write contains two blank lines in a row: examples are JSON, and
    `md_prose` folds them in a description's code.)"""
    text = trim_lines(text)
    while "\n\n\n" in text:  # as re.sub(r"\n{3,}", "\n\n", text), without a regex's scan
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"


TARGET = Target(
    name="docs",
    description="Markdown reference: a page per operation and per named type, and an index",
    render=render,
    filters=dict(FILTERS),
    format=_format,
    # Markdown the view built with `escaping` (`*_md`), heading anchors (letters, digits,
    # `_`, `-` only) and type kinds (a fixed set of labels: "object", "string enum"...).
    template_safe=("*_md", "anchor", "kind"),
    many_files=True,  # a page per operation and per type
)
