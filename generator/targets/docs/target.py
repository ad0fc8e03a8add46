"""Docs target: Markdown reference pages (`<out>/docs/`), one per operation and type."""

from __future__ import annotations

import re

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
    return _BLANKS.sub("\n\n", trim_lines(text)).strip("\n") + "\n"


# Runs of blank lines. Written as a literal prefix, not `\n{3,}`: the regex engine then
# skips to each "\n\n\n" instead of trying every position (2 ms instead of 16 on the
# docs' pages).
_BLANKS = re.compile("\n\n\n+")


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
