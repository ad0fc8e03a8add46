"""html target: a static, self-contained reference site (`<out>/html/`).

An index, a page per operation and per named type, one stylesheet and two scripts of
ours (the search box and its index). Pages carry a Content-Security-Policy that allows
no inline or remote script and no network at view time; nothing is fetched from a CDN.
"""

from __future__ import annotations

import re

import jinja2

from ...config import Config
from ...ir import IR
from ..base import Files, Target
from ..lines import trim_lines
from .escaping import FILTERS
from .view import build_view


def render(ir: IR, config: Config, env: jinja2.Environment) -> Files:
    view = build_view(ir)
    files = {"index.html": env.get_template("index.html.j2").render(view=view, page=view)}
    operation = env.get_template("operation.html.j2")
    for page in view.operations:
        files[page.path_href] = operation.render(page=page, view=view)
    type_page = env.get_template("type.html.j2")
    for tpage in [t for _, t, _ in view.types]:
        files[tpage.path_href] = type_page.render(page=tpage, view=view)
    for asset in ("style.css", "search.js", "search-index.js"):
        files[f"assets/{asset}"] = env.get_template(f"{asset}.j2").render(view=view)
    return files


_BLANK_LINES = re.compile(r"\n\s*\n")


def _format(path: str, text: str) -> str:
    """Trailing spaces off, blank lines dropped (none is inside a `<pre>`: code and
    examples are written on one line of HTML each), one final newline."""
    return _BLANK_LINES.sub("\n", trim_lines(text)).strip("\n") + "\n"


TARGET = Target(
    name="html",
    description="HTML reference site: index, a page per operation and per type, search",
    render=render,
    filters=dict(FILTERS),
    format=_format,
    # HTML the view built with `escaping` (`*_html`), ids we allocated (letters, digits,
    # `_`, `-`, `.` only) and paths to our own pages and assets (`*_href`).
    template_safe=("*_html", "anchor", "*_href"),
    many_files=True,  # a page per operation and per type
)
