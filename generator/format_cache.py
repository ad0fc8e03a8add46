"""Formatting generated Python with black, only where it is needed, remembered.

Templates already lay code out the way black does; what black still changes
are long lines (split at brackets), escaped quotes, exponent floats and
docstrings ending in a quote or backslash. The module is cut into its top-level
statements (found with `ast`, so no text inside a string can fool it); only pieces with
one of those traits go through black, each remembered by content hash, so a
piece is never formatted twice. `black --check` over every real spec's output
(tests/test_upstream_specs.py) proves the result is what black would make.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

_cache_dir: Path | None = None
_RISKY = re.compile(r'\\|\d[eE][+-]?\d|"""""|^.{89,}$', re.MULTILINE)


def configure(cache_dir: Path | None) -> None:
    global _cache_dir
    _cache_dir = cache_dir


def format_python(text: str) -> str:
    """black-formatted text, running black only on the pieces that need it."""
    lines = text.splitlines(keepends=True)
    statements = ast.parse(text).body
    starts = [node.lineno - 1 for i, node in enumerate(statements)
              if i == 0 or not _is_docstring(node)] + [len(lines)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out = []
    for begin, end in zip(starts, starts[1:]):
        body = "".join(lines[begin:end]).rstrip("\n")
        blank = min(len("".join(lines[begin:end])) - len(body) - 1, 2)  # black: at most 2
        if _RISKY.search(body):
            body = _black(body + "\n").rstrip("\n")
        out.append(body + "\n" + "\n" * blank)
    return "".join(out).rstrip("\n") + "\n"


def _is_docstring(node: ast.stmt) -> bool:
    """A bare string after a statement documents it: keep the two in one piece."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


def _black(text: str) -> str:
    import black  # imported only when something needs formatting

    key = hashlib.sha256(f"black-{black.__version__}\0".encode() + text.encode()).hexdigest()
    entry = _cache_dir / "black" / key if _cache_dir else None
    if entry is not None:
        try:
            return entry.read_text(encoding="utf-8")
        except OSError:
            pass
    mode: Any = black.Mode(target_versions={black.TargetVersion.PY311})
    formatted: str = black.format_str(text, mode=mode)
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(formatted)
            os.replace(tmp, entry)
        except OSError:
            pass
    return formatted


__all__ = ["configure", "format_python"]
